"""Run one crawl of several platforms in this process and report what it met.

Used by ``simwatch crawl``, ``simwatch demo`` and the scheduler. One ``CrawlerProcess`` runs a
spider per platform concurrently (one Twisted reactor, so one crawl per process).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from crawler.ops.runrecord import (
    MONITORS_FAILURES,
    crawl_status,
    merge_stats,
    new_run_id,
    report_stats,
    sink_counts,
    utc_now,
)
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
            # a platform stopped by a block (captcha, login wall) finished its spider, not its plan
            finish_reason=str(stats.get(prefix + "stopped") or stats.get("finish_reason", "")),
        )


@dataclass
class CrawlReport:
    run_id: str
    started: str
    finished: str = ""
    status: str = "running"
    platforms: dict[str, PlatformReport] = field(default_factory=dict)
    stats: dict[str, dict[str, Any]] = field(default_factory=dict)
    # why the status is not "succeeded", one short sentence each
    reasons: list[str] = field(default_factory=list)
    # the sink's counters over every platform: indexed, spooled, dead_lettered, unsaved
    sink: dict[str, int] = field(default_factory=dict)
    failed_monitors: list[dict[str, str]] = field(default_factory=list)
    # the command that sends the spooled items once Elasticsearch is back ("" if none wait)
    replay_command: str = ""
    # e.g. whitelists missing for a carrier: printed once each in the summary
    warnings: list[str] = field(default_factory=list)

    @property
    def listings(self) -> int:
        return sum(p.listings for p in self.platforms.values())

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
            "reasons": list(self.reasons),
            "sink": dict(self.sink),
            "failed_monitors": list(self.failed_monitors),
            "replay_command": self.replay_command or None,
            "warnings": list(self.warnings),
        }


def _now() -> str:
    return utc_now().isoformat(timespec="seconds")


def baseline_key(keywords: list[str] | None, max_pages: int | None,
                 base_urls: Mapping[str, str] | None, overrides: Mapping[str, Any]) -> str:
    """What makes two runs comparable: same keywords, page limit, sites and stop rule."""
    facts = {"keywords": sorted(keywords or []), "max_pages": max_pages,
             "base_urls": dict(sorted((base_urls or {}).items())),
             "stop_on_captcha": overrides.get("SIMWATCH_STOP_PLATFORM_ON_CAPTCHA")}
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:12]


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
    from crawler.errors import platform_name

    names = list(dict.fromkeys(platform_name(p, PLATFORMS) for p in names))
    settings = get_project_settings()
    run_id = run_id or new_run_id()
    settings.set("SIMWATCH_RUN_ID", run_id, priority="cmdline")
    settings.set("SIMWATCH_BASELINE_KEY",
                 baseline_key(keywords, max_pages, base_urls, settings_overrides or {}),
                 priority="cmdline")
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

    report = CrawlReport(run_id=run_id, started=_now())
    # The CLI's one log handler is the only one: Scrapy's own root handler printed every line twice.
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
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
    report.finished = _now()
    for name, crawler in crawlers.items():
        stats = crawler.stats.get_stats() if crawler.stats else {}
        report.stats[name] = {k: _jsonable(v) for k, v in stats.items()}
        report.platforms[name] = PlatformReport.from_stats(name, stats)
    finish(report, settings)
    _record_run(settings, report, job, keywords)
    return report


def finish(report: CrawlReport, settings: Any) -> None:
    """Status, reasons, sink counts, failed monitors and the replay command, from the stats.

    Read after ``process.start()`` returned: every pipeline has closed, so the sink's counters
    include its final flush.
    """
    merged = merge_stats(report.stats.values())
    finish_reasons = {name: p.finish_reason for name, p in report.platforms.items()}
    report.status, report.reasons = crawl_status(merged, finish_reasons)
    report.sink = sink_counts(merged)
    report.failed_monitors = [
        failure for stats in report.stats.values()
        for failure in _failures(stats.get(MONITORS_FAILURES))
    ]
    if report.sink["spooled"]:
        report.replay_command = replay_command(settings)
    report.warnings = whitelist_warnings(settings, merged)


def whitelist_warnings(settings: Any, stats: Mapping[str, Any]) -> list[str]:
    """Once per carrier whose whitelist is missing (POLICY §3)."""
    from crawler.ops.coverage import load_whitelists, unchecked_counts, warning_lines

    try:
        loaded = load_whitelists(settings.get("SIMWATCH_WHITELIST_DIR"),
                                 settings.getlist("SIMWATCH_WHITELIST_FILES")
                                 if hasattr(settings, "getlist")
                                 else settings.get("SIMWATCH_WHITELIST_FILES") or []).carriers
    except Exception as exc:  # noqa: BLE001  # the crawl already said why at its start
        logger.warning("whitelists unreadable for the summary: %s", exc)
        loaded = set()
    return warning_lines(loaded, unchecked_counts(stats))


def _failures(value: Any) -> list[dict[str, str]]:
    if not value:
        return []
    try:
        failures = json.loads(value) if isinstance(value, str) else list(value)
    except (TypeError, ValueError):
        return []
    return [f for f in failures if isinstance(f, dict)]


def replay_command(settings: Any) -> str:
    """The exact ``simwatch es replay`` that sends this run's spool to its store."""
    from crawler.store.client import masked_url

    parts = ["simwatch"]
    if settings.get("SIMWATCH_INDEX_PREFIX") not in (None, "", "simwatch"):
        parts.insert(0, f"SIMWATCH_INDEX_PREFIX={settings.get('SIMWATCH_INDEX_PREFIX')}")
    parts += ["es", "replay", "--spool", str(settings.get("SIMWATCH_SPOOL_PATH"))]
    if settings.get("SIMWATCH_EMBEDDED_HOME"):  # the embedded server's port changes each start
        parts += ["--home", str(settings.get("SIMWATCH_EMBEDDED_HOME"))]
    elif settings.get("ELASTICSEARCH_URL"):
        parts += ["--url", masked_url(str(settings.get("ELASTICSEARCH_URL")))]
    return " ".join(parts)


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
    from crawler.ops.runrecord import build_run_record
    from crawler.pipelines.elasticsearch import sink_from_settings
    from crawler.store.crawls import RunRecorder
    from crawler.store.indices import CRAWLS
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
        logger.warning("Elasticsearch unavailable when recording run %s: %s", report.run_id, exc)
    try:
        indexed = RunRecorder(lambda: sink).write(record)
    except Exception as exc:  # noqa: BLE001  # the run is over; its record waits in no store
        logger.error("run %s: its record could not be saved: %s", report.run_id, exc)
        return
    if indexed:
        with contextlib.suppress(Exception):
            client.indices.refresh(index=CRAWLS, ignore_unavailable=True)


