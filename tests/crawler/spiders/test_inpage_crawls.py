"""jd and pinduoduo crawl the sandbox the way the real sites page: jd through the logged-in
browser, its search app's signed ``pc_search_searchWare`` calls and its 下一页 control; pinduoduo in
a phone browser, the page's ``rawData`` and the ``/proxy/api/search`` calls its scrolling makes.

One ``simwatch crawl`` subprocess against one embedded Elasticsearch and one sandbox (default
fault plan: a 503 on page 1 of one keyword, a persistent captcha on page 2 of another), all on
127.0.0.1 and stopped here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from crawler.sessions import write_storage_state
from crawler.store.embedded import EmbeddedElasticsearch
from sandbox.faults import plan_keywords
from sandbox.server import SandboxServer, login_storage_state
from tests.crawler.spiders.crawl_run import catalogue, catalogue_pages, run_crawl, sandbox_crawl

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PLATFORMS = ("jd", "pinduoduo")
MAX_PAGES = 3
PER_PAGE = {"jd": 30, "pinduoduo": 20}
EXTRA = "电话卡"  # a fault-free keyword, crawled to its last page
NOTHING = "乒乓球拍"  # no results: an empty answer, never layout drift


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    home = tmp_path_factory.mktemp("simwatch-home")
    keywords = {name: [EXTRA, NOTHING, *plan_keywords(name)] for name in PLATFORMS}
    with sandbox_crawl(home, keywords, PLATFORMS, run_id="inpage-crawls", max_pages=MAX_PAGES,
                       timeout=400, env={"SIMWATCH_STOP_PLATFORM_ON_CAPTCHA": "0"}) as (crawl, base):
        hits = json.loads(urlopen_text(f"{base}/_admin/state"))["hits"]
        yield {**crawl, "hits": hits}


def urlopen_text(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read().decode("utf-8")


def _pages(platform: str, keyword: str) -> list[set[str]]:
    return catalogue_pages(platform, keyword, PER_PAGE[platform], MAX_PAGES)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_catalogue_listing_of_the_reachable_pages_is_found(crawl: dict[str, Any], platform: str) -> None:
    transient, persistent = plan_keywords(platform)
    got = {d["listing_id"] for d in crawl["docs"] if d["platform"] == platform}
    # The fault-free keyword and the 503 keyword (cleared by reloading and walking back to the
    # page) arrive in full up to MAX_PAGES; the captcha keyword stops after its page 1.
    expected = set().union(*_pages(platform, EXTRA), *_pages(platform, transient),
                           _pages(platform, persistent)[0])
    assert len(_pages(platform, EXTRA)) >= 2, "the keyword must span several pages"
    assert got == expected, (sorted(expected - got)[:5], sorted(got - expected)[:5], crawl["stderr"][-3000:])
    cat = catalogue()
    for doc in (d for d in crawl["docs"] if d["platform"] == platform):
        truth = cat.get(platform, doc["listing_id"])
        assert truth is not None and doc["title"] == truth.title
        assert doc["price"] == pytest.approx(truth.price) and doc.get("price_masked") is False


@pytest.mark.parametrize("platform", PLATFORMS)
def test_blocks_are_counted_and_nothing_is_drift(crawl: dict[str, Any], platform: str) -> None:
    stats = {s["platform"]: s for s in crawl["report"]["stats"]}
    mine = stats[platform]
    assert mine["layout_drift"] == 0, crawl["stderr"][-3000:]
    blocked = {b["reason"] for b in crawl["report"]["blocked"] if b["platform"] == platform}
    assert {"captcha", "server_error"} <= blocked, crawl["report"]["blocked"]


def test_jd_pages_through_the_signed_api_not_page_urls(crawl: dict[str, Any]) -> None:
    hits = crawl["hits"]
    api = [k for k in hits if k.startswith("/jd/api?")]
    assert api and all("functionId=pc_search_searchWare" in k and "h5st=" in k for k in api)
    # One search-app load per keyword (plus the reload after the 503), never one per page.
    loads = [k for k in hits if k.startswith("/jd/Search?")]
    assert all("page=3" not in k and "page=5" not in k for k in loads), loads
    assert sum(hits[k] for k in api) > sum(hits[k] for k in loads)


def test_pinduoduo_pages_by_scrolling(crawl: dict[str, Any]) -> None:
    hits = crawl["hits"]
    api = [k for k in hits if k.startswith("/pinduoduo/proxy/api/search?")]
    assert api and all("flip=" in k and "anti_content=0as" in k for k in api)
    assert {k.split("&page=")[1].split("&")[0] for k in api} >= {"2", "3"}
    loads = [k for k in hits if k.startswith("/pinduoduo/search_result.html")]
    assert all("page=" not in k for k in loads), loads


@pytest.fixture(scope="module")
def client_rendered_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """pinduoduo as its late-2026 page is: no server-rendered list, page 1 from the API too."""
    home = tmp_path_factory.mktemp("simwatch-home-csr")
    with EmbeddedElasticsearch(home / "es") as es, SandboxServer(seed=7) as base:
        state = login_storage_state(base)
        host = state["cookies"][0]["domain"]
        state["cookies"].append({"name": "sw_render", "value": "client", "domain": host, "path": "/",
                                 "expires": -1, "httpOnly": False, "secure": False, "sameSite": "Lax"})
        write_storage_state(home / "sessions" / "pinduoduo.json", state)
        transient, _ = plan_keywords("pinduoduo")
        yield run_crawl(home, es.url, ["--sandbox", base, "-p", "pinduoduo", "--max-pages", str(MAX_PAGES),
                                       "--run-id", "csr", "-k", EXTRA, "-k", transient], timeout=400)


def test_pinduoduo_without_server_rendered_results_reads_page_1_from_the_api(
        client_rendered_crawl: dict[str, Any]) -> None:
    transient, _ = plan_keywords("pinduoduo")
    got = {d["listing_id"] for d in client_rendered_crawl["docs"]}
    expected = set().union(*_pages("pinduoduo", EXTRA), *_pages("pinduoduo", transient))
    assert got == expected, client_rendered_crawl["stderr"][-3000:]
    [stats] = client_rendered_crawl["report"]["stats"]
    assert stats["layout_drift"] == 0
    # The planned 503 of page 1 now meets the page's first API call; reloading clears it.
    assert stats["blocked"] == {"server_error": 1}

