"""Search spider for xianyu: everything platform-specific lives in crawler/platforms/xianyu.py."""

from __future__ import annotations

from crawler.spiders.base import SearchSpider


class XianyuSpider(SearchSpider):
    name = "xianyu"
    platform = "xianyu"
