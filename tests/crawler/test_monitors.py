"""The close-monitor suite, run the way Spidermon runs it at spider close, without crawling."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler
from spidermon.contrib.scrapy.extensions import Spidermon

from crawler.items import Listing
from crawler.monitors import MONITOR_SETTINGS, MonitorStatsExtension, load_history


class CaptureSpider(Spider):
    name = "jd"


def good_listing(n: int, platform: str = "jd", **overrides: Any) -> Listing:
    fields = {"platform": platform, "listing_id": str(n), "title": f"电话卡 {n}", "price": 9.9,
              "shop_name": "某某通讯", "shop_id": f"s{n}", "url": f"https://item/{n}"}
    return Listing(**{**fields, **overrides})


HEALTHY_STATS = {
    "item_scraped_count": 20,
    "simwatch/jd/pages": 10,
    "simwatch/jd/listings": 20,
    "simwatch/jd/blocked/rate_limited": 1,
    "simwatch/jd/layout_drift": 0,
    "simwatch/sink/dead_lettered": 0,
    "simwatch/sink/spooled": 0,
}


class Run:
    """A Scrapy crawler with chosen settings/stats, closed through the real Spidermon extension."""

    def __init__(self, tmp_path: Path, settings: dict[str, Any] | None = None) -> None:
        merged = {**MONITOR_SETTINGS, "SIMWATCH_HOME": str(tmp_path), "SIMWATCH_RUN_ID": "run-42",
                  "SIMWATCH_JOB": "nightly", **(settings or {})}
        self.crawler = get_crawler(CaptureSpider, merged)
        self.spider = CaptureSpider.from_crawler(self.crawler)
        self.crawler.spider = self.spider
        self.stats_ext = MonitorStatsExtension(self.crawler)
        self.spidermon = Spidermon.from_crawler(self.crawler)
        self.spidermon.spider_opened(self.spider)
        self.stats_ext.spider_opened(self.spider)

    def scrape(self, *items: Listing) -> None:
        for item in items:
            self.stats_ext.item_scraped(item, None, self.spider)

    def close(self, stats: dict[str, Any]) -> dict[str, Any]:
        for key, value in stats.items():
            self.crawler.stats.set_value(key, value)
        self.spidermon.spider_closed(self.spider)
        self.stats_ext.spider_closed(self.spider, "finished")
        return self.crawler.stats.get_stats()


def healthy_run(tmp_path: Path, settings: dict[str, Any] | None = None) -> Run:
    run = Run(tmp_path, settings)
    run.scrape(*(good_listing(n) for n in range(20)))
    return run


def test_healthy_run_passes_every_monitor(tmp_path: Path) -> None:
    stats = healthy_run(tmp_path).close(HEALTHY_STATS)
    assert stats["simwatch/monitors/failed"] == 0
    assert stats["simwatch/monitors/passed"] == 5
    assert stats["simwatch/monitors/failed_names"] == ""
    assert stats["simwatch/jd/coverage/items"] == 20
    assert stats["simwatch/jd/coverage/shop_id"] == 20


@pytest.mark.parametrize(
    ("stats", "failed"),
    [
        ({"simwatch/jd/blocked/captcha": 4}, "Blocked rate"),  # 5 of 10 pages > 20%
        ({"simwatch/jd/layout_drift": 1}, "Layout drift"),
        ({"simwatch/sink/dead_lettered": 2}, "Elasticsearch sink"),
        ({"simwatch/sink/spooled": 7}, "Elasticsearch sink"),
    ],
)
def test_each_problem_fails_its_monitor(tmp_path: Path, stats: dict[str, Any], failed: str) -> None:
    result = healthy_run(tmp_path).close({**HEALTHY_STATS, **stats})
    assert result["simwatch/monitors/failed"] == 1
    assert result["simwatch/monitors/failed_names"] == failed


def test_sink_failure_reason_does_not_repeat_the_monitor_name(tmp_path: Path) -> None:
    """The summary prints "monitor failed: <monitor>: <error>": the error must not name it again."""
    result = healthy_run(tmp_path).close({**HEALTHY_STATS, "simwatch/sink/spooled": 7})
    [failure] = json.loads(result["simwatch/monitors/failures"])
    assert failure["monitor"] == "Elasticsearch sink"
    assert failure["error"] == "7 item(s) spooled for replay"


def test_blocked_rate_threshold_is_a_setting(tmp_path: Path) -> None:
    stats = {**HEALTHY_STATS, "simwatch/jd/blocked/captcha": 4}
    result = healthy_run(tmp_path, {"SIMWATCH_MONITOR_MAX_BLOCKED_RATE": 0.6}).close(stats)
    assert result["simwatch/monitors/failed"] == 0


def test_field_coverage_required_and_configured_fields(tmp_path: Path) -> None:
    run = Run(tmp_path)
    run.scrape(*(good_listing(n) for n in range(8)),
               *(good_listing(n, price=None) for n in range(8, 10)))  # price 80%: passes at 0.8
    assert run.close(HEALTHY_STATS)["simwatch/monitors/failed"] == 0

    run = Run(tmp_path, {"SIMWATCH_MONITOR_FIELD_COVERAGE": {"price": 0.9}})
    run.scrape(*(good_listing(n) for n in range(8)), *(good_listing(n, price=None) for n in range(8, 10)))
    assert run.close(HEALTHY_STATS)["simwatch/monitors/failed_names"] == "Field coverage"

    # A missing title fails even when the setting tries to relax it.
    run = Run(tmp_path, {"SIMWATCH_MONITOR_FIELD_COVERAGE": '{"title": 0.5}'})
    run.scrape(*(good_listing(n) for n in range(19)), good_listing(19, title=""))
    assert run.close(HEALTHY_STATS)["simwatch/monitors/failed_names"] == "Field coverage"


def test_item_count_compared_with_previous_run_of_same_job(tmp_path: Path) -> None:
    healthy_run(tmp_path).close(HEALTHY_STATS)  # baseline: 20 jd listings for job "nightly"
    assert load_history(tmp_path / "monitor-history.json") == {"nightly": {"jd": 20}}

    run = healthy_run(tmp_path)
    assert run.crawler.stats.get_value("simwatch/previous/jd/listings") == 20
    ok = run.close({**HEALTHY_STATS, "simwatch/jd/listings": 10})  # 50%: at the limit
    assert ok["simwatch/monitors/failed"] == 0

    dropped = healthy_run(tmp_path).close({**HEALTHY_STATS, "simwatch/jd/listings": 4})  # vs 10
    assert dropped["simwatch/monitors/failed_names"] == "Item count"

    other_job = healthy_run(tmp_path, {"SIMWATCH_JOB": "weekly"})
    assert other_job.crawler.stats.get_value("simwatch/previous/jd/listings") is None


def test_previous_counts_setting_overrides_history(tmp_path: Path) -> None:
    run = healthy_run(tmp_path, {"SIMWATCH_MONITOR_PREVIOUS_COUNTS": {"jd": 100}})
    assert run.close(HEALTHY_STATS)["simwatch/monitors/failed_names"] == "Item count"


# --- webhook ------------------------------------------------------------------------------------

def test_failed_monitor_posts_webhook(tmp_path: Path, webhook: tuple[str, list]) -> None:
    url, received = webhook
    stats = {**HEALTHY_STATS, "simwatch/jd/layout_drift": 2, "simwatch/sink/dead_lettered": 1}
    result = healthy_run(tmp_path, {"SIMWATCH_WEBHOOK_URL": url}).close(stats)
    assert result["simwatch/monitors/failed"] == 2
    (payload,) = received
    assert payload["content_type"] == "application/json"
    assert payload["run_id"] == "run-42" and payload["job"] == "nightly" and payload["spider"] == "jd"
    by_monitor = {f["monitor"]: f["error"] for f in payload["failed_monitors"]}
    assert by_monitor["Layout drift"] == "layout drift: jd=2"
    assert "1 item(s) dead-lettered" in by_monitor["Elasticsearch sink"]


def test_passing_run_posts_nothing(tmp_path: Path, webhook: tuple[str, list]) -> None:
    url, received = webhook
    healthy_run(tmp_path, {"SIMWATCH_WEBHOOK_URL": url}).close(HEALTHY_STATS)
    assert received == []


def test_unreachable_webhook_does_not_break_the_close(tmp_path: Path) -> None:
    stats = {**HEALTHY_STATS, "simwatch/jd/layout_drift": 1}
    # port 9 on loopback: nothing listens; the action errors, the monitor result stays recorded
    result = healthy_run(tmp_path, {"SIMWATCH_WEBHOOK_URL": "http://127.0.0.1:9/hook",
                                    "SIMWATCH_WEBHOOK_TIMEOUT": 2}).close(stats)
    assert result["simwatch/monitors/failed_names"] == "Layout drift"


def test_field_coverage_can_be_relaxed_for_one_platform(tmp_path: Path) -> None:
    # amazon results pages name no seller: a per-platform entry relaxes shop_name there only.
    setting = {"shop_name": 0.8, "amazon": {"shop_name": 0.0}}
    run = Run(tmp_path, {"SIMWATCH_MONITOR_FIELD_COVERAGE": setting})
    run.scrape(*(good_listing(n, platform="amazon", shop_name=None) for n in range(10)))
    assert run.close(HEALTHY_STATS)["simwatch/monitors/failed"] == 0

    run = Run(tmp_path, {"SIMWATCH_MONITOR_FIELD_COVERAGE": setting})
    run.scrape(*(good_listing(n, platform="ebay", shop_name=None) for n in range(10)))
    assert run.close(HEALTHY_STATS)["simwatch/monitors/failed_names"] == "Field coverage"
