"""Elasticsearch sink pipeline: idempotent bulk upserts, spooled to disk when the store is down."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from crawler.items import Seller
from crawler.pipelines.batching import BatchWorker
from crawler.pipelines.sellers import seller_document
from crawler.store.client import make_client
from crawler.store.mappings import SELLERS
from crawler.store.sink import Action, BulkSink, SpoolWriteError, listing_upsert_action, make_action
from crawler.takedowns.network import seller_id

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


logger = logging.getLogger(__name__)

_PREPARE_LOCK = threading.Lock()

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
    """Write each classified listing (``listing_upsert_action``) and each seller through the sink.

    Nothing here blocks the reactor: the sink (synchronous, official client) runs in a worker
    thread, one batch at a time (:class:`BatchWorker`), with its retries and back-off sleeps.
    An item leaves this pipeline only once its batch is indexed, dead-lettered or spooled, so
    the resumable crawl (crawler/ops/resume.py), which acknowledges an item when it leaves the
    pipelines, never acknowledges an item that is still only in memory. Store set-up and the
    replay of an earlier run's spool run in a thread at ``open_spider``; the final flush
    completes inside ``close_spider``, before the spider-closed monitors read the counts
    (``simwatch/sink/*``: added, indexed, retried, dead_lettered, spooled, unsaved, replayed).

    If the spool itself cannot be written, the batch's items are dropped with an error naming
    the file, counted in ``unsaved``, and the spider is closed (``spool_write_failed``): a
    crawl that can save nothing stops instead of fetching on.
    """

    def __init__(self, sink: BulkSink, run_id: str, stats: StatsCollector,
                 crawler: Crawler | None = None) -> None:
        self.sink = sink
        self.run_id = run_id
        self.stats = stats
        self.crawler = crawler
        self.seen_at = dt.datetime.now(dt.UTC)
        self.writer: BatchWorker[Any, None] = BatchWorker(self._write, sink.chunk_size)
        self._closing_spider = False
        self._closer: asyncio.Task[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ElasticsearchPipeline:
        settings = crawler.settings
        return cls(sink_from_settings(settings), settings.get("SIMWATCH_RUN_ID") or "adhoc",
                   crawler.stats, crawler)

    async def open_spider(self, spider: Spider | None = None) -> None:
        await asyncio.to_thread(self._prepare)

    def _prepare(self) -> None:
        """Mappings, then the spool an earlier run left (worker thread)."""
        from crawler.store.mappings import setup

        # One platform crawler at a time: they share the store's set-up and the spool file.
        with _PREPARE_LOCK:
            try:
                setup(self.sink.client)
                replayed = self.sink.replay()  # items spooled by an earlier run that lost the store
                if replayed:
                    logger.info("replayed %d spooled documents", replayed)
            except SpoolWriteError as exc:
                logger.error("replaying the spool: %s", exc)
            except Exception as exc:  # store down: items will be spooled; the crawl goes on
                logger.error("Elasticsearch unavailable at start (%s); items will be spooled", exc)

    async def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        try:
            await self.writer.submit(item)
        except SpoolWriteError as exc:
            self._close_spider("spool_write_failed")
            raise DropItem(f"not stored: {exc}", log_level="ERROR") from exc
        return item

    def _write(self, items: list[Any]) -> list[None]:
        """One batch, in the worker thread: build the bulk actions and deliver them."""
        actions = []
        for item in items:
            action = self._seller_action(item) if isinstance(item, Seller) else self._listing_action(item)
            if action is not None:
                actions.append(action)
        self.sink.write(actions)
        return [None] * len(items)

    def _listing_action(self, item: Any) -> Action:
        data = item if isinstance(item, dict) else ItemAdapter(item).asdict()
        listing = {k: data.get(k) for k in LISTING_FIELDS}
        verdict = {k: v for k, v in data.items() if k not in LISTING_FIELDS}
        return listing_upsert_action(listing, verdict, self.run_id, self.seen_at)

    def _seller_action(self, seller: Seller) -> Action | None:
        """Merge what a shop page showed into the seller's document (other fields untouched)."""
        doc_id = seller_id(seller.platform, seller.shop_id, seller.shop_name)
        if doc_id is None:
            return None
        return make_action(SELLERS, doc_id, seller_document(seller, self.seen_at), op="update")

    def _close_spider(self, reason: str) -> None:
        if self._closing_spider or self.crawler is None or self.crawler.engine is None:
            return
        self._closing_spider = True
        logger.error("closing the spider: items can be saved neither to Elasticsearch nor to the spool")
        # Kept: the loop holds tasks only weakly.
        self._closer = asyncio.get_running_loop().create_task(
            self.crawler.engine.close_spider_async(reason=reason))

    async def close_spider(self, spider: Spider | None = None) -> None:
        """The final flush: every item handed to the sink is accounted for before this returns."""
        try:
            await self.writer.drain()
            await asyncio.to_thread(self.sink.close)
        except SpoolWriteError as exc:
            logger.error("final flush: %s", exc)
        finally:
            for key, value in self.sink.stats.as_dict().items():
                self.stats.set_value(f"simwatch/sink/{key}", value)
