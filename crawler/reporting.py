"""Terminal output for crawl reports (rich)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from crawler.runner import CrawlReport


def summary_table(report: CrawlReport) -> Table:
    table = Table(title=f"crawl {report.run_id}: {report.status}")
    for column in ("platform", "pages", "listings", "SIM listings", "flagged", "blocked pages met",
                   "drift"):
        table.add_column(column, justify="left" if column == "platform" else "right")
    totals = [0, 0, 0, 0, 0, 0]
    for name in sorted(report.platforms):
        p = report.platforms[name]
        row = [p.pages, p.listings, p.sim_listings, p.flagged, p.blocked_total, p.layout_drift]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        label = name if not p.note else f"{name} ({p.note})"
        table.add_row(label, *(str(v) for v in row))
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


def print_summary(report: CrawlReport, console: Console | None = None) -> None:
    console = console or Console()
    console.print(summary_table(report))
    lines = blocked_lines(report)
    if lines:
        console.print("blocked pages met, by reason:")
        for line in lines:
            console.print(line)
