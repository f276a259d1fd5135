"""The console benchmark runs end to end at a tiny size and reports rows in the bench format."""

from __future__ import annotations

from bench import bench_console


def test_run_reports_search_and_listing_latency() -> None:
    rows = bench_console.run(size=200, requests=8)
    measures = [row["measure"] for row in rows]
    for page in ("search", "listing"):
        for label in ("", " while a crawl writes"):
            assert f"console {page} page p95{label}" in measures
    for row in rows:
        assert {"measure", "value", "unit", "aim", "ok", "inputs"} <= set(row)
        if row["unit"] == "ms":
            assert row["value"] > 0
            assert "200 listings" in row["inputs"]
    p50 = next(r for r in rows if r["measure"] == "console search page p50")["value"]
    p95 = next(r for r in rows if r["measure"] == "console search page p95")["value"]
    assert p50 <= p95
