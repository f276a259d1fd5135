"""Search spider for douyin: everything platform-specific lives in crawler/platforms/douyin.py."""

from __future__ import annotations

from crawler.spiders.base import SearchSpider


class DouyinSpider(SearchSpider):
    name = "douyin"
    platform = "douyin"
