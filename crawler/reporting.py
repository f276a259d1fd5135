"""Terminal output for crawl reports (rich): a table that fits 80 columns, then what went wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from crawler.runner import CrawlReport

STATUS_STYLES = {"succeeded": "green", "degraded": "yellow", "partial": "yellow", "failed": "red"}
# Column headers say what they count (the same counters as the progress bar and the run record).
COLUMNS = ("platform", "pages", "listings", "SIM", "flagged", "blocked", "drift")


def summary_table(report: CrawlReport) -> Table:
    style = STATUS_STYLES.get(report.status, "white")
    table = Table(title=f"crawl {report.run_id}: [{style}]{report.status}[/]")
    for column in COLUMNS:
        table.add_column(column, justify="left" if column == "platform" else "right",
                         no_wrap=column != "platform")
    totals = [0, 0, 0, 0, 0, 0]
    for name in sorted(report.platforms):
        p = report.platforms[name]
        row = [p.pages, p.listings, p.sim_listings, p.flagged, p.blocked_total, p.layout_drift]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        table.add_row(name, *(str(v) for v in row))
    table.add_section()
    table.add_row("total", *(str(v) for v in totals))
    return table


def blocked_lines(report: CrawlReport) -> list[str]:
    """One line per platform that met blocks: the reasons and their counts."""
    return [
        f"  {name}: " + ", ".join(f"{reason} {n}" for reason, n in sorted(p.blocked.items()))
        for name, p in sorted(report.platforms.items())
        if p.blocked
    ]


def problem_lines(report: CrawlReport) -> list[str]:
    """What keeps the run from ``succeeded``: each reason, failed monitor, skipped platform and,
    when items wait in the spool, how many and the command that replays them."""
    lines = [f"status {report.status}: {reason}" for reason in report.reasons]
    for failure in report.failed_monitors:
        lines.append(f"monitor failed: {failure.get('monitor')}: {failure.get('error')}")
    for name, p in sorted(report.platforms.items()):
        if p.note:
            lines.append(f"{name} skipped: {p.note}")
    spooled = report.sink.get("spooled", 0)
    if spooled:
        lines.append(f"{spooled} item(s) wait in the spool; once Elasticsearch is back, run: "
                     f"{report.replay_command}")
    return lines


def print_summary(report: CrawlReport, console: Console | None = None) -> None:
    console = console or Console()
    console.print(summary_table(report))
    console.print("pages: result pages read · listings: distinct listings · SIM: SIM listings · "
                  "blocked: blocked answers met · drift: pages that parsed to nothing",
                  style="dim")
    lines = blocked_lines(report)
    if lines:
        console.print("blocked pages met, by reason:")
        for line in lines:
            console.print(line, markup=False)
    for line in report_warnings(report) + problem_lines(report):
        console.print(line, markup=False, style=None if report.status == "succeeded" else "bold")


def report_warnings(report: CrawlReport) -> list[str]:
    return [f"warning: {w}" for w in getattr(report, "warnings", [])]
