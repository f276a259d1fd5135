"""Search spider for ebay: everything platform-specific lives in crawler/platforms/ebay.py."""

from __future__ import annotations

from crawler.spiders.base import SearchSpider


class EbaySpider(SearchSpider):
    name = "ebay"
    platform = "ebay"
