"""Sandbox crawl throughput: pages/s of the ebay spider through ALL pipelines (run dedup
middleware → normalise → classify with the spaCy model → Elasticsearch sink into the embedded
server) against a bare Scrapy spider fetching the same pages (same URLs, same per-keyword page
chains, same concurrency settings, no parsing, no pipelines: it only takes
``len(response.body)``). Aim (issue #20): pipelines/bare ≥ 0.85.

A third crawl, the "spider without pipelines", is the same simwatch ebay spider through the same
``run_crawl`` on the same URLs — parsing every page, yielding its listings through the spider
middlewares (in-run dedup) and the extensions — with every item pipeline switched off and no
store (``ELASTICSEARCH_URL`` empty: no sink, no run record). pipelines / spider-without-pipelines
is the pipelines' own cost; spider-without-pipelines / bare is what parsing and the spider's own
machinery cost against a fetch that parses nothing. One more row gives the platform parser's own
CPU on the same pages, which the bare spider never spends (``parser_seconds``).

Reactor lag: during each crawl a 10 ms ``LoopingCall`` notes how late each tick comes (the
interval between ticks minus 10 ms); the rows give the longest and the 99th-percentile delay
in the normal pipelines crawl (aim p99 ≤ 50 ms) and in one more pipelines crawl whose store
is unreachable (``ELASTICSEARCH_URL`` on a closed port: every batch goes through the sink's
retries and back-off, then the spool; aim: longest ≤ 500 ms).

Each crawl runs in its own process (one Twisted reactor per process), against one
``SandboxServer(faults=False)`` and one ``EmbeddedElasticsearch`` started here. The pipelines
side calls ``crawler.runner.run_crawl`` — the function ``simwatch crawl`` calls — with the same
overrides the command sets; it is not the CLI itself because the CLI's ``--json`` report does
not carry timings and Scrapy's own ``elapsed_time_seconds`` is taken at ``spider_closed``,
before the Elasticsearch pipeline's final flush. Both sides are timed identically by
:class:`CrawlClock`: from ``spider_opened`` (pipelines, classifier model and whitelist already
loaded) to ``engine_stopped`` (every pipeline closed, the sink flushed). Process start-up and
model loading are excluded on both sides. Rounds alternate bare/pipelines and the best of each
counts, so a noisy neighbour on the shared CPUs hurts both alike.

Keywords are chosen from the sandbox catalogue (its tags and title substrings: the sandbox
search matches either) so the crawl reaches ``SIMWATCH_BENCH_CRAWL_PAGES`` pages (default 100).

Run: ``.venv/bin/python -m bench.bench_crawl`` (``--profile DIR`` adds a round profiled with
pyinstrument over the timed window only); ``run()`` returns the rows.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import scrapy

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from sandbox.catalogue import Catalogue
    from sandbox.server import SandboxServer

ROOT = Path(__file__).resolve().parents[1]
# ebay: a platform searched over plain HTTP, so a bare Scrapy spider can fetch the very same
# pages (jd, taobao and the other Chinese platforms now search through the logged-in browser,
# which bench_browser measures).
PLATFORM = "ebay"
SEED = 7
MAX_PAGES = 100  # per keyword: high enough that every keyword is followed to its last page
AIM_RATIO = 0.85
AIM_LAG_P99_MS = 50.0  # normal crawl
AIM_LAG_MAX_MS = 500.0  # crawl during a store outage
LAG_INTERVAL = 0.010  # seconds between ticks of the lag probe
RESULT_MARKER = "BENCH-RESULT "
CHILD_TIMEOUT = 1800  # seconds; a 1,000-page browser crawl takes minutes, not half an hour
CLOCK_START, CLOCK_END = "bench/clock_opened", "bench/clock_stopped"
CPU_START, CPU_END = "bench/cpu_opened", "bench/cpu_stopped"
LAG_MAX, LAG_P99, LAG_TICKS = "bench/lag_max_ms", "bench/lag_p99_ms", "bench/lag_ticks"
GC_LONGEST = "bench/gc_longest_ms"
BUSY_P99, BUSY_MAX = "bench/reactor_cpu_between_ticks_p99_ms", "bench/reactor_cpu_between_ticks_max_ms"


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name}={value!r}: expected a whole number") from None
    if number < 1:
        raise ValueError(f"{name}={value!r}: must be at least 1")
    return number


# -- keyword plan ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class KeywordPlan:
    platform: str
    pages: dict[str, int]  # keyword → result pages the sandbox serves for it

    @property
    def keywords(self) -> list[str]:
        return list(self.pages)

    @property
    def total_pages(self) -> int:
        return sum(self.pages.values())

    def urls(self, base_url: str) -> list[list[str]]:
        """Each keyword's result page URLs, in the order the spider follows them."""
        from crawler.platforms import PLATFORMS

        module = PLATFORMS[self.platform]
        front = f"{base_url.rstrip('/')}/{self.platform}"
        return [[module.search_url(front, kw, page) for page in range(1, n + 1)] for kw, n in self.pages.items()]


