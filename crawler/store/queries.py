"""Read helpers over the simwatch indices (used by exports and reports)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any, TypedDict, Unpack

from elasticsearch import Elasticsearch, helpers

from crawler.store.mappings import LISTINGS


def listings_query(
    platforms: Sequence[str] | str | None = None,
    takedown: bool | None = None,
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    sim_only: bool = False,
) -> dict[str, Any]:
    """The bool query for listings filtered by platform(s), takedown flag and ``last_seen`` range.

    ``since``/``until`` are inclusive and compare against ``last_seen`` (a listing seen in the
    window, whenever it was first seen).
    """
    filters: list[dict[str, Any]] = []
    if platforms:
        names = [platforms] if isinstance(platforms, str) else list(platforms)
        filters.append({"terms": {"platform": names}})
    if takedown is not None:
        filters.append({"term": {"takedown": takedown}})
    if sim_only:
        filters.append({"term": {"sim_listing": True}})
    window: dict[str, str] = {}
    if since is not None:
        window["gte"] = _iso(since)
    if until is not None:
        window["lte"] = _iso(until)
    if window:
        filters.append({"range": {"last_seen": window}})
    if not filters:
        return {"match_all": {}}
    return {"bool": {"filter": filters}}


class ListingFilters(TypedDict, total=False):
    """:func:`listings_query`'s filters, as iter_listings and count_listings pass them on."""

    platforms: Sequence[str] | str | None
    takedown: bool | None
    since: date | datetime | str | None
    until: date | datetime | str | None
    sim_only: bool


def iter_listings(
    client: Elasticsearch,
    index: str = LISTINGS,
    page_size: int = 500,
    source: Sequence[str] | None = None,
    **filters: Unpack[ListingFilters],
) -> Iterator[dict[str, Any]]:
    """Every listing ``filters`` match: its ``_source`` (with ``_id`` as ``doc_id``), streamed
    with scroll.

    Order is unspecified (scan is the cheap way through a large index); sort in the caller.
    """
    body: dict[str, Any] = {"query": listings_query(**filters)}
    if source is not None:
        body["_source"] = list(source)
    for hit in helpers.scan(client, index=index, query=body, size=page_size):
        yield {"doc_id": hit["_id"], **hit.get("_source", {})}


def count_listings(
    client: Elasticsearch, index: str = LISTINGS, **filters: Unpack[ListingFilters]
) -> int:
    return int(client.count(index=index, query=listings_query(**filters))["count"])


def _iso(value: date | datetime | str) -> str:
    if isinstance(value, str):
        # Validate early: a typo in an export's --since should not silently match nothing.
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValueError(f"{value!r} is not an ISO-8601 date or datetime") from exc
        return value
    return value.isoformat()


# A reviewer's rejection overrides the automatic verdict (POLICY §8); a confirmation puts a
# listing with violations on the list even where the classifier held the takedown back.
NOT_REJECTED: dict[str, Any] = {"term": {"review.state": "rejected"}}
CONFIRMED_WITH_VIOLATIONS: dict[str, Any] = {
    "bool": {"filter": [{"term": {"review.state": "confirmed"}}, {"exists": {"field": "violations"}}]}
}


def takedown_candidates_query(
    platforms: Sequence[str] | str | None = None,
    since: date | datetime | str | None = None,
) -> dict[str, Any]:
    """The one query for listings that go on a takedown list.

    Flagged (``takedown = true``) or confirmed by a reviewer, never rejected by one; optionally
    of some platform(s) and last seen on or after ``since``.
    """
    filters: list[dict[str, Any]] = []
    if platforms:
        names = [platforms] if isinstance(platforms, str) else list(platforms)
        filters.append({"terms": {"platform": names}})
    if since is not None:
        filters.append({"range": {"last_seen": {"gte": _iso(since)}}})
    return {
        "bool": {
            "filter": filters,
            "should": [{"term": {"takedown": True}}, CONFIRMED_WITH_VIOLATIONS],
            "minimum_should_match": 1,
            "must_not": [NOT_REJECTED],
        }
    }
