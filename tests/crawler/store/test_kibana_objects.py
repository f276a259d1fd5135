"""Kibana saved objects: the NDJSON parses, is up to date, and uses only mapped fields."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from crawler.store import kibana_objects, mappings
from crawler.takedowns.indices import TAKEDOWN_METRICS

AGGREGATABLE = {"keyword", "long", "integer", "float", "double", "date", "boolean"}
NUMERIC = {"long", "integer", "float", "double"}


def field_type(index: str, path: str) -> str | None:
    """The mapped type of ``path`` (``a.b`` through objects, ``x.raw`` through sub-fields)."""
    properties = kibana_objects.data_view_properties(index)
    parts = path.split(".")
    node: dict[str, Any] | None = None
    for n, part in enumerate(parts):
        node = properties.get(part)
        if node is None:
            return None
        if n < len(parts) - 1:
            properties = node.get("properties") or node.get("fields") or {}
    return node.get("type", "object") if node else None


def kql_fields(query: str) -> set[str]:
    return set(re.findall(r"([A-Za-z_][\w.]*)\s*(?::|>=|<=|>|<)", query))


@pytest.fixture(scope="module")
def objects() -> list[dict[str, Any]]:
    lines = kibana_objects.NDJSON_PATH.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_file_is_generated_from_code(objects: list[dict[str, Any]]) -> None:
    assert kibana_objects.NDJSON_PATH.read_text(encoding="utf-8") == kibana_objects.render_ndjson(), (
        "kibana/saved_objects.ndjson is stale: run `simwatch kibana build`")
    assert {o["type"] for o in objects} == {"index-pattern", "visualization", "dashboard"}
    assert len({(o["type"], o["id"]) for o in objects}) == len(objects)


def test_data_views_cover_every_index_with_a_date_time_field(objects: list[dict[str, Any]]) -> None:
    views = {o["id"]: o["attributes"] for o in objects if o["type"] == "index-pattern"}
    assert set(views) == set(mappings.INDICES) | {TAKEDOWN_METRICS}
    for alias, attributes in views.items():
        assert attributes["title"] == alias
        assert field_type(alias, attributes["timeFieldName"]) == "date", alias


def test_every_visualisation_field_exists_and_is_aggregatable(objects: list[dict[str, Any]]) -> None:
    views = {o["id"] for o in objects if o["type"] == "index-pattern"}
    checked = 0
    for obj in (o for o in objects if o["type"] == "visualization"):
        (ref,) = obj["references"]
        assert ref["type"] == "index-pattern" and ref["id"] in views
        index = ref["id"]
        state = json.loads(obj["attributes"]["visState"])
        assert state["title"] == obj["attributes"]["title"]
        assert state["aggs"] and state["aggs"][0]["schema"] == "metric"
        source = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
        assert source["indexRefName"] == ref["name"]
        used = kql_fields(source["query"]["query"])
        for agg in state["aggs"]:
            name = agg["params"].get("field")
            if name:
                kind = field_type(index, name)
                assert kind in AGGREGATABLE, f"{obj['id']}: {index}.{name} is {kind}"
                if agg["type"] in ("avg", "sum", "max", "min", "histogram"):
                    assert kind in NUMERIC, f"{obj['id']}: {agg['type']} on {name} ({kind})"
                checked += 1
            for flt in agg["params"].get("filters", []):
                used |= kql_fields(flt["input"]["query"])
        for name in used:
            assert field_type(index, name) is not None, f"{obj['id']}: query uses {index}.{name}"
    assert checked >= 25


def test_dashboards_reference_existing_visualisations(objects: list[dict[str, Any]]) -> None:
    vis_ids = {o["id"] for o in objects if o["type"] == "visualization"}
    titles = set()
    for dashboard in (o for o in objects if o["type"] == "dashboard"):
        titles.add(dashboard["attributes"]["title"])
        panels = json.loads(dashboard["attributes"]["panelsJSON"])
        refs = {r["name"]: r for r in dashboard["references"]}
        assert len(panels) == len(refs) >= 4
        for panel in panels:
            ref = refs[panel["panelRefName"]]
            assert ref["type"] == "visualization" and ref["id"] in vis_ids
            grid = panel["gridData"]
            assert grid["x"] + grid["w"] <= 48
    assert titles == {"SIM sellers", "Takedowns", "Crawl health"}


def test_a_missing_field_would_be_caught() -> None:
    assert field_type(mappings.LISTINGS, "shop_name.raw") == "keyword"
    assert field_type(mappings.CRAWLS, "blocked_by_reason.captcha") == "integer"
    assert field_type(mappings.LISTINGS, "shop_nam") is None
    assert field_type(mappings.LISTINGS, "title") == "text"  # not aggregatable
    assert field_type(mappings.SELLERS, "network_id") == "keyword"
    assert field_type(TAKEDOWN_METRICS, "at") == "date"
    assert kql_fields("takedown:true and hours_to_removal >= 0") == {"takedown", "hours_to_removal"}
