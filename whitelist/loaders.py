"""Loaders for carriers' published agent lists: CSV, XLSX, HTML pages and PDF notices.

Each format loader turns a file into raw tables (``LOADERS``, keyed by format); one shared
step then finds each table's header row, maps Chinese/English header aliases to fields and
turns rows into ``WhitelistEntry`` objects, reporting every row it rejects as
``file:row: reason``. Nothing is guessed silently: a row that cannot be read exactly is
rejected, not patched.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from whitelist.carriers import parse_carriers
from whitelist.model import (
    LoadResult,
    RejectedRow,
    WhitelistEntry,
    WhitelistError,
    WhitelistFileError,
)
from whitelist.normalise import normalise_name, normalise_text
from whitelist.platforms import normalise_platform, platform_family, platform_from_url
from whitelist.urls import canonical_shop_id, canonical_shop_url, shop_id_from_url

__all__ = [
    "FIELDS",
    "LIMITS",
    "Limits",
    "HEADER_ALIASES",
    "LOADERS",
    "Cell",
    "RawTable",
    "detect_format",
    "load",
    "parse_date",
    "parse_validity",
    "tables_to_entries",
]

# --------------------------------------------------------------------------------------------
# Header aliases

FIELDS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号序号", "no", "sn", "index", "seq"),
    "carrier": ("运营商", "所属运营商", "运营商名称", "电信企业", "基础电信企业", "转售企业", "委托方",
                "委托企业", "委托单位", "carrier", "operator", "mno", "carriername"),
    "company_name": ("代理商名称", "代理商", "代理商全称", "公司名称", "企业名称", "单位名称", "合作方名称",
                     "代理商公司名称", "经营主体", "主体名称", "网店经营者", "经营者名称", "company",
                     "companyname", "agent", "agentname", "agentcompany", "businessname", "legalname"),
    "credit_code": ("统一社会信用代码", "社会信用代码", "信用代码", "营业执照号", "营业执照注册号",
                    "creditcode", "unifiedsocialcreditcode", "uscc", "businesslicenseno"),
    "shop_name": ("网店名称", "店铺名称", "网店", "店铺", "店铺名", "网店名", "店名", "shopname", "shop",
                  "storename", "store", "sellername"),
    "platform": ("所属平台", "平台", "平台名称", "电商平台", "网店平台", "网店所属平台", "销售平台", "开店平台",
                 "platform", "marketplace"),
    "shop_url": ("网店地址", "店铺链接", "店铺地址", "网店链接", "网址", "链接", "店铺网址", "网店网址",
                 "网店url", "店铺url", "url", "shopurl", "storeurl", "shoplink", "link", "shopaddress"),
    "shop_id": ("网店id", "店铺id", "店铺编号", "网店编号", "shopid", "storeid", "sellerid"),
    "agent_code": ("代理编号", "代理商编号", "代理商编码", "代理编码", "授权编号", "授权书编号", "agentcode",
                   "agentno", "agentnumber", "agentid", "authorisationno", "authorizationno"),
    "valid_from": ("有效期起", "有效期开始", "有效期自", "授权开始日期", "授权起始日期", "生效日期", "开始日期",
                   "起始日期", "授权日期", "validfrom", "startdate", "effectivedate", "from"),
    "valid_to": ("有效期至", "有效期止", "有效期截止", "有效期截至", "有效期结束", "授权截止日期",
                 "授权结束日期", "截止日期", "失效日期", "到期日期", "结束日期", "validto", "validuntil",
                 "expiry", "expirydate", "expires", "enddate", "until", "to"),
    "validity": ("有效期", "授权期限", "授权有效期", "合作期限", "有效期限", "validity", "validperiod", "term"),
}

#: normalised header text → field name.
HEADER_ALIASES: dict[str, str] = {
    normalise_name(alias): name for name, aliases in FIELDS.items() for alias in aliases
}
# Longest first, for headers that extend an alias ("网店名称（全称）" → "网店名称全称").
_ALIASES_BY_LENGTH = sorted(HEADER_ALIASES, key=len, reverse=True)
_IDENTITY_FIELDS = ("shop_name", "shop_url", "shop_id")
_HEADER_SCAN_ROWS = 15


@dataclass(frozen=True)
class Limits:
    """Bounds on what one imported file may make us read (DESIGN principle 8).

    Published agent lists are a few thousand rows of short cells; these bounds are two orders
    of magnitude above that and stop a decompression bomb or a hostile page before it costs
    gigabytes or minutes. Each is checked while reading and fails with one line naming the file.
    """

    file_bytes: int = 64 * 1024 * 1024  # on disk, any format
    xlsx_uncompressed: int = 256 * 1024 * 1024  # sum of the zip's declared member sizes
    xlsx_ratio: int = 200  # declared size / compressed size of one member (XML compresses ~10-30x)
    rows: int = 200_000  # per file, all sheets/tables
    columns: int = 200  # cells read per row (a sheet may declare 16,384 columns)
    cell_chars: int = 10_000
    html_depth: int = 200  # element nesting (libxml2 silently drops content beyond 256)
    html_table_depth: int = 32  # tables inside tables
    pdf_pages: int = 500


LIMITS = Limits()


def _header_field(text: str) -> str | None:
    key = normalise_name(text)
    if not key:
        return None
    found = HEADER_ALIASES.get(key)
    if found or len(key) > 16:
        return found
    for alias in _ALIASES_BY_LENGTH:
        # A prefix must be a real word: 2+ CJK characters or 4+ Latin letters.
        if key.startswith(alias) and (len(alias) >= 4 or (len(alias) >= 2 and not alias.isascii())):
            return HEADER_ALIASES[alias]
    return None


# --------------------------------------------------------------------------------------------
# Raw tables


@dataclass
class Cell:
    text: str
    href: str | None = None  # first link in an HTML cell (shop name linked to the shop)
    value: Any = None  # typed spreadsheet value (datetime, int, float) when there is one
    spans_row: bool = False  # HTML cell whose colspan covers most of the row (titles, notes)


@dataclass
class RawTable:
    label: str  # "list.html[table 2]" — what rejected rows and entries name as their file
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    continues_previous: bool = False  # PDF pages: a headerless table continues the last header


_WS = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")


def _clean(text: str | None) -> str:
    """Collapse whitespace; a line break inside CJK text is a wrap, not a space."""
    if not text:
        return ""
    if "\n" not in text and "\r" not in text:
        stripped = text.strip()
        if "  " not in stripped and not any(ch in stripped for ch in "\t\f\v\u00a0\u3000"):
            return stripped  # the common case, without a regex
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in text:
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        joined = lines[0] if lines else ""
        for line in lines[1:]:
            cjk_edge = not joined[-1].isascii() or not line[0].isascii()
            joined += ("" if cjk_edge else " ") + line
        text = joined
    return _WS.sub(" ", text).strip()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- CSV -------------------------------------------------------------------------------------

_CSV_DELIMITERS = (",", "\t", ";", "|", "，")


def _decode(data: bytes, name: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:65536]:
        raise WhitelistFileError(f"{name}: binary data (NUL bytes), not a CSV text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            # GB18030 is a superset of GBK/GB2312, the encodings Chinese Excel exports CSV in.
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise WhitelistFileError(
                f"{name}: not UTF-8 or GBK text (undecodable byte at offset {exc.start})"
            ) from exc
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > max(4, len(text[:65536]) // 200):
        raise WhitelistFileError(f"{name}: binary data ({controls} control characters), not CSV text")
    return text


def _read_csv(path: Path) -> list[RawTable]:
    name = path.name
    text = _decode(_read_bytes(path), name)

    def parse(delimiter: str) -> list[tuple[int, list[Cell]]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[tuple[int, list[Cell]]] = []
        start = 1
        try:
            for record in reader:
                if len(rows) >= LIMITS.rows:
                    raise WhitelistFileError(f"{name}: more than {LIMITS.rows} rows (limit)")
                _check_cells(name, start, record)
                rows.append((start, [Cell(_clean(v)) for v in record[:LIMITS.columns]]))
                start = reader.line_num + 1  # quoted cells may span lines; count where rows start
        except csv.Error as exc:
            raise WhitelistFileError(f"{name}:{reader.line_num}: unreadable CSV ({exc})") from exc
        return rows

    # Choose the delimiter whose first lines read as the best header, not csv.Sniffer's guess:
    # the sniffer is easily misled by commas and 、 inside Chinese cells.
    head = "\n".join(text.splitlines()[:_HEADER_SCAN_ROWS])
    best, best_score = ",", -1
    for delimiter in _CSV_DELIMITERS:
        score = max(
            (sum(1 for cell in row if _header_field(cell)) for row in
             csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)),
            default=0,
        )
        if score > best_score:
            best, best_score = delimiter, score
    return [RawTable(name, parse(best))]


# -- XLSX ------------------------------------------------------------------------------------

# Merged cells (a carrier name spanning a block of rows) are only visible in openpyxl's full
# mode, which holds the whole sheet in memory; sheets whose XML is larger are streamed read-only.
_XLSX_FULL_MODE_LIMIT = 16 * 1024 * 1024  # declared uncompressed bytes


def _check_cells(name: str, row: int, values: Iterable[Any]) -> None:
    for value in values:
        if isinstance(value, str) and len(value) > LIMITS.cell_chars:
            raise WhitelistFileError(
                f"{name}:{row}: cell of {len(value)} characters (limit {LIMITS.cell_chars})"
            )


def _check_xlsx_archive(path: Path) -> int:
    """The zip's declared uncompressed size, refused over the limits before openpyxl reads it.

    ``zipfile`` never inflates a member past its declared size, so checking the declared sizes
    bounds what openpyxl can be made to read.
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WhitelistFileError(f"{path.name}: not a readable XLSX workbook ({exc})") from exc
    total = sum(member.file_size for member in members)
    if total > LIMITS.xlsx_uncompressed:
        raise WhitelistFileError(
            f"{path.name}: unpacks to {total:,} bytes (limit {LIMITS.xlsx_uncompressed:,}): "
            "refused as a possible decompression bomb"
        )
    for member in members:
        if member.file_size > 1024 * 1024 and \
                member.file_size > LIMITS.xlsx_ratio * max(member.compress_size, 1):
            raise WhitelistFileError(
                f"{path.name}: member {member.filename[:80]} unpacks {member.file_size:,} bytes "
                f"from {member.compress_size:,} (ratio over {LIMITS.xlsx_ratio}): "
                "refused as a possible decompression bomb"
            )
    return total


