"""Spiders: all nine are listed, and each really issues requests from ``async def start()``."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from crawler.platforms import PLATFORMS
from crawler.spiders.base import SearchSpider

ALL = ["amazon", "douyin", "ebay", "jd", "pinduoduo", "shopee", "taobao", "tmall", "xianyu"]


def test_scrapy_list_shows_all_nine_spiders() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ALL


def _spider(name: str, **kwargs: object) -> SearchSpider:
    from scrapy.spiderloader import SpiderLoader

    settings = get_project_settings()
    cls = SpiderLoader.from_settings(settings).load(name)
    # Only the request generation is exercised: no reactor is needed.
    crawler = get_crawler(cls, settings_dict={**dict(settings), "TWISTED_REACTOR_ENABLED": False})
    return cls.from_crawler(crawler, **kwargs)


def _start_requests(spider: SearchSpider) -> list:
    async def collect() -> list:
        return [r async for r in spider.start()]

    return asyncio.run(collect())


# douyin refuses to crawl (unverified): tests/crawler/spiders/test_douyin_spider.py
@pytest.mark.parametrize("name", [n for n in ALL if n != "douyin"])
def test_start_yields_a_search_request_per_keyword(name: str) -> None:
    # Scrapy >= 2.13 calls start(); a spider defining only start_requests() can silently
    # make no requests, so the async path itself is what is tested here.
    spider = _spider(name, keywords="电话卡,流量卡", base_url="http://127.0.0.1:9/x", max_pages=2)
    requests = _start_requests(spider)
    assert [r.meta["keyword"] for r in requests] == ["电话卡", "流量卡"]
    assert all(r.meta["platform"] == name and r.meta["page"] == 1 for r in requests)
    assert all(r.meta["download_slot"] == name for r in requests)
    assert requests[0].url == PLATFORMS[name].search_url("http://127.0.0.1:9/x", "电话卡", 1)


def test_default_keywords_come_from_the_keywords_file() -> None:
    spider = _spider("jd", base_url="http://127.0.0.1:9/jd")
    requests = _start_requests(spider)
    assert len(requests) >= 3
    assert len({r.url for r in requests}) == len(requests)
