"""Pinduoduo (拼多多) search results in three shapes.

* Web search page ``mobile.yangkeduo.com/search_result.html`` embedding ``window.rawData``;
  items at ``stores.store.data.ssrListData.list[]`` (``goodsID, goodsName, price`` in fen,
  ``salesTip, linkURL``). Only the first 20 are server-rendered.
* The page's own follow-up JSON ``/proxy/api/search`` with ``items[].item_data.goods_model``
  (``goods_id, goods_name, price`` in fen, ``sales_tip, link_url``) — modelled, no capture.
* The affiliate API ``pdd.ddk.goods.search``: ``goods_search_response.goods_list[]``
  (``goods_id, goods_name, min_group_price`` in fen, ``mall_id, mall_name, merchant_type,
  sales_tip``) and ``total_count``; failures come as ``error_response``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from crawler.items import Listing, Seller
from crawler.platforms.base import (
    CAPTCHA,
    LOGIN,
    RATE_LIMITED,
    SERVER_ERROR,
    PageFormatError,
    ParseResult,
    absolute_url,
    as_int,
    as_list,
    as_text,
    dig,
    first_marker,
    html_title,
    js_object_after,
    load_json,
    looks_like_json,
    make_listing,
    parse_price,
    query_param,
    require_id,
    seller_from_page,
    status_block,
)

NAME = "pinduoduo"
DEFAULT_BASE_URL = "https://mobile.yangkeduo.com"
NEEDS_BROWSER = True
API_URL_MARKER = "/proxy/api/search"

ITEM_URL = "https://mobile.yangkeduo.com/goods.html?goods_id={}"
SHOP_URL = "https://mobile.yangkeduo.com/mall_page.html?mall_id={}"

_URL_MARKERS = (
    ("/login.html", LOGIN),
    ("psnl_verification", CAPTCHA),
    ("/verification.html", CAPTCHA),
)
# error_code values the web API answers with when it wants a login or a verification.
_ERROR_CODES = {40001: LOGIN, 43001: LOGIN, 54001: CAPTCHA, 429: RATE_LIMITED}


def search_url(base_url: str, keyword: str, page: int) -> str:
    return f"{base_url.rstrip('/')}/search_result.html?search_key={quote(keyword)}&page={page}"


def shop_url_for(mall_id: Any) -> str | None:
    return SHOP_URL.format(mall_id) if mall_id not in (None, "", 0) else None


def _error_block(error: dict[str, Any], url: str) -> str:
    """Block reason of an ``error_response`` / ``error_code`` answer."""
    code = error.get("error_code")
    message = " ".join(str(error.get(k) or "") for k in ("error_msg", "sub_msg", "sub_code"))
    try:
        number = int(code) if code is not None else None
    except (TypeError, ValueError):
        number = None
    if number in _ERROR_CODES:
        return _ERROR_CODES[number]
    if "限流" in message or "频繁" in message or "limit" in message.lower():
        return RATE_LIMITED
    if "access_token" in message or "授权" in message or "登录" in message:
        return LOGIN
    if "验证" in message:
        return CAPTCHA
    if number is not None and number >= 50000:
        return SERVER_ERROR  # Duoduoke 5xxxx codes are service-side failures
    raise PageFormatError(f"{url}: pinduoduo error {code}: {message.strip()}")


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    reason = first_marker(url, _URL_MARKERS)
    if reason:
        return reason
    text = as_text(body)
    if looks_like_json(text):
        try:
            payload = load_json(text, url)
        except PageFormatError:
            payload = None
        if isinstance(payload, dict):
            error = payload.get("error_response") or (payload if "error_code" in payload else None)
            if isinstance(error, dict) and error.get("error_code") not in (None, 0, "0"):
                try:
                    return _error_block(error, url)
                except PageFormatError:
                    return status_block(status)
    elif "rawData" not in text and "登录" in html_title(text):
        return LOGIN
    return status_block(status)


def _listing(
    url: str,
    observed_at: str,
    *,
    goods_id: Any,
    index: int,
    name: Any,
    price_fen: Any,
    mall_id: Any = None,
    mall_name: Any = None,
    link: str | None = None,
) -> Listing:
    item_id = require_id(goods_id, url, index)
    return make_listing(
        NAME,
        item_id,
        name,
        url=absolute_url(link, DEFAULT_BASE_URL + "/") if link else ITEM_URL.format(item_id),
        observed_at=observed_at,
        page_url=url,
        price=parse_price(price_fen, divisor=100),
        shop_name=mall_name,
        shop_id=mall_id or None,
        shop_url=shop_url_for(mall_id),
    )


def _parse_ddk(response: dict[str, Any], url: str, observed_at: str) -> ParseResult:
    goods = response.get("goods_list")
    if not isinstance(goods, list):
        raise PageFormatError(f"{url}: goods_search_response has no goods_list")
    listings = [
        _listing(
            url,
            observed_at,
            goods_id=g.get("goods_id"),
            index=i,
            name=g.get("goods_name"),
            price_fen=g.get("min_group_price"),
            mall_id=g.get("mall_id"),
            mall_name=g.get("mall_name"),
        )
        for i, g in enumerate(goods)
        if isinstance(g, dict)
    ]
    total = as_int(response.get("total_count"))
    page = as_int(query_param(url, "page")) or 1
    known = total is not None and listings
    has_next = page * len(listings) < total if known and total is not None else bool(listings)
    return ParseResult(listings=listings, has_next=has_next, total=total)


def _parse_api(payload: dict[str, Any], url: str, observed_at: str) -> ParseResult:
    listings = []
    for index, entry in enumerate(payload.get("items") or []):
        goods = dig(entry, "item_data", "goods_model")
        if not isinstance(goods, dict):
            continue  # ads and filter cards
        listings.append(
            _listing(
                url,
                observed_at,
                goods_id=goods.get("goods_id"),
                index=index,
                name=goods.get("goods_name"),
                price_fen=goods.get("price")
                if goods.get("price") is not None
                else goods.get("min_group_price"),
                mall_id=goods.get("mall_id"),
                mall_name=goods.get("mall_name"),
                link=goods.get("link_url"),
            )
        )
    has_next = bool(payload.get("has_more", bool(listings)))
    return ParseResult(listings=listings, has_next=has_next, next_page_token=payload.get("flip"))


def _parse_raw_data(raw: dict[str, Any], url: str, observed_at: str) -> ParseResult:
    ssr = dig(raw, "stores", "store", "data", "ssrListData")
    if not isinstance(ssr, dict):
        raise PageFormatError(f"{url}: rawData has no stores.store.data.ssrListData")
    listings = [
        _listing(
            url,
            observed_at,
            goods_id=g.get("goodsID"),
            index=i,
            name=g.get("goodsName"),
            price_fen=g.get("price"),
            mall_id=g.get("mallID"),
            mall_name=g.get("mallName"),
            link=g.get("linkURL"),
        )
        for i, g in enumerate(as_list(ssr.get("list")))
        if isinstance(g, dict)
    ]
    has_next = bool(ssr.get("hasMore", bool(listings)))
    return ParseResult(listings=listings, has_next=has_next, next_page_token=ssr.get("flip"))


def parse_search(body: str | bytes, url: str, observed_at: str) -> ParseResult:
    text = as_text(body)
    reason = first_marker(url, _URL_MARKERS)
    if reason:
        return ParseResult.block(reason)
    if not looks_like_json(text):
        if "rawData" not in text and "登录" in html_title(text):
            return ParseResult.block(LOGIN)
        raw = js_object_after(text, "window.rawData", url)
        if raw is None:
            raise PageFormatError(f"{url}: no window.rawData in the page")
        return _parse_raw_data(raw, url, observed_at)
    payload = load_json(text, url)
    if not isinstance(payload, dict):
        raise PageFormatError(f"{url}: expected a JSON object, got {type(payload).__name__}")
    error = payload.get("error_response") or (
        payload if payload.get("error_code") not in (None, 0, "0") else None
    )
    if isinstance(error, dict):
        return ParseResult.block(_error_block(error, url))
    if isinstance(payload.get("goods_search_response"), dict):
        return _parse_ddk(payload["goods_search_response"], url, observed_at)
    if "items" in payload:
        return _parse_api(payload, url, observed_at)
    raise PageFormatError(f"{url}: neither goods_search_response nor items in the answer")


def parse_shop(body: str | bytes, url: str) -> Seller:
    """Licence facts of a shop page (``mall_page.html``) or its 资质 (licence) page."""
    text = as_text(body)
    mall_id = query_param(url, "mall_id")
    name = html_title(text).split("-")[0].strip() or None
    return seller_from_page(
        NAME, text, shop_id=mall_id, shop_name=name, shop_url=shop_url_for(mall_id) or url
    )
