"""Pinduoduo (拼多多) search results.

Real search path, followed by ``crawler/spiders/pinduoduo.py`` in a **mobile** browser context:

* **Entry page**: ``mobile.yangkeduo.com/search_result.html?search_key=<kw>`` with a mobile user
  agent, viewport and touch: "a desktop UA against mobile.yangkeduo.com immediately flags the
  session … returns an empty ssrListData.list even with valid cookies" (index file 56137466522).
* **First results**: in the page, ``window.rawData.stores.store.data.ssrListData.list`` — 20
  items, later ones by AJAX on scroll (2026-04, index file 53671729373); older pages embed it as
  ``__NEXT_DATA__ props.pageProps.data.ssrListData`` (index files 9766095216, 41969920869). By
  2026-09 "ssrListData 仅筛选配置，商品列表客户端渲染" (index file 65829976749): an empty SSR list
  is therefore not "no results" — the spider then waits for the API's first answer.
* **API the page calls**: ``/proxy/api/search?…&list_id=…&q=<kw>&page=N&size=…&anti_content=…``
  with Referer ``search_result.html?search_key=…`` (index file 4706598649); later pages carry
  ``flip`` and ``anti_content`` and are driven by scrolling (index files 2237751556,
  24360769046). The spider scrolls; there is no ``&page=N`` page URL.
* **Sign**: ``anti_content`` is computed by the page's own script (fingerprint token); left to it.
* **Fields**: API ``items[].item_data.goods_model`` (index file 24360769046 reads
  ``$..goods_model``); ``goods_id``/``goods_name``/``price`` (fen)/``link_url`` inside it and the
  SSR fields ``goodsID``/``goodsName``/``price``/``linkURL`` follow the fixture README; mall
  id/name are **not shown in any public web-search sample** (read when present, modelled).
* **Walls**: ``login.html`` redirect, ``psnl_verification`` captcha page; API ``error_code``
  40001 (login) and 54001 (verification) are modelled.

The affiliate API ``pdd.ddk.goods.search`` (``goods_search_response.goods_list[]``, fixture
``../shared/fixtures/pinduoduo``) is also read, for ``simwatch parse`` of saved answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from crawler.items import Listing, Seller
from crawler.platforms.base import (
    CAPTCHA,
    LOGIN,
    RATE_LIMITED,
    SERVER_ERROR,
    BlockMarkers,
    PageFormatError,
    ParseResult,
    absolute_url,
    allowed_url,
    as_int,
    as_text,
    detect_by_markers,
    dig,
    html_title,
    js_object_after,
    make_listing,
    parse_price,
    query_param,
    require_id,
    search_parser,
    seller_from_page,
)

NAME = "pinduoduo"
DEFAULT_BASE_URL = "https://mobile.yangkeduo.com"
NEEDS_BROWSER = True
API_URL_MARKER = "/proxy/api/search"
# Results arrive in place as the page scrolls: one page URL per keyword, no page parameter.
PAGES_IN_PLACE = True
# A phone's browser (Chromium on Android, Pixel 7 metrics): the site flags desktop agents
# (index file 56137466522). Written out rather than taken from Playwright's device list so the
# crawler does not depend on a Playwright instance when routing requests.
BROWSER_CONTEXT: dict[str, object] = {
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Mobile Safari/537.36"
    ),
    "viewport": {"width": 412, "height": 915},
    "device_scale_factor": 2.625,
    "is_mobile": True,
    "has_touch": True,
}

ITEM_URL = "https://mobile.yangkeduo.com/goods.html?goods_id={}"
SHOP_URL = "https://mobile.yangkeduo.com/mall_page.html?mall_id={}"

# error_code values the web API answers with when it wants a login or a verification.
_ERROR_CODES = {40001: LOGIN, 43001: LOGIN, 54001: CAPTCHA, 429: RATE_LIMITED}


def search_url(base_url: str, keyword: str, page: int) -> str:
    """The keyword's search page. ``page`` is ignored: later pages load as the page scrolls."""
    return f"{base_url.rstrip('/')}/search_result.html?search_key={quote(keyword)}"


def own_url(url: str | None) -> str | None:
    """``url`` when it is http(s) on one of this platform's own hosts, else None."""
    return url if url and allowed_url(NAME, url) else None


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


