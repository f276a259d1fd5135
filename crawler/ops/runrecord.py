"""Crawl-run records: the one document per run in ``simwatch-crawls``, built from crawl stats.

The stats keys are the contract in docs/INTERFACES.md ("Crawl stats keys"); this module is the
only place that turns them into the run document, so the scheduler, ``simwatch runs`` and the
monitors agree on what a run looked like.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
import threading
from collections.abc import Iterable, Mapping
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)


# simwatch/<platform>/<counter>; platform names are lower-case identifiers.
_PLATFORM_KEY = re.compile(r"^simwatch/(?P<platform>[a-z0-9_]+)/(?P<rest>.+)$")
# Namespaces under simwatch/ that are not platforms.
_NON_PLATFORM = frozenset({"sink", "monitors", "previous", "blocked_total", "unchecked"})

MONITORS_FAILED = "simwatch/monitors/failed"
MONITORS_PASSED = "simwatch/monitors/passed"
MONITORS_FAILED_NAMES = "simwatch/monitors/failed_names"
SINK_DEAD_LETTERED = "simwatch/sink/dead_lettered"
SINK_SPOOLED = "simwatch/sink/spooled"
SINK_UNSAVED = "simwatch/sink/unsaved"
# The sink's count of documents Elasticsearch accepted ("sent" before the sink named it "indexed").
SINK_INDEXED = "simwatch/sink/indexed"
SINK_SENT = "simwatch/sink/sent"
MONITORS_FAILURES = "simwatch/monitors/failures"  # JSON list of {monitor, check, error}


def sink_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """The sink's counters from crawl stats: ``indexed``, ``spooled``, ``dead_lettered``, ``unsaved``."""
    def count(key: str) -> int:
        return int(stats.get(key, 0) or 0)

    return {
        "indexed": count(SINK_INDEXED) if SINK_INDEXED in stats else count(SINK_SENT),
        "spooled": count(SINK_SPOOLED),
        "dead_lettered": count(SINK_DEAD_LETTERED),
        "unsaved": count(SINK_UNSAVED),
    }


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_run_id(job: str | None = None, now: dt.datetime | None = None) -> str:
    """``[<job>-]<UTC time>-<6 hex>``: sortable by start, unique across workers and jobs."""
    now = (now or utc_now()).astimezone(dt.UTC)
    stamp = now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)
    return f"{job}-{stamp}" if job else stamp


class Recorder(Protocol):
    """Writes one run record (``crawler.store.crawls.RunRecorder``, the one writer)."""

    def write(self, record: Mapping[str, Any]) -> bool: ...


def report_stats(report: Any) -> dict[str, Any]:
    """The crawl's stats, merged across spiders, from a ``CrawlReport`` or a mapping.

    ``crawler.runner.CrawlReport.stats`` holds one stats dict per platform spider; a plain
    mapping with a flat ``stats`` dict (or the stats themselves) is accepted too.
    """
    if report is None:
        return {}
    if isinstance(report, Mapping):
        stats = report.get("stats", report)
    elif hasattr(report, "stats"):
        stats = report.stats
    elif is_dataclass(report) and not isinstance(report, type):
        stats = asdict(report).get("stats", {})
    else:
        raise TypeError(f"crawl report of type {type(report).__name__} has no stats")
    stats = dict(stats or {})
    if stats and all(isinstance(v, Mapping) for v in stats.values()):
        return merge_stats(stats.values())
    return stats


