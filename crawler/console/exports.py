"""The search page's export (CSV / XLSX of the current result), neutralised for spreadsheets.

Crawled text is hostile: every cell goes through ``crawler.safety`` like the takedown export —
CSV cells get OWASP's prefix, XLSX cells are typed strings (with ``quotePrefix`` where the text
would read as a formula), control characters are removed and long cells cut with a marker.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from crawler.safety import clean_text, csv_cell, is_formula_like

COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_id", "ID"),
    ("platform", "Platform"),
    ("listing_id", "Listing ID"),
    ("title", "Title"),
    ("shop_name", "Shop"),
    ("shop_id", "Shop ID"),
    ("url", "URL"),
    ("carriers", "Carriers"),
    ("violations", "Violations"),
    ("risk_score", "Risk"),
    ("takedown", "Takedown"),
    ("review", "Review"),
    ("first_seen", "First seen"),
    ("last_seen", "Last seen"),
)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, Mapping):  # review
        value = value.get("state") or ""
    return clean_text(value)


def rows(hits: Iterable[Mapping[str, Any]]) -> Iterable[list[str]]:
    for hit in hits:
        yield [cell_text(hit.get(key)) for key, _ in COLUMNS]


def to_csv(hits: Iterable[Mapping[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([header for _, header in COLUMNS])
    for row in rows(hits):
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM lets Excel read Chinese


def to_xlsx(hits: Iterable[Mapping[str, Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "listings"
    sheet.append([header for _, header in COLUMNS])
    for row_number, row in enumerate(rows(hits), start=2):
        for column, text in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            cell._value = text  # set directly: assigning "=..." through .value makes a formula
            cell.data_type = "s"
            cell.quotePrefix = is_formula_like(text)  # stays text when an operator edits it
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
}
