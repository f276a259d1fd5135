"""Xianyu (goofish) front: a login-walled search page whose own JavaScript signs mtop calls.

The API answers in the shape of the real ``mtop.taobao.idlemtopsearch.pc.search`` 1.0 capture
(../shared/fixtures/xianyu): ``data.resultList[].data.item.main.{exContent,clickParam}``,
``data.resultInfo.hasNextPage``, ``ret: ["SUCCESS::调用成功"]``. The mtop handshake is the
real one: no or expired ``_m_h5_tk`` cookie → ``FAIL_SYS_TOKEN_EXOIRED`` plus a fresh cookie;
a wrong ``sign`` → ``FAIL_SYS_ILLEGAL_ACCESS``; overload/bot → ``RGV587_ERROR`` with a punish URL.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import web

from sandbox.catalogue import SandboxListing, normalise_query
from sandbox.fronts import mtop, taobao
from sandbox.fronts.common import (
    SandboxState,
    html_page,
    html_response,
    json_response,
    script_json,
    search_query,
)
from sandbox.fronts.gate import add_login_routes, answer_fault, page_fault, transient_fault

PLATFORM = "xianyu"
PER_PAGE = 30
APP_KEY = "34839810"
API = "mtop.taobao.idlemtopsearch.pc.search"
API_PATH = f"/h5/{API}/1.0/"
# Fired by goofish's p_layout.js on every page (index file 62185445868); its answer carries
# data.singleShadeWords (index file 34399760230).
SHADE_API = f"{API}.shade"
SHADE_PATH = f"/h5/{SHADE_API}/1.0/"
DEMO_USER = "sandbox_demo"


_SCRIPT = (Path(__file__).parent / "xianyu_search.js").read_text(encoding="utf-8")


def _envelope(ret: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    return mtop.envelope(API, "1.0", ret, data)


def _price_parts(price: float) -> list[dict[str, Any]]:
    integer, _, decimal = f"{price:.2f}".partition(".")
    parts: list[dict[str, Any]] = [
        {"bold": False, "fontFamily": "xianyubeta", "text": "¥", "textColor": "#ff4400", "textSize": 12.0, "type": "sign"},
        {"bold": False, "fontFamily": "xianyubeta", "text": integer, "textColor": "#ff4400", "textSize": 18.0, "type": "integer"},
    ]
    if decimal != "00":
        parts.append({"bold": False, "fontFamily": "xianyubeta", "text": f".{decimal}", "textColor": "#ff4400",
                      "textSize": 12.0, "type": "decimal"})
    return parts


def price_text(price: float) -> str:
    """Xianyu prints prices without trailing zeros ("38", "18.5", "18.04")."""
    return f"{price:.2f}".rstrip("0").rstrip(".")


def result_entry(item: SandboxListing, keyword: str, page: int, index: int) -> dict[str, Any]:
    shop = item.shop
    item_id = item.listing_id
    publish_ms = 1_700_000_000_000 + int(item_id) % 60_000_000_000
    want = int(item_id) % 300
    args = {
        "picWidth": "164.0", "item_type": "goods", "pageSize": str(PER_PAGE), "type": "1",
        "search_from_page": "pcSearch", "tagname": "包邮", "price": price_text(item.price),
        "wantNum": str(want), "id": item_id, "tag": "freeship", "keyword": keyword,
        "seller_id": shop.shop_id, "publishTime": str(publish_ms), "search_tab_from": "SEARCH_TAB_MAIN",
        "biz_type": "item", "index": str(index), "spm": "a2170.8011571.1.0", "original_q": quote(keyword),
        "page": str(page), "position": str(index), "item_id": item_id, "card_type": "idlefish_search_item_new_tags",
        "q": quote(keyword),
    }
    ex_content = {
        "area": shop.location,
        "detailPageType": "detailCommonBuy",
        "detailParams": {
            "itemId": item_id, "itemType": "detailCommonBuy", "userNick": shop.name,
            "soldPrice": price_text(item.price), "isVideo": "false", "title": item.title,
            "picWidth": "800", "picHeight": "800",
        },
        "hideUserInfo": False, "isAliMaMaAD": False, "isAuction": False,
        "itemId": item_id,
        "oriPrice": "",
        "picUrl": f"http://img.alicdn.com/bao/uploaded/i1/sandbox_{item_id}.jpg",
        "price": _price_parts(item.price),
        "title": item.title,
        "titleSpan": {"bold": True, "color": "#333333", "content": item.title},
        "userAvatarUrl": "http://img.alicdn.com/bao/uploaded/i3/sandbox_avatar.jpg",
        "userNickName": shop.name,
        "want": f"{want}人想要" if want else "",
    }
    return {
        "data": {
            "item": {
                "main": {
                    "clickParam": {"arg1": "Item", "args": args, "page": "Page_xySearchResult"},
                    "exContent": ex_content,
                    "targetUrl": f"fleamarket://item?id={item_id}&referPageArgs={quote(keyword)}&gulSource=search",
                }
            },
            "template": {"name": "idlefish_search_item_new_tags", "version": "1736911114165"},
        },
        "style": "flow",
        "type": "DX",
    }


def search_payload(keyword: str, page: int, total: int, has_next: bool,
                   items: list[SandboxListing]) -> dict[str, Any]:
    rn = hashlib.md5(f"{keyword}|{page}".encode()).hexdigest()
    prices = [int(x.price * 100) for x in items]
    return {
        "resultInfo": {
            "hasNextPage": has_next,
            "searchResControlFields": {
                "hasItems": bool(items), "nextPage": has_next, "numFound": total, "rn": rn,
                "maxPrice": max(prices, default=0), "minPrice": min(prices, default=0),
            },
        },
        "resultList": [result_entry(x, keyword, page, i) for i, x in enumerate(items)],
        "resultPrefixBar": {},
        "needDecryptKeys": [],
    }


def render_search_page(keyword: str, page: int, fault: str | None) -> str:
    config = {
        "keyword": keyword, "page": page, "rowsPerPage": PER_PAGE, "appKey": APP_KEY, "api": API,
        "apiUrl": f"h5/{API}/1.0/", "fault": fault,
        "shadeApi": SHADE_API, "shadeUrl": f"h5/{SHADE_API}/1.0/",
    }
    config_json = script_json(config)
    body = (
        '<div id="app" class="search-page">'
        f'<form class="search-bar" action="search" method="get"><input class="search-input" name="q" value="{escape(keyword, quote=True)}" />'
        '<button class="search-icon" type="submit">搜索</button></form>'
        '<div class="search-status" id="search-status">加载中...</div>'
        '<div class="feeds-list-container" id="feeds-list"></div>'
        # The pager as goofish draws it: hashed class names, arrows inside container buttons
        # (index files 61640099589, 24313838625).
        '<div class="search-pagination--ouAZsIe8">'
        '<button class="search-pagination-arrow-container--lt2kCP6J" id="prev-page" disabled>'
        '<span class="search-pagination-arrow-left--CKU78u4z">上一页</span></button>'
        '<span class="search-pagination-page-box--AbqmJFFp" id="page-box"></span>'
        '<button class="search-pagination-arrow-container--lt2kCP6J" id="next-page" disabled>'
        '<span class="search-pagination-arrow-right--CKU78u4z">下一页</span></button></div></div>'
        f"<script>window.__SEARCH_CONFIG__ = {config_json};</script>"
        f"<script>{mtop.SCRIPT}</script><script>{_SCRIPT}</script>"
    )
    return html_page(f"{escape(keyword)}_闲鱼搜索", body)


# Alibaba's one login form (taobao's), with xianyu's title and labels.
LOGIN_PAGE = replace(
    taobao.LOGIN_PAGE, title="登录 - 闲鱼", box='<div class="login-box" id="login"><h2>密码登录</h2>',
    form=' action="login" id="login-form"', username=' id="fm-login-id" placeholder="账号名/邮箱/手机号"',
)


def render_punish(url: str) -> str:
    return mtop.render_punish(url)


def render_item(item: SandboxListing) -> str:
    data = json.dumps({"itemId": item.listing_id, "title": item.title, "soldPrice": price_text(item.price),
                       "userNick": item.shop.name, "area": item.shop.location}, ensure_ascii=False)
    data = data.replace("</", "<\\/")  # </ would end the script element early
    body = (f'<div class="item-main" data-item-id="{item.listing_id}"><h1 class="item-title">{escape(item.title)}</h1>'
            f'<div class="price"><span class="sign">¥</span><span class="number">{price_text(item.price)}</span></div>'
            f'<div class="item-user"><a class="item-user-info-nick" href="personal?userId={item.shop.user_id}">{escape(item.shop.name)}</a>'
            f'<span class="item-user-area">{escape(item.shop.location)}</span></div>'
            f'<div class="desc">{escape(item.description)}</div></div>'
            f"<script>window.__ITEM_DATA__ = {data};</script>")
    return html_page(f"{escape(item.title)}_闲鱼", body)


def add_routes(app: web.Application, state: SandboxState, prefix: str = "/xianyu") -> None:
    login = add_login_routes(app, state, prefix, LOGIN_PAGE)

    async def search_page(request: web.Request) -> web.Response:
        switch = request.query.get("sw_fault") or request.cookies.get("sw_fault")
        if switch == "login" or not login.ok(request):
            raise login.redirect(request)
        if (answer := transient_fault(switch)) is not None:
            return answer
        keyword, page = search_query(request, "q")
        # Other switches (captcha) are passed on to the API call the page makes.
        return html_response(render_search_page(keyword, page, request.query.get("sw_fault")))

    async def api(request: web.Request) -> web.Response:
        data, refused = await mtop.gated_call(state, request, api=API, version="1.0",
                                                  app_key=APP_KEY, logged_in=login.ok)
        if refused is not None:
            return refused
        try:
            params = json.loads(data)
            keyword = str(params.get("keyword", "")).strip()
            page = int(params.get("pageNumber", 1))
            rows = int(params.get("rowsPerPage", PER_PAGE))
        except (ValueError, TypeError, AttributeError) as exc:
            return json_response(_envelope(f"FAIL_SYS_PARAM_FORMAT_ERROR::参数格式错误 ({exc})"))
        rows = min(max(rows, 1), PER_PAGE)
        page = max(page, 1)
        fault = page_fault(state, request, PLATFORM, keyword, page)
        if (answer := answer_fault(fault, login=lambda: json_response(_envelope(mtop.RET_SESSION_EXPIRED)),
                                  captcha=lambda: mtop.punish_answer(request, prefix, API, "1.0", keyword, page))) is not None:
            return answer
        if not normalise_query(keyword):
            return json_response(_envelope(mtop.RET_SUCCESS, search_payload(keyword, page, 0, False, [])))
        result = state.search(PLATFORM, keyword, page, rows)
        payload = search_payload(keyword, result.page, result.total, result.has_next, list(result.items))
        return json_response(_envelope(mtop.RET_SUCCESS, payload))

    async def shade(request: web.Request) -> web.Response:
        data, refused = await mtop.gated_call(state, request, api=SHADE_API, version="1.0",
                                                  app_key=APP_KEY, logged_in=login.ok)
        if refused is not None:
            return refused
        words = [{"showText": "电话卡", "searchText": "电话卡"}, {"showText": "流量卡", "searchText": "流量卡"}]
        return json_response(mtop.envelope(SHADE_API, "1.0", mtop.RET_SUCCESS, {"singleShadeWords": words}))

    async def punish(request: web.Request) -> web.Response:
        return html_response(render_punish(str(request.url)))

    async def item(request: web.Request) -> web.Response:
        item_id = request.query.get("id", "")
        listing = state.live(PLATFORM, item_id)
        if listing is None:
            return html_response(html_page("商品已下架_闲鱼", '<div class="item-off">宝贝不存在或已下架</div><p>商品已下架</p>'), status=404)
        return html_response(render_item(listing))

    async def home(request: web.Request) -> web.Response:
        return html_response(html_page("闲鱼 - 闲不住？上闲鱼！", '<form action="search"><input name="q" /><button>搜索</button></form>'))

    app.router.add_get(f"{prefix}/search", search_page)
    app.router.add_route("*", f"{prefix}{API_PATH}", api)
    app.router.add_route("*", f"{prefix}{SHADE_PATH}", shade)
    app.router.add_get(f"{prefix}/_____tmd_____/punish", punish)
    app.router.add_get(f"{prefix}/item", item)
    app.router.add_get(f"{prefix}/", home)