def plan_keywords(catalogue: Catalogue, platform: str, target_pages: int,
                  per_page: int | None = None, max_pages: int = MAX_PAGES) -> KeywordPlan:
    """Keywords whose result pages add up to at least ``target_pages``, most pages first.

    Candidates are the listings' search tags and their titles' 1–3 character substrings; the
    page count of each chosen keyword is the catalogue's own answer (``Catalogue.search``).
    """
    from sandbox.catalogue import normalise_query

    if per_page is None:  # as many as the platform's sandbox front serves on one results page
        per_page = int(importlib.import_module(f"sandbox.fronts.{platform}").PER_PAGE)

    listings = [(set(x.tags), normalise_query(x.title)) for x in catalogue.for_platform(platform)]
    if not listings:
        raise ValueError(f"the sandbox catalogue has no {platform} listings")
    candidates: set[str] = set()
    for tags, title in listings:
        candidates |= tags
        for n in (1, 2, 3):
            candidates |= {title[i:i + n] for i in range(len(title) - n + 1)}
    candidates = {c for c in candidates if c.isalnum()}  # no punctuation: plain search words
    estimated = []
    for keyword in candidates:
        hits = sum(1 for tags, title in listings if keyword in tags or keyword in title)
        estimated.append((min(max_pages, -(-hits // per_page)), keyword))
    estimated.sort(key=lambda pair: (-pair[0], pair[1]))
    chosen: dict[str, int] = {}
    total = 0
    for _, keyword in estimated:
        if total >= target_pages:
            break
        pages = min(max_pages, catalogue.search(platform, keyword, 1, per_page).pages)
        chosen[keyword] = pages
        total += pages
    if total < target_pages:
        raise ValueError(f"the sandbox {platform} catalogue offers only {total} result pages; "
                         f"{target_pages} were asked for")
    return KeywordPlan(platform, chosen)


# -- measuring inside the crawl process -----------------------------------------------------------
class CrawlClock:
    """Scrapy extension: monotonic time at ``spider_opened`` and at ``engine_stopped``.

    ``engine_stopped`` comes after every ``spider_closed`` handler, including the sink's final
    flush, which Scrapy's own ``elapsed_time_seconds`` misses. The values are written into the
    crawler's stats, which the caller reads after the process has run. With the setting
    ``BENCH_PROFILE_DIR`` the same window is profiled with pyinstrument (start-up excluded).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.profile_dir = crawler.settings.get("BENCH_PROFILE_DIR")
        self.profile_name = crawler.settings.get("BENCH_PROFILE_NAME", "crawl")
        self.profiler: Any = None
        self.lag = LagProbe()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlClock:
        from scrapy import signals

        clock = cls(crawler)
        crawler.signals.connect(clock.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(clock.engine_stopped, signal=signals.engine_stopped)
        return clock

    def spider_opened(self, spider: scrapy.Spider) -> None:
        if self.profile_dir:
            from pyinstrument import Profiler  # only with --profile

            self.profiler = Profiler(interval=0.001, async_mode="disabled")
            self.profiler.start()
        self.stats.set_value(CLOCK_START, time.monotonic())
        self.stats.set_value(CPU_START, time.process_time())
        self.lag.start()

    def engine_stopped(self) -> None:
        self.stats.set_value(CLOCK_END, time.monotonic())
        self.stats.set_value(CPU_END, time.process_time())
        self.lag.stop()
        self.stats.set_value(LAG_MAX, self.lag.longest_ms)
        self.stats.set_value(LAG_P99, self.lag.percentile_ms(99))
        self.stats.set_value(LAG_TICKS, len(self.lag.delays))
        self.stats.set_value(GC_LONGEST, round(self.lag.gc_longest * 1000, 1))
        self.stats.set_value(BUSY_P99, self.lag.percentile_ms(99, self.lag.busy))
        self.stats.set_value(BUSY_MAX, round(max(self.lag.busy, default=0.0) * 1000, 1))
        if self.profiler is not None:
            self.profiler.stop()
            out = Path(self.profile_dir)
            out.mkdir(parents=True, exist_ok=True)
            stem = out / self.profile_name
            stem.with_suffix(".txt").write_text(
                self.profiler.output_text(unicode=True, color=False), encoding="utf-8")
            stem.with_suffix(".html").write_text(self.profiler.output_html(), encoding="utf-8")
            if self.profiler.last_session is not None:  # re-render: pyinstrument --load FILE
                self.profiler.last_session.save(str(stem.with_suffix(".pyisession")))


class LagProbe:
    """How late a 10 ms ``LoopingCall`` on the reactor ticks: each tick's delay is the time
    since the previous tick minus the interval (0 when on time). To tell a busy reactor from a
    crowded machine, it also notes the reactor thread's own CPU time between ticks (work done on
    the reactor; the rest of a delay is the OS or the GIL giving the thread no CPU) and the
    longest pause of the cyclic garbage collector (which stops every thread)."""

    def __init__(self, interval: float = LAG_INTERVAL) -> None:
        self.interval = interval
        self.delays: list[float] = []
        self.busy: list[float] = []  # reactor-thread CPU seconds between consecutive ticks
        self.gc_longest = 0.0
        self._last_cpu = 0.0
        self._gc_started = 0.0
        self._last = 0.0
        self._loop: Any = None

    def start(self) -> None:
        import gc

        from twisted.internet.task import LoopingCall

        gc.callbacks.append(self._gc)
        self._last = time.monotonic()
        self._last_cpu = time.thread_time()
        self._loop = LoopingCall(self._tick)
        self._loop.start(self.interval, now=False)

    def _gc(self, phase: str, info: dict[str, Any]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._gc_started = now
        elif self._gc_started:
            self.gc_longest = max(self.gc_longest, now - self._gc_started)

    def _tick(self) -> None:
        now, cpu = time.monotonic(), time.thread_time()
        self.delays.append(max(0.0, now - self._last - self.interval))
        self.busy.append(cpu - self._last_cpu)
        self._last, self._last_cpu = now, cpu

    def stop(self) -> None:
        import gc

        if self._gc in gc.callbacks:
            gc.callbacks.remove(self._gc)
        if self._loop is not None and self._loop.running:
            self._loop.stop()

    @property
    def longest_ms(self) -> float:
        return round(max(self.delays, default=0.0) * 1000, 1)

    def percentile_ms(self, percent: float, values: list[float] | None = None) -> float:
        """Nearest-rank percentile of the delays (or of ``values``), in ms."""
        values = self.delays if values is None else values
        if not values:
            return 0.0
        ordered = sorted(values)
        rank = max(1, -(-len(ordered) * percent // 100))
        return round(ordered[int(rank) - 1] * 1000, 1)


class BareSpider(scrapy.Spider):
    """Fetch given URL chains (page n+1 requested once page n arrived, as the search spider
    does); only the body length is taken."""

    name = "bench_bare"

    def __init__(self, chains: list[list[str]], slot: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.chains = chains
        self.slot = slot

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for chain in self.chains:
            yield self._request(chain, 0)

    def _request(self, chain: list[str], index: int) -> scrapy.Request:
        return scrapy.Request(chain[index], callback=self.parse,
                              meta={"chain": chain, "index": index, "download_slot": self.slot})

    def parse(self, response: Response) -> Iterable[scrapy.Request]:
        self.crawler.stats.inc_value("bench/body_bytes", len(response.body))
        chain, index = response.meta["chain"], response.meta["index"] + 1
        if index < len(chain):
            yield self._request(chain, index)


def _with_clock(extensions: Mapping[str, Any]) -> dict[str, Any]:
    return {**extensions, "bench.bench_crawl.CrawlClock": 0}


def _profile_settings(spec: Mapping[str, Any]) -> dict[str, Any]:
    if not spec.get("profile_dir"):
        return {}
    return {"BENCH_PROFILE_DIR": spec["profile_dir"], "BENCH_PROFILE_NAME": f"{spec['platform']}-{spec['mode']}"}


def _progress_writer(path: str | None) -> Any:
    """A run_crawl progress callback appending one byte per page ('p') and 'C' at close, so a
    monitor in another process can follow the crawl by reading a small file."""
    if not path:
        return None
    handle = open(path, "ab", buffering=0)  # noqa: SIM115 - lives as long as the crawl process

    def progress(platform: str, event: str, amount: int) -> None:
        if event == "page":
            handle.write(b"p" * max(amount, 1))
        elif event == "closed":
            handle.write(b"C")

    return progress


def _child_pipelines(spec: Mapping[str, Any]) -> dict[str, Any]:
    from scrapy.utils.project import get_project_settings

    from crawler.runner import run_crawl

    platform = spec["platform"]
    overrides: dict[str, Any] = {
        "EXTENSIONS": _with_clock(get_project_settings().getdict("EXTENSIONS")),
        "ELASTICSEARCH_URL": os.environ["ELASTICSEARCH_URL"],
        **_profile_settings(spec),
    }
    if spec.get("whitelist"):
        overrides["SIMWATCH_WHITELIST_FILES"] = [spec["whitelist"]]
    report = run_crawl([platform], keywords=spec["keywords"], max_pages=spec["max_pages"],
                       base_urls={platform: f"{spec['base'].rstrip('/')}/{platform}"},
                       settings_overrides=overrides, progress=_progress_writer(spec.get("progress_file")),
                       run_id=spec.get("run_id"))
    stats = report.stats.get(platform, {})
    return {"stats": stats, "status": report.status, "report": report.to_document()}


def _child_bare(spec: Mapping[str, Any]) -> dict[str, Any]:
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    # Same reactor, download handlers, slots and concurrency as the real crawl; none of
    # simwatch's middlewares, pipelines or extensions.
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    settings.set("DOWNLOADER_MIDDLEWARES", {}, priority="cmdline")
    settings.set("EXTENSIONS", _with_clock({}), priority="cmdline")
    for key, value in _profile_settings(spec).items():
        settings.set(key, value, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    chains = KeywordPlan(spec["platform"], dict(spec["pages"])).urls(spec["base"])
    process.crawl(crawler, chains=chains, slot=spec["platform"])
    process.start()
    stats = {k: v if isinstance(v, int | float | str) else str(v) for k, v in crawler.stats.get_stats().items()}
    return {"stats": stats, "status": str(stats.get("finish_reason", ""))}


def _child_spider(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The pipelines crawl's spider, middlewares and extensions without any item pipeline and
    without a store: what the crawl costs before its pipelines."""
    from scrapy.utils.project import get_project_settings

    from crawler.runner import run_crawl

    platform = spec["platform"]
    # run_crawl merges ITEM_PIPELINES into the project's: None switches each one off.
    no_pipelines = dict.fromkeys(get_project_settings().getdict("ITEM_PIPELINES"))
    overrides: dict[str, Any] = {
        "EXTENSIONS": _with_clock(get_project_settings().getdict("EXTENSIONS")),
        "ITEM_PIPELINES": no_pipelines,
        "ELASTICSEARCH_URL": "",  # no store: nothing indexed, no run record written
        **_profile_settings(spec),
    }
    if spec.get("whitelist"):
        overrides["SIMWATCH_WHITELIST_FILES"] = [spec["whitelist"]]
    report = run_crawl([platform], keywords=spec["keywords"], max_pages=spec["max_pages"],
                       base_urls={platform: f"{spec['base'].rstrip('/')}/{platform}"},
                       settings_overrides=overrides, run_id=spec.get("run_id"))
    stats = report.stats.get(platform, {})
    return {"stats": stats, "status": report.status}


CHILDREN = {"bare": _child_bare, "spider": _child_spider, "pipelines": _child_pipelines,
            "outage": _child_pipelines}


def child_main(spec: Mapping[str, Any]) -> dict[str, Any]:
    mode = spec["mode"]
    if mode not in CHILDREN:
        raise ValueError(f"unknown crawl mode {mode!r}")
    result = CHILDREN[mode](spec)
    stats = result["stats"]
    if CLOCK_START not in stats or CLOCK_END not in stats:
        raise RuntimeError(f"the {mode} crawl did not record its clock (stats: {sorted(stats)[:20]})")
    result["seconds"] = float(stats[CLOCK_END]) - float(stats[CLOCK_START])
    result["cpu_seconds"] = float(stats[CPU_END]) - float(stats[CPU_START])
    # Result pages, on both sides: the pipelines side's own further fetches (shop pages of flagged
    # sellers, ShopPagePipeline) are pipeline work, counted in its time, not as pages.
    pages_key = "response_received_count" if mode == "bare" else f"simwatch/{spec['platform']}/pages"
    result["pages"] = int(stats.get(pages_key, 0))
    return result


# -- the benchmark process ------------------------------------------------------------------------
@dataclass
class CrawlRun:
    mode: str
    seconds: float
    pages: int
    stats: dict[str, Any] = field(default_factory=dict)
    cpu_seconds: float = 0.0  # CPU time of the crawl process over the same window
    sandbox_cpu: float = 0.0  # CPU time the sandbox (a thread of the benchmark process) spent serving it

    @property
    def lag_p99_ms(self) -> float:
        return float(self.stats.get(LAG_P99, 0.0))

    @property
    def lag_max_ms(self) -> float:
        return float(self.stats.get(LAG_MAX, 0.0))

    @property
    def lag_detail(self) -> str:
        """What the reactor itself did between ticks, and the longest GC pause."""
        return (f"reactor CPU between ticks p99 {self.stats.get(BUSY_P99, 0.0)} ms, longest "
                f"{self.stats.get(BUSY_MAX, 0.0)} ms; longest GC pause {self.stats.get(GC_LONGEST, 0.0)} ms")

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    @property
    def pages_per_cpu_second(self) -> float:
        return self.pages / self.cpu_seconds if self.cpu_seconds > 0 else 0.0

    @classmethod
    def from_result(cls, mode: str, result: Mapping[str, Any]) -> CrawlRun:
        return cls(mode, result["seconds"], result["pages"], result["stats"], result.get("cpu_seconds", 0.0),
                   result.get("sandbox_cpu", 0.0))


def served(spec: Mapping[str, Any], env: Mapping[str, str]) -> dict[str, Any]:
    """``run_child``, plus the CPU the sandbox spent meanwhile. The sandbox is a thread of this
    process, which otherwise only waits for the child: the process's CPU over the child's run is
    the sandbox's (serving this crawl's pages; it is idle while the child starts and stops)."""
    started = time.process_time()
    result = run_child(spec, env)
    return {**result, "sandbox_cpu": time.process_time() - started}


def run_child(spec: Mapping[str, Any], env: Mapping[str, str], timeout: float = CHILD_TIMEOUT,
              proc_callback: Any = None) -> dict[str, Any]:
    """Run one crawl in a fresh process and return its result; errors carry the log tail.

    ``proc_callback(popen)`` is called once the process has started (the browser benchmark
    watches its process tree).
    """
    cmd = [sys.executable, "-m", "bench.bench_crawl", "--child", json.dumps(dict(spec), ensure_ascii=False)]
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log, subprocess.Popen(
            cmd, cwd=ROOT, env=dict(env), stdout=subprocess.PIPE, stderr=log, text=True) as proc:
        if proc_callback is not None:
            proc_callback(proc)
        try:
            stdout, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise RuntimeError(f"{spec['mode']} crawl did not finish within {timeout:.0f} s") from None
        log.seek(0)
        tail = log.read()[-3000:]
    lines = [line for line in stdout.splitlines() if line.startswith(RESULT_MARKER)]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{spec['mode']} crawl process exited {proc.returncode}: {tail}")
    return json.loads(lines[-1][len(RESULT_MARKER):])


def crawl_env(home: Path, es_url: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "ELASTICSEARCH_URL": es_url, "SIMWATCH_HOME": str(home),
            "SIMWATCH_PLATFORM_DELAY": "0", "SIMWATCH_LOG_LEVEL": os.environ.get("SIMWATCH_LOG_LEVEL", "INFO"),
            **extra}


def run(pages: int | None = None, rounds: int | None = None, profile_dir: Path | None = None) -> list[dict[str, Any]]:
    from crawler.store.embedded import EmbeddedElasticsearch
    from sandbox.server import SandboxServer

    pages = pages or env_int("SIMWATCH_BENCH_CRAWL_PAGES", 100)
    rounds = rounds or env_int("SIMWATCH_BENCH_CRAWL_ROUNDS", 3)
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp, \
            EmbeddedElasticsearch(Path(tmp) / "es") as es:
        server = SandboxServer(seed=SEED, faults=False)
        base = server.start()
        try:
            return _measure(server, base, es.url, Path(tmp), pages, rounds, profile_dir)
        finally:
            server.stop()


def _measure(server: SandboxServer, base: str, es_url: str, tmp: Path, pages: int, rounds: int,
             profile_dir: Path | None) -> list[dict[str, Any]]:
    from crawler.store.embedded import free_port
    from sandbox.catalogue import write_whitelist

    plan = plan_keywords(server.catalogue, PLATFORM, pages)
    whitelist = write_whitelist(server.catalogue.whitelist_rows(), tmp / "published.csv")
    env = crawl_env(tmp / "home", es_url)
    common = {"platform": PLATFORM, "base": base, "keywords": plan.keywords, "max_pages": MAX_PAGES,
              "pages": plan.pages, "whitelist": str(whitelist)}
    bare_runs: list[CrawlRun] = []
    spider_runs: list[CrawlRun] = []
    pipeline_runs: list[CrawlRun] = []
    for n in range(rounds + (profile_dir is not None)):
        # An extra round is profiled, so the profiler's overhead never enters the timed rounds.
        profiled = {"profile_dir": str(profile_dir)} if profile_dir is not None and n == rounds else {}
        bare = served({**common, "mode": "bare", **profiled}, env)
        spider = served({**common, "mode": "spider", "run_id": f"bench-spider-{n}", **profiled}, env)
        piped = served({**common, "mode": "pipelines", "run_id": f"bench-crawl-{n}", **profiled}, env)
        if profiled:
            continue
        bare_runs.append(CrawlRun.from_result("bare", bare))
        spider_runs.append(CrawlRun.from_result("spider", spider))
        pipeline_runs.append(CrawlRun.from_result("pipelines", piped))
    outage = CrawlRun.from_result("outage", run_child(
        {**common, "mode": "outage", "run_id": "bench-crawl-outage"},
        crawl_env(tmp / "home-outage", f"http://127.0.0.1:{free_port()}")))  # nothing listens there
    return rows_for(plan, bare_runs, pipeline_runs, outage, parser_seconds(plan, base, rounds),
                    spider_runs=spider_runs)


def parser_seconds(plan: KeywordPlan, base: str, rounds: int) -> tuple[float, float]:
    """CPU seconds the platform's parser alone takes for the plan's pages, as the spider calls it
    (``parse_page`` with the run's sighted listings as ``known``, pages in the plan's order), and
    without ``known`` (every card read), in this process, best of ``rounds``: the part of the
    pipelines crawl's CPU that the bare spider (which only takes the body's length) never spends."""
    from urllib.request import urlopen

    from crawler.platforms import PLATFORMS
    from crawler.platforms.base import parse_page

    module = PLATFORMS[plan.platform]
    front = f"{base.rstrip('/')}/{plan.platform}"
    pages = []
    for url in (url for chain in plan.urls(base) for url in chain):
        with urlopen(url, timeout=30) as answer:  # the sandbox on 127.0.0.1
            pages.append((url, answer.read()))
    best = {True: float("inf"), False: float("inf")}
    for _ in range(rounds):
        for skipping in (True, False):
            sighted: set[str] = set()
            started = time.process_time()
            for url, body in pages:
                result = parse_page(module, body, url, "2026-01-01", front,
                                    sighted if skipping else ())
                sighted.update(listing.doc_id for listing in result.listings)
            best[skipping] = min(best[skipping], time.process_time() - started)
    return best[True], best[False]


def rows_for(plan: KeywordPlan, bare_runs: list[CrawlRun], pipeline_runs: list[CrawlRun],
             outage: CrawlRun | None = None, parse_cpu: tuple[float, float] | None = None, *,
             spider_runs: Sequence[CrawlRun] = ()) -> list[dict[str, Any]]:
    for crawl in (*bare_runs, *spider_runs, *pipeline_runs, *([outage] if outage else [])):
        if crawl.pages != plan.total_pages:
            raise RuntimeError(f"the {crawl.mode} crawl fetched {crawl.pages} pages, the plan has "
                               f"{plan.total_pages}: the two sides did not fetch the same pages")
    bare = max(bare_runs, key=lambda r: r.pages_per_second)
    piped = max(pipeline_runs, key=lambda r: r.pages_per_second)
    ratio = piped.pages_per_second / bare.pages_per_second
    cpu_bare = max(bare_runs, key=lambda r: r.pages_per_cpu_second).pages_per_cpu_second
    cpu_piped = max(pipeline_runs, key=lambda r: r.pages_per_cpu_second).pages_per_cpu_second
    cpu_ratio = cpu_piped / cpu_bare if cpu_bare else 0.0
    stats = piped.stats
    listings = int(stats.get(f"simwatch/{plan.platform}/listings", 0))
    stored = int(stats.get("item_scraped_count", 0))
    shops = int(stats.get(f"simwatch/{plan.platform}/shop_pages", 0))
    inputs = (f"sandbox {plan.platform} front, faults off; {len(plan.keywords)} keywords, "
              f"{plan.total_pages} result pages, {listings:,} listings found, {stored:,} distinct stored, "
              f"{shops} shop pages of flagged sellers fetched by the pipelines; "
              f"best of {len(pipeline_runs)} rounds; time spider_opened→engine_stopped")
    bare_label = f"bare Scrapy spider, same {plan.total_pages} URLs, no pipelines"
    return [
        {"measure": f"{plan.platform} sandbox crawl through all pipelines (pages/s)", "inputs": inputs,
         "compared_with": bare_label, "value": round(piped.pages_per_second, 1), "unit": "pages/s",
         "aim": None, "ok": True},
        {"measure": "bare Scrapy spider (pages/s)", "inputs": f"same {plan.total_pages} URLs and concurrency",
         "compared_with": "—", "value": round(bare.pages_per_second, 1), "unit": "pages/s", "aim": None, "ok": True},
        {"measure": f"{plan.platform} crawl with pipelines / bare spider", "inputs": inputs,
         "compared_with": bare_label, "value": round(ratio, 3), "unit": "ratio",
         "aim": f">= {AIM_RATIO}", "ok": ratio >= AIM_RATIO},
        {"measure": f"{plan.platform} crawl with pipelines / bare spider, per CPU second of the crawl process",
         "inputs": "same runs; CPU time instead of wall time (less sensitive to other load on the machine; "
                   "the Elasticsearch server's and the sandbox's CPU are not counted)",
         "compared_with": bare_label, "value": round(cpu_ratio, 3), "unit": "ratio", "aim": None, "ok": True},
        *(spider_rows(plan, bare, piped, spider_runs) if spider_runs else []),
        *([cores_row(plan, bare, pipeline_runs)] if any(r.sandbox_cpu for r in pipeline_runs) else []),
        *([parser_row(plan, bare, parse_cpu)] if parse_cpu is not None else []),
        *lag_rows(plan, bare_runs, pipeline_runs, outage),
    ]


def spider_rows(plan: KeywordPlan, bare: CrawlRun, piped: CrawlRun,
                spider_runs: Sequence[CrawlRun]) -> list[dict[str, Any]]:
    """The spider without pipelines (best round) and the two ratios it splits the aim's into:
    the pipelines' own cost, and what the parsing spider costs against a bare fetch."""
    spider = max(spider_runs, key=lambda r: r.pages_per_second)
    label = (f"the simwatch {plan.platform} spider on the same {plan.total_pages} URLs, parsing and "
             f"yielding listings (spider middlewares, extensions), no item pipeline, no store")
    own = piped.pages_per_second / spider.pages_per_second if spider.pages_per_second else 0.0
    parsing = spider.pages_per_second / bare.pages_per_second if bare.pages_per_second else 0.0
    best_of = f"best of {len(spider_runs)} rounds each"
    return [
        {"measure": f"{plan.platform} spider without pipelines (pages/s)", "inputs": label,
         "compared_with": "—", "value": round(spider.pages_per_second, 1), "unit": "pages/s",
         "aim": None, "ok": True},
        {"measure": f"{plan.platform} crawl with pipelines / spider without pipelines (the pipelines' own cost)",
         "inputs": f"{best_of}; not the issue's aim, which compares with the bare spider",
         "compared_with": label, "value": round(own, 3), "unit": "ratio", "aim": None, "ok": True},
        {"measure": f"{plan.platform} spider without pipelines / bare spider (parsing and the spider's own cost)",
         "inputs": best_of, "compared_with": f"bare Scrapy spider, same {plan.total_pages} URLs, no parsing",
         "value": round(parsing, 3), "unit": "ratio", "aim": None, "ok": True},
    ]


def cores_row(plan: KeywordPlan, bare: CrawlRun, pipeline_runs: Sequence[CrawlRun]) -> dict[str, Any]:
    """The ratio the machine's cores allow. The sandbox that renders the pages and the crawl share
    the machine: a crawl needing C s of crawl-process CPU and S s of sandbox CPU takes at least
    (C + S) / cores of wall time, however its work is spread over threads or processes. The store's
    CPU is left out, so the ceiling is, if anything, too high."""
    cores = os.cpu_count() or 1
    floor = min((r.cpu_seconds + r.sandbox_cpu) / cores for r in pipeline_runs)
    least = min(pipeline_runs, key=lambda r: r.cpu_seconds + r.sandbox_cpu)
    return {"measure": f"{plan.platform} pipelines / bare spider allowed by {cores} cores (ceiling)",
            "inputs": (f"least CPU of the pipelines rounds: crawl process {least.cpu_seconds:.2f} s + sandbox "
                       f"{least.sandbox_cpu:.2f} s over {cores} cores = at least {floor:.2f} s of wall time; "
                       f"bare spider's best wall time {bare.seconds:.2f} s (its sandbox CPU {bare.sandbox_cpu:.2f} s, "
                       f"its own {bare.cpu_seconds:.2f} s); Elasticsearch's CPU not counted"),
            "compared_with": "the aim of the pipelines/bare row",
            "value": round(bare.seconds / floor, 3) if floor else 0.0, "unit": "ratio", "aim": None, "ok": True}


def parser_row(plan: KeywordPlan, bare: CrawlRun, parse_cpu: tuple[float, float]) -> dict[str, Any]:
    """The parser's own CPU on the same pages, and the ratio it leaves reachable: one crawl
    process parses under one GIL, so its wall time is at least the parser's CPU."""
    skipping, every_card = parse_cpu
    ceiling = bare.seconds / skipping if skipping > 0 else 0.0
    return {"measure": f"{plan.platform} parser alone on the same {plan.total_pages} pages (CPU s)",
            "inputs": ("parse_page on the bodies fetched once, in the benchmark process, skipping the "
                       f"cards of listings sighted on earlier pages as the crawl does ({every_card:.2f} s "
                       "reading every card); best of the rounds"),
            "compared_with": (f"the bare spider's best wall time {bare.seconds:.2f} s: with parsing in the "
                              f"crawl process, pipelines/bare stays below {ceiling:.2f} however cheap the rest"),
            "value": round(skipping, 2), "unit": "s", "aim": None, "ok": True}


def lag_rows(plan: KeywordPlan, bare_runs: list[CrawlRun], pipeline_runs: list[CrawlRun],
             outage: CrawlRun | None) -> list[dict[str, Any]]:
    """Reactor lag of the worst round of each kind (the bare spider's shows the machine's noise)."""
    probe = f"delay of a {LAG_INTERVAL * 1000:.0f} ms LoopingCall, spider_opened→engine_stopped"
    worst_bare = max(bare_runs, key=lambda r: r.lag_p99_ms)
    worst = max(pipeline_runs, key=lambda r: r.lag_p99_ms)
    best = min(pipeline_runs, key=lambda r: r.lag_p99_ms)
    rows = [
        {"measure": "reactor lag p99, crawl with all pipelines (ms)",
         "inputs": f"{probe}; worst of {len(pipeline_runs)} rounds (longest {worst.lag_max_ms} ms; "
                   f"{worst.lag_detail}; best round p99 {best.lag_p99_ms} ms)",
         "compared_with": f"bare spider: p99 {worst_bare.lag_p99_ms} ms, longest {worst_bare.lag_max_ms} ms",
         "value": worst.lag_p99_ms, "unit": "ms", "aim": f"<= {AIM_LAG_P99_MS:.0f}",
         "ok": worst.lag_p99_ms <= AIM_LAG_P99_MS},
    ]
    if outage is not None:
        sink = {key: int(outage.stats.get(f"simwatch/sink/{key}", 0) or 0) for key in ("indexed", "spooled")}
        if sink["indexed"] or not sink["spooled"]:
            raise RuntimeError(f"the outage crawl was no outage: {sink}")
        rows.append(
            {"measure": "reactor lag, longest, crawl while Elasticsearch is unreachable (ms)",
             "inputs": f"{probe}; store on a closed port, {sink['spooled']} documents spooled after the "
                       f"sink's retries; {plan.total_pages} pages in {outage.seconds:.1f} s",
             "compared_with": f"p99 {outage.lag_p99_ms} ms in the same crawl; {outage.lag_detail}",
             "value": outage.lag_max_ms, "unit": "ms", "aim": f"<= {AIM_LAG_MAX_MS:.0f}",
             "ok": outage.lag_max_ms <= AIM_LAG_MAX_MS})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_crawl", description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", metavar="SPEC", help=argparse.SUPPRESS)  # internal: one crawl process
    parser.add_argument("--pages", type=int, help="result pages to crawl (default 100)")
    parser.add_argument("--rounds", type=int, help="rounds per side (default 3)")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="also run one profiled round (pyinstrument, crawl window only) writing into DIR")
    args = parser.parse_args(argv)
    if args.child:
        # Imported by name so the CrawlClock Scrapy loads is this module's class, not __main__'s.
        from bench import bench_crawl

        result = bench_crawl.child_main(json.loads(args.child))
        print(RESULT_MARKER + json.dumps(result, ensure_ascii=False, default=str), flush=True)
        return 0
    rows = run(args.pages, args.rounds, args.profile)
    print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0 if all(row["ok"] for row in rows) else 1


if __name__ == "__main__":
    from bench import exit_on_sigterm

    exit_on_sigterm()
    sys.exit(main())
