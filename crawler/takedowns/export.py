"""Takedown lists for platform operators: CSV, XLSX, JSON and PDF, in batches of 300.

``export_takedowns(client, platform, fmt, out_dir, since=None)`` reads the flagged listings
(``simwatch-listings`` with ``takedown = true``) of one platform, orders them by risk, joins the
evidence id/hash from ``simwatch-takedowns``, and writes
``takedowns_<platform>_<YYYY-MM-DD>_<NNN>.<ext>`` files of at most ``BATCH_SIZE`` rows (what
platform intake portals accept). Writers are a registry keyed by format, like Scrapy's feed
exporters. By default each exported listing's takedown is recorded as ``queued`` with its
``batch_id`` (created as ``detected`` first when new); listings whose takedown is already
``removed`` or ``relisted`` are left out (they need no further request).
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers

from crawler.jsonl import jsonl_rows
from crawler.safety import CELL_LIMIT, clean_text, csv_cell, http_url, is_formula_like
from crawler.store.queries import takedown_candidates_query
from crawler.takedowns.indices import LISTINGS, TAKEDOWNS, mget_docs, scan_docs
from crawler.takedowns.lifecycle import (
    Status,
    TakedownStore,
    apply_transition,
    new_takedown,
    parse_time,
)
from crawler.takedowns.pdf import write_notice
from crawler.takedowns.rows import COLUMNS, BatchInfo, TakedownRow, build_rows

__all__ = [
    "BatchInfo",
    "BATCH_SIZE",
    "COLUMNS",
    "EXPORTERS",
    "TakedownRow",
    "batches",
    "build_rows",
    "export_results",
    "export_takedowns",
    "read_results",
    "write_batch",
]

log = logging.getLogger(__name__)

BATCH_SIZE = 300
CLOSED_STATUSES = frozenset({Status.REMOVED.value, Status.RELISTED.value})
# Longer fields keep more in the spreadsheet; the JSON export always has the full text.
CELL_LIMITS = {"listing_url": 2_000, "shop_url": 2_000, "reasons": 2_000, "rule_basis": 2_000}
_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,40}")  # platform names go into file names
# Excel ignores hyperlinks whose address is longer than this.
EXCEL_LINK_LIMIT = 2_079


def batches(rows: Sequence[TakedownRow], size: int = BATCH_SIZE) -> list[Sequence[TakedownRow]]:
    if size < 1:
        raise ValueError(f"batch size must be positive, got {size}")
    return [rows[start : start + size] for start in range(0, len(rows), size)]


# --- writers ----------------------------------------------------------------------------------
# Every writer neutralises the crawled text through crawler.safety and writes row by row: a row
# that still fails is logged in one line and skipped, and the rest of the batch is written.


def _skip(path: Path, row: TakedownRow, exc: Exception) -> None:
    log.warning(
        "%s: row %s (%s) skipped: %s: %s", path.name, row.rank, row.doc_id, type(exc).__name__, exc
    )


def _write_csv(rows: Sequence[TakedownRow], path: Path, info: BatchInfo) -> None:
    # utf-8-sig: Excel needs the BOM to read Chinese. CSV is the machine format (README): ids
    # are written as they are; operators open the XLSX, where ids are text cells.
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow([f"{zh} / {en}" for _, zh, en in COLUMNS])
        for row in rows:
            try:
                cells = [
                    csv_cell(value, CELL_LIMITS.get(key, CELL_LIMIT))
                    for (key, _, _), value in zip(COLUMNS, row.values(), strict=True)
                ]
                writer.writerow(cells)
            except Exception as exc:
                _skip(path, row, exc)


def _write_json(rows: Sequence[TakedownRow], path: Path, info: BatchInfo) -> None:
    # JSON keeps the full, unaltered text (json.dumps escapes control characters): it is what
    # the spreadsheet's truncation markers point to.
    out_rows = []
    for row in rows:
        try:
            data = asdict(row)
            data["violation_codes"] = list(row.violation_codes)
            # Unencodable text (a lone surrogate from a crawled JSON escape) fails here, alone.
            json.dumps(data, ensure_ascii=False).encode("utf-8")
            out_rows.append(data)
        except Exception as exc:
            _skip(path, row, exc)
    payload = {
        "platform": info.platform,
        "batch_id": info.batch_id,
        "batch": info.number,
        "batches": info.total,
        "generated_at": info.generated_at,
        "count": len(out_rows),
        "columns": [{"key": key, "zh": zh, "en": en} for key, zh, en in COLUMNS],
        "rows": out_rows,
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")


_DATE_COLUMNS = frozenset({"first_seen", "last_seen"})
_URL_COLUMNS = frozenset({"listing_url", "shop_url"})
_NUMBER_COLUMNS = frozenset({"rank", "risk_score"})


def _excel_time(value: str) -> datetime | None:
    """A naive UTC datetime for Excel (which has no time zones); None when not a date."""
    try:
        moment = parse_time(value)
    except (ValueError, TypeError, OverflowError):
        return None
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def _xlsx_cells(sheet: Any, row_number: int, row: TakedownRow) -> list[tuple[int, Any, str]]:
    """Set one row's cells: (column, cell, kind). Raises before writing anything on bad input."""
    from openpyxl.cell.cell import Cell

    prepared: list[tuple[int, Any, str | None, str]] = []
    for column, ((key, _, _), value) in enumerate(zip(COLUMNS, row.values(), strict=True), start=1):
        if key in _NUMBER_COLUMNS and isinstance(value, int):
            prepared.append((column, value, None, "number"))
            continue
        raw = "" if value is None else str(value)
        if key in _DATE_COLUMNS and (moment := _excel_time(raw)) is not None:
            prepared.append((column, moment, None, "date"))
            continue
        text = clean_text(raw, CELL_LIMITS.get(key, CELL_LIMIT))
        link = http_url(raw) if key in _URL_COLUMNS and len(raw) <= EXCEL_LINK_LIMIT else None
        prepared.append((column, text, link, "text"))
    cells = []
    for column, value, link, kind in prepared:
        cell: Cell = sheet.cell(row=row_number, column=column)
        if kind == "text":
            # A typed string cell: openpyxl would otherwise store "=..." as a live formula.
            # quotePrefix keeps it text even when an operator edits the cell in Excel.
            cell.value = value
            cell.data_type = "s"
            if is_formula_like(value):
                cell.quotePrefix = True
            if link:
                cell.hyperlink = link
        else:
            cell.value = value
        cells.append((column, cell, kind))
    return cells


