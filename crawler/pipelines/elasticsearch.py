"""Elasticsearch sink pipeline: idempotent bulk upserts, spooled to disk when the store is down."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals

from crawler.items import Seller
from crawler.store.client import make_client
from crawler.store.sink import BulkSink, upsert_listing

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


logger = logging.getLogger(__name__)

LISTING_FIELDS = (
    "platform", "listing_id", "title", "url", "description", "price", "shop_name", "shop_id",
    "shop_url", "location", "observed_at", "keyword", "page_url",
)


def sink_from_settings(settings: Any) -> BulkSink:
    """The bulk sink every writer of a crawl uses, configured from Scrapy settings."""
    return BulkSink(
        make_client(settings),
        spool_path=settings.get("SIMWATCH_SPOOL_PATH"),
        dead_letter_path=settings.get("SIMWATCH_DEAD_LETTER_PATH"),
        chunk_size=settings.getint("SIMWATCH_SINK_CHUNK_SIZE", 500),
        max_retries=settings.getint("SIMWATCH_SINK_MAX_RETRIES", 5),
    )


class ElasticsearchPipeline:
    """Write each classified listing with ``upsert_listing``; flush and report at close.

    The client is injectable (``sink`` argument) so tests can use a failing one; the sink owns
    retries, the dead-letter file and the spool (crawler/store/sink.py).
    """

    def __init__(self, sink: BulkSink, run_id: str, stats: StatsCollector) -> None:
        self.sink = sink
        self.run_id = run_id
        self.stats = stats
        self.seen_at = dt.datetime.now(dt.UTC)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ElasticsearchPipeline:
        from crawler.store.mappings import setup

        settings = crawler.settings
        sink = sink_from_settings(settings)
        client = sink.client
        try:
            setup(client)
            replayed = sink.replay()  # items spooled by an earlier run that lost the store
            if replayed:
                logger.info("replayed %d spooled documents", replayed)
        except Exception as exc:  # store down: items will be spooled; the crawl goes on
            logger.error("Elasticsearch unavailable at start (%s); items will be spooled", exc)
        pipeline = cls(sink, settings.get("SIMWATCH_RUN_ID") or "adhoc", crawler.stats)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Seller):
            self._add_seller(item)
            return item
        data = ItemAdapter(item).asdict()
        listing = {k: data.get(k) for k in LISTING_FIELDS}
        verdict = {k: v for k, v in data.items() if k not in LISTING_FIELDS}
        upsert_listing(self.sink, listing, verdict, self.run_id, self.seen_at)
        return item

    def _add_seller(self, seller: Seller) -> None:
        """Merge what a shop page showed into the seller's document (other fields untouched)."""
        from crawler.store.mappings import SELLERS
        from crawler.takedowns.network import seller_id

        doc_id = seller_id(seller.platform, seller.shop_id, seller.shop_name)
        if doc_id is None:
            return
        from crawler.pipelines.sellers import seller_document

        self.sink.add(SELLERS, doc_id, seller_document(seller, self.seen_at), op="update")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.sink.close()
        for key, value in self.sink.stats.as_dict().items():
            self.stats.set_value(f"simwatch/sink/{key}", value)