def _read_xlsx(path: Path) -> list[RawTable]:
    import openpyxl

    read_only = _check_xlsx_archive(path) > _XLSX_FULL_MODE_LIMIT
    try:
        workbook = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML, KeyError and ValueError on damaged files
        raise WhitelistFileError(f"{path.name}: not a readable XLSX workbook ({type(exc).__name__}: {exc})") from exc
    tables: list[RawTable] = []
    total_rows = 0
    try:
        sheets = workbook.worksheets
        for sheet in sheets:
            merged: dict[tuple[int, int], Any] = {}
            if not read_only:
                for merged_range in sheet.merged_cells.ranges:
                    if merged_range.size["rows"] > LIMITS.rows:
                        raise WhitelistFileError(
                            f"{path.name}: merged range {merged_range.coord} spans more than "
                            f"{LIMITS.rows} rows (limit)")
                    top_left = sheet.cell(merged_range.min_row, merged_range.min_col).value
                    for row in range(merged_range.min_row, merged_range.max_row + 1):
                        # Vertical merges repeat their value down; horizontal ones (titles) do not.
                        merged[(row, merged_range.min_col)] = top_left
            label = path.name if len(sheets) == 1 else f"{path.name}[{sheet.title}]"
            table = RawTable(label)
            rows = sheet.iter_rows(min_row=1, max_col=LIMITS.columns, values_only=True)
            for number, values in enumerate(rows, start=1):
                total_rows += 1
                if total_rows > LIMITS.rows:
                    raise WhitelistFileError(f"{label}: more than {LIMITS.rows} rows (limit)")
                _check_cells(label, number, values)
                cells = []
                for col, value in enumerate(values, start=1):
                    if value is None and (number, col) in merged:
                        value = merged[(number, col)]
                    cells.append(Cell(_clean(_cell_text(value)), value=value))
                table.rows.append((number, cells))
            tables.append(table)
    except WhitelistFileError:
        raise
    except Exception as exc:  # damaged sheet XML surfaces only while iterating in read-only mode
        raise WhitelistFileError(f"{path.name}: damaged XLSX sheet ({type(exc).__name__}: {exc})") from exc
    finally:
        workbook.close()
    return tables