def _api_block(payload: Any, url: str) -> str | None:
    """Block reason of a JSON answer carrying an ``error_response`` or a non-zero
    ``error_code``; an unknown code raises PageFormatError."""
    if not isinstance(payload, dict):
        return None
    error = payload.get("error_response") or (
        payload if payload.get("error_code") not in (None, 0, "0") else None
    )
    return _error_block(error, url) if isinstance(error, dict) else None


BLOCK_MARKERS = BlockMarkers(
    url=(
        ("/login.html", LOGIN),
        ("psnl_verification", CAPTCHA),
        ("/verification.html", CAPTCHA),
    ),
    api=_api_block,
    # The search page's title repeats the keyword; only a page without rawData is judged by it.
    title=(("登录", LOGIN),),
    results=("rawData", "__NEXT_DATA__"),
)


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    return detect_by_markers(BLOCK_MARKERS, status, body, url)


@dataclass(frozen=True)
class _GoodsKeys:
    """Where one answer format keeps a goods entry's fields (the formats differ only in names)."""

    goods_id: str
    name: str
    price: tuple[str, ...]  # fen; the first key present wins
    mall_id: str
    mall_name: str
    link: str | None = None


_DDK_KEYS = _GoodsKeys("goods_id", "goods_name", ("min_group_price",), "mall_id", "mall_name")
_API_KEYS = _GoodsKeys(
    "goods_id", "goods_name", ("price", "min_group_price"), "mall_id", "mall_name", "link_url"
)
_SSR_KEYS = _GoodsKeys("goodsID", "goodsName", ("price",), "mallID", "mallName", "linkURL")


def _listing(url: str, observed_at: str, index: int, goods: dict[str, Any], keys: _GoodsKeys) -> Listing:
    goods_id = goods.get(keys.goods_id)
    if not isinstance(goods_id, int | str) or isinstance(goods_id, bool):
        raise PageFormatError(f"{url}: item {index} id is {type(goods_id).__name__}, not a number")
    item_id = require_id(goods_id, url, index)
    mall_id = goods.get(keys.mall_id)
    if mall_id is None and keys is _SSR_KEYS:
        # SSR items seen by scrapers carry the shop as ``mallEntrance.mall_id`` (index files
        # 7778222973, 7761496258); ``mallID`` stays first, as modelled.
        mall_id = dig(goods, "mallEntrance", "mall_id")
    if mall_id is not None and not isinstance(mall_id, int | str) or isinstance(mall_id, bool):
        mall_id = None
    link = goods.get(keys.link) if keys.link else None
    link_url = own_url(absolute_url(link, DEFAULT_BASE_URL + "/")) if isinstance(link, str) else None
    price_fen = next((goods[k] for k in keys.price if goods.get(k) is not None), None)
    return make_listing(
        NAME,
        item_id,
        goods.get(keys.name),
        url=link_url or ITEM_URL.format(item_id),
        observed_at=observed_at,
        page_url=url,
        price=parse_price(price_fen, divisor=100),
        shop_name=goods.get(keys.mall_name),
        shop_id=mall_id or None,
        shop_url=shop_url_for(mall_id),
    )


def _goods_list(goods: Any, url: str, where: str) -> list[dict[str, Any]]:
    if not isinstance(goods, list) or not all(isinstance(g, dict) for g in goods):
        raise PageFormatError(f"{url}: {where} is not a list of objects")
    return goods


def _parse_ddk(response: dict[str, Any], url: str, observed_at: str) -> ParseResult:
    goods = _goods_list(response.get("goods_list"), url, "goods_search_response.goods_list")
    listings = [_listing(url, observed_at, i, g, _DDK_KEYS) for i, g in enumerate(goods)]
    total = as_int(response.get("total_count"))
    page = as_int(query_param(url, "page")) or 1
    known = total is not None and listings
    has_next = page * len(listings) < total if known and total is not None else bool(listings)
    return ParseResult(listings=listings, has_next=has_next, total=total)


