from __future__ import annotations

from datetime import UTC, datetime, timedelta

from elasticsearch import Elasticsearch

from crawler.takedowns.indices import TAKEDOWN_METRICS
from crawler.takedowns.lifecycle import TakedownStore
from crawler.takedowns.metrics import takedown_metrics, write_metrics
from tests.crawler.takedowns.conftest import index_listings, listing_doc

T0 = datetime(2025, 3, 1, tzinfo=UTC)


def _path(store: TakedownStore, doc_id: str, steps: list[tuple[str, int]]) -> None:
    for status, hours in steps:
        store.mark(doc_id, status, by="t", at=T0 + timedelta(hours=hours))


def test_rates_and_time_to_removal(es: Elasticsearch) -> None:
    index_listings(es, [listing_doc("taobao", str(i)) for i in range(1, 6)] + [listing_doc("jd", "1")])
    store = TakedownStore(es)
    _path(store, "taobao:1", [("queued", 0), ("sent", 0), ("removed", 10)])
    _path(store, "taobao:2", [("queued", 0), ("sent", 0), ("acknowledged", 5), ("removed", 30)])
    _path(store, "taobao:3", [("queued", 0), ("sent", 0), ("removed", 50), ("relisted", 80)])
    _path(store, "taobao:4", [("queued", 0), ("sent", 0), ("rejected", 3)])
    _path(store, "taobao:5", [("queued", 0)])  # never sent: not in the rates
    _path(store, "jd:1", [("queued", 0), ("sent", 0)])

    metrics = takedown_metrics(es)
    taobao = metrics["taobao"]
    assert taobao["total"] == 5 and taobao["sent"] == 4
    assert taobao["removed"] == 3 and taobao["rejected"] == 1 and taobao["relisted"] == 1
    assert taobao["compliance_rate"] == 0.75
    assert taobao["relist_rate"] == round(1 / 3, 4)
    assert taobao["hours_to_removal_median"] == 30.0
    assert taobao["hours_to_removal_mean"] == 30.0
    assert taobao["hours_to_removal_p90"] == 50.0
    assert taobao["status_counts"] == {"removed": 2, "relisted": 1, "rejected": 1, "queued": 1}
    jd = metrics["jd"]
    assert jd["compliance_rate"] == 0.0 and jd["relist_rate"] is None
    assert jd["hours_to_removal_median"] is None
    assert metrics["_all"]["sent"] == 5

    written = write_metrics(es, at=T0 + timedelta(days=10))
    assert written == metrics
    doc = es.get(index=TAKEDOWN_METRICS, id="taobao:2025-03-11T00:00:00Z")["_source"]
    assert doc["compliance_rate"] == 0.75 and doc["platform"] == "taobao"
    hits = es.search(index=TAKEDOWN_METRICS, query={"term": {"platform": "jd"}})["hits"]["hits"]
    assert len(hits) == 1


def test_no_takedowns_no_metrics(es: Elasticsearch) -> None:
    assert takedown_metrics(es) == {}
