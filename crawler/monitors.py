"""Spidermon monitors run when a spider closes: is this crawl's output trustworthy?

Checks, per platform (from the stats keys in docs/INTERFACES.md, "Crawl stats keys"):
- item count against the previous run of the same job (a drop below a fraction fails);
- field coverage (title/listing_id always, price/shop fields at a configured share);
- blocked rate (blocked pages / pages);
- Elasticsearch sink health (nothing dead-lettered or spooled);
- layout drift (no results page that parsed to zero listings where listings were expected).

A failed monitor sets ``simwatch/monitors/failed`` (the scheduler then records the run as
failed) and POSTs a JSON alert to ``SIMWATCH_WEBHOOK_URL``.

Wiring (settings)::

    SPIDERMON_ENABLED = True
    EXTENSIONS = {"spidermon.contrib.scrapy.extensions.Spidermon": 500,
                  "crawler.monitors.MonitorStatsExtension": 510}
    SPIDERMON_SPIDER_CLOSE_MONITORS = ["crawler.monitors.CloseMonitorSuite"]
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals
from spidermon import Monitor, MonitorSuite, monitors
from spidermon.core.actions import Action
from spidermon.exceptions import SkipAction

from crawler.ops.coverage import UNCHECKED_PREFIX, UNKNOWN_CARRIER
from crawler.ops.runrecord import (
    MONITORS_FAILED,
    MONITORS_FAILED_NAMES,
    MONITORS_FAILURES,
    MONITORS_PASSED,
    atomic_write,
    per_platform,
    sink_counts,
)

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

log = logging.getLogger(__name__)

# Threshold settings and their defaults (used when crawler.settings does not define them).
DEFAULTS: dict[str, Any] = {
    "SIMWATCH_MONITOR_MIN_ITEM_FRACTION": 0.5,  # this run's listings >= 50% of the previous run's
    "SIMWATCH_MONITOR_MAX_BLOCKED_RATE": 0.2,
    # Minimum share of a platform's listings with the field non-empty. title and listing_id are
    # identity fields and always required at 100%, whatever this setting says.
    "SIMWATCH_MONITOR_FIELD_COVERAGE": {"price": 0.8, "shop_name": 0.8, "shop_id": 0.5},
    "SIMWATCH_MONITOR_HISTORY_FILE": "",  # "" -> <SIMWATCH_HOME>/monitor-history.json
    "SIMWATCH_MONITOR_PREVIOUS_COUNTS": {},  # {platform: listings}: overrides the history file
    "SIMWATCH_WEBHOOK_URL": "",
    "SIMWATCH_WEBHOOK_TIMEOUT": 10.0,
}
REQUIRED_FIELDS = ("title", "listing_id")
COVERAGE_PREFIX = "simwatch/{platform}/coverage/"


def setting(settings: BaseSettings | Mapping[str, Any], name: str) -> Any:
    value = settings.get(name)
    return DEFAULTS[name] if value is None or value == "" else value


def as_dict(value: Any) -> dict[str, Any]:
    """Dict settings may come from the command line (``-s``) as JSON text."""
    return json.loads(value) if isinstance(value, str) else dict(value)


def series_name(settings: BaseSettings | Mapping[str, Any], spider_name: str) -> str:
    """Runs are compared only with earlier runs of the same job (or spider, if unscheduled) and
    the same crawl settings (``SIMWATCH_BASELINE_KEY``, set by the runner from the keywords,
    page limit and base URLs): a small crawl is never compared with a large or a sandbox one."""
    series = settings.get("SIMWATCH_JOB") or spider_name
    key = settings.get("SIMWATCH_BASELINE_KEY")
    return f"{series}@{key}" if key else series


def history_path(settings: BaseSettings | Mapping[str, Any]) -> Path:
    configured = setting(settings, "SIMWATCH_MONITOR_HISTORY_FILE")
    if configured:
        return Path(configured)
    home = settings.get("SIMWATCH_HOME") or ".simwatch"
    return Path(home) / "monitor-history.json"


class MonitorStatsExtension:
    """Collects what the monitors need beyond the spiders' own counters.

    - per-platform field coverage of scraped listings (``simwatch/<p>/coverage/...``);
    - the previous run's listing counts, copied into ``simwatch/previous/<p>/listings`` when the
      spider opens (so the monitors compare against the previous run, not this one);
    - this run's listing counts, written to the history file when the spider closes.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MonitorStatsExtension:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        settings = self.crawler.settings
        previous = as_dict(setting(settings, "SIMWATCH_MONITOR_PREVIOUS_COUNTS"))
        if not previous:
            previous = load_history(history_path(settings)).get(series_name(settings, spider.name), {})
        for platform, count in previous.items():
            self.stats.set_value(f"simwatch/previous/{platform}/listings", int(count))

    def item_scraped(self, item: Any, response: Any, spider: Spider) -> None:
        count_coverage(self.stats, item)
        count_unchecked(self.stats, item)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if reason != "finished":
            return  # an aborted run is no baseline for the next one
        counts = {p: e["listings"] for p, e in per_platform(self.stats.get_stats()).items()}
        if counts:
            save_history(history_path(self.crawler.settings),
                         series_name(self.crawler.settings, spider.name), counts)


