"""JD parser on the real search and item captures, and on pc_search_searchWare bodies."""

from __future__ import annotations

import json

import pytest

from crawler.platforms import jd
from crawler.platforms.base import PageFormatError
from tests.captures import capture_fixture

URL = "https://search.jd.com/Search?keyword=dddd&enc=utf-8&page=1"
API = "https://api.m.jd.com/?appid=search-pc-java&functionId=pc_search_searchWare&client=pc"

search_page = capture_fixture("jd/search_jd_com_keyword_dddd_2019.html")
item_page = capture_fixture("jd/item_jd_com_3888216_2018.html")


def test_five_items_with_fields(search_page: bytes) -> None:
    result = jd.parse_search(search_page, URL, "2019-05-01")
    assert result.blocked is None
    assert [x.listing_id for x in result.listings] == [
        "15611327638",
        "1546189650",
        "11043773273",
        "31825846429",
        "42380884072",
    ]
    first = result.listings[0]
    # .p-name em text includes the highlighted keyword in its nested <font>.
    assert first.title == "依泊姿会发芽的海藻面膜贴天然小颗粒海藻面膜免调成型贴片式50片dddd"
    assert first.url == "https://item.jd.com/15611327638.html"
    assert first.price == 109.0
    assert (first.shop_id, first.shop_name) == ("623560", "纯禾雅专护肤品营店")
    assert first.shop_url == "https://mall.jd.com/index-623560.html"
    assert [x.price for x in result.listings] == [109.0, 109.0, 68.0, 966.0, 109.0]
    assert [x.shop_id for x in result.listings] == ["623560", "35012", "623560", "839361", "917957"]


def test_pager_says_single_page(search_page: bytes) -> None:
    assert jd.parse_search(search_page, URL, "2019-05-01").has_next is False  # "1/1"
    more = search_page.replace(b"<i>1</i> </span>", b"<i>3</i> </span>")
    assert jd.parse_search(more, URL, "2019-05-01").has_next is True


def test_raw_page_without_prices_and_self_operated_shop() -> None:
    html = """<html><head><title>电话卡 - 商品搜索 - 京东</title></head><body><div id="J_goodsList"><ul>
      <li class="gl-item" data-sku="100012">
        <div class="p-img"><a href="//item.jd.com/100012.html"></a><div data-venid="1000000001"></div></div>
        <div class="p-price"><strong class="J_100012" data-price="29.00"><em>￥</em><i></i></strong></div>
        <div class="p-name"><a href="//item.jd.com/100012.html"><em>中国移动 <font class="skcolor_ljg">电话卡</font> 5G</em></a></div>
        <div class="p-shop" data-selfware="1"></div>
        <div class="p-icons"><i class="goods-icons J-picon-tips">京东自营</i></div>
      </li>
      <li class="gl-item" data-sku="100013">
        <div class="p-price"><strong><i></i></strong></div>
        <div class="p-name"><a href="//item.jd.com/100013.html"><em>流量卡</em></a></div>
        <div class="p-shop"><a href="//mall.jd.com/index-55.html">卡小铺</a></div>
      </li></ul></div>
      <div class="p-num"><a class="pn-next" href="javascript:;" onclick="SEARCH.page(3)">下一页</a></div></body></html>"""
    result = jd.parse_search(html, URL, "2025-01-02")
    first, second = result.listings
    assert (first.title, first.price, first.shop_name, first.shop_id) == (
        "中国移动 电话卡 5G",
        29.0,
        "京东自营",
        "1000000001",
    )
    assert (second.price, second.shop_name, second.shop_id) == (None, "卡小铺", "55")
    assert result.has_next is False  # pn-next with a javascript href and no pager text


def test_no_result_page_is_empty_not_an_error() -> None:
    html = '<html><head><title>x - 商品搜索 - 京东</title></head><body><div class="check-error">抱歉，没有找到与“x”相关的商品</div></body></html>'
    result = jd.parse_search(html, URL, "2025-01-02")
    assert (result.listings, result.has_next, result.blocked) == ([], False, None)


def test_unknown_layout_is_an_error() -> None:
    with pytest.raises(PageFormatError, match="no #J_goodsList"):
        jd.parse_search(
            "<html><head><title>京东</title></head><body><div id='app'></div></body></html>",
            URL,
            "2025-01-02",
        )


