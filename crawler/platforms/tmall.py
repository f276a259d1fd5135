"""Tmall (天猫): results come from Taobao's search with ``tab=mall``, in the same two shapes, so
this module reuses ``crawler.platforms.taobao`` — the same logged-in browser page, the same
exact API match (appId 34385, is_search_api), sign, paging and walls — and keeps the Tmall
stores' items (``isTmall``/``shopcard.isTmall``, a ``*.tmall.com`` shop/item URL, or ``tmall`` in
``iconList``). Shop ids are the sub-domain of ``<name>.tmall.com`` when the shop URL shows it,
else the seller id.

Evidence: ``list.tmall.com`` answers 302 to the Taobao login and Tmall goes through
``s.taobao.com`` ``tab=mall`` — index file 63498590439 (2026-07); the 2015 ``seller_type=tmall``
capture in ../shared/fixtures/tmall; everything else as taobao (see its module note and
docs/PLATFORMS.md).

Tmall's own search page, ``list.tmall.com/search_product.htm?q=…`` (served GBK until it moved
behind the login), is read too, for saved pages (``simwatch parse``): ``#J_ItemList`` holds one
``div.product[data-id]`` per item — ``p.productPrice em@title``, ``p.productTitle a`` (``title``
holds the whole title, ``href`` the item), ``a.productShop-name`` (text = shop,
``user_number_id`` = seller), ``b.ui-page-s-len`` "page/pages", ``.j_ResultsNumber span`` the
result count. Evidence: two 2020 pages in tests/crawler/platforms/captures/tmall (SOURCES.md);
the same selectors in 2014/2018/2019 pages quoted by scrapers (index files 37184138750,
40284307644, 14021363542).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from crawler.items import Listing, Seller
from crawler.platforms import taobao
from crawler.platforms.base import (
    PageFormatError,
    ParseResult,
    absolute_url,
    as_int,
    as_text,
    clean_text,
    html_title,
    make_listing,
    page_tree,
    parse_price,
    query_param,
    require_id,
    search_parser,
    seller_from_page,
    text_content,
)

NAME = "tmall"
DEFAULT_BASE_URL = taobao.DEFAULT_BASE_URL
NEEDS_BROWSER = True
API_URL_MARKER = taobao.API_URL_MARKER

detect_block = taobao.detect_block
is_search_api = taobao.is_search_api
shop_id_from_url = taobao.shop_id_from_url


def search_url(base_url: str, keyword: str, page: int) -> str:
    return taobao.tab_search_url(base_url, keyword, page, tab="mall")


_LIST_PAGE = 'id="J_ItemList"'
# taobao's walls, and a list.tmall.com results page is a results page (never judged by title).
_MARKERS = dataclasses.replace(taobao.BLOCK_MARKERS,
                               results=(*taobao.BLOCK_MARKERS.results, _LIST_PAGE))


def _attr_text(node: Any, xpath: str) -> str:
    found = node.xpath(xpath)
    if not found:
        return ""
    first = found[0]
    return clean_text(first if isinstance(first, str) else text_content(first))


def _list_item(product: Any, index: int, url: str, observed_at: str) -> Listing:
    item_id = require_id((product.get("data-id") or "").strip(), url, index)
    href = absolute_url(_attr_text(product, ".//p[contains(@class, 'productTitle')]//a/@href"))
    shop = (product.xpath(".//a[contains(@class, 'productShop-name')]") or [None])[0]
    shop_href = absolute_url(shop.get("href")) if shop is not None else None
    seller = query_param(shop_href, "user_number_id") or query_param(href, "user_id")
    shop_id, shop_url = taobao.seller_shop(seller, None)
    return make_listing(
        NAME,
        item_id,
        _attr_text(product, ".//p[contains(@class, 'productTitle')]//a/@title")
        or _attr_text(product, ".//p[contains(@class, 'productTitle')]//a"),
        url=href or f"https://detail.tmall.com/item.htm?id={item_id}",
        observed_at=observed_at,
        page_url=url,
        price=parse_price(_attr_text(product, ".//p[contains(@class, 'productPrice')]/em/@title")
                          or _attr_text(product, ".//p[contains(@class, 'productPrice')]/em")),
        shop_name=(clean_text(text_content(shop)) if shop is not None else None)
        or _attr_text(product, ".//*[@data-nick]/@data-nick"),
        shop_id=shop_id,
        shop_url=shop_url,
    )


def _parse_list_page(page: str | bytes, text: str, url: str, observed_at: str) -> ParseResult:
    if _LIST_PAGE not in text:
        return taobao.parse_results(page, text, url, observed_at)
    doc = page_tree(page)
    products = doc.xpath("//div[@id='J_ItemList']/div[contains(concat(' ', normalize-space("
                         "@class), ' '), ' product ')]")
    if not products and not doc.xpath("//div[@id='J_ItemList']"):
        if "g_page_config" in text:  # the marker was text on a taobao page (a title quoting it)
            return taobao.parse_results(page, text, url, observed_at)
        raise PageFormatError(f"{url}: no #J_ItemList in the list.tmall.com page")
    listings = [_list_item(p, i, url, observed_at) for i, p in enumerate(products)]
    current, _, last = _attr_text(doc, "//b[contains(@class, 'ui-page-s-len')]").partition("/")
    current_page, last_page = as_int(current.strip()), as_int(last.strip())
    has_next = current_page < last_page if current_page and last_page else bool(listings)
    total = as_int(_attr_text(doc, "//*[contains(@class, 'j_ResultsNumber')]/span"))
    return ParseResult(listings=listings, has_next=has_next, total=total)


_parse = search_parser(_MARKERS, page=_parse_list_page)


def parse_search(body: str | bytes, url: str, observed_at: str) -> ParseResult:
    result = _parse(body, url, observed_at)
    result.listings = [listing for listing in result.listings if listing.platform == NAME]
    return result


def parse_shop(body: str | bytes, url: str) -> Seller:
    text = as_text(body)
    name = html_title(text).split("-")[0].strip() or None
    return seller_from_page(NAME, text, shop_id=shop_id_from_url(url), shop_name=name, shop_url=url)
