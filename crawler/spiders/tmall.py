"""Search spider for tmall: everything platform-specific lives in crawler/platforms/tmall.py."""

from __future__ import annotations

from crawler.spiders.base import SearchSpider


class TmallSpider(SearchSpider):
    name = "tmall"
    platform = "tmall"
