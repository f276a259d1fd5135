"""JD (京东) search results and item pages.

Real search path (2026), followed by ``crawler/spiders/jd.py`` through the logged-in browser:

* **Entry page**: ``search.jd.com/Search?keyword=<kw>&enc=utf-8`` — a login-gated single-page
  app; the classic server-rendered ``#J_goodsList`` is gone ("PC 搜已是 SPA，经典 #J_goodsList 失效；
  主搜 api.m.jd.com functionId=pc_search_searchWare → data.wareList" — index file 63498590439).
* **API the page calls**: ``GET https://api.m.jd.com/api?appid=search-pc-java&functionId=
  pc_search_searchWare&client=pc&clientVersion=1.0.0&t=…&body=<JSON>&h5st=…`` (index file
  66562696656: a 2026 replay script, Referer ``search.jd.com/Search?keyword=…&enc=utf-8``).
  Answers carry ``code``: ``"0"`` success, ``"403"`` sign rejected, ``"605"`` risk verification
  with ``disposal.evContent`` (same file; "剩余 605 风控验证" — index file 56822371191).
  Responses are matched by the exact ``functionId`` query value (:func:`is_search_api`), never by
  substring: the page calls other functionIds on the same host.
* **Sign**: ``h5st`` v5.3 from ``js_security_v3_0.1.x.js`` over ``{appid, functionId, client,
  clientVersion, t, body: sha256(body)}`` (index files 54550822707, 53011187900, 56822371191) — left
  to the page's own script (DESIGN principle 2).
* **Paging**: body ``{"enc":"utf-8","pvid":…,"area":…,"page":3,"new_interval":true,"s":49}``
  (index file 53011187900: ``page`` counts half-pages, ``s`` is the start index); the page pages by
  its ``.pn-next`` 下一页 control (index file 42926517436, a DrissionPage scraper that clicks it
  and reads the ``pc_search_searchWare`` answer). The spider clicks the same control.
* **Walls**: ``passport.jd.com`` login redirect; ``cfe.m.jd.com/privatedomain/risk_handler`` risk
  page (index file 71153626831); code 605 (above); the search app's own "抱歉由于访问频繁导致无法
  搜索，请稍后再试！" page → rate limited (real Dec 2025 captures in
  tests/crawler/platforms/captures/jd).
* **Fields**: ``data.wareList[]`` (index file 63498590439) with ``wareId``/``wareName``
  (field list in index file 55157795382); ``skuId``/``wname``/``jdPrice``/``goodShop.goodShopName``
  are read by index file 42926517436; a March 2026 write-up of the answer (index file
  52691267560: field table and a trimmed sample) lists ``skuId``/``name``/``price``/``shopId``/
  ``shopName`` and ``data.resultCount``, and no page count. ``venderId`` and the paging fields
  ``page``/``pageCount`` have **no public sample**: read when present (modelled).
* **Masked prices**: without a login JD serves ``"jdPrice":"1??9"`` / ``"2??"`` with
  ``priceLoginText:"登录查看价格"`` (index files 71153626831, 68934446534). Such a price is
  ``None`` with ``Listing.price_masked = True`` — never the leading digit.

Saved pages (``simwatch parse``) may still be the classic server-rendered page (captures in
``../shared/fixtures/jd``, ~2019; ``ShilongLee/Crawler service/jd/logic/search.py
@18f9d5211226e6209704b7fdbec80828c700d6a5`` for 2024): ``#J_goodsList li.gl-item[data-sku]``;
title ``.p-name em``, URL ``.p-name a@href``, price ``.p-price strong i``, shop ``.p-shop a``
(``//mall.jd.com/index-<shopId>.html``), self-operated badge 京东自营. Item page:
``pageConfig.product`` (``skuid, venderId, shopId``), ``.sku-name``, shop ``.J-hove-wrap .name a``
→ :func:`parse_item`.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector

from crawler.items import Listing, Seller
from crawler.platforms.base import (
    CAPTCHA,
    LOGIN,
    RATE_LIMITED,
    BlockMarkers,
    PageFormatError,
    ParseResult,
    absolute_url,
    allowed_url,
    as_text,
    clean_text,
    detect_by_markers,
    dig,
    html_title,
    looks_like_json,
    make_listing,
    page_tree,
    parse_price,
    require_id,
    search_parser,
    seller_from_page,
)

NAME = "jd"
DEFAULT_BASE_URL = "https://search.jd.com"
NEEDS_BROWSER = True
SEARCH_FUNCTION_ID = "pc_search_searchWare"
# Substring pre-filter only; is_search_api() decides by the exact functionId.
API_URL_MARKER = SEARCH_FUNCTION_ID
# The hosts JD listings, shops and its search API live on; other URLs never leave the parser.

SELF_OPERATED = "京东自营"


def _has_class(name: str) -> str:
    """XPath test for a class token (what CSS ``.name`` means)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# XPath rather than CSS: id() is an index lookup and short relative paths avoid the
