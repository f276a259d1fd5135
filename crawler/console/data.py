"""What each console page reads from Elasticsearch. Plain functions over a client, no web types.

Search terms go through ``simple_query_string`` (it never raises on bad syntax and supports no
field or regex tricks beyond its small operator set); every other filter is a ``term``/``range``
built from validated values, so user input is never spliced into a query string.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, NotFoundError, helpers

from crawler.store.mappings import CRAWLS, LISTINGS, SELLERS, TAKEDOWNS

SEARCH_FIELDS = ("title", "description", "shop_name")
# Ties end on the document's own keys so pages and the review queue keep a stable order.
_TIES: list[dict[str, Any]] = [{"platform": {"order": "asc"}}, {"listing_id": {"order": "asc"}}]
SORTS: dict[str, list[dict[str, Any]]] = {
    "risk": [{"risk_score": {"order": "desc"}}, {"last_seen": {"order": "desc"}}, *_TIES],
    "newest": [{"last_seen": {"order": "desc"}}, *_TIES],
    "first_seen": [{"first_seen": {"order": "desc"}}, *_TIES],
    "relevance": [{"_score": {"order": "desc"}}, {"risk_score": {"order": "desc"}}, *_TIES],
}
REVIEW_STATES = ("unreviewed", "confirmed", "rejected")
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default index.max_result_window
EXPORT_LIMIT = 10_000
MAX_STATUS_IDS = 10_000  # takedown-status filter: ids looked up in simwatch-takedowns


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    platform: str | None = None
    carrier: str | None = None
    violation: str | None = None
    takedown_status: str | None = None
    review: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    risk_min: int | None = None
    risk_max: int | None = None
    sort: str = "risk"
    page: int = 1
    size: int = 25

    def query_args(self, **changes: Any) -> dict[str, str]:
        """The non-empty parameters as strings (for links to other pages or an export)."""
        values = {**self.__dict__, **changes}
        return {k: str(v) for k, v in values.items() if v not in (None, "")}


def search_query(client: Elasticsearch, params: SearchParams) -> dict[str, Any]:
    must: list[dict[str, Any]] = []
    filters: list[dict[str, Any]] = []
    must_not: list[dict[str, Any]] = []
    if params.q:
        must.append({"simple_query_string": {
            "query": params.q, "fields": list(SEARCH_FIELDS), "default_operator": "and",
        }})
    for name, value in (("platform", params.platform), ("carriers", params.carrier),
                        ("violations", params.violation)):
        if value:
            filters.append({"term": {name: value}})
    if params.review == "unreviewed":
        must_not.append({"exists": {"field": "review.state"}})
    elif params.review:
        filters.append({"term": {"review.state": params.review}})
    window: dict[str, str] = {}
    if params.date_from:
        window["gte"] = params.date_from.isoformat()
    if params.date_to:
        window["lte"] = params.date_to.isoformat() + "T23:59:59Z"
    if window:
        filters.append({"range": {"last_seen": window}})
    risk: dict[str, int] = {}
    if params.risk_min is not None:
        risk["gte"] = params.risk_min
    if params.risk_max is not None:
        risk["lte"] = params.risk_max
    if risk:
        filters.append({"range": {"risk_score": risk}})
    if params.takedown_status:
        # Takedown status lives in simwatch-takedowns (same ids as the listings).
        ids = takedown_ids(client, params.takedown_status)
        filters.append({"ids": {"values": ids or ["-"]}})
    if not (must or filters or must_not):
        return {"match_all": {}}
    return {"bool": {"must": must, "filter": filters, "must_not": must_not}}


def takedown_ids(client: Elasticsearch, status: str) -> list[str]:
    try:
        response = client.search(index=TAKEDOWNS, query={"term": {"status": status}},
                                 size=MAX_STATUS_IDS, source=False)
    except NotFoundError:
        return []
    return [hit["_id"] for hit in response["hits"]["hits"]]


@dataclass
class SearchResult:
    total: int
    hits: list[dict[str, Any]]
    takedowns: dict[str, dict[str, Any]] = field(default_factory=dict)


def search(client: Elasticsearch, params: SearchParams) -> SearchResult:
    start = (params.page - 1) * params.size
    size = max(0, min(params.size, MAX_RESULT_WINDOW - start))
    try:
        response = client.search(
            index=LISTINGS, query=search_query(client, params), sort=SORTS[params.sort],
            from_=start, size=size, track_total_hits=True,
            source_excludes=["description"],
        )
    except NotFoundError:
        return SearchResult(0, [])
    hits = [{"doc_id": hit["_id"], **hit["_source"]} for hit in response["hits"]["hits"]]
    total = int(response["hits"]["total"]["value"])
    return SearchResult(total, hits, takedowns_for(client, [h["doc_id"] for h in hits]))


def iter_search(client: Elasticsearch, params: SearchParams, limit: int = EXPORT_LIMIT
                ) -> Iterator[dict[str, Any]]:
    """Every hit of the search (up to ``limit``), in the search's sort order."""
    body = {"query": search_query(client, params), "sort": SORTS[params.sort]}
    try:
        for count, hit in enumerate(helpers.scan(client, index=LISTINGS, query=body,
                                                 preserve_order=True, size=500)):
            if count >= limit:
                return
            yield {"doc_id": hit["_id"], **hit["_source"]}
    except NotFoundError:
        return


