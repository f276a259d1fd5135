"""Project settings: the per-platform download slots hold their concurrency at any delay."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from crawler.settings import MIN_SLOT_DELAY, SIMWATCH_POLITENESS, download_slots
from tests.conftest import FIXTURES
from tests.crawler.loopback import loopback_server, send

ROOT = Path(__file__).resolve().parents[2]


def test_every_slot_has_a_delay_even_at_platform_delay_zero() -> None:
    for base in (0.0, 0.0001, 1.0):
        slots = download_slots(base)
        assert set(slots) == set(SIMWATCH_POLITENESS)
        for name, (concurrency, factor) in SIMWATCH_POLITENESS.items():
            assert slots[name]["concurrency"] == concurrency
            assert slots[name]["delay"] == max(base * factor, MIN_SLOT_DELAY) > 0


@pytest.fixture
def slow_ebay() -> Iterator[tuple[str, dict[str, int]]]:
    """A loopback server answering ebay searches with the real capture after 0.3 s, noting how
    many requests it held at once."""
    page = (FIXTURES / "ebay" / "ebay_com_sch_red_basketball_shoes_2022.html").read_bytes()
    lock = threading.Lock()
    seen = {"now": 0, "most": 0, "requests": 0}

    def search(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            seen["now"] += 1
            seen["requests"] += 1
            seen["most"] = max(seen["most"], seen["now"])
        time.sleep(0.3)
        send(handler, 200, page)
        with lock:
            seen["now"] -= 1

    with loopback_server({"/ebay/sch/i.html": search}) as server:
        yield f"{server.base_url}/ebay", seen


CRAWL = """
import json, sys
from crawler.runner import run_crawl
from scrapy.utils.project import get_project_settings
off = dict.fromkeys(get_project_settings().getdict("ITEM_PIPELINES"))
report = run_crawl(["ebay"], keywords=[f"k{i}" for i in range(8)], max_pages=1,
                   base_urls={"ebay": sys.argv[1]},
                   settings_overrides={"ITEM_PIPELINES": off, "ELASTICSEARCH_URL": ""})
print(json.dumps(report.stats["ebay"].get("simwatch/ebay/pages", 0)))
"""


def test_platform_delay_zero_keeps_the_platforms_concurrency(
        slow_ebay: tuple[str, dict[str, int]], tmp_path: Path) -> None:
    base, seen = slow_ebay
    env = {**os.environ, "SIMWATCH_PLATFORM_DELAY": "0", "SIMWATCH_HOME": str(tmp_path),
           "ELASTICSEARCH_URL": ""}
    done = subprocess.run([sys.executable, "-c", CRAWL, base], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == 8  # eight keywords, one page each
    assert seen["requests"] == 8
    assert seen["most"] == SIMWATCH_POLITENESS["ebay"][0]  # 2, not all eight at once