def ware_body(wares: list[dict], **data: object) -> str:
    return json.dumps({"code": 0, "data": {"wareList": wares, **data}})


WARES = [
    {
        "wareId": "2001",
        "wareName": "联通<font class='skcolor_ljg'>大王卡</font>",
        "jdPrice": "9.90",
        "shopId": 77,
        "shopName": "联通卡店",
        "venderId": 88,
    },
    {
        "wareId": 2002,
        "wareName": "电信星卡",
        "jdPrice": 19,
        "shopId": None,
        "shopName": None,
        "selfSupport": 1,
    },
]


def test_ware_list() -> None:
    result = jd.parse_search(
        ware_body(WARES, page=1, pageCount=2, resultCount=60), API, "2025-01-02"
    )
    first, second = result.listings
    assert (first.listing_id, first.title, first.price, first.shop_id, first.shop_name) == (
        "2001",
        "联通大王卡",
        9.9,
        "77",
        "联通卡店",
    )
    assert first.url == "https://item.jd.com/2001.html"
    assert first.shop_url == "https://mall.jd.com/index-77.html"
    assert (second.listing_id, second.shop_name, second.shop_id) == ("2002", "京东自营", None)
    assert (result.has_next, result.total) == (True, 60)
    assert (
        jd.parse_search(ware_body(WARES, page=2, pageCount=2), API, "2025-01-02").has_next is False
    )
    nested = json.dumps({"code": "0", "data": {"wareList": {"wareList": WARES}}})
    assert len(jd.parse_search(nested, API, "2025-01-02").listings) == 2


def test_item_page(item_page: bytes) -> None:
    listing = jd.parse_item(item_page, "https://item.jd.com/3888216.html", "2018-02-21")
    assert listing.listing_id == "3888216"
    assert listing.title == "【新年货】华为 畅享6 金色 移动联通电信4G手机 双卡双待"
    assert (listing.shop_id, listing.shop_name) == ("1000004259", "华为京东自营官方旗舰店")
    assert listing.shop_url == "https://mall.jd.com/index-1000004259.html"
    assert listing.price is None  # loaded by JS, not in the HTML


@pytest.mark.parametrize(
    ("status", "body", "url", "reason"),
    [
        (
            200,
            "<html><head><title>京东-欢迎登录</title></head></html>",
            "https://passport.jd.com/new/login.aspx?ReturnUrl=x",
            "login",
        ),
        (
            200,
            "<html><head><title>京东-欢迎登录</title></head><body></body></html>",
            "https://search.jd.com/Search?keyword=x",
            "login",
        ),
        (
            200,
            "<html><head><title>安全验证</title></head><body>请完成安全验证</body></html>",
            URL,
            "captcha",
        ),
        (200, "<html><head><title>人机验证</title></head></html>", URL, "captcha"),
        (
            200,
            "<html><head><title>京东</title></head><body></body></html>",
            "https://cfe.m.jd.com/privatedomain/risk_handler/03101900/?returnurl=x",
            "captcha",
        ),
        (200, '{"code": "3", "echo": "请先登录"}', API, "login"),
        (200, '{"code": 605, "message": "安全验证失败"}', API, "captcha"),
        (429, "", URL, "rate_limited"),
        (503, "<html></html>", URL, "server_error"),
    ],
)
def test_block_pages(status: int, body: str, url: str, reason: str) -> None:
    assert jd.detect_block(status, body, url) == reason
    if status == 200:
        assert jd.parse_search(body, url, "2025-01-02").blocked == reason


def test_results_for_a_captcha_keyword_are_not_a_block(search_page: bytes) -> None:
    page = search_page.replace(b"<title>dddd - ", "<title>代收验证码 - ".encode())
    assert jd.detect_block(200, page, URL) is None
    assert jd.detect_block(200, search_page, URL) is None


def test_search_url_uses_half_pages() -> None:
    assert jd.search_url("https://search.jd.com", "电话卡", 1).endswith(
        "keyword=%E7%94%B5%E8%AF%9D%E5%8D%A1&enc=utf-8&page=1"
    )
    assert (
        jd.search_url("https://search.jd.com/", "sim", 3)
        == "https://search.jd.com/Search?keyword=sim&enc=utf-8&page=5"
    )


