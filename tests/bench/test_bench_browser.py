"""The browser benchmark's memory accounting: the /proc process tree, RSS, progress and the
start/peak/end summary. The 1,000-page crawl itself is ``make bench``'s job."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.bench_browser import (
    MB,
    Sample,
    process_tree,
    read_progress,
    rss_bytes,
    summarise,
    tree_rss,
)


def test_the_tree_holds_the_process_and_its_descendants() -> None:
    # A child that starts a grandchild: both must be found under this process.
    code = "import subprocess, sys; p = subprocess.Popen(['sleep', '30']); print(p.pid, flush=True); p.wait()"
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        grandchild = int(child.stdout.readline())  # type: ignore[union-attr]
        tree = process_tree(os.getpid())
        assert tree[0] == os.getpid()
        assert child.pid in tree and grandchild in tree
        total, count = tree_rss(child.pid)
        assert count == 2 and total >= rss_bytes(child.pid) > 0
    finally:
        subprocess.run(["kill", str(grandchild)], check=False)
        child.wait(timeout=10)
    assert rss_bytes(child.pid) == 0  # gone: counts nothing


def test_rss_reads_statm_resident_pages(tmp_path: Path) -> None:
    from bench.bench_browser import PAGE_SIZE

    (tmp_path / "42").mkdir()
    (tmp_path / "42" / "statm").write_text("9000 1234 300 10 0 800 0\n", encoding="utf-8")
    assert rss_bytes(42, proc=tmp_path) == 1234 * PAGE_SIZE  # the second field, not the first
    assert rss_bytes(43, proc=tmp_path) == 0


def test_rss_follows_memory_this_process_touches() -> None:
    before = rss_bytes(os.getpid())
    block = bytearray(64 * MB)
    block[::4096] = b"\x01" * len(range(0, 64 * MB, 4096))  # write every page: now resident
    try:
        assert rss_bytes(os.getpid()) - before >= 48 * MB
    finally:
        del block


def test_progress_counts_pages_and_the_close_mark(tmp_path: Path) -> None:
    path = tmp_path / "progress"
    assert read_progress(path) == (0, False)
    path.write_bytes(b"ppp")
    assert read_progress(path) == (3, False)
    path.write_bytes(b"pppppC")
    assert read_progress(path) == (5, True)


def _s(t: float, pages: int, rss_mb: int, closed: bool = False) -> Sample:
    return Sample(t, pages, rss_mb * MB, 5, closed)


def test_summary_starts_after_warm_up_and_ignores_the_shutdown() -> None:
    samples = [_s(0, 0, 100), _s(2, 20, 400), _s(4, 55, 500), _s(6, 300, 700), _s(8, 900, 600),
               _s(10, 1000, 650), _s(12, 1000, 200, closed=True)]
    summary = summarise(samples, warmup_pages=50)
    assert (summary.start.pages, summary.peak.rss, summary.end.pages) == (55, 700 * MB, 1000)
    # Levels are medians of the first and last halves (at most 5 samples each): 500,700 → 600;
    # 600,650 → 625.
    assert summary.growth_mb == pytest.approx(25.0)
    assert summary.samples == 4


def test_a_short_crawl_uses_its_last_live_sample_and_no_sample_is_an_error() -> None:
    summary = summarise([_s(0, 3, 300), _s(2, 8, 320)], warmup_pages=50)
    assert summary.start == summary.end and summary.growth_mb == 0
    with pytest.raises(RuntimeError, match="no memory sample"):
        summarise([_s(0, 0, 100), _s(2, 10, 50, closed=True)], warmup_pages=5)
