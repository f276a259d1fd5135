from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.crawler.ops.tinysite import TinySite


@pytest.fixture
def tiny_site() -> Iterator[TinySite]:
    site = TinySite(pages=100)
    site.start()
    try:
        yield site
    finally:
        site.stop()


def crawl_command(out: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "tests.crawler.ops.tinycrawl", "--out", str(out), *args]


def start_crawl(out: Path, log: Path, *args: str) -> subprocess.Popen[bytes]:
    """A tiny-site crawl in its own process (Scrapy's reactor cannot restart in the test process)."""
    return subprocess.Popen(crawl_command(out, *args), cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=log.open("wb"))


def read_items(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