def test_parse_shop() -> None:
    page = """<html><head><title>联通卡店 - 京东</title></head><body><div class="jScore">
      <p>公司名称：广州联卡通信有限公司</p><p>营业执照注册号：91110000710925462X</p>
      <p>中国联通网络售卡代理 统一标识：CU-GD-0007</p></div></body></html>"""
    seller = jd.parse_shop(page, "https://mall.jd.com/showLicence-77.html?shopId=77")
    assert (seller.shop_id, seller.shop_name, seller.shop_url) == (
        "77",
        "联通卡店",
        "https://mall.jd.com/index-77.html",
    )
    assert (seller.credit_code, seller.company_name) == (
        "91110000710925462X",
        "广州联卡通信有限公司",
    )
    assert seller.agent_marks == ["中国联通网络售卡代理 统一标识:CU-GD-0007"]


# ---- the 2026 search app's pc_search_searchWare answers -----------------------------------

REAL_API = (
    "https://api.m.jd.com/api?appid=search-pc-java&functionId=pc_search_searchWare&client=pc"
    "&clientVersion=1.0.0&t=1781709349000&body=%7B%7D&h5st=x"
)


def test_the_search_api_is_matched_by_its_exact_function_id() -> None:
    assert jd.is_search_api(REAL_API)
    for other in (
        REAL_API.replace("pc_search_searchWare", "pc_search_searchWare_ad"),
        REAL_API.replace("functionId=pc_search_searchWare", "functionId=pc_search_adv&x=pc_search_searchWare"),
        "https://api.m.jd.com/api?appid=search-pc-java",
    ):
        assert not jd.is_search_api(other), other


@pytest.mark.parametrize(
    ("ware", "price", "masked"),
    [
        ({"jdPrice": "1??9", "priceLoginText": "登录查看价格"}, None, True),  # index file 71153626831
        ({"jdPrice": "2??"}, None, True),
        ({"jdPrice": "¥?"}, None, True),
        ({"jdPrice": "登录查看价格"}, None, True),
        ({"priceLoginText": "登录查看价格"}, None, True),
        ({"jdPrice": "59.00"}, 59.0, False),
        ({"jdPrice": 19.9}, 19.9, False),
        ({}, None, False),
    ],
)
def test_masked_prices_are_null_and_flagged_never_a_digit(ware: dict, price: float | None, masked: bool) -> None:
    body = {"code": "0", "data": {"wareList": [{"wareId": "100012043978", "wareName": "移动 电话卡", **ware}]}}
    [listing] = jd.parse_search(json.dumps(body, ensure_ascii=False), REAL_API, "2026-06-13").listings
    assert listing.price == price and listing.price_masked is masked


def test_masked_price_in_a_saved_page_is_null_and_flagged() -> None:
    page = ('<html><body><div id="J_goodsList"><ul><li class="gl-item" data-sku="7">'
            '<div class="p-price"><strong><i>1??9</i></strong></div>'
            '<div class="p-name"><a href="javascript:alert(1)"><em>电话卡</em></a></div>'
            '<div class="p-shop"><a href="https://evil.example/shop">x</a></div></li></ul></div></body></html>')
    [listing] = jd.parse_search(page, URL, "2026-01-01").listings
    assert listing.price is None and listing.price_masked
    # Only JD's own http(s) URLs leave the parser: the item URL is rebuilt from the sku.
    assert listing.url == "https://item.jd.com/7.html" and listing.shop_url is None


def test_risk_verification_605_is_a_captcha() -> None:
    # The shape a 2026 replay script reads (index file 66562696656).
    body = {"code": "605", "disposal": {"evContent": json.dumps({"evTypeTip": "滑块", "title": "安全验证"})}}
    assert jd.detect_block(200, json.dumps(body), REAL_API) == "captcha"
    assert jd.parse_search(json.dumps(body), REAL_API, "2026-01-01").blocked == "captcha"


