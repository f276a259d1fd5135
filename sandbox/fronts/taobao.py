"""Taobao front (s.taobao.com today): a login-walled search page whose script calls the mtop API
``mtop.relationrecommend.wirelessrecommend.recommend`` 2.0 by JSONP, signed like every mtop call
(``sandbox.fronts.mtop``); results in ``data.itemsArray[]`` with ``data.mainInfo`` paging.

Tmall has no search of its own (``list.tmall.com`` sends users to login): its results are this
backend's with ``tab=mall``, so the same routes serve ``/tmall`` (``sandbox.fronts.tmall``) and
``tab=mall`` answers the catalogue's Tmall listings.
"""

from __future__ import annotations

import hashlib
import json
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from sandbox.catalogue import SandboxListing, normalise_query
from sandbox.fronts import mtop
from sandbox.fronts.common import (
    SandboxState,
    html_page,
    html_response,
    script_json,
    search_query,
)
from sandbox.fronts.gate import LoginPage, add_login_routes, answer_fault, page_fault, switch_fault

PER_PAGE = 48  # s.taobao.com shows 48 items a page
APP_KEY = "12574478"  # taobao's h5 appKey
API = "mtop.relationrecommend.wirelessrecommend.recommend"
VERSION = "2.0"
API_PATH = f"/h5/{API}/{VERSION}/"
APP_ID = "34385"  # the PC search scene of the recommend API
# The same path's "guess you like" feed (index files 69343615323, 65741540187): its params
# (pageNum, pageSize 25, frontAbId) and its mi_id tokens are evidenced, the rest of its answer
# is modelled — enough that a crawler matching the API by name alone meets a non-search answer.
FEED_APP_ID = "30986"

_SCRIPT = (Path(__file__).parent / "taobao_search.js").read_text(encoding="utf-8")


def platform_for_tab(tab: str | None) -> str:
    return "tmall" if tab == "mall" else "taobao"


def _highlight(title: str, keyword: str) -> str:
    """Titles come as HTML with the matched keyword in ``<span class=H>``."""
    text = escape(title, quote=False)
    kw = escape(keyword, quote=False)
    pos = text.lower().find(kw.lower()) if kw else -1
    if pos < 0:
        return text
    return f"{text[:pos]}<span class=H>{text[pos:pos + len(kw)]}</span>{text[pos + len(kw):]}"


def _host_path(url: str) -> str:
    """``https://shop1.taobao.com`` → ``//shop1.taobao.com`` (the API's protocol-relative form)."""
    parts = urlsplit(url)
    return f"//{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")


def item_entry(item: SandboxListing, keyword: str) -> dict[str, Any]:
    shop = item.shop
    tmall = item.platform == "tmall"
    sales = int(item.listing_id) % 2000
    price = f"{item.price:.2f}"
    user_id = str(int(hashlib.md5(f"user|{shop.shop_id}".encode()).hexdigest(), 16) % 4_000_000_000 + 100_000_000)
    return {
        "item_id": item.listing_id,
        "title": _highlight(item.title, keyword),
        "price": price,
        "priceShow": {"price": price, "unit": "¥"},
        "realSales": f"{sales}+人付款" if sales else "",
        "procity": shop.location,
        "nick": shop.name,
        "userId": user_id,
        "isTmall": tmall,
        "shopInfo": {"title": shop.name, "url": _host_path(shop.url or "")},
        "auctionURL": _host_path(item.url),
        "pic_path": f"https://img.alicdn.com/bao/uploaded/i1/sandbox_{item.listing_id}.jpg",
        "icons": [{"text": "天猫"}] if tmall else [],
    }


def search_data(keyword: str, page: int, total: int, pages: int, items: list[SandboxListing]) -> dict[str, Any]:
    return {
        "itemsArray": [item_entry(x, keyword) for x in items],
        "mainInfo": {"page": page, "totalPage": pages, "totalResults": total, "pageSize": PER_PAGE,
                     "rn": hashlib.md5(f"{keyword}|{page}".encode()).hexdigest()},
    }


def feed_data() -> dict[str, Any]:
    """The feed's answer: recommendation slots, no ``itemsArray``."""
    return {"pageNum": 0, "pageSize": 25, "result": [
        {"mi_id": hashlib.md5(f"mi|{n}".encode()).hexdigest(), "type": "recommend"} for n in range(3)]}


