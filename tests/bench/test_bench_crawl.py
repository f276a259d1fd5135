"""The crawl benchmark's parts: the keyword plan, the bare spider in its own process (small),
and the row arithmetic. The full pipelines-vs-bare measurement takes ~25 s even at 10 pages
(two crawl processes, the spaCy model, the embedded store), so it is left to ``make bench``."""

from __future__ import annotations

import importlib
import tempfile
from pathlib import Path

import pytest

from bench.bench_crawl import (
    LAG_MAX,
    LAG_P99,
    CrawlRun,
    KeywordPlan,
    LagProbe,
    crawl_env,
    plan_keywords,
    rows_for,
    run_child,
)
from crawler.platforms import PLATFORMS
from sandbox.catalogue import build_catalogue
from sandbox.server import SandboxServer


@pytest.fixture(scope="module")
def catalogue():  # type: ignore[no-untyped-def]
    return build_catalogue(7)


@pytest.mark.parametrize(("platform", "target"), [("ebay", 40), ("xianyu", 400)])
def test_the_plan_reaches_the_target_with_the_catalogues_own_page_counts(catalogue, platform: str,  # type: ignore[no-untyped-def]
                                                                         target: int) -> None:
    plan = plan_keywords(catalogue, platform, target)
    assert target <= plan.total_pages < target + 11  # stops once reached; a keyword has ≤ 11 pages
    assert len(set(plan.keywords)) == len(plan.keywords)
    for keyword, pages in plan.pages.items():
        assert keyword.isalnum()
        per_page = importlib.import_module(f"sandbox.fronts.{platform}").PER_PAGE  # as its front serves
        assert pages == catalogue.search(platform, keyword, 1, per_page).pages
        assert catalogue.search(platform, keyword, 1, per_page).total > 0
    assert list(plan.pages.values()) == sorted(plan.pages.values(), reverse=True)


def test_a_plan_larger_than_the_catalogue_is_refused(catalogue) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="offers only"):
        plan_keywords(catalogue, "ebay", 100_000)


def test_plan_urls_are_the_spiders_search_urls() -> None:
    plan = KeywordPlan("jd", {"手机卡": 2, "号卡": 1})
    assert plan.urls("http://127.0.0.1:1/") == [
        [PLATFORMS["jd"].search_url("http://127.0.0.1:1/jd", "手机卡", p) for p in (1, 2)],
        [PLATFORMS["jd"].search_url("http://127.0.0.1:1/jd", "号卡", 1)],
    ]


def test_rows_compare_the_best_rounds_and_flag_a_miss() -> None:
    plan = KeywordPlan("jd", {"卡": 9, "号卡": 3})
    stats = {"simwatch/jd/listings": 300, "item_scraped_count": 120}
    rows = rows_for(plan, [CrawlRun("bare", 2.0, 12, {}, 0.5), CrawlRun("bare", 1.0, 12, {}, 0.6)],
                    [CrawlRun("pipelines", 4.0, 12, stats, 2.0), CrawlRun("pipelines", 3.0, 12, stats, 2.5)])
    piped, bare, ratio, cpu, lag = rows
    assert (piped["value"], bare["value"]) == (4.0, 12.0)
    assert ratio["value"] == pytest.approx(1 / 3, abs=1e-3) and ratio["ok"] is False
    assert ratio["aim"] == ">= 0.85" and "bare Scrapy spider" in ratio["compared_with"]
    assert lag["aim"] == "<= 50" and lag["value"] == 0.0  # no lag recorded in these runs
    assert "2 keywords, 12 result pages, 300 listings found, 120 distinct stored, 0 shop pages" in ratio["inputs"]
    assert cpu["value"] == pytest.approx(0.25) and cpu["aim"] is None  # best per CPU second: 6/24