def count_coverage(stats: Any, item: Any) -> None:
    """Count a listing and each of its non-empty fields under its platform."""
    adapter = ItemAdapter(item)
    platform = adapter.get("platform")
    if not platform or "listing_id" not in adapter.field_names():
        return  # not a listing (a Seller, say)
    prefix = COVERAGE_PREFIX.format(platform=platform)
    stats.inc_value(prefix + "items")
    for name, value in adapter.items():
        if value is not None and value != "" and value != []:
            stats.inc_value(prefix + name)


def count_unchecked(stats: Any, item: Any) -> None:
    """Count a SIM listing whose authorisation could not be checked (no list for its carrier)."""
    adapter = ItemAdapter(item)
    if "authorisation" not in adapter.field_names() or adapter.get("authorisation") != "unchecked":
        return
    for carrier in adapter.get("carriers") or [UNKNOWN_CARRIER]:
        stats.inc_value(f"{UNCHECKED_PREFIX}{carrier}")


def load_history(path: Path) -> dict[str, dict[str, int]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        log.error("%s: monitor history unreadable (%s); item counts are not compared", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def save_history(path: Path, series: str, counts: Mapping[str, int]) -> None:
    data = load_history(path)
    # Per-platform update: each platform spider of a job closes separately with its own counts.
    data[series] = {**data.get(series, {}), **counts}
    atomic_write(path, json.dumps(data, indent=2, sort_keys=True))


# --- monitors ----------------------------------------------------------------------------------

class SimwatchMonitor(Monitor):
    """Base: stats and thresholds from the Scrapy crawler the suite runs in."""

    longMessage = False  # our messages say what is wrong; unittest's repr of the value does not

    @property
    def stats(self) -> Mapping[str, Any]:
        return self.data.stats

    @property
    def platforms(self) -> dict[str, dict[str, Any]]:
        return per_platform(self.stats)

    def threshold(self, name: str) -> Any:
        crawler = getattr(self.data, "crawler", None)
        return setting(crawler.settings if crawler is not None else {}, name)


@monitors.name("Item count")
class ItemCountMonitor(SimwatchMonitor):
    @monitors.name("Listings per platform did not drop against the previous run")
    def test_item_count_against_previous_run(self) -> None:
        fraction = float(self.threshold("SIMWATCH_MONITOR_MIN_ITEM_FRACTION"))
        current = self.platforms
        problems = []
        for key, value in self.stats.items():
            if not (key.startswith("simwatch/previous/") and key.endswith("/listings")):
                continue
            platform = key.split("/")[2]
            previous = int(value)
            now = current.get(platform, {}).get("listings", 0)
            if previous > 0 and now < fraction * previous:
                problems.append(f"{platform}: {now} listings, previous run {previous} "
                                f"(minimum {fraction:.0%} = {fraction * previous:.0f})")
        self.assertFalse(problems, "item count dropped: " + "; ".join(problems))


@monitors.name("Field coverage")
class FieldCoverageMonitor(SimwatchMonitor):
    @monitors.name("Listing fields are filled on every platform")
    def test_field_coverage(self) -> None:
        required = {name: 1.0 for name in REQUIRED_FIELDS}
        configured = as_dict(self.threshold("SIMWATCH_MONITOR_FIELD_COVERAGE"))
        # Plain entries apply to every platform; a nested {platform: {field: share}} overrides
        # them where a platform's results page does not show a field (amazon: no seller).
        general = {k: v for k, v in configured.items() if not isinstance(v, dict)}
        problems = []
        platforms = {k.split("/")[1] for k in self.stats if k.endswith("/coverage/items")}
        for platform in sorted(platforms):
            minimums = {**general, **as_dict(configured.get(platform) or {}), **required}
            prefix = COVERAGE_PREFIX.format(platform=platform)
            total = int(self.stats.get(prefix + "items", 0))
            for field_name, minimum in sorted(minimums.items()):
                share = int(self.stats.get(prefix + field_name, 0)) / total
                if share < float(minimum):
                    problems.append(f"{platform}.{field_name}: {share:.0%} < {float(minimum):.0%}")
        self.assertFalse(problems, "field coverage too low: " + "; ".join(problems))


@monitors.name("Blocked rate")
class BlockedRateMonitor(SimwatchMonitor):
    @monitors.name("Blocked pages per platform within threshold")
    def test_blocked_rate(self) -> None:
        maximum = float(self.threshold("SIMWATCH_MONITOR_MAX_BLOCKED_RATE"))
        problems = [
            f"{p}: {e['blocked_pages']} of {max(e['pages'], e['blocked_pages'])} pages blocked "
            f"({e['blocked_rate']:.0%} > {maximum:.0%}; "
            + ", ".join(f"{r}={n}" for r, n in sorted(e["blocked"].items())) + ")"
            for p, e in sorted(self.platforms.items())
            if e["blocked_rate"] > maximum
        ]
        self.assertFalse(problems, "blocked rate too high: " + "; ".join(problems))


@monitors.name("Elasticsearch sink")
class SinkErrorsMonitor(SimwatchMonitor):
    @monitors.name("Every item indexed: none dead-lettered, spooled or unsaved")
    def test_sink_errors(self) -> None:
        counts = sink_counts(self.stats)  # read after the sink's final flush (SimwatchSpidermon)
        problems = [f"{counts[k]} item(s) {label}" for k, label in (
            ("spooled", "spooled for replay"), ("dead_lettered", "dead-lettered"),
            ("unsaved", "unsaved (spool write failed)")) if counts[k]]
        # "monitor failed: Elasticsearch sink: …" already names the monitor
        self.assertFalse(problems, ", ".join(problems))


@monitors.name("Layout drift")
class LayoutDriftMonitor(SimwatchMonitor):
    @monitors.name("No layout drift events")
    def test_layout_drift(self) -> None:
        drift = {p: e["layout_drift"] for p, e in sorted(self.platforms.items()) if e["layout_drift"]}
        self.assertFalse(drift, "layout drift: " + ", ".join(f"{p}={n}" for p, n in drift.items()))


# --- actions -----------------------------------------------------------------------------------

def failed_monitors(result: Any) -> list[dict[str, str]]:
    return [
        {"monitor": item.item.monitor_name, "check": item.item.method_name,
         "error": _last_line(item.error)}
        for item in result.monitors_failed_results
    ]


def _last_line(error: Any) -> str:
    """unittest keeps the whole traceback; the assertion message is its last line."""
    lines = [line for line in str(error or "").strip().splitlines() if line.strip()]
    text = lines[-1] if lines else ""
    return text.split("AssertionError: ", 1)[-1]


class RecordMonitorResults(Action):
    """Puts the outcome into the crawl stats, where the scheduler's run record reads it."""

    def run_action(self) -> None:
        stats = self.data.crawler.stats
        failed = failed_monitors(self.result)
        stats.set_value(MONITORS_FAILED, len(failed))
        stats.set_value(MONITORS_PASSED, len(self.result.monitors_passed_results))
        # comma-joined, not a list: the runner's report turns non-scalar stats into str()
        stats.set_value(MONITORS_FAILED_NAMES, ",".join(sorted({f["monitor"] for f in failed})))
        # the reasons, for the run summary (JSON text for the same str() reason)
        stats.set_value(MONITORS_FAILURES, json.dumps(failed, ensure_ascii=False))


class WebhookAction(Action):
    """POST ``{run_id, job, spider, failed_monitors: [...]}`` as JSON to ``SIMWATCH_WEBHOOK_URL``.

    A plain stdlib POST: the receiver may be anything (chat bridge, incident tool), and the
    payload is ours, so none of Spidermon's vendor-specific actions fits.
    """

    def __init__(self, url: str = "", timeout: float = 10.0, run_id: str = "", job: str = "") -> None:
        super().__init__()
        self.url = url
        self.timeout = timeout
        self.run_id = run_id
        self.job = job

    @classmethod
    def from_crawler_kwargs(cls, crawler: Crawler) -> dict[str, Any]:
        settings = crawler.settings
        return {
            "url": setting(settings, "SIMWATCH_WEBHOOK_URL"),
            "timeout": float(setting(settings, "SIMWATCH_WEBHOOK_TIMEOUT")),
            "run_id": settings.get("SIMWATCH_RUN_ID") or "",
            "job": settings.get("SIMWATCH_JOB") or "",
        }

    def run_action(self) -> None:
        if not self.url:
            raise SkipAction("SIMWATCH_WEBHOOK_URL is not set")
        spider = getattr(self.data, "spider", None)
        payload = {
            "run_id": self.run_id,
            "job": self.job,
            "spider": getattr(spider, "name", None),
            "failed_monitors": failed_monitors(self.result),
        }
        request = urllib.request.Request(
            self.url, data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json"}, method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.URLError as exc:
            # Raised, so Spidermon reports the action as errored in the log and the monitor
            # result; the crawl itself is already finished and keeps its status.
            raise RuntimeError(f"webhook POST to {self.url} failed: {exc}") from exc


class CloseMonitorSuite(MonitorSuite):
    monitors = [
        ItemCountMonitor,
        FieldCoverageMonitor,
        BlockedRateMonitor,
        SinkErrorsMonitor,
        LayoutDriftMonitor,
    ]
    monitors_finished_actions = [RecordMonitorResults]
    monitors_failed_actions = [WebhookAction]


# Settings overlay for crawler/settings.py (the lead merges EXTENSIONS with its own).
MONITOR_SETTINGS: dict[str, Any] = {
    "SPIDERMON_ENABLED": True,
    "SPIDERMON_SPIDER_CLOSE_MONITORS": ["crawler.monitors.CloseMonitorSuite"],
    "EXTENSIONS": {
        "crawler.extensions.SimwatchSpidermon": 500,
        "crawler.monitors.MonitorStatsExtension": 510,
    },
}
