"""Kibana objects that show data: their fields exist on the documents simwatch's writers produce.

A small embedded store is seeded through the same writers a demo run uses (listing upserts and
the seller pipeline through the bulk sink, the run record, takedown lifecycle, seller networks,
whitelist import, takedown metrics). Then every data view's time field must be on *every*
document of its index (else Discover hides them), and every field a visualisation aggregates
or filters on must be on at least one document.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import Elasticsearch

from crawler.items import Seller
from crawler.ops.runrecord import build_run_record
from crawler.pipelines.elasticsearch import ElasticsearchPipeline
from crawler.store import kibana_objects, mappings
from crawler.store.crawls import index_run
from crawler.store.sink import BulkSink, upsert_listing
from crawler.takedowns.lifecycle import TakedownStore
from crawler.takedowns.metrics import write_metrics
from crawler.takedowns.network import build_network, write_sellers

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


class _Stats:
    def set_value(self, key: str, value: Any) -> None:
        pass


def _listing(listing_id: str, **extra: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    listing = {
        "platform": "jd", "listing_id": listing_id, "title": "免实名 流量卡 加V: simka888",
        "url": f"https://item.jd.com/{listing_id}.html", "shop_name": f"卡店{listing_id}",
        "shop_id": f"s{listing_id}", "shop_url": f"https://mall.jd.com/index-{listing_id}.html",
        "location": "广东 深圳", "price": 9.9, "observed_at": "2026-11-02",
        "description": "微信 simka888 批量出", **extra,
    }
    verdict = {
        "sim_listing": True, "carriers": ["中国联通"], "foreign": False, "authorised": False,
        "whitelist_match": None, "violations": ["no_real_name", "unauthorised_seller"],
        "risk_score": 80, "takedown": True, "reasons": ["标题含“免实名”"],
        "classifier_version": "test",
    }
    return listing, verdict


def _seed(es: Elasticsearch, tmp_path: Path) -> None:
    mappings.setup(es)
    sink = BulkSink(es, tmp_path / "spool.jsonl", tmp_path / "dead.jsonl")
    for listing_id in ("1", "2"):
        upsert_listing(sink, *_listing(listing_id), "run-1", T0)
    pipeline = ElasticsearchPipeline(sink, "run-1", _Stats())  # type: ignore[arg-type]
    # the batch the pipeline's worker thread writes (process_item hands items to that worker)
    pipeline._write([Seller("jd", "s1", "卡店1", "https://mall.jd.com/index-1.html",
                            credit_code="91440300MA5XXXXX1X", company_name="深圳某公司")])
    stats = {"simwatch/jd/pages": 8, "simwatch/jd/listings": 2, "simwatch/jd/layout_drift": 1,
             "item_scraped_count": 2,
             **{f"simwatch/jd/blocked/{reason}": 1
                for reason in ("login", "captcha", "rate_limited", "server_error")}}
    record = build_run_record(run_id="run-1", job="test", platforms=["jd"], keywords="流量卡",
                              start=T0.isoformat(), end=(T0 + timedelta(minutes=5)).isoformat(),
                              status="ok", stats=stats)
    index_run(sink, record)
    sink.close()
    es.indices.refresh(index="simwatch-*")
    store = TakedownStore(es)
    store.mark("jd:1", "queued", by="t", at=T0)
    store.mark("jd:1", "sent", by="t", at=T0 + timedelta(hours=1))
    store.mark("jd:1", "removed", by="t", at=T0 + timedelta(hours=30))
    store.mark("jd:2", "queued", by="t", at=T0)
    write_sellers(es, build_network(es))
    from whitelist.registry import import_file

    whitelist = tmp_path / "list.csv"
    whitelist.write_text("网店名称,所属平台,运营商\n联通授权店,京东,中国联通\n", encoding="utf-8")
    import_file(whitelist, source="test", published="2026-10-01", directory=tmp_path / "wl", client=es)
    write_metrics(es, at=T0 + timedelta(days=1))
    es.indices.refresh(index="simwatch-*")


def _count(es: Elasticsearch, index: str, query: dict[str, Any] | None = None) -> int:
    return int(es.count(index=index, query=query or {"match_all": {}})["count"])


def _values(es: Elasticsearch, index: str, field: str) -> int:
    """How many values of ``field`` an aggregation sees (what a visualisation would chart)."""
    result = es.search(index=index, size=0, aggs={"n": {"value_count": {"field": field}}})
    return int(result["aggregations"]["n"]["value"])


@pytest.fixture
def seeded(es: Elasticsearch, tmp_path: Path) -> Elasticsearch:
    _seed(es, tmp_path)
    return es


def test_every_data_view_time_field_is_on_every_document(seeded: Elasticsearch) -> None:
    for alias, time_field in kibana_objects.DATA_VIEWS.items():
        total = _count(seeded, alias)
        assert total > 0, f"{alias}: the seeded writers wrote nothing"
        with_time = _count(seeded, alias, {"exists": {"field": time_field}})
        assert with_time == total, f"{alias}: {total - with_time} of {total} documents lack {time_field}"


def test_every_visualisation_field_is_on_written_documents(seeded: Elasticsearch) -> None:
    missing = []
    for obj in kibana_objects.saved_objects():
        if obj["type"] != "visualization":
            continue
        index = obj["references"][0]["id"]
        state = json.loads(obj["attributes"]["visState"])
        for agg in state["aggs"]:
            name = agg["params"].get("field")
            if name and _values(seeded, index, name) == 0:
                missing.append(f"{obj['id']}: {index}.{name}")
    assert not missing, missing


def test_seller_network_fields_are_mapped_and_searchable(seeded: Elasticsearch) -> None:
    hits = seeded.search(index=mappings.SELLERS, query={"exists": {"field": "network_id"}})
    assert hits["hits"]["total"]["value"] >= 2
    aggs = seeded.search(index=mappings.SELLERS, size=0,
                         aggs={"size": {"max": {"field": "network_size"}}})
    assert aggs["aggregations"]["size"]["value"] >= 1
    with_page = seeded.search(index=mappings.SELLERS, query={"exists": {"field": "credit_code"}})
    [hit] = with_page["hits"]["hits"]
    assert hit["_source"]["last_seen"] and hit["_source"]["network_id"]
