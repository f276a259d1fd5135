"""Pinduoduo parser on the real Duoduoke capture and on web rawData / API bodies."""

from __future__ import annotations

import json

import pytest

from crawler.platforms import pinduoduo
from crawler.platforms.base import PageFormatError
from tests.captures import capture_fixture

API = "https://gw-api.pinduoduo.com/api/router?type=pdd.ddk.goods.search&page=1"
WEB = "https://mobile.yangkeduo.com/search_result.html?search_key=%E7%94%B5%E8%AF%9D%E5%8D%A1"

ddk = capture_fixture("pinduoduo/ddk_goods_search_response_2019.json")


def test_ddk_capture(ddk: bytes) -> None:
    result = pinduoduo.parse_search(ddk, API, "2019-05-16")
    assert result.blocked is None
    assert len(result.listings) == 4
    assert result.total == 4 and result.has_next is False
    first = result.listings[0]
    assert first.listing_id == "5765251970"
    assert first.title == "云鹤厨秘书手抓饼】原味手抓饼早餐饼速食煎饼商用家庭装20片25片"
    assert first.price == 13.9  # min_group_price 1390 fen
    assert (first.shop_id, first.shop_name) == ("595462419", "云鹜食品专营店")
    assert first.shop_url == "https://mobile.yangkeduo.com/mall_page.html?mall_id=595462419"
    assert first.url == "https://mobile.yangkeduo.com/goods.html?goods_id=5765251970"
    assert [x.price for x in result.listings] == [13.9, 8.9, 399.0, 59.0]


def test_ddk_paging(ddk: bytes) -> None:
    payload = json.loads(ddk)
    payload["goods_search_response"]["total_count"] = 100
    assert pinduoduo.parse_search(json.dumps(payload), API, "2019-05-16").has_next is True


def raw_data_page(goods: list[dict]) -> str:
    raw = {"stores": {"store": {"data": {"ssrListData": {"list": goods, "flip": "20;0;0"}}}}}
    return f"<html><head><title>拼多多</title></head><body><script>window.rawData = {json.dumps(raw, ensure_ascii=False)};\nwindow.leo = 1;</script></body></html>"


def test_web_raw_data() -> None:
    page = raw_data_page(
        [
            {
                "goodsID": 9001,
                "goodsName": "移动流量卡 无限流量",
                "price": 990,
                "salesTip": "已拼10万+件",
                "linkURL": "goods.html?goods_id=9001&_oak=1",
            },
            {
                "goodsID": 9002,
                "goodsName": "手机卡",
                "price": 100,
                "mallID": 31,
                "mallName": "卡铺",
            },
        ]
    )
    result = pinduoduo.parse_search(page, WEB, "2025-01-02")
    first, second = result.listings
    assert (first.listing_id, first.title, first.price) == ("9001", "移动流量卡 无限流量", 9.9)
    assert first.url == "https://mobile.yangkeduo.com/goods.html?goods_id=9001&_oak=1"
    assert (second.shop_id, second.shop_name, second.url) == (
        "31",
        "卡铺",
        "https://mobile.yangkeduo.com/goods.html?goods_id=9002",
    )
    assert result.has_next is True


def test_page_without_raw_data_is_an_error() -> None:
    with pytest.raises(PageFormatError, match="no window.rawData"):
        pinduoduo.parse_search(
            "<html><head><title>拼多多</title></head><body>x</body></html>", WEB, "2025-01-02"
        )


def test_search_api_items() -> None:
    body = json.dumps(
        {
            "items": [
                {
                    "item_type": 0,
                    "item_data": {
                        "goods_model": {
                            "goods_id": 7,
                            "goods_name": "大王卡",
                            "price": 500,
                            "link_url": "goods.html?goods_id=7",
                        }
                    },
                },
                {"item_type": 5},
            ],
            "flip": "40;0",
        }
    )
    result = pinduoduo.parse_search(
        body, "https://mobile.yangkeduo.com/proxy/api/search?q=x", "2025-01-02"
    )
    assert [(x.listing_id, x.price) for x in result.listings] == [("7", 5.0)]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"error_response": {"error_code": 10019, "error_msg": "access_token已过期"}}, "login"),
        ({"error_response": {"error_code": 52101, "error_msg": "当前接口被限流"}}, "rate_limited"),
        ({"error_response": {"error_code": 50001, "error_msg": "业务服务错误"}}, "server_error"),
        ({"error_code": 54001, "error_msg": "", "verify_auth_token": "abc"}, "captcha"),
        ({"error_code": 40001, "error_msg": "need login"}, "login"),
    ],
)
def test_error_answers_are_blocks(body: dict, reason: str) -> None:
    text = json.dumps(body, ensure_ascii=False)
    assert pinduoduo.detect_block(200, text, API) == reason
    assert pinduoduo.parse_search(text, API, "2025-01-02").blocked == reason


