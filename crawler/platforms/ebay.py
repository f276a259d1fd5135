"""eBay search results (server-rendered HTML).

Real search path (verified, see docs/PLATFORMS.md): ``/sch/i.html?_nkw=<kw>&_pgn=N`` served as
HTML to a plain HTTP client (no login, no sign); paging by ``_pgn`` and ``a.pagination__next``;
walls: "Pardon Our Interruption" / "Security Measure" pages and ``/splashui/captcha``.
Evidence: the card layout — ``li.s-card`` in ``ul.srp-results`` replaced ``li.s-item`` in 2025/26
(index files 62520349339, 60880031299; ``ul.srp-results > li[data-view]`` in
DimplyBarkha/gajendra-profecialinks ``src/library/product/search/stores/e/ebay/US/execute.js``);
the seller row "name 100% positive (159)" — index file 58054266447; a listing under a day old
carries a "New listing" badge span (``span.s-card__new-listing``) before its title span inside
the title — index files 71512508516, 66033205786, 65857614937; carousels (``.srp-items-carousel`` inside ``li.srp-river-answer``) repeat listings
of the results — the 2022 capture in ../shared/fixtures/ebay (8 repeats).

Current layout: ``ul.srp-results > li`` cards with ``.s-card__title span``, ``.s-card__price``,
``a.s-card__link@href`` (``/itm/<id>``), a "Located in ..." line and seller text such as
``name 99.5% positive (1.2K)``. Older layout: ``li.s-item`` with ``.s-item__title``,
``.s-item__price``, ``.s-item__link``, ``.s-item__location`` and ``.s-item__seller-info-text``
(``name (1,234) 99.5%``). The seller's user name is its shop id (unique on eBay).
A "New listing" badge is dropped from the title, never taken for it; cards inside a carousel
are repeats of other results (or other searches), not listings of this page.
Pages served in the buyer's language (2025-26 captures: ebay.de, ebay.com.sg, ebay.com in
Spanish/Japanese/Korean) word the location row "aus …", "from …", "de …", "発送元 …", "출발지 …"
and the seller row "name 99% positivo (478)", "name 100% ポジティブ (25.7K)"; both are read.
Prices are read as displayed: ebay.de/.it show "EUR 1.299,00" / "229,00 EUR" (index files
59945012713, 70551580957, 55346510531 — scrapers of those sites), ebay.fr "2 800,00 EUR"
(Sup-Ko/Kart_Scraper ``tests/fixtures/ebay_results.html``), read with a decimal comma
(base.parse_display_price), not as 129900 or 2.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from lxml import etree
from lxml.cssselect import CSSSelector

from crawler.items import Listing, doc_id
from crawler.platforms.base import (
    CAPTCHA,
    LOGIN,
    BlockMarkers,
    PageFormatError,
    ParseResult,
    absolute_url,
    clean_text,
    detect_by_markers,
    host_of,
    make_listing,
    page_tree,
    parse_display_price,
    search_parser,
    text_content,
)

NAME = "ebay"
DEFAULT_BASE_URL = "https://www.ebay.com"
NEEDS_BROWSER = False
API_URL_MARKER: str | None = None

# Cards of the results list, not the carousels' repeats nor the river "answers" holding them.
_CARDS = etree.XPath(
    "(//ul[contains(concat(' ', normalize-space(@class), ' '), ' srp-results ')]/li"
    " | //li[contains(concat(' ', normalize-space(@class), ' '), ' s-item ')])"
    "[not(contains(@class, 'srp-river-answer'))]"
    "[not(ancestor::*[contains(@class, 'carousel')])]"
)
_RESULTS = CSSSelector("ul.srp-results, .srp-river-results, #srp-river-results")
_NO_RESULTS = CSSSelector(".srp-save-null-search, .s-message__content")
_NEXT = CSSSelector("a.pagination__next")

_ITEM_ID = re.compile(r"/itm/(?:[^/?#]+/)?(\d{9,15})")
# The text node itself, so that neighbouring seller text is not swallowed.
_LOCATED_TEXTS = etree.XPath(".//text()[contains(., 'Located in')]")
_LOCATED = re.compile(r"Located in\s+(.+)", re.I)
# "name 99.5% positive (1.2K)"; pages served in the buyer's language say "99% positivo (478)",
# "100% ポジティブ (25.7K)" (ebay.com 2025-26 captures): any word, then the count in brackets.
_SELLER_TEXT = re.compile(
    r"^(?P<name>[^\s()%]+)\s+(?:\([\d,.]+[KkMm]?\)\s+[\d.]+%|[\d.,]+%\s+positive"
    r"|[\d.,]+%\s+[^\s\d()]+\s+\([\d.,]+\s*[KkMm千万]?\))",
    re.I,
)
# The s-card's location row in other words than "Located in": "from United States"
# (ebay.com.sg), "aus Großbritannien" (ebay.de), "de Estados Unidos" (Spanish), "発送元 英国"
# (Japanese), "출발지 프랑스" (Korean) — 2025-26 captures. A whole row, without digits (a price
# or a count is never a place).
_ROW_PLACE = re.compile(r"^(?:from|aus|de|発送元|출발지)\s+(?P<place>[^\d]+)$", re.I)
_PLACEHOLDER_TITLES = {"shop on ebay"}
# Badges and screen-reader text inside a title element: never the title itself.
_NEW_LISTING = re.compile(r"^(?:New Listing|Neues Angebot|Nouvelle annonce|Nuovo annuncio)\s*", re.I)
_NOT_TITLES = {"opens in a new window or tab", "sponsored", ""}

BLOCK_MARKERS = BlockMarkers(
    url=(("/splashui/captcha", CAPTCHA), ("signin.ebay.", LOGIN)),
    body=(("/splashui/captcha", CAPTCHA), ("Pardon Our Interruption", CAPTCHA)),
    title=(("Security Measure", CAPTCHA), ("Pardon Our Interruption", CAPTCHA)),
    results=("srp-results",),
)


def search_url(base_url: str, keyword: str, page: int) -> str:
    return f"{base_url.rstrip('/')}/sch/i.html?_nkw={quote(keyword)}&_pgn={page}"


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    return detect_by_markers(BLOCK_MARKERS, status, body, url)


# Class tokens as CSS (cssselect's XPath) splits them: on XPath's whitespace (normalize-space:
# space, tab, CR, LF), not on the wider set str.split() knows (e.g. NBSP, form feed).
_CLASS_SPLIT = re.compile(r"[ \t\r\n]+")
_NO_CLASSES: frozenset[str] = frozenset()
_READ_CLASSES = frozenset({  # every class _card_parts looks for
    "s-card__link", "s-item__link", "s-item__title", "s-card__title", "s-card__new-listing",
    "s-card__price", "s-item__price", "s-item__location", "s-item__itemLocation",
    "s-item__seller-info-text", "s-card__attribute-row",
})


@dataclass
class _CardParts:
    """A card's candidate elements per field, in document order: what the selectors
    ``.s-card__title span:not(.s-card__new-listing), .s-item__title`` (title),
    ``.s-card__price, .s-item__price`` (price), ``a.s-card__link, a.s-item__link,
    a[href*='/itm/']`` (link: the first), ``.s-item__location, .s-item__itemLocation``
    (location) and ``.s-item__seller-info-text, .s-card__attribute-row`` (seller) select."""

    link: Any = None
    titles: list[Any] = field(default_factory=list)
    prices: list[Any] = field(default_factory=list)
    locations: list[Any] = field(default_factory=list)
    sellers: list[Any] = field(default_factory=list)


def _card_parts(card: Any) -> _CardParts:
    """One walk over the card (itself and its descendants, in document order) instead of one
    selector per field: five CSS selectors, each a string test on every element of each of
    ~5,000 cards per crawl, were most of the ebay parser's time. The walk selects the same
    elements in the same order (tests/crawler/platforms/test_golden.py pins the output)."""
    parts = _CardParts()
    title_spans: set[Any] = set()  # spans inside an .s-card__title (lxml proxies: identity)
    for element in card.iter(etree.Element):
        tag = element.tag
        value = element.get("class") or ""
        # Every class this parser reads starts so: most elements are passed without a split,
        # and most of the rest (wrappers, details) hold none of the classes read.
        classes = (_READ_CLASSES.intersection(_CLASS_SPLIT.split(value))
                   if "s-card__" in value or "s-item__" in value else _NO_CLASSES)
        if tag == "a" and parts.link is None and (
            "s-card__link" in classes or "s-item__link" in classes
            or "/itm/" in (element.get("href") or "")
        ):
            parts.link = element
        if "s-item__title" in classes or (
            tag == "span" and element in title_spans and "s-card__new-listing" not in classes
        ):
            parts.titles.append(element)
        if not classes:
            continue
        if "s-card__title" in classes:  # visited before its descendants (document order)
            title_spans.update(element.iterdescendants("span"))
        if "s-card__price" in classes or "s-item__price" in classes:
            parts.prices.append(element)
        if "s-item__location" in classes or "s-item__itemLocation" in classes:
            parts.locations.append(element)
        if "s-item__seller-info-text" in classes or "s-card__attribute-row" in classes:
            parts.sellers.append(element)
    return parts


def _texts(elements: list[Any]) -> Iterator[str]:
    """The elements' cleaned, non-empty texts, read only as far as the caller goes."""
    return (text for e in elements if (text := clean_text(text_content(e))))


