"""Search spider for douyin: refuses to crawl. No public evidence shows a product search that a
logged-in browser can run (crawler/platforms/douyin.py), and simwatch does not crawl a guessed
structure. The refusal is logged and counted (``simwatch/douyin/unverified``)."""

from __future__ import annotations

from collections.abc import Iterable

import scrapy

from crawler.platforms import douyin
from crawler.spiders.base import SearchSpider


class DouyinSpider(SearchSpider):
    name = "douyin"
    platform = "douyin"

    def start_requests(self) -> Iterable[scrapy.Request]:
        self.crawler.stats.set_value(f"simwatch/{self.platform}/unverified", 1)
        self.logger.warning(douyin.UNVERIFIED_REASON)
        return []
