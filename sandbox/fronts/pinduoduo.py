"""Pinduoduo front (mobile.yangkeduo.com), as evidenced (see crawler/platforms/pinduoduo.py):
``search_result.html?search_key=...`` embeds ``window.rawData`` with the first 20 results
server-rendered at ``stores.store.data.ssrListData.list[]`` (``goodsID, goodsName, price`` in
fen, ``salesTip, linkURL``) and a ``flip`` cursor. The page has no page parameter: when the
reader scrolls near the end of the list, its script asks ``/proxy/api/search`` for the next 20
(``items[].item_data.goods_model``, ``has_more``, ``flip``), sending ``page``, the previous
answer's ``flip`` and an ``anti_content`` token it computes from a per-page nonce, and appends
them. Without the login cookie the page sends users to ``login.html`` and the API answers
``error_code 40001``; a missing or wrong ``anti_content`` or ``flip``, or a captcha, answers
``error_code 54001`` (verification). Faults of the plan are met by the page load for page 1 and
by each scroll call for pages 2..n.
"""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from aiohttp import web

from sandbox.catalogue import SandboxListing, normalise_query
from sandbox.fronts import mtop
from sandbox.fronts.common import (
    SandboxState,
    html_response,
    json_response,
    redirect_back,
    script_json,
    search_query,
)
from sandbox.fronts.gate import LoginPage, add_login_routes, answer_fault, page_fault, switch_fault

PLATFORM = "pinduoduo"
PER_PAGE = 20  # the web search renders and fetches 20 goods at a time
API_PATH = "/proxy/api/search"
ERROR_LOGIN = {"error_code": 40001, "error_msg": "用户未登录"}
ERROR_VERIFY = {"error_code": 54001, "error_msg": "操作太过频繁，请先完成验证"}

_SCRIPT = (Path(__file__).parent / "pinduoduo_search.js").read_text(encoding="utf-8")


def anti_nonce(state: SandboxState, keyword: str) -> str:
    return state.sign(f"pdd-anti|{keyword}")[:16]


def anti_content(nonce: str, keyword: str, page: int) -> str:
    """What the page's script sends as ``anti_content`` (stands in for PDD's fingerprint token)."""
    return "0as" + hashlib.md5(f"{nonce}|{keyword}|{page}".encode()).hexdigest()


def _fen(price: float) -> int:
    return int(round(price * 100))


def _link(item: SandboxListing) -> str:
    return f"goods.html?goods_id={item.listing_id}"


def _sales(item: SandboxListing) -> str:
    n = int(item.listing_id) % 50000
    return f"已拼{n / 10000:.1f}万+件" if n >= 10000 else f"已拼{n}件"


def ssr_goods(item: SandboxListing) -> dict[str, Any]:
    return {"goodsID": int(item.listing_id), "goodsName": item.title, "price": _fen(item.price),
            "salesTip": _sales(item), "linkURL": _link(item), "thumbURL": f"https://img.pddpic.com/sandbox/{item.listing_id}.jpeg",
            "tagList": [], "nearbyGroup": {}}


def api_item(item: SandboxListing) -> dict[str, Any]:
    goods = {"goods_id": int(item.listing_id), "goods_name": item.title, "price": _fen(item.price),
             "normal_price": _fen(item.price * 1.2), "sales_tip": _sales(item), "link_url": _link(item),
             "mall_id": int(item.shop.shop_id), "mall_name": item.shop.name,
             "thumb_url": f"https://img.pddpic.com/sandbox/{item.listing_id}.jpeg"}
    return {"item_type": 0, "item_data": {"goods_model": goods}}


def _flip(keyword: str, page: int) -> str:
    return f"{page * PER_PAGE};0;0;{hashlib.md5(keyword.encode()).hexdigest()[:12]}"


def flip_for(keyword: str, page: int) -> str:
    """The cursor an answer for ``page`` hands on; the call for page + 1 must send it back."""
    return _flip(keyword, page)


def raw_data(keyword: str, page: int, nonce: str, items: list[SandboxListing], has_more: bool,
             fault: str | None, client_rendered: bool = False) -> dict[str, Any]:
    if client_rendered:
        # The 2026-09 page: ssrListData holds only filter configuration; the script fetches
        # page 1 from the API on load (index file 65829976749).
        ssr: dict[str, Any] = {"filterConfig": {"sortOptions": ["default", "sales", "price"]},
                               "searchKey": keyword}
    else:
        ssr = {"list": [ssr_goods(x) for x in items], "hasMore": has_more, "flip": _flip(keyword, page),
               "searchKey": keyword, "loadSearchResultTracking": {}}
    return {"store": {"pageNumber": page, "antiNonce": nonce, "fault": fault},
            "stores": {"store": {"data": {"ssrListData": ssr, "queryInfo": {"searchKey": keyword}}}}}


