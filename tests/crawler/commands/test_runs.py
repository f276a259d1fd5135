"""``simwatch runs`` against a real (embedded, Elasticsearch-compatible) server."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.commands import runs
from crawler.ops.runrecord import build_run_record
from crawler.store.client import make_client
from crawler.store.crawls import RunRecorder
from crawler.store.embedded import EmbeddedElasticsearch
from crawler.store.mappings import setup
from crawler.store.sink import BulkSink


@pytest.fixture
def es_url(tmp_path: Path) -> Iterator[str]:
    with EmbeddedElasticsearch(tmp_path / "es") as server:
        yield server.url


def record(i: int, job: str, status: str = "succeeded") -> dict:
    return build_run_record(
        run_id=f"{job}-{i}", job=job, platforms=["jd", "taobao"], keywords="default",
        start=f"2024-05-0{i}T02:30:00+00:00", end=f"2024-05-0{i}T02:41:07+00:00", status=status,
        stats={"simwatch/jd/pages": 10, "simwatch/jd/blocked/captcha": i, "item_scraped_count": 40 + i,
               "simwatch/monitors/failed": int(status == "failed"),
               "simwatch/monitors/failed_names": "Blocked rate" if status == "failed" else ""},
    )


def test_runs_lists_newest_first_with_job_filter(es_url: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    client = make_client({"ELASTICSEARCH_URL": es_url})
    setup(client)
    recorder = RunRecorder(lambda: BulkSink(client, tmp_path / "spool.jsonl", tmp_path / "dead.jsonl"))
    for i, job in enumerate(["nightly", "weekly", "nightly", "nightly"], 1):
        assert recorder.write(record(i, job, "failed" if i == 3 else "succeeded"))
    client.indices.refresh(index="simwatch-crawls")

    assert [d["run_id"] for d in runs.fetch_runs(client, 2)] == ["nightly-4", "nightly-3"]
    assert [d["run_id"] for d in runs.fetch_runs(client, 10, job="weekly")] == ["weekly-2"]

    parser = argparse.ArgumentParser()
    runs.register(parser.add_subparsers())
    args = parser.parse_args(["runs", "--limit", "3", "--url", es_url])
    for columns in ("200", "80"):  # a table when wide, a block per run when narrow
        monkeypatch.setenv("COLUMNS", columns)
        assert args.func(args) == 0
        out = capsys.readouterr().out
        assert "nightly-4" in out and "nightly-3" in out and "weekly-2" in out
        assert "nightly-1" not in out
        assert "Blocked rate" in out and "11m07s" in out
        assert re.search(r"\b10\b", out)  # the page count is not cut off
        assert max(len(line) for line in out.splitlines()) <= int(columns)
