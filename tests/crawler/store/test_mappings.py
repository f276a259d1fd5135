"""Index templates, aliases, setup idempotence and alias-swap migration on the embedded server."""

from __future__ import annotations

import pytest
from elasticsearch import Elasticsearch, helpers

from crawler.store import mappings


def test_every_index_has_cjk_text_with_raw_and_typed_fields() -> None:
    listings = mappings.INDICES[mappings.LISTINGS].properties
    for name in ("title", "description", "shop_name", "reasons"):
        assert listings[name]["analyzer"] == "cjk"
        assert listings[name]["fields"]["raw"]["type"] == "keyword"
    assert listings["platform"]["type"] == "keyword"
    assert listings["price"]["type"] == "double"
    assert listings["risk_score"]["type"] == "integer"
    assert listings["first_seen"]["type"] == "date"
    assert set(mappings.INDICES) == {mappings.LISTINGS, mappings.SELLERS, mappings.TAKEDOWNS,
                                     mappings.WHITELIST, mappings.CRAWLS}


def test_index_version_parsing() -> None:
    assert mappings.index_version("simwatch-listings-v12") == 12
    with pytest.raises(ValueError, match="not named"):
        mappings.index_version("simwatch-listings")


def test_setup_creates_versioned_indices_behind_aliases_and_is_idempotent(es: Elasticsearch) -> None:
    first = mappings.setup(es)
    assert first[mappings.LISTINGS] == "created simwatch-listings-v1"
    second = mappings.setup(es)
    assert all(v.startswith("ok") for v in second.values()), second
    for alias, spec in mappings.INDICES.items():
        assert mappings.alias_targets(es, alias) == [spec.concrete()]
    mapping = es.indices.get_mapping(index="simwatch-listings-v1")["simwatch-listings-v1"]
    title = mapping["mappings"]["properties"]["title"]
    assert title["analyzer"] == "cjk" and title["fields"]["raw"]["type"] == "keyword"
    rows = {row["alias"]: row for row in mappings.status(es)}
    assert rows[mappings.LISTINGS]["state"] == "ok" and rows[mappings.LISTINGS]["documents"] == 0


def test_cjk_search_and_raw_keyword(es: Elasticsearch) -> None:
    mappings.setup(es, [mappings.LISTINGS])
    docs = {"jd:1": "免实名电话卡 全国通用", "jd:2": "手机壳 卡托 取卡针", "jd:3": "联通大王卡 流量卡"}
    helpers.bulk(es, ({"_index": mappings.LISTINGS, "_id": k, "_source": {"title": v}}
                      for k, v in docs.items()), refresh=True)
    hits = es.search(index=mappings.LISTINGS, query={"match_phrase": {"title": "实名"}})
    assert [h["_id"] for h in hits["hits"]["hits"]] == ["jd:1"]
    hits = es.search(index=mappings.LISTINGS, query={"match": {"title": "流量卡"}})
    assert [h["_id"] for h in hits["hits"]["hits"]] == ["jd:3"]
    exact = es.search(index=mappings.LISTINGS, query={"term": {"title.raw": docs["jd:2"]}})
    assert [h["_id"] for h in exact["hits"]["hits"]] == ["jd:2"]


def test_same_id_twice_is_one_document(es: Elasticsearch) -> None:
    mappings.setup(es, [mappings.LISTINGS])
    for price in (1.0, 2.0):
        es.index(index=mappings.LISTINGS, id="jd:9", document={"platform": "jd", "price": price})
    es.indices.refresh(index=mappings.LISTINGS)
    assert es.count(index=mappings.LISTINGS)["count"] == 1
    assert es.get(index=mappings.LISTINGS, id="jd:9")["_source"]["price"] == 2.0


def test_unknown_fields_are_kept_but_not_indexed(es: Elasticsearch) -> None:
    mappings.setup(es, [mappings.LISTINGS])
    es.index(index=mappings.LISTINGS, id="jd:1", document={"platform": "jd", "novel": "x"},
             refresh=True)
    assert es.get(index=mappings.LISTINGS, id="jd:1")["_source"]["novel"] == "x"
    props = es.indices.get_mapping(index=mappings.LISTINGS)["simwatch-listings-v1"]["mappings"]
    assert "novel" not in props["properties"]


def test_migrate_swaps_alias_and_keeps_documents(es: Elasticsearch) -> None:
    mappings.setup(es)
    helpers.bulk(es, ({"_index": mappings.LISTINGS, "_id": f"jd:{i}",
                       "_source": {"platform": "jd", "listing_id": str(i), "title": f"流量卡{i}"}}
                      for i in range(150)), refresh=True)
    result = mappings.migrate(es, mappings.LISTINGS)
    assert result["from"] == "simwatch-listings-v1" and result["to"] == "simwatch-listings-v2"
    assert result["documents"] == 150
    assert mappings.alias_targets(es, mappings.LISTINGS) == ["simwatch-listings-v2"]
    assert es.count(index=mappings.LISTINGS)["count"] == 150
    assert es.get(index=mappings.LISTINGS, id="jd:42")["_source"]["title"] == "流量卡42"
    # The new index got the template's mapping; the old one is kept but no longer aliased.
    mapping = es.indices.get_mapping(index="simwatch-listings-v2")["simwatch-listings-v2"]
    assert mapping["mappings"]["properties"]["title"]["analyzer"] == "cjk"
    assert es.indices.exists(index="simwatch-listings-v1")
    # setup after a migration leaves the newer version in place.
    assert mappings.setup(es, [mappings.LISTINGS])[mappings.LISTINGS].startswith("ok")
    again = mappings.migrate(es, mappings.LISTINGS, delete_old=True)
    assert again["to"] == "simwatch-listings-v3"
    assert not es.indices.exists(index="simwatch-listings-v2")


def test_migrate_refuses_missing_alias(es: Elasticsearch) -> None:
    with pytest.raises(mappings.MigrationError, match="run `simwatch es setup`"):
        mappings.migrate(es, mappings.LISTINGS)
    with pytest.raises(KeyError, match="unknown index"):
        mappings.migrate(es, "simwatch-nope")
