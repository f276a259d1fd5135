"""The benchmark suite: run every ``bench_*`` module, print one table, write ``bench/RESULTS.md``.

Each benchmark module exposes ``run() -> list[dict]``; a row has ``measure``, ``value``, ``unit``,
``aim``, ``ok`` and optionally ``compared_with`` and ``inputs``. Modules written at different
times shape these slightly differently (a numeric aim meaning "at least", a string such as
``"< 30 s"``, ``None`` for information only), so :func:`normalise_row` brings them to one form.

A module that crashes gets an ERROR row with its exception and the suite goes on; a module that
is not there (yet) gets a "not measured" row, so a gap is visible rather than silently absent.
A measure that misses its aim is shown as MISSED.

Run: ``.venv/bin/python -m bench`` (``make bench``); ``--only NAME`` runs a subset.
"""

from __future__ import annotations

import importlib
import math
import re
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

RESULTS_PATH = Path(__file__).resolve().parent / "RESULTS.md"


def exit_on_sigterm() -> None:
    """Make SIGTERM (a timeout, a cancelled job) a SystemExit in a benchmark's process: the servers
    it starts (sandbox, embedded Elasticsearch, Redis) are context managers, and Python's default
    SIGTERM ends the process without running their exits, leaving the servers behind."""
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))


@dataclass(frozen=True)
class Suite:
    """A benchmark module the runner knows about, and what it measures (for its gap rows)."""

    name: str
    what: str


SUITES: tuple[Suite, ...] = (
    Suite("bench_parse", "page parsers: listings/s per platform format vs raw decode"),
    Suite("bench_whitelist", "whitelist: 100k-row import time, matcher lookups/s"),
    Suite("bench_classify", "classifier: listings/s on distinct real-shaped titles (rules, model), start-up, 1 MB title"),
    Suite("bench_sink", "Elasticsearch BulkSink docs/s vs raw helpers.bulk"),
    Suite("bench_crawl", "sandbox ebay crawl pages/s through all pipelines vs a bare Scrapy spider and the spider without pipelines"),
    Suite("bench_browser", "xianyu browser crawl: pages/min and RSS growth over the process tree"),
    Suite("bench_distributed", "two scrapy-redis workers vs one on the same crawl"),
    Suite("bench_console", "review console: search/listing page p50/p95 over 20,000 listings"),
)

OK, MISSED, ERROR, NOT_MEASURED, INFO, NO_AIM, NOT_JUDGED = (
    "ok", "MISSED", "ERROR", "not measured", "info", "no aim", "not judged")
_INFO_AIMS = {"", "(information)", "information", "-", "—", "n/a"}
_AIM_PATTERN = re.compile(r"^\s*(>=|≥|<=|≤|>|<)\s*([0-9][0-9,_]*(?:\.[0-9]+)?)")
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": lambda v, a: v >= a, "≥": lambda v, a: v >= a, ">": lambda v, a: v > a,
    "<=": lambda v, a: v <= a, "≤": lambda v, a: v <= a, "<": lambda v, a: v < a,
}


@dataclass
class Row:
    """One line of the results table, already formatted for display."""

    module: str
    measure: str
    compared_with: str
    value: str
    aim: str
    status: str
    inputs: str = ""
    detail: str = ""  # full error text/traceback for RESULTS.md; the table shows its first line

    @property
    def label(self) -> str:
        return f"{self.measure} ({self.inputs})" if self.inputs else self.measure


@dataclass
class ModuleRun:
    suite: Suite
    rows: list[Row]
    seconds: float
    outcome: str  # "ran", "crashed", "missing"


@dataclass
class SuiteResult:
    runs: list[ModuleRun] = field(default_factory=list)

    @property
    def rows(self) -> list[Row]:
        return [row for run in self.runs for row in run.rows]

    def count(self, status: str) -> int:
        return sum(row.status == status for row in self.rows)


# -- formatting ---------------------------------------------------------------------------------
def format_number(value: float) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if not math.isfinite(value):
        return str(value)
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:,.1f}"
    return f"{value:.3g}"


def format_value(value: Any, unit: str) -> str:
    if value is None:
        return "—"
    text = format_number(value) if isinstance(value, int | float) else str(value)
    return f"{text} {unit}".strip()


