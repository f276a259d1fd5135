"""Elasticsearch indices as code: index templates, versioned concrete indices, aliases.

Every logical index is an alias (``simwatch-listings``) pointing at one concrete index
``<alias>-v<N>``. An index template matching ``<alias>-v*`` carries the mapping, so a new version
created by :func:`migrate` picks up the mapping in this file. Change a mapping here, bump its
``version``, then run ``simwatch es migrate --index <alias>`` (while no crawl is writing).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers

# Aliases are defined once (crawler/store/indices.py); re-exported here for existing importers.
from crawler.platforms.base import BLOCK_REASONS
from crawler.store.indices import CRAWLS, LISTINGS, SELLERS, TAKEDOWNS, WHITELIST  # noqa: F401

log = logging.getLogger(__name__)

# --- field building blocks ------------------------------------------------------------------
KEYWORD: dict[str, Any] = {"type": "keyword", "ignore_above": 1024}
BOOLEAN: dict[str, Any] = {"type": "boolean"}
INTEGER: dict[str, Any] = {"type": "integer"}
LONG: dict[str, Any] = {"type": "long"}
FLOAT: dict[str, Any] = {"type": "float"}
DOUBLE: dict[str, Any] = {"type": "double"}
# Crawler timestamps are ISO-8601 UTC; observed_at is a plain date. Accept both everywhere.
DATE: dict[str, Any] = {"type": "date", "format": "strict_date_optional_time||yyyy-MM-dd||epoch_millis"}


def cjk_text(raw_limit: int = 1024) -> dict[str, Any]:
    """Chinese/Japanese/Korean text (built-in ``cjk`` analyzer: bigrams) plus an exact ``.raw``."""
    return {
        "type": "text",
        "analyzer": "cjk",
        "fields": {"raw": {"type": "keyword", "ignore_above": raw_limit}},
    }


LISTING_FIELDS: dict[str, Any] = {
    "platform": KEYWORD,
    "listing_id": KEYWORD,
    "title": cjk_text(),
    "url": KEYWORD,
    "description": cjk_text(),
    "price": DOUBLE,
    "shop_name": cjk_text(),
    "shop_id": KEYWORD,
    "shop_url": KEYWORD,
    "location": {"type": "keyword", "ignore_above": 256, "fields": {"text": {"type": "text", "analyzer": "cjk"}}},
    "observed_at": DATE,
    "keyword": KEYWORD,
    "page_url": KEYWORD,
}

VERDICT_FIELDS: dict[str, Any] = {
    "sim_listing": BOOLEAN,
    "carriers": KEYWORD,
    "foreign": BOOLEAN,
    "authorised": BOOLEAN,
    # The match entry's shape belongs to the whitelist package; index the fields dashboards use
    # and keep the rest in _source only (dynamic: false).
    "whitelist_match": {
        "type": "object",
        "dynamic": False,
        "properties": {
            "authorised": BOOLEAN,
            "method": KEYWORD,
            "score": FLOAT,
            "reason": cjk_text(),
        },
    },
    "violations": KEYWORD,
    "risk_score": INTEGER,
    "takedown": BOOLEAN,
    "reasons": cjk_text(),
    "classifier_version": KEYWORD,
    "whitelist_snapshots": KEYWORD,
    "rules_fired": KEYWORD,
    # Set on listings by the evidence pipeline (screenshot/page capture of a flagged listing).
    "evidence_id": KEYWORD,
    "evidence_sha256": KEYWORD,
}

# The classifier's review flags (#16) and the reviewer's decision written by the console (#19,
# crawler/console/reviews.py). New fields only: the console also adds them in place
# (put_mapping) to listings indices created before them.
REVIEW_FIELDS: dict[str, Any] = {
    "authorisation": KEYWORD,
    "confidence": FLOAT,
    "needs_review": BOOLEAN,
    "review_reasons": KEYWORD,
    "review": {
        "type": "object",
        "properties": {"state": KEYWORD, "by": KEYWORD, "at": DATE, "verdict_version": KEYWORD},
    },
}

SEEN_FIELDS: dict[str, Any] = {
    "first_seen": DATE,
    "last_seen": DATE,
    "last_seen_ms": LONG,  # epoch ms of last_seen: painless can compare numbers portably
    "times_seen": INTEGER,
    "crawl_run_id": KEYWORD,
}

STATUS_HISTORY: dict[str, Any] = {
    "type": "object",
    "properties": {"status": KEYWORD, "at": DATE, "by": KEYWORD, "note": cjk_text()},
}

SELLER_FIELDS: dict[str, Any] = {
    "platform": KEYWORD,
    "shop_id": KEYWORD,
    "shop_name": cjk_text(),
    "shop_url": KEYWORD,
    "credit_code": KEYWORD,
    "company_name": cjk_text(),
    "agent_marks": cjk_text(),
    "location": LISTING_FIELDS["location"],
    "carriers": KEYWORD,
    "violations": KEYWORD,
    "authorised": BOOLEAN,
    "listings_seen": INTEGER,
    "listings_flagged": INTEGER,
    "max_risk_score": INTEGER,
    "shop_page_fetched_at": DATE,  # crawler.pipelines.sellers.seller_document
    # Seller networks (crawler.takedowns.network.write_sellers): shared contacts link shops.
    "contacts": KEYWORD,
    "network_id": KEYWORD,
    "network_size": INTEGER,
    "network_platforms": KEYWORD,
    "network_risk_bonus": INTEGER,
    "network_takedowns": INTEGER,
    **SEEN_FIELDS,
}

TAKEDOWN_FIELDS: dict[str, Any] = {
    **LISTING_FIELDS,
    "carriers": KEYWORD,
    "violations": KEYWORD,
    "reasons": cjk_text(),
    "risk_score": INTEGER,
    "status": KEYWORD,
    "history": STATUS_HISTORY,
    "evidence_id": KEYWORD,
    "evidence_sha256": KEYWORD,
    "batch_id": KEYWORD,
    "status_at": DATE,
    # crawler.takedowns.lifecycle stamps `<status>_at` on each transition.
    **{f"{status}_at": DATE for status in ("detected", "queued", "sent", "acknowledged",
                                            "removed", "rejected", "relisted")},
    "hours_to_removal": FLOAT,  # removed_at - sent_at
}

WHITELIST_FIELDS: dict[str, Any] = {
    "snapshot_id": KEYWORD,
    "carrier": KEYWORD,
    "carriers": KEYWORD,
    "source": KEYWORD,
    "format": KEYWORD,
    "published": DATE,
    "loaded_at": DATE,
    "sha256": KEYWORD,
    "rows": INTEGER,
    "rejected": INTEGER,
    # Snapshot entries are looked up locally by the matcher; keep them but do not index them.
    "entries": {"type": "object", "enabled": False},
}

# Run documents follow docs/INTERFACES.md ("Run document", built by crawler.ops.runrecord);
# crawler.store.crawls adds one `kind: platform` document per run and platform, which is what
# the Crawl health dashboard aggregates (Kibana cannot split the run document's per-platform map).
CRAWL_FIELDS: dict[str, Any] = {
    "kind": KEYWORD,  # "run" (one per run) or "platform" (one per run and platform)
    "run_id": KEYWORD,
    "job": KEYWORD,
    "start": DATE,
    "end": DATE,
    "status": KEYWORD,
    "error": {"type": "text"},
    "platform": KEYWORD,  # a list on run documents, one name on platform documents
    "keywords": KEYWORD,
    "pages": INTEGER,
    "items": INTEGER,
    "listings": INTEGER,
    "flagged": INTEGER,
    "blocked_pages": INTEGER,
    "blocked_rate": FLOAT,
    "blocked_by_reason": {
        "type": "object",
        "dynamic": False,
        "properties": {
            reason: INTEGER for reason in BLOCK_REASONS
        },
    },
    "blocked": {
        "type": "object",
        "properties": {"platform": KEYWORD, "reason": KEYWORD, "pages": INTEGER},
    },
    "drift_alarms": INTEGER,
    "drift_messages": {"type": "text"},
    # Keyed by platform name: kept in _source, not indexed (no field per platform).
    "drift_by_platform": {"type": "object", "enabled": False},
    "stats": {"type": "object", "enabled": False},
    "sink": {"type": "object", "properties": {"dead_lettered": INTEGER, "spooled": INTEGER}},
    "monitors": {
        "type": "object",
        "properties": {"passed": INTEGER, "failed": INTEGER, "failed_names": KEYWORD},
    },
}


@dataclass(frozen=True)
class IndexSpec:
    alias: str
    version: int
    properties: dict[str, Any]
    shards: int = 1

    def concrete(self, version: int | None = None) -> str:
        return f"{self.alias}-v{self.version if version is None else version}"

    @property
    def template_name(self) -> str:
        return self.alias

    @property
    def pattern(self) -> str:
        return f"{self.alias}-v*"

    def template_body(self) -> dict[str, Any]:
        return {
            "settings": {"number_of_shards": self.shards, "number_of_replicas": 0},
            "mappings": {
                # Unknown fields stay in _source but are not indexed: a new field from another
                # component never loses a document, and the mapping cannot explode.
                "dynamic": False,
                "_meta": {"simwatch_version": self.version},
                "properties": self.properties,
            },
        }


INDICES: dict[str, IndexSpec] = {
    spec.alias: spec
    for spec in (
        IndexSpec(LISTINGS, 1, {**LISTING_FIELDS, **VERDICT_FIELDS, **REVIEW_FIELDS, **SEEN_FIELDS}),
        IndexSpec(SELLERS, 2, SELLER_FIELDS),  # v2: seller-network fields mapped
        IndexSpec(TAKEDOWNS, 1, TAKEDOWN_FIELDS),
        IndexSpec(WHITELIST, 1, WHITELIST_FIELDS),
        IndexSpec(CRAWLS, 1, CRAWL_FIELDS),
    )
}


class MigrationError(RuntimeError):
    """A migration could not be completed; the alias was left where it was."""


def spec_for(alias: str) -> IndexSpec:
    try:
        return INDICES[alias]
    except KeyError:
        raise KeyError(f"unknown index {alias!r}; known: {', '.join(INDICES)}") from None


_VERSION_RE = re.compile(r"-v(\d+)$")


def index_version(concrete: str) -> int:
    match = _VERSION_RE.search(concrete)
    if not match:
        raise ValueError(f"index {concrete!r} is not named <alias>-v<N>")
    return int(match.group(1))


def put_templates(client: Elasticsearch, specs: list[IndexSpec] | None = None) -> None:
    for spec in specs or list(INDICES.values()):
        client.indices.put_index_template(
            name=spec.template_name,
            index_patterns=[spec.pattern],
            priority=100,
            template=spec.template_body(),
            meta={"managed_by": "simwatch", "version": spec.version},
        )


def alias_targets(client: Elasticsearch, alias: str) -> list[str]:
    """Concrete indices behind ``alias`` (empty when the alias does not exist)."""
    try:
        return sorted(client.indices.get_alias(name=alias).body)
    except NotFoundError:
        return []


def setup(client: Elasticsearch, aliases: list[str] | None = None) -> dict[str, str]:
    """Create templates, indices and aliases that are missing. Safe to run any number of times.

    Returns ``{alias: what happened}``. An alias already pointing at an older version is left
    alone and reported ("migration needed"), because moving data is :func:`migrate`'s job.
    """
    specs = [spec_for(a) for a in aliases] if aliases else list(INDICES.values())
    put_templates(client, specs)
    report: dict[str, str] = {}
    for spec in specs:
        targets = alias_targets(client, spec.alias)
        if targets:
            current = max(index_version(t) for t in targets)
            report[spec.alias] = (
                f"ok ({', '.join(targets)})"
                if current >= spec.version
                else f"migration needed: {', '.join(targets)} -> {spec.concrete()}"
            )
            continue
        concrete = spec.concrete()
        if client.indices.exists(index=concrete):
            client.indices.put_alias(index=concrete, name=spec.alias)
            report[spec.alias] = f"alias added to existing {concrete}"
        else:
            client.indices.create(index=concrete, aliases={spec.alias: {}})
            report[spec.alias] = f"created {concrete}"
    return report


def migrate(client: Elasticsearch, alias: str, delete_old: bool = False) -> dict[str, Any]:
    """Copy ``alias``'s data into a new ``<alias>-v<N+1>`` and swap the alias in one request.

    The copy uses the server-side ``_reindex`` API and falls back to the client's scan+bulk
    ``helpers.reindex`` where the server lacks it. The alias moves only when the new index holds
    as many documents as the old one. Run it while nothing writes to the alias.
    """
    spec = spec_for(alias)
    put_templates(client, [spec])
    targets = alias_targets(client, alias)
    if not targets:
        raise MigrationError(f"alias {alias} does not exist; run `simwatch es setup` first")
    if len(targets) != 1:
        raise MigrationError(f"alias {alias} points at several indices {targets}; fix it by hand")
    old = targets[0]
    new = spec.concrete(max(index_version(old) + 1, spec.version))
    if client.indices.exists(index=new):
        raise MigrationError(f"{new} already exists (a failed migration?); delete it and retry")
    client.indices.create(index=new)
    try:
        client.indices.refresh(index=old)  # recent writes must be searchable to be copied
        method = _copy(client, old, new)
        client.indices.refresh(index=new)
        old_count = client.count(index=old)["count"]
        new_count = client.count(index=new)["count"]
        if old_count != new_count:
            raise MigrationError(f"{new} has {new_count} documents, {old} has {old_count}")
    except BaseException:
        client.indices.delete(index=new)
        raise
    client.indices.update_aliases(
        actions=[
            {"remove": {"index": old, "alias": alias}},
            {"add": {"index": new, "alias": alias}},
        ]
    )
    if delete_old:
        client.indices.delete(index=old)
    log.info("migrated %s: %s -> %s (%d docs, %s)", alias, old, new, new_count, method)
    return {"alias": alias, "from": old, "to": new, "documents": new_count, "method": method,
            "old_deleted": delete_old}


def _copy(client: Elasticsearch, source: str, dest: str) -> str:
    try:
        result = client.reindex(
            source={"index": source}, dest={"index": dest}, wait_for_completion=True, refresh=True
        )
    except ApiError as exc:
        if exc.meta.status not in (400, 404, 405, 501):
            raise
        log.info("_reindex unavailable (%s); copying with scan+bulk", exc.meta.status)
        helpers.reindex(client, source, dest)
        return "scan+bulk"
    if result.get("failures"):
        raise MigrationError(f"reindex {source} -> {dest} failed: {result['failures'][:3]}")
    return "_reindex"


def status(client: Elasticsearch) -> list[dict[str, Any]]:
    """One row per managed alias: where it points, the code's version, document count."""
    rows = []
    for spec in INDICES.values():
        targets = alias_targets(client, spec.alias)
        count = client.count(index=spec.alias)["count"] if targets else None
        current = max((index_version(t) for t in targets), default=None)
        if not targets:
            state = "missing"
        elif current is not None and current < spec.version:
            state = "migration needed"
        else:
            state = "ok"
        rows.append({"alias": spec.alias, "indices": targets, "code_version": spec.version,
                     "documents": count, "state": state})
    return rows


# The takedown-metrics index (written by crawler/takedowns/metrics.py, read by Kibana).
METRICS_MAPPING: dict[str, Any] = {
    "dynamic": False,
    "properties": {
        "at": {"type": "date"},
        "platform": KEYWORD,
        "total": INTEGER,
        "sent": INTEGER,
        "removed": INTEGER,
        "rejected": INTEGER,
        "relisted": INTEGER,
        "compliance_rate": FLOAT,
        "relist_rate": FLOAT,
        "hours_to_removal_mean": FLOAT,
        "hours_to_removal_median": FLOAT,
        "hours_to_removal_p90": FLOAT,
        "status_counts": {"type": "object", "enabled": False},
    },
}