def render_search_page(prefix: str, keyword: str, page: int, tab: str | None, fault: str | None) -> str:
    config = {"keyword": keyword, "page": page, "tab": tab or "all", "pageSize": PER_PAGE, "appKey": APP_KEY,
              "appId": APP_ID, "feedAppId": FEED_APP_ID, "api": API, "v": VERSION, "apiUrl": f"{prefix}{API_PATH}", "fault": fault}
    body = (
        '<div id="root" class="search-page">'
        f'<form class="search-suggest-combobox" action="search" method="get"><input id="q" name="q" value="{escape(keyword, quote=True)}" />'
        f'<input type="hidden" name="tab" value="{escape(tab or "", quote=True)}" /><button type="submit">搜索</button></form>'
        '<div id="search-status" class="search-status">加载中...</div>'
        '<div id="content_items_wrapper" class="content--CUnfXXxv"></div>'
        '<div class="pager"><button id="prev-page" disabled>上一页</button><span id="page-box"></span>'
        '<button id="next-page" disabled>下一页</button></div></div>'
        f"<script>window.__SEARCH_CONFIG__ = {script_json(config)};</script>"
        f"<script>{mtop.SCRIPT}</script><script>{_SCRIPT}</script>"
    )
    shop = "天猫" if tab == "mall" else "淘宝"
    return html_page(f"{escape(keyword)}_{shop}搜索", body)


LOGIN_PAGE = LoginPage(
    site="alibaba", path="/login", back_field="redirectURL", title="淘宝网 - 淘！我喜欢 - 登录",
    box='<div id="login" class="login-box"><h3>密码登录</h3>', box_end="</div>", error_class="login-error",
    form=' id="login-form"', username=' id="fm-login-id" placeholder="会员名/邮箱/手机号"',
    password=' id="fm-login-password" placeholder="请输入登录密码"',
    button='<button type="submit" class="fm-button fm-submit password-login">登录</button>',
)


def add_routes(app: web.Application, state: SandboxState, prefix: str = "/taobao") -> None:
    login = add_login_routes(app, state, prefix, LOGIN_PAGE)

    async def search_page(request: web.Request) -> web.Response:
        keyword, page = search_query(request, "q")
        tab = request.query.get("tab") or None
        if not login.ok(request):
            raise login.redirect(request)
        fault = page_fault(state, request, platform_for_tab(tab), keyword, page)
        # A captcha is passed on to the page's API call.
        if (answer := answer_fault(fault, login=lambda: login.redirect(request))) is not None:
            return answer
        return html_response(render_search_page(prefix, keyword, page, tab, fault))

    async def api(request: web.Request) -> web.Response:
        data, refused = await mtop.gated_call(state, request, api=API, version=VERSION,
                                                  app_key=APP_KEY, logged_in=login.ok)
        if refused is not None:
            return refused
        try:
            if str(json.loads(data).get("appId")) == FEED_APP_ID:
                return mtop.respond(request, mtop.envelope(API, VERSION, mtop.RET_SUCCESS, feed_data()))
            params = json.loads(json.loads(data)["params"])
            keyword = str(params.get("q", "")).strip()
            page = max(int(params.get("page", 1)), 1)
            size = min(max(int(params.get("n", PER_PAGE)), 1), PER_PAGE)
            platform = platform_for_tab(params.get("tab"))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            return mtop.respond(request, mtop.envelope(API, VERSION, f"FAIL_SYS_PARAM_FORMAT_ERROR::参数格式错误 ({exc})"))
        fault = switch_fault(request)
        if (answer := answer_fault(
            fault, login=lambda: mtop.respond(request, mtop.envelope(API, VERSION, mtop.RET_SESSION_EXPIRED)),
            captcha=lambda: mtop.punish_answer(request, prefix, API, VERSION, keyword, page),
        )) is not None:
            return answer
        if not normalise_query(keyword):
            return mtop.respond(request, mtop.envelope(API, VERSION, mtop.RET_SUCCESS, search_data(keyword, 1, 0, 1, [])))
        result = state.search(platform, keyword, page, size)
        payload = search_data(keyword, result.page, result.total, result.pages, list(result.items))
        return mtop.respond(request, mtop.envelope(API, VERSION, mtop.RET_SUCCESS, payload))

    async def punish(request: web.Request) -> web.Response:
        return html_response(mtop.render_punish(str(request.url)))

    async def home(request: web.Request) -> web.Response:
        return html_response(html_page("淘宝搜索", '<form action="search"><input name="q" /><button>搜索</button></form>'))

    app.router.add_get(f"{prefix}/search", search_page)
    app.router.add_route("*", f"{prefix}{API_PATH}", api)
    app.router.add_get(f"{prefix}/_____tmd_____/punish", punish)
    app.router.add_get(f"{prefix}/", home)
