"""A minimal crawl of the tiny site, run as a subprocess by the distributed and resume tests.

    python -m tests.crawler.ops.tinycrawl --start URL --out FILE --worker NAME
        [--redis-url URL --run-id ID --idle SECONDS] [--jobdir DIR] [--concurrency N]
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import AsyncIterator
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import CrawlerProcess

from crawler.ops.distributed import RedisStartMixin, redis_settings
from crawler.ops.resume import resume_settings


def page_id(url: str) -> str:
    return url.split("/page/", 1)[1]


class TinySpider(Spider):
    name = "tinysite"

    def __init__(self, start: str = "", worker: str = "w", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = start
        self.worker = worker

    async def start(self) -> AsyncIterator[Any]:
        yield Request(self.start_url, dont_filter=True)

    def parse(self, response: Any) -> Any:
        # The item is keyed by page, like listings are keyed by platform:listing_id.
        yield {"id": page_id(response.url), "worker": self.worker}
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, callback=self.parse)


class TinyRedisSpider(RedisStartMixin, TinySpider):
    """Takes its start URL from Redis (seeded by the test), like a distributed worker."""

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> TinyRedisSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup_redis(crawler)
        return spider


class JsonLinesPipeline:
    """One ``write()`` per item on an O_APPEND file: what reached it survives SIGKILL (like a spool)."""

    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    @classmethod
    def from_crawler(cls, crawler: Any) -> JsonLinesPipeline:
        return cls(crawler.settings["TINY_OUT"])

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        os.write(self.fd, (json.dumps(item) + "\n").encode())
        return item

    def close_spider(self) -> None:
        os.close(self.fd)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--start", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--worker", default="w")
    parser.add_argument("--redis-url")
    parser.add_argument("--run-id")
    parser.add_argument("--idle", type=int, default=2)
    parser.add_argument("--jobdir")
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()

    settings: dict[str, Any] = {
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "CONCURRENT_REQUESTS": args.concurrency,
        "LOG_LEVEL": "INFO",
        "TINY_OUT": args.out,
        "ITEM_PIPELINES": {"tests.crawler.ops.tinycrawl.JsonLinesPipeline": 100},
        "SIMWATCH_IDLE_POLL_SECONDS": 0.2,
    }
    spider_cls: type[Spider] = TinySpider
    if args.redis_url:
        settings.update(redis_settings(args.redis_url, args.idle, run_id=args.run_id))
        spider_cls = TinyRedisSpider
    if args.jobdir:
        settings.update(resume_settings(args.jobdir))
    process = CrawlerProcess(settings)
    process.crawl(spider_cls, start=args.start, worker=args.worker)
    process.start()


if __name__ == "__main__":
    main()
