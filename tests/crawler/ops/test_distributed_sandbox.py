"""Two real ebay workers sharing one Redis frontier crawl the sandbox like one worker does.

Debian's redis-server (installed by `make test`) runs on 127.0.0.1 for this test only. The
workers are `simwatch crawl --worker` subprocesses with one run id; the sandbox counts every
request it serves, so a page crawled twice would show.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from crawler.ops.redis_server import RedisServer
from crawler.store.embedded import EmbeddedElasticsearch
from sandbox.server import SandboxServer

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[3]
# ebay: a plain-HTTP platform with one URL per results page (jd now pages inside its browser app).
KEYWORDS = ["sim card", "prepaid sim", "sim", "data sim"]


def _crawl_cmd(base: str, run_id: str, *extra: str) -> list[str]:
    cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--sandbox", base, "-p", "ebay",
           "--max-pages", "3", "--run-id", run_id, "--json", *extra]
    for kw in KEYWORDS:
        cmd += ["-k", kw]
    return cmd


def _ids(client: Elasticsearch, run_id: str) -> set[str]:
    client.indices.refresh(index="simwatch-listings")
    hits = client.search(index="simwatch-listings", size=2000, _source=False,
                         query={"term": {"crawl_run_id": run_id}})["hits"]["hits"]
    return {h["_id"] for h in hits}


def _search_hits(server: SandboxServer) -> dict[str, int]:
    return {path: n for path, n in server.state.hits.items() if path.startswith("/ebay/sch/")}


def test_two_workers_crawl_each_page_once_and_find_what_one_worker_finds(tmp_path: Path) -> None:
    single_es, pair_es = tmp_path / "es-single", tmp_path / "es-pair"
    env = {**os.environ, "SIMWATCH_PLATFORM_DELAY": "0.05", "SIMWATCH_IDLE_EXIT_SECONDS": "3"}

    with EmbeddedElasticsearch(single_es) as es, SandboxServer(seed=7, faults=False) as base:
        one = subprocess.run(_crawl_cmd(base, "single"), cwd=ROOT, capture_output=True, text=True,
                             timeout=300, env={**env, "ELASTICSEARCH_URL": es.url,
                                               "SIMWATCH_HOME": str(tmp_path / "h1")})
        assert one.returncode == 0, one.stderr[-3000:]
        expected = _ids(Elasticsearch(es.url), "single")
    assert len(expected) >= 90

    sandbox = SandboxServer(seed=7, faults=False)
    with RedisServer() as redis, EmbeddedElasticsearch(pair_es) as es, sandbox as server_base:
        # Politeness-bound workers (as in production), so the crawl outlasts the start-up
        # skew between the two processes and both take part.
        worker_env = {**env, "ELASTICSEARCH_URL": es.url, "REDIS_URL": redis.url,
                      "SIMWATCH_PLATFORM_DELAY": "0.25",
                      # One request in flight per worker: a worker cannot drain the shared
                      # frontier into its own downloader queue, so both take part.
                      "SIMWATCH_CONCURRENT_REQUESTS": "1"}
        workers = [
            subprocess.Popen(_crawl_cmd(server_base, "pair", "--worker"), cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**worker_env, "SIMWATCH_HOME": str(tmp_path / f"w{i}")})
            for i in range(2)
        ]
        outputs = [w.communicate(timeout=300) for w in workers]
        for w, (_out, err) in zip(workers, outputs, strict=True):
            assert w.returncode == 0, err[-3000:]
        reports = [json.loads(out[out.index("{"):]) for out, _ in outputs]
        pages = [sum(s["pages"] for s in r["stats"]) for r in reports]
        assert all(p > 0 for p in pages), pages  # both workers took part
        got = _ids(Elasticsearch(es.url), "pair")
        hits = _search_hits(sandbox)
    assert got == expected
    assert len(hits) >= len(KEYWORDS) * 2
    assert max(hits.values()) == 1, {p: n for p, n in hits.items() if n > 1}