def _write_xlsx(rows: Sequence[TakedownRow], path: Path, info: BatchInfo) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "下架清单 Takedowns"
    # One bilingual header row (Chinese over English in the same cell) keeps auto-filter and
    # reply-file parsing on a single row.
    sheet.append([f"{zh}\n{en}" for _, zh, en in COLUMNS])
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[1].height = 32
    wrap = Alignment(wrap_text=True, vertical="top")
    link_font = Font(color="0563C1", underline="single")
    row_number = 2
    for row in rows:
        try:
            cells = _xlsx_cells(sheet, row_number, row)
        except Exception as exc:
            for column in range(1, len(COLUMNS) + 1):  # leave no half-written row behind
                sheet.cell(row=row_number, column=column).value = None
            _skip(path, row, exc)
            continue
        for _, cell, kind in cells:
            cell.alignment = wrap
            if kind == "date":
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif kind == "text":
                cell.number_format = "@"  # ids and codes stay text (no 3.50121E+18)
                if cell.hyperlink is not None:
                    cell.font = link_font
        row_number += 1
    written = row_number - 2
    widths = {"listing_url": 40, "title": 40, "reasons": 50, "rule_basis": 50, "violations": 30,
              "listing_id": 22, "shop_id": 18, "first_seen": 20, "last_seen": 20}
    for index, (key, _, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(key, 16)
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{max(written + 1, 2)}"
    workbook.properties.title = f"simwatch takedowns {info.batch_id}"
    workbook.save(path)


def _write_pdf(rows: Sequence[TakedownRow], path: Path, info: BatchInfo) -> None:
    write_notice(rows, path, info)


EXPORTERS: dict[str, tuple[str, Callable[[Sequence[TakedownRow], Path, BatchInfo], None]]] = {
    "csv": ("csv", _write_csv),
    "xlsx": ("xlsx", _write_xlsx),
    "json": ("json", _write_json),
    "pdf": ("pdf", _write_pdf),
}


def write_batch(rows: Sequence[TakedownRow], fmt: str, out_dir: Path, info: BatchInfo) -> Path:
    try:
        extension, writer = EXPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(EXPORTERS)}") from None
    if not _SAFE_NAME.fullmatch(info.platform):
        raise ValueError(f"platform {info.platform[:40]!r} cannot be part of a file name")
    path = out_dir / f"takedowns_{info.platform}_{info.day}_{info.number:03d}.{extension}"
    writer(rows, path, info)
    return path


