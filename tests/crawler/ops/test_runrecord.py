"""crawl_status: a platform that could fetch none of its results pages did not search."""

from __future__ import annotations

from crawler.ops.runrecord import SINK_INDEXED, crawl_status

STORED = {SINK_INDEXED: 5}


def test_a_platform_whose_every_page_failed_makes_the_run_partial() -> None:
    stats = {**STORED, "simwatch/ebay/failed_pages": 22, "simwatch/jd/pages": 3}
    status, reasons = crawl_status(stats, {"ebay": "finished", "jd": "finished"})
    assert status == "partial"
    assert any(r.startswith("platform(s) not finished: ebay: no results page could be fetched (22 failed")
               for r in reasons), reasons


def test_no_platform_fetching_a_page_is_a_failed_run() -> None:
    stats = {"simwatch/ebay/failed_pages": 22}
    status, _ = crawl_status(stats, {"ebay": "finished"})
    assert status == "failed"


def test_some_failed_pages_beside_pages_read_leave_the_run_succeeded() -> None:
    stats = {**STORED, "simwatch/ebay/failed_pages": 1, "simwatch/ebay/pages": 4}
    assert crawl_status(stats, {"ebay": "finished"})[0] == "succeeded"
