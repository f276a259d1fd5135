"""BulkSink against a scripted fake node (unit) and the embedded server (integration/outage)."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from elastic_transport import ConnectionError as TransportConnectionError
from elasticsearch import Elasticsearch

from crawler.store import mappings
from crawler.store.client import make_client
from crawler.store.embedded import EmbeddedElasticsearch
from crawler.store.sink import (
    BulkSink,
    SpoolWriteError,
    listing_upsert_action,
    make_action,
    spool_count,
    upsert_listing,
)

from .conftest import bulk_actions, fake_client

NO_WAIT = {"backoff": lambda attempt: 0.0, "sleep": lambda seconds: None}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


class BulkServer:
    """Answers _bulk requests; ``rule(doc_id, attempt)`` -> (status, error-or-None) per item."""

    def __init__(self, rule: Any = None) -> None:
        self.rule = rule or (lambda doc_id, attempt: (201, None))
        self.attempts: Counter[str] = Counter()
        self.accepted: list[str] = []
        self.requests = 0
        self.down = False
        self.request_status: list[int] = []  # whole-request statuses to answer first

    def __call__(self, method: str, target: str, body: bytes | None) -> tuple[int, Any]:
        self.requests += 1
        if self.down:
            raise TransportConnectionError("connection refused")
        assert target.startswith("/_bulk"), target
        if self.request_status:
            status = self.request_status.pop(0)
            return status, {"error": {"type": "unavailable", "reason": "busy"}, "status": status}
        items = []
        for op, meta, _source in bulk_actions(body):
            doc_id = meta["_id"]
            self.attempts[doc_id] += 1
            status, error = self.rule(doc_id, self.attempts[doc_id])
            item: dict[str, Any] = {"_index": meta["_index"], "_id": doc_id, "status": status}
            if error:
                item["error"] = error
            else:
                self.accepted.append(doc_id)
            items.append({op: item})
        return 200, {"took": 1, "errors": any("error" in next(iter(i.values())) for i in items),
                     "items": items}


def make_sink(client: Elasticsearch, tmp_path: Path, **kwargs: Any) -> BulkSink:
    options = {**NO_WAIT, **kwargs}
    return BulkSink(client, tmp_path / "spool.jsonl", tmp_path / "dead.jsonl", **options)


def accounted(sink: BulkSink) -> int:
    return sink.stats.indexed + sink.stats.dead_lettered + sink.stats.spooled + sink.stats.unsaved


def unwritable(tmp_path: Path, name: str) -> Path:
    """A path whose parent is a regular file: no write can succeed there, even as root."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    return blocker / name


def test_transient_429_is_retried_until_accepted(tmp_path: Path) -> None:
    overloaded = {"type": "es_rejected_execution_exception", "reason": "queue full"}
    server = BulkServer(lambda doc_id, n: (429, overloaded) if doc_id in {"b", "d"} and n <= 2
                        else (201, None))
    sink = make_sink(fake_client(server), tmp_path, chunk_size=10, max_retries=5)
    for doc_id in "abcde":
        sink.add("idx", doc_id, {"n": doc_id})
    sink.close()
    assert sorted(server.accepted) == list("abcde")
    assert server.attempts == Counter({"a": 1, "b": 3, "c": 1, "d": 3, "e": 1})
    assert sink.stats.indexed == 5
    assert sink.stats.retried == 4  # two items, two retries each
    assert not (tmp_path / "spool.jsonl").exists() and not (tmp_path / "dead.jsonl").exists()


