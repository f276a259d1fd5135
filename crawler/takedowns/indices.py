"""Index aliases this package reads and writes (docs/INTERFACES.md) and small ES helpers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from elasticsearch import Elasticsearch, NotFoundError, helpers

from crawler.store.indices import LISTINGS, SELLERS, TAKEDOWNS
from crawler.store.indices import METRICS as TAKEDOWN_METRICS

__all__ = ["LISTINGS", "SELLERS", "TAKEDOWNS", "TAKEDOWN_METRICS", "get_doc", "mget_docs", "scan_docs"]


def scan_docs(
    client: Elasticsearch, index: str, query: Mapping[str, Any] | None = None, size: int = 500
) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(doc id, _source)`` for every document matching ``query``; nothing when the alias is missing."""
    body = {"query": dict(query) if query else {"match_all": {}}}
    try:
        for hit in helpers.scan(client, index=index, query=body, size=size):
            yield hit["_id"], hit["_source"]
    except NotFoundError:
        return


def get_doc(client: Elasticsearch, index: str, doc_id: str) -> dict[str, Any] | None:
    try:
        return dict(client.get(index=index, id=doc_id)["_source"])
    except NotFoundError:
        return None


def mget_docs(client: Elasticsearch, index: str, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Found documents by id (missing ones are simply absent); chunked to keep requests small."""
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(doc_ids), 500):
        chunk = doc_ids[start : start + 500]
        try:
            response = client.mget(index=index, ids=chunk)
        except NotFoundError:
            return found
        for doc in response["docs"]:
            if doc.get("found"):
                found[doc["_id"]] = dict(doc["_source"])
    return found
