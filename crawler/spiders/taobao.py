"""Search spider for taobao: everything platform-specific lives in crawler/platforms/taobao.py."""

from __future__ import annotations

from crawler.spiders.base import SearchSpider


class TaobaoSpider(SearchSpider):
    name = "taobao"
    platform = "taobao"
