"""``simwatch runs``: past crawl runs from Elasticsearch (``simwatch-crawls``), newest first."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("runs", help="list past crawl runs", description=__doc__)
    parser.add_argument("--limit", type=int, default=20, help="runs shown (default 20)")
    parser.add_argument("--job", help="only runs of this scheduled job")
    parser.set_defaults(func=cmd_runs)


def fetch_runs(client: Any, limit: int, job: str | None = None) -> list[dict[str, Any]]:
    """Run documents, newest first; ``job`` filters on the document source."""
    from crawler.ops.runrecord import CRAWLS_ALIAS

    query: dict[str, Any] = {"bool": {"must_not": [{"term": {"kind": "platform"}}]}}
    # `job` is not an indexed field of simwatch-crawls v1 (dynamic: false), so the filter runs
    # here over a wider window of recent runs.
    size = limit if not job else max(limit * 10, 200)
    response = client.search(index=CRAWLS_ALIAS, size=size, query=query,
                             sort=[{"start": {"order": "desc"}}])
    docs = [hit["_source"] for hit in response["hits"]["hits"]]
    if job:
        docs = [doc for doc in docs if doc.get("job") == job]
    return docs[:limit]


def _duration(doc: Mapping[str, Any]) -> str:
    try:
        seconds = (datetime.fromisoformat(doc["end"]) - datetime.fromisoformat(doc["start"])).total_seconds()
    except (KeyError, TypeError, ValueError):
        return "-"
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}m{secs:02d}s"


def _count(value: Any) -> str:
    if isinstance(value, list):  # older documents keep per-platform lists
        return str(sum(int(v.get("count", 0)) for v in value if isinstance(v, Mapping)))
    return str(value if value is not None else "-")


def render_runs(docs: list[dict[str, Any]]) -> Any:
    from rich.table import Table

    table = Table(title="Crawl runs (simwatch-crawls)")
    for column in ("run id", "job", "start"):
        table.add_column(column, no_wrap=True)  # identifiers stay copy-pasteable
    for column in ("duration", "status", "platforms", "pages", "items", "blocked", "drift",
                   "monitors failed"):
        table.add_column(column)
    styles = {"succeeded": "green", "failed": "red", "running": "yellow", "degraded": "yellow",
              "partial": "yellow"}
    for doc in docs:
        status = str(doc.get("status", "?"))
        monitors = doc.get("monitors") or {}
        failed = ", ".join(monitors.get("failed_names") or []) or str(monitors.get("failed", "-"))
        platforms = doc.get("platform") or doc.get("platforms") or []
        table.add_row(
            str(doc.get("run_id", "?")), str(doc.get("job") or "-"), str(doc.get("start", ""))[:19],
            _duration(doc), f"[{styles.get(status, 'white')}]{status}[/]",
            ", ".join(platforms) if isinstance(platforms, list) else str(platforms),
            _count(doc.get("pages")), _count(doc.get("items", doc.get("listings"))),
            _count(doc.get("blocked_pages", doc.get("blocked_total"))), _count(doc.get("drift_alarms")),
            failed,
        )
    return table


def cmd_runs(args: argparse.Namespace) -> int:
    from elasticsearch import ApiError, NotFoundError, TransportError
    from rich.console import Console

    from crawler.store.client import make_client_from_env

    client = make_client_from_env()
    try:
        docs = fetch_runs(client, args.limit, args.job)
    except NotFoundError:
        log.error("no simwatch-crawls index yet (run `simwatch es setup` or a crawl first)")
        return 1
    except (ApiError, TransportError) as exc:
        log.error("cannot read crawl runs from Elasticsearch: %s", exc)
        return 1
    Console().print(render_runs(docs))
    return 0
