"""ClassifyPipeline: batches classified off the loop thread, verdicts merged, findings counted;
``run_matcher``: imported snapshots plus the whitelist files named for the run."""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path
from typing import Any

import pytest

from crawler.classifiers.corpus import TEST_WHITELIST
from crawler.items import Listing, Seller, Verdict
from crawler.pipelines.classify import ClassifiedListing, ClassifyPipeline, run_matcher
from whitelist.registry import import_file


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


class FakeClassifier:
    """Flags titles containing 免实名; records batch sizes and the thread it ran on."""

    def __init__(self) -> None:
        self.batches: list[int] = []
        self.threads: set[int] = set()

    def classify_many(self, listings: list[Listing]) -> Any:
        self.batches.append(len(listings))
        self.threads.add(threading.get_ident())
        for listing in listings:
            bad = "免实名" in (listing.title or "")
            yield Verdict(True, ["中国联通"], False, False if bad else None, None,
                          ["no_real_name"] if bad else [], 80 if bad else 0, bad, [], "test")


def listing(n: int, title: str) -> Listing:
    return Listing(platform="jd", listing_id=str(n), title=title)


def test_batches_are_classified_off_the_loop_and_merged_with_the_listing() -> None:
    classifier, stats = FakeClassifier(), Stats()
    pipeline = ClassifyPipeline(classifier, stats, batch_size=2)  # type: ignore[arg-type]
    titles = ["联通流量卡 免实名", "联通 电话卡", "免实名 大流量", "移动卡"]

    async def crawl() -> list[Any]:
        out = await asyncio.gather(*(pipeline.process_item(listing(n, t)) for n, t in enumerate(titles)))
        await pipeline.close_spider()
        return out

    out = asyncio.run(crawl())
    assert all(isinstance(item, ClassifiedListing) for item in out)
    assert [item["listing_id"] for item in out] == ["0", "1", "2", "3"]
    assert [item["takedown"] for item in out] == [True, False, True, False]
    assert out[0]["title"] == titles[0] and out[0]["violations"] == ["no_real_name"]
    assert max(classifier.batches) <= 2 and sum(classifier.batches) == 4
    assert threading.get_ident() not in classifier.threads
    assert stats.values == {"simwatch/jd/sim_listings": 4, "simwatch/jd/flagged": 2,
                            "simwatch/jd/violations/no_real_name": 2}


def test_sellers_pass_through_unclassified() -> None:
    classifier = FakeClassifier()
    pipeline = ClassifyPipeline(classifier, Stats())  # type: ignore[arg-type]
    seller = Seller(platform="jd", shop_id="1")
    assert asyncio.run(pipeline.process_item(seller)) is seller
    assert classifier.batches == []


def test_a_classifier_error_reaches_only_its_batch() -> None:
    class Broken(FakeClassifier):
        def classify_many(self, listings: list[Listing]) -> Any:
            if any(x.title == "boom" for x in listings):
                raise ValueError("classifier failed")
            return super().classify_many(listings)

    pipeline = ClassifyPipeline(Broken(), Stats(), batch_size=1)  # type: ignore[arg-type]

    async def crawl() -> list[Any]:
        return await asyncio.gather(pipeline.process_item(listing(1, "boom")),
                                    pipeline.process_item(listing(2, "移动卡")), return_exceptions=True)

    broken, fine = asyncio.run(crawl())
    assert isinstance(broken, ValueError) and fine["listing_id"] == "2"


def test_run_matcher_reads_the_named_files(caplog: pytest.LogCaptureFixture) -> None:
    matcher = run_matcher(None, [str(TEST_WHITELIST)])
    assert len(matcher) == 4
    assert "no whitelist loaded" not in caplog.text


def test_run_matcher_adds_imported_snapshots_to_the_files(tmp_path: Path) -> None:
    extra = tmp_path / "extra.csv"
    extra.write_text("序号,运营商,代理商名称,店铺名称,平台,店铺ID,有效期起,有效期至\n"
                     "1,中国电信,丙通信有限公司,丙电信店,京东,990001,2024-01-01,2027-12-31\n", encoding="utf-8")
    snapshots = tmp_path / "snapshots"
    import_file(extra, directory=snapshots)
    matcher = run_matcher(str(snapshots), [str(TEST_WHITELIST)])
    assert len(matcher) == 5
    assert matcher.snapshot_ids  # the imported snapshot is named in every verdict


def test_run_matcher_warns_when_there_is_no_whitelist_and_logs_rejected_rows(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    assert len(run_matcher(None, [])) == 0
    assert "no whitelist loaded" in caplog.text
    bad = tmp_path / "bad.csv"
    bad.write_text("序号,运营商,代理商名称,店铺名称,平台,店铺ID,有效期起,有效期至\n"
                   "1,中国移动,甲通信有限公司,甲店,淘宝,880001,2024-01-01,2027-12-31\n"
                   "2,,,,,,,\n", encoding="utf-8")
    caplog.clear()
    run_matcher(None, [str(bad)])
    assert "whitelist row rejected" in caplog.text
