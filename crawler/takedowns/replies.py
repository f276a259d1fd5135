"""Import a platform's reply file (CSV or XLSX) into the takedown lifecycle.

A reply names each listing by id (商品ID, listing_id, ...) or URL (商品链接, url, ...) and gives a
result (处理结果, status, ...), optionally a note (备注, ...). The header row is found by its
column names, so a title row above it is fine, and our own bilingual export headers
("商品ID / Listing ID") are recognised too. Every good row is applied; every bad row is reported
as ``file:row: reason`` (row = line number in the CSV, row number in the sheet) and skipped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch

from crawler.takedowns.indices import TAKEDOWNS
from crawler.takedowns.lifecycle import (
    InvalidTransition,
    Status,
    TakedownNotFound,
    TakedownStore,
)
from whitelist.model import RejectedRow  # one row-problem type for every imported file

__all__ = ["ImportResult", "ReplyFileError", "import_reply_file", "parse_status"]

ID_HEADERS = (
    "商品id", "listing_id", "listingid", "listing id", "商品编号", "宝贝id", "item_id", "itemid", "id",
)
URL_HEADERS = ("商品链接", "listing_url", "listing url", "url", "链接", "商品url", "宝贝链接")
STATUS_HEADERS = ("处理结果", "status", "处理状态", "结果", "result", "状态")
NOTE_HEADERS = ("备注", "note", "说明", "处理说明", "reason", "原因", "remarks")
PLATFORM_HEADERS = ("平台", "platform")

# Platform wording → lifecycle status. Matched after lower-casing and removing spaces.
STATUS_WORDS: dict[str, Status] = {
    **dict.fromkeys(
        ("removed", "taken down", "takendown", "已下架", "下架", "已删除", "删除", "已处理",
         "已处置", "已屏蔽", "屏蔽", "处理完成", "done"),
        Status.REMOVED,
    ),
    **dict.fromkeys(
        ("rejected", "reject", "驳回", "已驳回", "拒绝", "不予处理", "未违规", "不违规",
         "无需处理", "not violating"),
        Status.REJECTED,
    ),
    **dict.fromkeys(
        ("acknowledged", "received", "已受理", "受理", "处理中", "审核中", "已收到", "in progress"),
        Status.ACKNOWLEDGED,
    ),
}


class ReplyFileError(ValueError):
    """The reply file cannot be read at all (missing, wrong format, no usable header)."""


@dataclass
class ImportResult:
    applied: list[tuple[str, str]] = field(default_factory=list)  # (takedown id, new status)
    problems: list[RejectedRow] = field(default_factory=list)
    # rows whose takedown already had the status (the same reply imported again)
    unchanged: list[tuple[str, str]] = field(default_factory=list)


def _key(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def parse_status(text: str) -> Status | None:
    """A lifecycle status from a platform's wording (Chinese or English), or None."""
    squashed = re.sub(r"\s+", "", str(text or "")).lower()
    if not squashed:
        return None
    try:
        return Status(squashed)
    except ValueError:
        pass
    for word, status in STATUS_WORDS.items():
        if re.sub(r"\s+", "", word) == squashed:
            return status
    return None


def _header_role(cell: Any) -> str | None:
    # Bilingual headers ("商品ID / Listing ID", "商品链接\nListing URL") count by either half.
    parts = [_key(part) for part in re.split(r"\s*/\s*|\n", str(cell or ""))] + [_key(cell)]
    for role, names in (
        ("id", ID_HEADERS),
        ("url", URL_HEADERS),
        ("status", STATUS_HEADERS),
        ("note", NOTE_HEADERS),
        ("platform", PLATFORM_HEADERS),
    ):
        if any(part in names for part in parts):
            return role
    return None


def _read_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged file
            raise ReplyFileError(f"{path}: not a readable XLSX workbook ({exc})") from exc
        try:
            sheet = workbook.worksheets[0]
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(row)
        finally:
            workbook.close()
        return
    if suffix not in (".csv", ".txt"):
        raise ReplyFileError(f"{path}: unsupported reply format {suffix!r} (use .csv or .xlsx)")
    raw = path.read_bytes()
    # Platform back offices export either UTF-8 (often with BOM) or GB18030/GBK.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise ReplyFileError(f"{path}: neither UTF-8 nor GB18030 text")
    reader = csv.reader(io.StringIO(text, newline=""))
    for row in reader:
        yield reader.line_num, row