def test_mapping_errors_go_to_dead_letter_with_reason(tmp_path: Path) -> None:
    parse_error = {"type": "document_parsing_exception",
                   "reason": "failed to parse field [price] of type [double]"}
    server = BulkServer(lambda doc_id, n: (400, parse_error) if doc_id == "bad" else (201, None))
    sink = make_sink(fake_client(server), tmp_path, chunk_size=2)
    sink.add("idx", "good1", {"price": 1})
    sink.add("idx", "bad", {"price": "abc"})
    sink.add("idx", "good2", {"price": 2})
    sink.close()
    dead = read_jsonl(tmp_path / "dead.jsonl")
    assert [d["action"]["_id"] for d in dead] == ["bad"]
    assert dead[0]["status"] == 400
    assert "document_parsing_exception" in dead[0]["reason"]
    assert dead[0]["action"]["_source"] == {"price": "abc"}
    assert server.attempts["bad"] == 1  # never retried
    assert sink.stats.indexed == 2 and sink.stats.dead_lettered == 1


def test_unreachable_server_spools_everything_after_retries(tmp_path: Path) -> None:
    server = BulkServer()
    server.down = True
    sink = make_sink(fake_client(server), tmp_path, chunk_size=3, max_retries=2)
    for i in range(7):
        sink.add("idx", f"d{i}", {"i": i})
    sink.close()
    spooled = read_jsonl(tmp_path / "spool.jsonl")
    assert [s["action"]["_id"] for s in spooled] == [f"d{i}" for i in range(7)]
    assert all("connection" in s["reason"] for s in spooled)
    assert sink.stats.spooled == 7 and sink.stats.indexed == 0
    # First chunk paid 1 + 2 retries; later chunks spooled at once (offline cooldown).
    assert server.requests == 3


def test_replay_after_recovery_sends_each_item_and_clears_spool(tmp_path: Path) -> None:
    server = BulkServer()
    server.down = True
    client = fake_client(server)
    sink = make_sink(client, tmp_path, chunk_size=4, max_retries=1)
    for i in range(10):
        sink.add("idx", f"d{i}", {"i": i})
    sink.close()
    assert spool_count(tmp_path / "spool.jsonl") == 10

    server.down = False
    next_run = make_sink(client, tmp_path, chunk_size=4)
    assert next_run.replay() == 10
    assert sorted(server.accepted) == sorted(f"d{i}" for i in range(10))
    assert next_run.stats.replayed == 10 and next_run.stats.indexed == 10
    assert spool_count(tmp_path / "spool.jsonl") == 0
    assert not list(tmp_path.glob("spool.jsonl*"))
    assert next_run.replay() == 0  # nothing left: a second replay is a no-op


def test_replay_while_still_down_keeps_items_spooled(tmp_path: Path) -> None:
    server = BulkServer()
    server.down = True
    client = fake_client(server)
    sink = make_sink(client, tmp_path, max_retries=0)
    sink.add("idx", "a", {})
    sink.add("idx", "b", {})
    sink.close()
    again = make_sink(client, tmp_path, max_retries=0)
    assert again.replay() == 2
    assert [r["action"]["_id"] for r in read_jsonl(tmp_path / "spool.jsonl")] == ["a", "b"]
    assert spool_count(tmp_path / "spool.jsonl") == 2


def test_whole_request_503_is_retried(tmp_path: Path) -> None:
    server = BulkServer()
    server.request_status = [503, 503]
    sink = make_sink(fake_client(server), tmp_path, max_retries=3)
    sink.add("idx", "a", {"x": 1})
    sink.close()
    assert server.accepted == ["a"]
    assert sink.stats.retried == 2 and sink.stats.indexed == 1


def test_persistent_429_is_spooled_not_dead_lettered(tmp_path: Path) -> None:
    server = BulkServer(lambda doc_id, n: (429, {"type": "es_rejected_execution_exception"}))
    sink = make_sink(fake_client(server), tmp_path, max_retries=2)
    sink.add("idx", "a", {})
    sink.close()
    assert server.attempts["a"] == 3
    assert [r["action"]["_id"] for r in read_jsonl(tmp_path / "spool.jsonl")] == ["a"]
    assert not (tmp_path / "dead.jsonl").exists()


