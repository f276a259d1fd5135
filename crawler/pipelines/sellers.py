"""Shop pages of flagged sellers: what the business licence and agent marks say.

For each seller with a flagged listing, the shop page is scheduled once (through the scheduler,
so the dupefilter — shared in Redis for distributed crawls — keeps it to one fetch per run, with
the platform's politeness and block detection). The spider parses it into a ``Seller`` item —
统一社会信用代码, company name, 统一标识 / 代理编号 text — which the Elasticsearch pipeline
indexes into ``simwatch-sellers``. A takedown request can then name the company behind a shop,
and analysts can compare the agent code a shop displays with the carrier's published list.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import Request

from crawler.items import Seller
from crawler.platforms import PLATFORMS
from crawler.platforms.base import reroot_url

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler


def seller_document(seller: Seller, seen_at: datetime) -> dict[str, Any]:
    """The ``simwatch-sellers`` fields a shop page gives, stamped with when it was seen.

    ``last_seen`` is the Kibana data view's time field: every seller document carries it (the
    seller-network writer stamps it too), or Discover shows nothing.
    """
    doc = {k: v for k, v in asdict(seller).items() if v not in (None, [])}
    stamp = seen_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    doc["shop_page_fetched_at"] = stamp
    doc["last_seen"] = stamp
    return doc


def shop_page_url(shop_url: str, base_url: str, default_base_url: str) -> str:
    """The shop URL to fetch: itself on the real site, re-rooted on another front (sandbox)."""
    if base_url.rstrip("/") == default_base_url.rstrip("/"):
        return shop_url if "://" in shop_url else "https:" + shop_url
    return reroot_url(shop_url, base_url)


class ShopPagePipeline:
    """Schedule each flagged seller's shop page once; the spider turns it into a Seller item."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.scheduled: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ShopPagePipeline:
        return cls(crawler)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Seller):
            return item
        data = ItemAdapter(item)
        platform = data.get("platform")
        module = PLATFORMS.get(platform or "")
        shop_url = data.get("shop_url")
        spider = spider or self.crawler.spider
        callback = getattr(spider, "parse_shop_page", None)
        if (not data.get("takedown") or not shop_url or callback is None
                or getattr(module, "parse_shop", None) is None):
            return item
        key = f"{platform}:{data.get('shop_id') or shop_url}"
        if key in self.scheduled:
            return item
        self.scheduled.add(key)
        url = shop_page_url(shop_url, getattr(spider, "base_url", module.DEFAULT_BASE_URL),
                            module.DEFAULT_BASE_URL)
        self.crawler.engine.crawl(Request(
            url, callback=callback, errback=getattr(spider, "shop_page_failed", None),
            meta={"platform": platform, "download_slot": platform, "no_browser": True,
                  "shop_id": data.get("shop_id"), "shop_name": data.get("shop_name"),
                  "shop_url": shop_url},
        ))
        self.crawler.stats.inc_value(f"simwatch/{platform}/shop_pages_scheduled")
        return item