def _find_header(rows: Iterable[tuple[int, list[Any]]], path: Path,
                 need_status: bool = True) -> tuple[dict[str, int], Iterator]:
    iterator = iter(rows)
    for number, cells in iterator:
        roles: dict[str, int] = {}
        for index, cell in enumerate(cells):
            role = _header_role(cell)
            if role and role not in roles:
                roles[role] = index
        if ("status" in roles or not need_status) and ("id" in roles or "url" in roles):
            return roles, iterator
        if number >= 20:
            break
    raise ReplyFileError(
        f"{path}: no header row with a listing id/URL column and a status/处理结果 column "
        "in the first 20 rows"
    )


def _canonical_url(url: str) -> str:
    url = url.strip().split("#", 1)[0]
    url = re.sub(r"^https?://", "", url, flags=re.I)
    url = re.sub(r"^(www\.|m\.)", "", url, flags=re.I)
    return url.rstrip("/").lower()


def import_reply_file(
    client: Elasticsearch,
    path: str | Path,
    by: str,
    platform: str | None = None,
    at: datetime | None = None,
    status: Status | None = None,
) -> ImportResult:
    """Apply a reply file's results; returns what was applied, what already had its status and
    every rejected row. With ``status``, every listing the file names moves to it and the file
    needs no status column (``takedowns mark --reply FILE --status sent``)."""
    fixed_status = status
    path = Path(path)
    if not path.is_file():
        raise ReplyFileError(f"{path}: no such file")
    store = TakedownStore(client, refresh="wait_for")  # move() reads back what it wrote
    by_url: dict[str, str] = {}
    by_listing_id: dict[str, list[str]] = {}
    for doc_id, doc in store.scan():
        if doc.get("url"):
            by_url[_canonical_url(str(doc["url"]))] = doc_id
        by_listing_id.setdefault(str(doc.get("listing_id")), []).append(doc_id)
    known_ids = {doc_id for ids in by_listing_id.values() for doc_id in ids}
    roles, rows = _find_header(_read_rows(path), path, need_status=fixed_status is None)
    result = ImportResult()
    name = str(path)
    for number, cells in rows:
        if not any(str(cell or "").strip() for cell in cells):
            continue

        def cell(role: str, cells: list[Any] = cells) -> str:
            index = roles.get(role)
            if index is None or index >= len(cells) or cells[index] is None:
                return ""
            value = cells[index]
            if isinstance(value, float) and value.is_integer():  # Excel turns ids into floats
                value = int(value)
            return str(value).strip()

        status_text = cell("status")
        status = fixed_status or parse_status(status_text)
        if status is None:
            reason = f"unknown status {status_text!r}" if status_text else "status is empty"
            result.problems.append(RejectedRow(name, number, reason))
            continue
        doc_id, reason = _match(
            cell("id"), cell("url"), cell("platform") or platform, by_url, by_listing_id, known_ids
        )
        if doc_id is None:
            result.problems.append(RejectedRow(name, number, reason))
            continue
        note = cell("note") or None
        try:
            state, _ = store.move(doc_id, status, by=by, note=note, at=at)
        except (InvalidTransition, TakedownNotFound) as exc:
            result.problems.append(RejectedRow(name, number, str(exc)))
            continue
        (result.applied if state == "changed" else result.unchanged).append((doc_id, status.value))
    client.indices.refresh(index=TAKEDOWNS)
    return result


def _match(
    listing_id: str,
    url: str,
    platform: str | None,
    by_url: dict[str, str],
    by_listing_id: dict[str, list[str]],
    known_ids: set[str],
) -> tuple[str | None, str]:
    if listing_id:
        if ":" in listing_id and listing_id in known_ids:  # already platform:listing_id
            return listing_id, ""
        candidates = sorted(by_listing_id.get(listing_id, []))
        if platform:
            candidates = [d for d in candidates if d.startswith(f"{platform}:")]
        if len(candidates) == 1:
            return candidates[0], ""
        if len(candidates) > 1:
            return None, (
                f"listing id {listing_id!r} is on several platforms ({', '.join(candidates)}): "
                "add a platform column"
            )
    if url:
        doc_id = by_url.get(_canonical_url(url))
        if doc_id:
            return doc_id, ""
    if not listing_id and not url:
        return None, "no listing id or URL"
    what = f"listing id {listing_id!r}" if listing_id else f"URL {url!r}"
    return None, f"no takedown for {what}"
