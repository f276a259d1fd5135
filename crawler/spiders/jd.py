"""Search spider for jd: everything platform-specific lives in crawler/platforms/jd.py."""

from __future__ import annotations

from crawler.spiders.base import SearchSpider


class JdSpider(SearchSpider):
    name = "jd"
    platform = "jd"
