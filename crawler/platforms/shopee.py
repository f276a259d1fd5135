"""Shopee search results: ``api/v4/search/search_items`` JSON, ``items[].item_basic``
(``itemid, shopid, name, price`` ×100000, ``shop_name, shop_location, historical_sold``),
``nomore`` and ``total_count``. The same ``item_basic`` appears in ``api/v4/shop/search_items``
(the capture). Prices are in the site's currency (IDR on shopee.co.id, TWD on shopee.tw)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from crawler.items import Listing
from crawler.platforms.base import (
    CAPTCHA,
    LOGIN,
    PageFormatError,
    ParseResult,
    as_text,
    first_marker,
    host_of,
    load_json,
    looks_like_json,
    make_listing,
    parse_price,
    require_id,
    status_block,
)

NAME = "shopee"
DEFAULT_BASE_URL = "https://shopee.tw"  # Taiwan's site is where mainland SIM cards are sold
NEEDS_BROWSER = True
API_URL_MARKER = "/api/v4/search/search_items"

PRICE_SCALE = 100_000
ANTI_BOT_ERROR = 90309999

_URL_MARKERS = (("/buyer/login", LOGIN), ("/verify/captcha", CAPTCHA), ("/verify/traffic", CAPTCHA))


def search_url(base_url: str, keyword: str, page: int) -> str:
    # Shopee counts result pages from 0.
    return f"{base_url.rstrip('/')}/search?keyword={quote(keyword)}&page={page - 1}"


def _site(url: str) -> str:
    """Origin for item and shop links: the Shopee site that answered, else the default."""
    host = host_of(url)
    if host.startswith("shopee.") or ".shopee." in host:
        return f"https://{host}"
    return DEFAULT_BASE_URL


def _error_block(payload: dict[str, Any], url: str) -> str | None:
    error = payload.get("error")
    if error in (None, 0, "0"):
        return None
    if error == ANTI_BOT_ERROR or str(error) == str(ANTI_BOT_ERROR):
        return CAPTCHA
    message = str(payload.get("error_msg") or payload.get("message") or "")
    if "login" in message.lower() or error in (19, "19"):
        return LOGIN
    raise PageFormatError(f"{url}: shopee error {error}: {message}")


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    reason = first_marker(url, _URL_MARKERS)
    if reason:
        return reason
    text = as_text(body)
    if looks_like_json(text) and str(ANTI_BOT_ERROR) in text[:500]:
        return CAPTCHA
    return status_block(status)


def _listing(basic: dict[str, Any], index: int, url: str, site: str, observed_at: str) -> Listing:
    item_id = require_id(basic.get("itemid"), url, index)
    shop_id = basic.get("shopid")
    return make_listing(
        NAME,
        item_id,
        basic.get("name"),
        url=f"{site}/product/{shop_id}/{item_id}",
        observed_at=observed_at,
        page_url=url,
        price=parse_price(basic.get("price"), divisor=PRICE_SCALE),
        shop_name=basic.get("shop_name"),
        shop_id=shop_id,
        shop_url=f"{site}/shop/{shop_id}" if shop_id else None,
        location=basic.get("shop_location"),
    )


def parse_search(body: str | bytes, url: str, observed_at: str) -> ParseResult:
    reason = first_marker(url, _URL_MARKERS)
    if reason:
        return ParseResult.block(reason)
    payload = load_json(body, url)
    if not isinstance(payload, dict):
        raise PageFormatError(f"{url}: expected a JSON object, got {type(payload).__name__}")
    reason = _error_block(payload, url)
    if reason:
        return ParseResult.block(reason)
    if "items" not in payload:
        raise PageFormatError(f"{url}: shopee answer has no items")
    site = _site(url)
    listings = []
    for index, entry in enumerate(payload.get("items") or []):
        basic = entry.get("item_basic") if isinstance(entry, dict) else None
        if not isinstance(basic, dict):
            continue  # ads and hint cards in keyword search carry no item_basic
        listings.append(_listing(basic, index, url, site, observed_at))
    total = payload.get("total_count")
    has_next = not payload.get("nomore", not listings)
    return ParseResult(
        listings=listings, has_next=has_next, total=int(total) if total is not None else None
    )