def _title(parts: _CardParts) -> str:
    """The card's title: its title spans' text without a "New listing" badge (which stands in
    its own span before the title, or — older layout — inside it)."""
    for text in _texts(parts.titles):
        text = _NEW_LISTING.sub("", text)
        if text.lower() not in _NOT_TITLES:
            return text
    return ""


def _seller(parts: _CardParts) -> str | None:
    for text in _texts(parts.sellers):
        found = _SELLER_TEXT.match(text)
        if found:
            return found.group("name")
    return None


def _location(card: Any, parts: _CardParts) -> str | None:
    explicit = next(_texts(parts.locations), None)
    if explicit is not None:
        return re.sub(r"^(?:from|located in)\s+", "", explicit, flags=re.I)
    for text in _LOCATED_TEXTS(card):
        found = _LOCATED.search(clean_text(text))
        if found:
            return found.group(1).strip()
    for text in _texts(parts.sellers):  # the card's attribute rows
        found = _ROW_PLACE.match(text)
        if found:
            return found.group("place").strip()
    return None


def _card_listing(card: Any, url: str, site: str, observed_at: str) -> Listing | None:
    parts = _card_parts(card)
    href = parts.link.get("href") if parts.link is not None else None
    found = _ITEM_ID.search(href or "")
    listing_id = card.get("data-listingid")
    item_id = (listing_id if listing_id and listing_id.isdigit() else None) or (
        found.group(1) if found else None
    )
    title = _title(parts)
    if not item_id or not title or title.lower() in _PLACEHOLDER_TITLES:
        return None  # the "Shop on eBay" placeholder card and ads without an item
    seller = _seller(parts)
    price = next(_texts(parts.prices), None)
    return make_listing(
        NAME,
        item_id,
        title,
        url=f"{site}/itm/{item_id}",
        observed_at=observed_at,
        page_url=url,
        price=parse_display_price(price) if price is not None else None,
        shop_name=seller,
        shop_id=seller.lower() if seller else None,  # eBay user names are case-insensitive
        shop_url=f"{site}/usr/{seller}" if seller else None,
        location=_location(card, parts),
    )


