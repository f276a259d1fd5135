"""Parsers on real captures gathered from public repositories (captures/SOURCES.md).

Each test counts what a person reading the page sees independently of the parser (a plain
selector or JSON path) and checks the parsed listings field by field against the page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crawler.platforms import amazon, taobao, tmall
from crawler.platforms.base import CAPTCHA, PageFormatError

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


TAOBAO_BAGS = "taobao/s_taobao_search_g_page_config_women_bags_2018.json"
TAOBAO_BAGS_URL = "https://s.taobao.com/search?q=%E5%A5%B3%E5%8C%85"


def test_taobao_promotion_tiles_among_the_auctions_are_skipped_not_drift() -> None:
    """A 2018 results page holds 3 themed promotion tiles among its 36 auctions: the 33 items are
    read field by field as the page holds them, the tiles are no listings and no layout drift."""
    body = _capture(TAOBAO_BAGS)
    auctions = json.loads(body)["mods"]["itemlist"]["data"]["auctions"]
    items = [a for a in auctions if a.get("nid")]
    assert (len(auctions), len(items)) == (36, 33)
    result = taobao.parse_search(body, TAOBAO_BAGS_URL, OBSERVED)
    assert result.blocked is None
    assert (result.has_next, result.total) == (True, 8918512)  # page 1 of 100
    assert [x.listing_id for x in result.listings] == [a["nid"] for a in items]
    for listing, item in zip(result.listings, items, strict=True):
        assert listing.title == item["raw_title"]
        assert listing.price == float(item["view_price"])
        assert listing.shop_name == item["nick"]
        assert listing.shop_id == item["user_id"]
        assert listing.location == item["item_loc"]
        assert listing.platform == ("tmall" if item["shopcard"]["isTmall"] else "taobao")


def test_taobao_item_without_id_is_still_drift() -> None:
    """Only a promotion tile may lack its nid: an item without one is a changed layout."""
    page = json.loads(_capture(TAOBAO_BAGS))
    del page["mods"]["itemlist"]["data"]["auctions"][0]["nid"]
    with pytest.raises(PageFormatError, match="item 0 has no id"):
        taobao._parse_page_config(page, TAOBAO_BAGS_URL, OBSERVED)


# --- capcn

TAOBAO_MENS = "taobao/s_taobao_search_nanzhuang_2018.html"
TAOBAO_MENS_URL = "https://s.taobao.com/search?q=%E7%94%B7%E8%A3%85&s=0"


def _page_config_as_scraped(page: str) -> dict:
    """g_page_config read the way the capture's own spider read it (a regex up to the line's
    end), independently of the parser's js_object_after."""
    found = re.search(r"g_page_config = (.*);\r?\n", page)
    assert found, "no g_page_config line in the capture"
    return json.loads(found.group(1))


def test_taobao_whole_2018_results_page_is_read_field_by_field() -> None:
    """The whole s.taobao.com results page as the server sent it (HTML, CRLF line ends, the
    g_page_config script among others): its 36 auctions, 32 of Tmall stores and one sponsored
    (p4p) repeat of an organic item, are read as the page holds them."""
    body = _capture(TAOBAO_MENS)
    page = body.decode("utf-8")
    assert "<title>男装_淘宝搜索</title>" in page
    auctions = _page_config_as_scraped(page)["mods"]["itemlist"]["data"]["auctions"]
    assert len(auctions) == 36
    result = taobao.parse_search(body, TAOBAO_MENS_URL, OBSERVED)
    assert result.blocked is None
    assert (result.has_next, result.total) == (True, 12375839)  # page 1 of 100
    assert [x.listing_id for x in result.listings] == [a["nid"] for a in auctions]
    for listing, item in zip(result.listings, auctions, strict=True):
        assert listing.title == item["raw_title"]
        assert listing.price == float(item["view_price"])
        assert listing.shop_name == item["nick"]
        assert listing.shop_id == item["user_id"]
        assert listing.location == item["item_loc"]
        assert listing.platform == ("tmall" if item["shopcard"]["isTmall"] else "taobao")
        sponsored = "simba" in item["detail_url"]
        # a sponsored tile links through a click redirect: the item page is built from the id
        assert listing.url == ("https://detail.tmall.com/item.htm?id=" + item["nid"] if sponsored
                               else "https:" + item["detail_url"])
    tmall_only = tmall.parse_search(body, TAOBAO_MENS_URL, OBSERVED)
    assert [x.listing_id for x in tmall_only.listings] == [
        a["nid"] for a in auctions if a["shopcard"]["isTmall"]]
    assert len(tmall_only.listings) == 32
