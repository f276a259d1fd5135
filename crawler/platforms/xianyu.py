"""Xianyu / Goofish (闲鱼): the ``mtop.taobao.idlemtopsearch.pc.search`` JSON the search page receives.

Real search path (verified, see docs/PLATFORMS.md):
- entry: ``www.goofish.com/search?q=<kw>`` in a logged-in browser (Alibaba login); the page's
  ``p_search-index.js`` POSTs ``h5api.m.goofish.com/h5/mtop.taobao.idlemtopsearch.pc.search/1.0/``
  (appKey 34839810, ``data={"pageNumber":N,"keyword":...,"rowsPerPage":30,...}``);
- sign: ``md5(token&t&appKey&data)``, token from the ``_m_h5_tk`` cookie — done by the page;
- paging: the page's own pager — ``button[class*='search-pagination-arrow-container']`` holding
  ``[class*='search-pagination-arrow-right']`` (hashed class names such as
  ``search-pagination-arrow-right--CKU78u4z``); each click makes the next ``pc.search`` call.
  The spider clicks it (NEXT_PAGE_SELECTOR) instead of inventing ``&page=N`` URLs;
- the same search also answers as ``mtop.taobao.idle.web.item.search`` (SEARCH_APIS);
- look-alike: ``p_layout.js`` fires ``mtop.taobao.idlemtopsearch.pc.search.shade`` (answer
  ``data.singleShadeWords``) on every page, so the API is matched exactly (is_search_api) and a
  non-search answer is skipped (NotSearchAnswer), never parsed or counted as drift;
- walls: ``FAIL_SYS_TOKEN_EXOIRED`` on the first call (the page retries), session expiry →
  login, ``RGV587_ERROR::SM`` with a ``/_____tmd_____/punish`` slider → captcha.

Evidence: the response shape — ``z-m-x/xianyupp`` captures in ../shared/fixtures/xianyu
(``data.resultList[].data.item.main.{exContent,clickParam.args}``, ``data.resultInfo``);
``.shade`` from ``p_layout.js`` — index file 62185445868; scrapers that reject ``.shade`` —
index files 66601284242, 53452341633, 69575873548; ``.shade`` body — index file 34399760230;
pager selectors — index files 61640099589, 56320764619, 15998835742, 24313838625.

Each ``main`` holds one item: ``exContent`` (id, title, area, seller nick) and
``clickParam.args`` (price). Seller ids are encrypted per session, so listings carry the
seller nick as shop name and no shop id.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from crawler.items import Listing
from crawler.platforms.base import (
    CAPTCHA,
    LOGIN,
    MTOP_CODES,
    BlockMarkers,
    PageFormatError,
    ParseResult,
    as_dict,
    as_int,
    as_list,
    clean_text,
    detect_by_markers,
    dig,
    load_json,
    make_listing,
    mtop_api_of,
    mtop_data,
    parse_price,
    require_id,
)

NAME = "xianyu"
DEFAULT_BASE_URL = "https://www.goofish.com"
NEEDS_BROWSER = True
API = "mtop.taobao.idlemtopsearch.pc.search"
# The same search under its other name: the goofish-client SDK documents it as 商品搜索 with the
# same parameters and answer (appBar, filterBar, resultInfo, resultList, …) — index file
# 4155834738 — and scrapers fall back to it reading the same data.resultList (index files
# 71419512657, 71416270929).
SEARCH_APIS = (API, "mtop.taobao.idle.web.item.search")
API_URL_MARKER = f"/{API}/"  # what tests look for in the page; matching is is_search_api
NEXT_PAGE_SELECTOR = (
    "button[class*='search-pagination-arrow-container']"
    ":has([class*='search-pagination-arrow-right']):not([disabled])"
)

ITEM_URL = "https://www.goofish.com/item?id={}"

BLOCK_MARKERS = BlockMarkers(
    url=(("/punish", CAPTCHA), ("login.taobao.com", LOGIN), ("passport.goofish.com", LOGIN),
         ("://login.", LOGIN)),
    # Only the head of the body: a success answer's ret comes first and listings can quote anything.
    head=MTOP_CODES,
    title=(("登录", LOGIN),),
    results=('"resultList"',),
)


def search_url(base_url: str, keyword: str, page: int) -> str:
    """The entry page. The crawl reaches later pages with the pager; only a retry of a later
    page loads it by number (unconfirmed that goofish honours ``page``; the sandbox does)."""
    return f"{base_url.rstrip('/')}/search?q={quote(keyword)}&page={page}"


def is_search_api(url: str) -> bool:
    """Exactly a search API (SEARCH_APIS) — not ``…pc.search.shade`` nor ``…pc.search.suggest``."""
    return mtop_api_of(url) in SEARCH_APIS


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    return detect_by_markers(BLOCK_MARKERS, status, body, url)


def _listing(main: dict[str, Any], index: int, url: str, observed_at: str) -> Listing:
    content = as_dict(main.get("exContent"))
    args = as_dict(dig(main, "clickParam", "args"))
    details = as_dict(content.get("detailParams"))
    item_id = require_id(content.get("itemId") or args.get("item_id") or args.get("id"), url, index)
    title = content.get("title") or details.get("title") or ""
    # exContent.title may be cut short; detailParams.title holds the seller's whole text.
    full_text = details.get("title")
    if full_text and clean_text(full_text) == clean_text(title):
        full_text = None
    price = parse_price(args.get("price"))
    if price is None:
        price = parse_price(details.get("soldPrice"))
    nick = content.get("userNickName") or details.get("userNick")
    return make_listing(
        NAME,
        item_id,
        title,
        url=ITEM_URL.format(item_id),
        observed_at=observed_at,
        page_url=url,
        price=price,
        description=clean_text(full_text, limit=20_000) or None,
        shop_name=nick,
        location=content.get("area"),
    )


def parse_search(body: str | bytes, url: str, observed_at: str) -> ParseResult:
    payload = load_json(body, url)
    answered = payload.get("api") if isinstance(payload, dict) else None
    data = mtop_data(payload, url, answered if answered in SEARCH_APIS else API)
    if isinstance(data, ParseResult):
        return data
    if not isinstance(data.get("resultList", []), list | None):
        raise PageFormatError(f"{url}: data.resultList is not a list")
    if "resultList" not in data:
        raise PageFormatError(f"{url}: mtop answer has no data.resultList")
    listings = []
    for index, entry in enumerate(as_list(data.get("resultList"))):
        main = dig(entry, "data", "item", "main")
        if not isinstance(main, dict):
            continue  # banners and "guess you like" cards carry no item
        listings.append(_listing(main, index, url, observed_at))
    info = as_dict(data.get("resultInfo"))
    controls = as_dict(info.get("searchResControlFields"))
    has_next = bool(info.get("hasNextPage", controls.get("nextPage", False)))
    return ParseResult(listings=listings, has_next=has_next, total=as_int(controls.get("numFound")))
