"""Taobao search results, in both shapes the crawler meets.

* Old server-rendered page: ``g_page_config = {...};`` with ``mods.itemlist.data.auctions[]``
  (``nid, raw_title, view_price, detail_url, nick, user_id, shopLink, item_loc,
  shopcard.isTmall``) and ``mods.pager.data`` (``currentPage, totalPage, totalCount``).
* Today's mtop JSON (``mtop.relationrecommend.wirelessrecommend.recommend`` /
  ``mtop.taobao.wsearch.h5search``) with ``data.itemsArray[]`` (``item_id``/``nid``, ``title``
  with ``<span class=H>`` highlights, ``price``, ``procity``, ``nick``/``shopInfo.title``,
  ``shopInfo.url``, ``auctionURL``). No public capture of this shape exists; paging fields are
  modelled (``totalPage`` and ``page`` under ``data`` or ``data.mainInfo`` when present).

Taobao's search also lists Tmall stores' items. Those are Tmall listings (a Tmall store is
whitelisted as ``tmall``), so they are emitted with ``platform="tmall"``; ``crawler.platforms.tmall``
keeps only them.

Shop ids: the number of ``shop<id>.taobao.com``, the sub-domain of ``<name>.tmall.com``, else the
seller's ``user_id`` (``user_number_id`` of ``store.taobao.com`` links), which is all the old
page offers.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from crawler.items import Listing, Seller
from crawler.platforms.base import (
    CAPTCHA,
    LOGIN,
    PageFormatError,
    ParseResult,
    absolute_url,
    as_text,
    clean_text,
    dig,
    first_marker,
    host_of,
    html_title,
    js_object_after,
    load_json,
    make_listing,
    mtop_ret_block,
    parse_price,
    query_param,
    require_id,
    seller_from_page,
    status_block,
)

NAME = "taobao"
DEFAULT_BASE_URL = "https://s.taobao.com"
NEEDS_BROWSER = True
API_URL_MARKER = "mtop.relationrecommend.wirelessrecommend.recommend"

_URL_MARKERS = (
    ("/punish", CAPTCHA),
    ("_____tmd_____", CAPTCHA),
    ("sec.taobao.com", CAPTCHA),
    ("login.taobao.com", LOGIN),
    ("login.tmall.com", LOGIN),
    ("passport.taobao.com", LOGIN),
)
_HEAD_MARKERS = (
    ("RGV587_ERROR", CAPTCHA),
    ("FAIL_SYS_USER_VALIDATE", CAPTCHA),
    ("FAIL_SYS_SESSION_EXPIRED", LOGIN),
    ("FAIL_SYS_TOKEN_EXOIRED", LOGIN),
    ("FAIL_SYS_TOKEN_EMPTY", LOGIN),
    ("FAIL_SYS_TOKEN_ILLEGAL", LOGIN),
)
# Slider / punish pages served with status 200 reference these anywhere in the body.
_BODY_MARKERS = (("_____tmd_____/punish", CAPTCHA), ("x5secdata", CAPTCHA))

_SHOP_NUMBER = re.compile(r"^shop(\d+)\.(?:world\.)?taobao\.com$")
_TMALL_SHOP = re.compile(r"^([a-z0-9-]+)\.tmall\.(?:com|hk)$")
_NOT_SHOPS = {"detail", "list", "www", "login", "s", "chaoshi", "pages", "m", "h5", "store"}


def search_url(base_url: str, keyword: str, page: int) -> str:
    return tab_search_url(base_url, keyword, page, tab=None)


def tab_search_url(base_url: str, keyword: str, page: int, tab: str | None) -> str:
    url = f"{base_url.rstrip('/')}/search?q={quote(keyword)}&page={page}"
    return f"{url}&tab={tab}" if tab else url


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    reason = first_marker(url, _URL_MARKERS)
    if reason:
        return reason
    text = as_text(body)
    reason = first_marker(text[:2000], _HEAD_MARKERS) or first_marker(text, _BODY_MARKERS)
    if reason:
        return reason
    # A results page's title repeats the keyword, so only a page without results is judged by it.
    if "g_page_config" not in text and "登录" in html_title(text):
        return LOGIN
    return status_block(status)


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


def _shop(user_id: Any, shop_link: str | None) -> tuple[str | None, str | None]:
    """(shop_id, shop_url) from a shop link and the seller id."""
    link = absolute_url(shop_link) if _is_shop_link(shop_link) else None
    shop_id = shop_id_from_url(link) or (str(user_id) if user_id else None)
    if not link and user_id:
        link = f"https://store.taobao.com/shop/view_shop.htm?user_number_id={user_id}"
    return shop_id, link


def _auction_listing(auction: dict[str, Any], index: int, url: str, observed_at: str) -> Listing:
    item_id = require_id(auction.get("nid"), url, index)
    tmall = bool(dig(auction, "shopcard", "isTmall"))
    shop_id, shop_url = _shop(auction.get("user_id"), auction.get("shopLink"))
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
        return bool(item.get("isTmall"))
    hosts = (host_of(dig(item, "shopInfo", "url")), host_of(item.get("auctionURL")))
    return any(host.endswith(".tmall.com") or host.endswith(".tmall.hk") for host in hosts)


def _mtop_listing(item: dict[str, Any], index: int, url: str, observed_at: str) -> Listing:
    item_id = require_id(item.get("item_id") or item.get("nid") or item.get("itemId"), url, index)
    tmall = _is_tmall_item(item)
    shop_id, shop_url = _shop(
        item.get("userId") or item.get("user_id"), dig(item, "shopInfo", "url")
    )
    return make_listing(
        "tmall" if tmall else NAME,
        item_id,
        clean_text(item.get("title")),
        url=_item_url(item_id, item.get("auctionURL"), tmall),
        observed_at=observed_at,
        page_url=url,
        price=parse_price(item.get("price")),
        shop_name=dig(item, "shopInfo", "title") or item.get("nick"),
        shop_id=shop_id,
        shop_url=shop_url,
        location=item.get("procity"),
    )


def _parse_page_config(config: dict[str, Any], url: str, observed_at: str) -> ParseResult:
    mods = config.get("mods")
    if not isinstance(mods, dict):
        raise PageFormatError(f"{url}: g_page_config has no mods")
    auctions = dig(mods, "itemlist", "data", "auctions")
    if auctions is None:
        if dig(mods, "noresult", "status") == "show" or dig(mods, "itemlist", "status") == "hide":
            return ParseResult(listings=[], has_next=False, total=0)
        raise PageFormatError(f"{url}: g_page_config has no mods.itemlist.data.auctions")
    listings = [_auction_listing(a, i, url, observed_at) for i, a in enumerate(auctions)]
    pager = dig(mods, "pager", "data") or {}
    current, last = pager.get("currentPage"), pager.get("totalPage")
    has_next = bool(current and last and int(current) < int(last))
    total = pager.get("totalCount")
    return ParseResult(listings=listings, has_next=has_next, total=int(total) if total else None)


def _parse_mtop(payload: Any, url: str, observed_at: str) -> ParseResult:
    if not isinstance(payload, dict):
        raise PageFormatError(f"{url}: expected an mtop JSON object, got {type(payload).__name__}")
    reason = mtop_ret_block(payload.get("ret"), url)
    if reason:
        return ParseResult.block(reason)
    data = payload.get("data")
    if not isinstance(data, dict) or "itemsArray" not in data:
        raise PageFormatError(f"{url}: mtop answer has no data.itemsArray")
    items = data.get("itemsArray") or []
    listings = [_mtop_listing(item, i, url, observed_at) for i, item in enumerate(items)]
    paging = data.get("mainInfo") if isinstance(data.get("mainInfo"), dict) else data
    page, last = paging.get("page"), paging.get("totalPage")
    has_next = int(page) < int(last) if page and last else bool(listings)
    total = paging.get("totalResults") or paging.get("totalCount")
    return ParseResult(listings=listings, has_next=has_next, total=int(total) if total else None)


def parse_search(body: str | bytes, url: str, observed_at: str) -> ParseResult:
    """All listings of a Taobao results page; Tmall stores' items come with platform "tmall"."""
    text = as_text(body)
    reason = detect_block(200, text, url)
    if reason:
        return ParseResult.block(reason)
    config = js_object_after(text, "g_page_config", url)
    if config is not None:
        return _parse_page_config(config, url, observed_at)
    return _parse_mtop(load_json(text, url), url, observed_at)


def parse_shop(body: str | bytes, url: str) -> Seller:
    """Licence facts of a shop page or its 营业执照/资质 page."""
    text = as_text(body)
    name = html_title(text).split("-")[0].strip() or None
    platform = "tmall" if host_of(url).endswith(".tmall.com") else NAME
    return seller_from_page(
        platform, text, shop_id=shop_id_from_url(url), shop_name=name, shop_url=url
    )
