"""Parsers on real captures gathered from public repositories (captures/SOURCES.md).

Each test counts what a person reading the page sees independently of the parser (a plain
selector or JSON path) and checks the parsed listings field by field against the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.platforms import amazon
from crawler.platforms.base import CAPTCHA

CAPTURES = Path(__file__).parent / "captures"
OBSERVED = "2026-12-04"


def _capture(relative: str) -> bytes:
    return (CAPTURES / relative).read_bytes()


@pytest.mark.parametrize(
    ("relative", "url", "status"),
    [
        ("amazon/amazon_fr_s_aws_waf_challenge_2026.html",
         "https://www.amazon.fr/s?k=Ryzen+7+5700X+RTX+4060", 202),
        ("amazon/amazon_fr_s_akamai_bm_verify_2026.html", "https://www.amazon.fr/s?k=16Go+DDR4", 200),
    ],
)
def test_amazon_bot_walls_are_blocks_not_layout_drift(relative: str, url: str, status: int) -> None:
    """Both walls amazon.fr served a plain HTTP client in 2026 hold no result: they are reported
    as a captcha, never as "no listings" nor as a changed layout."""
    body = _capture(relative)
    assert b"s-search-result" not in body  # the page really holds no result card
    assert amazon.detect_block(status, body, url) == CAPTCHA
    result = amazon.parse_search(body, url, OBSERVED)
    assert (result.blocked, result.listings) == (CAPTCHA, [])