def test_backoff_grows_between_retries(tmp_path: Path) -> None:
    server = BulkServer(lambda doc_id, n: (503, {"type": "unavailable"}) if n <= 3 else (201, None))
    waits: list[float] = []
    sink = BulkSink(fake_client(server), tmp_path / "s", tmp_path / "d", max_retries=5,
                    backoff=lambda attempt: 0.1 * 2**attempt, sleep=waits.append)
    sink.add("idx", "a", {})
    sink.close()
    assert waits == [0.2, 0.4, 0.8]


def test_mixed_failures_lose_nothing(tmp_path: Path) -> None:
    """Every added item is sent, dead-lettered or spooled: the counts and files agree."""

    def rule(doc_id: str, n: int) -> tuple[int, Any]:
        k = int(doc_id[1:])
        if k % 7 == 0:
            return 400, {"type": "mapper_parsing_exception", "reason": "bad"}
        if k % 5 == 0:
            return 429, {"type": "es_rejected_execution_exception"}  # never recovers
        if k % 3 == 0 and n == 1:
            return 503, {"type": "unavailable"}
        return 201, None

    server = BulkServer(rule)
    sink = make_sink(fake_client(server), tmp_path, chunk_size=8, max_retries=2)
    for k in range(1, 61):
        sink.add("idx", f"d{k}", {"k": k})
    sink.flush()
    dead_ids = {r["action"]["_id"] for r in read_jsonl(tmp_path / "dead.jsonl")}
    spool_ids = {r["action"]["_id"] for r in read_jsonl(tmp_path / "spool.jsonl")}
    sent_ids = set(server.accepted)
    assert sink.stats.added == 60 == accounted(sink)
    assert dead_ids | spool_ids | sent_ids == {f"d{k}" for k in range(1, 61)}
    assert not (dead_ids & spool_ids or dead_ids & sent_ids or spool_ids & sent_ids)
    assert dead_ids == {f"d{k}" for k in range(1, 61) if k % 7 == 0}
    assert spool_ids == {f"d{k}" for k in range(1, 61) if k % 5 == 0 and k % 7}


def test_a_spool_that_cannot_be_written_raises_with_the_unsaved_count(tmp_path: Path) -> None:
    server = BulkServer()
    server.down = True
    sink = BulkSink(fake_client(server), unwritable(tmp_path, "spool.jsonl"), tmp_path / "dead.jsonl",
                    chunk_size=10, max_retries=1, **NO_WAIT)
    for i in range(4):
        sink.add("idx", f"d{i}", {"i": i})
    with pytest.raises(SpoolWriteError, match="4 item") as raised:
        sink.flush()
    assert raised.value.unsaved == 4 and "cannot write the spool" in raised.value.detail
    assert (sink.stats.unsaved, sink.stats.spooled, sink.stats.indexed) == (4, 0, 0)
    assert sink.stats.added == 4 == accounted(sink)
    sink.flush()  # nothing new: nothing raised again
    assert sink.stats.as_dict()["unsaved"] == 4


def test_an_unwritable_dead_letter_file_counts_only_its_items_as_unsaved(tmp_path: Path) -> None:
    server = BulkServer(lambda doc_id, n: (400, {"type": "mapper_parsing_exception", "reason": "bad"})
                        if doc_id == "bad" else (201, None))
    sink = BulkSink(fake_client(server), tmp_path / "spool.jsonl", unwritable(tmp_path, "dead.jsonl"),
                    **NO_WAIT)
    with pytest.raises(SpoolWriteError) as raised:
        sink.write([make_action("idx", "ok1", {}), make_action("idx", "bad", {}), make_action("idx", "ok2", {})])
    assert raised.value.unsaved == 1 and "dead-letter file" in str(raised.value)
    assert (sink.stats.indexed, sink.stats.unsaved, sink.stats.dead_lettered) == (2, 1, 0)
    assert sink.stats.added == 3 == accounted(sink)


def test_write_flushes_at_once_whatever_the_chunk_size(tmp_path: Path) -> None:
    server = BulkServer()
    sink = make_sink(fake_client(server), tmp_path, chunk_size=500)
    sink.write([make_action("idx", f"d{i}", {"i": i}) for i in range(3)])
    assert server.accepted == ["d0", "d1", "d2"] and sink.stats.indexed == 3


