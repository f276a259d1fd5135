from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.whitelist.samples import HEADERS, ROWS, WRITERS, write_csv, write_html, write_xlsx
from whitelist.loaders import LOADERS, load, parse_date, parse_validity
from whitelist.model import WhitelistError, WhitelistFileError
from whitelist.registry import content_hash


def _contents(path: Path) -> list[dict]:
    result = load(path)
    assert [str(r) for r in result.rejected] == []
    return sorted((e.content() for e in result.entries), key=lambda c: c["agent_code"])


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("samples")
    files = {fmt: writer(folder / f"list.{fmt}") for fmt, writer in WRITERS.items()}
    files["csv-gbk"] = write_csv(folder / "list-gbk.csv", "gbk")
    files["csv-bom"] = write_csv(folder / "list-bom.csv", "utf-8-sig")
    files["html-gbk"] = write_html(folder / "list-gbk.html", "gbk")
    return files


def test_registry_keyed_by_format() -> None:
    assert set(LOADERS) == {"csv", "xlsx", "html", "pdf"}


def test_csv_entries_read_exactly(samples: dict[str, Path]) -> None:
    entries = {e.agent_code: e for e in load(samples["csv"]).entries}
    assert len(entries) == len(ROWS)
    first = entries["YD-001"]
    assert first.carriers == ("中国移动", "中国联通")
    assert first.platform == "tmall" and first.shop_id == "moumou"
    assert first.company_name == "某某科技有限公司" and first.credit_code == "91440300MA5ABCDE1X"
    assert (first.valid_from, first.valid_to) == (date(2024, 1, 1), date(2025, 12, 31))
    assert first.source == "list.csv" and first.row == 4  # title row, blank row, header, row 1
    assert entries["YD-002"].valid_to is None  # 长期
    assert entries["YD-002"].shop_id == "1000123"
    assert entries["YD-004"].shop_id == "778899" and entries["YD-004"].platform == "pinduoduo"
    assert entries["YD-005"].shop_id == "DyShop01"
    assert entries["YD-006"].shop_id == "9988" and entries["YD-006"].platform == "xianyu"
    assert entries["YD-007"].shop_id is None and entries["YD-007"].shop_url is None
    assert entries["YD-008"].shop_id == "2000456"


@pytest.mark.parametrize("fmt", ["xlsx", "html", "pdf", "csv-gbk", "csv-bom", "html-gbk"])
def test_every_format_gives_the_same_snapshot_content(samples: dict[str, Path], fmt: str) -> None:
    reference = _contents(samples["csv"])
    assert _contents(samples[fmt]) == reference
    assert content_hash(load(samples[fmt]).entries) == content_hash(load(samples["csv"]).entries)


def test_html_tables_found_anywhere_and_rowspan_carriers(samples: dict[str, Path]) -> None:
    result = load(samples["html"])
    by_code = {e.agent_code: e for e in result.entries}
    # Rows 2..7 share one rowspan carrier cell; row 8 is in a second table further down.
    assert all(by_code[f"YD-00{i}"].carriers == ("中国移动",) for i in range(2, 8))
    assert by_code["YD-008"].source == "list.html[table 4]"
    assert by_code["YD-001"].source == "list.html[table 3]"  # nested in a layout table


def test_pdf_table_continues_over_pages(samples: dict[str, Path]) -> None:
    entries = load(samples["pdf"]).entries
    assert {e.source for e in entries} == {"list.pdf[p1]", "list.pdf[p2]"}


def test_xlsx_typed_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["platform", "shop id", "shop name", "valid to", "carrier"])
    sheet.append(["jd", 1000123, "Foo", 45657, "China Mobile"])  # numeric id, Excel serial date
    book.save(tmp_path / "typed.xlsx")
    (entry,) = load(tmp_path / "typed.xlsx").entries
    assert entry.shop_id == "1000123" and entry.valid_to == date(2024, 12, 31)
    assert entry.carriers == ("中国移动",)


def test_carrier_from_argument_when_no_column(tmp_path: Path) -> None:
    path = tmp_path / "nocarrier.csv"
    path.write_text("店铺名称,平台,店铺链接\n甲店,京东,https://mall.jd.com/index-1.html\n", encoding="utf-8")
    assert load(path, carrier="移动").entries[0].carriers == ("中国移动",)
    result = load(path)
    assert [str(r) for r in result.rejected] == [
        "nocarrier.csv:2: no carrier: empty carrier cell and no --carrier given"]
    with pytest.raises(WhitelistError, match="unknown carrier"):
        load(path, carrier="火星通信")


def test_rows_of_another_carrier_are_rejected_under_carrier_argument(tmp_path: Path) -> None:
    """--carrier says whose list this is: a row naming another carrier is not that carrier's
    authorisation, so it is rejected with its file:row, never relabelled."""
    path = tmp_path / "mixed.csv"
    path.write_text("运营商,店铺名称,平台,店铺链接\n"
                    "中国移动,甲店,京东,https://mall.jd.com/index-1.html\n"
                    "中国联通,乙店,京东,https://mall.jd.com/index-2.html\n"
                    ",丙店,京东,https://mall.jd.com/index-3.html\n"
                    "中国移动、中国电信,丁店,京东,https://mall.jd.com/index-4.html\n", encoding="utf-8")
    result = load(path, carrier="中国移动")
    assert [(e.shop_name, e.carriers) for e in result.entries] == [
        ("甲店", ("中国移动",)), ("丙店", ("中国移动",))]
    assert [str(r) for r in result.rejected] == [
        "mixed.csv:3: carrier column names 中国联通, not --carrier 中国移动 (import it with its "
        "own --carrier, or without --carrier)",
        "mixed.csv:5: carrier column names 中国电信, not --carrier 中国移动 (import it with its "
        "own --carrier, or without --carrier)"]
    assert len(load(path).entries) == 3  # without --carrier each row keeps its own carriers


