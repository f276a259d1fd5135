"""Browser crawl: pages/min and memory growth of the real xianyu spider (scrapy-playwright with
Debian chromium) over ``SIMWATCH_BENCH_BROWSER_PAGES`` result pages (default 1,000) of the
sandbox's xianyu front, logged in through a saved storage state. Aim: RSS growth < 300 MB.

Memory is the resident set summed over the crawl's whole process tree — the Python crawl
process, Playwright's driver and every chromium process — read from /proc every few seconds by
a thread in this process. Shared pages (chromium's libraries) count once per process, so the
absolute figure is an over-estimate; growth is what the aim is about. Growth = RSS at the end of
the crawl (last sample before the spider closes) − RSS after a warm-up of 50 pages (browser
started, first contexts open). Contexts are recycled every ``SIMWATCH_BROWSER_CONTEXT_PAGES``
pages by the spider (crawler/spiders/base.py); that is what keeps the growth bounded.

The sandbox catalogue holds ~300 xianyu listings (≤ 11 pages per keyword at 30 a page), so the
1,000 pages come from many keywords (tags and title substrings, chosen by
``bench.bench_crawl.plan_keywords``). The crawl runs through ``crawler.runner.run_crawl`` with
every pipeline, in its own process, timed from ``spider_opened`` to ``engine_stopped``.

Run: ``.venv/bin/python -m bench.bench_browser [--pages N]``; ``run()`` returns the rows.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.bench_crawl import MAX_PAGES, SEED, crawl_env, plan_keywords, run_child

PLATFORM = "xianyu"
AIM_GROWTH_MB = 300.0
DEFAULT_PAGES = 1000
WARMUP_PAGES = 50
SAMPLE_SECONDS = 2.0
MIN_PAGE_FRACTION = 0.9  # below this share of the planned pages the run is not a measurement
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


# -- the process tree, from /proc (no psutil dependency) -------------------------------------------
def _children_map(proc: Path) -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="utf-8", errors="replace")
        except OSError:  # the process ended between listing and reading
            continue
        # Field 2 (comm) may contain spaces and parentheses; ppid is the second field after it.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def process_tree(root: int, proc: Path = Path("/proc")) -> list[int]:
    """``root`` and all its descendants that are alive now."""
    children = _children_map(proc)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def rss_bytes(pid: int, proc: Path = Path("/proc")) -> int:
    """Resident set of one process (statm's second field, in pages); 0 once it has exited."""
    try:
        fields = (proc / str(pid) / "statm").read_text(encoding="utf-8").split()
    except OSError:
        return 0
    return int(fields[1]) * PAGE_SIZE


def tree_rss(root: int, proc: Path = Path("/proc")) -> tuple[int, int]:
    """(summed RSS in bytes, number of processes) of ``root``'s tree."""
    pids = process_tree(root, proc)
    return sum(rss_bytes(pid, proc) for pid in pids), len(pids)


# -- sampling -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sample:
    seconds: float  # since the monitor started
    pages: int
    rss: int
    processes: int
    closed: bool  # the spider had started closing (browser shutting down)


def read_progress(path: Path) -> tuple[int, bool]:
    """Pages done and whether the spider closed, from the crawl's progress file."""
    try:
        data = path.read_bytes()
    except OSError:
        return 0, False
    return data.count(b"p"), b"C" in data


@dataclass
class TreeMonitor:
    """Samples the RSS of a process tree and the crawl's progress every ``interval`` seconds."""

    root: int
    progress_file: Path
    interval: float = SAMPLE_SECONDS
    samples: list[Sample] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="rss-monitor", daemon=True)
        self._started = time.monotonic()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def sample(self) -> Sample:
        pages, closed = read_progress(self.progress_file)
        rss, processes = tree_rss(self.root)
        return Sample(time.monotonic() - self._started, pages, rss, processes, closed)

    def _loop(self) -> None:
        while not self._stop.is_set():
            sample = self.sample()
            if sample.processes and sample.rss:
                self.samples.append(sample)
            self._stop.wait(self.interval)


# Samples averaged (median) at each end of the window: one reading catches chromium mid-page or
# mid context swap, which swung single-sample growth by hundreds of MB between identical runs.
LEVEL_SAMPLES = 5


@dataclass(frozen=True)
class MemorySummary:
    start: Sample
    peak: Sample
    end: Sample
    samples: int
    start_level: float = 0.0  # median RSS of the first samples after warm-up
    end_level: float = 0.0  # median RSS of the last samples before the spider closed

    @property
    def growth_mb(self) -> float:
        return (self.end_level - self.start_level) / MB


