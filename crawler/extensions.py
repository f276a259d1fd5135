"""Scrapy extensions: live progress for the CLI, monitors after the sink's final flush, and a
crawl that stops when its items can no longer be saved."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from scrapy import signals
from spidermon.contrib.scrapy.extensions import Spidermon

from crawler.items import Seller

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, str, int], None]  # (platform, event, amount)
SINK_UNSAVED = "simwatch/sink/unsaved"
SPOOL_WRITE_FAILED = "spool_write_failed"  # the finish reason of a crawl stopped by it


class CrawlReportExtension:
    """Forward page and item events to ``SIMWATCH_PROGRESS_CALLBACK`` (set by the CLI).

    Pages are counted on the platform's own counter (``simwatch/<p>/pages``, what the summary,
    the run record and the monitors read), not on every response: retried and blocked answers
    are no result pages.
    """

    def __init__(self, callback: ProgressCallback | None, stats: Any = None) -> None:
        self.callback = callback
        self.stats = stats
        self._pages: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlReportExtension:
        ext = cls(crawler.settings.get("SIMWATCH_PROGRESS_CALLBACK"), crawler.stats)
        if ext.callback is not None:
            crawler.signals.connect(ext.response_received, signal=signals.response_received)
            crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
            crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def _platform(self, spider: Spider) -> str:
        return getattr(spider, "platform", spider.name)

    def response_received(self, response: Response, request: Any, spider: Spider) -> None:
        assert self.callback is not None
        platform = self._platform(spider)
        if self.stats is None:
            self.callback(platform, "page", 1)
            return
        # The spider counts a page after parsing it; report the growth of that counter.
        pages = int(self.stats.get_value(f"simwatch/{platform}/pages", 0) or 0)
        grown = pages - self._pages.get(platform, 0)
        if grown > 0:
            self._pages[platform] = pages
            self.callback(platform, "page", grown)

    def item_scraped(self, item: Any, response: Response, spider: Spider) -> None:
        assert self.callback is not None
        if not isinstance(item, Seller):  # shop pages' sellers are not listings
            self.callback(self._platform(spider), "item", 1)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.callback is not None
        self.response_received(None, None, spider)  # type: ignore[arg-type]  # last pages
        self.callback(self._platform(spider), "closed", 0)


class SimwatchSpidermon(Spidermon):
    """Spidermon whose close monitors run after every pipeline's ``spider_closed`` handler.

    Signal handlers run in the order they were connected, and extensions are built before the
    item pipelines: Spidermon's own handler would read the sink counters before the sink's
    final flush (a run that spooled its last chunk looked clean). Connecting the handler when
    the spider opens (after the pipelines exist) puts it last.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SimwatchSpidermon:
        ext = super().from_crawler(crawler)
        crawler.signals.disconnect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext._connect_close, signal=signals.spider_opened)
        return ext

    def _connect_close(self, spider: Spider) -> None:
        self.crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)


def spool_write_error_type() -> type[BaseException] | None:
    """``crawler.store.sink.SpoolWriteError`` (the sink's contract), when the sink defines it."""
    from crawler.store import sink

    return getattr(sink, "SpoolWriteError", None)


class SpoolFailureExtension:
    """Stop the crawl at the first item that could be saved neither in Elasticsearch nor in the
    spool: crawling on would only lose more. Counts the unsaved items for the run's status."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.error_type = spool_write_error_type()
        self.stopping = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SpoolFailureExtension:
        ext = cls(crawler)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        return ext

    def item_error(self, item: Any, response: Any, spider: Spider, failure: Failure) -> None:
        if self.error_type is None or not failure.check(self.error_type):
            return
        unsaved = int(getattr(failure.value, "unsaved", 0) or 0)
        stats = self.crawler.stats
        if stats is not None:
            stats.set_value(SINK_UNSAVED, max(unsaved, int(stats.get_value(SINK_UNSAVED, 0) or 0)))
        if self.stopping:
            return
        self.stopping = True
        logger.error("stopping the crawl: %s", failure.value)
        assert self.crawler.engine is not None
        self.crawler.engine.close_spider(spider, SPOOL_WRITE_FAILED)
