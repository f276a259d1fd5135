"""A real ebay crawl killed with SIGKILL and run again finishes with nothing lost or duplicated."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from crawler.store.embedded import EmbeddedElasticsearch
from sandbox.catalogue import build_catalogue
from sandbox.server import SandboxServer

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[3]
# ebay: a plain-HTTP platform with one URL per results page (jd now pages inside its browser app).
KEYWORDS = ["sim card", "prepaid sim", "data sim"]
MAX_PAGES = 3


def _expected_ids() -> set[str]:
    catalogue = build_catalogue(7)
    ids: set[str] = set()
    for keyword in KEYWORDS:
        for page in range(1, MAX_PAGES + 1):
            ids.update(x.doc_id for x in catalogue.search("ebay", keyword, page, 60).items)
    return ids


def test_sigkilled_crawl_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    jobdir = tmp_path / "job"
    sandbox = SandboxServer(seed=7, faults=False)
    with EmbeddedElasticsearch(tmp_path / "es") as es, sandbox as base:
        env = {**os.environ, "ELASTICSEARCH_URL": es.url, "SIMWATCH_HOME": str(tmp_path / "h"),
               "SIMWATCH_PLATFORM_DELAY": "0.3"}
        cmd = [sys.executable, "-m", "crawler.cli", "crawl", "--sandbox", base, "-p", "ebay",
               "--max-pages", str(MAX_PAGES), "--jobdir", str(jobdir), "--json"]
        for keyword in KEYWORDS:
            cmd += ["-k", keyword]
        first = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
        client = Elasticsearch(es.url)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # kill once the crawl is well under way
            if client.indices.exists(index="simwatch-listings") and client.count(
                    index="simwatch-listings")["count"] >= 20:
                break
            time.sleep(0.1)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        client.indices.refresh(index="simwatch-listings")
        partial = client.count(index="simwatch-listings")["count"]

        second = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True,
                                timeout=300)
        assert second.returncode == 0, second.stderr[-3000:]
        report = json.loads(second.stdout[second.stdout.index("{"):])
        client.indices.refresh(index="simwatch-listings")
        hits = client.search(index="simwatch-listings", size=2000,
                             query={"match_all": {}})["hits"]["hits"]
        search_hits = {p: n for p, n in sandbox.state.hits.items() if p.startswith("/ebay/sch/")}

    expected = _expected_ids()
    assert 0 < partial < len(expected), "the kill should land in the middle of the crawl"
    assert {h["_id"] for h in hits} == expected
    # One run, resumed: every listing seen once, under the run id kept in the job directory.
    run_id = (jobdir / "run_id").read_text().strip()
    assert report["run_id"] == run_id
    assert all(h["_source"]["times_seen"] == 1 for h in hits)
    assert all(h["_source"]["crawl_run_id"] == run_id for h in hits)
    # At-least-once fetching: only pages in flight at the kill are fetched a second time.
    assert sum(n - 1 for n in search_hits.values()) <= 2, search_hits
