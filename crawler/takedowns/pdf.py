"""The PDF takedown notice: a cover page (platform, count, date, legal basis) and a table.

Rendered from an HTML template (Jinja2, autoescaped) by the Debian Chromium the project already
installs, with ``page.pdf()``. Why Chromium and not reportlab: reportlab can embed only TrueType
outlines, and the CJK font we ship (fonts-noto-cjk) is CFF/OpenType, so reportlab fell back to
the *referenced* CID font STSong-Light, which poppler without poppler-data renders blank. Chromium
embeds every font it uses (Noto Sans CJK's CFF outlines become Type 3 fonts holding only the
glyphs used; ``pdffonts`` lists each as embedded, with ToUnicode maps so text extracts), so the
file renders the same in every viewer; and CSS wrapping (``overflow-wrap: anywhere``) lays out
a 3,000-character URL or a 1,200-character title where reportlab raised LayoutError. No new
Debian package is needed.

The page is given as content (``set_content``), and every network request the page could make
is aborted: the notice is built from sellers' text and must never fetch anything.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from crawler.safety import clean_text, http_url
from crawler.takedowns.evidence import CHROMIUM_PATH, chromium_args
from crawler.takedowns.legal import RULE_BASIS
from crawler.takedowns.rows import BatchInfo, TakedownRow

__all__ = ["PDF_LIMITS", "render_html", "write_notice"]

# Column widths (mm) of the landscape A4 table, as in the earlier notice.
WIDTHS = (10, 62, 40, 18, 50, 42, 32, 22, 10)
# Per-field length in the PDF (the JSON export keeps the full text).
PDF_LIMITS = {"title": 400, "listing_url": 300, "shop_url": 300, "shop_name": 200, "reasons": 800}
RENDER_TIMEOUT_MS = 120_000

_ENV = Environment(
    loader=PackageLoader("crawler.takedowns", "templates"),
    autoescape=select_autoescape(["html"]),  # listing text contains < > & — escaped, never markup
)


def _cells(row: TakedownRow) -> dict[str, Any]:
    """One row's cells, neutralised as text (autoescape then makes them inert HTML)."""
    values: dict[str, Any] = {}
    for name, value in vars(row).items():
        values[name] = value if isinstance(value, int) else clean_text(value, PDF_LIMITS.get(name))
    values["listing_href"] = http_url(row.listing_url) if len(row.listing_url) <= 2_000 else None
    return values


def _basis_lines(rows: Sequence[TakedownRow]) -> list[str]:
    codes = sorted({code for row in rows for code in row.violation_codes})
    return [
        f"{RULE_BASIS[code].label_zh}（{code}）：{RULE_BASIS[code].text}"
        for code in codes
        if code in RULE_BASIS
    ]


def render_html(rows: Sequence[TakedownRow], info: BatchInfo) -> str:
    template = _ENV.get_template("notice.html")
    return template.render(
        rows=rows,
        cells=[_cells(row) for row in rows],
        info=info,
        basis=_basis_lines(rows),
        widths=WIDTHS,
    )


def _footer(info: BatchInfo) -> str:
    from html import escape

    return (
        '<div style="font-size:7pt;width:100%;padding:0 10mm;font-family:\'Noto Sans CJK SC\','
        f'sans-serif">simwatch {escape(info.batch_id)} — 第 <span class="pageNumber"></span> 页 / '
        '共 <span class="totalPages"></span> 页</div>'
    )


def _render_pdf(html: str, path: Path, footer: str, executable_path: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable_path, headless=True, args=chromium_args()
        )
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())  # the notice fetches nothing
            page.set_content(html, wait_until="load", timeout=RENDER_TIMEOUT_MS)
            page.pdf(
                path=str(path),
                format="A4",
                landscape=True,
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=footer,
                margin={"top": "12mm", "bottom": "14mm", "left": "10mm", "right": "10mm"},
            )
        finally:
            browser.close()


def write_notice(
    rows: Sequence[TakedownRow], path: Path, info: BatchInfo, executable_path: str = CHROMIUM_PATH
) -> None:
    html = render_html(rows, info)
    # Playwright's sync API refuses to run inside a running asyncio loop (the demo, the console),
    # so the browser is driven from a worker thread of its own.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_render_pdf, html, path, _footer(info), executable_path).result()
