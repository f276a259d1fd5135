"""Bounded whitelist import: generated bombs (small on disk) fail fast with one clear error (#18)."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from whitelist import loaders
from whitelist.loaders import LIMITS, load
from whitelist.model import WhitelistFileError

HEADER = "网店名称,所属平台,运营商\n"


def _workbook(path: Path, rows: int = 3) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["网店名称", "所属平台", "运营商"])
    for n in range(rows):
        sheet.append([f"联通授权店{n}", "淘宝", "中国联通"])
    workbook.save(path)
    return path


def _xlsx_bomb(path: Path, sheet_bytes: int) -> Path:
    """A real workbook whose sheet XML is ``sheet_bytes`` of rows that deflate ~1000:1."""
    source = _workbook(path.with_name("source.xlsx"))
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(
        path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9
    ) as bomb:
        for item in original.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(item, original.read(item))
                continue
            with bomb.open(item.filename, "w", force_zip64=True) as sheet:
                sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                            b'spreadsheetml/2006/main"><sheetData>')
                chunk = row * (1 << 14)
                for _ in range(sheet_bytes // len(chunk)):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")
    return path


def test_xlsx_bomb_refused_before_openpyxl_reads_it(tmp_path: Path) -> None:
    path = _xlsx_bomb(tmp_path / "bomb.xlsx", 48 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024  # small on disk
    with pytest.raises(WhitelistFileError, match=r"bomb\.xlsx: member xl/worksheets/sheet1\.xml "
                                                 r"unpacks .* decompression bomb"):
        load(path)


def test_xlsx_total_declared_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _xlsx_bomb(tmp_path / "big.xlsx", 4 * 1024 * 1024)
    monkeypatch.setattr(loaders, "LIMITS", dataclasses.replace(
        LIMITS, xlsx_uncompressed=2 * 1024 * 1024, xlsx_ratio=10**6))
    with pytest.raises(WhitelistFileError, match=r"big\.xlsx: unpacks to [\d,]+ bytes \(limit 2,097,152\)"):
        load(path)


def test_row_limits_in_csv_and_xlsx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "LIMITS", dataclasses.replace(LIMITS, rows=100))
    csv_path = tmp_path / "many.csv"
    csv_path.write_text(HEADER + "".join(f"店{n},淘宝,中国联通\n" for n in range(150)), encoding="utf-8")
    with pytest.raises(WhitelistFileError, match=r"many\.csv: more than 100 rows \(limit\)"):
        load(csv_path)
    with pytest.raises(WhitelistFileError, match=r"many\.xlsx: more than 100 rows \(limit\)"):
        load(_workbook(tmp_path / "many.xlsx", rows=150))
    assert len(load(_workbook(tmp_path / "few.xlsx", rows=50)).entries) == 50


def test_cell_length_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(HEADER + "店1,淘宝,中国联通\n" + "店" * 20_000 + ",淘宝,中国联通\n", encoding="utf-8")
    with pytest.raises(WhitelistFileError, match=r"long\.csv:3: cell of 20000 characters \(limit 10000\)"):
        load(path)


def test_nested_tables_fail_fast(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    path.write_text("<html><body>" + "<table><tr><td>" * 3000 + "x" + "</td></tr></table>" * 3000
                    + "</body></html>", encoding="utf-8")
    assert path.stat().st_size < 100_000
    with pytest.raises(WhitelistFileError, match=r"nested\.html: tables nested more than 32 deep"):
        load(path)


def test_deep_elements_fail_fast(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    table = "<table><tr><th>网店名称</th><th>所属平台</th><th>运营商</th></tr>" \
            "<tr><td>店1</td><td>淘宝</td><td>中国联通</td></tr></table>"
    path.write_text("<html><body>" + "<div>" * 3000 + table + "</div>" * 3000 + "</body></html>",
                    encoding="utf-8")
    with pytest.raises(WhitelistFileError, match=r"deep\.html: elements nested more than 200 deep"):
        load(path)


def test_tables_within_limits_keep_their_own_rows(tmp_path: Path) -> None:
    """Nested layout tables within the limit: each data row belongs to its nearest table only."""
    data = "<table><tr><th>网店名称</th><th>所属平台</th><th>运营商</th></tr>" \
           "<tr><td>店{n}</td><td>淘宝</td><td>中国联通</td></tr></table>"
    body = "".join("<table><tr><td>" + data.format(n=n) for n in range(20)) + "</td></tr></table>" * 20
    path = tmp_path / "layout.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    result = load(path)
    assert sorted(e.shop_name or "" for e in result.entries) == sorted(f"店{n}" for n in range(20))
    assert result.rejected == []


def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "LIMITS", dataclasses.replace(LIMITS, file_bytes=1000))
    path = tmp_path / "huge.csv"
    path.write_text(HEADER + "店1,淘宝,中国联通\n" * 200, encoding="utf-8")
    with pytest.raises(WhitelistFileError, match=r"huge\.csv: [\d,]+ bytes, larger than the 1,000-byte limit"):
        load(path)
