"""Taobao (淘宝) search results, in both shapes the crawler meets.

Real search path (verified, see docs/PLATFORMS.md):
- entry: ``s.taobao.com/search?q=<kw>&page=N`` in a logged-in browser (search has needed a
  login since about 2019 — ruanyf/jstraining issue #61); the page calls by JSONP GET
  ``h5api.m.taobao.com/h5/mtop.relationrecommend.wirelessrecommend.recommend/2.0/``
  (``jsv 2.7.x``, appKey 12574478, ``type=jsonp``, ``callback=mtopjsonpN``,
  ``data={"appId":"34385","params":"{...\"page\":N,\"n\":48,\"q\":...,\"tab\":\"all\"}"}``)
  — ShilongLee/Crawler ``service/taobao/logic/common.py`` @18f9d5211226e6209704b7fdbec80828c700d6a5;
  index files 9679817349, 35930560391, 34422803953 (2024–2025 request captures);
- sign: ``md5(token&t&appKey&data)``, token = ``_m_h5_tk`` cookie before ``_`` — done by the page;
- paging: ``page`` in the URL and in ``params``; ``data.mainInfo.totalPage`` — index file 62520600919;
- look-alikes: the same API path also serves appId 30986 (the "guess you like" feed, ``pageNum``/
  ``pageSize`` 25) — index files 69343615323, 65741540187, 69032434180 — so a response is the
  search only when its URL's ``data.appId`` is 34385 (is_search_api); other answers are skipped;
- walls: ``FAIL_SYS_TOKEN_EMPTY``/``EXOIRED`` on a fresh page (the page retries), login redirects,
  ``RGV587_ERROR::SM`` with ``/_____tmd_____/punish?x5secdata=`` → captcha.

Shapes read:
* Today's mtop JSON: ``data.itemsArray[]`` (``item_id``, ``title`` with ``<span class=H>``,
  ``priceShow.price`` — what the buyer sees; a May-2025 item had ``price`` "59.00" but
  ``priceShow.price`` "7.90", topshadow/deno-price ``core/taobao.ts``
  @4e0de9cf3906c27f2d85d6a5b2603e24f52ca157 — ``price`` only as fallback, ``procity``,
  ``nick``/``shopInfo.title``, ``shopInfo.url`` (may be ""), ``auctionURL``, ``iconList``).
* Old server-rendered page: ``g_page_config = {...};`` with ``mods.itemlist.data.auctions[]``
  (``nid, raw_title, view_price, detail_url, nick, user_id, shopLink, item_loc,
  shopcard.isTmall``) and ``mods.pager.data`` — the 2014/2018 captures in ../shared/fixtures;
  a browser-rendered page also draws tiles beyond the config (read from the DOM), and the page's
  ``s.taobao.com/api?…&m=customized`` JSONP answer (``API.CustomizedApi.itemlist.auctions``) is
  read too — captures and evidence in tests/crawler/platforms/captures/SOURCES.md.

Taobao's search also lists Tmall stores' items. Those are Tmall listings (a Tmall store is
whitelisted as ``tmall``), so they are emitted with ``platform="tmall"``; ``crawler.platforms.tmall``
keeps only them.

Shop ids, from what the item offers: the number of ``shop<id>.taobao.com`` or the sub-domain of
``<name>.tmall.com`` in the shop URL, else the seller id (``userId``/``user_id``/``sellerId``,
``user_number_id`` of ``store.taobao.com`` links). Unverified: whether today's itemsArray always
carries a seller id (the public samples show ``shopInfo.url`` "" and no id) — then shop id is None
and the whitelist matches by shop name.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from crawler.items import Listing, Seller
from crawler.platforms.base import (
    CAPTCHA,
    LOGIN,
    MTOP_CODES,
    BlockMarkers,
    PageFormatError,
    ParseResult,
    absolute_url,
    as_dict,
    as_int,
    as_list,
    as_text,
    clean_text,
    detect_by_markers,
    dig,
    host_of,
    html_title,
    id_str,
    js_object_after,
    load_json,
    looks_like_json,
    make_listing,
    mtop_api_of,
    mtop_data,
    page_tree,
    parse_price,
    query_param,
    require_id,
    search_parser,
    seller_from_page,
    text_content,
)

NAME = "taobao"
DEFAULT_BASE_URL = "https://s.taobao.com"
NEEDS_BROWSER = True
API = "mtop.relationrecommend.wirelessrecommend.recommend"
SEARCH_APP_ID = "34385"  # the PC search scene; 30986 on the same path is the recommend feed
API_URL_MARKER = f"/{API}/"  # what tests look for in the page; matching is is_search_api

BLOCK_MARKERS = BlockMarkers(
    url=(
        ("/punish", CAPTCHA),
        ("_____tmd_____", CAPTCHA),
        ("sec.taobao.com", CAPTCHA),
        ("login.taobao.com", LOGIN),
        ("login.tmall.com", LOGIN),
        ("passport.taobao.com", LOGIN),
    ),
    head=MTOP_CODES,
    # Slider / punish pages served with status 200 reference these anywhere in the body.
    body=(("_____tmd_____/punish", CAPTCHA), ("x5secdata", CAPTCHA)),
    # A results page's title repeats the keyword, so only a page without results is judged by it.
    title=(("登录", LOGIN),),
    results=("g_page_config", '"itemsArray"'),
)

_SHOP_NUMBER = re.compile(r"^shop(\d+)\.(?:world\.)?taobao\.com$")
_TMALL_SHOP = re.compile(r"^([a-z0-9-]+)\.tmall\.(?:com|hk)$")
_NOT_SHOPS = {"detail", "list", "www", "login", "s", "chaoshi", "pages", "m", "h5", "store"}


def search_url(base_url: str, keyword: str, page: int) -> str:
    return tab_search_url(base_url, keyword, page, tab=None)


def tab_search_url(base_url: str, keyword: str, page: int, tab: str | None) -> str:
    url = f"{base_url.rstrip('/')}/search?q={quote(keyword)}&page={page}"
    return f"{url}&tab={tab}" if tab else url


def is_search_api(url: str) -> bool:
    """The search call exactly: the recommend API with ``data.appId`` 34385 in the (JSONP GET)
    URL. Other appIds on the same path, and other APIs, are not search answers."""
    if mtop_api_of(url) != API:
        return False
    try:
        data = json.loads(query_param(url, "data") or "")
    except ValueError:
        return False
    return isinstance(data, dict) and str(data.get("appId")) == SEARCH_APP_ID


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    return detect_by_markers(BLOCK_MARKERS, status, body, url)


def shop_id_from_url(url: str | None) -> str | None:
    """Shop id from a Taobao/Tmall shop URL (see module docstring), None when it has none."""
    host = host_of(url)
    if not host:
        return None
    number = _SHOP_NUMBER.match(host)
    if number:
        return number.group(1)
    tmall = _TMALL_SHOP.match(host)
    if tmall and tmall.group(1) not in _NOT_SHOPS:
        return tmall.group(1)
    return query_param(absolute_url(url), "user_number_id")


def _is_shop_link(url: str | None) -> bool:
    # Sponsored (p4p) results link through click.simba.taobao.com redirects, not to the shop.
    host = host_of(url)
    return bool(host) and "simba" not in host and "click" not in host


def _item_url(item_id: str, href: str | None, tmall: bool) -> str:
    url = absolute_url(href)
    if url and "simba" not in host_of(url) and "click" not in host_of(url):
        return url
    host = "detail.tmall.com" if tmall else "item.taobao.com"
    return f"https://{host}/item.htm?id={item_id}"


def seller_shop(user_id: Any, shop_link: Any) -> tuple[str | None, str | None]:
    """(shop_id, shop_url) from a shop link and the seller id."""
    link = absolute_url(shop_link) if _is_shop_link(shop_link) else None
    user_id = id_str(user_id)
    shop_id = shop_id_from_url(link) or user_id
    if not link and user_id:
        link = f"https://store.taobao.com/shop/view_shop.htm?user_number_id={user_id}"
    return shop_id, link


def _auction_is_tmall(auction: dict[str, Any]) -> bool:
    """``shopcard.isTmall``; an auction without a shopcard (4 Apple-store items of the 2018
    iPad capture) shows its Tmall store by the ``icon-service-tianmao`` icon or a
    ``detail.tmall.com`` link — on every capture the icon and isTmall agree."""
    shopcard = auction.get("shopcard")
    if isinstance(shopcard, dict) and "isTmall" in shopcard:
        return bool(shopcard.get("isTmall"))
    icons = [dig(icon, "dom_class") for icon in as_list(auction.get("icon"))]
    return "icon-service-tianmao" in icons or host_of(auction.get("detail_url")).endswith(
        (".tmall.com", ".tmall.hk"))


def _auction_listing(auction: Any, index: int, url: str, observed_at: str) -> Listing:
    auction = as_dict(auction)
    item_id = require_id(auction.get("nid"), url, index)
    tmall = _auction_is_tmall(auction)
    shop_id, shop_url = seller_shop(auction.get("user_id"), auction.get("shopLink"))
    return make_listing(
        "tmall" if tmall else NAME,
        item_id,
        auction.get("raw_title") or auction.get("title"),
        url=_item_url(item_id, auction.get("detail_url"), tmall),
        observed_at=observed_at,
        page_url=url,
        price=parse_price(auction.get("view_price")),
        shop_name=auction.get("nick"),
        shop_id=shop_id,
        shop_url=shop_url,
        location=auction.get("item_loc"),
    )


def _is_tmall_item(item: dict[str, Any]) -> bool:
    if item.get("isTmall") is not None:
        return item.get("isTmall") in (True, "true", 1, "1")
    hosts = (host_of(dig(item, "shopInfo", "url")), host_of(item.get("auctionURL")))
    if any(host.endswith(".tmall.com") or host.endswith(".tmall.hk") for host in hosts):
        return True
    icons = item.get("iconList")  # "p4p,...,tmallPC-uland,tmall,..." in the 2025 sample
    return isinstance(icons, str) and "tmall" in icons.split(",")


def _mtop_price(item: dict[str, Any]) -> float | None:
    """What the buyer sees (``priceShow.price``, 券后价), else the list ``price``."""
    shown = parse_price(dig(item, "priceShow", "price"))
    return shown if shown is not None else parse_price(item.get("price"))


def _mtop_listing(item: Any, index: int, url: str, observed_at: str) -> Listing:
    item = as_dict(item)
    item_id = require_id(item.get("item_id") or item.get("nid") or item.get("itemId"), url, index)
    tmall = _is_tmall_item(item)
    seller = item.get("userId") or item.get("user_id") or item.get("sellerId")
    shop_id, shop_url = seller_shop(seller if seller not in ("0", 0) else None,
                                    dig(item, "shopInfo", "url"))
    return make_listing(
        "tmall" if tmall else NAME,
        item_id,
        clean_text(item.get("title")),
        url=_item_url(item_id, item.get("auctionURL"), tmall),
        observed_at=observed_at,
        page_url=url,
        price=_mtop_price(item),
        shop_name=dig(item, "shopInfo", "title") or item.get("nick"),
        shop_id=shop_id,
        shop_url=shop_url,
        location=item.get("procity"),
    )


def _is_promotion_tile(auction: Any) -> bool:
    return isinstance(auction, dict) and isinstance(auction.get("activity"), dict) and not auction.get("nid")


def _parse_page_config(config: dict[str, Any], url: str, observed_at: str) -> ParseResult:
    mods = config.get("mods")
    if not isinstance(mods, dict):
        raise PageFormatError(f"{url}: g_page_config has no mods")
    auctions = dig(mods, "itemlist", "data", "auctions")
    if auctions is not None and not isinstance(auctions, list):
        raise PageFormatError(f"{url}: mods.itemlist.data.auctions is not a list")
    if auctions is None:
        if dig(mods, "noresult", "status") == "show" or dig(mods, "itemlist", "status") == "hide":
            return ParseResult(listings=[], has_next=False, total=0)
        if isinstance(dig(mods, "grid", "data", "spus"), list):
            # A product-model page (pageName "spulist", e.g. 手机 in 2018): each tile is a model
            # with a price range and a link to its sellers' search, none a seller's listing —
            # a known page without listings, not a changed layout (captures/SOURCES.md).
            return ParseResult(listings=[], has_next=False)
        raise PageFormatError(f"{url}: g_page_config has no mods.itemlist.data.auctions")
    # A themed promotion tile (质优精选 …) sits among the auctions as {"activity": {…}} with no
    # nid (a 2018 capture, tests/crawler/platforms/captures/SOURCES.md): not a listing, no drift.
    listings = [_auction_listing(a, i, url, observed_at) for i, a in enumerate(auctions)
                if not _is_promotion_tile(a)]
    pager = as_dict(dig(mods, "pager", "data"))
    current, last = as_int(pager.get("currentPage")), as_int(pager.get("totalPage"))
    has_next = bool(current and last and current < last)
    return ParseResult(listings=listings, has_next=has_next, total=as_int(pager.get("totalCount")))


def _is_custom_card(item: Any) -> bool:
    """A non-item card among today's itemsArray: it carries ``customCardType`` (a scraper of
    this answer filters exactly these out — index file 70906765761) and no item id. An entry
    without an id and without that mark is still layout drift."""
    return (isinstance(item, dict) and bool(item.get("customCardType"))
            and not (item.get("item_id") or item.get("nid") or item.get("itemId")))


def _parse_mtop(payload: Any, url: str, observed_at: str) -> ParseResult:
    data = mtop_data(payload, url, API)
    if isinstance(data, ParseResult):
        return data
    if "itemsArray" not in data:
        raise PageFormatError(f"{url}: mtop answer has no data.itemsArray")
    if not isinstance(data.get("itemsArray") or [], list):
        raise PageFormatError(f"{url}: data.itemsArray is not a list")
    items = as_list(data.get("itemsArray"))
    listings = [_mtop_listing(item, i, url, observed_at) for i, item in enumerate(items)
                if not _is_custom_card(item)]
    paging = data.get("mainInfo") if isinstance(data.get("mainInfo"), dict) else data
    page, last = as_int(paging.get("page")), as_int(paging.get("totalPage"))
    has_next = page < last if page and last else bool(listings)
    total = as_int(paging.get("totalResults")) or as_int(paging.get("totalCount"))
    return ParseResult(listings=listings, has_next=has_next, total=total)


# Today's s.taobao.com page is a skeleton drawn by ``main-search/pc-search-2024/…/main.js``; the
# items come from the mtop answer (a real 2026 page, captures/SOURCES.md).
_SCRIPT_SHELL = "pc-search-2024"
# A result tile as the 2018 page's script drew it (class "item J_MouserOnverReq", inside
# #mainsrp-itemlist) — the browser-rendered capture in tests/crawler/platforms/captures/SOURCES.md.
_RENDERED_TILES = "//div[@id='mainsrp-itemlist']//div[contains(@class, 'J_MouserOnverReq')]"


def _first_text(tile: Any, xpath: str) -> str:
    found = tile.xpath(xpath)
    return clean_text(text_content(found[0])) if found else ""


def _rendered_tile_listing(tile: Any, url: str, observed_at: str) -> Listing | None:
    """One drawn tile: id ``a@data-nid``, title, ``.price strong``, ``a.shopname``
    (``data-userid``, last span = shop name), ``.location``; a Tmall store shows the
    ``icon-service-tianmao`` badge. None for a tile without an item id."""
    nids = tile.xpath(".//a[@data-nid]/@data-nid")
    item_id = id_str(nids[0]) if nids else None
    if not item_id:
        return None
    shop = (tile.xpath(".//a[contains(@class, 'shopname')]") or [None])[0]
    tmall = bool(tile.xpath(".//*[contains(@class, 'icon-service-tianmao')]"))
    hrefs = tile.xpath(".//div[contains(@class, 'title')]//a/@href")
    shop_id, shop_url = seller_shop(shop.get("data-userid") if shop is not None else None,
                                    shop.get("href") if shop is not None else None)
    return make_listing(
        "tmall" if tmall else NAME,
        item_id,
        _first_text(tile, ".//div[contains(@class, 'title')]//a"),
        url=_item_url(item_id, hrefs[0] if hrefs else None, tmall),
        observed_at=observed_at,
        page_url=url,
        price=parse_price(_first_text(tile, ".//div[contains(@class, 'price')]/strong")),
        shop_name=_first_text(shop, "./span[last()]") if shop is not None else None,
        shop_id=shop_id,
        shop_url=shop_url,
        location=_first_text(tile, ".//div[contains(@class, 'location')]"),
    )


def _tiles_beyond_config(page: str | bytes, result: ParseResult, url: str,
                         observed_at: str) -> list[Listing]:
    """Tiles of a browser-rendered page that g_page_config does not hold: after the first 36
    the page's script appends the ``s.taobao.com/api?…&m=customized`` answer (drawn with
    ``trace="auction_customized"``, ``data-category="personalityData"``) — 12 of 48 on the
    2018 capture, lost if only the config were read."""
    seen = {listing.listing_id for listing in result.listings}
    extra = []
    for tile in page_tree(page).xpath(_RENDERED_TILES):
        listing = _rendered_tile_listing(tile, url, observed_at)
        if listing is not None and listing.listing_id not in seen:
            seen.add(listing.listing_id)
            extra.append(listing)
    return extra


def _parse_customized(api: dict[str, Any], url: str, observed_at: str) -> ParseResult:
    """``s.taobao.com/api?…&ajax=true&m=customized`` (JSONP): the rest of an old results page,
    ``{"API.CustomizedApi": {"itemlist": {"auctions": […]}}}`` with the page's auction
    objects — read so by many scrapers (index files 33399105155, 18530362473, 37240193996,
    4487838063, 15587910164, 16312344199). It carries no pager: paging is the page's."""
    auctions = dig(api, "itemlist", "auctions")
    if not isinstance(auctions, list):
        raise PageFormatError(f"{url}: API.CustomizedApi has no itemlist.auctions list")
    listings = [_auction_listing(a, i, url, observed_at) for i, a in enumerate(auctions)
                if not _is_promotion_tile(a)]
    return ParseResult(listings=listings, has_next=False)