def _parse_api(payload: dict[str, Any], url: str, observed_at: str) -> ParseResult:
    items = payload.get("items") or []
    if not isinstance(items, list):
        raise PageFormatError(f"{url}: items is {type(items).__name__}, not a list")
    listings = [
        _listing(url, observed_at, i, goods, _API_KEYS)
        for i, entry in enumerate(items)
        # ads and filter cards carry no goods_model
        if isinstance(goods := dig(entry, "item_data", "goods_model"), dict)
    ]
    has_next = bool(payload.get("has_more", bool(listings)))
    return ParseResult(listings=listings, has_next=has_next)


def _parse_raw_data(raw: dict[str, Any], url: str, observed_at: str) -> ParseResult:
    ssr = dig(raw, "stores", "store", "data", "ssrListData")
    if ssr is None:
        # Earlier pages wrote ``window.rawData={"store":{"data":{"ssrListData":…}}}`` — three
        # independent scrapers read it so (index files 35500376651, 4706598649, 24444120523).
        ssr = dig(raw, "store", "data", "ssrListData")
    if not isinstance(ssr, dict):
        raise PageFormatError(f"{url}: rawData has no stores.store.data.ssrListData")
    return _parse_ssr_list(ssr, url, observed_at)


def _parse_next_data(data: Any, url: str, observed_at: str) -> ParseResult:
    """2019 pages: ``<script id="__NEXT_DATA__">`` with ``props.pageProps.data.ssrListData``
    (index file 41969920869; ``…data.ssrResult.ssrListData`` on wxapp.yangkeduo.com — index
    file 9766095216), the same list as rawData's."""
    page_data = dig(data, "props", "pageProps", "data")
    ssr = dig(page_data, "ssrListData") or dig(page_data, "ssrResult", "ssrListData")
    if not isinstance(ssr, dict):
        raise PageFormatError(f"{url}: __NEXT_DATA__ has no props.pageProps.data.ssrListData")
    return _parse_ssr_list(ssr, url, observed_at)


def _parse_ssr_list(ssr: dict[str, Any], url: str, observed_at: str) -> ParseResult:
    if "list" not in ssr:
        # 2026-09 pages: ssrListData holds only the filter configuration and the list is
        # rendered from the page's first API call (index file 65829976749): nothing here yet.
        return ParseResult(listings=[], has_next=True)
    goods = _goods_list(ssr.get("list") or [], url, "ssrListData.list")
    listings = [_listing(url, observed_at, i, g, _SSR_KEYS) for i, g in enumerate(goods)]
    has_next = bool(ssr.get("hasMore", bool(listings)))
    return ParseResult(listings=listings, has_next=has_next,
                       # A server-rendered empty list with nothing more: the search found nothing.
                       total=0 if not listings and not has_next else None)


def _parse_page(body: str | bytes, text: str, url: str, observed_at: str) -> ParseResult:
    raw = js_object_after(text, "window.rawData", url)
    if raw is not None:
        return _parse_raw_data(raw, url, observed_at)
    next_data = js_object_after(text, 'id="__NEXT_DATA__"', url)
    if next_data is not None:
        return _parse_next_data(next_data, url, observed_at)
    raise PageFormatError(f"{url}: no window.rawData in the page")


def _parse_json(payload: Any, url: str, observed_at: str) -> ParseResult:
    if not isinstance(payload, dict):
        raise PageFormatError(f"{url}: expected a JSON object, got {type(payload).__name__}")
    if isinstance(payload.get("goods_search_response"), dict):
        return _parse_ddk(payload["goods_search_response"], url, observed_at)
    if "items" in payload:
        return _parse_api(payload, url, observed_at)
    raise PageFormatError(f"{url}: neither goods_search_response nor items in the answer")


# Listings of the search page (``rawData``), the page's API answer or an affiliate API answer.
parse_search = search_parser(BLOCK_MARKERS, answer=_parse_json, page=_parse_page)


def parse_shop(body: str | bytes, url: str) -> Seller:
    """Licence facts of a shop page (``mall_page.html``) or its 资质 (licence) page."""
    text = as_text(body)
    mall_id = query_param(url, "mall_id")
    name = html_title(text).split("-")[0].strip() or None
    return seller_from_page(
        NAME, text, shop_id=mall_id, shop_name=name, shop_url=shop_url_for(mall_id) or url
    )
