"""Classify each listing against the whitelist (POLICY §1-§6) and count what was found.

Classification is CPU work: it runs in a worker thread, over batches of the listings that
arrive together (``Classifier.classify_many``), so a long title never stalls the reactor.
"""

from __future__ import annotations

import gc
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.items import Listing, Seller
from crawler.pipelines.batching import BatchWorker

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from crawler.classifiers import Classifier
    from whitelist.matcher import Matcher

logger = logging.getLogger(__name__)

BATCH_SIZE = 256
# Platform crawlers of one process each have a classifier, but the classifier's caches are
# module-level: one classification at a time per process (the GIL would serialise them anyway).
_CLASSIFY_LOCK = threading.Lock()


class ClassifiedListing(dict):
    """A listing's fields plus its verdict's, as indexed (docs/INTERFACES.md)."""


class ClassifyPipeline:
    def __init__(self, classifier: Classifier, stats: StatsCollector, batch_size: int = BATCH_SIZE) -> None:
        self.classifier = classifier
        self.stats = stats
        self.worker: BatchWorker[Listing, ClassifiedListing] = BatchWorker(self._classify, batch_size)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClassifyPipeline:
        from crawler.classifiers import Classifier

        matcher = run_matcher(crawler.settings.get("SIMWATCH_WHITELIST_DIR"),
                              crawler.settings.getlist("SIMWATCH_WHITELIST_FILES"))
        classifier = Classifier(matcher, use_model=crawler.settings.getbool("SIMWATCH_USE_MODEL"))
        # Build the rule lexicon and load the model now, before the spider opens, rather than
        # on the first listing in the middle of the crawl.
        classifier.classify(Listing(platform="jd", listing_id="warm-up", title="中国移动 电话卡"))
        # The model, the lexicon and every imported module live as long as the crawl: frozen,
        # they drop out of the collector's full passes, which stop every thread, the reactor's
        # too (100-360 ms each measured in bench/bench_crawl.py before; see docs/THROUGHPUT.md).
        gc.freeze()
        return cls(classifier, crawler.stats)

    async def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Seller):
            return item
        classified = await self.worker.submit(item)
        platform = classified["platform"]
        if classified["sim_listing"]:
            self.stats.inc_value(f"simwatch/{platform}/sim_listings")
        if classified["takedown"]:
            self.stats.inc_value(f"simwatch/{platform}/flagged")
            for code in classified["violations"]:
                self.stats.inc_value(f"simwatch/{platform}/violations/{code}")
        return classified

    def _classify(self, listings: list[Listing]) -> list[ClassifiedListing]:
        """One batch, in the worker thread."""
        with _CLASSIFY_LOCK:
            verdicts = list(self.classifier.classify_many(listings))
        return [ClassifiedListing(listing.to_dict() | verdict.to_dict())
                for listing, verdict in zip(listings, verdicts, strict=True)]

    async def close_spider(self, spider: Spider | None = None) -> None:
        await self.worker.drain()


def run_matcher(snapshot_dir: str | None, files: list[str]) -> Matcher:
    """The matcher for a run: active imported snapshots plus any whitelist files named.

    Rejected whitelist rows are logged with file and row; they never stop a crawl.
    """
    from crawler.classifiers import load_matcher
    from whitelist.matcher import Matcher
    from whitelist.registry import active_entries

    file_matcher, rejected = load_matcher(files)
    for row in rejected:
        logger.warning("whitelist row rejected: %s", row)
    snapshot_entries = list(active_entries(Path(snapshot_dir))) if snapshot_dir else []
    matcher = Matcher([*snapshot_entries, *file_matcher.entries]) if snapshot_entries else file_matcher
    if not len(matcher):
        logger.warning(
            "no whitelist loaded: every domestic SIM listing will be reported unauthorised; "
            "import the carriers' lists with `simwatch whitelist import`"
        )
    return matcher
