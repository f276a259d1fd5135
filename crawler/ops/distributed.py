"""Distributed crawling on scrapy-redis: one shared Redis frontier and dupefilter, N workers.

Every worker runs the same spider with :func:`redis_settings`; requests go to a Redis priority
queue shared by all workers, fingerprints to a shared Redis set, so no page is fetched twice and
any idle worker takes the next request. A worker exits after ``idle_seconds`` without work.

scrapy-redis 0.9.1 on Scrapy 2.19 (checked against the installed source):

- ``scrapy_redis.scheduler.Scheduler`` and ``scrapy_redis.dupefilter.RFPDupeFilter`` work
  unchanged (Scrapy duck-types schedulers). The scheduler passes ``spider=`` to the stats
  methods, which Scrapy 2.19 reports once as a ``ScrapyDeprecationWarning``; harmless.
- ``SCHEDULER_PERSIST`` must be ``True`` with several workers: on close the scheduler otherwise
  flushes the queue *and* the dupefilter, so the first worker to finish wipes the frontier the
  others are still using. Clear a finished run's keys with :func:`clear_frontier` instead.
- ``SCHEDULER_IDLE_BEFORE_CLOSE`` > 0 makes the FIFO/LIFO queues ``BRPOP``/``BLPOP`` on the
  reactor thread (the whole worker stalls) and is ignored by the default priority queue. It is
  set to 0 here; :class:`IdleExit` does the waiting without blocking.
- ``RedisSpider``/``RedisMixin`` only implement ``start_requests()``. Scrapy ≥ 2.13 calls
  ``async start()`` and never ``start_requests()``, so seeded start URLs are only read on the
  first ``spider_idle`` (up to 5 s late). :class:`RedisStartMixin` adds the ``start()`` shim.
- Seeded start URLs become ``dont_filter=True`` requests, so a seeded page that other pages
  link to is fetched twice; :class:`RedisStartMixin` lets seeds through the dupefilter.
- ``RedisMixin.spider_idle_start_time`` is a class attribute set at import time, so
  ``MAX_IDLE_TIME_BEFORE_CLOSE`` counts from import, not from when the worker went idle; use
  :class:`IdleExit` (``SIMWATCH_IDLE_EXIT_SECONDS``) instead.
- ``RFPDupeFilter`` fingerprints ``(method, canonical url, body)`` itself, ignoring Scrapy's
  ``REQUEST_FINGERPRINTER``; requests differing only in headers or meta are duplicates.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import redis
from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.asyncio import create_looping_call
from scrapy_redis.spiders import RedisMixin

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)

START_URLS_KEY = "%(name)s:start_urls"  # scrapy-redis' default, kept so RedisSpider finds it


def key_prefix(run_id: str | None) -> str:
    """Redis keys are namespaced per run, so consecutive runs never share a dupefilter."""
    return f"simwatch:{run_id}:" if run_id else ""


def redis_settings(redis_url: str, idle_seconds: int, run_id: str | None = None) -> dict[str, Any]:
    """Settings overlay turning a spider into a worker on a shared Redis frontier."""
    if idle_seconds < 1:
        raise ValueError(f"idle_seconds must be >= 1, got {idle_seconds}")
    prefix = key_prefix(run_id)
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": prefix + "%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": prefix + "%(spider)s:dupefilter",
        "REDIS_START_URLS_KEY": prefix + START_URLS_KEY,
        "SCHEDULER_PERSIST": True,  # see the module docstring: never flush a shared frontier
        "SCHEDULER_FLUSH_ON_START": False,
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,  # non-blocking pops; IdleExit decides when to stop
        "REDIS_URL": redis_url,
        "SIMWATCH_IDLE_EXIT_SECONDS": idle_seconds,
        "EXTENSIONS": {"crawler.ops.distributed.IdleExit": 600},
    }


def _client(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url)


def seed_start_urls(redis_url: str, spider_name: str, urls: Iterable[str | Mapping[str, Any]],
                    run_id: str | None = None) -> int:
    """Push start URLs for ``spider_name`` (``RedisSpider`` JSON format: ``{"url", "meta"}``).

    Returns how many were pushed. A mapping may carry ``meta`` (e.g. platform, keyword, page).
    """
    key = (key_prefix(run_id) + START_URLS_KEY) % {"name": spider_name}
    payloads = []
    for entry in urls:
        data = {"url": entry} if isinstance(entry, str) else dict(entry)
        if not data.get("url"):
            raise ValueError(f"start URL entry without a url: {entry!r}")
        payloads.append(json.dumps(data, ensure_ascii=False))
    if not payloads:
        return 0
    client = _client(redis_url)
    try:
        client.rpush(key, *payloads)
    finally:
        client.close()
    return len(payloads)


def frontier_size(redis_url: str, spider_name: str, run_id: str | None = None) -> dict[str, int]:
    """Pending requests, seen fingerprints and unread start URLs of a spider's frontier."""
    prefix = key_prefix(run_id)
    client = _client(redis_url)
    try:
        return {
            "requests": int(client.zcard(f"{prefix}{spider_name}:requests")),
            "seen": int(client.scard(f"{prefix}{spider_name}:dupefilter")),
            "start_urls": int(client.llen((prefix + START_URLS_KEY) % {"name": spider_name})),
        }
    finally:
        client.close()


