"""Shopee parser on the real api/v4 capture and anti-bot answers."""

from __future__ import annotations

import json

import pytest

from crawler.platforms import shopee
from crawler.platforms.base import PageFormatError
from tests.captures import capture_fixture

API = "https://shopee.co.id/api/v4/shop/search_items?limit=30&offset=0&shopid=121235261"

capture = capture_fixture("shopee/shopee_co_id_api_v4_shop_search_items_2024.json")


def test_capture(capture: bytes) -> None:
    result = shopee.parse_search(capture, API, "2024-06-30")
    assert result.blocked is None
    assert len(result.listings) == 28
    assert (result.total, result.has_next) == (28, False)  # nomore: true
    first = result.listings[0]
    assert first.listing_id == "11156976313"
    assert first.title == "JINISO - Highwaist Cargo Loose Jeans Black Oreo 402 HANDS UP"
    assert first.price == 187000.0  # 18700000000 / 100000 (IDR)
    assert (first.shop_id, first.shop_name, first.location) == (
        "121235261",
        "JINISO Official Shop",
        "KOTA JAKARTA UTARA",
    )
    assert first.url == "https://shopee.co.id/product/121235261/11156976313"
    raw = json.loads(capture)["items"]
    assert [x.listing_id for x in result.listings] == [str(i["item_basic"]["itemid"]) for i in raw]


def test_more_pages_and_other_site(capture: bytes) -> None:
    payload = json.loads(capture)
    payload["nomore"] = False
    result = shopee.parse_search(
        json.dumps(payload), "https://shopee.tw/api/v4/search/search_items?keyword=x", "2025-01-02"
    )
    assert result.has_next is True
    assert result.listings[0].url.startswith("https://shopee.tw/product/121235261/")


def test_anti_bot_and_login() -> None:
    body = '{"error": 90309999, "error_msg": null, "is_customized": false}'
    assert shopee.detect_block(200, body, API) == "captcha"
    assert shopee.parse_search(body, API, "2025-01-02").blocked == "captcha"
    assert (
        shopee.detect_block(200, "<html></html>", "https://shopee.tw/buyer/login?next=x") == "login"
    )
    assert (
        shopee.parse_search(
            "<html></html>", "https://shopee.tw/buyer/login?next=x", "2025-01-02"
        ).blocked
        == "login"
    )
    assert shopee.detect_block(429, "", API) == "rate_limited"


def test_unknown_error_is_an_error() -> None:
    with pytest.raises(PageFormatError, match="shopee error 4"):
        shopee.parse_search('{"error": 4, "error_msg": "bad"}', API, "2025-01-02")


def test_search_url_counts_pages_from_zero() -> None:
    assert (
        shopee.search_url("https://shopee.tw", "sim卡", 1)
        == "https://shopee.tw/search?keyword=sim%E5%8D%A1&page=0"
    )