def format_aim(aim: Any, unit: str) -> str:
    if isinstance(aim, int | float) and not isinstance(aim, bool):
        return f"≥ {format_number(aim)} {unit}".strip()  # a bare number is a floor (bench_parse, bench_classify)
    text = str(aim).strip()
    for ascii_op, symbol in ((">=", "≥"), ("<=", "≤")):
        text = text.replace(ascii_op, symbol)
    return text


def format_inputs(inputs: Any) -> str:
    if inputs is None:
        return ""
    if isinstance(inputs, Mapping):
        return ", ".join(f"{key}={value}" for key, value in inputs.items())
    if isinstance(inputs, list | tuple):
        return ", ".join(str(x) for x in inputs)
    return str(inputs)


def judge(value: Any, aim: Any) -> bool | None:
    """Whether ``value`` meets ``aim`` when the module did not say; None when it cannot tell."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    if isinstance(aim, int | float) and not isinstance(aim, bool):
        return value >= aim
    match = _AIM_PATTERN.match(str(aim))
    if match is None:
        return None
    return _COMPARE[match.group(1)](float(value), float(match.group(2).replace(",", "").replace("_", "")))


def normalise_row(module: str, raw: Mapping[str, Any]) -> Row:
    """One benchmark dict → a display row; missing keys are filled in, never guessed silently."""
    unit = str(raw.get("unit") or "")
    aim = raw.get("aim")
    ok = raw.get("ok")
    if raw.get("error"):
        status, aim_text = ERROR, format_aim(aim, unit) if aim is not None else "—"
    elif "aim" not in raw:
        aim_text = "— (none given)"
        status = MISSED if ok is False else NO_AIM
    elif aim is None or (isinstance(aim, str) and aim.strip().lower() in _INFO_AIMS):
        aim_text, status = "— (information)", MISSED if ok is False else INFO
    else:
        aim_text = format_aim(aim, unit)
        if not isinstance(ok, bool):
            ok = judge(raw.get("value"), aim)
        status = NOT_JUDGED if ok is None else OK if ok else MISSED
    value = f"error: {raw['error']}" if raw.get("error") and raw.get("value") is None else format_value(
        raw.get("value"), unit)
    return Row(
        module=module,
        measure=str(raw.get("measure") or "(unnamed measure)"),
        compared_with=str(raw.get("compared_with") or "—"),
        value=value,
        aim=aim_text,
        status=status,
        inputs=format_inputs(raw.get("inputs")),
        detail=str(raw.get("error") or ""),
    )


def _error_row(suite: Suite, exc: BaseException, when: str) -> Row:
    message = f"{type(exc).__name__}: {exc}".strip()
    first_line = message.splitlines()[0] if message else type(exc).__name__
    return Row(module=suite.name, measure=f"{suite.name} — {suite.what}", compared_with="—",
               value=f"error {when}: {first_line[:160]}", aim="—", status=ERROR,
               detail="".join(traceback.format_exception(exc)))


# -- running ------------------------------------------------------------------------------------
def import_suite(suite: Suite, package: str = __name__) -> ModuleType | None:
    """The suite's module, or None when the module itself does not exist (an import error
    inside an existing module is raised: that is a crash, not a gap)."""
    qualified = f"{package}.{suite.name}"
    try:
        return importlib.import_module(qualified)
    except ModuleNotFoundError as exc:
        if exc.name == qualified:
            return None
        raise


def run_suite_module(suite: Suite, package: str = __name__) -> ModuleRun:
    started = time.perf_counter()
    try:
        module = import_suite(suite, package)
    except Exception as exc:  # a module that cannot even be imported is reported, not fatal
        return ModuleRun(suite, [_error_row(suite, exc, "on import")], time.perf_counter() - started, "crashed")
    if module is None:
        row = Row(module=suite.name, measure=f"{suite.name} — {suite.what}", compared_with="—",
                  value=f"not measured: {package}/{suite.name}.py is not present", aim="—",
                  status=NOT_MEASURED)
        return ModuleRun(suite, [row], 0.0, "missing")
    try:
        raw_rows = module.run()
        if not isinstance(raw_rows, list) or not all(isinstance(r, Mapping) for r in raw_rows):
            raise TypeError(f"run() returned {type(raw_rows).__name__}, expected a list of dicts")
        if not raw_rows:
            raise ValueError("run() returned no rows")
    except (Exception, SystemExit) as exc:  # SystemExit too: a module calling sys.exit must not end the suite
        return ModuleRun(suite, [_error_row(suite, exc, "while running")], time.perf_counter() - started,
                         "crashed")
    rows = [normalise_row(suite.name, raw) for raw in raw_rows]
    return ModuleRun(suite, rows, time.perf_counter() - started, "ran")


def run_suites(suites: Sequence[Suite] = SUITES, package: str = __name__,
               progress: Callable[[str], None] | None = None) -> SuiteResult:
    result = SuiteResult()
    for suite in suites:
        if progress:
            progress(f"running {suite.name} ({suite.what}) …")
        run = run_suite_module(suite, package)
        result.runs.append(run)
        if progress:
            progress(f"{suite.name}: {run.outcome} in {run.seconds:.1f} s, {len(run.rows)} row(s)")
    return result


def select(names: Iterable[str], suites: Sequence[Suite] = SUITES) -> list[Suite]:
    wanted = [n.removeprefix("bench_") for n in names]
    known = {s.name.removeprefix("bench_"): s for s in suites}
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise ValueError(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[n] for n in wanted]


# -- output -------------------------------------------------------------------------------------
COLUMNS = ("measure", "compared with", "value", "aim", "ok")


def table_cells(row: Row) -> tuple[str, str, str, str, str]:
    return row.label, row.compared_with, row.value, row.aim, row.status


def render_table(result: SuiteResult, title: str = "simwatch benchmarks") -> Any:
    """A rich Table of every row; MISSED and ERROR rows are highlighted, never dropped."""
    from rich.table import Table

    table = Table(title=title, show_lines=True)
    for name in COLUMNS:
        table.add_column(name, overflow="fold")
    styles = {OK: "green", MISSED: "bold red", ERROR: "bold red", NOT_MEASURED: "yellow",
              NOT_JUDGED: "yellow", NO_AIM: "yellow", INFO: "dim"}
    for row in result.rows:
        *cells, status = table_cells(row)
        table.add_row(*cells, f"[{styles.get(status, '')}]{status}[/]" if styles.get(status) else status)
    return table


def summary(result: SuiteResult) -> str:
    judged = result.count(OK) + result.count(MISSED)
    parts = [f"{result.count(OK)} of {judged} measures with an aim met it"]
    if result.count(MISSED):
        parts.append(f"{result.count(MISSED)} MISSED")
    crashed = [run.suite.name for run in result.runs if run.outcome == "crashed"]
    if crashed:
        parts.append(f"crashed: {', '.join(crashed)}")
    missing = [run.suite.name for run in result.runs if run.outcome == "missing"]
    if missing:
        parts.append(f"not measured: {', '.join(missing)}")
    return "; ".join(parts)


def method_notes(result: SuiteResult, package: str = __name__) -> str:
    """How each module measures: the first paragraph of its docstring (kept next to the code)."""
    notes = []
    for run in result.runs:
        if run.outcome == "missing":
            continue
        try:
            doc = import_suite(run.suite, package).__doc__ or ""  # type: ignore[union-attr]
        except Exception:  # a module that failed to import has its error in the table already
            continue
        first = " ".join(doc.strip().split("\n\n")[0].split())
        if first:
            notes.append(f"- **{run.suite.name}**: {first}")
    return "\n".join(notes)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def results_markdown(result: SuiteResult, machine: Mapping[str, str], notes: str = "") -> str:
    """The RESULTS.md text: machine description, the table, module timings, errors."""
    lines = ["# simwatch benchmark results", "",
             "Written by `make bench` (`.venv/bin/python -m bench`); do not edit by hand.", "",
             "## Machine", ""]
    lines += [f"- **{label}**: {value}" for label, value in machine.items()]
    lines += ["", "## Results", "", f"{summary(result)}.", "",
              "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in result.rows:
        cells = list(table_cells(row))
        if row.status in (MISSED, ERROR):
            cells[-1] = f"**{cells[-1]}**"
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    lines += ["", "## Modules", "", "| module | outcome | seconds | rows |", "|---|---|---|---|"]
    lines += [f"| {run.suite.name} | {run.outcome} | {run.seconds:.1f} | {len(run.rows)} |" for run in result.runs]
    errors = [row for row in result.rows if row.status == ERROR and row.detail]
    if errors:
        lines += ["", "## Errors", ""]
        for row in errors:
            lines += [f"### {row.module}", "", "```", row.detail.rstrip()[-4000:], "```", ""]
    if notes.strip():
        lines += ["", "## Notes", "", notes.strip()]
    return "\n".join(lines).rstrip() + "\n"
