"""RunDedupMiddleware: a listing's first sighting in the run goes on, repeats are counted and
dropped before the pipelines (and before the resumable crawl waits for them)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy import Request, Spider
from scrapy.core.spidermw import SpiderMiddlewareManager
from scrapy.http import HtmlResponse
from scrapy.utils.asyncgen import as_async_generator, collect_asyncgen
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from crawler.items import Listing, Seller
from crawler.ops.resume import RESUME_ID, ResumeMiddleware, resume_settings
from crawler.spidermiddlewares import RunDedupMiddleware

RESPONSE = HtmlResponse("http://sandbox.test/ebay/sch?_nkw=sim", body=b"<html></html>")


def listing(listing_id: str, platform: str = "ebay", title: str = "SIM card", **more: Any) -> Listing:
    return Listing(platform=platform, listing_id=listing_id, title=title, **more)


def middleware() -> RunDedupMiddleware:
    crawler = get_crawler(Spider)
    crawler.stats.open_spider()
    return RunDedupMiddleware.from_crawler(crawler)


def counters(mw: RunDedupMiddleware) -> dict[str, int]:
    return {k: v for k, v in mw.crawler.stats.get_stats().items() if k.startswith("simwatch/")}


def test_repeats_are_dropped_and_counted_first_sightings_go_on() -> None:
    mw = middleware()
    first, again = listing("1", keyword="sim"), listing("1", keyword="esim")
    other_platform, second = listing("1", platform="amazon"), listing("2")
    out = list(mw.process_spider_output(RESPONSE, [first, again, other_platform, second, listing("2")]))
    assert out == [first, other_platform, second] and out[0] is first  # the first, not a copy
    assert counters(mw) == {"simwatch/ebay/unique_listings": 2, "simwatch/ebay/duplicates_in_run": 2,
                            "simwatch/amazon/unique_listings": 1}


def test_the_run_is_remembered_across_responses_and_async_output() -> None:
    mw = middleware()
    assert list(mw.process_spider_output(RESPONSE, [listing("1")])) == [listing("1")]
    later = asyncio.run(collect_asyncgen(mw.process_spider_output_async(
        RESPONSE, as_async_generator([listing("1"), listing("3")]))))
    assert later == [listing("3")]
    assert counters(mw)["simwatch/ebay/duplicates_in_run"] == 1


def test_requests_sellers_and_incomplete_listings_pass_untouched_and_uncounted() -> None:
    mw = middleware()
    request = Request("http://sandbox.test/ebay/sch?_nkw=sim&_pgn=2")
    seller = Seller(platform="ebay", shop_id="s1")
    no_title, no_id = listing("7", title=""), listing("")
    out = list(mw.process_spider_output(RESPONSE, [request, request, seller, seller, no_title,
                                                   no_title, no_id, no_id]))
    assert out == [request, request, seller, seller, no_title, no_title, no_id, no_id]
    assert counters(mw) == {}
    # NormalisePipeline drops the title-less one; a complete sighting of its id is still new.
    assert list(mw.process_spider_output(RESPONSE, [listing("7")])) == [listing("7")]


def test_a_listing_sighted_in_its_item_page_request_comes_back_once_and_repeats_are_dropped() -> None:
    """amazon: a SIM listing without a seller travels in its product-page request; the listing
    the callback (or, bypassing every spider middleware, the errback) yields later is the
    first sighting's, while a repeat's request is dropped before it is fetched."""
    mw = middleware()
    carried = listing("9", platform="amazon")

    def item_page(of: Listing) -> Request:
        return Request("http://sandbox.test/amazon/dp/9", meta={"listing": of})

    first = item_page(carried)
    assert list(mw.process_spider_output(RESPONSE, [first, item_page(listing("9", platform="amazon"))])) == [first]
    assert list(mw.process_spider_output(RESPONSE, [carried])) == [carried]  # back from the item page
    assert list(mw.process_spider_output(RESPONSE, [listing("9", platform="amazon")])) == []
    assert counters(mw) == {"simwatch/amazon/unique_listings": 1, "simwatch/amazon/duplicates_in_run": 2}


def test_a_resumable_page_waits_only_for_the_listings_that_reach_the_pipelines() -> None:
    """Project settings plus the resume overlay, through Scrapy's own middleware chain: the
    repeats are gone before ResumeMiddleware counts what the page is waiting for, so the page
    is marked done once its distinct listings have left the pipelines."""
    settings = get_project_settings()
    overlay = resume_settings("/unused-jobdir")
    settings.setdict({"SPIDER_MIDDLEWARES": {**settings.getdict("SPIDER_MIDDLEWARES"),
                                             **overlay["SPIDER_MIDDLEWARES"]}}, priority="cmdline")
    crawler = get_crawler(Spider, settings_dict={**settings.copy_to_dict(), "TWISTED_REACTOR_ENABLED": False})
    crawler.spider = crawler._create_spider("dedup-test")
    crawler.stats.open_spider()
    manager = SpiderMiddlewareManager.from_crawler(crawler)
    resume = next(mw for mw in manager.middlewares if isinstance(mw, ResumeMiddleware))
    request = Request(RESPONSE.url, meta={RESUME_ID: "page-1"})
    response = RESPONSE.replace(request=request)

    async def callback(response: Any, request: Any) -> Iterable[Listing]:
        return [listing("1"), listing("2"), listing("1"), listing("2"), listing("1")]

    async def scrape() -> list[Any]:
        chain: AsyncIterator[Any] = await manager.scrape_response_async(callback, response, request)
        return [x async for x in chain]

    assert asyncio.run(scrape()) == [listing("1"), listing("2")]
    assert dict(resume.items_in_pipeline) == {"page-1": 2}
    assert crawler.stats.get_value("simwatch/ebay/duplicates_in_run") == 3


def test_the_run_set_is_lent_to_the_spider_at_spider_opened() -> None:
    """The spider's parser skips cards of listings in this set (tests/crawler/spiders), so it
    must be the very set the middleware keeps, not a copy."""
    from scrapy import signals

    class Sighting(Spider):
        name = "sighting"
        sighted: Any = frozenset()

    crawler = get_crawler(Sighting)
    crawler.stats.open_spider()
    mw = RunDedupMiddleware.from_crawler(crawler)
    spider = Sighting()
    crawler.signals.send_catch_log(signals.spider_opened, spider=spider)
    assert spider.sighted is mw.seen
    list(mw.process_spider_output(RESPONSE, [listing("5")]))
    assert "ebay:5" in spider.sighted
