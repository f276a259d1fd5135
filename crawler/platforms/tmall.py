"""Tmall: results come from Taobao's search with ``tab=mall`` (``list.tmall.com`` redirects to
login), in the same two shapes, so this module reuses ``crawler.platforms.taobao`` and keeps
the Tmall stores' items (``shopcard.isTmall`` or a ``*.tmall.com`` shop/item URL). Shop ids are
the sub-domain of ``<name>.tmall.com`` when the shop URL shows it, else the seller id."""

from __future__ import annotations

from crawler.items import Seller
from crawler.platforms import taobao
from crawler.platforms.base import ParseResult, as_text, html_title, seller_from_page

NAME = "tmall"
DEFAULT_BASE_URL = taobao.DEFAULT_BASE_URL
NEEDS_BROWSER = True
API_URL_MARKER = taobao.API_URL_MARKER

detect_block = taobao.detect_block
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
