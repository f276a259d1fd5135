"""The benchmark runner: fake benchmark modules in a throw-away package stand in for the real
ones, so the table and RESULTS.md are checked without timing anything."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

import bench
from bench import (
    ERROR,
    INFO,
    MISSED,
    NO_AIM,
    NOT_JUDGED,
    NOT_MEASURED,
    OK,
    Suite,
    normalise_row,
    render_table,
    results_markdown,
    run_suites,
    select,
)
from bench.machine import cpu_model, describe, memory_total

PACKAGE = "fakebench"
FAKES = {
    "bench_good": '''
        """Good: two measures, one meeting its aim and one missing it."""
        def run():
            return [
                {"measure": "parse fast", "inputs": "3 pages", "compared_with": "raw decode",
                 "value": 1500.0, "unit": "items/s", "aim": 1000, "ok": True},
                {"measure": "import time", "value": 42.0, "unit": "s", "aim": "< 30 s"},
                {"measure": "helper rate", "value": 7, "unit": "docs/s", "aim": None, "ok": True},
            ]
    ''',
    "bench_crash": '''
        def run():
            raise RuntimeError("sandbox did not start")
    ''',
    "bench_noaim": '''
        def run():
            return [{"measure": "pages/min", "value": 88.5, "unit": "pages/min", "ok": True}]
    ''',
    "bench_exits": '''
        import sys
        def run():
            sys.exit(3)
    ''',
    "bench_badimport": '''
        import module_that_does_not_exist_anywhere
        def run():
            return []
    ''',
}
SUITES = [Suite(name, f"what {name} measures") for name in
          ("bench_good", "bench_crash", "bench_missing", "bench_noaim", "bench_exits", "bench_badimport")]
MACHINE = {"date": "2025-06-01T00:00:00+00:00", "CPU": "Test CPU 9000", "cores": "2", "memory": "4.0 GiB",
           "Python": "CPython 3.11.9", "packages": "scrapy 2.19.0"}


@pytest.fixture
def fake_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    package = tmp_path / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name, source in FAKES.items():
        (package / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield PACKAGE
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
        del sys.modules[name]


@pytest.fixture
def result(fake_package: str) -> bench.SuiteResult:
    return run_suites(SUITES, package=fake_package)


def _rows_of(result: bench.SuiteResult, module: str) -> list[bench.Row]:
    return [row for row in result.rows if row.module == module]


def test_every_module_gets_rows_and_the_suite_goes_on_after_a_crash(result: bench.SuiteResult) -> None:
    assert [run.suite.name for run in result.runs] == [s.name for s in SUITES]
    assert [run.outcome for run in result.runs] == ["ran", "crashed", "missing", "ran", "crashed", "crashed"]
    assert len(result.rows) == 3 + 1 + 1 + 1 + 1 + 1


def test_measures_meeting_and_missing_their_aims(result: bench.SuiteResult) -> None:
    fast, slow, helper = _rows_of(result, "bench_good")
    assert (fast.label, fast.compared_with, fast.value, fast.aim, fast.status) == (
        "parse fast (3 pages)", "raw decode", "1,500 items/s", "≥ 1,000 items/s", OK)
    # No "ok" given: judged from the aim text, and the miss is shown, not hidden.
    assert (slow.value, slow.aim, slow.status, slow.compared_with) == ("42.0 s", "< 30 s", MISSED, "—")
    assert (helper.aim, helper.status) == ("— (information)", INFO)


def test_a_crashing_module_reports_its_error_in_its_row(result: bench.SuiteResult) -> None:
    (row,) = _rows_of(result, "bench_crash")
    assert row.status == ERROR
    assert "RuntimeError: sandbox did not start" in row.value
    assert "what bench_crash measures" in row.measure
    assert "Traceback" in row.detail and "sandbox did not start" in row.detail
    (exits,) = _rows_of(result, "bench_exits")
    assert exits.status == ERROR and "SystemExit" in exits.value


def test_an_import_error_inside_a_module_is_a_crash_not_a_gap(result: bench.SuiteResult) -> None:
    (row,) = _rows_of(result, "bench_badimport")
    assert row.status == ERROR and "module_that_does_not_exist_anywhere" in row.value
    assert "on import" in row.value


def test_a_missing_module_is_reported_as_not_measured(result: bench.SuiteResult) -> None:
    (row,) = _rows_of(result, "bench_missing")
    assert row.status == NOT_MEASURED
    assert "bench_missing.py is not present" in row.value
    assert "what bench_missing measures" in row.measure


def test_a_row_without_an_aim_says_so(result: bench.SuiteResult) -> None:
    (row,) = _rows_of(result, "bench_noaim")
    assert (row.value, row.aim, row.status) == ("88.5 pages/min", "— (none given)", NO_AIM)


def test_the_table_shows_every_row_with_its_status(result: bench.SuiteResult) -> None:
    console = Console(record=True, width=250, color_system=None)
    table = render_table(result)
    assert [c.header for c in table.columns] == ["measure", "compared with", "value", "aim", "ok"]
    assert table.row_count == len(result.rows)
    console.print(table)
    text = console.export_text()
    for needle in ("parse fast (3 pages)", "MISSED", "ERROR", "not measured", "no aim", "sandbox did not start"):
        assert needle in text


def test_results_markdown_holds_machine_table_timings_and_errors(result: bench.SuiteResult) -> None:
    text = results_markdown(result, MACHINE, notes="- **bench_good**: how it measures")
    assert text.startswith("# simwatch benchmark results\n")
    for label, value in MACHINE.items():
        assert f"- **{label}**: {value}" in text
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert table[0] == "| measure | compared with | value | aim | ok |"
    assert "| parse fast (3 pages) | raw decode | 1,500 items/s | ≥ 1,000 items/s | ok |" in table
    assert "| import time | — | 42.0 s | < 30 s | **MISSED** |" in table
    assert any(line.startswith("| bench_crash — ") and line.endswith("| **ERROR** |") for line in table)
    assert any("not measured: fakebench/bench_missing.py is not present" in line for line in table)
    assert "| bench_missing | missing | 0.0 | 1 |" in text
    assert "### bench_crash" in text and "RuntimeError: sandbox did not start" in text
    assert "## Notes" in text and "how it measures" in text
    assert "1 of 2 measures with an aim met it; 1 MISSED; crashed: bench_crash, bench_exits, bench_badimport" in text


def test_pipes_in_cells_do_not_break_the_markdown_table() -> None:
    row = normalise_row("m", {"measure": "a | b", "value": 1.0, "unit": "x", "aim": 0.5, "ok": True})
    text = results_markdown(bench.SuiteResult([bench.ModuleRun(Suite("m", "m"), [row], 0.1, "ran")]), {})
    assert "| a \\| b | — | 1 x | ≥ 0.5 x | ok |" in text


@pytest.mark.parametrize(("raw", "aim", "status"), [
    ({"value": 0.93, "unit": "ratio", "aim": ">= 0.9", "ok": True}, "≥ 0.9", OK),
    ({"value": 0.85, "unit": "ratio", "aim": ">= 0.9"}, "≥ 0.9", MISSED),
    ({"value": 12.0, "unit": "s", "aim": "< 30 s"}, "< 30 s", OK),
    ({"value": 150_000.0, "unit": "lookups/s", "aim": ">= 100,000/s"}, "≥ 100,000/s", OK),
    ({"value": 2.5, "unit": "s", "aim": "(information)", "ok": True}, "— (information)", INFO),
    ({"value": 2.5, "unit": "s", "aim": "fast enough"}, "fast enough", NOT_JUDGED),
    ({"value": 900, "unit": "x/s", "aim": 1000, "ok": False}, "≥ 1,000 x/s", MISSED),
    ({"value": 1, "unit": "x", "aim": 5, "ok": False, "error": "boom"}, "≥ 5 x", ERROR),
])
def test_normalise_row_harmonises_the_module_shapes(raw: dict, aim: str, status: str) -> None:
    row = normalise_row("m", {"measure": "m", **raw})
    assert (row.aim, row.status) == (aim, status)


def test_select_names_with_or_without_prefix_and_rejects_unknown() -> None:
    assert [s.name for s in select(["crawl", "bench_browser"])] == ["bench_crawl", "bench_browser"]
    with pytest.raises(ValueError, match="unknown benchmark"):
        select(["nonsense"])


def test_main_writes_results_for_the_selected_modules(fake_package: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import __main__ as runner

    monkeypatch.setattr(runner, "SUITES", SUITES[:2])
    monkeypatch.setattr(runner, "run_suites", lambda suites, progress=None: run_suites(
        suites, package=fake_package, progress=progress))
    monkeypatch.setattr(runner, "describe", lambda: MACHINE)
    monkeypatch.setattr(runner, "method_notes", lambda result: "")
    out = tmp_path / "RESULTS.md"
    assert runner.main(["--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "parse fast" in text and "**ERROR**" in text and "Test CPU 9000" in text
    assert runner.main(["--out", str(out), "--strict"]) == 1
    assert runner.main(["--only", "nonsense", "--no-write"]) == 2


def test_machine_description_reads_proc(tmp_path: Path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nmodel name\t: Example CPU @ 2.0GHz\n", encoding="utf-8")
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24684096 kB\nMemFree: 1 kB\n", encoding="utf-8")
    assert cpu_model(cpuinfo) == "Example CPU @ 2.0GHz"
    assert memory_total(meminfo) == "23.5 GiB"
    assert memory_total(tmp_path / "absent") == "unknown"
    described = describe()
    assert set(described) >= {"date", "CPU", "cores", "memory", "Python", "packages"}
    assert "scrapy" in described["packages"]


def test_a_benchmark_stopped_by_sigterm_runs_its_exits(tmp_path: Path) -> None:
    """exit_on_sigterm: `timeout` or a cancelled job sends SIGTERM; the servers a benchmark started
    are context managers whose exits must run (they were left running before)."""
    marker = tmp_path / "stopped"
    script = (
        "import contextlib, pathlib, sys, time\n"
        "from bench import exit_on_sigterm\n"
        "exit_on_sigterm()\n"
        "@contextlib.contextmanager\n"
        "def server():\n"
        "    try:\n"
        "        yield\n"
        "    finally:\n"
        f"        pathlib.Path({str(marker)!r}).write_text('stopped')\n"
        "with server():\n"
        "    print('ready', flush=True)\n"
        "    time.sleep(60)\n"
    )
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen([sys.executable, "-c", script], cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        if process.poll() is None:
            process.kill()
            time.sleep(0.1)
    assert marker.read_text() == "stopped"