def clear_frontier(redis_url: str, spider_name: str, run_id: str | None = None) -> int:
    """Delete a finished run's queue, dupefilter and start URLs; returns keys deleted."""
    prefix = key_prefix(run_id)
    client = _client(redis_url)
    try:
        return int(client.delete(f"{prefix}{spider_name}:requests", f"{prefix}{spider_name}:dupefilter",
                                  (prefix + START_URLS_KEY) % {"name": spider_name}))
    finally:
        client.close()


class RedisStartMixin(RedisMixin):
    """``RedisMixin`` for Scrapy ≥ 2.13: read seeded start URLs in ``start()`` (see module doc).

    Use as ``class MySpider(RedisStartMixin, Spider)`` with ``from_crawler`` calling
    ``setup_redis(crawler)`` (as ``scrapy_redis.spiders.RedisSpider`` does).
    """

    async def start(self) -> AsyncIterator[Any]:
        for request in self.next_requests():
            yield request

    def make_request_from_data(self, data: bytes | str) -> Any:
        # scrapy-redis marks seeded requests dont_filter=True, so a seeded page that other pages
        # link to is fetched twice; seeds go through the shared dupefilter like any request.
        made = super().make_request_from_data(data)
        if isinstance(made, Request):
            return made.replace(dont_filter=False)
        return made

    def spider_idle(self) -> None:
        # Keep pulling seeded start URLs when idle; closing is IdleExit's decision.
        if self.server is not None and self.count_size(self.redis_key) > 0:
            self.schedule_next_requests()
            raise DontCloseSpider


class IdleExit:
    """Close a worker once it has had nothing to do for ``SIMWATCH_IDLE_EXIT_SECONDS``.

    "Nothing to do" means Scrapy's own idle test: no local request in flight and the shared
    Redis queue empty. While another worker is still crawling, new requests may appear in the
    queue at any moment, so an idle worker keeps polling until the quiet period has passed.
    """

    def __init__(self, crawler: Crawler, idle_seconds: float, poll_seconds: float) -> None:
        self.crawler = crawler
        self.idle_seconds = idle_seconds
        self.poll_seconds = poll_seconds
        self.idle_since: float | None = None
        self._poll: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IdleExit:
        idle = crawler.settings.getfloat("SIMWATCH_IDLE_EXIT_SECONDS", 0)
        if idle <= 0:
            raise NotConfigured("SIMWATCH_IDLE_EXIT_SECONDS is not set")
        poll = crawler.settings.getfloat("SIMWATCH_IDLE_POLL_SECONDS", 0.5)
        ext = cls(crawler, idle, poll)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.activity, signal=signals.request_scheduled)
        crawler.signals.connect(ext.activity, signal=signals.response_received)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self._poll = create_looping_call(self._wake_engine)
        self._poll.start(self.poll_seconds, now=False)

    def spider_closed(self, spider: Spider) -> None:
        if self._poll is not None and self._poll.running:
            self._poll.stop()

    def activity(self, *args: Any, **kwargs: Any) -> None:
        self.idle_since = None

    def spider_idle(self, spider: Spider) -> None:
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle_seconds:
            raise DontCloseSpider
        log.info("worker idle for %.1fs (limit %ss): closing", now - self.idle_since, self.idle_seconds)

    def _wake_engine(self) -> None:
        # Scrapy re-checks its scheduler only every 5 s (engine heartbeat) once idle; with a
        # shared queue, work pushed by other workers would wait that long. There is no public
        # "poke the engine" call, so use the slot's CallLaterOnce when present.
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None and getattr(slot, "closing", None) is None:
            nextcall.schedule()