def test_unserialisable_document_is_dead_lettered(tmp_path: Path) -> None:
    server = BulkServer()
    sink = make_sink(fake_client(server), tmp_path)
    sink.add("idx", "ok", {"x": 1})
    sink.add("idx", "bad", {"x": object()})
    sink.close()
    assert server.accepted == ["ok"]
    dead = read_jsonl(tmp_path / "dead.jsonl")
    assert len(dead) == 1 and "not JSON serialisable" in dead[0]["reason"]


def test_torn_spool_line_is_reported_not_lost(tmp_path: Path) -> None:
    good = {"at": "x", "reason": "r", "action": make_action("idx", "a", {"x": 1})}
    (tmp_path / "spool.jsonl").write_text(json.dumps(good) + "\n" + '{"at": "x", "act')
    server = BulkServer()
    sink = make_sink(fake_client(server), tmp_path)
    assert sink.replay() == 1
    assert server.accepted == ["a"]
    dead = read_jsonl(tmp_path / "dead.jsonl")
    assert len(dead) == 1
    assert re.search(r"spool\.jsonl(\.replaying-\d+)?:2: unreadable spool line", dead[0]["reason"])
    assert dead[0]["line"] == '{"at": "x", "act'


def test_make_action_shapes_and_validation() -> None:
    assert make_action("i", "1", {"a": 1}) == {"_op_type": "index", "_index": "i", "_id": "1",
                                               "_source": {"a": 1}}
    update = make_action("i", "1", {"a": 1}, op="update")
    assert update["doc"] == {"a": 1} and update["doc_as_upsert"] is True
    with pytest.raises(ValueError, match="unknown bulk op"):
        make_action("i", "1", {}, op="upsert")
    with pytest.raises(ValueError, match="document id is required"):
        make_action("i", "", {})


def test_listing_upsert_action_rejects_naive_times_and_missing_ids() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        listing_upsert_action({"platform": "jd", "listing_id": "1"}, {}, "r", datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="platform and listing_id"):
        listing_upsert_action({"platform": "jd"}, {}, "r", "2024-01-01T00:00:00Z")
    action = listing_upsert_action({"platform": "jd", "listing_id": "7", "title": "t"},
                                   {"takedown": True}, "run-1", datetime(2024, 5, 1, tzinfo=UTC))
    assert action["_id"] == "jd:7"
    assert action["upsert"]["first_seen"] == "2024-05-01T00:00:00Z"
    assert action["upsert"]["times_seen"] == 1
    assert action["script"]["params"]["seen_ms"] == 1714521600000


# -- against the embedded server -----------------------------------------------------------

def listing(listing_id: str, title: str = "免实名电话卡", platform: str = "jd") -> dict[str, Any]:
    return {"platform": platform, "listing_id": listing_id, "title": title, "price": 19.9,
            "shop_name": "卡王小店", "location": "广东 深圳", "observed_at": "2024-05-01"}


VERDICT = {"sim_listing": True, "carriers": ["中国联通"], "takedown": True, "risk_score": 80,
           "violations": ["no_real_name", "unauthorised_seller"], "reasons": ["标题含“免实名”"]}