# descendant-or-self scans CSS translation produces (the parser runs at about decode speed).
_ITEMS = etree.XPath("id('J_goodsList')//li[@data-sku]")
_GOODS_LIST = etree.XPath("id('J_goodsList')")
_NAME = etree.XPath(f".//div[{_has_class('p-name')}]//em")
# The title's text without a badge span (``<em><span class="p-tag">京品电脑</span> 戴尔…</em>``
# in a 2020 results page — index file 2925476633): the badge is no part of the title.
_NAME_TEXT = etree.XPath(f".//text()[not(ancestor::span[{_has_class('p-tag')}])]")
_NAME_LINK = etree.XPath(f".//div[{_has_class('p-name')}]//a")
_PRICE = etree.XPath(f".//div[{_has_class('p-price')}]//strong//i")
_PRICE_HOLDER = etree.XPath(f".//div[{_has_class('p-price')}]//*[@data-price]")
_SHOP_LINK = etree.XPath(f".//div[{_has_class('p-shop')}]//a")
_SHOP_BOX = etree.XPath(f".//div[{_has_class('p-shop')}]")
_VENDER = etree.XPath(".//*[@data-venid]")
_ICONS = etree.XPath(f".//div[{_has_class('p-icons')}]")
_PAGE_TEXT = etree.XPath(f"id('J_topPage')//*[{_has_class('fp-text')}]")
_NEXT = etree.XPath(
    f"id('J_topPage')//a[{_has_class('fp-next')}] | id('J_bottomPage')//a[{_has_class('pn-next')}]"
    f" | //*[{_has_class('p-num')}]/a[{_has_class('pn-next')}]"
)
_NO_RESULT = CSSSelector(".check-error, .ns-content, #J_searchWrap .notice-search")
_SKU_NAME = CSSSelector(".sku-name")
_ITEM_SHOP = CSSSelector(".J-hove-wrap .name a")

# The 2025-26 search app's cards (a saved app page; the spider reads the API instead). No public
# capture: the structure is what three public scrapers select (index files 57817556444,
# 53321707514, 48138951273): ``div.plugin_goodsCardWrapper[data-sku]``, CSS-module classes whose
# hash suffix changes per build (``_text_jedor_40``, ``_price_1agky_18``), so class tokens are
# matched by their stem: title ``_text_``/``_title_`` (its @title, else its text) or
# ``h5[@title]``, price ``_price_``, shop ``_name_``/``_limit_`` inside ``_shopFloor_``.
def _stem(name: str) -> str:
    """XPath test for a class token starting with ``name`` (a hashed CSS-module class)."""
    return f"contains(concat(' ', normalize-space(@class)), ' {name}')"


_CARDS = etree.XPath(f"//div[@data-sku][{_has_class('plugin_goodsCardWrapper')}]")
_CARD_TITLE = etree.XPath(f"(.//*[{_stem('_text_')} or {_stem('_title_')}] | .//h5[@title])[1]")
_CARD_PRICE = etree.XPath(f".//*[{_stem('_price_')}]")
_CARD_SHOP = etree.XPath(f".//*[{_stem('_shopFloor_')}]//*[{_stem('_name_')} or {_stem('_limit_')}]")
_CARD_LINK = etree.XPath(".//a[contains(@href, 'item.jd.com')]")
_CARD_SHOP_LINK = etree.XPath(".//a[contains(@href, 'mall.jd.com') or contains(@href, 'shopId=')]")
_CARD_NEXT = etree.XPath(f"//*[{_has_class('pn-next')}]")

_SHOP_ID = re.compile(r"index-(\d+)\.html|[?&]shopId=(\d+)", re.I)
_PAGER = re.compile(r"(\d+)\s*/\s*(\d+)")
_PRODUCT = {
    "skuid": re.compile(r"\bskuid\s*:\s*'?(\d+)"),
    "venderId": re.compile(r"\bvenderId\s*:\s*'?(\d+)"),
    "shopId": re.compile(r"\bshopId\s*:\s*'?(\d+)"),
    "name": re.compile(r"\bname\s*:\s*'((?:[^'\\]|\\.)*)'"),
}

