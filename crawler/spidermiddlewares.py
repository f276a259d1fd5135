"""Spider middlewares: work on a callback's output before it reaches the item pipelines.

``RunDedupMiddleware`` drops a listing already seen in this run (found again by another
keyword or page) as it leaves the spider. On a real crawl most parsed listings are such
repeats (ebay sandbox: 5,542 parsed, 279 distinct); dropped here, a repeat costs one set
lookup instead of a trip through every pipeline, a ``DropItem``, an ``item_dropped`` signal
and a log record (docs/THROUGHPUT.md). A parser that can read a card's id before its fields
skips repeats itself, from the same set (``_lend_sightings``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy import Spider, signals
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from crawler.items import Listing
from crawler.pipelines.normalise import missing_fields

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

LISTING_META = "listing"  # request.meta key of the listing an item-page request carries


class RunDedupMiddleware(BaseSpiderMiddleware):
    """Pass each listing's first sighting in the run on, count the repeats, drop them.

    Identity is the document id the sink writes (``Listing.doc_id``, platform:listing_id), so
    re-crawls across runs still meet in one document and ``times_seen`` counts runs, not
    keyword hits. Counters: ``simwatch/<platform>/unique_listings`` (the summary's
    "listings") and ``simwatch/<platform>/duplicates_in_run`` — one counter, no log record.

    A listing that first travels inside a request (the spider's item-page fetch, whose
    ``meta["listing"]`` comes back from the callback or the errback) is sighted when that
    request leaves the spider: a repeat's request is dropped, and the listing the first one
    brings back passes. Sighting it there matters because an errback's output reaches the
    pipelines without passing any spider middleware (Scrapy's scraper calls errbacks of
    failed downloads directly).

    A listing lacking an id or title is passed on unmarked: ``NormalisePipeline`` drops and
    counts it, and a later complete sighting of the same id is still kept. Anything else
    (sellers, other requests) passes untouched.

    Its order in ``SPIDER_MIDDLEWARES`` must be above the resumable crawl's
    ``ResumeMiddleware`` (50): a repeat dropped here never enters the pipelines, so it must not
    be counted among the items a page is waiting for.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seen: set[str] = set()
        self.awaited: set[str] = set()  # sighted in an item-page request, not yet back
        crawler.signals.connect(self._lend_sightings, signal=signals.spider_opened)

    def _lend_sightings(self, spider: Spider) -> None:
        """The spider's parser skips the cards of listings already in ``seen`` (and counts
        them, as :meth:`_repeat` would): a repeat then costs neither its fields' extraction nor
        a trip through Scrapy's output path. Read from the parser thread while the reactor adds
        to it: a membership test on a set is atomic under the GIL, and a listing added a moment
        too late is only parsed and then dropped here, as before."""
        if hasattr(spider, "sighted"):
            spider.sighted = self.seen

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        listing = request.meta.get(LISTING_META)
        if not _identifiable(listing):
            return request
        if self._repeat(listing):
            return None
        self.awaited.add(listing.doc_id)
        return request

    def get_processed_item(self, item: Any, response: Response | None) -> Any:
        if not _identifiable(item):
            return item
        if item.doc_id in self.awaited:  # back from its item page: sighted and counted already
            self.awaited.discard(item.doc_id)
            return item
        return None if self._repeat(item) else item

    def _repeat(self, listing: Listing) -> bool:
        """Whether ``listing`` was seen before in this run; counted either way."""
        stats = self.crawler.stats
        assert stats is not None  # set from the crawler's start on
        if listing.doc_id in self.seen:
            stats.inc_value(f"simwatch/{listing.platform}/duplicates_in_run")
            return True
        self.seen.add(listing.doc_id)
        stats.inc_value(f"simwatch/{listing.platform}/unique_listings")
        return False


def _identifiable(value: Any) -> bool:
    return isinstance(value, Listing) and not missing_fields(value)
