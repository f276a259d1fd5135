"""Douyin shop parser on the modelled search JSON (no public capture exists)."""

from __future__ import annotations

import json

import pytest

from crawler.platforms import douyin
from crawler.platforms.base import PageFormatError

API = "https://www.douyin.com/aweme/v1/web/search/goods/?keyword=x"

BODY = {
    "status_code": 0,
    "data": [
        {
            "product_id": "3500001",
            "title": "移动 流量卡 免实名",
            "price": 1990,
            "shop_id": 8801,
            "shop_name": "卡卡旗舰店",
            "shop_location": "广东",
        },
        {
            "product_id": 3500002,
            "title": "话费充值",
            "price": 5000,
            "shop_id": None,
            "shop_name": None,
        },
    ],
    "has_more": 1,
    "cursor": 20,
    "total": 57,
}


def test_products() -> None:
    result = douyin.parse_search(json.dumps(BODY, ensure_ascii=False), API, "2025-01-02")
    first, second = result.listings
    assert (first.listing_id, first.title, first.price, first.location) == (
        "3500001",
        "移动 流量卡 免实名",
        19.9,
        "广东",
    )
    assert (first.shop_id, first.shop_name) == ("8801", "卡卡旗舰店")
    assert first.shop_url == "https://haohuo.jinritemai.com/views/shop/index?id=8801"
    assert first.url == "https://haohuo.jinritemai.com/views/product/detail?id=3500001"
    assert (second.listing_id, second.shop_url) == ("3500002", None)
    assert (result.has_next, result.next_page_token, result.total) == (True, "20", 57)
    last = dict(BODY, has_more=0)
    assert douyin.parse_search(json.dumps(last), API, "2025-01-02").has_next is False


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"status_code": 2483, "status_msg": "", "data": []}, "captcha"),
        ({"status_code": 1, "nil_info": {"verify_check": True}}, "captcha"),
        ({"status_code": 8, "status_msg": "用户未登录"}, "login"),
        ({"status_code": 2154, "status_msg": "too frequent"}, "rate_limited"),
        ({"status_code": 5, "status_msg": "internal"}, "server_error"),
    ],
)
def test_refusals(body: dict, reason: str) -> None:
    text = json.dumps(body, ensure_ascii=False)
    assert douyin.detect_block(200, text, API) == reason
    assert douyin.parse_search(text, API, "2025-01-02").blocked == reason


def test_verify_page_and_status() -> None:
    assert (
        douyin.detect_block(
            200,
            "<html><div id='captcha_container'></div></html>",
            "https://www.douyin.com/search/x",
        )
        == "captcha"
    )
    assert douyin.detect_block(200, "", "https://verifycenter.douyin.com/x") == "captcha"
    assert douyin.detect_block(503, "", API) == "server_error"
    assert douyin.detect_block(200, json.dumps(BODY), API) is None


def test_shape_error() -> None:
    with pytest.raises(PageFormatError, match="no data list"):
        douyin.parse_search('{"status_code": 0, "data": {"x": 1}}', API, "2025-01-02")


def test_search_url() -> None:
    assert (
        douyin.search_url("http://127.0.0.1:5/douyin", "流量卡", 2)
        == "http://127.0.0.1:5/douyin/search/%E6%B5%81%E9%87%8F%E5%8D%A1?type=goods&page=2"
    )


def test_verify_wall_with_status_zero_is_a_captcha_not_no_results() -> None:
    import json

    from crawler.platforms import douyin

    body = json.dumps({"status_code": 0, "data": [], "has_more": 0,
                       "search_nil_info": {"search_nil_type": "verify_check"}})
    result = douyin.parse_search(body, "https://www.douyin.com/aweme/v1/web/search/goods/", "2026-11-22")
    assert result.blocked == "captcha"
    assert douyin.detect_block(200, body, "https://www.douyin.com/x") == "captcha"