# -- HTML ------------------------------------------------------------------------------------


_TABLE_TAG = re.compile(rb"<(/?)table\b", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _check_table_nesting(data: bytes, name: str) -> None:
    """Fail fast on tables nested deeper than the limit, with one linear scan of the bytes."""
    depth = 0
    for match in _TABLE_TAG.finditer(data):
        depth = max(0, depth - 1) if match.group(1) else depth + 1
        if depth > LIMITS.html_table_depth:
            raise WhitelistFileError(
                f"{name}: tables nested more than {LIMITS.html_table_depth} deep (limit)")


def _read_html(path: Path) -> list[RawTable]:
    """Every table's own rows, in one pass over the document (linear in its size).

    lxml, not BeautifulSoup: the rows of each table used to be found with a search of the
    whole subtree per table, which is quadratic for nested tables; here one walk gives every
    <tr> to its nearest enclosing <table>. bs4's UnicodeDammit still decodes (it honours
    <meta charset>, so GBK pages decode right).
    """
    from bs4.dammit import UnicodeDammit
    from lxml import etree
    from lxml import html as lxml_html

    data = _read_bytes(path)
    if b"\x00" in data[:4096]:
        raise WhitelistFileError(f"{path.name}: binary data, not an HTML page")
    _check_table_nesting(data, path.name)
    text = _XML_DECLARATION.sub("", UnicodeDammit(data, is_html=True).unicode_markup or "")
    if not text.strip():
        return []
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise WhitelistFileError(f"{path.name}: not an HTML page ({exc})") from exc
    etree.strip_elements(root, "script", "style", etree.Comment, etree.PI, with_tail=False)

    found: list[list[Any]] = []  # rows of each table, tables in document order
    open_tables: list[int] = []
    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "end":
            depth -= 1
            if tag == "table":
                open_tables.pop()
            continue
        depth += 1
        if depth > LIMITS.html_depth:
            raise WhitelistFileError(f"{path.name}: elements nested more than {LIMITS.html_depth} deep (limit)")
        if tag == "table":
            open_tables.append(len(found))
            found.append([])
        elif tag == "tr" and open_tables:
            rows = found[open_tables[-1]]
            if len(rows) >= LIMITS.rows:
                raise WhitelistFileError(f"{path.name}: a table of more than {LIMITS.rows} rows (limit)")
            rows.append(element)
    tables: list[RawTable] = []
    for index, trs in enumerate(found, start=1):
        label = path.name if len(found) == 1 else f"{path.name}[table {index}]"
        raw = RawTable(label)
        pending: dict[int, tuple[int, Cell]] = {}  # column → (rows still spanned, cell)
        for number, tr in enumerate(trs, start=1):
            raw.rows.append((number, _html_row(tr, pending, label, number)))
        tables.append(raw)
    return tables


def _html_text(element: Any) -> str:
    # As BeautifulSoup's get_text("\n", strip=True): each text piece stripped, empty ones dropped.
    return "\n".join(piece.strip() for piece in element.itertext() if piece.strip())


def _html_row(tr: Any, pending: dict[int, tuple[int, Cell]], label: str, number: int) -> list[Cell]:
    """One <tr> as cells, with colspan and rowspan laid out on the table's grid."""
    cells: list[Cell] = []

    def fill_spanned() -> None:
        while len(cells) in pending:
            left, spanned = pending[len(cells)]
            cells.append(Cell(spanned.text, spanned.href, spans_row=spanned.spans_row))
            if left <= 1:
                del pending[len(cells) - 1]
            else:
                pending[len(cells) - 1] = (left - 1, spanned)

    tds = [child for child in tr if child.tag in ("td", "th")][:LIMITS.columns]
    for td in tds:
        fill_spanned()
        link = next(td.iterfind(".//a[@href]"), None)
        text = _html_text(td)
        _check_cells(label, number, (text,))
        cell = Cell(_clean(text), link.get("href").strip() if link is not None else None)
        colspan = _span(td.get("colspan"))
        rowspan = _span(td.get("rowspan"))
        cell.spans_row = len(tds) == 1 and colspan > 1
        for offset in range(min(colspan, LIMITS.columns - len(cells))):
            # A wide cell's text goes in its first column only; a tall one repeats down.
            placed = cell if offset == 0 else Cell("", spans_row=cell.spans_row)
            if rowspan > 1:
                pending[len(cells)] = (rowspan - 1, placed)
            cells.append(placed)
    fill_spanned()
    return cells


def _span(value: Any) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


# -- PDF -------------------------------------------------------------------------------------


def _read_pdf(path: Path) -> list[RawTable]:
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises its own syntax errors for damaged files
        raise WhitelistFileError(f"{path.name}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    tables: list[RawTable] = []
    try:
        if len(pdf.pages) > LIMITS.pdf_pages:
            raise WhitelistFileError(f"{path.name}: more than {LIMITS.pdf_pages} pages (limit)")
        for strategy in ({}, {"vertical_strategy": "text", "horizontal_strategy": "text"}):
            # Ruled tables first; notices drawn without lines fall back to text alignment.
            for page_number, page in enumerate(pdf.pages, start=1):
                found = page.extract_tables(strategy) if strategy else page.extract_tables()
                for table_number, rows in enumerate(found, start=1):
                    label = f"{path.name}[p{page_number}]" if len(found) == 1 else \
                        f"{path.name}[p{page_number} t{table_number}]"
                    raw = RawTable(label, continues_previous=True)
                    for number, row in enumerate(rows, start=1):
                        _check_cells(label, number, row)
                        raw.rows.append((number, [Cell(_clean(v)) for v in row[:LIMITS.columns]]))
                    tables.append(raw)
            if tables:
                break
    except WhitelistFileError:
        raise
    except Exception as exc:
        raise WhitelistFileError(f"{path.name}: damaged PDF ({type(exc).__name__}: {exc})") from exc
    finally:
        pdf.close()
    return tables


#: Format → reader returning raw tables. Add a format by adding a reader here.
LOADERS: dict[str, Callable[[Path], list[RawTable]]] = {
    "csv": _read_csv,
    "xlsx": _read_xlsx,
    "html": _read_html,
    "pdf": _read_pdf,
}

_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
               ".html": "html", ".htm": "html", ".shtml": "html", ".pdf": "pdf"}


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise WhitelistFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as exc:
        raise WhitelistFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def detect_format(path: Path) -> str:
    """Format from the extension, else from the first bytes (``%PDF``, zip, ``<html``)."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise WhitelistFileError(f"{path.name}: legacy .xls workbooks are not supported; save as .xlsx")
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    head = _read_bytes(path)[:1024]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if re.search(rb"<(?:!doctype html|html|table)", head, re.IGNORECASE):
        return "html"
    return "csv"


# --------------------------------------------------------------------------------------------
# Values

_OPEN_ENDED = frozenset(
    normalise_name(v) for v in ("长期", "永久", "长期有效", "永久有效", "无固定期限", "无期限", "不限", "不限期",
                                 "无", "至今", "permanent", "indefinite", "ongoing", "openended", "none",
                                 "na", "n/a")
)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_TIME_SUFFIX = re.compile(r"(?:\s+|t)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_PLACEHOLDERS = frozenset({"", "-", "--", "—", "——", "/", "无", "暂无", "n/a", "na", "null", "none"})


def _is_placeholder(text: str) -> bool:
    return text.strip().lower() in _PLACEHOLDERS


def parse_date(value: Any) -> date | None:
    """A validity date from a cell; None for empty or open-ended ("长期", "永久").

    Accepts 2024-12-31, 2024/12/31, 2024.12.31, 2024年12月31日, 20241231, a trailing time,
    spreadsheet dates and Excel serial numbers. Raises ValueError naming the bad text.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20_000 <= value <= 80_000:  # Excel serial day numbers for 1954..2119
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date()
        text = _cell_text(value)
    else:
        text = str(value)
    return _parse_date_text(text)


@lru_cache(maxsize=16_384)  # a list's dates repeat on thousands of rows
def _parse_date_text(raw: str) -> date | None:
    text = normalise_text(raw).strip()
    if not text or _is_placeholder(text) or normalise_name(text) in _OPEN_ENDED:
        return None
    text = _TIME_SUFFIX.sub("", text)
    match = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if not match:
        raise ValueError(f"bad date {raw.strip()!r}")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as exc:
        raise ValueError(f"bad date {raw.strip()!r} ({exc})") from exc


_RANGE_SEPARATOR = re.compile(r"\s*(?:至|到|~|～|—|–|－|--|\bto\b)\s*")


def parse_validity(text: str) -> tuple[date | None, date | None]:
    """A combined validity cell: "2024-01-01至2024-12-31", "2024.1.1-2024.12.31", "2024年1月1日至长期"."""
    clean = normalise_text(text).strip()
    if not clean or _is_placeholder(clean) or normalise_name(clean) in _OPEN_ENDED:
        return None, None
    parts = _RANGE_SEPARATOR.split(clean)
    if len(parts) == 2:
        return parse_date(parts[0]), parse_date(parts[1])
    found = list(_DATE.finditer(clean))
    if len(found) == 2 and clean[found[0].end():found[1].start()].strip() in ("-", "－", "—", "–"):
        return parse_date(found[0].group(0)), parse_date(found[1].group(0))
    if len(parts) == 1:
        return None, parse_date(clean)  # a single date in a validity column is the end date
    raise ValueError(f"bad validity period {text.strip()!r}")


# --------------------------------------------------------------------------------------------
# Rows → entries


def _find_header(rows: Sequence[tuple[int, list[Cell]]]) -> tuple[int, dict[str, int]] | None:
    """(index of the header row, field → column) for the first row that names a shop column."""
    for index, (_, cells) in enumerate(rows[:_HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(cells):
            name = _header_field(cell.text)
            if name and name not in columns:
                columns[name] = col
        if len(columns) >= 2 and any(f in columns for f in _IDENTITY_FIELDS):
            return index, columns
    return None


_NOTE_PREFIXES = ("注", "备注", "说明", "合计", "共计", "总计", "note", "*", "※")


def _is_skippable(cells: list[Cell], header_texts: list[str]) -> bool:
    filled = [c for c in cells if c.text]
    if not filled:
        return True  # blank row
    first_header = next((t for t in header_texts if t), "")
    if normalise_name(filled[0].text) == first_header and \
            [normalise_name(c.text) for c in cells] == header_texts:
        return True  # header repeated at the top of a printed page
    # A title or footnote written across the table.
    return len(filled) == 1 and (filled[0].spans_row or filled[0].text.lower().startswith(_NOTE_PREFIXES))


class _RowError(Exception):
    pass


def _get(cells: list[Cell], columns: dict[str, int], name: str) -> Cell | None:
    col = columns.get(name)
    if col is None or col >= len(cells):
        return None
    return cells[col]


def _text(cell: Cell | None) -> str:
    return "" if cell is None or _is_placeholder(cell.text) else cell.text


def _compact(cell: Cell | None) -> str:
    """Text of an identifier cell (URL, id, code, date), wrapped lines rejoined without spaces."""
    return "".join(_text(cell).split())


def _date_cell(cell: Cell | None, header: str) -> date | None:
    if cell is None:
        return None
    try:
        if isinstance(cell.value, datetime | date | int | float) and not isinstance(cell.value, bool):
            return parse_date(cell.value)
        return parse_date(cell.text)
    except ValueError as exc:
        raise _RowError(f"{exc} in {header}") from exc


def _build_entry(cells: list[Cell], columns: dict[str, int], headers: dict[str, str],
                 default_carriers: tuple[str, ...], source: str, row: int,
                 snapshot_id: str | None) -> WhitelistEntry:
    name_cell = _get(cells, columns, "shop_name")
    shop_name = _text(name_cell) or None
    shop_url = _compact(_get(cells, columns, "shop_url")) or (name_cell.href if name_cell else None) or None
    if shop_url and canonical_shop_url(shop_url) is None:
        raise _RowError(f"bad shop URL {shop_url!r}")

    id_cell = _get(cells, columns, "shop_id")
    if not (shop_name or shop_url or _compact(id_cell)):
        raise _RowError("no shop identity: shop name, shop URL and shop id are all empty")

    platform_text = _text(_get(cells, columns, "platform"))
    url_platform = platform_from_url(shop_url)
    if platform_text:
        platform = normalise_platform(platform_text)
        if platform is None:
            raise _RowError(f"unknown platform {platform_text!r}")
        if url_platform and platform_family(url_platform) != platform_family(platform):
            raise _RowError(f"platform {platform_text!r} does not match shop URL {shop_url!r} ({url_platform})")
    elif url_platform:
        platform = url_platform
    else:
        raise _RowError("unknown platform: no platform column value and the shop URL names none")

    shop_id = canonical_shop_id(id_cell.value if id_cell is not None and id_cell.value is not None
                                else _compact(id_cell))
    url_id = shop_id_from_url(platform, shop_url)
    if shop_id and url_id and shop_id.lower() != url_id.lower():
        raise _RowError(f"shop id {shop_id!r} does not match the shop URL's id {url_id!r}")
    shop_id = shop_id or url_id

    carrier_text = _text(_get(cells, columns, "carrier"))
    if carrier_text:
        carriers, unknown = parse_carriers(carrier_text)
        if unknown:
            raise _RowError(f"unknown carrier {'、'.join(unknown)!r}")
        # --carrier says whose published list this is, and a carrier can only vouch for its own
        # agents: a row naming another carrier is not relabelled (the snapshot would claim an
        # authorisation nobody gave) but rejected, so the importer sees it and decides.
        others = [c for c in carriers if c not in default_carriers]
        if default_carriers and others:
            raise _RowError(f"carrier column names {'、'.join(others)}, not --carrier "
                            f"{'、'.join(default_carriers)} (import it with its own --carrier, "
                            "or without --carrier)")
    else:
        carriers = list(default_carriers)
    if not carriers:
        raise _RowError("no carrier: empty carrier cell and no --carrier given")

    valid_from = _date_cell(_get(cells, columns, "valid_from"), headers.get("valid_from", "valid from"))
    valid_to = _date_cell(_get(cells, columns, "valid_to"), headers.get("valid_to", "valid to"))
    validity = _get(cells, columns, "validity")
    if validity is not None and _text(validity):
        try:
            period_from, period_to = parse_validity(validity.text)
        except ValueError as exc:
            raise _RowError(f"{exc} in {headers.get('validity', 'validity')}") from exc
        valid_from = valid_from or period_from
        valid_to = valid_to or period_to
    if valid_from and valid_to and valid_from > valid_to:
        raise _RowError(f"valid from {valid_from} is after valid to {valid_to}")

    return WhitelistEntry(
        carriers=tuple(carriers),
        platform=platform,
        shop_id=shop_id,
        shop_url=shop_url,
        shop_name=shop_name,
        company_name=_text(_get(cells, columns, "company_name")) or None,
        credit_code=_compact(_get(cells, columns, "credit_code")).upper() or None,
        agent_code=_compact(_get(cells, columns, "agent_code")) or None,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
        row=row,
        snapshot_id=snapshot_id,
    )


def tables_to_entries(tables: Iterable[RawTable], name: str, default_carriers: Sequence[str] = (),
                      snapshot_id: str | None = None) -> LoadResult:
    """Header detection, field mapping and row validation shared by every format."""
    result = LoadResult()
    seen: dict[tuple[tuple[str, str], tuple[str, ...]], str] = {}
    header_found = False
    last: tuple[dict[str, int], dict[str, str], list[str], int] | None = None
    defaults = tuple(default_carriers)
    for table in tables:
        found = _find_header(table.rows)
        if found is not None:
            index, columns = found
            header_cells = table.rows[index][1]
            headers = {f: header_cells[c].text for f, c in columns.items()}
            header_texts = [normalise_name(c.text) for c in header_cells]
            last = (columns, headers, header_texts, len(header_cells))
            body = table.rows[index + 1:]
        elif table.continues_previous and last is not None and table.rows and \
                len(table.rows[0][1]) == last[3]:
            columns, headers, header_texts, _ = last  # the table runs on from the previous page
            body = table.rows
        else:
            continue  # a layout or unrelated table
        header_found = True
        for number, cells in body:
            if _is_skippable(cells, header_texts):
                continue
            try:
                entry = _build_entry(cells, columns, headers, defaults, table.label, number, snapshot_id)
            except _RowError as exc:
                result.rejected.append(RejectedRow(table.label, number, str(exc)))
                continue
            key = (entry.identity, tuple(sorted(entry.carriers)))
            here = f"{table.label}:{number}"
            if key in seen:
                result.rejected.append(RejectedRow(
                    table.label, number, f"duplicate of {seen[key]} ({entry.describe()}, "
                    f"{'、'.join(entry.carriers)})"))
                continue
            seen[key] = here
            result.entries.append(entry)
    if not header_found:
        raise WhitelistFileError(
            f"{name}: missing header: no table has a header row naming a shop column "
            f"(网店名称/店铺名称/网店地址/店铺链接/shop name/shop url/shop id) in its first "
            f"{_HEADER_SCAN_ROWS} rows")
    return result


def load(path: str | Path, *, fmt: str | None = None, carrier: str | None = None,
         snapshot_id: str | None = None) -> LoadResult:
    """Read a carrier list in any supported format.

    ``carrier`` (e.g. from ``--carrier``) applies to rows whose file has no carrier column or an
    empty carrier cell; a row whose carrier cell names another carrier is rejected; ``snapshot_id`` is stamped on every entry. Raises ``WhitelistFileError`` when the file cannot be read at all.
    """
    path = Path(path)
    if not path.is_file():
        raise WhitelistFileError(f"{path}: cannot read (no such file)")
    size = _file_size(path)
    if size > LIMITS.file_bytes:
        raise WhitelistFileError(f"{path.name}: {size:,} bytes, larger than the {LIMITS.file_bytes:,}-byte limit")
    fmt = fmt or detect_format(path)
    reader = LOADERS.get(fmt)
    if reader is None:
        raise WhitelistFileError(f"{path.name}: unsupported format {fmt!r} (known: {', '.join(LOADERS)})")
    default_carriers: list[str] = []
    if carrier:
        default_carriers, unknown = parse_carriers(carrier)
        if unknown:
            raise WhitelistError(f"--carrier: unknown carrier {'、'.join(unknown)!r}")
    return tables_to_entries(reader(path), path.name, default_carriers, snapshot_id)