def takedowns_for(client: Elasticsearch, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    if not doc_ids:
        return {}
    try:
        response = client.mget(index=TAKEDOWNS, ids=doc_ids)
    except NotFoundError:
        return {}
    return {doc["_id"]: doc["_source"] for doc in response["docs"] if doc.get("found")}


def get_listing(client: Elasticsearch, doc_id: str) -> dict[str, Any] | None:
    try:
        return {"doc_id": doc_id, **client.get(index=LISTINGS, id=doc_id)["_source"]}
    except NotFoundError:
        return None


def get_takedown(client: Elasticsearch, doc_id: str) -> dict[str, Any] | None:
    try:
        return dict(client.get(index=TAKEDOWNS, id=doc_id)["_source"])
    except NotFoundError:
        return None


def seller_for(client: Elasticsearch, listing: Mapping[str, Any]) -> dict[str, Any] | None:
    from crawler.takedowns.network import seller_id

    sid = seller_id(str(listing.get("platform") or ""), listing.get("shop_id"),
                    listing.get("shop_name"))
    if not sid:
        return None
    try:
        return {"seller_id": sid, **client.get(index=SELLERS, id=sid)["_source"]}
    except NotFoundError:
        return {"seller_id": sid}


def shop_listings(client: Elasticsearch, listing: Mapping[str, Any], size: int = 10
                  ) -> tuple[int, list[dict[str, Any]]]:
    """Other listings of the same shop, riskiest first."""
    if not listing.get("shop_id"):
        return 0, []
    query = {"bool": {"filter": [{"term": {"platform": listing.get("platform")}},
                                 {"term": {"shop_id": listing.get("shop_id")}}]}}
    response = client.search(index=LISTINGS, query=query, size=size, track_total_hits=True,
                             sort=SORTS["risk"], source=["title", "risk_score", "violations",
                                                        "takedown", "review"])
    hits = [{"doc_id": hit["_id"], **hit["_source"]} for hit in response["hits"]["hits"]]
    return int(response["hits"]["total"]["value"]), hits


# --- review queue -------------------------------------------------------------------------------

def review_queue_query() -> dict[str, Any]:
    """Listings waiting for a reviewer: flagged for review or flagged for takedown, undecided."""
    return {"bool": {
        "should": [{"term": {"needs_review": True}}, {"term": {"takedown": True}}],
        "minimum_should_match": 1,
        "must_not": [{"exists": {"field": "review.state"}}],
    }}


def review_queue(client: Elasticsearch, skip: list[str], size: int = 20
                 ) -> tuple[int, list[dict[str, Any]]]:
    query = review_queue_query()
    if skip:
        query["bool"]["must_not"].append({"ids": {"values": skip}})
    try:
        response = client.search(index=LISTINGS, query=query, size=size, track_total_hits=True,
                                  sort=[{"needs_review": {"order": "desc"}}, *SORTS["risk"]])
    except NotFoundError:
        return 0, []
    hits = [{"doc_id": hit["_id"], **hit["_source"]} for hit in response["hits"]["hits"]]
    return int(response["hits"]["total"]["value"]), hits


# --- overview -----------------------------------------------------------------------------------

def overview(client: Elasticsearch, days: int = 30) -> dict[str, Any]:
    flagged = {"term": {"takedown": True}}
    try:
        response = client.search(index=LISTINGS, size=0, track_total_hits=True, query=flagged, aggs={
            "per_day": {"date_histogram": {"field": "first_seen", "calendar_interval": "day"},
                        "aggs": {"platform": {"terms": {"field": "platform", "size": 20}}}},
            "violations": {"terms": {"field": "violations", "size": 20}},
            "sellers": {"terms": {"field": "shop_name.raw", "size": 10},
                        "aggs": {"platform": {"terms": {"field": "platform", "size": 3}},
                                 "risk": {"max": {"field": "risk_score"}}}},
            "platforms": {"terms": {"field": "platform", "size": 20}},
        })
        totals = client.search(index=LISTINGS, size=0, track_total_hits=True, aggs={
            "sim": {"filter": {"term": {"sim_listing": True}}},
            "review": {"terms": {"field": "review.state", "size": 5}},
        })
    except NotFoundError:
        return {"listings": 0, "flagged": 0, "days": [], "platforms": [], "violations": [],
                "sellers": [], "reviews": {}, "crawl": []}
    aggs = response["aggregations"]
    day_buckets = aggs["per_day"]["buckets"][-days:]
    platforms = [b["key"] for b in aggs["platforms"]["buckets"]]
    return {
        "listings": int(totals["hits"]["total"]["value"]),
        "sim": int(totals["aggregations"]["sim"]["doc_count"]),
        "flagged": int(response["hits"]["total"]["value"]),
        "platforms": platforms,
        "days": [(b["key_as_string"][:10],
                  {p["key"]: p["doc_count"] for p in b["platform"]["buckets"]})
                 for b in day_buckets],
        "violations": [(b["key"], b["doc_count"]) for b in aggs["violations"]["buckets"]],
        "sellers": [{"name": b["key"], "flagged": b["doc_count"],
                     "platforms": [p["key"] for p in b["platform"]["buckets"]],
                     "max_risk": int(b["risk"]["value"] or 0)} for b in aggs["sellers"]["buckets"]],
        "reviews": {b["key"]: b["doc_count"] for b in totals["aggregations"]["review"]["buckets"]},
        "crawl": crawl_health(client),
    }


def crawl_health(client: Elasticsearch) -> list[dict[str, Any]]:
    """Per platform over every recorded run: pages, blocked rate, drift alarms."""
    try:
        response = client.search(index=CRAWLS, size=0, query={"term": {"kind": "platform"}}, aggs={
            "platform": {"terms": {"field": "platform", "size": 50}, "aggs": {
                "pages": {"sum": {"field": "pages"}},
                "blocked": {"sum": {"field": "blocked_pages"}},
                "drift": {"sum": {"field": "drift_alarms"}},
            }},
        })
    except NotFoundError:
        return []
    rows = []
    for bucket in response["aggregations"]["platform"]["buckets"]:
        pages = int(bucket["pages"]["value"] or 0)
        blocked = int(bucket["blocked"]["value"] or 0)
        drift = int(bucket["drift"]["value"] or 0)
        total = max(pages, blocked)
        rows.append({"platform": bucket["key"], "runs": bucket["doc_count"], "pages": pages,
                     "blocked": blocked, "blocked_rate": blocked / total if total else 0.0,
                     "drift": drift, "drift_rate": drift / pages if pages else 0.0})
    return rows


# --- takedowns ----------------------------------------------------------------------------------

def takedown_summary(client: Elasticsearch) -> dict[str, Any]:
    try:
        response = client.search(index=TAKEDOWNS, size=0, aggs={
            "platform": {"terms": {"field": "platform", "size": 50},
                         "aggs": {"status": {"terms": {"field": "status", "size": 10}}}},
            "batches": {"terms": {"field": "batch_id", "size": 100, "order": {"_key": "desc"}},
                        "aggs": {"status": {"terms": {"field": "status", "size": 10}}}},
        })
        rechecked = client.search(
            index=TAKEDOWNS, size=30, sort=[{"status_at": {"order": "desc"}}],
            query={"terms": {"status": ["removed", "relisted", "acknowledged", "rejected"]}})
    except NotFoundError:
        return {"platforms": [], "batches": [], "closed": []}
    aggs = response["aggregations"]
    return {
        "platforms": [{"platform": b["key"], "total": b["doc_count"],
                       "status": {s["key"]: s["doc_count"] for s in b["status"]["buckets"]}}
                      for b in aggs["platform"]["buckets"]],
        "batches": [{"batch_id": b["key"], "total": b["doc_count"],
                     "status": {s["key"]: s["doc_count"] for s in b["status"]["buckets"]}}
                    for b in aggs["batches"]["buckets"]],
        "closed": [{"doc_id": hit["_id"], **hit["_source"]} for hit in rechecked["hits"]["hits"]],
    }


def batch_takedowns(client: Elasticsearch, batch_id: str, status: str) -> list[str]:
    query = {"bool": {"filter": [{"term": {"batch_id": batch_id}}, {"term": {"status": status}}]}}
    try:
        return [hit["_id"] for hit in helpers.scan(client, index=TAKEDOWNS,
                                                   query={"query": query})]
    except NotFoundError:
        return []


# --- runs ---------------------------------------------------------------------------------------

def runs(client: Elasticsearch, limit: int = 50) -> list[dict[str, Any]]:
    from crawler.commands.runs import fetch_runs

    try:
        return fetch_runs(client, limit)
    except NotFoundError:
        return []


# --- evidence -----------------------------------------------------------------------------------

@dataclass
class Evidence:
    evidence_id: str
    run_dir: Path
    entry: dict[str, Any] | None
    problems: list[str]

    def file(self, suffix: str) -> Path | None:
        """The capture's file whose name ends with ``suffix`` (inside the run directory only)."""
        if not self.entry:
            return None
        for relative in self.entry.get("files", {}):
            if str(relative).endswith(suffix):
                path = (self.run_dir / relative).resolve()
                if path.is_relative_to(self.run_dir.resolve()) and path.is_file():
                    return path
        return None


def find_evidence(directory: Path, evidence_id: str | None) -> Evidence | None:
    """The manifest entry of ``evidence_id`` (``<run>/<seq>``) and the run's hash-chain check."""
    from crawler.takedowns.evidence import MANIFEST, verify

    if not evidence_id or "/" not in evidence_id:
        return None
    run_id = evidence_id.split("/", 1)[0]
    try:
        problems = [str(p) for p in verify(directory, run_id)]
    except ValueError as exc:  # a malformed run id
        return Evidence(evidence_id, directory, None, [str(exc)])
    run_dir = directory / run_id
    entry = None
    manifest = run_dir / MANIFEST
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            try:
                candidate = json.loads(line)
            except ValueError:
                continue
            if isinstance(candidate, dict) and candidate.get("evidence_id") == evidence_id:
                entry = candidate
                break
    return Evidence(evidence_id, run_dir, entry, problems)
