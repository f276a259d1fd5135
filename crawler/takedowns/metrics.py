"""Takedown metrics per platform, for reports and Kibana.

``takedown_metrics(client)`` computes, per platform, from ``simwatch-takedowns``:

- ``sent``: takedowns that reached ``sent`` (history), ``removed``/``rejected``/``relisted`` now;
- ``compliance_rate`` = takedowns ever removed (``removed`` or later ``relisted``) / sent;
- ``relist_rate`` = relisted / ever removed;
- ``hours_to_removal_{mean,median,p90}`` from ``sent_at`` to ``removed_at``;
- ``status_counts``: current status → count.

``write_metrics(client)`` stores one document per platform (id ``<platform>:<at>``) in the
``simwatch-takedowns-metrics`` alias (created with its mapping below when missing), so Kibana
can chart the rates over time. Computed in Python from the takedown documents rather than with
aggregations: the history walk needs per-document logic and takedown counts are small.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch

from crawler.store.mappings import METRICS_MAPPING
from crawler.takedowns.indices import TAKEDOWN_METRICS, TAKEDOWNS, scan_docs
from crawler.takedowns.lifecycle import iso_utc, parse_time

__all__ = ["METRICS_MAPPING", "takedown_metrics", "write_metrics"]

def _percentile(values: list[float], fraction: float) -> float:
    # Nearest-rank percentile: exact for the small samples we have, no numpy needed.
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def _platform_metrics(docs: list[dict[str, Any]]) -> dict[str, Any]:
    statuses = Counter(str(doc.get("status")) for doc in docs)
    reached = [
        {entry.get("status") for entry in doc.get("history", [])} | {doc.get("status")}
        for doc in docs
    ]
    sent = sum(1 for states in reached if "sent" in states)
    ever_removed = sum(1 for states in reached if "removed" in states)
    hours = []
    for doc in docs:
        sent_at, removed_at = parse_time(doc.get("sent_at")), parse_time(doc.get("removed_at"))
        if sent_at and removed_at and removed_at >= sent_at:
            hours.append((removed_at - sent_at).total_seconds() / 3600)
    return {
        "total": len(docs),
        "status_counts": dict(statuses),
        "sent": sent,
        "removed": ever_removed,
        "rejected": statuses.get("rejected", 0),
        "relisted": statuses.get("relisted", 0),
        "compliance_rate": round(ever_removed / sent, 4) if sent else None,
        "relist_rate": round(statuses.get("relisted", 0) / ever_removed, 4) if ever_removed else None,
        "hours_to_removal_mean": round(statistics.fmean(hours), 2) if hours else None,
        "hours_to_removal_median": round(statistics.median(hours), 2) if hours else None,
        "hours_to_removal_p90": round(_percentile(hours, 0.9), 2) if hours else None,
    }


def takedown_metrics(client: Elasticsearch) -> dict[str, dict[str, Any]]:
    """``{platform: metrics}`` plus ``"_all"`` over every platform (see the module docstring)."""
    by_platform: dict[str, list[dict[str, Any]]] = defaultdict(list)
    everything = []
    for _, doc in scan_docs(client, TAKEDOWNS):
        by_platform[str(doc.get("platform"))].append(doc)
        everything.append(doc)
    result = {platform: _platform_metrics(docs) for platform, docs in sorted(by_platform.items())}
    if everything:
        result["_all"] = _platform_metrics(everything)
    return result


def _ensure_index(client: Elasticsearch) -> None:
    if client.indices.exists_alias(name=TAKEDOWN_METRICS):
        return
    concrete = f"{TAKEDOWN_METRICS}-v1"
    if client.indices.exists(index=concrete):
        client.indices.put_alias(index=concrete, name=TAKEDOWN_METRICS)
        return
    client.indices.create(
        index=concrete,
        aliases={TAKEDOWN_METRICS: {}},
        mappings=METRICS_MAPPING,
        settings={"number_of_shards": 1, "number_of_replicas": 0},
    )


def write_metrics(client: Elasticsearch, at: datetime | None = None) -> dict[str, dict[str, Any]]:
    """Compute the metrics and index one document per platform (and ``_all``); return them."""
    metrics = takedown_metrics(client)
    stamp = iso_utc(at or datetime.now(UTC))
    _ensure_index(client)
    for platform, values in metrics.items():
        client.index(
            index=TAKEDOWN_METRICS,
            id=f"{platform}:{stamp}",
            document={"at": stamp, "platform": platform, **values},
        )
    client.indices.refresh(index=TAKEDOWN_METRICS)
    return metrics
