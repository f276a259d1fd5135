"""Mercado Libre search API (``api.mercadolibre.com/sites/<SITE>/search?q=``): ``results[]``
with ``id, title, price, permalink, seller{id, permalink, eshop.nick_name}, address{state_name,
city_name}`` and ``paging{total, offset, limit}``.

Parse-only (``simwatch parse``): the public API answers 403 since 2025, so there is no spider;
the module keeps saved responses readable and is the pattern for a Latin-American market.
Evidence: the 2021 capture in ../shared/fixtures/mercadolibre (public API response); the API's
retirement — see that capture's ``.source.txt``. Listing/shop URLs pass only on Mercado Libre /
Mercado Livre hosts (``permalink`` is the site's own item URL).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from crawler.items import Listing
from crawler.platforms.base import (
    LOGIN,
    PageFormatError,
    ParseResult,
    as_dict,
    as_int,
    as_text,
    load_json,
    looks_like_json,
    make_listing,
    parse_price,
    require_id,
    status_block,
)

NAME = "mercadolibre"
DEFAULT_BASE_URL = "https://api.mercadolibre.com/sites/MLA"
NEEDS_BROWSER = False
API_URL_MARKER: str | None = None
PAGE_SIZE = 50


def search_url(base_url: str, keyword: str, page: int) -> str:
    offset = (page - 1) * PAGE_SIZE
    return f"{base_url.rstrip('/')}/search?q={quote(keyword)}&offset={offset}&limit={PAGE_SIZE}"


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    if status == 403 and looks_like_json(as_text(body)):
        return LOGIN  # the API refuses calls without an authorised token
    return status_block(status)


def _listing(result: dict[str, Any], index: int, url: str, observed_at: str) -> Listing:
    seller = as_dict(result.get("seller"))
    address = as_dict(result.get("address"))
    nick = as_dict(seller.get("eshop")).get("nick_name") or seller.get("nickname")
    places = (address.get("state_name"), address.get("city_name"))
    location = " ".join(p for p in places if isinstance(p, str) and p)
    return make_listing(
        NAME,
        require_id(result.get("id"), url, index),
        result.get("title"),
        url=result.get("permalink"),
        observed_at=observed_at,
        page_url=url,
        price=parse_price(result.get("price")),
        shop_name=nick,
        shop_id=seller.get("id"),
        shop_url=seller.get("permalink"),
        location=location or None,
    )


def parse_search(body: str | bytes, url: str, observed_at: str) -> ParseResult:
    payload = load_json(body, url)
    if not isinstance(payload, dict) or not isinstance(payload.get("results"), list):
        raise PageFormatError(f"{url}: no results list in the Mercado Libre answer")
    listings = [
        _listing(r, i, url, observed_at) for i, r in enumerate(payload["results"])
        if isinstance(r, dict)
    ]
    paging = as_dict(payload.get("paging"))
    total = as_int(paging.get("primary_results")) or as_int(paging.get("total"))
    offset = as_int(paging.get("offset")) or 0
    limit = as_int(paging.get("limit")) or PAGE_SIZE
    has_next = bool(listings) and total is not None and offset + limit < total
    return ParseResult(listings=listings, has_next=has_next, total=as_int(paging.get("total")))
