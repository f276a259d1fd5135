from __future__ import annotations

import csv
import json
import subprocess
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pdfplumber
import pytest
from elasticsearch import Elasticsearch
from openpyxl import load_workbook
from PIL import Image, ImageStat

from crawler.takedowns.export import BATCH_SIZE, COLUMNS, batches, build_rows, export_takedowns
from crawler.takedowns.lifecycle import TakedownStore
from tests.crawler.takedowns.conftest import index_listings, listing_doc

NOW = datetime(2025, 3, 5, 9, 30, tzinfo=UTC)


def _seed(es: Elasticsearch) -> None:
    index_listings(
        es,
        [
            listing_doc("taobao", "1", risk=40),
            listing_doc("taobao", "2", risk=95, title="已实名 成品卡 <批量> & 出售",
                        violations=("pre_registered", "bulk_trading")),
            listing_doc("taobao", "3", risk=70, violations=("verification_service",)),
            listing_doc("taobao", "4", risk=99, takedown=False, violations=()),
            listing_doc("jd", "5", risk=80),
            listing_doc("taobao", "6", risk=60, last_seen="2025-01-01T00:00:00Z"),
        ],
    )


def test_csv_rows_ordered_by_risk_with_rule_basis(es: Elasticsearch, tmp_path: Path) -> None:
    _seed(es)
    paths = export_takedowns(es, "taobao", "csv", tmp_path, now=NOW)
    assert [p.name for p in paths] == ["takedowns_taobao_2025-03-05_001.csv"]
    with paths[0].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    assert header[3] == "商品链接 / Listing URL"
    ids = [row[2] for row in body]
    assert ids == ["2", "3", "6", "1"]  # risk order; non-takedown and other platform left out
    by_id = {row[2]: dict(zip([c[0] for c in COLUMNS], row, strict=True)) for row in body}
    basis = by_id["2"]["rule_basis"]
    assert "第三十一条" in basis and "第十四条" in basis
    assert "第十四条" in by_id["3"]["rule_basis"]
    assert "POLICY" not in by_id["1"]["rule_basis"] and "虚构代理关系" in by_id["1"]["rule_basis"]
    assert "出售已实名电话卡" in by_id["2"]["violations"]
    assert by_id["1"]["shop_url"] == "https://shop.example.test/shop1"
    assert by_id["1"]["carrier"] == "中国联通"
    # exporting queues the takedowns with their batch id
    doc = TakedownStore(es).get("taobao:2")
    assert doc is not None and doc["status"] == "queued"
    assert doc["batch_id"] == "taobao_2025-03-05_001"
    assert [h["status"] for h in doc["history"]] == ["detected", "queued"]


def test_since_filters_on_last_seen(es: Elasticsearch, tmp_path: Path) -> None:
    _seed(es)
    paths = export_takedowns(es, "taobao", "json", tmp_path, since="2025-02-01", now=NOW)
    payload = json.loads(paths[0].read_text(encoding="utf-8"))
    assert [row["listing_id"] for row in payload["rows"]] == ["2", "3", "1"]
    assert payload["count"] == 3 and payload["platform"] == "taobao"
    with pytest.raises(ValueError, match="not a date"):
        export_takedowns(es, "taobao", "json", tmp_path, since="last tuesday")


def test_no_flagged_listings_writes_nothing(es: Elasticsearch, tmp_path: Path) -> None:
    assert export_takedowns(es, "pinduoduo", "csv", tmp_path / "out") == []
    assert not (tmp_path / "out").exists()


def test_unknown_format_is_rejected(es: Elasticsearch, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format 'docx'"):
        export_takedowns(es, "taobao", "docx", tmp_path)


def test_batches_split_at_300(es: Elasticsearch, tmp_path: Path) -> None:
    index_listings(es, [listing_doc("xianyu", str(i), risk=i % 100) for i in range(BATCH_SIZE + 1)])
    paths = export_takedowns(es, "xianyu", "csv", tmp_path, now=NOW)
    assert [p.name for p in paths] == [
        "takedowns_xianyu_2025-03-05_001.csv",
        "takedowns_xianyu_2025-03-05_002.csv",
    ]
    counts = [len(list(csv.reader(p.open(encoding="utf-8-sig", newline="")))) - 1 for p in paths]
    assert counts == [300, 1]
    batch_ids = Counter(doc["batch_id"] for _, doc in TakedownStore(es).scan())
    assert batch_ids == {"xianyu_2025-03-05_001": 300, "xianyu_2025-03-05_002": 1}
    assert [len(b) for b in batches(list(range(601)))] == [300, 300, 1]


def test_xlsx_has_frozen_bilingual_header_and_filters(es: Elasticsearch, tmp_path: Path) -> None:
    _seed(es)
    [path] = export_takedowns(es, "taobao", "xlsx", tmp_path, now=NOW)
    sheet = load_workbook(path).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:Q{4 + 1}"
    assert sheet["D1"].value == "商品链接\nListing URL"
    assert sheet["C2"].value == "2" and sheet["Q2"].value == 95
    assert sheet.max_row == 5


def _png_stddev(path: Path) -> float:
    with Image.open(path) as image:
        return max(ImageStat.Stat(image.convert("L")).stddev)


def test_pdf_renders_cover_and_table(es: Elasticsearch, tmp_path: Path) -> None:
    _seed(es)
    [path] = export_takedowns(es, "taobao", "pdf", tmp_path, now=NOW)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 2
        cover = pdf.pages[0].extract_text() or ""
    assert "taobao" in cover and "2025-03-05" in cover
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", "1", "-l", "2", "-png", str(path), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    for page in pages:
        assert _png_stddev(page) > 5, f"{page.name} looks blank"


def test_build_rows_uses_takedown_evidence() -> None:
    rows = build_rows(
        [("jd:9", listing_doc("jd", "9"))],
        {"jd:9": {"evidence_id": "run1/000001", "evidence_sha256": "ab" * 32}},
    )
    assert rows[0].evidence_id == "run1/000001" and rows[0].evidence_sha256 == "ab" * 32