@pytest.mark.parametrize(
    "body",
    [
        {"code": "0", "data": {"wareList": ["not an object"]}},
        {"code": "0", "data": {"wareList": [{"wareId": {"id": 1}, "wareName": "x"}]}},
        {"code": "0", "data": {"wareList": [{"wareName": "no id"}]}},
        {"code": "0", "data": {"wareList": 5}},
        {"code": "0", "data": []},
        [1, 2, 3],
    ],
)
def test_unexpected_structures_are_layout_drift(body: object) -> None:
    with pytest.raises(PageFormatError):
        jd.parse_search(json.dumps(body), REAL_API, "2026-01-01")


def test_shop_fields_from_either_shape() -> None:
    body = {"code": "0", "data": {"wareList": [
        {"wareId": 1, "wareName": "a", "shopId": 1000001, "shopName": "京东自营旗舰店"},
        {"wareId": 2, "wname": "b", "goodShop": {"goodShopName": "卡铺"}},
        {"skuId": "3", "wareName": "c", "shopId": True},
    ], "page": 1, "pageCount": 1}}
    result = jd.parse_search(json.dumps(body, ensure_ascii=False), REAL_API, "2026-01-01")
    assert [(x.listing_id, x.title, x.shop_id, x.shop_name) for x in result.listings] == [
        ("1", "a", "1000001", "京东自营旗舰店"), ("2", "b", None, "卡铺"), ("3", "c", None, None)]
    assert result.listings[0].shop_url == "https://mall.jd.com/index-1000001.html"
    assert not result.has_next


# A saved page of the 2025-26 search app. No public capture exists: the markup follows what
# public scrapers select (index files 57817556444, 53321707514, 48138951273): the card
# ``div.plugin_goodsCardWrapper[data-sku]`` with hashed CSS-module classes.
APP_CARDS = """<html><head><title>流量卡 - 商品搜索 - 京东</title></head><body><div id="app">
<div class="_wrapper_8v3rv_3 plugin_goodsCardWrapper _row_6_8v3rv_13" data-sku="100012345678">
 <a class="_wrapper_1hy8u_24" href="//item.jd.com/100012345678.html" target="_blank">
  <img class="_img_ncezi_1" src="//img14.360buyimg.com/x.jpg"></a>
 <div class="_text_jedor_40" title="中国移动 流量卡 19元月租 100G通用流量 全国通用">中国移动 <em>流量卡</em>…</div>
 <div class="_container_1agky_2"><span class="_price_1agky_18">¥<i>19</i>.90</span></div>
 <div class="_goods_volume_x9_2">已售1万+</div>
 <div class="_shopFloor_cynmp_29"><a href="//mall.jd.com/index-1000012345.html">
  <span class="_name_cynmp_8">中国移动官方旗舰店</span></a></div>
</div>
<div class="_wrapper_9zz1a_3 plugin_goodsCardWrapper" data-sku="200098765432">
 <h5 title="<script>x</script>电信 纯流量卡 上网卡">电信 纯流量卡</h5>
 <span class="_price_t0dwj_14">¥2??</span>
 <div class="_shopFloor_abc12_1"><span class="_limit_abc12_17">某某通讯专营店</span></div>
</div>
<div class="p-num"><a class="pn-next" href="javascript:;"><em>下一页</em></a></div>
</div></body></html>"""


def test_a_saved_app_page_with_cards_is_read() -> None:
    result = jd.parse_search(APP_CARDS, URL, "2026-12-05")
    first, second = result.listings
    assert (first.listing_id, first.price, first.shop_name, first.shop_id) == (
        "100012345678", 19.9, "中国移动官方旗舰店", "1000012345")
    assert first.title == "中国移动 流量卡 19元月租 100G通用流量 全国通用"  # the full @title
    assert first.url == "https://item.jd.com/100012345678.html"
    # No link: the item URL from the sku; a masked price is null and flagged; the shop from the
    # name floor's other class.
    assert second.url == "https://item.jd.com/200098765432.html"
    assert (second.price, second.price_masked, second.shop_name, second.shop_id) == (
        None, True, "某某通讯专营店", None)
    assert second.title == "x电信 纯流量卡 上网卡"  # markup in a title is dropped, its text kept
    assert result.has_next  # the 下一页 control is not disabled
    done = jd.parse_search(APP_CARDS.replace('class="pn-next"', 'class="pn-next disabled"'), URL, "2026-12-05")
    assert not done.has_next
