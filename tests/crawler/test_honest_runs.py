"""Real runs next to the demo, and without a whitelist (subprocess crawls against the sandbox).

- after ``simwatch demo``, a real crawl neither sees, counts, compares nor exports demo data;
- a crawl without any whitelist raises no ``unauthorised_seller`` and warns per carrier.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from crawler.sessions import write_storage_state
from crawler.store.embedded import EmbeddedElasticsearch
from sandbox.server import SandboxServer, login_storage_state

pytestmark = [pytest.mark.slow, pytest.mark.browser]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sandbox() -> Iterator[str]:
    with SandboxServer(seed=7, faults=False) as base:
        yield str(base)


def simwatch(home: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SIMWATCH_", "ELASTICSEARCH_"))}
    environ |= {"SIMWATCH_HOME": str(home), "SIMWATCH_PLATFORM_DELAY": "0", **env}
    return subprocess.run([sys.executable, "-m", "crawler.cli", *argv], env=environ, cwd=home.parent,
                          capture_output=True, text=True, timeout=600)


def crawl(home: Path, base: str, *extra: str, **env: str) -> dict:
    # jd searches through the logged-in browser (its signed API): the sandbox's session
    write_storage_state(home / "sessions" / "jd.json", login_storage_state(base))
    proc = simwatch(home, "crawl", "--sandbox", base, "-p", "jd", "-k", "电话卡", "--max-pages", "2",
                    "--no-model", "--json", *extra, **env)
    assert "{" in proc.stdout, proc.stderr[-3000:]
    # quiet by default: no INFO/DEBUG chatter, no line printed twice (one log handler)
    lines = proc.stderr.splitlines()
    assert not [line for line in lines if line.startswith(("DEBUG", "INFO"))], proc.stderr[-2000:]
    assert len(lines) == len(set(lines)), proc.stderr[-2000:]
    return json.loads(proc.stdout[proc.stdout.index("{"):])


def test_a_crawl_after_the_demo_neither_sees_nor_exports_demo_data(tmp_path: Path, sandbox: str) -> None:
    home = tmp_path / "home"
    demo = simwatch(home, "demo", "-p", "jd", "--max-pages", "2", "--evidence", "0",
                    "--out", str(tmp_path / "demo-out"))
    assert demo.returncode in (0, 1), demo.stderr[-3000:]
    assert (home / "demo" / "es").is_dir() and not (home / "es").exists()
    assert (tmp_path / "demo-out").is_dir()

    with EmbeddedElasticsearch(home / "es") as es:  # the real store (as `crawl` would start it)
        report = crawl(home, sandbox, ELASTICSEARCH_URL=es.url)
        # no baseline from the demo's larger run: nothing to compare, so no "item count" failure
        assert not any(f["monitor"] == "Item count" for f in report["failed_monitors"])
        client = Elasticsearch(es.url)
        client.indices.refresh(index="simwatch-listings")
        runs = {hit["_source"]["crawl_run_id"] for hit in client.search(
            index="simwatch-listings", size=1000, query={"match_all": {}})["hits"]["hits"]}
        assert runs == {report["run_id"]}  # only the real run's listings
        assert client.count(index="simwatch-listings")["count"] == report["listings"]
        assert not client.indices.exists(index="simwatch-demo-listings")
        out = tmp_path / "real-out"
        export = simwatch(home, "takedowns", "export", "--platform", "jd", "--format", "csv",
                          "--out", str(out), "--no-record", ELASTICSEARCH_URL=es.url)
        assert export.returncode == 0, export.stderr[-2000:]
        rows = [row for path in out.glob("*.csv") for row in csv.DictReader(path.open(encoding="utf-8-sig"))]
        assert len(rows) <= report["flagged"]
    # baselines: the demo keeps its own; the real one holds this run only, keyed by its settings
    assert (home / "demo" / "monitor-history.json").is_file()
    history = json.loads((home / "monitor-history.json").read_text(encoding="utf-8"))
    assert len(history) == 1 and "@" in next(iter(history))


def test_a_crawl_without_whitelist_raises_no_unauthorised_seller(tmp_path: Path, sandbox: str) -> None:
    home = tmp_path / "home"
    with EmbeddedElasticsearch(home / "es") as es:
        report = crawl(home, sandbox, ELASTICSEARCH_URL=es.url)
        assert report["warnings"] and all("no whitelist loaded" in w for w in report["warnings"])
        assert len(report["warnings"]) == len(set(report["warnings"]))  # once per carrier
        client = Elasticsearch(es.url)
        client.indices.refresh(index="simwatch-listings")
        assert report["listings"] > 0
        unauthorised = client.count(index="simwatch-listings",
                                    query={"term": {"violations": "unauthorised_seller"}})["count"]
    assert unauthorised == 0


def test_a_login_wall_stops_its_platform_early_and_the_run_is_not_succeeded(tmp_path: Path,
                                                                               sandbox: str) -> None:
    home = tmp_path / "home"
    # A session the running sandbox did not issue (another sandbox's: each signs with its own
    # secret), as a session the platform revoked: every jd search page meets the login wall.
    with SandboxServer(seed=7, faults=False) as other:
        write_storage_state(home / "sessions" / "jd.json", login_storage_state(other))
    keywords = ["电话卡", "流量卡", "手机卡", "上网卡", "物联网卡", "大王卡", "sim card", "prepaid sim"]
    # A platform delay as in real runs: the download slot then sends its requests one by one
    # (with none, Scrapy 2.19 starts every queued request of a slot at once).
    proc = simwatch(home, "crawl", "--sandbox", sandbox, "-p", "jd", "-p", "ebay", "--max-pages", "1",
                    "--no-model", "--json", *[a for k in keywords for a in ("-k", k)],
                    SIMWATCH_PLATFORM_DELAY="0.05")
    assert proc.returncode == 1 and "{" in proc.stdout, proc.stderr[-3000:]
    report = json.loads(proc.stdout[proc.stdout.index("{"):])
    stats = {s["platform"]: s for s in report["stats"]}
    assert stats["jd"]["finish_reason"] == "login_required"
    # stopped after the third wall in a row, not after meeting it on every keyword's page
    assert 3 <= stats["jd"]["blocked"].get("login", 0) < len(keywords), (stats["jd"], proc.stderr)
    assert stats["jd"]["skipped_after_block"] >= 1  # requests not sent once it stopped
    assert stats["jd"]["listings"] == 0 and stats["jd"]["failed_pages"] == 0
    assert stats["ebay"]["finish_reason"] == "finished" and stats["ebay"]["listings"] > 0  # goes on
    # not succeeded: jd did not finish (partial) and its blocked rate fails the monitor, which
    # makes the run failed (README's status table); the summary says both and what to do
    assert report["status"] == "failed", report["reasons"]
    assert "failed monitor(s): Blocked rate" in report["reasons"]
    assert any("jd: login_required" in r and "`simwatch login jd`" in r for r in report["reasons"])
    assert "jd answered with its login wall 3 times in a row" in proc.stderr
