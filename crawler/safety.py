"""Crawled text is hostile (DESIGN principle 8): one place that makes it safe for each output.

Sellers write the titles, shop names and URLs we export, and platform staff open those exports
in Excel. Every writer (CSV, XLSX, JSON, PDF/HTML) goes through these helpers:

- ``clean_text``: control characters removed (they break XML-based formats such as XLSX and
  hide text in viewers), line breaks normalised, bidi overrides removed (they reorder what an
  operator reads), lone surrogates replaced (UTF-8 cannot encode them), long text cut with a visible marker (``truncate``).
- ``csv_cell``: OWASP's CSV-injection rule — a cell whose first character is ``= + - @``, tab or
  CR is prefixed with ``'`` so no spreadsheet evaluates it (full-width ＝＋－＠ too: Excel in CJK
  locales converts them to formulas).
- ``is_formula_like``: the same test, for XLSX cells that are written as typed strings (data
  type ``s`` plus ``quotePrefix``) rather than prefixed, so the text stays exact.
- ``http_url``: only http(s) URLs become links; anything else (``javascript:``, ``file:``) is text.

JSON keeps the full original text (``json`` escapes control characters itself), so nothing
a truncation hides is lost.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from whitelist.normalise import without_surrogates

__all__ = [
    "CELL_LIMIT",
    "FORMULA_TRIGGERS",
    "TRUNCATION_MARKER",
    "clean_text",
    "csv_cell",
    "http_url",
    "is_formula_like",
    "truncate",
]

# Long enough for any real title/reason; short enough that one row stays readable. Excel's
# own cell limit is 32,767 characters.
CELL_LIMIT = 1_000
TRUNCATION_MARKER = "…[截断 truncated, {total} chars; full text in the JSON export]"
# OWASP "CSV Injection": = + - @ TAB CR; full-width forms for CJK-locale Excel.
FORMULA_TRIGGERS = frozenset("=+-@\t\r＝＋－＠")
# C0/C1 controls except TAB and LF; the bidi embeddings/overrides/isolates and marks (LRM, RLM,
# ALM); zero-width space, word joiner, BOM: invisible, they hide a leading "=" from the formula
# test and text from the reader. ZWJ/ZWNJ stay (emoji sequences and Persian spelling need them).
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)


def truncate(text: str, limit: int | None = CELL_LIMIT) -> str:
    """``text`` cut to at most ``limit`` characters including a marker that says so."""
    if limit is None or len(text) <= limit:
        return text
    marker = TRUNCATION_MARKER.format(total=len(text))
    return text[: max(0, limit - len(marker))] + marker


def clean_text(value: Any, limit: int | None = CELL_LIMIT) -> str:
    """Printable text of ``value``: CRLF/CR → LF, control and bidi characters removed, truncated."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    text = without_surrogates(text)  # unencodable in UTF-8: would fail the whole file
    return truncate(text, limit)


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet read this cell as a formula (leading spaces ignored, as LibreOffice does)?"""
    stripped = text.lstrip(" \u3000")
    return bool(stripped) and stripped[0] in FORMULA_TRIGGERS


def csv_cell(value: Any, limit: int | None = CELL_LIMIT) -> str:
    """A CSV cell: cleaned, truncated, and ``'``-prefixed when it would start a formula."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)  # our own numbers (rank, risk), never a seller's text
    text = clean_text(value, limit)
    return "'" + text if is_formula_like(text) else text


def http_url(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host and no control characters."""
    if not isinstance(value, str) or not value or _CONTROLS.search(value) or any(
        ch.isspace() for ch in value
    ):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value