def test_upsert_listing_keeps_first_seen_and_counts_runs(es: Elasticsearch,
                                                          sink_paths: tuple[Path, Path]) -> None:
    mappings.setup(es)
    sink = BulkSink(es, *sink_paths)
    upsert_listing(sink, listing("1"), VERDICT, "run-1", "2024-05-01T08:00:00Z")
    sink.flush()
    upsert_listing(sink, listing("1", title="免实名电话卡 新款"), {**VERDICT, "risk_score": 90},
                   "run-2", "2024-05-02T08:00:00Z")
    sink.flush()
    # A retry/replay of run-2 and a late replay of an older run-0 must not disturb the document.
    upsert_listing(sink, listing("1", title="免实名电话卡 新款"), {**VERDICT, "risk_score": 90},
                   "run-2", "2024-05-02T08:00:00Z")
    upsert_listing(sink, listing("1", title="old"), VERDICT, "run-0", "2024-04-01T08:00:00Z")
    sink.close()
    es.indices.refresh(index=mappings.LISTINGS)
    assert es.count(index=mappings.LISTINGS)["count"] == 1
    doc = es.get(index=mappings.LISTINGS, id="jd:1")["_source"]
    assert doc["first_seen"] == "2024-05-01T08:00:00Z"
    assert doc["last_seen"] == "2024-05-02T08:00:00Z"
    assert doc["title"] == "免实名电话卡 新款" and doc["risk_score"] == 90
    assert doc["crawl_run_id"] == "run-2"
    assert doc["times_seen"] == 3  # run-1, run-2 and the late run-0; the run-2 replay not counted
    assert sink.stats.indexed == 4 and sink.stats.dead_lettered == 0


def test_real_mapping_error_is_dead_lettered(es: Elasticsearch, sink_paths: tuple[Path, Path]) -> None:
    mappings.setup(es)
    sink = BulkSink(es, *sink_paths)
    sink.add(mappings.LISTINGS, "jd:1", listing("1"))
    sink.add(mappings.LISTINGS, "jd:2", {**listing("2"), "price": "十九块"})
    sink.close()
    dead = read_jsonl(sink_paths[1])
    assert [d["action"]["_id"] for d in dead] == ["jd:2"]
    assert dead[0]["status"] == 400 and "price" in dead[0]["reason"]
    es.indices.refresh(index=mappings.LISTINGS)
    assert es.count(index=mappings.LISTINGS)["count"] == 1


def test_outage_spools_then_replay_delivers_each_item_once(tmp_path: Path) -> None:
    """Stop Elasticsearch mid-stream, keep adding, restart, replay: every item exactly once."""
    server = EmbeddedElasticsearch(tmp_path / "es")
    server.start()
    try:
        client = make_client(server.url, request_timeout=5)
        mappings.setup(client, [mappings.LISTINGS])
        sink = BulkSink(client, tmp_path / "spool.jsonl", tmp_path / "dead.jsonl", chunk_size=25,
                        max_retries=2, backoff=lambda attempt: 0.05, offline_cooldown=60)
        seen = "2024-05-01T08:00:00Z"
        for i in range(100):
            upsert_listing(sink, listing(str(i), title=f"流量卡 {i}"), VERDICT, "run-1", seen)
        sink.flush()
        assert sink.stats.indexed == 100

        server.stop()
        for i in range(100, 200):
            upsert_listing(sink, listing(str(i), title=f"流量卡 {i}"), VERDICT, "run-1", seen)
        sink.close()
        assert sink.stats.spooled == 100 and sink.stats.dead_lettered == 0
        assert spool_count(tmp_path / "spool.jsonl") == 100

        server.start()
        client = make_client(server.url, request_timeout=5)
        replayer = BulkSink(client, tmp_path / "spool.jsonl", tmp_path / "dead.jsonl")
        assert replayer.replay() == 100
        assert replayer.replay() == 0
        client.indices.refresh(index=mappings.LISTINGS)
        ids = [hit["_id"] for hit in
               client.search(index=mappings.LISTINGS, size=1000, source=["times_seen"])["hits"]["hits"]]
        assert len(ids) == 200
        assert sorted(ids) == sorted(f"jd:{i}" for i in range(200))
        counts = client.search(index=mappings.LISTINGS, size=0,
                               aggs={"t": {"terms": {"field": "times_seen"}}})["aggregations"]
        assert [(b["key"], b["doc_count"]) for b in counts["t"]["buckets"]] == [(1, 200)]
        assert not (tmp_path / "dead.jsonl").exists()
    finally:
        server.stop()
