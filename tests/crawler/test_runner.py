"""crawler/runner.py without a crawl: a run's status, reasons, counters and summary from its stats."""

from __future__ import annotations

import json
from typing import Any

import pytest
from rich.console import Console

from crawler.reporting import print_summary
from crawler.runner import CrawlReport, PlatformReport, baseline_key, finish, replay_command

SETTINGS = {"SIMWATCH_SPOOL_PATH": "/data/spool/spool.jsonl",
            "ELASTICSEARCH_URL": "https://user:secret@es.example:9200"}


def report_of(*platforms: tuple[str, dict[str, Any]], finish_reason: str = "finished") -> CrawlReport:
    report = CrawlReport(run_id="r1", started="2026-12-04T10:00:00+00:00")
    for name, stats in platforms:
        stats = {"finish_reason": finish_reason, **stats}
        report.stats[name] = stats
        report.platforms[name] = PlatformReport.from_stats(name, stats)
    finish(report, SETTINGS)
    return report


JD = {"simwatch/jd/pages": 4, "simwatch/jd/unique_listings": 40, "simwatch/jd/listings": 44}


def test_clean_run_succeeds() -> None:
    report = report_of(("jd", {**JD, "simwatch/sink/indexed": 40}))
    assert (report.status, report.reasons, report.replay_command) == ("succeeded", [], "")
    assert report.sink == {"indexed": 40, "spooled": 0, "dead_lettered": 0, "unsaved": 0}


def test_spooled_items_degrade_the_run_and_name_the_replay_command() -> None:
    report = report_of(("jd", {**JD, "simwatch/sink/sent": 30, "simwatch/sink/spooled": 10}))
    assert report.status == "degraded"
    assert report.sink["indexed"] == 30  # the sink's older name for it
    assert "10 item(s) wait in the spool for replay" in report.reasons
    assert report.replay_command == (
        "simwatch es replay --spool /data/spool/spool.jsonl --url https://***@es.example:9200")


@pytest.mark.parametrize(("sink", "status"), [
    ({"simwatch/sink/dead_lettered": 1, "simwatch/sink/indexed": 39}, "degraded"),
    ({"simwatch/sink/unsaved": 40}, "failed"),  # nothing stored anywhere
    ({"simwatch/sink/unsaved": 5, "simwatch/sink/indexed": 35}, "degraded"),
    ({"simwatch/sink/spooled": 40}, "degraded"),  # all of it waits in the spool: not lost
])
def test_sink_counters_decide_degraded_or_failed(sink: dict[str, int], status: str) -> None:
    assert report_of(("jd", {**JD, **sink})).status == status


def test_failed_monitor_fails_the_run_and_its_reason_is_shown() -> None:
    failures = [{"monitor": "Blocked rate", "check": "t", "error": "blocked rate too high: jd 90%"}]
    report = report_of(("jd", {**JD, "simwatch/sink/indexed": 40, "simwatch/monitors/failed": 1,
                               "simwatch/monitors/failed_names": "Blocked rate",
                               "simwatch/monitors/failures": json.dumps(failures)}))
    assert report.status == "failed"
    assert report.failed_monitors == failures
    console = Console(width=80, record=True)
    print_summary(report, console)
    text = console.export_text()
    assert "monitor failed: Blocked rate: blocked rate too high: jd 90%" in text


def test_unfinished_platform_is_partial_and_no_platform_is_failed() -> None:
    assert report_of(("jd", {**JD, "simwatch/sink/indexed": 40}), finish_reason="shutdown").status == "partial"
    assert report_of().status == "failed"


def test_a_platform_stopped_by_its_login_wall_makes_the_run_partial_and_says_what_to_do() -> None:
    report = report_of(("jd", {**JD, "simwatch/sink/indexed": 40, "simwatch/jd/blocked/login": 3}),
                       finish_reason="login_required")
    assert report.status == "partial"
    assert report.reasons == ["platform(s) not finished: jd: login_required (its login wall met "
                              "several times in a row; log in again: `simwatch login jd`)"]
    console = Console(width=80, record=True)
    print_summary(report, console)
    assert "simwatch login jd" in console.export_text().replace("\n", " ")


def test_summary_of_a_degraded_run_fits_80_columns_and_gives_the_spool_count() -> None:
    report = report_of(("jd", {**JD, "simwatch/sink/indexed": 30, "simwatch/sink/spooled": 10}),
                       ("taobao", {"simwatch/taobao/pages": 2, "simwatch/taobao/unique_listings": 5}))
    console = Console(width=80, record=True)
    print_summary(report, console)
    text = console.export_text()
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "crawl r1: degraded" in text
    assert "10 item(s) wait in the spool; once Elasticsearch is back, run:" in text
    assert "/data/spool/spool.jsonl" in text
    total = next(line for line in text.splitlines() if "total" in line)
    assert "45" in total.split()  # distinct listings, the count the run record keeps too


def test_baseline_key_separates_runs_with_other_settings() -> None:
    key = baseline_key(["电话卡"], 5, {}, {})
    assert key == baseline_key(["电话卡"], 5, {}, {})
    assert key != baseline_key(["电话卡"], 2, {}, {})
    assert key != baseline_key(["电话卡"], 5, {"jd": "http://127.0.0.1:8000/jd"}, {})
    assert key != baseline_key(None, 5, {}, {})


def test_replay_command_for_the_embedded_server_names_its_home() -> None:
    command = replay_command({"SIMWATCH_SPOOL_PATH": "/h/spool/spool.jsonl", "SIMWATCH_EMBEDDED_HOME": "/h",
                              "SIMWATCH_INDEX_PREFIX": "simwatch-demo"})
    assert command == ("SIMWATCH_INDEX_PREFIX=simwatch-demo simwatch es replay "
                       "--spool /h/spool/spool.jsonl --home /h")
