"""Per-platform crawl documents for ``simwatch-crawls``, derived from a run document.

The run document (docs/INTERFACES.md, built by ``crawler.ops.runrecord.build_run_record``)
keeps per-platform numbers in ``stats {platform: {...}}``, a map Kibana cannot split by
platform. Writing one ``kind: platform`` document per run and platform next to it gives the
Crawl health dashboard plain fields to aggregate: ``platform``, ``blocked_rate``,
``blocked_by_reason.<reason>``, ``drift_alarms``, ``listings``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from crawler.platforms.base import BLOCK_REASONS
from crawler.store.mappings import CRAWLS
from crawler.store.sink import BulkSink


def platform_documents(run: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """``[(doc_id, document)]``, one per platform in ``run["stats"]``; ids ``<run_id>:<platform>``."""
    run_id = run.get("run_id")
    if not run_id:
        raise ValueError("run document has no run_id")
    stats = run.get("stats") or {}
    if not isinstance(stats, Mapping):
        raise ValueError(f"run {run_id}: stats must map platform -> counters, got {type(stats).__name__}")
    documents = []
    for platform, entry in sorted(stats.items()):
        # every reason present (0 when none met), so charts by reason always have their field
        blocked = dict.fromkeys(BLOCK_REASONS, 0) | dict(entry.get("blocked") or {})
        pages = int(entry.get("pages", 0) or 0)
        blocked_pages = int(entry.get("blocked_pages", sum(blocked.values())) or 0)
        total = max(pages, blocked_pages)
        drift = int(entry.get("layout_drift", 0) or 0)
        documents.append((f"{run_id}:{platform}", {
            "kind": "platform",
            "run_id": run_id,
            "job": run.get("job"),
            "start": run.get("start"),
            "end": run.get("end"),
            "status": run.get("status"),
            "platform": platform,
            "pages": pages,
            "listings": int(entry.get("listings", 0) or 0),
            "blocked_pages": blocked_pages,
            "blocked_rate": entry.get("blocked_rate",
                                      round(blocked_pages / total, 4) if total else 0.0),
            "blocked_by_reason": blocked,
            "drift_alarms": drift,
            "drift_messages": [f"{platform}: {drift} results page(s) parsed to zero listings"]
            if drift else [],
        }))
    return documents


def index_run(sink: BulkSink, run: Mapping[str, Any], index: str = CRAWLS) -> int:
    """Queue the run document and its platform documents on ``sink``; returns how many."""
    run_id = run.get("run_id")
    if not run_id:
        raise ValueError("run document has no run_id")
    sink.add(index, str(run_id), {"kind": "run", **run})
    documents = platform_documents(run)
    for doc_id, document in documents:
        sink.add(index, doc_id, document)
    return 1 + len(documents)


class RunRecorder:
    """The one writer of run records: through the bulk sink (its spool when the store is down),
    for the runner and for the scheduler alike. ``sink_factory`` builds a fresh sink per record
    (a sink is closed after each record, so nothing waits in memory between runs)."""

    def __init__(self, sink_factory: Callable[[], BulkSink]) -> None:
        self.sink_factory = sink_factory

    def write(self, record: Mapping[str, Any]) -> bool:
        """Write ``record`` and its platform documents; ``True`` when none had to be spooled."""
        sink = self.sink_factory()
        index_run(sink, record)
        sink.close()
        return not getattr(sink.stats, "spooled", 0)
