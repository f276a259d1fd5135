"""Shop pages of flagged sellers: what the business licence and agent marks say.

For each seller with a flagged listing, fetch its shop page once per run through the engine
(same politeness, proxies, retries and block detection as search pages) and index what it shows
— 统一社会信用代码, company name, 统一标识 / 代理编号 text — into ``simwatch-sellers``. A takedown
request can then name the company behind a shop, and analysts can compare the agent code a shop
displays with the carrier's published list.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import Request, signals

from crawler.platforms import PLATFORMS
from crawler.platforms.base import PageFormatError, reroot_url

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

    from crawler.store.sink import BulkSink

logger = logging.getLogger(__name__)


def shop_page_url(shop_url: str, base_url: str, default_base_url: str) -> str:
    """The shop URL to fetch: itself on the real site, re-rooted on another front (sandbox)."""
    if base_url.rstrip("/") == default_base_url.rstrip("/"):
        return shop_url if "://" in shop_url else "https:" + shop_url
    return reroot_url(shop_url, base_url)


class ShopPagePipeline:
    """Fetch each flagged seller's shop page once per run and index its licence facts."""

    def __init__(self, crawler: Crawler, sink: BulkSink | None) -> None:
        self.crawler = crawler
        self.sink = sink
        self.fetched: set[str] = set()
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ShopPagePipeline:
        sink = None
        if crawler.settings.get("ELASTICSEARCH_URL"):
            from crawler.pipelines.elasticsearch import sink_from_settings

            sink = sink_from_settings(crawler.settings)
        return cls(crawler, sink)

    async def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        data = ItemAdapter(item)
        platform = data.get("platform")
        module = PLATFORMS.get(platform or "")
        shop_url = data.get("shop_url")
        parse_shop = getattr(module, "parse_shop", None)
        if not data.get("takedown") or parse_shop is None or not shop_url:
            return item
        key = f"{platform}:{data.get('shop_id') or shop_url}"
        if key in self.fetched:
            return item
        self.fetched.add(key)
        spider = spider or self.crawler.spider
        url = shop_page_url(shop_url, getattr(spider, "base_url", module.DEFAULT_BASE_URL),
                            module.DEFAULT_BASE_URL)
        stats = self.crawler.stats
        request = Request(url, meta={"platform": platform, "download_slot": platform,
                                     "no_browser": True, "shop_page": True}, dont_filter=True)
        try:
            response = await self.crawler.engine.download_async(request)
        except Exception as exc:  # a missing shop page never costs the listing itself
            stats.inc_value(f"simwatch/{platform}/shop_pages_failed")
            logger.warning("shop page %s not fetched: %s", url, exc)
            return item
        if response.status != 200 or request.meta.get("blocked_reason"):
            stats.inc_value(f"simwatch/{platform}/shop_pages_failed")
            return item
        try:
            seller = parse_shop(response.body, shop_url)
        except PageFormatError as exc:
            stats.inc_value(f"simwatch/{platform}/shop_pages_failed")
            logger.warning("shop page %s not understood: %s", url, exc)
            return item
        stats.inc_value(f"simwatch/{platform}/shop_pages")
        if self.sink is not None:
            from crawler.store.mappings import SELLERS
            from crawler.takedowns.network import seller_id

            doc_id = seller_id(platform, data.get("shop_id"), data.get("shop_name"))
            doc = {
                "platform": platform,
                "shop_id": data.get("shop_id"),
                "shop_name": data.get("shop_name") or seller.shop_name,
                "shop_url": shop_url,
                "credit_code": seller.credit_code,
                "company_name": seller.company_name,
                "agent_marks": seller.agent_marks,
                "shop_page_fetched_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            }
            if doc_id:
                self.sink.add(SELLERS, doc_id, {k: v for k, v in doc.items() if v not in (None, [])},
                              op="update")
        return item

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.sink is not None:
            self.sink.close()
