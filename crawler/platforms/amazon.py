"""Amazon search results and product pages (server-rendered HTML).

Real search path (verified, see docs/PLATFORMS.md): ``/s?k=<kw>&page=N`` served as HTML to a
plain HTTP client (no login, no sign); ``a.s-pagination-next`` for the next page; walls: the
robot check ("Enter the characters you see below", ``/errors/validateCaptcha``) and the 2024+
"Click the button below to continue shopping" interstitial (about 3.8 KB at HTTP 200 — index
files 60781488928, 68853712229, 58696098838), ``/ap/signin`` for login; and (amazon.fr, 2026,
tests/crawler/platforms/captures/amazon) an AWS WAF challenge page (``AwsWafIntegration``,
HTTP 202) or an Akamai "bm-verify" interstitial (``/_sec/verify?provider=interstitial``, HTTP
200) — both hold no results and are walls, not a changed layout.
Evidence for the result cards: ``div.s-main-slot div[data-component-type='s-search-result']
[data-asin]`` with ``h2 span`` and ``span.a-price`` — yagizkocalann/PW-Cucumber-Amazon-Project
``src/selectors/search.ts``; DimplyBarkha/gajendra-profecialinks ``…/amazon/UK/execute.js``; the
2022 capture in ../shared/fixtures/amazon.

A search page names no seller. The seller is only on the product page ``/dp/<asin>``
(``#sellerProfileTriggerId`` with ``?seller=<id>``, or ``#merchant-info`` "Ships from and sold
by X") — the 2022 ``/dp/`` capture in ../shared/fixtures/amazon. So for SIM listings the spider
fetches the product page (ITEM_PAGE_FOR_SELLER) and :func:`parse_item` fills shop name, id and
URL; ``simwatch parse`` reads product pages too (:func:`is_item_page`).

Prices are read as displayed, in the site's decimal convention: amazon.nl shows "€ 1.749,99"
(a 2023 card in tests/crawler/platforms/captures/amazon), amazon.com.br "R$89,90" (index file
10970991552) — see base.parse_display_price.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Any
from urllib.parse import quote

from lxml import etree
from lxml.cssselect import CSSSelector

from crawler.items import Listing, doc_id
from crawler.platforms.base import (
    CAPTCHA,
    LOGIN,
    SERVER_ERROR,
    BlockMarkers,
    PageFormatError,
    ParseResult,
    as_text,
    clean_text,
    decode_body,
    detect_by_markers,
    host_of,
    id_str,
    make_listing,
    page_tree,
    parse_display_price,
    query_param,
    search_parser,
)

NAME = "amazon"
DEFAULT_BASE_URL = "https://www.amazon.com"
NEEDS_BROWSER = False
API_URL_MARKER: str | None = None
ITEM_PAGE_FOR_SELLER = True  # the spider fetches /dp/ pages of SIM listings for their seller

_RESULTS = CSSSelector("div[data-component-type='s-search-result']")
_H2 = CSSSelector("h2")
_LINKED = etree.XPath("ancestor::a[@href] | .//a[@href]")
_PRICE = CSSSelector(".a-price .a-offscreen")
_NEXT = CSSSelector("a.s-pagination-next")
_MAIN_SLOT = CSSSelector(".s-main-slot, #search, .s-search-results")
_PRODUCT_TITLE = CSSSelector("#productTitle")
_SELLER_LINK = CSSSelector("#sellerProfileTriggerId")
_MERCHANT_INFO = CSSSelector("#merchant-info, #merchantInfoFeature_feature_div, #tabular-buybox")
# 2025-26 product pages: the seller is the value next to the "Sold by" / "Vendido por" label —
# read in any language (amazon.com.br captures 2025-11, 2026-05; amazon.com 2026).
_OFFER_SELLER = CSSSelector("#merchantInfoFeature_feature_div .offer-display-feature-text-message")
_ASIN_INPUT = CSSSelector("input#ASIN, input[name='ASIN']")
_ITEM_PRICE = CSSSelector(
    "#corePrice_feature_div .a-offscreen, #priceblock_ourprice, .a-price .a-offscreen"
)

_SPONSORED = re.compile(r"^Sponsored Ad\s*[-–]\s*", re.I)
_ASIN_IN_URL = re.compile(r"/(?:dp|gp/product)/([A-Z0-9]{10})")
_SOLD_BY = re.compile(r"sold by\s+(.+?)(?:\s+and\s+(?:Fulfilled|ships)|\.(?:\s|$)|$)", re.I)

_ASIN = re.compile(r"^[A-Z0-9]{10}$")

BLOCK_MARKERS = BlockMarkers(
    url=(("/errors/validateCaptcha", CAPTCHA), ("/ap/signin", LOGIN)),
    # The robot-check page is small; a results page may quote anything in its listings.
    body=(
        ("Enter the characters you see below", CAPTCHA),
        ("Type the characters you see in this image", CAPTCHA),
        ("/errors/validateCaptcha", CAPTCHA),
        ("To discuss automated access to Amazon data", CAPTCHA),
        ("Click the button below to continue shopping", CAPTCHA),
        # 2026 amazon.fr answers to a plain HTTP client (captures/amazon/SOURCES.md): the AWS
        # WAF challenge loader (HTTP 202) and Akamai's "bm-verify" proof-of-work interstitial.
        ("AwsWafIntegration", CAPTCHA),
        ("/_sec/verify?provider=interstitial", CAPTCHA),
        # "Sorry! Something went wrong!" — the 500/503 error page with its "Dogs of Amazon"
        # (capture 2026; gajendra-profecialinks' amazon stores list it as a no-result page).
        ("/ref=cs_503", SERVER_ERROR),
        ("Dogs of Amazon", SERVER_ERROR),  # amazon.ca's bilingual 500 page has no cs_503 link
    ),
    results=("s-search-result", 'id="productTitle"'),
)


def search_url(base_url: str, keyword: str, page: int) -> str:
    return f"{base_url.rstrip('/')}/s?k={quote(keyword)}&page={page}"


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    return detect_by_markers(BLOCK_MARKERS, status, body, url)


def is_item_page(body: str | bytes, url: str) -> bool:
    """A product page (``/dp/`` URL or ``#productTitle``) rather than a results page."""
    text = as_text(body)
    if "s-search-result" in text:
        return False
    return bool(_ASIN_IN_URL.search(url)) or 'id="productTitle"' in text


def _site(url: str) -> str:
    host = host_of(url)
    return f"https://{host}" if ".amazon." in f".{host}" else DEFAULT_BASE_URL


def _result_listing(div: Any, url: str, site: str, observed_at: str) -> Listing | None:
    asin = (div.get("data-asin") or "").strip()
    if not _ASIN.match(asin):
        return None  # layout placeholders carry an empty data-asin
    h2 = _title_h2(div)
    title = (h2.get("aria-label") or h2.text_content()) if h2 is not None else ""
    return make_listing(
        NAME,
        asin,
        _SPONSORED.sub("", clean_text(title)),
        url=f"{site}/dp/{asin}",
        observed_at=observed_at,
        page_url=url,
        price=_card_price(div),
    )


def _title_h2(div: Any) -> Any:
    """The card's title heading. Cards of many categories open with a brand line, an unlinked
    ``h2.a-size-mini`` ("Apple", "Joker & Witch" on amazon.in, 2026 captures), before the linked
    title ``h2`` that carries the full title in ``aria-label``; some cards follow the title with
    a badge ``h2`` ("ClimatePartner certified"). So: the first ``h2`` with an aria-label, else
    the first inside or around a link, else the first."""
    headings = _H2(div)
    for h2 in headings:
        if h2.get("aria-label"):
            return h2
    for h2 in headings:
        if _LINKED(h2):
            return h2
    return headings[0] if headings else None


def _card_price(div: Any) -> float | None:
    """The price a result card shows the buyer: its first ``.a-price``, before the struck-through
    list price; "€ 1.749,99" on amazon.nl (decimal comma, see parse_display_price)."""
    prices = _PRICE(div)
    return parse_display_price(prices[0].text_content()) if prices else None


def _parse_results(page: str | bytes, text: str, url: str, observed_at: str,
                   known: Container[str] = ()) -> ParseResult:
    doc = page_tree(page)
    divs = _RESULTS(doc)
    if not divs and not _MAIN_SLOT(doc):
        raise PageFormatError(f"{url}: no s-search-result in the page (layout changed?)")
    site = _site(url)
    listings: list[Listing] = []
    repeats = 0
    for div in divs:
        # A result's ASIN is its own attribute: a listing the run already holds is counted and
        # skipped before its title and price are read.
        asin = (div.get("data-asin") or "").strip()
        if known and asin and doc_id(NAME, asin) in known:
            repeats += 1
        elif listing := _result_listing(div, url, site, observed_at):
            listings.append(listing)
    has_next = any("s-pagination-disabled" not in (a.get("class") or "") for a in _NEXT(doc))
    return ParseResult(listings=listings, has_next=has_next, repeats=repeats)


SKIPS_KNOWN_LISTINGS = True  # _parse_results reads a result's ASIN before its fields
parse_search = search_parser(BLOCK_MARKERS, page=_parse_results)


def parse_item(body: str | bytes, url: str, observed_at: str | None = None) -> Listing:
    """The listing a product page shows, with its third-party seller when there is one."""
    text, utf8 = decode_body(body)  # decoded once; UTF-8 bytes go to lxml as they are
    reason = detect_block(200, text, url)
    if reason:
        raise PageFormatError(f"{url}: a {reason} page, not a product page")
    try:
        doc = page_tree(body if utf8 else text)
    except (etree.ParserError, ValueError) as exc:
        raise PageFormatError(f"{url}: not an HTML page ({exc})") from exc
    asin_inputs = _ASIN_INPUT(doc)
    from_url = _ASIN_IN_URL.search(url)
    asin = (asin_inputs[0].get("value") if asin_inputs else None) or (
        from_url.group(1) if from_url else None
    )
    if not asin or not _ASIN.match(asin.strip()):
        raise PageFormatError(f"{url}: product page has no ASIN")
    asin = asin.strip()
    site = _site(url)
    seller_links = _SELLER_LINK(doc)
    shop_name = shop_id = shop_url = None
    if seller_links:
        shop_name = clean_text(seller_links[0].text_content())
        shop_id = id_str(query_param(seller_links[0].get("href"), "seller"))
    else:
        shown = [text for e in _OFFER_SELLER(doc) if (text := clean_text(e.text_content()))]
        info = " ".join(clean_text(e.text_content()) for e in _MERCHANT_INFO(doc))
        sold_by = _SOLD_BY.search(info)
        shop_name = shown[0] if shown else sold_by.group(1).strip() if sold_by else None
    if shop_id:
        shop_url = f"{site}/sp?seller={shop_id}"
    titles = _PRODUCT_TITLE(doc)
    prices = _ITEM_PRICE(doc)
    return make_listing(
        NAME,
        asin,
        titles[0].text_content() if titles else "",
        url=f"{site}/dp/{asin}",
        observed_at=observed_at,
        page_url=url,
        price=parse_display_price(prices[0].text_content()) if prices else None,
        shop_name=shop_name,
        shop_id=shop_id,
        shop_url=shop_url,
    )
