"""Two Scrapy worker processes share one Redis frontier and dupefilter over a 100-page site."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from crawler.ops.distributed import clear_frontier, frontier_size, redis_settings, seed_start_urls
from crawler.ops.redis_server import RedisServer
from tests.crawler.ops.conftest import read_items, start_crawl
from tests.crawler.ops.tinysite import TinySite

IDLE_SECONDS = 2


def test_settings_overlay() -> None:
    settings = redis_settings("redis://127.0.0.1:6379/0", 30, run_id="nightly-1")
    assert settings["SCHEDULER"] == "scrapy_redis.scheduler.Scheduler"
    assert settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings["SCHEDULER_PERSIST"] is True
    assert settings["SCHEDULER_IDLE_BEFORE_CLOSE"] == 0
    assert settings["SCHEDULER_QUEUE_KEY"] == "simwatch:nightly-1:%(spider)s:requests"
    assert settings["SIMWATCH_IDLE_EXIT_SECONDS"] == 30
    assert "crawler.ops.distributed.IdleExit" in settings["EXTENSIONS"]
    with pytest.raises(ValueError, match="idle_seconds"):
        redis_settings("redis://x", 0)


def run_workers(site: TinySite, redis_url: str, run_id: str, workers: list[str], tmp: Path) -> dict[str, list[dict]]:
    seed_start_urls(redis_url, "tinysite", [f"{site.url}/page/0"], run_id=run_id)
    started = time.monotonic()
    procs = {
        name: start_crawl(tmp / f"{run_id}-{name}.jsonl", tmp / f"{run_id}-{name}.log",
                          "--start", "-", "--worker", name, "--redis-url", redis_url,
                          "--run-id", run_id, "--idle", str(IDLE_SECONDS))
        for name in workers
    }
    for name, proc in procs.items():
        # Idle workers must exit on their own (IdleExit), not be killed by the test.
        assert proc.wait(timeout=60) == 0, (tmp / f"{run_id}-{name}.log").read_text()[-3000:]
    assert time.monotonic() - started < 45
    return {name: read_items(tmp / f"{run_id}-{name}.jsonl") for name in workers}


def test_two_workers_share_frontier_without_duplicates(tiny_site: TinySite, tmp_path: Path) -> None:
    with RedisServer() as redis_server:
        # Baseline: one worker, fast site.
        single = run_workers(tiny_site, redis_server.url, "single", ["solo"], tmp_path)
        baseline = {item["id"] for item in single["solo"]}
        assert len(baseline) == 100
        tiny_site.hits.clear()

        # Two workers; slow pages so both get work from the shared queue.
        tiny_site.delay = 0.1
        result = run_workers(tiny_site, redis_server.url, "pair", ["a", "b"], tmp_path)
        ids = {name: [item["id"] for item in items] for name, items in result.items()}

        hits = tiny_site.snapshot()
        assert max(hits.values()) == 1, "a page was fetched twice"
        assert sum(hits.values()) == 100
        assert not set(ids["a"]) & set(ids["b"])  # no page crawled by both workers
        assert Counter(ids["a"] + ids["b"]) == Counter(baseline)  # union == single-worker crawl
        assert ids["a"] and ids["b"], f"one worker did nothing: {len(ids['a'])}/{len(ids['b'])}"

        size = frontier_size(redis_server.url, "tinysite", run_id="pair")
        assert size == {"requests": 0, "seen": 100, "start_urls": 0}
        assert clear_frontier(redis_server.url, "tinysite", run_id="pair") == 1  # the dupefilter set
        assert frontier_size(redis_server.url, "tinysite", run_id="pair")["seen"] == 0
