"""Douyin shop (抖音商城) product search — MODELLED: no public capture exists, the real
endpoint needs a logged-in browser and signed requests. The shape read here is the one the
sandbox serves and the spider expects from the browser page's JSON response:

``{"status_code": 0, "data": [{"product_id", "title", "price" (fen), "shop_id", "shop_name",
"shop_location"?, "sales"?}], "has_more": 0|1, "cursor": int, "total": int}``

A non-zero ``status_code`` is a refusal: ``verify_check`` / captcha wording → captcha,
login wording or codes 8/2190 → login, 2154 → rate_limited.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from crawler.items import Listing
from crawler.platforms.base import (
    CAPTCHA,
    LOGIN,
    RATE_LIMITED,
    SERVER_ERROR,
    PageFormatError,
    ParseResult,
    as_int,
    as_text,
    first_marker,
    load_json,
    looks_like_json,
    make_listing,
    parse_price,
    require_id,
    status_block,
)

NAME = "douyin"
DEFAULT_BASE_URL = "https://www.douyin.com"
NEEDS_BROWSER = True
API_URL_MARKER = "/aweme/v1/web/search/goods"

ITEM_URL = "https://haohuo.jinritemai.com/views/product/detail?id={}"
SHOP_URL = "https://haohuo.jinritemai.com/views/shop/index?id={}"

_URL_MARKERS = (
    ("verifycenter", CAPTCHA),
    ("/captcha", CAPTCHA),
    ("/passport/", LOGIN),
    ("/login", LOGIN),
)
_STATUS_CODES = {8: LOGIN, 2190: LOGIN, 2154: RATE_LIMITED, 2483: CAPTCHA}


def search_url(base_url: str, keyword: str, page: int) -> str:
    return f"{base_url.rstrip('/')}/search/{quote(keyword)}?type=goods&page={page}"


def _status_block(payload: dict[str, Any]) -> str | None:
    code = payload.get("status_code", 0)
    # A verification wall can also arrive as status 0 with an empty result explained by
    # search_nil_info ("verify_check"): a block, never "no results".
    nil_type = str((payload.get("search_nil_info") or {}).get("search_nil_type") or "").lower()
    if "verify" in nil_type or "captcha" in nil_type:
        return CAPTCHA
    if code in (0, "0", None):
        return None
    try:
        number = int(code)
    except (TypeError, ValueError):
        number = -1
    if number in _STATUS_CODES:
        return _STATUS_CODES[number]
    text = str({k: v for k, v in payload.items() if k != "data"}).lower()
    if "verify_check" in text or "captcha" in text or "verify" in text:
        return CAPTCHA
    if "login" in text or "登录" in text:
        return LOGIN
    return SERVER_ERROR


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
            reason = _status_block(payload)
    elif "verify_check" in text or "captcha_container" in text:
        reason = CAPTCHA
    return reason or status_block(status)


def _listing(product: dict[str, Any], index: int, url: str, observed_at: str) -> Listing:
    product_id = require_id(product.get("product_id"), url, index)
    shop_id = product.get("shop_id")
    return make_listing(
        NAME,
        product_id,
        product.get("title"),
        url=ITEM_URL.format(product_id),
        observed_at=observed_at,
        page_url=url,
        price=parse_price(product.get("price"), divisor=100),
        shop_name=product.get("shop_name"),
        shop_id=shop_id,
        shop_url=SHOP_URL.format(shop_id) if shop_id else None,
        location=product.get("shop_location"),
    )


def parse_search(body: str | bytes, url: str, observed_at: str) -> ParseResult:
    payload = load_json(body, url)
    if not isinstance(payload, dict):
        raise PageFormatError(f"{url}: expected a JSON object, got {type(payload).__name__}")
    reason = _status_block(payload)
    if reason:
        return ParseResult.block(reason)
    products = payload.get("data")
    if not isinstance(products, list):
        raise PageFormatError(f"{url}: douyin answer has no data list")
    listings = [
        _listing(p, i, url, observed_at) for i, p in enumerate(products) if isinstance(p, dict)
    ]
    cursor = payload.get("cursor")
    total = payload.get("total")
    return ParseResult(
        listings=listings,
        has_next=bool(payload.get("has_more")),
        total=as_int(total),
        next_page_token=str(cursor) if cursor is not None else None,
    )
