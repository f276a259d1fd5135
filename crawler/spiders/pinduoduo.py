"""Search spider for pinduoduo: everything platform-specific lives in crawler/platforms/pinduoduo.py."""

from __future__ import annotations

from crawler.spiders.base import SearchSpider


class PinduoduoSpider(SearchSpider):
    name = "pinduoduo"
    platform = "pinduoduo"
