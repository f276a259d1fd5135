"""eBay front: server-rendered ``/sch/i.html?_nkw=...&_pgn=N`` in today's card layout —
``ul.srp-results > li.s-card`` with ``a.s-card__link`` (``/itm/<id>``), ``.s-card__title span``,
``.s-card__price``, attribute rows with the seller (``name 99.5% positive (1.2K)``) and
"Located in ..." — led by the "Shop on eBay" placeholder card real pages carry; ``a.pagination__next``
(``aria-disabled`` on the last page). Bot checks redirect to ``/splashui/captcha``.

Two real structures that cost listings or fields when misread: listings under a day old carry a
"New listing" badge span before the title span (index file 71512508516) — here every fifth card;
and a carousel answer (``li.srp-river-answer`` > ``.srp-items-carousel``, as in the 2022 capture)
repeating some of the page's listings at a promotional price, placed before the real cards.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote, urlencode

from aiohttp import web

from sandbox.catalogue import SandboxListing
from sandbox.fronts.common import (
    SandboxState,
    html_response,
    results_page,
    search_query,
)
from sandbox.fronts.gate import answer_fault, page_fault

PLATFORM = "ebay"
PER_PAGE = 60  # _ipg=60, eBay's default


def _href(keyword: str, page: int) -> str:
    return "i.html?" + urlencode({"_nkw": keyword, "_pgn": page})


def _feedback(item: SandboxListing) -> str:
    n = int(item.listing_id) % 20000
    count = f"{n / 1000:.1f}K" if n >= 1000 else str(n)
    return f"{99 + (n % 10) / 10:.1f}% positive ({count})"


NEW_LISTING_EVERY = 5  # every fifth card is "New listing"
CAROUSEL_SIZE = 4


def is_new_listing(index: int) -> bool:
    return index % NEW_LISTING_EVERY == 0


def _title_spans(item: SandboxListing, index: int) -> str:
    badge = ('<span class="su-styled-text positive bold s-card__new-listing">New listing</span>'
             if is_new_listing(index) else "")
    return f'{badge}<span class="su-styled-text primary default">{escape(item.title)}</span>'


def _carousel(items: list[SandboxListing]) -> str:
    """Repeats of the page's own listings at another price: never listings of this page."""
    cards = "".join(
        f'<li class="s-item s-item__pl-on-bottom"><div class="s-item__wrapper">'
        f'<a class="s-item__link" href="https://www.ebay.com/itm/{x.listing_id}?carousel=1">'
        f'<h3 class="s-item__title">{escape(x.title)}</h3></a>'
        f'<span class="s-item__price">${x.price / 2:,.2f}</span></div></li>'
        for x in items[:CAROUSEL_SIZE])
    return (f'<li class="srp-river-answer srp-river-answer--ITEMS_CAROUSEL_WITH_COLOR">'
            f'<div class="srp-items-carousel__items-container"><div class="carousel srp-grid srp-items-carousel">'
            f'<ul class="carousel__list srp-items-carousel__list">{cards}</ul></div></div></li>')


def _card(item: SandboxListing, index: int) -> str:
    seller = item.shop.name
    return (f'<li id="item{item.listing_id[-6:]}" data-listingid="{item.listing_id}" data-viewport="" '
            f'class="s-card s-card--horizontal s-card--dark-solt-links-blue">'
            f'<div class="su-card-container"><div class="su-card-container__media"><a class="su-link" '
            f'href="https://www.ebay.com/itm/{item.listing_id}?_skw=sim&amp;hash=item{index}" tabindex="-1">'
            f'<img class="s-card__image" alt="{escape(item.title, quote=True)}" /></a></div>'
            f'<div class="su-card-container__content"><div class="su-card-container__header">'
            f'<a class="su-link s-card__link" href="https://www.ebay.com/itm/{item.listing_id}?_skw=sim&amp;hash=item{index}">'
            f'<div role="heading" aria-level="3" class="s-card__title">{_title_spans(item, index)}'
            f'<span class="clipped">Opens in a new window or tab</span></div></a>'
            f'<div class="s-card__subtitle-row"><div class="s-card__subtitle"><span class="su-styled-text secondary default">'
            f"Brand New</span></div></div></div>"
            f'<div class="su-card-container__attributes"><div class="su-card-container__attributes__primary">'
            f'<div class="s-card__attribute-row"><span class="su-styled-text primary bold large-1 s-card__price">'
            f"${item.price:,.2f}</span></div>"
            f'<div class="s-card__attribute-row"><span class="su-styled-text secondary large">Buy It Now</span></div>'
            f'<div class="s-card__attribute-row"><span class="su-styled-text secondary large">Free delivery</span></div>'
            f'<div class="s-card__attribute-row"><span class="su-styled-text secondary large">Located in {escape(item.shop.location)}</span></div>'
            f'</div><div class="su-card-container__attributes__secondary">'
            f'<div class="s-card__attribute-row"><span class="su-styled-text primary large">{escape(seller)}</span> '
            f'<span class="su-styled-text positive large">{_feedback(item)}</span></div></div></div></div></div></li>')