def is_search_api(url: str) -> bool:
    """True for an answer of the search API itself: ``functionId`` equals
    ``pc_search_searchWare`` exactly (a substring would also match look-alike functionIds)."""
    try:
        query = parse_qs(urlsplit(url).query)
    except ValueError:
        return False
    return query.get("functionId") == [SEARCH_FUNCTION_ID]


def own_url(url: str | None) -> str | None:
    """``url`` when it is http(s) on one of this platform's own hosts, else None."""
    return url if url and allowed_url(NAME, url) else None


_MASK = re.compile(r"[?？*]|登录|登陆")


def price_of(value: Any, login_text: Any = None) -> tuple[float | None, bool]:
    """(price, masked). JD masks prices for visitors ("1??9", "2??", "¥?", 登录查看价格):
    reading the leading digit would store a false price, so a masked price is None."""
    if value is None or value == "":
        return None, bool(login_text)
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int | float):
        return parse_price(value), False
    text = str(value)
    if _MASK.search(text):
        return None, True
    return parse_price(text), False


def search_url(base_url: str, keyword: str, page: int) -> str:
    return f"{base_url.rstrip('/')}/Search?keyword={quote(keyword)}&enc=utf-8&page={2 * page - 1}"


def shop_id_from_url(url: str | None) -> str | None:
    match = _SHOP_ID.search(url or "")
    return (match.group(1) or match.group(2)) if match else None


def shop_url_for(shop_id: str | None) -> str | None:
    return f"https://mall.jd.com/index-{shop_id}.html" if shop_id else None


def _json_block(payload: Any) -> str | None:
    """Block reason of an api.m.jd.com answer. ``605`` (risk verification, ``disposal``) is
    evidenced (index file 66562696656); login codes 3/401 and the message wording are modelled."""
    if not isinstance(payload, dict):
        return None
    code = str(payload.get("code", "")).strip()
    if code == "605" or isinstance(payload.get("disposal"), dict):
        return CAPTCHA
    if code in ("", "0", "200") and "wareList" in str(payload.get("data"))[:200]:
        return None
    message = " ".join(str(payload.get(k, "")) for k in ("message", "msg", "echo"))
    if "登录" in message or "login" in message.lower() or code in ("3", "401"):
        return LOGIN
    if "验证" in message or "verify" in message.lower() or "risk" in message.lower():
        return CAPTCHA
    return None


BLOCK_MARKERS = BlockMarkers(
    url=(
        ("passport.jd.com", LOGIN),
        ("/passport/login", LOGIN),
        ("plogin.m.jd.com", LOGIN),
        ("risk_handler", CAPTCHA),
        ("/verify", CAPTCHA),
    ),
    # api.m.jd.com answers carry their refusal as fields; only HTML pages are read for markers.
    api=lambda payload, _url: _json_block(payload),
    # A results page, the search app's shell or an item page: its title repeats the keyword,
    # which may well be 验证码.
    results=("J_goodsList", "pageConfig", SEARCH_FUNCTION_ID),
    title=(
        ("安全验证", CAPTCHA),
        ("人机验证", CAPTCHA),
        ("验证码", CAPTCHA),
        ("验证中心", CAPTCHA),
        ("欢迎登录", LOGIN),
        ("登录", LOGIN),
    ),
    title_first=True,  # a login page that loads the risk scripts is still a login page
    body=(("JDR_shields", CAPTCHA), ("risk_handler", CAPTCHA), ("verify.jd.com", CAPTCHA)),
)


# The 2025-26 search app's wall: its page (with ``pageConfig``, so read as a results page by the
# marker table) shows "抱歉由于访问频繁导致无法搜索，请稍后再试！" instead of results — two real
# captures (tests/crawler/platforms/captures/jd, Dec 2025: logged in and not).
_RATE_WALL = "访问频繁导致无法搜索"


def _rate_wall(text: str) -> bool:
    """The search app's "too frequent" notice, on a page without a results list."""
    return _RATE_WALL in text and "J_goodsList" not in text


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    reason = detect_by_markers(BLOCK_MARKERS, status, body, url)
    if reason is None and not looks_like_json(text := as_text(body)) and _rate_wall(text):
        return RATE_LIMITED
    return reason


def _first_text(elements: list[Any]) -> str:
    return clean_text(elements[0].text_content()) if elements else ""


def _name_text(li: Any) -> str:
    names = _NAME(li)
    return clean_text("".join(_NAME_TEXT(names[0]))) if names else ""


