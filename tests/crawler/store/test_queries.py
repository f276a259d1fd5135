"""Listing iteration filters (platform, takedown flag, since/until) on the embedded server."""

from __future__ import annotations

from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from crawler.store import mappings
from crawler.store.queries import count_listings, iter_listings, listings_query
from crawler.store.sink import BulkSink, upsert_listing


@pytest.fixture
def loaded(es: Elasticsearch, tmp_path: Path) -> Elasticsearch:
    mappings.setup(es, [mappings.LISTINGS])
    sink = BulkSink(es, tmp_path / "spool", tmp_path / "dead", chunk_size=50)
    for i in range(120):
        platform = ("jd", "taobao", "xianyu")[i % 3]
        day = 1 + i % 10
        upsert_listing(sink, {"platform": platform, "listing_id": str(i), "title": f"卡{i}"},
                       {"takedown": i % 2 == 0, "sim_listing": True}, "run-1",
                       f"2024-05-{day:02d}T12:00:00Z")
    sink.close()
    assert sink.stats.sent == 120
    es.indices.refresh(index=mappings.LISTINGS)
    return es


def test_filters_combine(loaded: Elasticsearch) -> None:
    everything = list(iter_listings(loaded, page_size=25))
    assert len(everything) == 120 and len({d["doc_id"] for d in everything}) == 120
    jd_flagged = list(iter_listings(loaded, platforms="jd", takedown=True))
    expected = {f"jd:{i}" for i in range(120) if i % 3 == 0 and i % 2 == 0}
    assert {d["doc_id"] for d in jd_flagged} == expected
    recent = list(iter_listings(loaded, platforms=["jd", "xianyu"], since="2024-05-09"))
    assert {d["doc_id"] for d in recent} == {
        f"{('jd', 'taobao', 'xianyu')[i % 3]}:{i}" for i in range(120)
        if i % 3 != 1 and 1 + i % 10 >= 9
    }
    first_day_flagged = [i for i in range(120) if i % 2 == 0 and i % 10 == 0]
    assert count_listings(loaded, takedown=True, until="2024-05-01T23:59:59Z") == len(
        first_day_flagged) == 12
    assert count_listings(loaded, takedown=False, until="2024-05-01T23:59:59Z") == 0


def test_source_filter_and_bad_dates(loaded: Elasticsearch) -> None:
    doc = next(iter_listings(loaded, source=["platform"]))
    assert set(doc) == {"doc_id", "platform"}
    with pytest.raises(ValueError, match="not an ISO-8601"):
        listings_query(since="last tuesday")
    assert listings_query() == {"match_all": {}}
