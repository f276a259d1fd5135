"""Sample carrier lists written in every supported format, with the same entries in each.

The writers vary what real publications vary (date spellings, Excel date cells and numeric
ids, title rows, page layout around HTML tables, rowspan carrier groups, PDF tables split over
pages) so the loaders must normalise them to identical snapshot content.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

HEADERS = ["序号", "运营商", "代理商名称", "统一社会信用代码", "网店名称", "所属平台", "网店地址", "代理编号",
           "有效期起", "有效期至"]

# carrier, company, credit code, shop name, platform, shop url, agent code, valid from, valid to
ROWS: list[tuple[str, str, str, str, str, str, str, date | None, date | None]] = [
    ("中国移动、中国联通", "某某科技有限公司", "91440300MA5ABCDE1X", "某某通信旗舰店", "天猫",
     "https://moumou.tmall.com", "YD-001", date(2024, 1, 1), date(2025, 12, 31)),
    ("中国移动", "乙通信有限公司", "91110000MA0012345K", "乙数码专营店", "京东",
     "https://mall.jd.com/index-1000123.html", "YD-002", date(2024, 1, 1), None),
    ("中国移动", "丙贸易有限公司", "", "丙卡品店", "淘宝", "https://shop5566.taobao.com", "YD-003",
     date(2023, 6, 1), date(2024, 6, 30)),
    ("中国移动", "丁电子商务有限公司", "", "丁号卡小店", "拼多多",
     "https://mobile.yangkeduo.com/mall_page.html?mall_id=778899", "YD-004", date(2024, 1, 1),
     date(2026, 1, 1)),
    ("中国移动", "戊文化传媒有限公司", "", "戊抖音小店", "抖音",
     "https://haohuo.jinritemai.com/views/shop/index?id=DyShop01", "YD-005", date(2024, 3, 1),
     date(2026, 2, 28)),
    ("中国移动", "己信息咨询有限公司", "", "己闲置好物", "闲鱼", "https://www.goofish.com/personal?userId=9988",
     "YD-006", date(2024, 1, 1), date(2026, 12, 31)),
    ("中国移动", "庚通讯器材经营部", "", "庚通信营业厅", "京东", "", "YD-007", date(2024, 1, 1),
     date(2026, 12, 31)),
    ("中国移动、中国电信", "辛网络科技有限公司", "", "辛移动专营店", "京东",
     "https://shop.m.jd.com/?shopId=2000456", "YD-008", date(2025, 1, 1), date(2027, 1, 1)),
]


def _date_text(value: date | None, style: int) -> str:
    if value is None:
        return ("长期", "永久", "")[style % 3]
    return (value.isoformat(), value.strftime("%Y/%m/%d"), value.strftime("%Y.%m.%d"),
            f"{value.year}年{value.month}月{value.day}日")[style % 4]


def text_rows() -> list[list[str]]:
    """Rows as text, each using a different date spelling."""
    out = []
    for number, row in enumerate(ROWS, start=1):
        carrier, company, code, name, platform, url, agent, start, end = row
        out.append([str(number), carrier, company, code, name, platform, url, agent,
                    _date_text(start, number), _date_text(end, number + 1)])
    return out


def write_csv(path: Path, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["中国移动网络代理商公示名单（2024年第一批）"])  # title row above the header
        writer.writerow([])
        writer.writerow(HEADERS)
        writer.writerows(text_rows())
    return path


def write_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["中国移动网络代理商公示名单"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append(HEADERS)
    for number, row in enumerate(ROWS, start=1):
        carrier, company, code, name, platform, url, agent, start, end = row
        # Typed cells as carriers' spreadsheets have them: integer 序号, real date cells.
        sheet.append([number, carrier, company, code or None, name, platform, url or None, agent,
                      datetime.combine(start, datetime.min.time()) if start else None,
                      datetime.combine(end, datetime.min.time()) if end else "长期"])
    workbook.save(path)
    return path


def write_html(path: Path, encoding: str = "utf-8") -> Path:
    """A 公示 page: navigation table, then the list split over two tables in the page body,
    the first grouping rows of one carrier with rowspan, shop names linked to the shops."""
    rows = text_rows()

    def data_row(row: list[str], carrier_cell: bool = True, rowspan: int = 1) -> str:
        cells = []
        for index, value in enumerate(row):
            if index == 1:
                if carrier_cell:
                    span = f' rowspan="{rowspan}"' if rowspan > 1 else ""
                    cells.append(f"<td{span}>{value}</td>")
                continue
            if index == 4 and row[6]:
                cells.append(f'<td><a href="{row[6]}" target="_blank">{value}</a></td>')
            else:
                cells.append(f"<td>{value}</td>")
        return "<tr>" + "".join(cells) + "</tr>"

    header = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADERS) + "</tr>"
    # Rows 2..7 are all 中国移动: written as one rowspan group.
    first = [data_row(rows[0])]
    group = rows[1:7]
    first.append(data_row(group[0], rowspan=len(group)))
    first += [data_row(r, carrier_cell=False) for r in group[1:]]
    second = [data_row(rows[7])]
    html = f"""<!DOCTYPE html>
<html><head><meta charset="{encoding}"><title>网络代理商公示</title></head>
<body>
<table class="nav"><tr><td><a href="/">首页</a></td><td><a href="/news">新闻</a></td></tr></table>
<div class="main"><h1>中国移动网络代理商公示名单</h1>
<p>根据工业和信息化部要求，现将我公司委托的网络代理商公示如下：</p>
<table class="layout"><tr><td>
  <table border="1" class="list">
    <thead><tr><td colspan="{len(HEADERS)}">第一部分</td></tr>{header}</thead>
    <tbody>{"".join(first)}
    <tr><td colspan="{len(HEADERS)}">注：以上网店均已取得授权</td></tr></tbody>
  </table>
</td></tr></table>
<h2>第二部分</h2>
<table border="1">{header}{"".join(second)}</table>
</div>
<table class="footer"><tr><td>版权所有 中国移动通信集团</td></tr></table>
</body></html>"""
    path.write_bytes(html.encode(encoding))
    return path


def write_pdf(path: Path) -> Path:
    """A PDF notice: title paragraph, the table split over two pages (header on page 1 only)."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    font = "STSong-Light"  # reportlab's built-in CID font: Chinese text without a font file
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    size = 6
    rows = [HEADERS, *text_rows()]
    widths = [max(pdfmetrics.stringWidth(str(r[i]), font, size) for r in rows) + 8
              for i in range(len(HEADERS))]
    page = (sum(widths) + 60, 420)
    style = TableStyle([("FONT", (0, 0), (-1, -1), font, size),
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    title = Paragraph("中国移动网络代理商公示名单", ParagraphStyle("t", fontName=font, fontSize=12))
    first = Table(rows[:5], colWidths=widths, style=style)
    rest = Table(rows[5:], colWidths=widths, style=style)
    SimpleDocTemplate(str(path), pagesize=page, leftMargin=30, rightMargin=30).build(
        [title, first, PageBreak(), rest])
    return path


WRITERS = {
    "csv": write_csv,
    "xlsx": write_xlsx,
    "html": write_html,
    "pdf": write_pdf,
}