def _html_listing(li: Any, index: int, url: str, observed_at: str) -> Listing:
    sku = require_id(li.get("data-sku"), url, index)
    link = _NAME_LINK(li)
    item_url = own_url(absolute_url(link[0].get("href"), url)) if link else None
    price, masked = price_of(_first_text(_PRICE(li)) or None)
    if price is None and not masked:
        holders = _PRICE_HOLDER(li)
        price, masked = price_of(holders[0].get("data-price")) if holders else (None, False)
    shop_links = _SHOP_LINK(li)
    shop_id = shop_name = shop_url = None
    if shop_links:
        anchor = shop_links[0]
        shop_id = shop_id_from_url(anchor.get("href"))
        shop_name = anchor.get("title") or anchor.text_content()
        shop_url = shop_url_for(shop_id) or own_url(absolute_url(anchor.get("href"), url))
    self_operated = SELF_OPERATED in _first_text(_ICONS(li)) or any(
        box.get("data-selfware") == "1" for box in _SHOP_BOX(li)
    )
    if not shop_name and self_operated:
        shop_name = SELF_OPERATED
    if not shop_id:
        vender = _VENDER(li)
        shop_id = vender[0].get("data-venid") if vender and self_operated else None
    listing = make_listing(
        NAME,
        sku,
        _name_text(li) or (link[0].get("title") if link else ""),
        url=item_url or f"https://item.jd.com/{sku}.html",
        observed_at=observed_at,
        page_url=url,
        price=price,
        shop_name=shop_name,
        shop_id=shop_id,
        shop_url=shop_url,
    )
    listing.price_masked = masked
    return listing


def _html_has_next(doc: Any) -> bool:
    pager = _PAGE_TEXT(doc)
    if pager:
        found = _PAGER.search(pager[0].text_content())
        if found:
            return int(found.group(1)) < int(found.group(2))
    for anchor in _NEXT(doc):
        classes = (anchor.get("class") or "").split()
        if "disabled" not in classes and anchor.get("href") not in (None, "", "javascript:;"):
            return True
    return False


def _card_listing(card: Any, index: int, url: str, observed_at: str) -> Listing:
    """One card of the 2025-26 search app (selectors: see ``_CARDS``)."""
    sku = require_id(card.get("data-sku"), url, index)
    titles = _CARD_TITLE(card)
    title = (titles[0].get("title") or titles[0].text_content()) if titles else ""
    prices = _CARD_PRICE(card)
    price, masked = price_of(clean_text(prices[0].text_content()) or None) if prices else (None, False)
    shops = _CARD_SHOP(card)
    shop_name = (clean_text(shops[0].text_content()) or None) if shops else None
    shop_links = _CARD_SHOP_LINK(card)
    shop_id = shop_id_from_url(shop_links[0].get("href")) if shop_links else None
    links = _CARD_LINK(card)
    item_url = own_url(absolute_url(links[0].get("href"), url)) if links else None
    listing = make_listing(
        NAME, sku, clean_text(title), url=item_url or f"https://item.jd.com/{sku}.html",
        observed_at=observed_at, page_url=url, price=price, shop_name=shop_name, shop_id=shop_id,
        shop_url=shop_url_for(shop_id) if shop_id else None,
    )
    listing.price_masked = masked
    return listing


def _parse_cards(doc: Any, cards: list[Any], url: str, observed_at: str) -> ParseResult:
    listings = [_card_listing(card, i, url, observed_at) for i, card in enumerate(cards)]
    # The app pages by its 下一页 control (no href): a control that is not disabled.
    has_next = any("disabled" not in (a.get("class") or "").split() for a in _CARD_NEXT(doc))
    return ParseResult(listings=listings, has_next=has_next)


def _parse_html(page: str | bytes, text: str, url: str, observed_at: str) -> ParseResult:
    doc = page_tree(page)
    items = _ITEMS(doc)
    if not items and (cards := _CARDS(doc)):
        return _parse_cards(doc, cards, url, observed_at)
    if not items and not _GOODS_LIST(doc):
        if _rate_wall(text):
            return ParseResult.block(RATE_LIMITED)
        if _NO_RESULT(doc) or "抱歉，没有找到" in text:
            return ParseResult(listings=[], has_next=False, total=0)
        raise PageFormatError(f"{url}: no #J_goodsList in the page (layout changed?)")
    listings = [_html_listing(li, i, url, observed_at) for i, li in enumerate(items)]
    return ParseResult(listings=listings, has_next=_html_has_next(doc))


