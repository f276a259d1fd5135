"""Benchmark: two scrapy-redis workers against one, on the same sandbox crawl (aim ≥ 1.7×).

The crawl is the real ebay spider (plain HTTP) through every pipeline, with the per-platform politeness delay
that production uses scaled down (``SIMWATCH_PLATFORM_DELAY``): marketplace crawls are bound by
politeness, not CPU, and that is what a second worker (another machine, another IP) doubles.
Each side runs as ``simwatch crawl`` subprocesses against one sandbox (faults off) and its own
embedded Elasticsearch. Time is the crawl phase: Scrapy's ``elapsed_time_seconds`` per process,
minus the idle wait a worker spends before it exits (``SIMWATCH_IDLE_EXIT_SECONDS``); the pair's
time is its slower worker's. Process start-up (imports, model load) is left out on both sides.

Run: ``.venv/bin/python -m bench --only distributed``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MAX_PAGES = 5
SEARCH_PAGES = 60  # enough result pages that the second worker's share outweighs start-up


def _keywords() -> list[str]:
    """Keywords of the sandbox's ebay catalogue whose result pages add up to SEARCH_PAGES."""
    from bench.bench_crawl import plan_keywords
    from sandbox.catalogue import build_catalogue

    return plan_keywords(build_catalogue(7), "ebay", SEARCH_PAGES, max_pages=MAX_PAGES).keywords
DELAY = 0.25
IDLE_EXIT = 3
AIM = 1.7


def _command(base: str, run_id: str, *extra: str) -> list[str]:
    cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--sandbox", base, "-p", "ebay",
           "--max-pages", str(MAX_PAGES), "--run-id", run_id, "--json", *extra]
    for keyword in _keywords():
        cmd += ["-k", keyword]
    return cmd


def _report(out: str) -> dict[str, Any]:
    return json.loads(out[out.index("{"):])


def _elapsed(report: dict[str, Any], idle: float) -> float:
    return max(float(s.get("elapsed_seconds") or 0.0) for s in report["stats"]) - idle


def run() -> list[dict[str, Any]]:
    from crawler.ops.redis_server import RedisServer
    from crawler.store.embedded import EmbeddedElasticsearch
    from sandbox.server import SandboxServer

    env = {**os.environ, "SIMWATCH_PLATFORM_DELAY": str(DELAY),
           "SIMWATCH_IDLE_EXIT_SECONDS": str(IDLE_EXIT), "SIMWATCH_LOG_LEVEL": "WARNING"}
    with tempfile.TemporaryDirectory(prefix="simwatch-bench-dist-") as tmp:
        work = Path(tmp)
        with SandboxServer(seed=7, faults=False) as base:
            with EmbeddedElasticsearch(work / "es1") as es:
                single = subprocess.run(
                    _command(base, "bench-single"), cwd=ROOT, capture_output=True, text=True,
                    timeout=900, env={**env, "ELASTICSEARCH_URL": es.url,
                                      "SIMWATCH_HOME": str(work / "h1")})
                if single.returncode != 0:
                    raise RuntimeError(f"single worker failed: {single.stderr[-2000:]}")
            one = _report(single.stdout)
            with RedisServer() as redis, EmbeddedElasticsearch(work / "es2") as es:
                workers = [
                    subprocess.Popen(
                        _command(base, "bench-pair", "--worker"), cwd=ROOT, text=True,
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                        env={**env, "ELASTICSEARCH_URL": es.url, "REDIS_URL": redis.url,
                             "SIMWATCH_HOME": str(work / f"w{i}")})
                    for i in range(2)
                ]
                outputs = [w.communicate(timeout=900) for w in workers]
            for worker, (_, err) in zip(workers, outputs, strict=True):
                if worker.returncode != 0:
                    raise RuntimeError(f"worker failed: {err[-2000:]}")
            pair = [_report(out) for out, _ in outputs]
    single_time = _elapsed(one, 0.0)
    pair_time = max(_elapsed(r, IDLE_EXIT) for r in pair)
    pages_one = sum(s["pages"] for s in one["stats"])
    pages_pair = sum(s["pages"] for r in pair for s in r["stats"])
    speedup = single_time / pair_time if pair_time > 0 else 0.0
    return [{
        "measure": "distributed crawl: two scrapy-redis workers vs one",
        "compared_with": "one worker, same crawl",
        "inputs": (f"ebay sandbox, {len(_keywords())} keywords × {MAX_PAGES} pages + shop pages, "
                   f"delay {DELAY}s/request/worker; one: {pages_one} search pages in "
                   f"{single_time:.1f}s, two: {pages_pair} in {pair_time:.1f}s"),
        "value": round(speedup, 2),
        "unit": "×",
        "aim": f"≥ {AIM}×",
        "ok": speedup >= AIM,
    }]


if __name__ == "__main__":
    from bench import exit_on_sigterm

    exit_on_sigterm()
    print(json.dumps(run(), ensure_ascii=False, indent=1))
