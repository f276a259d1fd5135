"""Scrapy extensions: live progress for the CLI."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from scrapy import signals

from crawler.items import Seller

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

ProgressCallback = Callable[[str, str, int], None]  # (platform, event, amount)


class CrawlReportExtension:
    """Forward page and item events to ``SIMWATCH_PROGRESS_CALLBACK`` (set by the CLI)."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlReportExtension:
        ext = cls(crawler.settings.get("SIMWATCH_PROGRESS_CALLBACK"))
        if ext.callback is not None:
            crawler.signals.connect(ext.response_received, signal=signals.response_received)
            crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
            crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def _platform(self, spider: Spider) -> str:
        return getattr(spider, "platform", spider.name)

    def response_received(self, response: Response, request: Any, spider: Spider) -> None:
        assert self.callback is not None
        self.callback(self._platform(spider), "page", 1)

    def item_scraped(self, item: Any, response: Response, spider: Spider) -> None:
        assert self.callback is not None
        if not isinstance(item, Seller):  # shop pages' sellers are not listings
            self.callback(self._platform(spider), "item", 1)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.callback is not None
        self.callback(self._platform(spider), "closed", 0)