def test_unknown_error_is_an_error() -> None:
    with pytest.raises(PageFormatError, match="10000"):
        pinduoduo.parse_search(
            '{"error_response": {"error_code": 10000, "error_msg": "参数错误"}}', API, "2025-01-02"
        )


def test_login_and_verification_urls(ddk: bytes) -> None:
    assert (
        pinduoduo.detect_block(
            200, "<html></html>", "https://mobile.yangkeduo.com/login.html?from=x"
        )
        == "login"
    )
    assert (
        pinduoduo.detect_block(
            200, "<html></html>", "https://mobile.yangkeduo.com/psnl_verification.html?x"
        )
        == "captcha"
    )
    assert pinduoduo.detect_block(200, ddk, API) is None
    assert pinduoduo.detect_block(429, "", API) == "rate_limited"


def test_search_url_and_shop() -> None:
    # One page URL per keyword: later results load as the page scrolls (no &page=N).
    assert pinduoduo.search_url("https://mobile.yangkeduo.com", "电话卡", 1) == WEB
    assert pinduoduo.search_url("https://mobile.yangkeduo.com", "电话卡", 3) == WEB
    page = "<html><head><title>卡铺-拼多多</title></head><body><div>企业名称：杭州卡铺网络科技有限公司</div><div>统一社会信用代码：91110000710925462X</div></body></html>"
    seller = pinduoduo.parse_shop(
        page, "https://mobile.yangkeduo.com/mall_certificate.html?mall_id=31"
    )
    assert (seller.platform, seller.shop_id, seller.shop_name) == ("pinduoduo", "31", "卡铺")
    assert seller.shop_url == "https://mobile.yangkeduo.com/mall_page.html?mall_id=31"
    assert (seller.credit_code, seller.company_name) == (
        "91110000710925462X",
        "杭州卡铺网络科技有限公司",
    )


def test_api_answer_keeps_only_own_urls() -> None:
    body = {"items": [
        {"item_data": {"goods_model": {"goods_id": 11, "goods_name": "移动 流量卡", "price": 990,
                                       "link_url": "goods.html?goods_id=11"}}},
        {"item_data": {"goods_model": {"goods_id": 12, "goods_name": "联通 电话卡", "price": 1990,
                                       "link_url": "javascript:alert(1)"}}},
        {"item_data": {"goods_model": {"goods_id": 13, "goods_name": "电信 卡", "price": 100,
                                       "link_url": "https://evil.example/goods.html?goods_id=13"}}},
        {"item_type": 5, "ad": {}},
    ], "has_more": True, "flip": "40;0;0;abc"}
    result = pinduoduo.parse_search(json.dumps(body), API, "2026-01-01")
    assert [x.listing_id for x in result.listings] == ["11", "12", "13"]
    assert result.has_next
    assert result.listings[0].url == "https://mobile.yangkeduo.com/goods.html?goods_id=11"
    # Links off the platform's hosts never leave the parser: the item URL is rebuilt from the id.
    assert result.listings[1].url == result.listings[2].url.replace("13", "12")
    assert all(x.url.startswith("https://mobile.yangkeduo.com/") for x in result.listings)


@pytest.mark.parametrize("body", [
    {"items": {"not": "a list"}},
    {"items": [{"item_data": {"goods_model": {"goods_id": [1], "goods_name": "x"}}}]},
])
def test_unexpected_api_structures_are_layout_drift(body: dict) -> None:
    with pytest.raises(PageFormatError):
        pinduoduo.parse_search(json.dumps(body), API, "2026-01-01")


