"""The classifier benchmark is honest: distinct titles shaped like real captures, cold caches."""

from __future__ import annotations

from statistics import median

from bench import bench_classify
from crawler.classifiers.rules import compiled


def test_real_titles_come_from_the_fixtures() -> None:
    titles = bench_classify.real_titles()
    assert len(titles) >= 200
    assert not any("<span" in t or "REFRESH_REFINEMENTS" in t for t in titles)


def test_listings_are_distinct_and_shaped_like_the_real_titles() -> None:
    real = bench_classify.real_titles()
    listings = bench_classify.make_listings(2_000)
    titles = [x["title"] for x in listings]
    assert len(set(titles)) == len(titles) == 2_000
    # length like the captures (median within a factor of two), a SIM and a non-SIM part
    assert median(map(len, real)) / 2 <= median(map(len, titles)) <= median(map(len, real)) * 2
    carded = sum("卡" in t or "sim" in t.lower() for t in titles) / len(titles)
    assert 0.2 < carded < 0.6


def test_clearing_leaves_no_per_text_cache() -> None:
    tables = compiled().tables
    tables.learn({"卡", "實"})
    assert tables.seen
    bench_classify.clear_caches()
    assert not tables.seen and not tables.table


def test_run_reports_every_measure() -> None:
    rows = bench_classify.run(n=200, startup=False)
    measures = " | ".join(r["measure"] for r in rows)
    assert "rules path" in measures and "model path" in measures and "1 MB" in measures
    assert "160k vs 64k" in measures
    assert all(isinstance(r["value"], int | float) and r["value"] > 0 for r in rows)
