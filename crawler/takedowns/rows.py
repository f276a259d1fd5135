"""The rows of a takedown list and the batch they belong to: what every export format writes.

Kept apart from ``export`` (which queries and writes) and ``pdf`` (which renders), so both import
this module and neither imports the other (#21: no import loop). Rows hold the listing's text
as it was crawled — hostile — and each writer neutralises it through :mod:`crawler.safety`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from crawler.takedowns.legal import rule_basis_text, violation_labels

__all__ = ["COLUMNS", "BatchInfo", "TakedownRow", "build_rows"]

log = logging.getLogger(__name__)

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
    ("rule_basis", "法律依据", "Legal basis"),
    ("evidence_id", "证据编号", "Evidence ID"),
    ("evidence_sha256", "证据SHA-256", "Evidence SHA-256"),
    ("first_seen", "首次发现(UTC)", "First seen (UTC)"),
    ("last_seen", "最近发现(UTC)", "Last seen (UTC)"),
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
    violation_codes: tuple[str, ...] = ()

    def values(self) -> list[Any]:
        return [getattr(self, name) for name, _, _ in COLUMNS]


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


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _risk(doc: dict[str, Any]) -> int:
    try:
        return int(doc.get("risk_score") or 0)
    except (TypeError, ValueError, OverflowError):
        return 0


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [_text(v) for v in value]
    return [_text(value)]


def _row(rank: int, doc_id: str, doc: dict[str, Any], takedown: dict[str, Any]) -> TakedownRow:
    violations = _strings(doc.get("violations"))
    return TakedownRow(
        rank=rank,
        platform=_text(doc.get("platform")),
        listing_id=_text(doc.get("listing_id")),
        listing_url=_text(doc.get("url")),
        title=_text(doc.get("title")),
        shop_name=_text(doc.get("shop_name")),
        shop_id=_text(doc.get("shop_id")),
        shop_url=_text(doc.get("shop_url")),
        carrier="、".join(_strings(doc.get("carriers"))) or "未知",
        violations="；".join(violation_labels(violations)),
        reasons="；".join(_strings(doc.get("reasons"))),
        rule_basis=rule_basis_text(violations),
        evidence_id=_text(takedown.get("evidence_id") or doc.get("evidence_id")),
        evidence_sha256=_text(takedown.get("evidence_sha256") or doc.get("evidence_sha256")),
        first_seen=_text(doc.get("first_seen") or doc.get("observed_at")),
        last_seen=_text(doc.get("last_seen") or doc.get("observed_at")),
        risk_score=_risk(doc),
        doc_id=doc_id,
        violation_codes=tuple(violations),
    )


def build_rows(
    listings: Iterable[tuple[str, dict[str, Any]]], takedowns: dict[str, dict[str, Any]]
) -> list[TakedownRow]:
    """Rows ordered by risk (highest first), then first seen (oldest first), then doc id.

    A listing whose fields cannot be read as a row is logged in one line and left out; the
    other rows are still built.
    """
    ordered = sorted(
        listings, key=lambda item: (-_risk(item[1]), _text(item[1].get("first_seen")), item[0])
    )
    rows = []
    for doc_id, doc in ordered:
        try:
            rows.append(_row(len(rows) + 1, doc_id, doc, takedowns.get(doc_id, {})))
        except Exception as exc:  # one hostile document must not stop the list
            log.warning("takedown row %s skipped: %s: %s", doc_id, type(exc).__name__, exc)
    return rows
