"""Xianyu / Goofish: the ``mtop.taobao.idlemtopsearch.pc.search`` JSON the search page receives.

Each ``data.resultList[i].data.item.main`` holds one item: ``exContent`` (id, title, area,
seller nick) and ``clickParam.args`` (price). Seller ids are encrypted per session, so listings
carry the seller nick as shop name and no shop id.
"""

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
    clean_text,
    dig,
    first_marker,
    host_of,
    load_json,
    make_listing,
    mtop_ret_block,
    parse_price,
    require_id,
    status_block,
)

NAME = "xianyu"
DEFAULT_BASE_URL = "https://www.goofish.com"
NEEDS_BROWSER = True
API_URL_MARKER = "mtop.taobao.idlemtopsearch.pc.search"

ITEM_URL = "https://www.goofish.com/item?id={}"

_URL_MARKERS = (("/punish", CAPTCHA), ("login.taobao.com", LOGIN), ("passport.goofish.com", LOGIN))
_BODY_MARKERS = (
    ("RGV587_ERROR", CAPTCHA),
    ("FAIL_SYS_USER_VALIDATE", CAPTCHA),
    ("FAIL_SYS_SESSION_EXPIRED", LOGIN),
    ("FAIL_SYS_TOKEN_EXOIRED", LOGIN),
    ("FAIL_SYS_TOKEN_EMPTY", LOGIN),
    ("FAIL_SYS_TOKEN_ILLEGAL", LOGIN),
)


def search_url(base_url: str, keyword: str, page: int) -> str:
    return f"{base_url.rstrip('/')}/search?q={quote(keyword)}&page={page}"


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    reason = first_marker(url, _URL_MARKERS)
    if reason:
        return reason
    text = as_text(body)
    # Only the head of the body: a success answer's ret comes first and listings can quote anything.
    reason = first_marker(text[:2000], _BODY_MARKERS)
    if reason:
        return reason
    if host_of(url).startswith("login.") or "<title>登录" in text[:5000]:
        return LOGIN
    return status_block(status)


def _listing(main: dict[str, Any], index: int, url: str, observed_at: str) -> Listing:
    content = main.get("exContent") or {}
    args = dig(main, "clickParam", "args") or {}
    item_id = require_id(content.get("itemId") or args.get("item_id") or args.get("id"), url, index)
    title = content.get("title") or dig(content, "detailParams", "title") or ""
    # exContent.title may be cut short; detailParams.title holds the seller's whole text.
    full_text = dig(content, "detailParams", "title")
    if full_text and clean_text(full_text) == clean_text(title):
        full_text = None
    price = parse_price(args.get("price"))
    if price is None:
        price = parse_price(dig(content, "detailParams", "soldPrice"))
    nick = content.get("userNickName") or dig(content, "detailParams", "userNick")
    return make_listing(
        NAME,
        item_id,
        title,
        url=ITEM_URL.format(item_id),
        observed_at=observed_at,
        page_url=url,
        price=price,
        description=full_text,
        shop_name=nick,
        location=content.get("area"),
    )


def parse_search(body: str | bytes, url: str, observed_at: str) -> ParseResult:
    payload = load_json(body, url)
    if not isinstance(payload, dict):
        raise PageFormatError(f"{url}: expected an mtop JSON object, got {type(payload).__name__}")
    reason = mtop_ret_block(payload.get("ret"), url)
    if reason:
        return ParseResult.block(reason)
    data = payload.get("data")
    if not isinstance(data, dict) or "resultList" not in data:
        raise PageFormatError(f"{url}: mtop answer has no data.resultList")
    listings = []
    for index, entry in enumerate(data.get("resultList") or []):
        main = dig(entry, "data", "item", "main")
        if not isinstance(main, dict):
            continue  # banners and "guess you like" cards carry no item
        listings.append(_listing(main, index, url, observed_at))
    info = data.get("resultInfo") or {}
    has_next = bool(
        info.get("hasNextPage", dig(info, "searchResControlFields", "nextPage", default=False))
    )
    total = dig(info, "searchResControlFields", "numFound")
    return ParseResult(listings=listings, has_next=has_next, total=int(total) if total else None)