# --- query + export ---------------------------------------------------------------------------


def _since(value: str | date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = parse_time(value)
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day, tzinfo=UTC)
    else:
        try:
            moment = parse_time(value)
        except ValueError:
            raise ValueError(f"--since {value!r} is not a date (YYYY-MM-DD)") from None
    assert moment is not None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def flagged_listings(
    client: Elasticsearch, platform: str, since: str | date | datetime | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """``(doc id, listing)`` of the platform's takedown candidates (seen since ``since``)."""
    # The query (flagged or confirmed, never rejected by a reviewer) lives in one place.
    return list(scan_docs(client, LISTINGS, takedown_candidates_query(platform, _since(since))))


def export_takedowns(
    client: Elasticsearch,
    platform: str,
    fmt: str,
    out_dir: str | Path,
    since: str | date | datetime | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    record: bool = True,
    by: str = "simwatch export",
    now: datetime | None = None,
) -> list[Path]:
    """Write the platform's takedown list as ``fmt`` files under ``out_dir``; return their paths.

    No flagged listings → no files (an empty list). ``record`` queues each exported takedown
    with its batch id (``detected → queued``); takedowns already past ``queued`` keep their status.
    """
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(EXPORTERS)}")
    now = now or datetime.now(UTC)
    listings = flagged_listings(client, platform, since)
    takedowns = mget_docs(client, TAKEDOWNS, [doc_id for doc_id, _ in listings])
    listings = [
        (doc_id, doc)
        for doc_id, doc in listings
        if takedowns.get(doc_id, {}).get("status") not in CLOSED_STATUSES
    ]
    rows = build_rows(listings, takedowns)
    if not rows:
        return []
    listing_by_id = dict(listings)
    store = TakedownStore(client, refresh=False)

    def queue(chunk: Sequence[TakedownRow], info: BatchInfo) -> None:
        if record:
            _queue_batch(store, chunk, listing_by_id, takedowns, info, by, now)

    paths = _write_batches(rows, platform, fmt, Path(out_dir), now, batch_size, queue)
    if record:
        client.indices.refresh(index=TAKEDOWNS)
    return paths


