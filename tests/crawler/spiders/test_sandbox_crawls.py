"""The real spiders of seven marketplaces crawl the sandbox end to end in one crawl: login
sessions, signed API calls from the platforms' own pages (browser), plain HTML (ebay, amazon),
the default fault plan's transient 503 and persistent captcha, and pagination.

One ``simwatch crawl`` subprocess (one Twisted reactor) against one embedded Elasticsearch and
one sandbox, both started here on 127.0.0.1 and stopped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sandbox.faults import plan_keywords
from tests.crawler.spiders.crawl_run import catalogue, catalogue_pages, sandbox_crawl

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# douyin: unverified, not crawled (no sandbox front); jd and pinduoduo page in place and are
# crawled by tests/crawler/spiders/test_inpage_crawls.py.
PLATFORMS = ("taobao", "tmall", "shopee", "ebay", "amazon")
BROWSER = ("taobao", "tmall", "shopee")
MAX_PAGES = 3
PER_PAGE = {"taobao": 48, "tmall": 48, "shopee": 60, "ebay": 60, "amazon": 48}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    home = tmp_path_factory.mktemp("simwatch-home")
    # Per platform: the keyword whose page 1 meets a transient 503, then the one whose page 2
    # is a persistent captcha (sandbox.faults.default_fault_plan).
    keywords = {name: list(plan_keywords(name)) for name in PLATFORMS}
    # 0.05 s, not 0: five platforms at once without any delay met the sandbox's rate limit (20
    # requests/s) in about one run of three, and amazon's backed-off slot then took ~60 s more.
    with sandbox_crawl(home, keywords, BROWSER, run_id="sandbox-crawls", max_pages=MAX_PAGES,
                       timeout=300, env={"SIMWATCH_PLATFORM_DELAY": "0.05"}) as (crawl, _):
        yield crawl


def _pages(platform: str, keyword: str) -> list[set[str]]:
    return catalogue_pages(platform, keyword, PER_PAGE[platform], MAX_PAGES)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_each_platform_crawls_through_barriers_and_pages(crawl: dict[str, Any], platform: str) -> None:
    stats = {s["platform"]: s for s in crawl["report"]["stats"]}
    assert platform in stats, crawl["stderr"][-3000:]
    mine = stats[platform]
    assert mine["layout_drift"] == 0, crawl["stderr"][-3000:]
    assert mine["pages"] >= 2 and mine["listings"] >= 30, mine
    blocked = {(b["reason"]) for b in crawl["report"]["blocked"] if b["platform"] == platform}
    # The persistent captcha on page 2 of the second keyword is met, counted and ends the platform.
    assert "captcha" in blocked, (mine, crawl["report"]["blocked"])
    # The 503 on page 1 of the first keyword is counted before the retry clears it.
    assert "server_error" in blocked, crawl["report"]["blocked"]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_listing_ids_are_the_catalogues_search_results(crawl: dict[str, Any], platform: str) -> None:
    transient, persistent = plan_keywords(platform)
    first, *rest = _pages(platform, transient)
    captcha_first, *_ = _pages(platform, persistent)
    got = {d["listing_id"] for d in crawl["docs"] if d["platform"] == platform}
    # Page 1 of both keywords always arrives (the 503 clears on retry); page 2 of the second is
    # the captcha, which stops the platform, so later pages of the first keyword may be cut off.
    assert first | captcha_first <= got
    allowed = first | captcha_first
    for page in rest:
        if page & got - allowed:
            assert page <= got, f"{platform}: a results page arrived only in part"
        allowed |= page
    assert got <= allowed, sorted(got - allowed)[:5]
    cat = catalogue()
    for doc in (d for d in crawl["docs"] if d["platform"] == platform):
        truth = cat.get(platform, doc["listing_id"])
        assert truth is not None and doc["title"] == truth.title
