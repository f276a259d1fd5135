"""ClassifyPipeline: each listing's verdict merged into it and its findings counted;
``run_matcher``: imported snapshots plus the whitelist files named for the run."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any

import pytest

from crawler.classifiers.corpus import TEST_WHITELIST
from crawler.items import Listing, Seller, Verdict
from crawler.pipelines.classify import ClassifiedListing, ClassifyPipeline, TurnBudget, run_matcher
from whitelist.registry import import_file


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


class FakeClassifier:
    """Flags titles containing 免实名 as unauthorised, no-real-name SIM listings."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def classify(self, listing: dict[str, Any]) -> Verdict:
        self.seen.append(listing["listing_id"])
        sim = "卡" in (listing["title"] or "")
        bad = "免实名" in (listing["title"] or "")
        return Verdict(sim, ["中国联通"] if sim else [], False, False if bad else None, None,
                       ["no_real_name", "unauthorised_seller"] if bad else [], 80 if bad else 0, bad, [],
                       "test")


def listing(n: int, title: str) -> Listing:
    return Listing(platform="jd", listing_id=str(n), title=title, shop_id="s1")


def test_each_listing_gets_its_verdict_merged_and_findings_are_counted() -> None:
    classifier, stats = FakeClassifier(), Stats()
    pipeline = ClassifyPipeline(classifier, stats)  # type: ignore[arg-type]
    titles = ["联通流量卡 免实名", "联通 电话卡", "免实名 大流量卡", "手机壳"]
    out = [asyncio.run(pipeline.process_item(listing(n, t))) for n, t in enumerate(titles)]
    assert all(isinstance(item, ClassifiedListing) for item in out)
    assert [item["listing_id"] for item in out] == ["0", "1", "2", "3"]
    assert [item["takedown"] for item in out] == [True, False, True, False]
    assert out[0]["title"] == titles[0] and out[0]["shop_id"] == "s1"  # listing fields kept
    assert out[0]["violations"] == ["no_real_name", "unauthorised_seller"]
    assert stats.values == {"simwatch/jd/sim_listings": 3, "simwatch/jd/flagged": 2,
                            "simwatch/jd/violations/no_real_name": 2,
                            "simwatch/jd/violations/unauthorised_seller": 2}


def test_sellers_pass_through_unclassified() -> None:
    classifier = FakeClassifier()
    pipeline = ClassifyPipeline(classifier, Stats())  # type: ignore[arg-type]
    seller = Seller(platform="jd", shop_id="1")
    assert asyncio.run(pipeline.process_item(seller)) is seller
    assert classifier.seen == []


@pytest.fixture(scope="module")
def model_classifier() -> Any:
    from crawler.classifiers import Classifier, load_matcher

    return Classifier(matcher=load_matcher([TEST_WHITELIST])[0], use_model=True)


def test_the_merged_document_equals_the_listing_and_verdict_dicts(model_classifier: Any) -> None:
    """Shallow copies, same document as ``to_dict() | to_dict()`` with the real classifier."""
    item = Listing(platform="jd", listing_id="9", title="联通流量卡 免实名 不限速", price=9.9,
                   shop_id="880001", shop_name="店", observed_at="2026-12-04")
    out = ClassifyPipeline(model_classifier, Stats()).classify_item(item)
    assert dict(out) == item.to_dict() | model_classifier.classify(item).to_dict()


def test_run_matcher_reads_the_named_files(caplog: pytest.LogCaptureFixture) -> None:
    matcher = run_matcher(None, [str(TEST_WHITELIST)])
    assert len(matcher) == 5  # the five rows of data/test_whitelist.csv
    assert "no whitelist loaded" not in caplog.text


def test_run_matcher_adds_imported_snapshots_to_the_files(tmp_path: Path) -> None:
    extra = tmp_path / "extra.csv"
    extra.write_text("序号,运营商,代理商名称,店铺名称,平台,店铺ID,有效期起,有效期至\n"
                     "1,中国电信,丙通信有限公司,丙电信店,京东,990001,2024-01-01,2027-12-31\n", encoding="utf-8")
    snapshots = tmp_path / "snapshots"
    import_file(extra, directory=snapshots)
    matcher = run_matcher(str(snapshots), [str(TEST_WHITELIST)])
    assert len(matcher) == 6
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


def test_a_results_page_is_classified_over_several_turns_of_the_loop_in_order() -> None:
    """Sixty listings handed over at once (a results page) must not hold the loop for their
    whole classification: a 1 ms timer set beside them runs while they are still being worked."""
    budget = TurnBudget(0.010)
    done: list[int] = []
    timer_saw: list[int] = []

    async def item(n: int) -> None:
        await budget.wait()
        busy_until = time.perf_counter() + 0.002  # ~2 ms of classification
        while time.perf_counter() < busy_until:
            pass
        done.append(n)

    async def page() -> None:
        loop = asyncio.get_running_loop()
        loop.call_later(0.001, lambda: timer_saw.append(len(done)))
        await asyncio.gather(*(item(n) for n in range(60)))

    asyncio.run(page())
    assert done == list(range(60))  # every item, in the order handed over
    assert timer_saw and 0 < timer_saw[0] < 20  # the timer ran after ~10 ms of work, not after 120 ms


def test_the_budget_lets_a_quiet_turn_through_at_once() -> None:
    budget = TurnBudget(0.010)

    async def two_turns() -> float:
        await budget.wait()
        await asyncio.sleep(0.02)  # another turn, long after the budget's start
        started = time.perf_counter()
        await budget.wait()
        return time.perf_counter() - started

    assert asyncio.run(two_turns()) < 0.005
