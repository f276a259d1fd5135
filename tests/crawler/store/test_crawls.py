"""Run + per-platform crawl documents index cleanly and feed the Crawl health aggregations."""

from __future__ import annotations

from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from crawler.ops.runrecord import build_run_record
from crawler.store import mappings
from crawler.store.client import make_client
from crawler.store.crawls import index_run, platform_documents
from crawler.store.sink import BulkSink

STATS = {
    "item_scraped_count": 50,
    "simwatch/jd/pages": 10, "simwatch/jd/listings": 40, "simwatch/jd/blocked/captcha": 2,
    "simwatch/taobao/pages": 4, "simwatch/taobao/listings": 10,
    "simwatch/taobao/blocked/login": 4, "simwatch/taobao/layout_drift": 1,
    "simwatch/sink/spooled": 0,
}


def run_doc(run_id: str, start: str) -> dict:
    return build_run_record(run_id=run_id, job="daily", platforms=["jd", "taobao"],
                            keywords=["流量卡"], start=start, end=start, status="succeeded",
                            stats=STATS)


def test_platform_documents_split_the_run() -> None:
    docs = dict(platform_documents(run_doc("r1", "2024-05-01T00:00:00Z")))
    assert set(docs) == {"r1:jd", "r1:taobao"}
    jd, taobao = docs["r1:jd"], docs["r1:taobao"]
    assert jd["kind"] == "platform" and jd["platform"] == "jd"
    assert jd["blocked_by_reason"] == {"login": 0, "captcha": 2, "rate_limited": 0, "server_error": 0,
                                       "suspected_block": 0} and jd["blocked_rate"] == 0.2
    assert taobao["blocked_rate"] == 1.0 and taobao["drift_alarms"] == 1
    with pytest.raises(ValueError, match="no run_id"):
        platform_documents({"stats": {}})


def test_run_and_platform_documents_index_and_aggregate(es: Elasticsearch, tmp_path: Path) -> None:
    mappings.setup(es, [mappings.CRAWLS])
    sink = BulkSink(es, tmp_path / "spool", tmp_path / "dead")
    assert index_run(sink, run_doc("r1", "2024-05-01T00:00:00Z")) == 3
    assert index_run(sink, run_doc("r2", "2024-05-02T00:00:00Z")) == 3
    sink.close()
    assert sink.stats.sent == 6 and sink.stats.dead_lettered == 0
    es.indices.refresh(index=mappings.CRAWLS)
    result = es.search(
        index=mappings.CRAWLS, size=0, query={"term": {"kind": "platform"}},
        aggs={"p": {"terms": {"field": "platform"},
                    "aggs": {"rate": {"avg": {"field": "blocked_rate"}},
                             "login": {"sum": {"field": "blocked_by_reason.login"}},
                             "drift": {"sum": {"field": "drift_alarms"}}}}})
    buckets = {b["key"]: b for b in result["aggregations"]["p"]["buckets"]}
    assert buckets["jd"]["rate"]["value"] == pytest.approx(0.2)
    assert buckets["taobao"]["login"]["value"] == 8
    assert buckets["taobao"]["drift"]["value"] == 2
    run = es.get(index=mappings.CRAWLS, id="r2")["_source"]
    assert run["kind"] == "run" and run["stats"]["jd"]["pages"] == 10


def test_run_recorder_writes_through_the_sink_and_spools_when_down(es: Elasticsearch, tmp_path: Path) -> None:
    """The one writer of run records (runner and scheduler): indexed, or kept in the spool."""
    from crawler.store.crawls import RunRecorder
    from crawler.store.sink import spool_count

    mappings.setup(es, [mappings.CRAWLS])
    spool, dead = tmp_path / "spool.jsonl", tmp_path / "dead.jsonl"
    recorder = RunRecorder(lambda: BulkSink(es, spool, dead))
    assert recorder.write(run_doc("r1", "2024-05-01T00:00:00Z")) is True
    assert es.get(index=mappings.CRAWLS, id="r1")["_source"]["kind"] == "run"

    down = make_client("http://127.0.0.1:9")  # nothing listens on the discard port
    offline = RunRecorder(lambda: BulkSink(down, spool, dead, max_retries=0))
    assert offline.write(run_doc("r2", "2024-05-02T00:00:00Z")) is False
    assert spool_count(spool) == 3  # the run and its two platform documents wait for replay