def _parse_results(page: str | bytes, text: str, url: str, observed_at: str,
                   known: Container[str] = ()) -> ParseResult:
    doc = page_tree(page, plain=True)
    cards = _CARDS(doc)
    if not cards and not _RESULTS(doc):
        if _NO_RESULTS(doc):
            return ParseResult(listings=[], has_next=False, total=0)
        raise PageFormatError(f"{url}: no ul.srp-results in the page (layout changed?)")
    host = host_of(url)
    site = (
        f"https://{host}"
        if host.endswith(("ebay.com", ".ebay.co.uk", ".ebay.de")) or ".ebay." in host
        else DEFAULT_BASE_URL
    )
    listings: list[Listing] = []
    seen: set[str] = set()
    repeats = 0
    for card in cards:
        # The s-card's own id attribute (2025-26 layout; older cards carry the id only in
        # their link, which needs the card walked): a listing the run already holds is counted
        # and skipped before its fields are read.
        card_id = card.get("data-listingid")
        if known and card_id and card_id.isdigit() and doc_id(NAME, card_id) in known:
            if card_id not in seen:  # a card repeated on the page is one listing, as below
                seen.add(card_id)
                repeats += 1
            continue
        listing = _card_listing(card, url, site, observed_at)
        if listing and listing.listing_id not in seen:
            seen.add(listing.listing_id)
            listings.append(listing)
    has_next = any(
        a.get("aria-disabled") != "true" and absolute_url(a.get("href"), url) for a in _NEXT(doc)
    )
    return ParseResult(listings=listings, has_next=has_next, repeats=repeats)


SKIPS_KNOWN_LISTINGS = True  # _parse_results reads a card's id before its fields
parse_search = search_parser(BLOCK_MARKERS, page=_parse_results)