def parse_results(body: str | bytes, text: str, url: str, observed_at: str) -> ParseResult:
    """Listings of any taobao results body (page, g_page_config, m=customized, mtop answer);
    tmall reads its own list.tmall.com page first and hands everything else here."""
    config = js_object_after(text, "g_page_config", url)
    if config is not None:
        if not isinstance(config, dict):
            raise PageFormatError(f"{url}: g_page_config is not an object")
        result = _parse_page_config(config, url, observed_at)
        if "J_MouserOnverReq" in text:  # drawn by a browser: tiles may go beyond the config
            result.listings += _tiles_beyond_config(body, result, url, observed_at)
        return result
    if _SCRIPT_SHELL in text and not looks_like_json(text):
        raise PageFormatError(f"{url}: the search page's HTML is a script shell ({_SCRIPT_SHELL}): "
                              f"its results arrive in the {API} answer, not in the page")
    payload = load_json(text, url)
    if isinstance(payload, dict) and "mods" in payload and "ret" not in payload:
        return _parse_page_config(payload, url, observed_at)  # a g_page_config saved bare
    if isinstance(payload, dict) and isinstance(payload.get("API.CustomizedApi"), dict):
        return _parse_customized(payload["API.CustomizedApi"], url, observed_at)
    return _parse_mtop(payload, url, observed_at)


# All listings of a Taobao results page; Tmall stores' items come with platform "tmall".
parse_search = search_parser(BLOCK_MARKERS, page=parse_results)


def parse_shop(body: str | bytes, url: str) -> Seller:
    """Licence facts of a shop page or its 营业执照/资质 page."""
    text = as_text(body)
    name = html_title(text).split("-")[0].strip() or None
    platform = "tmall" if host_of(url).endswith(".tmall.com") else NAME
    return seller_from_page(
        platform, text, shop_id=shop_id_from_url(url), shop_name=name, shop_url=url
    )