def test_unexpected_raw_data_structures_are_layout_drift() -> None:
    page = ('<html><head><title>x</title></head><body><script>window.rawData = '
            '{"stores": {"store": {"data": {"ssrListData": {"list": ["not an object"]}}}}};'
            "</script></body></html>")
    with pytest.raises(PageFormatError):
        pinduoduo.parse_search(page, WEB, "2026-01-01")


def test_a_phone_browser_is_asked_for() -> None:
    context = pinduoduo.BROWSER_CONTEXT
    assert context["is_mobile"] and context["has_touch"] and "Mobile" in str(context["user_agent"])


def test_empty_server_rendered_list_is_no_results_but_a_missing_list_waits_for_the_api() -> None:
    def page(ssr: dict) -> str:
        raw = {"stores": {"store": {"data": {"ssrListData": ssr}}}}
        return f"<html><head><title>x</title></head><body><script>window.rawData = {json.dumps(raw)};</script></body></html>"

    empty = pinduoduo.parse_search(page({"list": [], "hasMore": False}), WEB, "2026-01-01")
    assert empty.listings == [] and not empty.has_next and empty.total == 0
    # 2026-09: ssrListData only holds filters; the list comes from the page's first API call.
    later = pinduoduo.parse_search(page({"filterConfig": {}}), WEB, "2026-01-01")
    assert later.listings == [] and later.has_next and later.total is None


# --- capcn: shapes read from scrapers of the real page (no verbatim capture is public)


def test_earlier_raw_data_without_stores_is_read() -> None:
    """Earlier pages wrote ``window.rawData={"store":{"data":{"ssrListData":…}}}`` (three
    independent scrapers index it so, see _parse_raw_data): the same list is read, not drift."""
    raw = {"store": {"data": {"ssrListData": {"list": [
        {"goodsID": 9101, "goodsName": "黄山毛峰", "price": 2990, "salesTip": "已拼1万件"}],
        "flip": "20;0;0"}}}}
    page = f"<html><body><script>window.rawData={json.dumps(raw, ensure_ascii=False)};document.x=1</script></body></html>"
    (listing,) = pinduoduo.parse_search(page, WEB, "2025-01-02").listings
    assert (listing.listing_id, listing.title, listing.price) == ("9101", "黄山毛峰", 29.9)


def test_ssr_shop_from_mall_entrance() -> None:
    """SSR items carry the shop as ``mallEntrance.mall_id`` (read so by scrapers); ``mallID``
    still wins when both are there."""
    page = raw_data_page([
        {"goodsID": 9201, "goodsName": "a", "price": 100, "mallEntrance": {"mall_id": 397292525}},
        {"goodsID": 9202, "goodsName": "b", "price": 100, "mallID": 31,
         "mallEntrance": {"mall_id": 32}},
    ])
    first, second = pinduoduo.parse_search(page, WEB, "2025-01-02").listings
    assert (first.shop_id, first.shop_url) == (
        "397292525", "https://mobile.yangkeduo.com/mall_page.html?mall_id=397292525")
    assert second.shop_id == "31"


@pytest.mark.parametrize("page_data", [
    {"ssrListData": {"list": [{"goodsID": 9301, "goodsName": "学生文具用品笔", "price": 590}],
                     "flip": "20;0;0"}},
    {"ssrResult": {"ssrListData": {"list": [{"goodsID": 9301, "goodsName": "学生文具用品笔",
                                             "price": 590}]}}},
])
def test_2019_next_data_page_is_read(page_data: dict) -> None:
    """2019 pages held the list in ``<script id="__NEXT_DATA__">`` (props.pageProps.data
    .ssrListData; .ssrResult.ssrListData on wxapp) — read so by scrapers, see _parse_next_data."""
    data = {"props": {"pageProps": {"data": page_data}}}
    page = ('<html><body><script id="__NEXT_DATA__" type="application/json">'
            f"{json.dumps(data, ensure_ascii=False)}</script></body></html>")
    (listing,) = pinduoduo.parse_search(page, WEB, "2019-06-10").listings
    assert (listing.listing_id, listing.title, listing.price) == ("9301", "学生文具用品笔", 5.9)
    empty = page.replace('"pageProps"', '"otherProps"')
    with pytest.raises(PageFormatError, match="__NEXT_DATA__"):
        pinduoduo.parse_search(empty, WEB, "2019-06-10")
