"""ElasticsearchPipeline against a scripted node (the real client and sink, a fake HTTP exchange).

An item leaves the pipeline only once its batch is stored; sellers become partial updates;
an outage spools; an unwritable spool drops the items loudly, counts them and stops the crawl.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from elastic_transport import ConnectionError as TransportConnectionError
from scrapy.exceptions import DropItem

from crawler.items import Seller
from crawler.pipelines.classify import ClassifiedListing
from crawler.pipelines.elasticsearch import ElasticsearchPipeline
from crawler.store.sink import BulkSink, make_action
from tests.crawler.store.conftest import bulk_actions, fake_client

NO_WAIT = {"backoff": lambda attempt: 0.0, "sleep": lambda seconds: None}


class Node:
    """Answers _bulk (every item 201) and whatever set-up requests the pipeline makes."""

    def __init__(self) -> None:
        self.down = False
        self.bulks: list[list[tuple[str, dict[str, Any], Any]]] = []
        self.gate: threading.Event | None = None  # when set, _bulk waits for it
        self.in_bulk = threading.Event()

    def __call__(self, method: str, target: str, body: bytes | None) -> tuple[int, Any]:
        if self.down:
            raise TransportConnectionError("connection refused")
        if not target.startswith("/_bulk"):
            return 200, {"acknowledged": True}
        self.in_bulk.set()
        if self.gate is not None:
            self.gate.wait()
        actions = bulk_actions(body)
        self.bulks.append(actions)
        return 200, {"took": 1, "errors": False,
                     "items": [{op: {"_id": meta["_id"], "status": 201}} for op, meta, _ in actions]}


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def set_value(self, key: str, value: Any) -> None:
        self.values[key] = value

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


class Engine:
    def __init__(self) -> None:
        self.closed_with: list[str] = []

    async def close_spider_async(self, *, reason: str = "cancelled") -> None:
        self.closed_with.append(reason)


class Crawler:
    def __init__(self) -> None:
        self.engine = Engine()


def listing(n: int, **extra: Any) -> ClassifiedListing:
    return ClassifiedListing(platform="jd", listing_id=str(n), title=f"电话卡 {n}", url=None,
                             takedown=n % 2 == 0, violations=["no_real_name"], **extra)


def make_pipeline(tmp_path: Path, node: Node, spool: Path | None = None,
                  chunk_size: int = 500) -> tuple[ElasticsearchPipeline, Stats, Crawler]:
    sink = BulkSink(fake_client(node), spool or tmp_path / "spool.jsonl", tmp_path / "dead.jsonl",
                    chunk_size=chunk_size, max_retries=1, **NO_WAIT)
    stats, crawler = Stats(), Crawler()
    return ElasticsearchPipeline(sink, "run-1", stats, crawler), stats, crawler  # type: ignore[arg-type]


def test_listings_are_upserted_in_batches_and_counted_after_close(tmp_path: Path) -> None:
    node = Node()
    pipeline, stats, _ = make_pipeline(tmp_path, node, chunk_size=4)

    async def crawl() -> list[Any]:
        await pipeline.open_spider()
        out = await asyncio.gather(*(pipeline.process_item(listing(n)) for n in range(6)))
        await pipeline.close_spider()
        return out

    out = asyncio.run(crawl())
    assert [item["listing_id"] for item in out] == [str(n) for n in range(6)]  # items pass on as they are
    assert [len(b) for b in node.bulks] == [4, 2]  # batched, chunk size the cap
    op, meta, body = node.bulks[0][0]
    assert (op, meta["_index"], meta["_id"]) == ("update", "simwatch-listings", "jd:0")
    doc = body["script"]["params"]["doc"]
    assert doc["crawl_run_id"] == "run-1" and doc["takedown"] is True and doc["title"] == "电话卡 0"
    assert stats.values["simwatch/sink/indexed"] == 6
    assert stats.values["simwatch/sink/added"] == 6
    assert (stats.values["simwatch/sink/spooled"], stats.values["simwatch/sink/unsaved"]) == (0, 0)


def test_an_item_leaves_the_pipeline_only_once_its_batch_is_stored(tmp_path: Path) -> None:
    node = Node()
    node.gate = threading.Event()
    pipeline, _, _ = make_pipeline(tmp_path, node)

    async def crawl() -> tuple[bool, bool]:
        task = asyncio.ensure_future(pipeline.process_item(listing(1)))
        await asyncio.to_thread(node.in_bulk.wait)  # the bulk request is at the store
        waiting = task.done()
        node.gate.set()
        await task
        await pipeline.close_spider()
        return waiting, task.done()

    assert asyncio.run(crawl()) == (False, True)
    assert len(node.bulks) == 1


def test_sellers_become_partial_updates_of_the_seller_document(tmp_path: Path) -> None:
    node = Node()
    pipeline, _, _ = make_pipeline(tmp_path, node)
    seller = Seller(platform="jd", shop_id="42", shop_name="卡店", credit_code="91440300MA5XXXXXX1")
    nameless = Seller(platform="jd", shop_id=None, shop_name=None)

    async def crawl() -> list[Any]:
        out = [await pipeline.process_item(seller), await pipeline.process_item(nameless)]
        await pipeline.close_spider()
        return out

    assert asyncio.run(crawl()) == [seller, nameless]
    [(op, meta, body)] = [a for batch in node.bulks for a in batch]  # no id for the nameless one
    assert (op, meta["_index"]) == ("update", "simwatch-sellers")
    assert body["doc"]["credit_code"] == "91440300MA5XXXXXX1" and body["doc_as_upsert"] is True
    assert "agent_marks" not in body["doc"]  # empty fields never overwrite stored ones
    dt.datetime.fromisoformat(body["doc"]["shop_page_fetched_at"])


def test_a_store_outage_spools_every_item_and_the_crawl_goes_on(tmp_path: Path) -> None:
    node = Node()
    node.down = True
    pipeline, stats, crawler = make_pipeline(tmp_path, node, chunk_size=3)

    async def crawl() -> list[Any]:
        await pipeline.open_spider()  # set-up fails: logged, not raised
        out = await asyncio.gather(*(pipeline.process_item(listing(n)) for n in range(5)))
        await pipeline.close_spider()
        return out

    assert len(asyncio.run(crawl())) == 5
    spooled = [json.loads(line) for line in (tmp_path / "spool.jsonl").read_text().splitlines()]
    assert sorted(r["action"]["_id"] for r in spooled) == [f"jd:{n}" for n in range(5)]
    assert (stats.values["simwatch/sink/spooled"], stats.values["simwatch/sink/indexed"]) == (5, 0)
    assert crawler.engine.closed_with == []


def test_open_spider_replays_what_an_earlier_run_spooled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_up: list[Any] = []
    monkeypatch.setattr("crawler.store.mappings.setup", set_up.append)  # index set-up has its own tests
    earlier = {"at": "2026-01-01T00:00:00Z", "reason": "connection error",
               "action": make_action("simwatch-listings", "jd:old", {"title": "x"})}
    (tmp_path / "spool.jsonl").write_text(json.dumps(earlier) + "\n")
    node = Node()
    pipeline, stats, _ = make_pipeline(tmp_path, node)

    async def crawl() -> None:
        await pipeline.open_spider()
        await pipeline.close_spider()

    asyncio.run(crawl())
    assert set_up == [pipeline.sink.client]
    assert [meta["_id"] for batch in node.bulks for _, meta, _ in batch] == ["jd:old"]
    assert stats.values["simwatch/sink/replayed"] == 1
    assert not (tmp_path / "spool.jsonl").exists()


def test_an_unwritable_spool_drops_items_loudly_counts_them_and_closes_the_spider(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    node = Node()
    node.down = True
    pipeline, stats, crawler = make_pipeline(tmp_path, node, spool=blocker / "spool.jsonl")

    async def crawl() -> list[Any]:
        out = await asyncio.gather(*(pipeline.process_item(listing(n)) for n in range(3)),
                                   return_exceptions=True)
        await pipeline.close_spider()
        return out

    out = asyncio.run(crawl())
    assert all(isinstance(r, DropItem) for r in out)
    assert "not stored" in str(out[0]) and "cannot write the spool" in str(out[0])
    assert out[0].log_level == "ERROR"
    assert stats.values["simwatch/sink/unsaved"] == 3
    assert crawler.engine.closed_with == ["spool_write_failed"]  # once, not per item


@pytest.mark.parametrize("chunk", [1, 7])
def test_every_item_is_accounted_for_whatever_the_batch_size(tmp_path: Path, chunk: int) -> None:
    node = Node()
    pipeline, stats, _ = make_pipeline(tmp_path, node, chunk_size=chunk)

    async def crawl() -> None:
        await asyncio.gather(*(pipeline.process_item(listing(n)) for n in range(20)))
        await pipeline.close_spider()

    asyncio.run(crawl())
    ids = [meta["_id"] for batch in node.bulks for _, meta, _ in batch]
    assert sorted(ids) == sorted(f"jd:{n}" for n in range(20)) and max(len(b) for b in node.bulks) <= chunk
    assert stats.values["simwatch/sink/indexed"] == 20
