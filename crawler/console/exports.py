"""The search page's export (CSV / XLSX of the current result), neutralised for spreadsheets.

Crawled text is hostile: a title starting with ``=``, ``+``, ``-``, ``@``, tab or CR would be
run as a formula by Excel or LibreOffice. CSV cells get OWASP's prefix (a leading ``'``); XLSX
cells are written as typed strings (``data_type = "s"``), never parsed as formulas. Control
characters other than tab/newline are dropped (openpyxl refuses them in XLSX).
Written here until the shared neutralising module (#18, "safe" helper) lands; then this module
should call it instead.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

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
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_CELL = 32_000  # Excel's cell limit is 32,767 characters


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, Mapping):  # review
        value = value.get("state") or ""
    return _CONTROL.sub("", str(value))[:MAX_CELL]


def neutralise_csv(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def rows(hits: Iterable[Mapping[str, Any]]) -> Iterable[list[str]]:
    for hit in hits:
        yield [cell_text(hit.get(key)) for key, _ in COLUMNS]


def to_csv(hits: Iterable[Mapping[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([header for _, header in COLUMNS])
    for row in rows(hits):
        writer.writerow([neutralise_csv(cell) for cell in row])
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
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
}
