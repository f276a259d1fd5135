"""Classify each listing against the whitelist (POLICY §1-§6) and count what was found."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.items import Listing, Seller

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from crawler.classifiers import Classifier

logger = logging.getLogger(__name__)


class ClassifiedListing(dict):
    """A listing's fields plus its verdict's, as indexed (docs/INTERFACES.md)."""


class ClassifyPipeline:
    def __init__(self, classifier: Classifier, stats: StatsCollector) -> None:
        self.classifier = classifier
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClassifyPipeline:
        from crawler.classifiers import Classifier

        matcher = load_run_matcher(
            crawler.settings.get("SIMWATCH_WHITELIST_DIR"),
            crawler.settings.getlist("SIMWATCH_WHITELIST_FILES"),
        )
        classifier = Classifier(matcher, use_model=crawler.settings.getbool("SIMWATCH_USE_MODEL"))
        # Build the rule lexicon and load the model now, before the spider opens, rather than
        # on the first listing in the middle of the crawl.
        classifier.classify(Listing(platform="jd", listing_id="warm-up", title="中国移动 电话卡"))
        classifier.warm_up()  # the model loads lazily otherwise (on the first undecided listing)
        return cls(classifier, crawler.stats)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Seller):
            return item
        verdict = self.classifier.classify(item)
        if verdict.sim_listing:
            self.stats.inc_value(f"simwatch/{item.platform}/sim_listings")
        if verdict.takedown:
            self.stats.inc_value(f"simwatch/{item.platform}/flagged")
            for code in verdict.violations:
                self.stats.inc_value(f"simwatch/{item.platform}/violations/{code}")
        return ClassifiedListing(item.to_dict() | verdict.to_dict())


def load_run_matcher(snapshot_dir: str | None, files: list[str]) -> Any:
    """The matcher for a run: active imported snapshots plus any whitelist files named.

    Rejected whitelist rows are logged with file and row; they never stop a crawl.
    """
    from whitelist.loaders import load
    from whitelist.matcher import Matcher
    from whitelist.registry import active_entries

    entries = list(active_entries(Path(snapshot_dir))) if snapshot_dir else []
    for path in files:
        result = load(path)
        for rejected in result.rejected:
            logger.warning("whitelist row rejected: %s", rejected)
        entries.extend(result.entries)
    if not entries:
        logger.warning(
            "no whitelist loaded: authorisation of every domestic SIM listing is unchecked "
            "(POLICY §3); import the carriers' lists with `simwatch whitelist import`"
        )
    return Matcher(entries)
