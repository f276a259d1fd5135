"""Shopee (蝦皮) search results: ``api/v4/search/search_items`` JSON.

Real search path (verified, see docs/PLATFORMS.md):
- entry: ``shopee.tw/search?keyword=<kw>&page=<N-1>`` in a logged-in browser; the page calls
  ``GET /api/v4/search/search_items?by=relevancy&keyword=&limit=60&newest=<offset>&order=desc
  &page_type=search&scenario=PAGE_GLOBAL_SEARCH&version=2`` — nerufuyo/neru-scrapper issue #1
  (2025-12-09);
- sign / walls: direct API calls answer 403 since 2023 (hsuanchi/crawler_shopee_public issue #15,
  akherlan/onlineshop issue #1), so the browser's own call is read; anti-bot answers
  ``{"error": 90309999, "action_type": 2, ...}`` → captcha (jimting/shopeeCrawler issue #6,
  paulodarosa/shopee-scraper issue #4); ``/buyer/login`` → login;
- silent wall: the same 2025-12 issue shows ``search_items`` answering 200 with no items
  ("No more items found on page 0"). An empty, error-free first page of a configured (common)
  keyword is therefore a suspected soft block, not "no results" (SOFT_BLOCK_WHEN_EMPTY; the
  spider decides, it knows the keyword and page).

``items[].item_basic`` (``itemid, shopid, name, price`` ×100000, ``shop_name, shop_location,
historical_sold``), ``nomore`` and ``total_count`` — the same ``item_basic`` as in
``api/v4/shop/search_items``, the 2024 capture in ../shared/fixtures/shopee and a 2022
shopee.vn answer in tests/crawler/platforms/captures/shopee. Prices are in the site's currency
(IDR on shopee.co.id, TWD on shopee.tw).

Newer card shape (2025/26, no public capture; field paths from three independent scrapers):
``item_basic`` is null and the product is split between ``item_data`` (``itemid``, ``shopid``,
``item_card_display_price.price`` ×100000, ``shop_data.shop_name``) and
``item_card_displayed_asset`` (``name``, ``shop_location``; some sites put the price in
``display_price.price``) — index file 71159834596 ("observed live on shopee.com.my"), index file
55121585491 (shopee.com.br, "formato Jul/2026": search_items "passou a retornar 0 produtos" for a
parser that read only ``item_basic``), index file 68905876805 (shopee.co.th). Such a card is read,
not skipped: skipping it turned a full page into "no listings".
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from crawler.items import Listing
from crawler.platforms.base import (
    CAPTCHA,
    LOGIN,
    BlockMarkers,
    PageFormatError,
    ParseResult,
    as_dict,
    as_int,
    as_list,
    detect_by_markers,
    dig,
    first_marker,
    host_of,
    id_str,
    load_json,
    make_listing,
    parse_price,
    require_id,
)

NAME = "shopee"
DEFAULT_BASE_URL = "https://shopee.tw"  # Taiwan's site is where mainland SIM cards are sold
NEEDS_BROWSER = True
API_URL_MARKER = "/api/v4/search/search_items"

PRICE_SCALE = 100_000
ANTI_BOT_ERROR = 90309999
# A 200 answer with no items and no error on page 1 of a common keyword: a suspected soft block.
SOFT_BLOCK_WHEN_EMPTY = True

BLOCK_MARKERS = BlockMarkers(
    url=(("/buyer/login", LOGIN), ("/verify/captcha", CAPTCHA), ("/verify/traffic", CAPTCHA)),
    head=((f'"error":{ANTI_BOT_ERROR}', CAPTCHA), (f'"error": {ANTI_BOT_ERROR}', CAPTCHA)),
    head_chars=500,
)


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
    if as_int(error) == ANTI_BOT_ERROR:
        return CAPTCHA
    message = str(payload.get("error_msg") or payload.get("message") or "")[:200]
    if "login" in message.lower() or as_int(error) == 19:
        return LOGIN
    raise PageFormatError(f"{url}: shopee error {str(error)[:40]}: {message}")


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    return detect_by_markers(BLOCK_MARKERS, status, body, url)


def _listing(basic: dict[str, Any], index: int, url: str, site: str, observed_at: str) -> Listing:
    item_id = require_id(basic.get("itemid"), url, index)
    shop_id = id_str(basic.get("shopid"))
    return make_listing(
        NAME,
        item_id,
        basic.get("name"),
        url=f"{site}/product/{shop_id}/{item_id}" if shop_id else f"{site}/product/0/{item_id}",
        observed_at=observed_at,
        page_url=url,
        price=parse_price(basic.get("price"), divisor=PRICE_SCALE),
        shop_name=basic.get("shop_name"),
        shop_id=shop_id,
        shop_url=f"{site}/shop/{shop_id}" if shop_id else None,
        location=basic.get("shop_location"),
    )


def _card_basic(entry: dict[str, Any]) -> dict[str, Any] | None:
    """The ``item_basic`` fields of a newer-shape card (``item_basic`` null, the product in
    ``item_data`` + ``item_card_displayed_asset``), or None for a card that is neither (ads,
    hint cards, an asset without item data)."""
    data, asset = entry.get("item_data"), entry.get("item_card_displayed_asset")
    if not isinstance(data, dict) or not isinstance(asset, dict):
        return None
    price = dig(data, "item_card_display_price", "price")
    return {
        "itemid": data.get("itemid") or entry.get("itemid"),
        "shopid": data.get("shopid") or entry.get("shopid"),
        "name": asset.get("name"),
        "price": price if price is not None else dig(asset, "display_price", "price"),
        "shop_name": dig(data, "shop_data", "shop_name") or data.get("shop_name"),
        "shop_location": asset.get("shop_location") or data.get("shop_location"),
    }


def parse_search(body: str | bytes, url: str, observed_at: str) -> ParseResult:
    reason = first_marker(url, BLOCK_MARKERS.url)
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
    if not isinstance(payload["items"] or [], list):
        raise PageFormatError(f"{url}: shopee items is not a list")
    site = _site(url)
    listings = []
    for index, entry in enumerate(as_list(payload.get("items"))):
        entry = as_dict(entry)
        basic = entry.get("item_basic")
        if not isinstance(basic, dict):
            basic = _card_basic(entry)
        if basic is None:
            continue  # ads and hint cards in keyword search carry no item
        listings.append(_listing(basic, index, url, site, observed_at))
    has_next = not payload.get("nomore", not listings)
    return ParseResult(listings=listings, has_next=has_next, total=as_int(payload.get("total_count")))