def test_english_headers_and_platform_from_url(tmp_path: Path) -> None:
    path = tmp_path / "en.csv"
    path.write_text(
        "Carrier;Company;Shop Name;Shop URL;Valid From;Valid To\n"
        "China Unicom;Foo Ltd;Foo Store;https://shop42.taobao.com;2024-01-01;permanent\n",
        encoding="utf-8")
    (entry,) = load(path).entries
    assert (entry.platform, entry.shop_id, entry.carriers, entry.valid_to) == \
        ("taobao", "42", ("中国联通",), None)


def test_bad_rows_reported_with_file_row_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    lines = [
        ",".join(HEADERS),
        "1,中国移动,甲公司,,甲店,京东,https://mall.jd.com/index-1.html,A1,2024-01-01,2024-12-31",
        "2,中国移动,乙公司,,乙店,拍拍,,A2,2024-01-01,2024-12-31",
        "3,中国移动,丙公司,,丙店,京东,https://mall.jd.com/index-3.html,A3,2024-01-01,2024-02-30",
        "4,中国移动,丁公司,,,京东,,A4,2024-01-01,2024-12-31",
        "5,中国移动,甲公司,,甲店,京东,//mall.jd.com/index-1.html?spm=x,A1,2024-01-01,2024-12-31",
        "6,火星通信,戊公司,,戊店,京东,https://mall.jd.com/index-6.html,A6,2024-01-01,2024-12-31",
        "7,中国移动,己公司,,己店,淘宝,https://mall.jd.com/index-7.html,A7,2024-01-01,2024-12-31",
        "8,中国移动,庚公司,,庚店,京东,https://mall.jd.com/index-8.html,A8,2025-01-01,2024-12-31",
        "",
        "9,中国移动,辛公司,,辛店,京东,https://mall.jd.com/index-9.html,A9,明天,长期",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load(path)
    assert [e.agent_code for e in result.entries] == ["A1"]
    assert [str(r) for r in result.rejected] == [
        "bad.csv:3: unknown platform '拍拍'",
        "bad.csv:4: bad date '2024-02-30' (day is out of range for month) in 有效期至",
        "bad.csv:5: no shop identity: shop name, shop URL and shop id are all empty",
        "bad.csv:6: duplicate of bad.csv:2 (jd shop 1, 中国移动)",
        "bad.csv:7: unknown carrier '火星通信'",
        "bad.csv:8: platform '淘宝' does not match shop URL 'https://mall.jd.com/index-7.html' (jd)",
        "bad.csv:9: valid from 2025-01-01 is after valid to 2024-12-31",
        "bad.csv:11: bad date '明天' in 有效期起",
    ]
    assert result.rows == 9 and result.rejected_share == pytest.approx(8 / 9)


def test_same_shop_for_two_carriers_on_two_rows_is_not_a_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    path.write_text("运营商,平台,店铺ID\n中国移动,京东,1\n中国联通,京东,1\n", encoding="utf-8")
    result = load(path)
    assert len(result.entries) == 2 and not result.rejected


def test_truncated_xlsx(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx")
    bad = tmp_path / "truncated.xlsx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(WhitelistFileError, match="truncated.xlsx: not a readable XLSX"):
        load(bad)


def test_binary_garbage_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(WhitelistFileError, match="garbage.csv: binary data"):
        load(path)


def test_undecodable_csv(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("网店名称,平台\n".encode() + b"\xff\xfe\xfd\x81\x30\n")
    with pytest.raises(WhitelistFileError, match="latin.csv: not UTF-8 or GBK"):
        load(path)


def test_missing_header(tmp_path: Path) -> None:
    path = tmp_path / "noheader.csv"
    path.write_text("1,中国移动,甲店,京东\n2,中国移动,乙店,京东\n", encoding="utf-8")
    with pytest.raises(WhitelistFileError, match="noheader.csv: missing header"):
        load(path)
    page = tmp_path / "notables.html"
    page.write_text("<html><body><table><tr><td>首页</td></tr></table></body></html>", encoding="utf-8")
    with pytest.raises(WhitelistFileError, match="missing header"):
        load(page)


def test_damaged_pdf_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage")
    with pytest.raises(WhitelistFileError, match="broken.pdf"):
        load(path)
    with pytest.raises(WhitelistFileError, match="no such file"):
        load(tmp_path / "absent.csv")
    legacy = tmp_path / "old.xls"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(WhitelistFileError, match="legacy .xls"):
        load(legacy)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2024-12-31", date(2024, 12, 31)), ("2024/12/31", date(2024, 12, 31)),
     ("2024.12.31", date(2024, 12, 31)), ("2024年12月31日", date(2024, 12, 31)),
     ("２０２４年１２月３１日", date(2024, 12, 31)), ("20241231", date(2024, 12, 31)),
     ("2024-12-31 00:00:00", date(2024, 12, 31)), ("2024/1/5", date(2024, 1, 5)),
     ("长期", None), ("永久", None), ("", None), ("长期有效", None), (None, None)],
)
def test_parse_date(text: str | None, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2024-13-01", "2024-02-30", "31/12/2024", "soon"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="bad date"):
        parse_date(text)


def test_parse_validity() -> None:
    assert parse_validity("2024-01-01至2024-12-31") == (date(2024, 1, 1), date(2024, 12, 31))
    assert parse_validity("2024.01.01-2024.12.31") == (date(2024, 1, 1), date(2024, 12, 31))
    assert parse_validity("2024年1月1日至长期") == (date(2024, 1, 1), None)
    assert parse_validity("长期") == (None, None)
