from __future__ import annotations

import pytest

from crawler.safety import CELL_LIMIT, csv_cell, http_url


@pytest.mark.parametrize("hidden", ["\u200b", "\u200e", "\u200f", "\u061c", "\u2060", "\u202e", "\ufeff"])
def test_invisible_characters_cannot_hide_a_formula(hidden: str) -> None:
    # Invisible in Excel, so "\u200b=HYPERLINK(...)" reads as a formula-looking cell; removed,
    # the "=" leads and the cell is prefixed.
    assert csv_cell(f"{hidden}=HYPERLINK(\"http://x\",\"免实名\")") == "'=HYPERLINK(\"http://x\",\"免实名\")"


def test_joiners_that_spelling_needs_are_kept() -> None:
    assert csv_cell("👨\u200d👩 می\u200cخواهم") == "👨\u200d👩 می\u200cخواهم"


def test_a_megabyte_title_is_bounded_and_says_so() -> None:
    cell = csv_cell("=" + "卡" * 1_000_000)
    assert len(cell) <= CELL_LIMIT + 1 and cell.startswith("'=") and "1000001 chars" in cell


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
                                 "http://x.test/\u202ea", "file:///etc/passwd"])
def test_only_http_urls_become_links(url: str) -> None:
    assert http_url(url) is None
