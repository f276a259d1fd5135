"""``python -m bench``: run the benchmark suite, print one table, write bench/RESULTS.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench import (
    ERROR,
    MISSED,
    RESULTS_PATH,
    SUITES,
    exit_on_sigterm,
    method_notes,
    render_table,
    results_markdown,
    run_suites,
    select,
    summary,
)
from bench.machine import describe


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Run simwatch's benchmarks and write the results table with the machine description.",
    )
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help=f"run only this benchmark (repeatable): "
                             f"{', '.join(s.name.removeprefix('bench_') for s in SUITES)}")
    parser.add_argument("--out", type=Path, default=RESULTS_PATH,
                        help="where to write the Markdown results (default: bench/RESULTS.md)")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a measure missed its aim or a benchmark crashed")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from rich.console import Console

    console = Console(stderr=False)
    try:
        suites = select(args.only) if args.only else list(SUITES)
    except ValueError as exc:
        console.print(f"[red]{exc}[/]")
        return 2
    machine = describe()
    result = run_suites(suites, progress=lambda msg: console.print(f"[dim]{msg}[/]"))
    console.print(render_table(result))
    console.print(summary(result))
    if not args.no_write:
        args.out.write_text(results_markdown(result, machine, notes=method_notes(result)), encoding="utf-8")
        console.print(f"written to {args.out}")
    failed = result.count(MISSED) + result.count(ERROR)
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    exit_on_sigterm()
    sys.exit(main())
