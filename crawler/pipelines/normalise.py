"""First pipeline: clean and validate listings.

A listing without an id or title cannot be classified or indexed idempotently; it is dropped
with a logged reason and counted, never silently. In-run repeats never get here: the spider
middleware ``crawler.spidermiddlewares.RunDedupMiddleware`` drops them as they leave the spider.
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
        problems = missing_fields(listing)
        if problems:
            self.stats.inc_value(f"simwatch/{listing.platform}/invalid_items")
            raise DropItem(f"listing from {listing.page_url} lacks {', '.join(problems)}")
        return listing


def missing_fields(listing: Listing) -> list[str]:
    """The fields without which a listing cannot be classified or indexed idempotently."""
    return [name for name in ("platform", "listing_id", "title") if not getattr(listing, name)]


def _coerce_price(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        price = float(str(value).replace(",", "").replace("¥", "").replace("￥", "").strip())
    except ValueError:
        return None
    return price if math.isfinite(price) and price >= 0 else None