def merge_stats(per_spider: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Sum numeric stats across spiders; union the failed-monitor names; keep other first values."""
    merged: dict[str, Any] = {}
    for stats in per_spider:
        for key, value in stats.items():
            if key not in merged:
                merged[key] = value
            elif key == MONITORS_FAILED_NAMES:
                merged[key] = ",".join(sorted(set(split_names(merged[key])) | set(split_names(value))))
            elif isinstance(value, int | float) and not isinstance(value, bool) and isinstance(
                    merged[key], int | float):
                merged[key] += value
    return merged


def split_names(value: Any) -> list[str]:
    """Failed monitor names: stored comma-joined (stats must survive str() in JSON dumps)."""
    if not value:
        return []
    if isinstance(value, str):
        return [name for name in value.split(",") if name]
    return [str(name) for name in value]


def per_platform(stats: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{platform: {pages, listings, layout_drift, blocked: {reason: n}, blocked_pages, blocked_rate}}``."""
    platforms: dict[str, dict[str, Any]] = {}
    for key, value in stats.items():
        match = _PLATFORM_KEY.match(key)
        if not match or match["platform"] in _NON_PLATFORM or not isinstance(value, int | float):
            continue
        entry = platforms.setdefault(
            match["platform"], {"pages": 0, "listings": 0, "layout_drift": 0, "blocked": {}}
        )
        rest = match["rest"]
        if rest.startswith("blocked/"):
            reason = rest.split("/", 1)[1]
            entry["blocked"][reason] = entry["blocked"].get(reason, 0) + int(value)
        elif rest in ("pages", "layout_drift", "listings", "unique_listings"):
            entry[rest] = int(value)
    for entry in platforms.values():
        # One count of listings everywhere (summary, progress bar, run record, monitors): the
        # distinct listings of the run; the raw count (a listing found by two keywords counts
        # twice) stays apart as ``listings_found``.
        entry["listings_found"] = entry.pop("listings")
        entry["listings"] = entry.pop("unique_listings", entry["listings_found"])
        entry["blocked_pages"] = sum(entry["blocked"].values())
        entry["blocked_rate"] = blocked_rate(entry["blocked_pages"], entry["pages"])
    return platforms


def blocked_rate(blocked_pages: int, pages: int) -> float:
    """Blocked pages over pages requested; a platform that only got blocked pages scores 1.0."""
    total = max(pages, blocked_pages)
    return round(blocked_pages / total, 4) if total else 0.0


def build_run_record(
    *,
    run_id: str,
    job: str,
    platforms: list[str],
    keywords: str | list[str] | None,
    start: str,
    end: str | None,
    status: str,
    stats: Mapping[str, Any] | None = None,
    error: str | None = None,
) -> dict[str, Any]:
    """The ``simwatch-crawls`` run document (``kind: run``), see docs/INTERFACES.md."""
    stats = stats or {}
    by_platform = per_platform(stats)
    blocked = [
        {"platform": platform, "reason": reason, "pages": count}
        for platform, entry in sorted(by_platform.items())
        for reason, count in sorted(entry["blocked"].items())
    ]
    blocked_by_reason: dict[str, int] = {}
    for row in blocked:
        blocked_by_reason[row["reason"]] = blocked_by_reason.get(row["reason"], 0) + row["pages"]
    drift = {p: e["layout_drift"] for p, e in sorted(by_platform.items()) if e["layout_drift"]}
    pages = sum(e["pages"] for e in by_platform.values())
    blocked_pages = sum(blocked_by_reason.values())
    failed_names = split_names(stats.get(MONITORS_FAILED_NAMES))
    return {
        "kind": "run",
        "run_id": run_id,
        "job": job,
        "platform": list(platforms),
        "keywords": keywords,
        "start": start,
        "end": end,
        "status": status,
        "error": error,
        "pages": pages,
        "items": int(stats.get("item_scraped_count", 0) or 0),
        "listings": sum(e["listings"] for e in by_platform.values()),
        "blocked_pages": blocked_pages,
        "blocked_rate": blocked_rate(blocked_pages, pages),
        "blocked_by_reason": blocked_by_reason,
        "blocked": blocked,
        "drift_alarms": sum(drift.values()),
        "drift_by_platform": drift,
        "drift_messages": [f"{p}: {n} results page(s) parsed to zero listings" for p, n in drift.items()],
        "sink": sink_counts(stats),
        "monitors": {
            "passed": int(stats.get(MONITORS_PASSED, 0) or 0),
            "failed": int(stats.get(MONITORS_FAILED, 0) or 0),
            "failed_names": failed_names,
        },
        "stats": by_platform,
    }


SINK_MONITOR = "Elasticsearch sink"  # crawler/monitors.py SinkErrorsMonitor's name
STATUSES = ("succeeded", "degraded", "partial", "failed")


# What to do about a platform that did not finish, by its finish reason (the summary's reason).
FINISH_ADVICE = {
    "captcha": " (it answered with a captcha and was stopped; crawl it again later or at a lower "
               "rate: SIMWATCH_PLATFORM_DELAY)",
    "login_required": " (its login wall met several times in a row; log in again: "
                      "`simwatch login {platform}`)",
}


def crawl_status(stats: Mapping[str, Any], finish_reasons: Mapping[str, str]) -> tuple[str, list[str]]:
    """The run's status and why, from its merged stats and each platform's finish reason.

    - ``failed``: no platform ran or none could fetch a results page, items could be saved
      nowhere and nothing was stored, or a monitor other than the sink's failed;
    - ``partial``: a platform did not finish normally (no session, shut down, stopped) or
      could fetch none of its results pages;
    - ``degraded``: items wait in the spool, were dead-lettered or could not be saved;
    - ``succeeded``: none of these.
    """
    sink = sink_counts(stats)
    reasons: list[str] = []
    if not finish_reasons:
        return "failed", ["no platform was crawled"]
    # the sink monitor's failure is the degraded case below, not a failed run
    failed_monitors = [n for n in split_names(stats.get(MONITORS_FAILED_NAMES)) if n != SINK_MONITOR]
    # a spider that "finished" without reading one results page, because every fetch failed
    # (DNS, refused, timeouts), did not search its platform at all
    unreachable = {p: int(stats.get(f"simwatch/{p}/failed_pages", 0) or 0) for p, r in finish_reasons.items()
                   if r == "finished" and not stats.get(f"simwatch/{p}/pages")
                   and stats.get(f"simwatch/{p}/failed_pages")}
    unfinished = sorted([f"{p}: {r or 'not started'}" + FINISH_ADVICE.get(r, "").format(platform=p)
                         for p, r in finish_reasons.items() if r != "finished"]
                        + [f"{p}: no results page could be fetched ({n} failed; is the site reachable?)"
                           for p, n in unreachable.items()])
    not_indexed = sink["spooled"] + sink["dead_lettered"] + sink["unsaved"]
    if sink["unsaved"]:
        reasons.append(f"{sink['unsaved']} item(s) could be saved neither in Elasticsearch nor "
                       "in the spool")
    if sink["spooled"]:
        reasons.append(f"{sink['spooled']} item(s) wait in the spool for replay")
    if sink["dead_lettered"]:
        reasons.append(f"{sink['dead_lettered']} item(s) dead-lettered (rejected by Elasticsearch)")
    if failed_monitors:
        reasons.append("failed monitor(s): " + ", ".join(failed_monitors))
    if unfinished:
        reasons.append("platform(s) not finished: " + "; ".join(unfinished))
    nothing_stored = not_indexed and sink["indexed"] + sink["spooled"] == 0
    if nothing_stored or failed_monitors or len(unreachable) == len(finish_reasons):
        return "failed", reasons
    if unfinished:
        return "partial", reasons
    if not_indexed:
        return "degraded", reasons
    return "succeeded", reasons


def run_status(stats: Mapping[str, Any], report: Any = None) -> str:
    """The runner's status when it reported one (it is the truth), else one from the stats."""
    names = split_names(stats.get(MONITORS_FAILED_NAMES))
    if int(stats.get(MONITORS_FAILED, 0) or 0) > 0 and (not names or set(names) - {SINK_MONITOR}):
        return "failed"
    reported = getattr(report, "status", None)
    if reported is None and isinstance(report, Mapping):
        reported = report.get("status")
    return str(reported) if reported in STATUSES else "succeeded"


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a crash leaves the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)

