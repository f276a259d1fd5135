"""Kibana saved objects (data views, visualisations, dashboards) built from a compact spec.

``kibana/saved_objects.ndjson`` is generated from this module (``simwatch kibana build``) and a
test keeps the two in step, so every field a visualisation uses is checked against
:mod:`crawler.store.mappings`. Visualisations are aggregation-based ("legacy") ones: their JSON
is small and stable across Kibana 7.14-8.x, and Kibana's import migrates them forward.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.platforms.base import BLOCK_REASONS
from crawler.store.indices import METRICS as TAKEDOWN_METRICS
from crawler.store.mappings import (
    CRAWLS,
    INDICES,
    LISTINGS,
    METRICS_MAPPING,
    SELLERS,
    TAKEDOWNS,
    WHITELIST,
)

NDJSON_PATH = Path(__file__).resolve().parents[2] / "kibana" / "saved_objects.ndjson"
MIGRATION_VERSION = "7.14.0"  # the shape written here; Kibana migrates it on import

DATA_VIEWS: dict[str, str] = {  # alias -> time field
    LISTINGS: "first_seen",
    SELLERS: "last_seen",
    TAKEDOWNS: "detected_at",
    WHITELIST: "loaded_at",
    CRAWLS: "start",
    TAKEDOWN_METRICS: "at",  # one document per platform per `simwatch takedowns metrics`
}


def data_view_properties(alias: str) -> dict[str, Any]:
    """The mapped properties behind a data view (the metrics index is not one of INDICES: it is
    created by its writer, crawler/takedowns/metrics.py)."""
    if alias == TAKEDOWN_METRICS:
        return dict(METRICS_MAPPING["properties"])
    return dict(INDICES[alias].properties)


@dataclass(frozen=True)
class Vis:
    id: str
    title: str
    index: str
    type: str  # line | histogram | horizontal_bar | pie | table | metric
    aggs: list[dict[str, Any]]
    query: str = ""  # KQL applied to this visualisation
    width: int = 24
    height: int = 15


@dataclass(frozen=True)
class Dashboard:
    id: str
    title: str
    description: str
    panels: list[Vis] = field(default_factory=list)


def count() -> dict[str, Any]:
    return {"type": "count", "schema": "metric", "params": {}}


def metric(kind: str, field_name: str, label: str | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"field": field_name}
    if label:
        params["customLabel"] = label
    return {"type": kind, "schema": "metric", "params": params}


def terms(field_name: str, schema: str = "segment", size: int = 10, order_by: str = "1",
          label: str | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"field": field_name, "size": size, "order": "desc",
                              "orderBy": order_by, "otherBucket": False, "missingBucket": False}
    if label:
        params["customLabel"] = label
    return {"type": "terms", "schema": schema, "params": params}


def date_histogram(field_name: str) -> dict[str, Any]:
    return {"type": "date_histogram", "schema": "segment",
            "params": {"field": field_name, "useNormalizedEsInterval": True, "interval": "auto",
                       "drop_partials": False, "min_doc_count": 1, "extended_bounds": {}}}


def histogram(field_name: str, interval: float) -> dict[str, Any]:
    return {"type": "histogram", "schema": "segment",
            "params": {"field": field_name, "interval": interval, "min_doc_count": False,
                       "has_extended_bounds": False, "extended_bounds": {"min": "", "max": ""}}}


def filters(stages: list[tuple[str, str]]) -> dict[str, Any]:
    return {"type": "filters", "schema": "segment",
            "params": {"filters": [{"input": {"query": q, "language": "kuery"}, "label": label}
                                   for label, q in stages]}}


FLAGGED = "takedown:true"
PLATFORM_ROWS = "kind:platform"
STATUSES = ["detected", "queued", "sent", "acknowledged", "removed", "rejected", "relisted"]


def _reached(*statuses: str) -> str:
    return "status:(" + " or ".join(statuses) + ")"


DASHBOARDS: list[Dashboard] = [
    Dashboard(
        "simwatch-dashboard-sim-sellers", "SIM sellers",
        "Listings flagged for takedown: over time, by platform, carrier, violation, location; "
        "top sellers.",
        [
            Vis("simwatch-vis-flagged-over-time", "Flagged listings over time (first seen)",
                LISTINGS, "line", [count(), date_histogram("first_seen"), terms("platform", "group")],
                FLAGGED, width=48),
            Vis("simwatch-vis-flagged-by-platform", "Flagged listings by platform", LISTINGS,
                "pie", [count(), terms("platform")], FLAGGED),
            Vis("simwatch-vis-flagged-by-carrier", "Flagged listings by carrier", LISTINGS,
                "horizontal_bar", [count(), terms("carriers", size=15)], FLAGGED),
            Vis("simwatch-vis-flagged-by-violation", "Flagged listings by violation", LISTINGS,
                "histogram", [count(), terms("violations", size=10)], FLAGGED),
            Vis("simwatch-vis-flagged-by-location", "Flagged listings by seller location",
                LISTINGS, "table", [count(), terms("location", "bucket", size=30, label="location")],
                FLAGGED),
            Vis("simwatch-vis-top-sellers", "Top flagged sellers", LISTINGS, "table",
                [count(), metric("max", "risk_score", "max risk"),
                 terms("shop_name.raw", "bucket", size=25, label="shop"),
                 terms("platform", "bucket", size=3, label="platform")],
                FLAGGED, width=48),
            Vis("simwatch-vis-unauthorised-rate", "SIM listings by authorisation", LISTINGS,
                "pie", [count(), terms("authorised", size=3)], "sim_listing:true"),
        ],
    ),
    Dashboard(
        "simwatch-dashboard-takedowns", "Takedowns",
        "Takedown requests: status funnel, time from request to removal, outcomes by platform.",
        [
            Vis("simwatch-vis-takedown-funnel", "Takedown funnel (requests reaching each stage)",
                TAKEDOWNS, "horizontal_bar",
                [count(), filters([
                    ("detected", "status:*"),
                    ("queued", _reached(*STATUSES[1:])),
                    ("sent", _reached(*STATUSES[2:])),
                    ("acknowledged", _reached("acknowledged", "removed", "relisted")),
                    ("removed", _reached("removed", "relisted")),
                ])]),
            Vis("simwatch-vis-takedown-status", "Takedowns by status and platform", TAKEDOWNS,
                "histogram", [count(), terms("status", size=10), terms("platform", "group")]),
            Vis("simwatch-vis-time-to-removal", "Hours from request sent to removal", TAKEDOWNS,
                "histogram", [count(), histogram("hours_to_removal", 24)], "hours_to_removal >= 0"),
            Vis("simwatch-vis-removal-by-platform", "Average hours to removal by platform",
                TAKEDOWNS, "table",
                [metric("avg", "hours_to_removal", "avg hours"),
                 metric("max", "hours_to_removal", "max hours"),
                 terms("platform", "bucket", size=20, label="platform")],
                "hours_to_removal >= 0"),
            Vis("simwatch-vis-takedowns-over-time", "Takedowns detected over time", TAKEDOWNS,
                "line", [count(), date_histogram("detected_at"), terms("status", "group")],
                width=48),
        ],
    ),
    Dashboard(
        "simwatch-dashboard-crawl-health", "Crawl health",
        "Per platform and run: blocked-page rate, blocks by reason, layout-drift alarms, items.",
        [
            Vis("simwatch-vis-blocked-rate", "Blocked-page rate by platform", CRAWLS, "line",
                [metric("avg", "blocked_rate", "blocked rate"), date_histogram("start"),
                 terms("platform", "group", size=15)], PLATFORM_ROWS, width=48),
            Vis("simwatch-vis-drift-alarms", "Layout-drift alarms by platform", CRAWLS,
                "histogram", [metric("sum", "drift_alarms", "drift alarms"),
                              terms("platform", size=15)], PLATFORM_ROWS),
            Vis("simwatch-vis-blocked-by-reason", "Blocked pages by reason", CRAWLS, "table",
                [metric("sum", f"blocked_by_reason.{r}", r)
                 for r in BLOCK_REASONS]
                + [terms("platform", "bucket", size=15, label="platform")], PLATFORM_ROWS),
            Vis("simwatch-vis-items-per-platform", "Listings parsed per platform", CRAWLS,
                "histogram", [metric("sum", "listings", "listings"), date_histogram("start"),
                              terms("platform", "group", size=15)], PLATFORM_ROWS, width=48),
            Vis("simwatch-vis-run-status", "Crawl runs by status", CRAWLS, "pie",
                [count(), terms("status", size=5)], "kind:run"),
        ],
    ),
]


def _xy_params(vis: Vis, metric_label: str) -> dict[str, Any]:
    chart = "line" if vis.type == "line" else "histogram"
    horizontal = vis.type == "horizontal_bar"
    category_axis = {"id": "CategoryAxis-1", "type": "category",
                     "position": "left" if horizontal else "bottom", "show": True, "style": {},
                     "scale": {"type": "linear"},
                     "labels": {"show": True, "filter": not horizontal, "truncate": 100},
                     "title": {}}
    value_axis = {"id": "ValueAxis-1", "name": "LeftAxis-1", "type": "value",
                  "position": "bottom" if horizontal else "left", "show": True, "style": {},
                  "scale": {"type": "linear", "mode": "normal"},
                  "labels": {"show": True, "rotate": 0, "filter": False, "truncate": 100},
                  "title": {"text": metric_label}}
    return {
        "type": vis.type, "grid": {"categoryLines": False}, "categoryAxes": [category_axis],
        "valueAxes": [value_axis],
        "seriesParams": [{"show": True, "type": chart, "mode": "stacked" if chart != "line" else "normal",
                          "data": {"label": metric_label, "id": "1"}, "valueAxis": "ValueAxis-1",
                          "drawLinesBetweenPoints": True, "lineWidth": 2, "showCircles": True,
                          "interpolate": "linear"}],
        "addTooltip": True, "addLegend": True, "legendPosition": "right", "times": [],
        "addTimeMarker": False, "labels": {"show": False},
        "thresholdLine": {"show": False, "value": 10, "width": 1, "style": "full",
                          "color": "#E7664C"},
        "detailedTooltip": True, "palette": {"type": "palette", "name": "default"},
    }


def _vis_params(vis: Vis, metric_label: str) -> dict[str, Any]:
    if vis.type in ("line", "histogram", "horizontal_bar"):
        return _xy_params(vis, metric_label)
    if vis.type == "pie":
        return {"type": "pie", "addTooltip": True, "addLegend": True, "legendPosition": "right",
                "isDonut": True, "distinctColors": True,
                "palette": {"type": "palette", "name": "default"},
                "labels": {"show": False, "values": True, "last_level": True, "truncate": 100}}
    if vis.type == "table":
        return {"perPage": 10, "showPartialRows": False, "showMetricsAtAllLevels": False,
                "showTotal": False, "totalFunc": "sum", "percentageCol": ""}
    raise ValueError(f"unknown visualisation type {vis.type!r}")


def _metric_label(agg: dict[str, Any]) -> str:
    if agg["type"] == "count":
        return "Count"
    return agg["params"].get("customLabel") or f"{agg['type']} {agg['params']['field']}"


def _search_source(query: str, with_index: bool) -> str:
    source: dict[str, Any] = {"query": {"query": query, "language": "kuery"}, "filter": []}
    if with_index:
        source["indexRefName"] = "kibanaSavedObjectMeta.searchSourceJSON.index"
    return json.dumps(source, ensure_ascii=False)


def visualisation_object(vis: Vis) -> dict[str, Any]:
    aggs = [{"id": str(n), "enabled": True, **agg} for n, agg in enumerate(vis.aggs, start=1)]
    vis_state = {"title": vis.title, "type": vis.type,
                 "params": _vis_params(vis, _metric_label(vis.aggs[0])), "aggs": aggs}
    return {
        "type": "visualization",
        "id": vis.id,
        "attributes": {
            "title": vis.title,
            "description": "",
            "version": 1,
            "uiStateJSON": "{}",
            "visState": json.dumps(vis_state, ensure_ascii=False),
            "kibanaSavedObjectMeta": {"searchSourceJSON": _search_source(vis.query, True)},
        },
        "references": [{"name": "kibanaSavedObjectMeta.searchSourceJSON.index",
                        "type": "index-pattern", "id": vis.index}],
        "migrationVersion": {"visualization": MIGRATION_VERSION},
    }


def dashboard_object(dashboard: Dashboard) -> dict[str, Any]:
    panels, references = [], []
    x = y = 0
    row_height = 0
    for n, vis in enumerate(dashboard.panels):
        if x + vis.width > 48:  # Kibana's grid is 48 columns wide
            x, y, row_height = 0, y + row_height, 0
        panels.append({"version": MIGRATION_VERSION, "type": "visualization",
                       "gridData": {"x": x, "y": y, "w": vis.width, "h": vis.height, "i": str(n)},
                       "panelIndex": str(n), "embeddableConfig": {"enhancements": {}},
                       "panelRefName": f"panel_{n}"})
        references.append({"name": f"panel_{n}", "type": "visualization", "id": vis.id})
        x += vis.width
        row_height = max(row_height, vis.height)
    return {
        "type": "dashboard",
        "id": dashboard.id,
        "attributes": {
            "title": dashboard.title,
            "description": dashboard.description,
            "version": 1,
            "hits": 0,
            "timeRestore": True,
            "timeFrom": "now-30d",
            "timeTo": "now",
            "refreshInterval": {"pause": True, "value": 0},
            "optionsJSON": json.dumps({"useMargins": True, "syncColors": False,
                                       "hidePanelTitles": False}),
            "panelsJSON": json.dumps(panels, ensure_ascii=False),
            "kibanaSavedObjectMeta": {"searchSourceJSON": _search_source("", False)},
        },
        "references": references,
        "migrationVersion": {"dashboard": MIGRATION_VERSION},
    }


def data_view_object(alias: str, time_field: str) -> dict[str, Any]:
    return {
        "type": "index-pattern",
        "id": alias,
        "attributes": {"title": alias, "timeFieldName": time_field},
        "references": [],
        "migrationVersion": {"index-pattern": "7.11.0"},
    }


def saved_objects() -> list[dict[str, Any]]:
    """Data views first, then visualisations, then dashboards (import resolves references)."""
    objects = [data_view_object(alias, time) for alias, time in DATA_VIEWS.items()]
    seen: set[str] = set()
    for dashboard in DASHBOARDS:
        for vis in dashboard.panels:
            if vis.id not in seen:
                seen.add(vis.id)
                objects.append(visualisation_object(vis))
    objects.extend(dashboard_object(d) for d in DASHBOARDS)
    return objects


def render_ndjson() -> str:
    return "".join(json.dumps(o, ensure_ascii=False, sort_keys=True) + "\n" for o in saved_objects())


def write_ndjson(path: Path = NDJSON_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_ndjson(), encoding="utf-8")
    return path
