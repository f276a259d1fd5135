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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers

from crawler.store.queries import takedown_candidates_query
from crawler.takedowns.indices import LISTINGS, TAKEDOWNS, mget_docs, scan_docs
from crawler.takedowns.legal import rule_basis_text, violation_labels
from crawler.takedowns.lifecycle import (
    Status,
    TakedownStore,
    apply_transition,
    new_takedown,
    parse_time,
)

__all__ = [
    "BATCH_SIZE",
    "COLUMNS",
    "EXPORTERS",
    "TakedownRow",
    "batches",
    "build_rows",
    "export_takedowns",
    "write_batch",
]

BATCH_SIZE = 300
CLOSED_STATUSES = frozenset({Status.REMOVED.value, Status.RELISTED.value})

# (row attribute, Chinese header, English header): one place for every format's header.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("rank", "序号", "No."),
    ("platform", "平台", "Platform"),
    ("listing_id", "商品ID", "Listing ID"),
    ("listing_url", "商品链接", "Listing URL"),
    ("title", "商品标题", "Title"),
    ("shop_name", "店铺名称", "Shop name"),
    ("shop_id", "店铺ID", "Shop ID"),
    ("shop_url", "店铺链接", "Shop URL"),
    ("carrier", "运营商", "Carrier"),
    ("violations", "违规类型", "Violations"),
    ("reasons", "违规理由", "Reasons"),
    ("rule_basis", "规则依据", "Rule basis"),
    ("evidence_id", "证据编号", "Evidence ID"),
    ("evidence_sha256", "证据SHA-256", "Evidence SHA-256"),
    ("first_seen", "首次发现", "First seen"),
    ("last_seen", "最近发现", "Last seen"),
    ("risk_score", "风险分", "Risk score"),
)


@dataclass
class TakedownRow:
    rank: int
    platform: str
    listing_id: str
    listing_url: str
    title: str
    shop_name: str
    shop_id: str
    shop_url: str
    carrier: str
    violations: str
    reasons: str
    rule_basis: str
    evidence_id: str
    evidence_sha256: str
    first_seen: str
    last_seen: str
    risk_score: int
    doc_id: str = ""  # platform:listing_id, the takedown/listing document id

    def values(self) -> list[Any]:
        return [getattr(self, name) for name, _, _ in COLUMNS]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _risk(doc: dict[str, Any]) -> int:
    try:
        return int(doc.get("risk_score") or 0)
    except (TypeError, ValueError):
        return 0


def build_rows(
    listings: Iterable[tuple[str, dict[str, Any]]], takedowns: dict[str, dict[str, Any]]
) -> list[TakedownRow]:
    """Rows ordered by risk (highest first), then first seen (oldest first), then doc id."""
    ordered = sorted(
        listings, key=lambda item: (-_risk(item[1]), _text(item[1].get("first_seen")), item[0])
    )
    rows = []
    for rank, (doc_id, doc) in enumerate(ordered, start=1):
        takedown = takedowns.get(doc_id, {})
        violations = list(doc.get("violations") or [])
        rows.append(
            TakedownRow(
                rank=rank,
                platform=_text(doc.get("platform")),
                listing_id=_text(doc.get("listing_id")),
                listing_url=_text(doc.get("url")),
                title=_text(doc.get("title")),
                shop_name=_text(doc.get("shop_name")),
                shop_id=_text(doc.get("shop_id")),
                shop_url=_text(doc.get("shop_url")),
                carrier="、".join(doc.get("carriers") or []) or "未知",
                violations="；".join(violation_labels(violations)),
                reasons="；".join(_text(r) for r in doc.get("reasons") or []),
                rule_basis=rule_basis_text(violations),
                evidence_id=_text(takedown.get("evidence_id") or doc.get("evidence_id")),
                evidence_sha256=_text(
                    takedown.get("evidence_sha256") or doc.get("evidence_sha256")
                ),
                first_seen=_text(doc.get("first_seen")),
                last_seen=_text(doc.get("last_seen")),
                risk_score=_risk(doc),
                doc_id=doc_id,
            )
        )
    return rows


def batches(rows: Sequence[TakedownRow], size: int = BATCH_SIZE) -> list[Sequence[TakedownRow]]:
    if size < 1:
        raise ValueError(f"batch size must be positive, got {size}")
    return [rows[start : start + size] for start in range(0, len(rows), size)]


@dataclass(frozen=True)
class BatchInfo:
    platform: str
    day: str  # YYYY-MM-DD the list was produced
    number: int  # 1-based
    total: int  # number of batches in this export
    generated_at: str

    @property
    def batch_id(self) -> str:
        return f"{self.platform}_{self.day}_{self.number:03d}"


# --- writers ----------------------------------------------------------------------------------


def _write_csv(rows: Sequence[TakedownRow], path: Path, info: BatchInfo) -> None:
    # utf-8-sig: Excel (what intake staff open CSVs with) needs the BOM to read Chinese.
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow([f"{zh} / {en}" for _, zh, en in COLUMNS])
        for row in rows:
            writer.writerow(row.values())


def _write_json(rows: Sequence[TakedownRow], path: Path, info: BatchInfo) -> None:
    payload = {
        "platform": info.platform,
        "batch_id": info.batch_id,
        "batch": info.number,
        "batches": info.total,
        "generated_at": info.generated_at,
        "count": len(rows),
        "columns": [{"key": key, "zh": zh, "en": en} for key, zh, en in COLUMNS],
        "rows": [asdict(row) for row in rows],
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")


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
    for row in rows:
        sheet.append(row.values())
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[1].height = 32
    widths = {"listing_url": 40, "title": 40, "reasons": 50, "rule_basis": 50, "violations": 30}
    for index, (key, _, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(key, 16)
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"
    workbook.properties.title = f"simwatch takedowns {info.batch_id}"
    workbook.save(path)


def _write_pdf(rows: Sequence[TakedownRow], path: Path, info: BatchInfo) -> None:
    from crawler.takedowns.pdf import write_notice

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
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    chunks = batches(rows, batch_size)
    listing_by_id = dict(listings)
    store = TakedownStore(client, refresh=False)
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
        if record:
            _queue_batch(store, chunk, listing_by_id, takedowns, info, by, now)
    if record:
        client.indices.refresh(index=TAKEDOWNS)
    return paths


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