def test_the_parser_row_gives_the_ratio_parsing_alone_leaves_reachable() -> None:
    plan = KeywordPlan("ebay", {"sim": 4})
    rows = rows_for(plan, [CrawlRun("bare", 0.8, 4), CrawlRun("bare", 0.5, 4)],
                    [CrawlRun("pipelines", 2.0, 4)], parse_cpu=(1.25, 3.5))
    parser = next(row for row in rows if row["measure"].startswith("ebay parser alone"))
    assert (parser["value"], parser["unit"], parser["aim"]) == (1.25, "s", None)
    assert "3.50 s reading every card" in parser["inputs"]
    assert "best wall time 0.50 s" in parser["compared_with"] and "below 0.40" in parser["compared_with"]


def test_the_spider_without_pipelines_splits_the_aims_ratio_and_leaves_the_aim_alone() -> None:
    plan = KeywordPlan("ebay", {"sim": 10})
    bare = [CrawlRun("bare", 1.0, 10)]  # 10 pages/s
    spider = [CrawlRun("spider", 4.0, 10), CrawlRun("spider", 2.0, 10)]  # best 5 pages/s
    piped = [CrawlRun("pipelines", 5.0, 10)]  # 2 pages/s
    rows = rows_for(plan, bare, piped, spider_runs=spider)
    by_measure = {row["measure"]: row for row in rows}
    aim = by_measure["ebay crawl with pipelines / bare spider"]
    assert (aim["value"], aim["aim"], aim["ok"]) == (0.2, ">= 0.85", False)  # still the aim
    alone = by_measure["ebay spider without pipelines (pages/s)"]
    own = by_measure["ebay crawl with pipelines / spider without pipelines (the pipelines' own cost)"]
    parsing = by_measure["ebay spider without pipelines / bare spider (parsing and the spider's own cost)"]
    assert (alone["value"], alone["unit"]) == (5.0, "pages/s")
    assert (own["value"], own["unit"], own["aim"]) == (0.4, "ratio", None)
    assert (parsing["value"], parsing["unit"], parsing["aim"]) == (0.5, "ratio", None)
    assert "no item pipeline, no store" in own["compared_with"] and "not the issue's aim" in own["inputs"]
    for row in (alone, own, parsing):
        assert set(row) == {"measure", "inputs", "compared_with", "value", "unit", "aim", "ok"}
    assert len(rows) == len(rows_for(plan, bare, piped)) + 3  # without spider runs: no such rows
    with pytest.raises(RuntimeError, match="did not fetch the same pages"):
        rows_for(plan, bare, piped, spider_runs=[CrawlRun("spider", 1.0, 9)])


def test_the_spider_without_pipelines_parses_every_planned_page_and_stores_nothing() -> None:
    with SandboxServer(seed=7, faults=False) as base, tempfile.TemporaryDirectory() as tmp:
        plan = plan_keywords(build_catalogue(7), "ebay", 8)
        spec = {"mode": "spider", "platform": "ebay", "base": base, "pages": plan.pages,
                "keywords": plan.keywords, "max_pages": 100, "run_id": "test-spider"}
        # A store URL in the environment that nothing answers: the spider mode must not use it.
        result = run_child(spec, crawl_env(Path(tmp), "http://127.0.0.1:9"), timeout=120)
    stats = result["stats"]
    assert result["pages"] == plan.total_pages and result["seconds"] > 0
    assert stats["simwatch/ebay/listings"] > stats["simwatch/ebay/unique_listings"] > 0
    assert stats["item_scraped_count"] == stats["simwatch/ebay/unique_listings"]  # past the spider
    assert not [key for key in stats if key.startswith("simwatch/sink/")]  # no pipeline, no sink
    assert result["status"] == "succeeded"


def test_sides_that_fetched_different_pages_are_not_compared() -> None:
    plan = KeywordPlan("jd", {"卡": 9})
    with pytest.raises(RuntimeError, match="did not fetch the same pages"):
        rows_for(plan, [CrawlRun("bare", 1.0, 9)], [CrawlRun("pipelines", 1.0, 8)])


