"""Search spider for amazon: everything platform-specific lives in crawler/platforms/amazon.py."""

from __future__ import annotations

from crawler.spiders.base import SearchSpider


class AmazonSpider(SearchSpider):
    name = "amazon"
    platform = "amazon"
