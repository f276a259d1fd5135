"""crawler/extensions.py without a crawl: signal order, stopping on spool failure, progress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydispatch.dispatcher import getAllReceivers, liveReceivers
from pydispatch.robustapply import robustApply
from scrapy import Spider, signals
from scrapy.utils.test import get_crawler
from spidermon.contrib.scrapy.extensions import Spidermon
from twisted.python.failure import Failure

from crawler import extensions
from crawler.extensions import (
    SPOOL_WRITE_FAILED,
    CrawlReportExtension,
    SimwatchSpidermon,
    SpoolFailureExtension,
)
from crawler.items import Listing, Seller
from crawler.monitors import MONITOR_SETTINGS


class JdSpider(Spider):
    name = "jd"
    platform = "jd"


def crawler_for(tmp_path: Path, **settings: Any) -> Any:
    # No extension is built by get_crawler: each test builds the one it tests.
    crawler = get_crawler(JdSpider, {**MONITOR_SETTINGS, "EXTENSIONS_BASE": {}, "EXTENSIONS": {},
                                     "SIMWATCH_HOME": str(tmp_path), **settings})
    crawler.spider = JdSpider.from_crawler(crawler)
    return crawler


def send(crawler: Any, signal: object, **kwargs: Any) -> None:
    """Scrapy's dispatch order (connection order), without a reactor."""
    sender = crawler.signals.sender
    for receiver in liveReceivers(getAllReceivers(sender, signal)):
        robustApply(receiver, signal=signal, sender=sender, **kwargs)


class FlushingPipeline:
    """Like the Elasticsearch pipeline before the sink contract: counts land at spider_closed."""

    def __init__(self, crawler: Any) -> None:
        self.stats = crawler.stats
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_closed(self, spider: Spider) -> None:
        self.stats.set_value("simwatch/sink/spooled", 12)  # the final flush spooled its chunk


@pytest.mark.parametrize(("extension", "sees_final_flush"), [
    (SimwatchSpidermon, True),
    (Spidermon, False),  # why SimwatchSpidermon exists
])
def test_close_monitors_run_after_the_pipelines_final_flush(
        tmp_path: Path, extension: type, sees_final_flush: bool) -> None:
    crawler = crawler_for(tmp_path)
    # built in Scrapy's order, extensions before pipelines (kept: signals hold weak references)
    components = [extension.from_crawler(crawler), FlushingPipeline(crawler)]
    send(crawler, signals.spider_opened, spider=crawler.spider)
    send(crawler, signals.spider_closed, spider=crawler.spider, reason="finished")
    failed = crawler.stats.get_value("simwatch/monitors/failed_names") or ""
    assert len(components) == 2
    assert ("Elasticsearch sink" in failed) is sees_final_flush


class SpoolWriteError(OSError):
    def __init__(self, unsaved: int) -> None:
        super().__init__(f"spool write failed: {unsaved} item(s) unsaved")
        self.unsaved = unsaved


class FakeEngine:
    def __init__(self) -> None:
        self.closed: list[str] = []

    def close_spider(self, spider: Spider, reason: str) -> None:
        self.closed.append(reason)


def test_spool_write_failure_stops_the_crawl_once_and_counts_unsaved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(extensions, "spool_write_error_type", lambda: SpoolWriteError)
    crawler = crawler_for(tmp_path)
    crawler.engine = FakeEngine()
    ext = SpoolFailureExtension.from_crawler(crawler)
    for unsaved in (20, 35):
        try:
            raise SpoolWriteError(unsaved)
        except SpoolWriteError:
            ext.item_error(None, None, crawler.spider, Failure())
    try:
        raise ValueError("a broken item")
    except ValueError:
        ext.item_error(None, None, crawler.spider, Failure())  # other item errors: not ours
    assert crawler.engine.closed == [SPOOL_WRITE_FAILED]
    assert crawler.stats.get_value("simwatch/sink/unsaved") == 35
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == ["stopping the crawl: spool write failed: 20 item(s) unsaved"]


def test_progress_counts_the_platforms_own_page_counter_and_listings(tmp_path: Path) -> None:
    events: list[tuple[str, str, int]] = []
    crawler = crawler_for(tmp_path, SIMWATCH_PROGRESS_CALLBACK=lambda *e: events.append(e))
    ext = CrawlReportExtension.from_crawler(crawler)
    spider = crawler.spider
    ext.response_received(None, None, spider)  # a retried or blocked answer: no page yet
    crawler.stats.inc_value("simwatch/jd/pages")
    crawler.stats.inc_value("simwatch/jd/pages")
    ext.response_received(None, None, spider)
    ext.item_scraped(Listing(platform="jd", listing_id="1", title="电话卡"), None, spider)
    ext.item_scraped(Seller(platform="jd", shop_id="s1"), None, spider)  # not a listing
    crawler.stats.inc_value("simwatch/jd/pages")
    ext.spider_closed(spider, "finished")
    assert events == [("jd", "page", 2), ("jd", "item", 1), ("jd", "page", 1), ("jd", "closed", 0)]