def _write_batches(
    rows: Sequence[TakedownRow],
    platform: str,
    fmt: str,
    out: Path,
    now: datetime,
    batch_size: int,
    after: Callable[[Sequence[TakedownRow], BatchInfo], None] | None = None,
) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    chunks = batches(rows, batch_size)
    paths = []
    for number, chunk in enumerate(chunks, start=1):
        info = BatchInfo(
            platform=platform,
            day=now.astimezone(UTC).date().isoformat(),
            number=number,
            total=len(chunks),
            generated_at=now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        paths.append(write_batch(chunk, fmt, out, info))
        if after is not None:
            after(chunk, info)
    return paths


def read_results(path: str | Path) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """Flagged listings (``takedown`` true) of a ``simwatch classify`` JSONL output.

    Returns ``(doc id, listing)`` pairs and one problem line per unreadable line
    (``file:line: what is wrong``); good lines are kept whatever the bad ones hold.
    """
    source = Path(path)
    found: list[tuple[str, dict[str, Any]]] = []
    problems: list[str] = []
    unjudged = 0
    try:
        handle = source.open(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ValueError(f"{source}: cannot read ({exc.strerror or exc})") from None
    with handle:
        for number, item in jsonl_rows(handle, source, problems):
            if not isinstance(item, dict) or not item.get("platform") or item.get("listing_id") in (None, ""):
                problems.append(f"{source}:{number}: not a classify result (platform, listing_id)")
                continue
            if "takedown" not in item:
                unjudged += 1
            elif item.get("takedown") is True:
                found.append((f"{item['platform']}:{item['listing_id']}", item))
    if unjudged:  # `simwatch parse` output given by mistake would otherwise export nothing, silently
        problems.append(f"{source}: {unjudged} line(s) carry no verdict (no takedown field); "
                        f"classify them first: simwatch classify --input {source} --output results.jsonl")
    return found, problems


def export_results(
    path: str | Path,
    fmt: str,
    out_dir: str | Path,
    platform: str | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    now: datetime | None = None,
) -> tuple[list[Path], list[str]]:
    """The same files as :func:`export_takedowns`, from ``simwatch classify`` output, without
    Elasticsearch (so no evidence ids and nothing recorded). One platform, or each one present.
    Returns the paths written and the problem lines of unreadable input lines.
    """
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(EXPORTERS)}")
    now = now or datetime.now(UTC)
    listings, problems = read_results(path)
    by_platform: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for doc_id, doc in listings:
        name = str(doc["platform"])
        if platform is None or name == platform:
            by_platform.setdefault(name, []).append((doc_id, doc))
    paths: list[Path] = []
    for name in sorted(by_platform):
        if not _SAFE_NAME.fullmatch(name):
            problems.append(f"{path}: platform {name[:40]!r} skipped: not a platform name")
            continue
        rows = build_rows(by_platform[name], {})
        if rows:
            paths.extend(_write_batches(rows, name, fmt, Path(out_dir), now, batch_size))
    return paths, problems


def _queue_batch(
    store: TakedownStore,
    rows: Sequence[TakedownRow],
    listings: dict[str, dict[str, Any]],
    takedowns: dict[str, dict[str, Any]],
    info: BatchInfo,
    by: str,
    now: datetime,
) -> None:
    """Record the batch: new takedowns are created already queued in one bulk request."""
    new_docs = []
    for row in rows:
        doc_id = row.doc_id
        existing = takedowns.get(doc_id)
        if existing is None:
            doc = new_takedown(listings[doc_id], by=by, at=now)
            doc = apply_transition(doc, Status.QUEUED, by=by, at=now, note=f"batch {info.batch_id}")
            doc["batch_id"] = info.batch_id
            new_docs.append({"_op_type": "create", "_index": TAKEDOWNS, "_id": doc_id, "_source": doc})
        else:
            _queue(store, doc_id, existing, info, by, now)
    if new_docs:
        # A takedown created meanwhile by someone else (409) keeps its own state.
        helpers.bulk(store.client, new_docs, raise_on_error=False)


def _queue(
    store: TakedownStore,
    doc_id: str,
    takedown: dict[str, Any],
    info: BatchInfo,
    by: str,
    now: datetime,
) -> None:
    status = takedown.get("status")
    if status in (Status.DETECTED.value, Status.REJECTED.value):
        store.transition(
            doc_id, Status.QUEUED, by=by, at=now, note=f"batch {info.batch_id}", batch_id=info.batch_id
        )
    elif status == Status.QUEUED.value and takedown.get("batch_id") != info.batch_id:
        # Re-exported before being sent: the newest file is the one that will be sent.
        store.update_fields(doc_id, batch_id=info.batch_id)