def test_the_bare_spider_fetches_every_planned_page_in_its_own_process() -> None:
    with SandboxServer(seed=7, faults=False) as base, tempfile.TemporaryDirectory() as tmp:
        server_catalogue = build_catalogue(7)
        plan = plan_keywords(server_catalogue, "ebay", 8)
        spec = {"mode": "bare", "platform": "ebay", "base": base, "pages": plan.pages}
        result = run_child(spec, crawl_env(Path(tmp), "http://127.0.0.1:9"), timeout=120)
    assert result["pages"] == plan.total_pages
    assert result["seconds"] > 0
    assert result["stats"]["bench/body_bytes"] > 1000 * plan.total_pages
    assert result["stats"].get("item_scraped_count", 0) == 0


def test_a_failing_crawl_process_reports_its_log() -> None:
    with tempfile.TemporaryDirectory() as tmp, pytest.raises(RuntimeError, match="unknown crawl mode"):
        run_child({"mode": "sideways", "platform": "jd"}, crawl_env(Path(tmp), "http://127.0.0.1:9"), timeout=60)


def test_lag_rows_take_the_worst_round_and_judge_the_outage_by_its_longest_stall() -> None:
    plan = KeywordPlan("jd", {"卡": 2})
    bare = [CrawlRun("bare", 1.0, 2, {LAG_P99: 3.0, LAG_MAX: 9.0})]
    piped = [CrawlRun("pipelines", 1.0, 2, {LAG_P99: 12.0, LAG_MAX: 40.0}),
             CrawlRun("pipelines", 1.0, 2, {LAG_P99: 61.0, LAG_MAX: 70.0})]
    outage = CrawlRun("outage", 9.0, 2, {LAG_P99: 20.0, LAG_MAX: 480.0, "simwatch/sink/spooled": 60})
    *_, normal, stalled = rows_for(plan, bare, piped, outage)
    assert (normal["value"], normal["ok"]) == (61.0, False)
    assert "p99 3.0 ms, longest 9.0 ms" in normal["compared_with"]
    assert (stalled["value"], stalled["ok"], stalled["aim"]) == (480.0, True, "<= 500")
    assert "60 documents spooled" in stalled["inputs"]


def test_an_outage_run_that_reached_the_store_is_refused() -> None:
    plan = KeywordPlan("jd", {"卡": 2})
    runs = [CrawlRun("bare", 1.0, 2)], [CrawlRun("pipelines", 1.0, 2)]
    indexed = CrawlRun("outage", 1.0, 2, {"simwatch/sink/indexed": 5, "simwatch/sink/spooled": 0})
    with pytest.raises(RuntimeError, match="no outage"):
        rows_for(plan, *runs, indexed)


def test_lag_probe_percentiles_use_the_nearest_rank() -> None:
    probe = LagProbe()
    assert (probe.longest_ms, probe.percentile_ms(99)) == (0.0, 0.0)
    probe.delays = [i / 1000 for i in range(1, 101)]  # 1..100 ms
    assert probe.percentile_ms(99) == 99.0 and probe.percentile_ms(50) == 50.0
    assert probe.longest_ms == 100.0
    assert probe.percentile_ms(50, [0.003, 0.001]) == 1.0  # any series, e.g. reactor CPU per tick


def test_the_cores_row_bounds_the_ratio_by_the_cpu_the_crawl_and_the_sandbox_need(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    plan = KeywordPlan("jd", {"卡": 6})
    bare = [CrawlRun("bare", 0.6, 6, {}, 0.3, 0.1)]
    piped = [CrawlRun("pipelines", 1.5, 6, {}, 1.3, 0.1), CrawlRun("pipelines", 1.4, 6, {}, 1.1, 0.1)]
    cores = next(row for row in rows_for(plan, bare, piped) if "allowed by 2 cores" in row["measure"])
    assert cores["value"] == pytest.approx(0.6 / ((1.1 + 0.1) / 2), abs=1e-3) and cores["aim"] is None
    assert "crawl process 1.10 s + sandbox 0.10 s over 2 cores = at least 0.60 s" in cores["inputs"]
    # Runs that did not measure the sandbox (a profile, an old result) give no such row.
    assert not any("allowed by" in row["measure"] for row in rows_for(plan, bare, [CrawlRun("pipelines", 1.4, 6)]))
