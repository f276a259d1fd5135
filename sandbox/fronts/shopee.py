"""Shopee front: ``/search?keyword=...&page=N`` (pages from 0) is a login-walled page whose script
calls ``api/v4/search/search_items?keyword=...&newest=<offset>&limit=60`` with the anti-bot
header ``af-ac-enc-dat`` (here md5(path?query|csrftoken cookie)); answers ``items[].item_basic``
(as in the real ``api/v4/shop/search_items`` capture), ``nomore`` and ``total_count``. Without
the header, or when the anti-bot system objects (captcha), the API answers
``{"error": 90309999}``; without the login cookie the page redirects to ``/buyer/login``.
Prices are rupiah ×100000, listings Bahasa Indonesia and English.
"""

from __future__ import annotations

import hashlib
import secrets
from html import escape
from pathlib import Path
from typing import Any

from aiohttp import web

from sandbox.catalogue import SandboxListing, normalise_query
from sandbox.fronts import mtop
from sandbox.fronts.common import SandboxState, html_page, html_response, json_response, script_json
from sandbox.fronts.gate import LoginPage, add_login_routes, answer_fault, page_fault, switch_fault

PLATFORM = "shopee"
PER_PAGE = 60
API_PATH = "/api/v4/search/search_items"
PRICE_SCALE = 100_000
ANTI_BOT = {"error": 90309999, "error_msg": None, "is_customized": False, "is_login": True,
            "action_type": 2, "tracking_id": "sandbox"}
NOT_LOGGED_IN = {"error": 19, "error_msg": "not login", "items": None}

_SCRIPT = (Path(__file__).parent / "shopee_search.js").read_text(encoding="utf-8")


def anti_bot_header(path_query: str, csrf: str) -> str:
    """What the page sends as ``af-ac-enc-dat`` (stands in for Shopee's anti-fraud token)."""
    return hashlib.md5(f"{path_query}|{csrf}".encode()).hexdigest()


def item_basic(item: SandboxListing) -> dict[str, Any]:
    shop = item.shop
    price = int(round(item.price * PRICE_SCALE))
    sold = int(item.listing_id) % 5000
    return {
        "itemid": int(item.listing_id), "shopid": int(shop.shop_id), "name": item.title,
        "image": f"id-11134207-sandbox-{item.listing_id}", "currency": "IDR", "stock": 100 + sold % 900,
        "status": 1, "ctime": 1_700_000_000 + sold, "sold": sold % 300, "historical_sold": sold,
        "liked": False, "liked_count": sold // 3, "catid": 100013, "brand": "", "cmt_count": sold // 10,
        "item_status": "normal", "price": price, "price_min": price, "price_max": price,
        "price_before_discount": 0, "show_discount": 0, "raw_discount": 0, "discount": None,
        "shop_name": shop.name, "shop_location": shop.location, "is_official_shop": False,
        "item_rating": {"rating_star": 4.8, "rating_count": [sold // 10, 0, 0, 0, 0, sold // 10]},
    }


def search_payload(items: list[SandboxListing], total: int, nomore: bool) -> dict[str, Any]:
    return {"error": None, "error_msg": None, "total_count": total, "nomore": nomore,
            "items": [{"itemid": int(x.listing_id), "shopid": int(x.shop.shop_id), "item_basic": item_basic(x),
                       "adsid": None, "campaignid": None} for x in items]}


def _page(title: str, body: str) -> str:
    return html_page(title, body, lang="id")


def render_search_page(prefix: str, keyword: str, page: int, fault: str | None) -> str:
    config = {"keyword": keyword, "page": page, "limit": PER_PAGE, "apiPath": f"{prefix}{API_PATH}", "fault": fault}
    body = ('<div id="main"><div class="shopee-search-item-result"><div class="shopee-search-item-result__items" '
            'id="result-items"></div></div><div class="shopee-page-controller" id="search-status"></div></div>'
            f"<script>window.__SEARCH_CONFIG__ = {script_json(config)};</script>"
            f"<script>{mtop.SCRIPT}</script><script>{_SCRIPT}</script>")  # mtop.js for its md5 only
    return _page(f"Jual {escape(keyword)} | Shopee Indonesia", body)


LOGIN_PAGE = LoginPage(
    site="shopee", path="/buyer/login", back_field="next", title="Login sekarang untuk mulai berbelanja! | Shopee Indonesia",
    box="<h2>Log in</h2>", box_end="", error_class="error", form=' class="login-form"',
    username=' placeholder="No. Handphone/Username/Email"', password=' placeholder="Password"',
    button="<button>LOG IN</button>", lang="id",
)


def add_routes(app: web.Application, state: SandboxState, prefix: str = "/shopee") -> None:
    login = add_login_routes(app, state, prefix, LOGIN_PAGE)

    async def search_page(request: web.Request) -> web.Response:
        keyword = request.query.get("keyword", "").strip()
        try:
            page = int(request.query.get("page") or 0) + 1  # the URL counts pages from 0
        except ValueError:
            raise web.HTTPBadRequest(text=f"page={request.query.get('page')!r} is not a number") from None
        if page < 1:
            raise web.HTTPBadRequest(text=f"page={page - 1} must be >= 0")
        if not login.ok(request):
            raise login.redirect(request)
        fault = page_fault(state, request, PLATFORM, keyword, page)
        # A captcha is passed on to the page's API call.
        if (answer := answer_fault(fault, login=lambda: login.redirect(request))) is not None:
            return answer
        response = html_response(render_search_page(prefix, keyword, page, fault))
        if not request.cookies.get("csrftoken"):
            response.set_cookie("csrftoken", secrets.token_hex(16), path="/")
        return response

    async def api(request: web.Request) -> web.Response:
        path_query = f"{request.path}?{request.rel_url.raw_query_string}"
        csrf = request.cookies.get("csrftoken", "")
        if not csrf or request.headers.get("af-ac-enc-dat") != anti_bot_header(path_query, csrf):
            return json_response(ANTI_BOT)
        if not login.ok(request):
            return json_response(NOT_LOGGED_IN)
        keyword = request.query.get("keyword", "").strip()
        try:
            newest = max(int(request.query.get("newest", "0")), 0)
            limit = min(max(int(request.query.get("limit", PER_PAGE)), 1), PER_PAGE)
        except ValueError as exc:
            raise web.HTTPBadRequest(text=f"newest/limit must be numbers: {exc}") from None
        fault = switch_fault(request)
        if (answer := answer_fault(fault, login=lambda: json_response(NOT_LOGGED_IN),
                                  captcha=lambda: json_response(ANTI_BOT))) is not None:
            return answer
        if fault == "empty" or not normalise_query(keyword):
            # The silent wall answers exactly like a search without results.
            return json_response(search_payload([], 0, True))
        result = state.search(PLATFORM, keyword, newest // limit + 1, limit)
        return json_response(search_payload(list(result.items), result.total, not result.has_next))

    async def product(request: web.Request) -> web.Response:
        listing = state.live(PLATFORM, request.match_info["item_id"])
        if listing is None:
            return html_response(_page("Produk tidak ditemukan", "<p>Produk ini tidak ada</p>"), status=404)
        return html_response(_page(f"{escape(listing.title)} | Shopee Indonesia",
                                   f'<h1 class="product-title">{escape(listing.title)}</h1>'
                                   f'<div class="shop-name">{escape(listing.shop.name)}</div>'))

    app.router.add_get(f"{prefix}/search", search_page)
    app.router.add_get(f"{prefix}{API_PATH}", api)
    app.router.add_get(f"{prefix}/product/{{shop_id:\\d+}}/{{item_id:\\d+}}", product)
