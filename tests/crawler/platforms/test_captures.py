"""Parsers on real captures gathered from public repositories (captures/SOURCES.md).

Each test counts what a person reading the page sees independently of the parser (a plain
selector or JSON path) and checks the parsed listings field by field against the page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest

from crawler.platforms import amazon, taobao, tmall
from crawler.platforms.base import CAPTCHA, PageFormatError, decode_body, js_object_after

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


def _assert_read_as_auctions(listings: list, auctions: list[dict]) -> None:
    """Each listing is its auction as the page holds it (g_page_config's auction fields)."""
    assert [x.listing_id for x in listings] == [a["nid"] for a in auctions]
    for listing, item in zip(listings, auctions, strict=True):
        assert (listing.title, listing.price, listing.shop_name, listing.shop_id,
                listing.location) == (item["raw_title"], float(item["view_price"]), item["nick"],
                                      item["user_id"], item["item_loc"])
        tmall = item["shopcard"]["isTmall"] if "shopcard" in item else any(
            icon["dom_class"] == "icon-service-tianmao" for icon in item["icon"])
        assert listing.platform == ("tmall" if tmall else "taobao")


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
    _assert_read_as_auctions(result.listings, auctions)
    for listing, item in zip(result.listings, auctions, strict=True):
        sponsored = "simba" in item["detail_url"]
        # a sponsored tile links through a click redirect: the item page is built from the id
        assert listing.url == ("https://detail.tmall.com/item.htm?id=" + item["nid"] if sponsored
                               else "https:" + item["detail_url"])
    tmall_only = tmall.parse_search(body, TAOBAO_MENS_URL, OBSERVED)
    assert [x.listing_id for x in tmall_only.listings] == [
        a["nid"] for a in auctions if a["shopcard"]["isTmall"]]
    assert len(tmall_only.listings) == 32


TAOBAO_IPAD = "taobao/s_taobao_search_ipad_browser_rendered_2018.html"
TAOBAO_IPAD_URL = "http://s.taobao.com/search?q=ipad"


def test_taobao_browser_rendered_page_reads_the_tiles_beyond_g_page_config() -> None:
    """The same results page after a browser ran its script (Chrome 69, 2018): g_page_config
    holds 36 auctions, the page then draws 12 more from its ``m=customized`` call. All 48
    tiles a reader sees are listings — the 36 as the config holds them, the 12 as drawn."""
    body = _capture(TAOBAO_IPAD)
    page = body.decode("utf-8")
    tiles = lxml.html.fromstring(page).xpath(
        "//div[@id='mainsrp-itemlist']//div[contains(@class, 'J_MouserOnverReq')]")
    assert len(tiles) == 48
    drawn = [t.xpath(".//a[@data-nid]/@data-nid")[0] for t in tiles]
    config = js_object_after(page, "g_page_config")
    auctions = config["mods"]["itemlist"]["data"]["auctions"]
    assert len(auctions) == 36 and drawn[:36] == [a["nid"] for a in auctions]
    result = taobao.parse_search(body, TAOBAO_IPAD_URL, OBSERVED)
    assert (result.blocked, result.has_next, result.total) == (None, True, 407246)
    assert [x.listing_id for x in result.listings] == drawn
    _assert_read_as_auctions(result.listings[:36], auctions)
    # 4 Apple-store auctions carry no shopcard, only the Tmall icon: Tmall listings still.
    no_card = [i for i, a in enumerate(auctions) if "shopcard" not in a]
    assert len(no_card) == 4
    assert {result.listings[i].platform for i in no_card} == {"tmall"}
    assert {x.listing_id for x in tmall.parse_search(body, TAOBAO_IPAD_URL, OBSERVED).listings} >= {
        auctions[i]["nid"] for i in no_card}
    for listing, tile in zip(result.listings[36:], tiles[36:], strict=True):
        assert tile.get("data-category") == "personalityData"
        shop = tile.xpath(".//a[contains(@class, 'shopname')]")[0]
        assert listing.price == float(tile.xpath("string(.//div[contains(@class,'price')]/strong)"))
        assert listing.title == " ".join(
            tile.xpath("string(.//div[contains(@class,'title')]/a)").split())
        assert listing.shop_name == shop.xpath("string(./span[last()])").strip()
        assert listing.shop_id == shop.get("data-userid")
        assert listing.location == tile.xpath("string(.//div[@class='location'])").strip()
        badge = bool(tile.xpath(".//span[contains(@class, 'icon-service-tianmao')]"))
        assert listing.platform == ("tmall" if badge else "taobao")
    assert [x.platform for x in result.listings[36:]].count("taobao") == 2


TAOBAO_LIST = "taobao/s_taobao_list_xiashangxin_listsrp_2018.html"
TAOBAO_LIST_URL = ("https://s.taobao.com/list?q=%E5%A4%8F%E4%B8%8A%E6%96%B0&cat=16"
                   "&seller_type=taobao&oetag=6745&source=qiangdiao&bcoffset=12&s=0")


def test_taobao_list_page_listsrp_is_read_like_the_search_page() -> None:
    """``s.taobao.com/list`` (a themed list, pageName listsrp, 60 auctions a page) embeds the
    same g_page_config: all 60 are read field by field, with its pager."""
    body = _capture(TAOBAO_LIST)
    config = _page_config_as_scraped(body.decode("utf-8"))
    assert config["pageName"] == "listsrp"
    auctions = config["mods"]["itemlist"]["data"]["auctions"]
    assert len(auctions) == 60
    result = taobao.parse_search(body, TAOBAO_LIST_URL, OBSERVED)
    assert (result.blocked, result.has_next, result.total) == (None, True, 30744)
    _assert_read_as_auctions(result.listings, auctions)
    assert [x.url for x in result.listings] == ["https:" + a["detail_url"] for a in auctions]


def test_taobao_customized_api_answer_is_read() -> None:
    """The page's ``s.taobao.com/api?…&ajax=true&m=customized`` JSONP answer, in the envelope
    scrapers read it from (``jsonp220({"API.CustomizedApi": {"itemlist": {"auctions": …}}})``,
    taobao._parse_customized), around real auctions of the 2018 capture: read as listings,
    not drift; no pager of its own. The envelope is modelled: no verbatim answer is public."""
    auctions = _page_config_as_scraped(_capture(TAOBAO_MENS).decode("utf-8"))[
        "mods"]["itemlist"]["data"]["auctions"][:12]
    body = "jsonp220(" + json.dumps({"API.CustomizedApi": {"itemlist": {"auctions": auctions}}},
                                    ensure_ascii=False) + ");"
    url = "https://s.taobao.com/api?callback=jsonp220&ajax=true&m=customized&q=x&s=36"
    result = taobao.parse_search(body, url, OBSERVED)
    assert (result.blocked, result.has_next) == (None, False)
    assert [(x.listing_id, x.price) for x in result.listings] == [
        (a["nid"], float(a["view_price"])) for a in auctions]
    with pytest.raises(PageFormatError, match="itemlist.auctions"):
        taobao.parse_search('{"API.CustomizedApi": {"itemlist": {}}}', url, OBSERVED)


TMALL_LIST_P1 = "tmall/list_tmall_search_product_changxiao_tongshu_p1_2020_gbk.html"
TMALL_LIST_P2 = "tmall/list_tmall_search_product_changxiao_tongshu_p2_2020.html"
TMALL_LIST_URL = "https://list.tmall.com/search_product.htm?q=%B3%A9%CF%FA%CD%AF%CA%E9&sort=d"


@pytest.mark.parametrize(("relative", "encoding", "page", "total"), [
    (TMALL_LIST_P1, "gbk", "1/80", 13684),
    (TMALL_LIST_P2, "utf-8", "2/80", 12450),
])
def test_tmall_own_search_page_is_read_field_by_field(
        relative: str, encoding: str, page: str, total: int) -> None:
    """Tmall's own search page (list.tmall.com/search_product.htm, 2020), once as the GBK bytes
    it was served in, once re-saved as UTF-8 (its meta still says gbk): 60 ``div.product`` each,
    read as the page shows them — not layout drift, as it was."""
    body = _capture(relative)
    doc = lxml.html.fromstring(body.decode(encoding))
    products = doc.xpath("//div[@id='J_ItemList']/div[@data-id]")
    assert len(products) == 60
    assert doc.xpath("string(//b[@class='ui-page-s-len'])") == page
    url = TMALL_LIST_URL if page.startswith("1/") else TMALL_LIST_URL + "&s=60"
    assert taobao.detect_block(200, body, url) is None
    result = tmall.parse_search(body, url, OBSERVED)
    assert (result.blocked, result.has_next, result.total) == (None, True, total)
    assert [x.listing_id for x in result.listings] == [p.get("data-id") for p in products]
    for listing, product in zip(result.listings, products, strict=True):
        title = product.xpath(".//p[@class='productTitle']/a")[0]
        shop = product.xpath(".//a[@class='productShop-name']")[0]
        assert listing.platform == "tmall"
        assert listing.title == " ".join(title.get("title").split())  # whitespace collapsed
        assert listing.url == "https:" + title.get("href")
        assert listing.price == float(product.xpath(".//p[@class='productPrice']/em/@title")[0])
        assert listing.shop_name == shop.text_content().strip()
        assert listing.shop_id == re.search(r"user_number_id=(\d+)", shop.get("href")).group(1)


TAOBAO_SHELL = "taobao/s_taobao_search_pc_search_2024_shell_2026_utf16.html"


def test_taobao_2026_page_shell_is_one_clear_drift_line_even_saved_as_utf16() -> None:
    """Today's s.taobao.com page as a plain GET got it (2026), saved through a Windows shell
    redirect (UTF-16 with a BOM): a skeleton with 30 empty cards drawn by pc-search-2024's
    main.js, no item in the HTML. It decodes (it was read as GB18030 mojibake before), is no
    wall, and is reported as what it is: results come in the mtop answer, not the page."""
    body = _capture(TAOBAO_SHELL)
    assert body[:2] == b"\xff\xfe"
    text, _ = decode_body(body)
    assert "<title>淘宝搜索</title>" in text and "boneClass_cardListWrapper" in text
    assert not re.search(r'"(nid|item_id|itemId)"', text)  # the page holds no item
    url = "https://s.taobao.com/search?q=iphone"
    assert taobao.detect_block(200, body, url) is None
    with pytest.raises(PageFormatError, match="script shell") as err:
        taobao.parse_search(body, url, OBSERVED)
    assert "\n" not in str(err.value)


TAOBAO_SPU = "taobao/s_taobao_search_shouji_spulist_browser_rendered_2018.html"


def test_taobao_product_model_page_has_no_listing_and_is_no_drift() -> None:
    """Searching 手机 in 2018 answered a product-model page (pageName spulist): 48 model tiles
    (``mods.grid.data.spus``, drawn as ``div.grid-item``), each a model with its sellers' count,
    none a seller's listing, and no auctions. Zero listings, not layout drift."""
    body = _capture(TAOBAO_SPU)
    page = body.decode("utf-8")
    config = js_object_after(page, "g_page_config")
    assert config["pageName"] == "spulist" and "itemlist" not in config["mods"]
    spus = config["mods"]["grid"]["data"]["spus"]
    assert len(spus) == 48 and not any("nid" in s or "user_id" in s for s in spus)
    assert not lxml.html.fromstring(page).xpath("//div[contains(@class, 'J_MouserOnverReq')]")
    result = taobao.parse_search(body, "https://s.taobao.com/search?q=%E6%89%8B%E6%9C%BA", OBSERVED)
    assert (result.blocked, result.listings, result.has_next) == (None, [], False)


def test_tmall_2014_list_page_markup_is_read() -> None:
    """The 2014 list.tmall.com markup (a browser-saved page quoted in a scraper, index file
    37184138750): ``div.product`` without the trailing spaces, ``data-id`` with a leading space,
    the price split over lines in ``em`` (its sign ``&yen;`` as the server wrote it — index file
    2300106638), a plain-http shop link. Excerpt transcribed (the
    first product, the pager), not a whole page."""
    page = """<html><head><meta charset="gbk"><title>T恤-精品男装-天猫Tmall.com-上天猫，就购了</title></head>
<body><p class="ui-page-s"><b class="ui-page-s-len">1/100</b></p>
<div id="J_ItemList" class="view " data-area="广州" data-spm="a220m.1000858.1000725">
<div class="product" data-atp="a!,,50000436,,,,," data-id=" 36879577205">
<div class="product-iWrap">
<p class="productPrice">
<em title="79.00">
<b>&yen;</b>
79.00
</em>
</p>
<p class="productTitle">
<a data-p="1-11" title="男装 SUPIMA COTTON V领T恤(短袖) 087355 优衣库UNIQLO" target="_blank" href="//detail.tmall.com/item.htm?id=36879577205&_u=k4q0egn6cdb&areaId=440100&cat_id=50032140&rn=11405287cd651224433715517f850654&user_id=196993935&is_b=1">男装 SUPIMA COTTON V领T恤(短袖) 087355 优衣库UNIQLO</a>
</p>
<div class="productShop" data-atp="b!1-3,{user_id},,,,,,">
<a class="productShop-name" target="_blank" href="http://store.taobao.com/search.htm?rn=11405287cd651224433715517f850654&user_number_id=196993935"> 优衣库官方旗舰店 </a>
</div>
</div>
</div>
</div></body></html>"""
    url = "http://list.tmall.com/search_product.htm?cat=50032140&sort=s&style=g"
    result = tmall.parse_search(page.encode("gbk"), url, OBSERVED)
    (listing,) = result.listings
    assert (listing.listing_id, listing.price, listing.shop_name, listing.shop_id) == (
        "36879577205", 79.0, "优衣库官方旗舰店", "196993935")
    assert listing.title == "男装 SUPIMA COTTON V领T恤(短袖) 087355 优衣库UNIQLO"
    assert listing.url.startswith("https://detail.tmall.com/item.htm?id=36879577205&")
    assert (result.has_next, result.total) == (True, None)