_PLACEHOLDER = ('<li id="item0" data-listingid="123456" class="s-card s-card--horizontal"><div class="su-card-container">'
                '<a class="su-link s-card__link" href="https://ebay.com/itm/123456?itmmeta=sandbox">'
                '<div role="heading" aria-level="3" class="s-card__title"><span class="su-styled-text primary default">'
                "Shop on eBay</span></div></a><span class=\"s-card__price\">$20.00</span></div></li>")


def _pagination(keyword: str, page: int, pages: int) -> str:
    prev = (f'<a class="pagination__previous icon-link" href="{escape(_href(keyword, page - 1))}" aria-label="Go to previous search page">'
            if page > 1 else '<a class="pagination__previous icon-link" aria-disabled="true" aria-label="Go to previous search page">')
    nxt = (f'<a class="pagination__next icon-link" href="{escape(_href(keyword, page + 1))}" aria-label="Go to next search page">'
           if page < pages else '<a class="pagination__next icon-link" aria-disabled="true" aria-label="Go to next search page">')
    nums = "".join(f'<li><a class="pagination__item" href="{escape(_href(keyword, n))}"'
                   + (' aria-current="page"' if n == page else "") + f">{n}</a></li>" for n in range(1, pages + 1))
    return (f'<nav class="pagination" role="navigation" aria-labelledby="pagination-heading">{prev}Previous</a>'
            f'<ol class="pagination__items">{nums}</ol>{nxt}Next</a></nav>')


def render_search(keyword: str, page: int, total: int, pages: int, items: list[SandboxListing]) -> str:
    kw = escape(keyword)
    head = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8" /><link rel="icon" href="data:," />'
            f"<title>{kw} for sale | eBay</title></head><body>"
            f'<form id="gh-f" action="i.html"><input id="gh-ac" name="_nkw" value="{escape(keyword, quote=True)}" /></form>')
    heading = (f'<div class="srp-controls__control srp-controls__count"><h1 class="srp-controls__count-heading">'
               f'<span class="BOLD">{total:,}</span> results for <span class="BOLD">{kw}</span></h1></div>')
    if not items:
        return (f'{head}<div id="srp-river-main" class="srp-main">{heading}<div class="srp-river-answer srp-save-null-search">'
                f'<h3 class="srp-save-null-search__heading">No exact matches found</h3></div>'
                f'<ul class="srp-results srp-list clearfix"></ul></div></body></html>')
    cards = "".join(_card(x, i) for i, x in enumerate(items, start=(page - 1) * PER_PAGE + 1))
    return (f'{head}<div id="srp-river-main" class="srp-main srp-main--isLarge">{heading}'
            f'<div id="srp-river-results" class="srp-river-results clearfix"><ul class="srp-results srp-list clearfix">'
            f"{_PLACEHOLDER}{_carousel(items)}{cards}</ul></div>{_pagination(keyword, page, pages)}</div></body></html>")


def render_captcha(return_url: str) -> str:
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8" /><title>Security Measure</title></head><body>'
            '<div id="areaTitle"><h1>Please verify yourself to continue</h1></div>'
            '<form id="captcha_form" method="post" action="/splashui/captcha_submit">'
            '<div id="captcha_loading"></div><div class="target-icaptcha-slot"></div>'
            f'<input type="hidden" name="ru" value="{escape(return_url, quote=True)}" /></form></body></html>')


def add_routes(app: web.Application, state: SandboxState, prefix: str = "/ebay") -> None:
    async def search(request: web.Request) -> web.Response:
        keyword, page = search_query(request, "_nkw", "_pgn")
        fault = page_fault(state, request, PLATFORM, keyword, page)
        back = str(request.url)
        captcha = f"{prefix}/splashui/captcha?" + urlencode({"ap": "1", "appName": "orch", "ru": back, "iid": "sandbox"})
        if (answer := answer_fault(fault, login=lambda: web.HTTPFound(f"{prefix}/signin?" + urlencode({"ru": back})),
                                  captcha=lambda: web.HTTPFound(captcha))) is not None:
            return answer
        return results_page(state, PLATFORM, keyword, page, PER_PAGE, render_search)

    async def captcha(request: web.Request) -> web.Response:
        return html_response(render_captcha(request.query.get("ru", "")))

    async def signin(request: web.Request) -> web.Response:
        return html_response('<!DOCTYPE html><html><head><title>Sign in or Register | eBay</title></head><body>'
                             '<form id="signin-form"><input id="userid" name="userid" /></form></body></html>')

    async def item(request: web.Request) -> web.Response:
        listing = state.live(PLATFORM, request.match_info["item_id"])
        if listing is None:
            return html_response("<html><head><title>Error Page | eBay</title></head><body>"
                                 "<p>This listing was ended by the seller</p></body></html>", status=404)
        return html_response(f'<html><head><meta charset="utf-8" /><title>{escape(listing.title)} | eBay</title></head>'
                             f'<body><h1 class="x-item-title__mainTitle"><span>{escape(listing.title)}</span></h1>'
                             f'<div class="x-sellercard-atf__info__about-seller"><a href="/usr/{quote(listing.shop.name)}">'
                             f"{escape(listing.shop.name)}</a></div></body></html>")

    app.router.add_get(f"{prefix}/sch/i.html", search)
    app.router.add_get(f"{prefix}/splashui/captcha", captcha)
    app.router.add_get(f"{prefix}/signin", signin)
    app.router.add_get(f"{prefix}/itm/{{item_id:\\d+}}", item)
