"""The PDF takedown notice: a cover page (platform, count, date, legal basis) and a table.

reportlab renders Chinese with its built-in CID font ``STSong-Light`` (Adobe's Asian font pack
is referenced, not embedded, so no font file is needed and every PDF viewer and poppler can
display it).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from crawler.takedowns.legal import RULE_BASIS

if TYPE_CHECKING:
    from crawler.takedowns.export import BatchInfo, TakedownRow

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=22, leading=30, spaceAfter=12)
_BODY = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=16, spaceAfter=4)
_CELL = ParagraphStyle("cell", fontName=FONT, fontSize=7.5, leading=9.5, wordWrap="CJK")
_HEAD = ParagraphStyle("head", parent=_CELL, textColor=colors.white)


def _p(text: object, style: ParagraphStyle = _CELL) -> Paragraph:
    # Paragraph takes mini-HTML: escape listing text (titles contain < > &) and keep line breaks.
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _cover(rows: Sequence[TakedownRow], info: BatchInfo) -> list[object]:
    violations = sorted({code for row in rows for code in _codes(row.violations)})
    story: list[object] = [
        Spacer(1, 30 * mm),
        _p("违规售卡商品下架通知", _TITLE),
        _p("Notice of listings selling SIM cards in violation of the law", _BODY),
        Spacer(1, 8 * mm),
        _p(f"平台 Platform：{info.platform}", _BODY),
        _p(f"商品数量 Listings：{len(rows)}", _BODY),
        _p(f"日期 Date：{info.day}（生成 generated {info.generated_at}）", _BODY),
        _p(f"批次 Batch：{info.batch_id}（{info.number}/{info.total}）", _BODY),
        Spacer(1, 8 * mm),
        _p(
            "下列商品经 simwatch 监测，涉嫌违反《反电信网络诈骗法》及运营商网络售卡代理管理规定，"
            "请依据《电子商务法》第二十九条及《反电信网络诈骗法》第二十五条予以核查并下架处理。"
            "每条记录附证据编号及 SHA-256 校验值，可据此核验取证文件。",
            _BODY,
        ),
        Spacer(1, 6 * mm),
        _p("涉及规则依据 Rule basis:", _BODY),
    ]
    for code in violations:
        basis = RULE_BASIS.get(code)
        if basis:
            story.append(_p(f"- {basis.label_zh}（{code}）：{basis.text}", _BODY))
    story.append(PageBreak())
    return story


def _codes(violations_cell: str) -> list[str]:
    # The cell holds "中文 (code)；中文 (code)": take the codes back out for the cover summary.
    codes = []
    for part in violations_cell.split("；"):
        part = part.strip()
        if part.endswith(")") and "(" in part:
            codes.append(part[part.rindex("(") + 1 : -1])
        elif part:
            codes.append(part)
    return codes


def write_notice(rows: Sequence[TakedownRow], path: Path, info: BatchInfo) -> None:
    document = SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=f"下架通知 {info.batch_id}",
        author="simwatch",
    )
    header = [
        _p(text, _HEAD)
        for text in (
            "序号\nNo.",
            "商品 Listing",
            "店铺 Shop",
            "运营商\nCarrier",
            "违规类型与理由\nViolations / reasons",
            "规则依据\nRule basis",
            "证据 Evidence",
            "发现时间\nSeen",
            "风险\nRisk",
        )
    ]
    data = [header]
    for row in rows:
        data.append(
            [
                _p(row.rank),
                _p(f"{row.title}\n{row.listing_url}\nID {row.listing_id}"),
                _p(f"{row.shop_name}\n{row.shop_id}\n{row.shop_url}"),
                _p(row.carrier),
                _p(f"{row.violations}\n{row.reasons}"),
                _p(row.rule_basis),
                _p(f"{row.evidence_id}\n{row.evidence_sha256}"),
                _p(f"{row.first_seen}\n{row.last_seen}"),
                _p(row.risk_score),
            ]
        )
    widths = [10, 62, 40, 18, 50, 42, 32, 22, 10]
    table = LongTable(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1F4E79")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F2F2")]),
            ]
        )
    )

    def footer(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(10 * mm, 6 * mm, f"simwatch {info.batch_id} — 第 {doc.page} 页")
        canvas.restoreState()

    document.build([*_cover(rows, info), table], onFirstPage=footer, onLaterPages=footer)
