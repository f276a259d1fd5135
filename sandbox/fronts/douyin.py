"""Douyin shop search front: ``/search/<keyword>?type=goods`` is a login-walled page whose script
calls ``/aweme/v1/web/search/goods/`` with a request signature (``a_bogus``, here
md5(query|msToken) from the page's ``msToken`` cookie) and reads ``{"status_code": 0, "data":
[...], "has_more", "cursor", "total"}`` — the shape crawler/platforms/douyin.py models (no public
capture exists). Refusals: ``status_code 8`` (not logged in), ``2483`` with
``search_nil_info.search_nil_type = "verify_check"`` (captcha; the page shows a
``captcha_container``).
"""

from __future__ import annotations

import hashlib
import secrets
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from aiohttp import web

from sandbox.catalogue import SandboxListing, normalise_query
from sandbox.fronts import mtop
from sandbox.fronts.common import (
    SandboxState,
    add_login_routes,
    html_response,
    json_response,
    page_fault,
    page_number,
    script_json,
    service_unavailable,
    session_ok,
    switch_fault,
    too_many_requests,
)

PLATFORM = "douyin"
PER_PAGE = 20
API_PATH = "/aweme/v1/web/search/goods/"
NOT_LOGGED_IN = {"status_code": 8, "status_msg": "用户未登录", "data": []}
VERIFY = {"status_code": 2483, "status_msg": "", "data": [],
          "search_nil_info": {"search_nil_type": "verify_check", "search_nil_item": "verify_check",
                              "is_load_more": "is_load_more"}}

_SCRIPT = (Path(__file__).parent / "douyin_search.js").read_text(encoding="utf-8")


def a_bogus(query: str, ms_token: str) -> str:
    """The request signature the page's script adds (stands in for douyin's a_bogus)."""
    return hashlib.md5(f"{query}|{ms_token}".encode()).hexdigest()


def product(item: SandboxListing) -> dict[str, Any]:
    shop = item.shop
    return {"product_id": item.listing_id, "title": item.title, "price": int(round(item.price * 100)),
            "shop_id": shop.shop_id, "shop_name": shop.name, "shop_location": shop.location,
            "sales": int(item.listing_id[-6:]) % 9000, "cover": f"https://p3-ecom.douyinpic.com/sandbox/{item.listing_id}.jpeg",
            "detail_url": f"https://haohuo.jinritemai.com/views/product/detail?id={item.listing_id}"}


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8" /><link rel="icon" href="data:," />'
            f"<title>{title}</title></head><body>{body}</body></html>")


def render_search_page(prefix: str, keyword: str, page: int, fault: str | None) -> str:
    config = {"keyword": keyword, "page": page, "count": PER_PAGE, "apiUrl": f"{prefix}{API_PATH}", "fault": fault}
    # The scripts load from files, as douyin's bundles do: the captcha markers a crawler looks
    # for in a page ("verify_check", "captcha_container") then appear only when a captcha does.
    body = ('<div id="douyin-right-container"><div class="search-result-card" id="search-result-list"></div>'
            '<div id="search-status"></div></div>'
            f"<script>window.__SEARCH_CONFIG__ = {script_json(config)};</script>"
            f'<script src="{prefix}/static/mtop.js"></script>'  # for its md5 only
            f'<script src="{prefix}/static/search.js"></script>')
    return _page(f"{escape(keyword)} - 抖音搜索", body)


def render_login(redirect: str, error: str = "") -> str:
    return _page("登录 - 抖音", '<div class="web-login"><h3>登录后即可搜索商品</h3>'
                 + (f'<div class="error">{escape(error)}</div>' if error else "")
                 + '<form method="post"><input name="username" placeholder="请输入手机号" />'
                 '<input name="password" type="password" placeholder="请输入验证码" />'
                 f'<input type="hidden" name="next" value="{escape(redirect, quote=True)}" />'
                 '<button class="web-login-button">登录</button></form></div>')


def add_routes(app: web.Application, state: SandboxState, prefix: str = "/douyin") -> None:
    def logged_in(request: web.Request) -> bool:
        return session_ok(state, request, "douyin")

    def to_login(request: web.Request) -> web.HTTPFound:
        return web.HTTPFound(f"{prefix}/passport/web/login?" + urlencode({"next": str(request.rel_url)}))

    async def search_page(request: web.Request) -> web.Response:
        keyword = request.match_info["keyword"].strip()
        page = page_number(request.query.get("page"))
        if not logged_in(request):
            raise to_login(request)
        fault = page_fault(state, request, PLATFORM, keyword, page)
        if fault == "503":
            return service_unavailable()
        if fault == "429":
            return too_many_requests(2)
        if fault == "login":
            raise to_login(request)
        response = html_response(render_search_page(prefix, keyword, page, fault))
        if not request.cookies.get("msToken"):
            response.set_cookie("msToken", secrets.token_urlsafe(24), path="/")
        return response

    async def api(request: web.Request) -> web.Response:
        if not logged_in(request):
            return json_response(NOT_LOGGED_IN)
        query = request.rel_url.raw_query_string.split("&a_bogus=")[0]  # as the page signed it
        ms_token = request.cookies.get("msToken", "")
        if not ms_token or request.query.get("a_bogus") != a_bogus(query, ms_token):
            return json_response(VERIFY)  # an unsigned call looks like a bot
        keyword = request.query.get("keyword", "").strip()
        try:
            offset = max(int(request.query.get("offset", "0")), 0)
            count = min(max(int(request.query.get("count", PER_PAGE)), 1), PER_PAGE)
        except ValueError as exc:
            raise web.HTTPBadRequest(text=f"offset/count must be numbers: {exc}") from None
        fault = switch_fault(request)
        if fault == "503":
            return service_unavailable()
        if fault == "429":
            return json_response({"status_code": 2154, "status_msg": "请求太频繁", "data": []})
        if fault == "login":
            return json_response(NOT_LOGGED_IN)
        if fault == "captcha":
            return json_response(VERIFY)
        if not normalise_query(keyword):
            return json_response({"status_code": 0, "data": [], "has_more": 0, "cursor": 0, "total": 0})
        page = offset // count + 1
        result = state.search(PLATFORM, keyword, page, count)
        return json_response({"status_code": 0, "data": [product(x) for x in result.items],
                              "has_more": int(result.has_next), "cursor": offset + len(result.items),
                              "total": result.total, "log_pb": {"impr_id": hashlib.md5(query.encode()).hexdigest()}})

    async def item(request: web.Request) -> web.Response:
        listing = state.find(PLATFORM, request.query.get("id", ""))
        if listing is None or state.is_removed(PLATFORM, listing.listing_id):
            return html_response(_page("商品已下架", "<p>商品已下架</p>"), status=404)
        return html_response(_page(escape(listing.title), f'<h1 class="product-title">{escape(listing.title)}</h1>'
                                   f'<a class="shop-name" href="shop/index?id={quote(listing.shop.shop_id)}">'
                                   f"{escape(listing.shop.name)}</a>"))

    async def script(request: web.Request) -> web.Response:
        text = mtop.SCRIPT if request.match_info["name"] == "mtop" else _SCRIPT
        return web.Response(text=text, content_type="application/javascript", charset="utf-8")

    add_login_routes(app, state, f"{prefix}/passport/web/login", prefix, render_login, redirect_field="next")
    app.router.add_get(f"{prefix}/static/{{name:mtop|search}}.js", script)
    app.router.add_get(f"{prefix}/search/{{keyword}}", search_page)
    app.router.add_get(f"{prefix}{API_PATH}", api)
    app.router.add_get(f"{prefix}/views/product/detail", item)