def _ware_listing(ware: Any, index: int, url: str, observed_at: str) -> Listing:
    if not isinstance(ware, dict):
        raise PageFormatError(f"{url}: wareList item {index} is {type(ware).__name__}, not an object")
    raw_id = ware.get("wareId") or ware.get("skuId")
    if raw_id is not None and (not isinstance(raw_id, int | str) or isinstance(raw_id, bool)):
        raise PageFormatError(f"{url}: wareList item {index} id is {type(raw_id).__name__}")
    sku = require_id(raw_id, url, index)
    shop_id = ware.get("shopId")
    shop_id = shop_id if isinstance(shop_id, int | str) and not isinstance(shop_id, bool) else None
    shop_name = (
        ware.get("shopName")
        or dig(ware, "goodShop", "goodShopName")
        or (SELF_OPERATED if ware.get("selfSupport") else None)
    )
    price, masked = price_of(
        ware.get("jdPrice") if ware.get("jdPrice") is not None else ware.get("price"),
        ware.get("priceLoginText"),
    )
    listing = make_listing(
        NAME,
        sku,
        # ``name``: the field list of a 2026 pc_search_searchWare answer (index file 52691267560).
        ware.get("wareName") or ware.get("wname") or ware.get("name"),
        url=f"https://item.jd.com/{sku}.html",
        observed_at=observed_at,
        page_url=url,
        price=price,
        shop_name=shop_name if isinstance(shop_name, str) else None,
        shop_id=shop_id,
        shop_url=shop_url_for(str(shop_id)) if shop_id else None,
    )
    listing.price_masked = masked
    return listing


def _as_int(value: Any) -> int | None:
    if value in (None, "") or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _parse_ware_list(payload: Any, url: str, observed_at: str) -> ParseResult:
    data = payload.get("data") if isinstance(payload, dict) else None
    wares = data.get("wareList") if isinstance(data, dict) else None
    if isinstance(wares, dict):
        wares = wares.get("wareList")
    if not isinstance(wares, list):
        raise PageFormatError(f"{url}: pc_search_searchWare answer has no data.wareList")
    listings = [_ware_listing(ware, i, url, observed_at) for i, ware in enumerate(wares)]
    # Paging fields are modelled (no public sample): without them, a full page means "more".
    page, last = _as_int(dig(data, "page")), _as_int(dig(data, "pageCount"))
    has_next = page < last if page and last else bool(listings)
    return ParseResult(listings=listings, has_next=has_next, total=_as_int(dig(data, "resultCount")))


# Listings of a search answer: the SPA's ``pc_search_searchWare`` JSON or a saved classic page.
parse_search = search_parser(BLOCK_MARKERS, answer=_parse_ware_list, page=_parse_html)


def parse_item(body: str | bytes, url: str, observed_at: str | None = None) -> Listing:
    """The listing an item page shows, with its shop (``pageConfig.product``)."""
    text = as_text(body)
    product = {
        key: (m.group(1) if (m := rx.search(text)) else None) for key, rx in _PRODUCT.items()
    }
    doc = lxml.html.fromstring(text)
    title = _first_text(_SKU_NAME(doc))
    if not title and product["name"]:
        # pageConfig.product.name is a JS string of \\uXXXX escapes.
        title = product["name"].encode("ascii", "backslashreplace").decode("unicode_escape")
    from_url = re.search(r"/(\d+)\.html", url)
    sku = product["skuid"] or (from_url.group(1) if from_url else None)
    if not sku:
        raise PageFormatError(f"{url}: item page has no pageConfig.product.skuid")
    shop_links = _ITEM_SHOP(doc)
    shop_name = shop_links[0].get("title") or shop_links[0].text_content() if shop_links else None
    shop_id = product["shopId"] or product["venderId"]
    return make_listing(
        NAME,
        sku,
        title,
        url=f"https://item.jd.com/{sku}.html",
        observed_at=observed_at,
        page_url=url,
        shop_name=shop_name,
        shop_id=shop_id,
        shop_url=shop_url_for(shop_id),
    )


def parse_shop(body: str | bytes, url: str) -> Seller:
    """Licence facts of a shop page or its 店铺证照 (licence) page."""
    text = as_text(body)
    shop_id = shop_id_from_url(url)
    name = html_title(text).split("-")[0].strip() or None
    return seller_from_page(
        NAME, text, shop_id=shop_id, shop_name=name, shop_url=shop_url_for(shop_id) or url
    )
