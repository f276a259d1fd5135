"""Amazon front: server-rendered ``/s?k=...&page=N`` — ``div[data-component-type=s-search-result]``
with ``@data-asin``, ``h2@aria-label`` (sponsored results prefixed "Sponsored Ad - "),
``.a-price .a-offscreen``, layout placeholders with an empty ``data-asin``, and
``a.s-pagination-next`` (a disabled ``span`` on the last page). The seller is only on the product
page ``/dp/<asin>`` (``#sellerProfileTriggerId``, ``#merchant-info``). The robot check says
"Enter the characters you see below" and posts to ``/errors/validateCaptcha``.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from aiohttp import web

from sandbox.catalogue import SandboxListing
from sandbox.fronts.common import (
    SandboxState,
    html_response,
    results_page,
    search_query,
)
from sandbox.fronts.gate import answer_fault, page_fault

PLATFORM = "amazon"
PER_PAGE = 48


def _href(keyword: str, page: int) -> str:
    return "s?" + urlencode({"k": keyword, "page": page, "ref": f"sr_pg_{page}"})


def _price(price: float) -> str:
    whole, _, frac = f"{price:,.2f}".partition(".")
    return (f'<span class="a-price" data-a-size="xl" data-a-color="base"><span class="a-offscreen">${price:,.2f}</span>'
            f'<span aria-hidden="true"><span class="a-price-symbol">$</span><span class="a-price-whole">{whole}'
            f'<span class="a-price-decimal">.</span></span><span class="a-price-fraction">{frac}</span></span></span>')


def _result(item: SandboxListing, index: int, sponsored: bool) -> str:
    asin, title = item.listing_id, escape(item.title, quote=True)
    label = f"Sponsored Ad - {title}" if sponsored else title
    badge = '<span class="puis-label-popover-default"><span class="a-color-secondary">Sponsored</span></span>' if sponsored else ""
    return (f'<div role="listitem" data-asin="{asin}" data-index="{index}" data-uuid="sandbox-{asin}" '
            f'data-component-type="s-search-result" class="sg-col-4-of-24 sg-col-4-of-12 s-result-item s-asin '
            f'sg-col-4-of-16 sg-col s-widget-spacing-small sg-col-4-of-20">'
            f'<div class="sg-col-inner"><div data-cy="asin-faceout-container" class="a-section a-spacing-base">'
            f'<div class="s-product-image-container"><img class="s-image" alt="{title}" /></div>'
            f'<div data-cy="title-recipe" class="a-section a-spacing-none">{badge}'
            f'<a class="a-link-normal s-line-clamp-4 s-link-style a-text-normal" href="/dp/{asin}/ref=sr_1_{index}">'
            f'<h2 aria-label="{label}" class="a-size-base-plus a-spacing-none a-color-base a-text-normal">'
            f"<span>{escape(item.title)}</span></h2></a></div>"
            f'<div data-cy="price-recipe" class="a-section a-spacing-none"><a class="a-link-normal s-no-hover" href="/dp/{asin}">'
            f"{_price(item.price)}</a></div></div></div></div>")


def _pagination(keyword: str, page: int, pages: int) -> str:
    prev = (f'<a href="{escape(_href(keyword, page - 1))}" class="s-pagination-item s-pagination-previous s-pagination-button">Previous</a>'
            if page > 1 else '<span class="s-pagination-item s-pagination-previous s-pagination-disabled">Previous</span>')
    nxt = (f'<a href="{escape(_href(keyword, page + 1))}" class="s-pagination-item s-pagination-next s-pagination-button '
           f's-pagination-separator">Next</a>' if page < pages else
           '<span class="s-pagination-item s-pagination-next s-pagination-disabled">Next</span>')
    return f'<div role="navigation" class="a-section a-text-center s-pagination-container"><span class="s-pagination-strip">{prev}{nxt}</span></div>'


def render_search(keyword: str, page: int, total: int, pages: int, items: list[SandboxListing]) -> str:
    kw = escape(keyword)
    head = (f'<!DOCTYPE html><html lang="en-us"><head><meta charset="utf-8" /><link rel="icon" href="data:," />'
            f"<title>Amazon.com : {kw}</title></head><body>"
            f'<form name="site-search" action="s"><input id="twotabsearchtextbox" name="k" value="{escape(keyword, quote=True)}" /></form>')
    first = (page - 1) * PER_PAGE + 1
    bar = (f'<div class="a-section a-spacing-small a-spacing-top-small"><span>{first}-{first + len(items) - 1} of '
           f'over {total} results for</span> <span class="a-color-state a-text-bold">"{kw}"</span></div>' if items else "")
    # Layout slots with an empty data-asin, as the real result grid has.
    slots = ['<div data-asin="" data-index="0" class="sg-col-20-of-24 s-matching-dir sg-col-16-of-20 sg-col"></div>']
    slots += [_result(x, i, sponsored=(i == 1 and page == 1)) for i, x in enumerate(items, start=1)]
    if not items:
        slots.append(f'<div class="a-section a-spacing-none s-no-outline"><span>No results for </span>'
                     f'<span class="a-color-state a-text-bold">{kw}</span></div>')
    pager = _pagination(keyword, page, pages) if items else ""
    return (f'{head}<div id="search">{bar}<div class="s-main-slot s-result-list s-search-results sg-row">'
            f'{"".join(slots)}</div>{pager}</div></body></html>')


def render_robot_check() -> str:
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>Amazon.com</title></head><body>'
            '<div class="a-container a-padding-double-large"><div class="a-box-inner"><h4>Enter the characters you see below</h4>'
            "<p class=\"a-last\">Sorry, we just need to make sure you're not a robot. For best results, please make sure "
            "your browser is accepting cookies.</p>"
            '<form method="get" action="/errors/validateCaptcha" name=""><input type="hidden" name="amzn" value="sandbox" />'
            '<div class="a-row a-text-center"><img src="data:," /></div>'
            '<input autocomplete="off" placeholder="Type characters" name="field-keywords" id="captchacharacters" type="text" />'
            '<button type="submit" class="a-button-text">Continue shopping</button></form></div></div></body></html>')


def render_item(item: SandboxListing) -> str:
    shop = item.shop
    return (f'<!DOCTYPE html><html lang="en-us"><head><meta charset="utf-8" /><title>Amazon.com: {escape(item.title)}</title>'
            f'</head><body><input type="hidden" id="ASIN" name="ASIN" value="{item.listing_id}" />'
            f'<span id="productTitle" class="a-size-large product-title-word-break">{escape(item.title)}</span>'
            f'<div id="corePrice_feature_div">{_price(item.price)}</div>'
            f'<div id="merchantInfoFeature_feature_div"><div class="offer-display-feature-text">'
            f'<a id="sellerProfileTriggerId" href="/gp/help/seller/at-a-glance.html/ref=dp_merchant_link?ie=UTF8&amp;'
            f'seller={shop.shop_id}&amp;asin={item.listing_id}">{escape(shop.name)}</a></div></div></body></html>')


def add_routes(app: web.Application, state: SandboxState, prefix: str = "/amazon") -> None:
    async def search(request: web.Request) -> web.Response:
        keyword, page = search_query(request, "k")
        fault = page_fault(state, request, PLATFORM, keyword, page)
        sign_in = f"{prefix}/ap/signin?" + urlencode({"openid.return_to": str(request.url)})
        if (answer := answer_fault(fault, login=lambda: web.HTTPFound(sign_in),
                                  captcha=lambda: html_response(render_robot_check()))) is not None:
            return answer
        return results_page(state, PLATFORM, keyword, page, PER_PAGE, render_search)

    async def item(request: web.Request) -> web.Response:
        listing = state.live(PLATFORM, request.match_info["asin"])
        if listing is None:
            return html_response("<html><head><title>Page Not Found</title></head><body>"
                                 "<p>Sorry! We couldn't find that page.</p></body></html>", status=404)
        return html_response(render_item(listing))

    async def signin(request: web.Request) -> web.Response:
        return html_response('<!DOCTYPE html><html><head><title>Amazon Sign-In</title></head><body>'
                             '<form name="signIn"><input id="ap_email" name="email" /></form></body></html>')

    app.router.add_get(f"{prefix}/s", search)
    app.router.add_get(f"{prefix}/dp/{{asin:[A-Z0-9]{{10}}}}", item)
    app.router.add_get(f"{prefix}/ap/signin", signin)
