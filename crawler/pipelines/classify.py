"""Classify each listing against the whitelist (POLICY §1-§6) and count what was found.

Classification stays on the reactor thread, one listing at a time, on purpose (measured,
docs/THROUGHPUT.md): it costs about half a millisecond per listing, and in a worker thread it
would still hold the GIL, so the crawl gains nothing, while awaiting it delays the shop-page
requests ``ShopPagePipeline`` schedules for flagged sellers until after the next result
pages, which a platform's captcha then cuts off. What it does not do is classify a whole
results page in one turn of the event loop: Scrapy hands a page's ~60 new listings to the
pipelines together, and 30-60 ms of classification back to back delayed every other event of
the crawl (docs/THROUGHPUT.md, sessions 37-39). ``TurnBudget`` lets the loop run its timers and
I/O after every ~10 ms of it. In-run repeats never get here
(``crawler.spidermiddlewares.RunDedupMiddleware``), and the classifier bounds the text it reads.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.items import Listing, Seller

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from crawler.classifiers import Classifier
    from whitelist.matcher import Matcher

logger = logging.getLogger(__name__)


class ClassifiedListing(dict):
    """A listing's fields plus its verdict's, as indexed (docs/INTERFACES.md)."""


class TurnBudget:
    """At most ``seconds`` of this work per turn of the asyncio loop; the rest waits for the next.

    Hand-written: it is the few lines between Scrapy's coroutine pipelines and the loop. The first
    item of a turn schedules a reset, which the loop runs at the start of its next turn (before the
    items that yielded after it, and before that turn's I/O and timers); an item over budget yields
    until then. So no turn holds much more than ``seconds`` of this work, and order is kept.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._started: float | None = None

    async def wait(self) -> None:
        while True:
            now = time.perf_counter()
            if self._started is None:
                self._started = now
                asyncio.get_running_loop().call_soon(self._reset)
            if now - self._started < self.seconds:
                return
            await asyncio.sleep(0)

    def _reset(self) -> None:
        self._started = None


class ClassifyPipeline:
    TURN_SECONDS = 0.010

    def __init__(self, classifier: Classifier, stats: StatsCollector) -> None:
        self.classifier = classifier
        self.stats = stats
        self.budget = TurnBudget(self.TURN_SECONDS)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClassifyPipeline:
        from crawler.classifiers import Classifier

        matcher = run_matcher(crawler.settings.get("SIMWATCH_WHITELIST_DIR"),
                              crawler.settings.getlist("SIMWATCH_WHITELIST_FILES"))
        classifier = Classifier(matcher, use_model=crawler.settings.getbool("SIMWATCH_USE_MODEL"))
        # Build the rule lexicon and load the model now, before the spider opens, rather than
        # on the first listing in the middle of the crawl.
        classifier.classify(Listing(platform="jd", listing_id="warm-up", title="中国移动 电话卡"))
        classifier.warm_up()  # the model loads lazily otherwise (on the first undecided listing)
        # The model, the lexicon and every imported module live as long as the crawl: frozen,
        # they drop out of the collector's full passes, which stop every thread, the reactor's
        # too (100-360 ms each, measured with bench/bench_crawl.py; docs/THROUGHPUT.md).
        gc.freeze()
        return cls(classifier, crawler.stats)

    async def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Seller):
            return item
        await self.budget.wait()
        return self.classify_item(item)

    def classify_item(self, item: Any) -> Any:
        """The listing's fields merged with its verdict's, its findings counted."""
        # Shallow field copies, made once: ``to_dict`` (``dataclasses.asdict``) deep-copies, and
        # the classifier would make one more of its own from a Listing; nothing here is shared
        # beyond this item.
        listing = fields_of(item)
        verdict = self.classifier.classify(listing)
        if verdict.sim_listing:
            self.stats.inc_value(f"simwatch/{item.platform}/sim_listings")
        if verdict.takedown:
            self.stats.inc_value(f"simwatch/{item.platform}/flagged")
            for code in verdict.violations:
                self.stats.inc_value(f"simwatch/{item.platform}/violations/{code}")
        return ClassifiedListing(listing | fields_of(verdict))


def fields_of(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


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
            "no whitelist loaded: authorisation of every domestic SIM listing is unchecked "
            "(POLICY §3); import the carriers' lists with `simwatch whitelist import`"
        )
    return matcher
