"""The douyin spider refuses to crawl an unverified structure, and says so."""

from __future__ import annotations

import asyncio

from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from crawler.platforms import douyin


def test_douyin_spider_makes_no_request_and_counts_the_refusal(caplog) -> None:
    settings = get_project_settings()
    cls = SpiderLoader.from_settings(settings).load("douyin")
    crawler = get_crawler(cls, settings_dict={**dict(settings), "TWISTED_REACTOR_ENABLED": False})
    spider = cls.from_crawler(crawler, keywords="流量卡", base_url="http://127.0.0.1:9/douyin")

    async def collect() -> list:
        return [r async for r in spider.start()]

    with caplog.at_level("WARNING"):
        assert asyncio.run(collect()) == []
    assert crawler.stats.get_value("simwatch/douyin/unverified") == 1
    assert douyin.UNVERIFIED_REASON in caplog.text