def summarise(samples: Sequence[Sample], warmup_pages: int) -> MemorySummary:
    """Start = first sample with ``warmup_pages`` done, end = last sample before the spider
    closed, peak = largest in between (samples taken while the browser shuts down don't count)."""
    live = [s for s in samples if not s.closed and s.pages > 0]
    if not live:
        raise RuntimeError(f"no memory sample was taken during the crawl ({len(samples)} samples in all)")
    warm = [s for s in live if s.pages >= warmup_pages] or live[-1:]
    start, end = warm[0], live[-1]
    window = [s for s in live if start.seconds <= s.seconds <= end.seconds]
    half = max(1, min(LEVEL_SAMPLES, len(window) // 2))
    return MemorySummary(start, max(window, key=lambda s: s.rss), end, len(window),
                         statistics.median(s.rss for s in window[:half]),
                         statistics.median(s.rss for s in window[-half:]))


# -- the benchmark ----------------------------------------------------------------------------------
def run(pages: int | None = None) -> list[dict[str, Any]]:
    from bench.bench_crawl import env_int
    from crawler.sessions import write_storage_state
    from crawler.store.embedded import EmbeddedElasticsearch
    from sandbox.catalogue import write_whitelist
    from sandbox.server import SandboxServer, login_storage_state

    pages = pages or env_int("SIMWATCH_BENCH_BROWSER_PAGES", DEFAULT_PAGES)
    warmup = min(WARMUP_PAGES, max(1, pages // 5))
    context_pages = os.environ.get("SIMWATCH_BROWSER_CONTEXT_PAGES") or "50 (default)"
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp_name, \
            EmbeddedElasticsearch(Path(tmp_name) / "es") as es:
        tmp = Path(tmp_name)
        server = SandboxServer(seed=SEED, faults=False)
        base = server.start()
        try:
            plan = plan_keywords(server.catalogue, PLATFORM, pages)
            home = tmp / "home"
            write_storage_state(home / "sessions" / f"{PLATFORM}.json", login_storage_state(base))
            whitelist = write_whitelist(server.catalogue.whitelist_rows(), tmp / "published.csv")
            progress = tmp / "progress"
            progress.touch()
            spec = {"mode": "pipelines", "platform": PLATFORM, "base": base, "keywords": plan.keywords,
                    "max_pages": MAX_PAGES, "whitelist": str(whitelist), "progress_file": str(progress),
                    "run_id": "bench-browser"}
            monitors: list[TreeMonitor] = []

            def watch(proc: subprocess.Popen[str]) -> None:
                monitor = TreeMonitor(proc.pid, progress)
                monitors.append(monitor)
                monitor.start()

            try:
                result = run_child(spec, crawl_env(home, es.url), proc_callback=watch)
            finally:
                for monitor in monitors:
                    monitor.stop()
        finally:
            server.stop()
    stats = result["stats"]
    crawled = int(stats.get(f"simwatch/{PLATFORM}/pages", 0))
    if crawled < MIN_PAGE_FRACTION * plan.total_pages:
        problems = {k: v for k, v in stats.items() if "blocked" in k or "failed" in k or "drift" in k}
        raise RuntimeError(f"the browser crawl reached {crawled} of {plan.total_pages} planned pages: {problems}")
    memory = summarise(monitors[0].samples, warmup)
    rate = crawled / result["seconds"] * 60
    listings = int(stats.get(f"simwatch/{PLATFORM}/listings", 0))
    drift = int(stats.get(f"simwatch/{PLATFORM}/layout_drift", 0))
    failed = int(stats.get(f"simwatch/{PLATFORM}/failed_pages", 0))
    inputs = (f"sandbox {PLATFORM} front, faults off, logged-in storage state; {len(plan.keywords)} keywords, "
              f"{crawled:,} of {plan.total_pages:,} planned result pages, {listings:,} listings; "
              f"contexts recycled every {context_pages} pages; {failed} failed, {drift} drifted pages")
    mem_inputs = (f"process tree (python + playwright driver + chromium, up to "
                  f"{max(s.processes for s in monitors[0].samples)} processes); start {memory.start.rss / MB:,.0f} MB "
                  f"after {memory.start.pages} pages, peak {memory.peak.rss / MB:,.0f} MB at {memory.peak.pages}, "
                  f"end {memory.end.rss / MB:,.0f} MB at {memory.end.pages} pages; "
                  f"{memory.samples} samples every {SAMPLE_SECONDS:g} s")
    return [
        {"measure": f"{PLATFORM} browser crawl rate (all pipelines)", "inputs": inputs, "compared_with": "—",
         "value": round(rate, 1), "unit": "pages/min", "aim": None, "ok": True},
        {"measure": f"{PLATFORM} browser crawl RSS growth (median of the last {LEVEL_SAMPLES} samples − of the first {LEVEL_SAMPLES} after warm-up)", "inputs": mem_inputs,
         "compared_with": f"RSS after {memory.start.pages} warm-up pages", "value": round(memory.growth_mb, 1),
         "unit": "MB", "aim": f"< {AIM_GROWTH_MB:.0f} MB", "ok": memory.growth_mb < AIM_GROWTH_MB},
        {"measure": f"{PLATFORM} browser crawl RSS peak", "inputs": mem_inputs, "compared_with": "—",
         "value": round(memory.peak.rss / MB, 1), "unit": "MB", "aim": None, "ok": True},
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_browser", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, help=f"result pages to crawl (default {DEFAULT_PAGES})")
    args = parser.parse_args(argv)
    rows = run(args.pages)
    print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0 if all(row["ok"] for row in rows) else 1


if __name__ == "__main__":
    from bench import exit_on_sigterm

    exit_on_sigterm()
    sys.exit(main())
