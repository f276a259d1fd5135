"""Taobao and Tmall parsers on the real g_page_config capture and on mtop itemsArray bodies."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from crawler.platforms import taobao, tmall
from crawler.platforms.base import NotSearchAnswer, PageFormatError
from tests.captures import capture_fixture

URL = "https://s.taobao.com/search?q=%E8%8A%9D%E9%BA%BB%E7%B3%8A"
API = "https://h5api.m.taobao.com/h5/mtop.relationrecommend.wirelessrecommend.recommend/2.0/"

page = capture_fixture("taobao/s_taobao_search_g_page_config_2018.js")


def test_all_36_auctions(page: bytes) -> None:
    result = taobao.parse_search(page, URL, "2018-07-26")
    assert result.blocked is None
    assert len(result.listings) == 36
    assert result.has_next is True  # pager: page 1 of 100
    assert result.total == 44471
    assert sum(x.platform == "tmall" for x in result.listings) == 26
    assert sum(x.platform == "taobao" for x in result.listings) == 10


def test_sponsored_item_gets_real_item_and_shop_urls(page: bytes) -> None:
    first = taobao.parse_search(page, URL, "2018-07-26").listings[0]
    assert first.listing_id == "10609596736"
    assert first.title == "现磨黑芝麻糊核桃桑葚黑豆黑米乌发干吃包邮"
    assert first.price == 52.9
    assert first.url == "https://detail.tmall.com/item.htm?id=10609596736"
    assert first.shop_name == "老金磨方旗舰店"
    assert first.shop_id == "705235443"
    assert first.shop_url == "https://store.taobao.com/shop/view_shop.htm?user_number_id=705235443"
    assert first.location == "浙江 杭州"


def test_plain_taobao_item(page: bytes) -> None:
    listings = {x.listing_id: x for x in taobao.parse_search(page, URL, "2018-07-26").listings}
    item = listings["568796204027"]
    assert item.platform == "taobao"
    assert item.shop_name == "nightblue999"
    assert item.shop_id == "901116145"
    assert item.price == 180.0
    assert item.url.startswith("https://item.taobao.com/item.htm?id=568796204027")
    assert item.location == "湖北 黄石"


def test_tmall_keeps_only_tmall_items(page: bytes) -> None:
    result = tmall.parse_search(page, URL, "2018-07-26")
    assert len(result.listings) == 26
    assert {x.platform for x in result.listings} == {"tmall"}
    assert "568796204027" not in {x.listing_id for x in result.listings}
    assert (
        tmall.parse_search is not taobao.parse_search and tmall.detect_block is taobao.detect_block
    )


def test_page_embedded_in_html(page: bytes) -> None:
    html = (
        b"<html><head><title>x_\xe6\xb7\x98\xe5\xae\x9d\xe6\x90\x9c\xe7\xb4\xa2</title><script>"
        + page
        + b"</script></head></html>"
    )
    assert len(taobao.parse_search(html, URL, "2018-07-26").listings) == 36


def mtop_body(items: list[dict], **data: object) -> str:
    return json.dumps(
        {
            "api": "mtop.relationrecommend.wirelessrecommend.recommend",
            "ret": ["SUCCESS::调用成功"],
            "data": {"itemsArray": items, **data},
        }
    )


ITEMS = [
    {
        "item_id": "7001",
        "title": "<span class=H>电话卡</span>流量卡 大王卡",
        "price": "19.90",
        "procity": "广东 深圳",
        "nick": "someone",
        "shopInfo": {"title": "卡卡小店", "url": "//shop123456.taobao.com"},
        "auctionURL": "//item.taobao.com/item.htm?id=7001",
    },
    {
        "nid": "7002",
        "title": "移动 5G 卡",
        "price": 29,
        "procity": "北京",
        "nick": "移动官方",
        "shopInfo": {"title": "中国移动官方旗舰店", "url": "https://chinamobile.tmall.com/"},
        "auctionURL": "https://detail.tmall.com/item.htm?id=7002",
    },
]


def test_mtop_items_array() -> None:
    result = taobao.parse_search(mtop_body(ITEMS, page=1, totalPage=3), API, "2025-01-02")
    first, second = result.listings
    assert (first.platform, first.listing_id, first.title, first.price) == (
        "taobao",
        "7001",
        "电话卡流量卡 大王卡",
        19.9,
    )
    assert (first.shop_name, first.shop_id, first.shop_url) == (
        "卡卡小店",
        "123456",
        "https://shop123456.taobao.com",
    )
    assert first.url == "https://item.taobao.com/item.htm?id=7001"
    assert first.location == "广东 深圳"
    assert (second.platform, second.shop_id, second.shop_name) == (
        "tmall",
        "chinamobile",
        "中国移动官方旗舰店",
    )
    assert result.has_next is True
    assert [
        x.listing_id for x in tmall.parse_search(mtop_body(ITEMS), API, "2025-01-02").listings
    ] == ["7002"]


def test_mtop_last_page() -> None:
    assert (
        taobao.parse_search(mtop_body(ITEMS, page=3, totalPage=3), API, "2025-01-02").has_next
        is False
    )
    assert taobao.parse_search(mtop_body([]), API, "2025-01-02").has_next is False


def test_mtop_item_without_id_is_an_error() -> None:
    with pytest.raises(PageFormatError, match="item 0 has no id"):
        taobao.parse_search(mtop_body([{"title": "x"}]), API, "2025-01-02")


def test_unrecognised_body_is_an_error() -> None:
    with pytest.raises(PageFormatError):
        taobao.parse_search('{"ret": ["SUCCESS::ok"], "data": {}}', API, "2025-01-02")


RGV587 = json.dumps(
    {
        "ret": ["RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试!"],
        "data": {"url": "https://s.taobao.com//_____tmd_____/punish?x5secdata=xx"},
    }
)


@pytest.mark.parametrize(
    ("status", "body", "url", "reason"),
    [
        (200, RGV587, API, "captcha"),
        (
            200,
            "<html><script>location.href='/_____tmd_____/punish?x5secdata=1'</script></html>",
            URL,
            "captcha",
        ),
        (
            200,
            "<html>slider</html>",
            "https://s.taobao.com/_____tmd_____/punish?x5step=1",
            "captcha",
        ),
        (
            200,
            "<html><title>淘宝网 - 登录</title></html>",
            "https://login.taobao.com/member/login.jhtml?redirectURL=x",
            "login",
        ),
        (200, '{"ret": ["FAIL_SYS_SESSION_EXPIRED::Session过期"]}', API, "login"),
        (429, "", URL, "rate_limited"),
        (502, "", URL, "server_error"),
    ],
)
def test_block_pages(status: int, body: str, url: str, reason: str) -> None:
    assert taobao.detect_block(status, body, url) == reason
    assert tmall.detect_block(status, body, url) == reason
    if status == 200:
        assert taobao.parse_search(body, url, "2025-01-02").blocked == reason


def test_real_page_is_not_a_block(page: bytes) -> None:
    assert taobao.detect_block(200, page, URL) is None


def test_search_urls() -> None:
    assert (
        taobao.search_url("https://s.taobao.com", "流量卡", 2)
        == "https://s.taobao.com/search?q=%E6%B5%81%E9%87%8F%E5%8D%A1&page=2"
    )
    assert (
        tmall.search_url("http://127.0.0.1:1/tmall", "sim", 1)
        == "http://127.0.0.1:1/tmall/search?q=sim&page=1&tab=mall"
    )


def test_shop_ids_from_urls() -> None:
    assert taobao.shop_id_from_url("//shop123.taobao.com/") == "123"
    assert (
        taobao.shop_id_from_url("https://chinaunicom.tmall.com/shop/view_shop.htm") == "chinaunicom"
    )
    assert taobao.shop_id_from_url("https://detail.tmall.com/item.htm?id=1") is None
    assert (
        taobao.shop_id_from_url("//store.taobao.com/shop/view_shop.htm?user_number_id=42") == "42"
    )


def test_parse_shop_licence() -> None:
    page = """<html><head><title>卡卡小店-淘宝网</title></head><body>
      <p>企业名称：深圳市卡卡通信有限公司</p><p>统一社会信用代码：91110000710925462X</p>
      <p>中国联通授权代理编号：LT-44-0001</p></body></html>"""
    seller = taobao.parse_shop(page, "https://shop123456.taobao.com/")
    assert (seller.platform, seller.shop_id, seller.shop_name) == ("taobao", "123456", "卡卡小店")
    assert seller.credit_code == "91110000710925462X"
    assert seller.company_name == "深圳市卡卡通信有限公司"
    assert seller.agent_marks == ["中国联通授权代理编号:LT-44-0001"]
    tm = tmall.parse_shop(page, "https://kaka.tmall.com/")
    assert (tm.platform, tm.shop_id) == ("tmall", "kaka")


def _api_url(app_id: str, api: str = taobao.API) -> str:
    data = json.dumps({"appId": app_id, "params": json.dumps({"page": 1, "q": "电话卡"})})
    query = urlencode({"jsv": "2.7.2", "appKey": "12574478", "api": api, "v": "2.0",
                       "type": "jsonp", "callback": "mtopjsonp5", "data": data})
    return f"https://h5api.m.taobao.com/h5/{api}/2.0/?{query}"


def test_search_api_is_matched_by_name_and_app_id() -> None:
    assert taobao.is_search_api(_api_url("34385"))
    assert not taobao.is_search_api(_api_url("30986"))  # the recommend feed on the same path
    assert not taobao.is_search_api(_api_url("34385", api="mtop.taobao.wireless.home.load"))
    assert not taobao.is_search_api("https://h5api.m.taobao.com/h5/" + taobao.API + "/2.0/")


def test_another_apis_answer_is_not_a_search_answer() -> None:
    body = json.dumps({"api": "mtop.taobao.wireless.home.load", "ret": ["SUCCESS::ok"], "data": {}})
    with pytest.raises(NotSearchAnswer):
        taobao.parse_search(body, _api_url("34385"), "2026-12-04")


def test_price_is_what_the_buyer_sees_and_tmall_from_icons() -> None:
    # The May-2025 item of topshadow/deno-price core/taobao.ts: price 59.00, priceShow 7.90.
    item = {"item_id": "575869269042", "title": "9度白醋", "price": "59.00",
            "priceShow": {"unit": "¥", "price": "7.90"}, "shopInfo": {"title": "三眼井旗舰店", "url": ""},
            "iconList": "p4p,guanggao,tmallPC-uland,tmall,psbt1", "procity": "山西 晋中",
            "utLogMap": {"userId": "0"}}
    body = json.dumps({"api": taobao.API, "ret": ["SUCCESS::调用成功"], "data": {"itemsArray": [item]}})
    [listing] = taobao.parse_search(body, _api_url("34385"), "2026-12-04").listings
    assert (listing.price, listing.platform, listing.shop_name) == (7.9, "tmall", "三眼井旗舰店")
    assert listing.shop_id is None  # the sample offers no shop id; "0" is no seller
    item["priceShow"] = None
    body = json.dumps({"api": taobao.API, "ret": ["SUCCESS::调用成功"], "data": {"itemsArray": [item]}})
    assert taobao.parse_search(body, _api_url("34385"), "2026-12-04").listings[0].price == 59.0


def test_shop_id_from_the_shop_url_the_item_offers() -> None:
    item = {"item_id": "1", "title": "电话卡", "priceShow": {"price": "9.90"},
            "shopInfo": {"title": "店", "url": "//shop57301367.taobao.com"}, "userId": "2200"}
    body = json.dumps({"ret": ["SUCCESS::ok"], "data": {"itemsArray": [item]}})
    [listing] = taobao.parse_search(body, _api_url("34385"), "2026-12-04").listings
    assert (listing.shop_id, listing.shop_url) == ("57301367", "https://shop57301367.taobao.com")
    item["shopInfo"]["url"] = ""
    body = json.dumps({"ret": ["SUCCESS::ok"], "data": {"itemsArray": [item]}})
    assert taobao.parse_search(body, _api_url("34385"), "2026-12-04").listings[0].shop_id == "2200"


# --- capcn


def test_mtop_custom_card_is_skipped_not_drift() -> None:
    """A card marked ``customCardType`` without an item id among itemsArray (a scraper of this
    answer filters exactly these — index file 70906765761) is no listing and no layout drift;
    the items around it are read; an unmarked entry without an id is still drift."""
    card = {"customCardType": "banner", "title": "活动"}
    result = taobao.parse_search(mtop_body([ITEMS[0], card, ITEMS[1]]), API, "2025-01-02")
    assert [x.listing_id for x in result.listings] == ["7001", "7002"]
    with pytest.raises(PageFormatError, match="item 1 has no id"):
        taobao.parse_search(mtop_body([ITEMS[0], {"title": "活动"}]), API, "2025-01-02")
