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
"""

from __future__ import annotations

from crawler.items import Seller
from crawler.platforms import taobao
from crawler.platforms.base import ParseResult, as_text, html_title, seller_from_page

NAME = "tmall"
DEFAULT_BASE_URL = taobao.DEFAULT_BASE_URL
NEEDS_BROWSER = True
API_URL_MARKER = taobao.API_URL_MARKER

detect_block = taobao.detect_block
is_search_api = taobao.is_search_api
shop_id_from_url = taobao.shop_id_from_url


def search_url(base_url: str, keyword: str, page: int) -> str:
    return taobao.tab_search_url(base_url, keyword, page, tab="mall")


def parse_search(body: str | bytes, url: str, observed_at: str) -> ParseResult:
    result = taobao.parse_search(body, url, observed_at)
    result.listings = [listing for listing in result.listings if listing.platform == NAME]
    return result


def parse_shop(body: str | bytes, url: str) -> Seller:
    text = as_text(body)
    name = html_title(text).split("-")[0].strip() or None
    return seller_from_page(NAME, text, shop_id=shop_id_from_url(url), shop_name=name, shop_url=url)
