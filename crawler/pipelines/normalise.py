"""First pipelines: clean and validate listings, and drop in-run repeats.

A listing without an id or title cannot be classified or indexed idempotently; it is dropped
with a logged reason and counted, never silently.
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from crawler.items import Listing, Seller
from crawler.platforms.base import text_or_none as clean_text  # one text cleaner (#21)

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class NormalisePipeline:
    """Trim and de-tag text fields, coerce prices, fill ``observed_at``; reject unusable items."""

    TEXT_FIELDS = ("title", "description", "shop_name", "location")

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalisePipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Seller):
            return item
        listing = item if isinstance(item, Listing) else Listing.from_dict(dict(item))
        for name in self.TEXT_FIELDS:
            setattr(listing, name, clean_text(getattr(listing, name)))
        listing.listing_id = str(listing.listing_id or "").strip()
        listing.shop_id = str(listing.shop_id).strip() if listing.shop_id not in (None, "") else None
        listing.price = _coerce_price(listing.price)
        if not listing.observed_at and spider is not None:
            listing.observed_at = getattr(spider, "observed_at", None)
        problems = [name for name in ("platform", "listing_id", "title") if not getattr(listing, name)]
        if problems:
            self.stats.inc_value(f"simwatch/{listing.platform}/invalid_items")
            raise DropItem(f"listing from {listing.page_url} lacks {', '.join(problems)}")
        return listing


def _coerce_price(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        price = float(str(value).replace(",", "").replace("¥", "").replace("￥", "").strip())
    except ValueError:
        return None
    return price if math.isfinite(price) and price >= 0 else None


class RunDedupPipeline:
    """Drop a listing already seen in this run (found again by another keyword or page).

    Re-crawls across runs are handled by idempotent document ids in the sink; this keeps
    ``times_seen`` counting runs, not keyword hits.
    """

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunDedupPipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Seller):
            return item
        if item.doc_id in self.seen:
            self.stats.inc_value(f"simwatch/{item.platform}/duplicates_in_run")
            # Expected (one listing, several keywords): not worth a warning per repeat.
            raise DropItem(f"already seen in this run: {item.doc_id}", log_level="DEBUG")
        self.seen.add(item.doc_id)
        self.stats.inc_value(f"simwatch/{item.platform}/unique_listings")
        return item
