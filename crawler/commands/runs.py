"""``simwatch runs``: past crawl runs from Elasticsearch (``simwatch-crawls``), newest first."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from crawler.commands._common import add_connection_args

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("runs", help="list past crawl runs", description=__doc__)
    parser.add_argument("--limit", type=int, default=20, help="runs shown (default 20)")
    parser.add_argument("--job", help="only runs of this scheduled job")
    add_connection_args(parser)
    parser.set_defaults(func=cmd_runs)


def fetch_runs(client: Any, limit: int, job: str | None = None) -> list[dict[str, Any]]:
    """Run documents, newest first; ``job`` filters on the document source."""
    from crawler.store.indices import CRAWLS as CRAWLS_ALIAS

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


WIDE = 140  # below this many columns, runs are shown one block each (the table would wrap)


def _facts(doc: Mapping[str, Any]) -> dict[str, str]:
    monitors = doc.get("monitors") or {}
    platforms = doc.get("platform") or doc.get("platforms") or []
    return {
        "run id": str(doc.get("run_id", "?")),
        "job": str(doc.get("job") or "-"),
        "start": str(doc.get("start", ""))[:16].replace("T", " "),
        "duration": _duration(doc),
        "status": str(doc.get("status", "?")),
        "platforms": ", ".join(platforms) if isinstance(platforms, list) else str(platforms),
        "pages": _count(doc.get("pages")),
        "listings": _count(doc.get("listings", doc.get("items"))),
        "blocked": _count(doc.get("blocked_pages", doc.get("blocked_total"))),
        "drift": _count(doc.get("drift_alarms")),
        "spooled": _count((doc.get("sink") or {}).get("spooled", 0)),
        "monitors failed": ", ".join(monitors.get("failed_names") or []) or "-",
    }


def render_runs(docs: list[dict[str, Any]], width: int = WIDE) -> Any:
    """A table on a wide terminal; on a narrow one (80 columns) a short block per run, so no
    number is cut off."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    styles = {"succeeded": "green", "failed": "red", "running": "yellow", "degraded": "yellow",
              "partial": "yellow"}
    rows = [_facts(doc) for doc in docs]
    if width >= WIDE:
        table = Table(title="Crawl runs")
        for column in ("run id", "job", "start"):
            table.add_column(column, no_wrap=True)  # identifiers stay copy-pasteable
        for column in ("duration", "status", "platforms", "pages", "listings", "blocked", "drift",
                       "spooled", "monitors failed"):
            table.add_column(column)
        for row in rows:
            row = dict(row)
            row["status"] = f"[{styles.get(row['status'], 'white')}]{row['status']}[/]"
            table.add_row(*row.values())
        return table
    lines: list[Text] = [Text("Crawl runs", style="bold")]
    for row in rows:
        head = Text(f"{row['run id']}  ")
        head.append(row["status"], style=styles.get(row["status"], "white"))
        head.append(f"  {row['start']}  {row['duration']}")
        lines.append(head)
        lines.append(Text(f"  job {row['job']} · {row['platforms']}", overflow="fold"))
        lines.append(Text(f"  pages {row['pages']} · listings {row['listings']} · blocked "
                          f"{row['blocked']} · drift {row['drift']} · spooled {row['spooled']}"))
        if row["monitors failed"] != "-":
            lines.append(Text(f"  monitors failed: {row['monitors failed']}", overflow="fold"))
    return Group(*lines)


def cmd_runs(args: argparse.Namespace) -> int:
    from elasticsearch import NotFoundError
    from rich.console import Console

    from crawler.commands._common import connect
    from crawler.store.indices import CRAWLS

    with connect(args) as client:
        try:
            docs = fetch_runs(client, args.limit, args.job)
        except NotFoundError:
            print(f"no {CRAWLS} index yet: run a crawl (or `simwatch es setup`) first",
                  file=sys.stderr)
            return 1
    console = Console()
    console.print(render_runs(docs, console.width))
    return 0
