"""Spider middlewares: work on a callback's output before it reaches the item pipelines.

``RunDedupMiddleware`` drops a listing already seen in this run (found again by another
keyword or page) as it leaves the spider. On a real crawl most parsed listings are such
repeats (ebay sandbox: 5,542 parsed, 279 distinct); dropped here, a repeat costs one set
lookup instead of a trip through every pipeline, a ``DropItem``, an ``item_dropped`` signal
and a log record (docs/THROUGHPUT.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from crawler.items import Listing
from crawler.pipelines.normalise import missing_fields

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class RunDedupMiddleware(BaseSpiderMiddleware):
    """Pass each listing's first sighting in the run on, count the repeats, drop them.

    Identity is the document id the sink writes (``Listing.doc_id``, platform:listing_id), so
    re-crawls across runs still meet in one document and ``times_seen`` counts runs, not
    keyword hits. Counters: ``simwatch/<platform>/unique_listings`` (the summary's
    "listings") and ``simwatch/<platform>/duplicates_in_run`` — one counter, no log record.

    A listing lacking an id or title is passed on unmarked: ``NormalisePipeline`` drops and
    counts it, and a later complete sighting of the same id is still kept. Anything that is
    not a ``Listing`` (sellers, requests) passes untouched.

    Its order in ``SPIDER_MIDDLEWARES`` must be above the resumable crawl's
    ``ResumeMiddleware`` (50): a repeat dropped here never enters the pipelines, so it must not
    be counted among the items a page is waiting for.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seen: set[str] = set()

    def get_processed_item(self, item: Any, response: Response | None) -> Any:
        if not isinstance(item, Listing) or missing_fields(item):
            return item
        stats = self.crawler.stats
        assert stats is not None  # set from the crawler's start on
        if item.doc_id in self.seen:
            stats.inc_value(f"simwatch/{item.platform}/duplicates_in_run")
            return None
        self.seen.add(item.doc_id)
        stats.inc_value(f"simwatch/{item.platform}/unique_listings")
        return item
