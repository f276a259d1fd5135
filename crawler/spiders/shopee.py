"""Search spider for shopee: everything platform-specific lives in crawler/platforms/shopee.py."""

from __future__ import annotations

from crawler.spiders.base import SearchSpider


class ShopeeSpider(SearchSpider):
    name = "shopee"
    platform = "shopee"