# --- the scheduler's job runner (crawler/ops/schedule.py takes it as an argument: the scheduler
# sits below the runner and never imports it) ---------------------------------------------------

def _crawl_child(conn: Any, job: Any, run_id: str, keywords: list[str] | None) -> None:
    try:
        overrides = {**job.settings, "SIMWATCH_RUN_ID": run_id, "SIMWATCH_JOB": job.name}
        report = run_crawl(list(job.platforms), keywords=keywords, max_pages=job.max_pages,
                           settings_overrides=overrides, run_id=run_id, job=job.name)
        conn.send(("ok", {"stats": report_stats(report), "status": report.status,
                          "recorded": True}))
    except BaseException as exc:  # report every failure to the parent, then exit non-zero
        conn.send(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
        raise
    finally:
        conn.close()


def run_crawl_in_subprocess(job: Any, run_id: str, keywords: list[str] | None) -> dict[str, Any]:
    """Run :func:`run_crawl` for a scheduled ``job`` in a fresh (spawned) process.

    Twisted's reactor cannot be restarted in one process, and a long-running scheduler calls
    the runner many times; a spawned child per run also isolates crashes and memory growth.
    The child records the run (``recorded``); the scheduler records only a run that died.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_crawl_child, args=(child, job, run_id, keywords),
                          name=f"simwatch-crawl-{job.name}")
    process.start()
    child.close()
    outcome: tuple[str, Any] | None = None
    with contextlib.suppress(EOFError):
        outcome = parent.recv()  # blocks until the child reports or dies
    process.join()
    if outcome is None:
        raise RuntimeError(f"crawl process for {job.name} died with exit code {process.exitcode}")
    kind, payload = outcome
    if kind == "error":
        raise RuntimeError(f"crawl for {job.name} failed: {payload}")
    return dict(payload)


run_crawl_in_subprocess.records_runs = True  # type: ignore[attr-defined]  # see Scheduler.run_job
