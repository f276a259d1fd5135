"""Run one crawl of several platforms in this process and report what it met.

Used by ``simwatch crawl``, ``simwatch demo`` and the scheduler. One ``CrawlerProcess`` runs a
spider per platform concurrently (one Twisted reactor, so one crawl per process).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from crawler.platforms import PLATFORMS

logger = logging.getLogger(__name__)

MERGED_SETTINGS = frozenset({"EXTENSIONS", "ITEM_PIPELINES", "DOWNLOADER_MIDDLEWARES"})


@dataclass
class PlatformReport:
    platform: str
    pages: int = 0
    listings: int = 0
    sim_listings: int = 0
    flagged: int = 0
    blocked: dict[str, int] = field(default_factory=dict)
    layout_drift: int = 0
    failed_pages: int = 0
    skipped_after_block: int = 0
    elapsed_seconds: float = 0.0
    finish_reason: str = ""
    note: str = ""

    @property
    def blocked_total(self) -> int:
        return sum(self.blocked.values())

    @classmethod
    def from_stats(cls, platform: str, stats: Mapping[str, Any]) -> PlatformReport:
        prefix = f"simwatch/{platform}/"

        def count(name: str) -> int:
            return int(stats.get(prefix + name, 0) or 0)

        blocked = {
            key[len(prefix + "blocked/") :]: int(value)
            for key, value in stats.items()
            if key.startswith(prefix + "blocked/")
        }
        return cls(
            platform=platform,
            pages=count("pages"),
            listings=count("unique_listings"),
            sim_listings=count("sim_listings"),
            flagged=count("flagged"),
            blocked=blocked,
            layout_drift=count("layout_drift"),
            failed_pages=count("failed_pages"),
            skipped_after_block=count("skipped_after_block"),
            elapsed_seconds=float(stats.get("elapsed_time_seconds", 0.0) or 0.0),
            finish_reason=str(stats.get("finish_reason", "")),
        )


@dataclass
class CrawlReport:
    run_id: str
    started: str
    finished: str = ""
    status: str = "running"
    platforms: dict[str, PlatformReport] = field(default_factory=dict)
    stats: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_document(self) -> dict[str, Any]:
        """The ``simwatch-crawls`` document for this run."""
        per_platform = [asdict(p) | {"blocked_total": p.blocked_total} for p in self.platforms.values()]
        return {
            "run_id": self.run_id,
            "start": self.started,
            "end": self.finished or None,
            "status": self.status,
            "platforms": sorted(self.platforms),
            "stats": per_platform,
            "blocked": [
                {"platform": p.platform, "reason": reason, "count": n}
                for p in self.platforms.values()
                for reason, n in sorted(p.blocked.items())
            ],
            "drift_alarms": [
                {"platform": p.platform, "count": p.layout_drift}
                for p in self.platforms.values()
                if p.layout_drift
            ],
            "pages": sum(p.pages for p in self.platforms.values()),
            "listings": sum(p.listings for p in self.platforms.values()),
            "flagged": sum(p.flagged for p in self.platforms.values()),
            "blocked_total": sum(p.blocked_total for p in self.platforms.values()),
        }


def new_run_id(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def run_crawl(
    platforms: Iterable[str],
    *,
    keywords: list[str] | None = None,
    max_pages: int | None = None,
    base_urls: Mapping[str, str] | None = None,
    settings_overrides: Mapping[str, Any] | None = None,
    progress: Callable[[str, str, int], None] | None = None,
    run_id: str | None = None,
    require_sessions: bool = True,
    job: str = "adhoc",
    redis_url: str | None = None,
) -> CrawlReport:
    """Crawl ``platforms`` and return the report; the report is also indexed in simwatch-crawls.

    A browser platform without a usable saved session is reported and skipped (when
    ``require_sessions``); the other platforms go on. With ``redis_url`` this process is one
    worker of a distributed crawl: workers started with the same ``run_id`` share one frontier
    and dupefilter in Redis and exit when idle.
    """
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawler.sessions import session_status

    names = list(dict.fromkeys(platforms))
    unknown = [p for p in names if p not in PLATFORMS]
    if unknown:
        raise ValueError(f"unknown platform(s): {', '.join(unknown)}; known: {', '.join(PLATFORMS)}")
    settings = get_project_settings()
    run_id = run_id or new_run_id()
    settings.set("SIMWATCH_RUN_ID", run_id, priority="cmdline")
    for key, value in (settings_overrides or {}).items():
        if key in MERGED_SETTINGS:  # component dicts add to the project's, never replace them
            value = {**settings.getdict(key), **value}
        settings.set(key, value, priority="cmdline")
    if settings_overrides and "SIMWATCH_PLATFORM_DELAY" in settings_overrides:
        from crawler.settings import download_slots

        delay = float(settings_overrides["SIMWATCH_PLATFORM_DELAY"])
        settings.set("DOWNLOAD_SLOTS", download_slots(delay), priority="cmdline")
    if redis_url:
        from crawler.ops.distributed import redis_settings

        overlay = redis_settings(redis_url, settings.getint("SIMWATCH_IDLE_EXIT_SECONDS", 30),
                                 run_id=run_id)
        overlay["EXTENSIONS"] = {**settings.getdict("EXTENSIONS"), **overlay["EXTENSIONS"]}
        settings.setdict(overlay, priority="cmdline")
    if progress is not None:
        settings.set("SIMWATCH_PROGRESS_CALLBACK", progress, priority="cmdline")
    if base_urls:
        merged = dict(settings.getdict("SIMWATCH_BASE_URLS"))
        merged.update(base_urls)
        settings.set("SIMWATCH_BASE_URLS", merged, priority="cmdline")

    report = CrawlReport(run_id=run_id, started=utc_now())
    process = CrawlerProcess(settings)
    crawlers = {}
    for name in names:
        module = PLATFORMS[name]
        if module.NEEDS_BROWSER and require_sessions:
            ok, why = session_status(settings.get("SIMWATCH_SESSIONS_DIR"), name)
            if not ok:
                logger.error("skipping %s: %s", name, why)
                report.platforms[name] = PlatformReport(name, finish_reason="no_session", note=why)
                continue
        crawler = process.create_crawler(name)
        crawlers[name] = crawler
        process.crawl(crawler, keywords=keywords, max_pages=max_pages)
    if crawlers:
        process.start()
    report.finished = utc_now()
    for name, crawler in crawlers.items():
        stats = crawler.stats.get_stats() if crawler.stats else {}
        report.stats[name] = {k: _jsonable(v) for k, v in stats.items()}
        report.platforms[name] = PlatformReport.from_stats(name, stats)
    report.status = _status(report)
    _record_run(settings, report, job, keywords)
    return report


def _status(report: CrawlReport) -> str:
    if not report.platforms:
        return "failed"
    if any(p.finish_reason not in ("finished", "") for p in report.platforms.values()):
        return "partial"
    if any(s.get("simwatch/monitors/failed") for s in report.stats.values()):
        return "failed"
    return "succeeded"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def _record_run(settings: Any, report: CrawlReport, job: str, keywords: list[str] | None) -> None:
    """Index the run document and its per-platform documents (``simwatch-crawls``).

    Written through the bulk sink, so a store outage spools the record instead of losing it.
    """
    if not settings.get("ELASTICSEARCH_URL"):
        return
    from crawler.ops.runrecord import build_run_record, merge_stats
    from crawler.pipelines.elasticsearch import sink_from_settings
    from crawler.store.crawls import index_run
    from crawler.store.mappings import setup

    record = build_run_record(
        run_id=report.run_id, job=job, platforms=sorted(report.platforms), keywords=keywords,
        start=report.started, end=report.finished, status=report.status,
        stats=merge_stats(report.stats.values()),
    )
    sink = sink_from_settings(settings)
    client = sink.client
    try:
        setup(client)
    except Exception as exc:  # reported; the sink spools the record below
        logger.error("Elasticsearch unavailable when recording run %s: %s", report.run_id, exc)
    index_run(sink, record)
    sink.close()
    if not sink.stats.spooled:
        client.indices.refresh(index="simwatch-crawls", ignore_unavailable=True)
