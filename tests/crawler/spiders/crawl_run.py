"""Run ``simwatch crawl`` in a subprocess and read back what it stored (the sandbox and in-page
crawl tests share it)."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch

from crawler.sessions import write_storage_state
from crawler.store.embedded import EmbeddedElasticsearch
from sandbox.catalogue import Catalogue, build_catalogue, write_whitelist
from sandbox.server import SandboxServer, login_storage_state

ROOT = Path(__file__).resolve().parents[3]


@functools.cache
def catalogue() -> Catalogue:
    """The sandbox's catalogue (seed 7, as the tests' SandboxServer builds it)."""
    return build_catalogue(7)


def catalogue_pages(platform: str, keyword: str, per_page: int, max_pages: int) -> list[set[str]]:
    """The catalogue's result pages for a keyword, as sets of listing ids (up to ``max_pages``)."""
    out = []
    for page in range(1, max_pages + 1):
        result = catalogue().search(platform, keyword, page, per_page)
        if result.items:
            out.append({x.listing_id for x in result.items})
        if not result.has_next:
            break
    return out


def prepare_home(home: Path, base: str, logged_in: Iterable[str]) -> Path:
    """Login sessions for the ``logged_in`` platforms and the catalogue's published whitelist
    in ``home``; the whitelist's path."""
    state = login_storage_state(base)
    for name in logged_in:
        write_storage_state(home / "sessions" / f"{name}.json", state)
    return write_whitelist(catalogue().whitelist_rows(), home / "published.csv")


def write_keywords_file(path: Path, keywords: dict[str, list[str]]) -> Path:
    """A keywords file that searches each platform for exactly its ``keywords`` (no shared set)."""
    lines = ["[default]", 'sets = ["none"]', "[sets]", 'none = ["-"]']
    for name, words in keywords.items():
        lines += [f"[platforms.{name}]", "sets = []", f"extra = {json.dumps(words, ensure_ascii=False)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_crawl(home: Path, es_url: str, args: list[str], *, timeout: float,
              env: dict[str, str] | None = None) -> dict[str, Any]:
    """``simwatch crawl ARGS --json`` with ``home`` as SIMWATCH_HOME, no platform delay and
    ``env`` on top: its JSON report, its stderr and every listing it stored."""
    full_env = {**os.environ, "ELASTICSEARCH_URL": es_url, "SIMWATCH_HOME": str(home),
                "SIMWATCH_PLATFORM_DELAY": "0", "SIMWATCH_LOG_LEVEL": "INFO", **(env or {})}
    cmd = [sys.executable, "-m", "crawler.cli", "crawl", *args, "--json"]
    proc = subprocess.run(cmd, env=full_env, cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    assert proc.stdout.strip(), proc.stderr[-4000:]
    report = json.loads(proc.stdout[proc.stdout.index("{"):])
    client = Elasticsearch(es_url)
    client.indices.refresh(index="simwatch-listings")
    docs = [h["_source"] for h in client.search(index="simwatch-listings", size=5000,
                                               query={"match_all": {}})["hits"]["hits"]]
    return {"report": report, "stderr": proc.stderr, "docs": docs}


@contextlib.contextmanager
def sandbox_crawl(home: Path, keywords: dict[str, list[str]], logged_in: Iterable[str], *,
                  run_id: str, max_pages: int, timeout: float,
                  env: dict[str, str] | None = None) -> Iterator[tuple[dict[str, Any], str]]:
    """One ``simwatch crawl --sandbox`` of the platforms of ``keywords`` (each searched for
    exactly its words; sessions for ``logged_in``) against a fresh embedded Elasticsearch and
    sandbox (seed 7, default fault plan): the crawl (see run_crawl) and the sandbox's URL, both
    servers running until the block ends."""
    with EmbeddedElasticsearch(home / "es") as es, SandboxServer(seed=7) as base:
        whitelist = prepare_home(home, base, logged_in)
        args = ["--sandbox", base, "--max-pages", str(max_pages), "--whitelist", str(whitelist),
                "--run-id", run_id]
        for name in keywords:
            args += ["-p", name]
        keywords_file = write_keywords_file(home / "keywords.toml", keywords)
        env = {**(env or {}), "SIMWATCH_KEYWORDS_FILE": str(keywords_file)}
        yield run_crawl(home, es.url, args, timeout=timeout, env=env), base