def render_search_page(keyword: str, data: dict[str, Any]) -> str:
    items = data["stores"]["store"]["data"]["ssrListData"].get("list", [])
    cards = "".join(f'<div class="_3glhOBhU" data-goods-id="{g["goodsID"]}"><a href="{escape(g["linkURL"])}">'
                    f'<div class="_3ANzdjkc">{escape(g["goodsName"])}</div><span class="_3_U5j0RV">{g["price"] / 100:.2f}</span>'
                    f'<span class="_2u4gEhMf">{escape(g["salesTip"])}</span></a></div>' for g in items)
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8" /><link rel="icon" href="data:," />'
            f"<title>{escape(keyword)} - 拼多多</title></head><body>"
            # Cards as tall as the real ones: 20 of them overflow a phone screen, so the list
            # scrolls and its end comes into view only when the reader scrolls.
            '<style>._3glhOBhU{display:block;min-height:180px;border-bottom:1px solid #eee}</style>'
            f'<div id="main"><div class="search-bar"><input value="{escape(keyword, quote=True)}" /></div>'
            f'<div id="goods-list" class="goods-list">{cards}</div><div id="search-status"></div></div>'
            f"<script>window.rawData = {script_json(data)};</script>"
            # mtop.js only for its md5 (window.sandboxMd5); PDD makes no mtop calls.
            f"<script>{mtop.SCRIPT}</script><script>{_SCRIPT}</script></body></html>")


LOGIN_PAGE = LoginPage(
    site="pinduoduo", path="/login.html", back_field="from", title="登录 - 拼多多",
    box='<div class="login-page"><h2>手机号登录</h2>', box_end="</div>", error_class="error", form="",
    username=' id="user-mobile" placeholder="请输入手机号"', password=' id="input-code" placeholder="请输入验证码"',
    button='<button id="submit-button">登录</button>',
)


def add_routes(app: web.Application, state: SandboxState, prefix: str = "/pinduoduo") -> None:
    login = add_login_routes(app, state, prefix, LOGIN_PAGE)

    async def search_page(request: web.Request) -> web.Response:
        keyword = request.query.get("search_key", "").strip()
        page = 1  # the real page has no page parameter: later pages load as it scrolls
        if not login.ok(request):
            raise login.redirect(request)
        # Both page variants the evidence shows: server-rendered first results (default) or,
        # with the sw_render=client cookie, a list the script fetches (its API call then meets
        # page 1's planned fault).
        client_rendered = request.cookies.get("sw_render") == "client"
        fault = None if client_rendered else page_fault(state, request, PLATFORM, keyword, page)
        if (answer := answer_fault(fault, login=lambda: login.redirect(request),
                                  captcha=lambda: redirect_back(f"{prefix}/psnl_verification.html", "from", request))) is not None:
            return answer
        result = state.search(PLATFORM, keyword, page, PER_PAGE) if normalise_query(keyword) else None
        items = list(result.items) if result else []
        data = raw_data(keyword, page, anti_nonce(state, keyword), items, bool(result and result.has_next), None,
                        client_rendered=client_rendered)
        return html_response(render_search_page(keyword, data))

    async def api(request: web.Request) -> web.Response:
        keyword, page = search_query(request, "search_key")
        size = min(max(int(request.query.get("size", PER_PAGE) or PER_PAGE), 1), PER_PAGE)
        if not login.ok(request):
            return json_response(ERROR_LOGIN)
        if request.query.get("anti_content") != anti_content(anti_nonce(state, keyword), keyword, page):
            return json_response(ERROR_VERIFY)
        # Scrolling continues a list: the call for page N sends the flip of page N-1's answer.
        if page > 1 and request.query.get("flip") != flip_for(keyword, page - 1):
            return json_response(ERROR_VERIFY)
        fault = switch_fault(request) or page_fault(state, request, PLATFORM, keyword, page)
        nonce = anti_nonce(state, keyword)
        verify = f"{prefix}/psnl_verification.html?" + urlencode({"VerifyAuthToken": nonce})
        if (answer := answer_fault(fault, login=lambda: json_response(ERROR_LOGIN), captcha=lambda: json_response(
                ERROR_VERIFY | {"verify_auth_token": nonce, "verify_url": verify}))) is not None:
            return answer
        if not normalise_query(keyword):
            return json_response({"items": [], "has_more": False, "flip": "", "total": 0, "server_time": 0})
        result = state.search(PLATFORM, keyword, page, size)
        return json_response({"items": [api_item(x) for x in result.items], "has_more": result.has_next,
                              "flip": _flip(keyword, page), "total": result.total, "server_time": 0})

    async def verification(request: web.Request) -> web.Response:
        return html_response('<!DOCTYPE html><html><head><meta charset="utf-8" /><title>安全验证</title></head>'
                             '<body><div id="captcha-container" class="verify-wrap">请完成安全验证</div></body></html>')

    async def goods(request: web.Request) -> web.Response:
        listing = state.live(PLATFORM, request.query.get("goods_id", ""))
        if listing is None:
            return html_response("<html><head><title>商品已下架</title></head><body>商品已下架</body></html>", status=404)
        return html_response(f'<html><head><meta charset="utf-8" /><title>{escape(listing.title)}</title></head><body>'
                             f'<div class="goods-name">{escape(listing.title)}</div>'
                             f'<a class="mall-name" href="mall_page.html?mall_id={quote(listing.shop.shop_id)}">'
                             f"{escape(listing.shop.name)}</a></body></html>")

    app.router.add_get(f"{prefix}/search_result.html", search_page)
    app.router.add_get(f"{prefix}{API_PATH}", api)
    app.router.add_get(f"{prefix}/psnl_verification.html", verification)
    app.router.add_get(f"{prefix}/goods.html", goods)
