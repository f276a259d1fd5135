"""JD front as search.jd.com is in 2026 (see crawler/platforms/jd.py for the evidence).

* ``/jd/Search?keyword=…`` is a login-gated single-page app: without the ``pin``/``thor``
  session cookies it redirects to ``/jd/passport/login``; with them it serves a shell (no
  ``#J_goodsList``) whose script fetches every results page from the signed API.
* ``/jd/api?appid=search-pc-java&functionId=pc_search_searchWare&client=pc&clientVersion=1.0.0
  &t=…&body=<JSON>&h5st=…`` answers ``{"code": "0", "data": {"wareList": [...]}}``. Body
  ``{"enc","pvid","area","page","new_interval","s"}`` with ``page`` counting half-pages (2n-1)
  and ``s`` the start index, as in the public replay scripts. Codes: ``"403"`` unsigned or
  wrongly signed, ``"605"`` risk verification with ``disposal.evContent``, ``"3"`` no login
  (modelled).
* ``h5st`` here is a stand-in with the real segment layout (``datetime;fp;appId;tk;signHash;5.3;
  t;expand;bodyHash;eid``): the page first asks ``/jd/request_algo`` (as cactus.jd.com/request_algo)
  for a token ``tk`` bound to its fingerprint, then signs ``md5(tk + sorted params + tk)`` over
  ``{appid, body: md5(body), client, clientVersion, functionId, t}``. The real algorithm is an
  obfuscated VM with SHA-256; what matters for the crawler is that only the page's own script
  can produce an accepted call.
* The pager's ``.pn-next`` 下一页 control fetches the next page in place (``history.pushState``).
* Item pages (``pageConfig.product``), shop licence pages and the risk/login pages are kept from
  the real captures in ../shared/fixtures/jd.

Per page the sandbox serves 30 wares (the real page size is unevidenced).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from html import escape
from pathlib import Path
from typing import Any

from aiohttp import web

from sandbox.catalogue import SandboxListing, Shop, normalise_query
from sandbox.fronts import mtop
from sandbox.fronts.common import (
    SandboxState,
    html_response,
    json_response,
    page_number,
    script_json,
)
from sandbox.fronts.gate import LoginPage, add_login_routes, answer_fault, page_fault

PLATFORM = "jd"
PER_PAGE = 30
APPID = "search-pc-java"
FUNCTION_ID = "pc_search_searchWare"
H5ST_APP_ID = "73806"  # the appId segment of search's h5st (index file 56822371191)
NOT_LOGGED_IN = {"code": "3", "message": "请先登录", "echo": "not login"}
BAD_SIGN = {"code": "403", "message": "签名验证失败"}
RISK = {"code": "605", "message": "风控验证",
        "disposal": {"evContent": json.dumps({"evTypeTip": "滑块验证", "title": "安全验证"}, ensure_ascii=False)}}

_SCRIPT = (Path(__file__).parent / "jd_search.js").read_text(encoding="utf-8")

_HEAD = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8" />
<title>{title}</title>
<link rel="icon" href="data:," />
</head>
<body>
"""


def _highlight(title: str, keyword: str) -> str:
    """JD wraps the matched keyword in ``<font class="skcolor_ljg">`` inside the title ``em``."""
    pos = title.lower().find(keyword.lower()) if keyword else -1
    if pos < 0:
        return escape(title)
    end = pos + len(keyword)
    return (f'{escape(title[:pos])}<font class="skcolor_ljg">{escape(title[pos:end])}</font>'
            f"{escape(title[end:])}")


def ware(item: SandboxListing, keyword: str) -> dict[str, Any]:
    """One ``data.wareList`` entry: ``wareId``/``wareName`` as evidenced; price and shop fields
    as the project models them (no public sample)."""
    shop = item.shop
    return {"wareId": item.listing_id, "wareName": _highlight(item.title, keyword),
            "jdPrice": f"{item.price:.2f}", "shopId": shop.shop_id, "shopName": shop.name,
            "venderId": shop.vender_id, "selfSupport": int(shop.self_operated),
            "imageurl": f"jfs/t1/sandbox/{item.listing_id}.jpg",
            "commentFuzzy": f"{(int(item.listing_id) % 97) * 10}+"}


def token_for(state: SandboxState, fp: str) -> str:
    return "tk05w" + state.sign(f"jd-algo|{fp}")


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def sign_hash(tk: str, params: dict[str, str]) -> str:
    """The stand-in h5st signHash over the sorted sign inputs (see the module docstring)."""
    joined = "&".join(f"{k}:{params[k]}" for k in sorted(params))
    return _md5(f"{tk}{joined}{tk}")


def h5st_valid(state: SandboxState, query: Any) -> bool:
    parts = str(query.get("h5st", "")).split(";")
    if len(parts) != 10 or parts[5] != "5.3":
        return False
    fp, tk, given, t, body_hash = parts[1], parts[3], parts[4], parts[6], parts[8]
    body = str(query.get("body", ""))
    if not fp or not hmac.compare_digest(tk, token_for(state, fp)) or t != query.get("t"):
        return False
    if body_hash != _md5(body):
        return False
    params = {"appid": str(query.get("appid", "")), "body": body_hash, "client": str(query.get("client", "")),
              "clientVersion": str(query.get("clientVersion", "")), "functionId": str(query.get("functionId", "")),
              "t": t}
    return hmac.compare_digest(given, sign_hash(tk, params))


def render_app(prefix: str, keyword: str, page: int) -> str:
    """The search app's shell: no results in the HTML, only the config its script needs."""
    config = {"keyword": keyword, "page": page, "apiUrl": f"{prefix}/api", "algoUrl": f"{prefix}/request_algo",
              "appid": APPID, "functionId": FUNCTION_ID, "h5stAppId": H5ST_APP_ID}
    kw = escape(keyword)
    return (_HEAD.format(title=f"{kw} - 商品搜索 - 京东") +
            f'<div id="search-2014"><input type="text" id="key" class="text" value="{escape(keyword, quote=True)}" />'
            '<button class="button">搜索</button></div>'
            '<div id="app" class="jSearchListArea"><div class="search-status" id="search-status">加载中...</div>'
            '<ul class="plugin_goodsContainer" id="goods-container"></ul>'
            '<div class="page clearfix"><div class="p-wrap"><span class="p-num">'
            '<a class="pn-prev disabled"><i>&lt;</i><em>上一页</em></a><b class="curr" id="page-curr"></b>'
            '<a class="pn-next disabled" href="javascript:;"><em>下一页</em><i>&gt;</i></a></span>'
            '<span class="p-skip"><em>共<b id="page-count">0</b>页</em></span></div></div></div>'
            f"<script>window.__JD_SEARCH__ = {script_json(config)};</script>"
            # mtop.js only for its md5 (window.sandboxMd5); JD makes no mtop calls.
            f"<script>{mtop.SCRIPT}</script><script>{_SCRIPT}</script></body></html>")


def render_captcha(return_url: str) -> str:
    # JD's risk handler: a slider puzzle under "安全验证".
    return (_HEAD.format(title="安全验证 - 京东") +
            '<div class="verifyBox" id="JDJRV-wrap"><h3 class="title">安全验证</h3>'
            '<form id="risk-form" method="post" action="/risk_handler/verify">'
            '<p class="tip">为了保护您的账号安全，请完成下方验证</p>'
            '<div class="JDJRV-suspend-slide"><div class="JDJRV-bigimg"></div><div class="JDJRV-smallimg"></div>'
            '<div class="JDJRV-slide-bg"><div class="JDJRV-slide-inner JDJRV-slide-btn"></div>'
            '<span class="JDJRV-slide-text">向右滑动完成拼图</span></div></div>'
            f'<input type="hidden" id="returnurl" value="{escape(return_url, quote=True)}" /></form></div></body></html>')


# JD's passport form posts loginname/nloginpwd; the sandbox's shared login takes
# username/password (one login for every front).
LOGIN_PAGE = LoginPage(
    site="jd", path="/passport/login", back_field="ReturnUrl", title="京东-欢迎登录",
    box='<div class="login-wrap"><div class="login-form"><div class="login-tab login-tab-r"><a>账户登录</a></div>',
    box_end="</div></div>", error_class="msg-error", form=' id="formlogin"',
    username=' id="loginname" type="text" placeholder="邮箱/用户名/登录手机"', password=' id="nloginpwd" placeholder="密码"',
    button='<button id="loginsubmit" class="btn-img btn-entry">登&nbsp;&nbsp;&nbsp;&nbsp;录</button>',
)


def _js_unicode(text: str) -> str:
    # pageConfig.product.name is \u-escaped in the real page.
    return "".join(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else c for c in text)


def render_item(item: SandboxListing) -> str:
    shop = item.shop
    return (_HEAD.format(title=f"【{escape(shop.name)}】{escape(item.title)}【行情 报价 价格 评测】-京东") +
            f"""<script>
        var pageConfig = {{
                compatible: true,
                product: {{
                    modules: ['address','prom','colorsize','buytype','summary','detail','contact','popbox'],
                    skuid: {item.listing_id},
                    name: '{_js_unicode(item.title)}',
                    skuidkey:'{item.listing_id[:8].upper()}',
                    href: '//item.jd.com/{item.listing_id}.html',
                    src: 'jfs/t1/sandbox/{item.listing_id}.jpg',
                    cat: [9987,653,6880],
                    brand: 0,
                    pType: 1,
                    venderId:{shop.vender_id},
                    shopId:'{shop.shop_id}',
                    specialAttrs:["isFlashPurchase-0","isSupportCard","isHaveYB"],
                    isPop: {str(not shop.self_operated).lower()},
                    isSelf: {str(shop.self_operated).lower()}
                }}
        }};
</script>
<div class="crumb-wrap"><div class="w"><div class="contact fr clearfix">
<div class="J-hove-wrap EDropdown fr"><div class="item"><div class="name">
<a href="//mall.jd.com/index-{shop.shop_id}.html" target="_blank" title="{escape(shop.name, quote=True)}" clstag="shangpin|keycount|product|dianpuname1">{escape(shop.name)}</a>
</div></div>
<div class="item"><div class="follow J-follow-shop" data-vid="{shop.vender_id}"><i class="sprite-follow"></i><span>关注店铺</span></div></div>
</div></div></div></div>
<div class="w"><div class="product-intro clearfix"><div class="itemInfo-wrap">
<div class="sku-name">{escape(item.title)}</div>
<div class="summary-price J-summary-price"><div class="dt">京 东 价</div><div class="dd"><span class="p-price"><span>￥</span><span class="price J-p-{item.listing_id}">{item.price:.2f}</span></span></div></div>
</div></div>
<div class="detail"><div class="p-parameter"><ul class="parameter2 p-parameter-list"><li title="{escape(item.title, quote=True)}">商品名称：{escape(item.title)}</li>
<li title="{item.listing_id}">商品编号：{item.listing_id}</li><li>商品产地：{escape(shop.location)}</li></ul></div>
<div class="item-desc">{escape(item.description)}</div></div></div>
</body></html>""")


def render_item_gone(sku: str) -> str:
    return (_HEAD.format(title="商品已下架 - 京东") +
            f'<div class="w"><div class="itemover"><div class="itemover-tip">该商品已下柜，欢迎挑选其他商品！</div>'
            f'<p>商品编号：{escape(sku)}</p><p class="status">商品已下架</p></div></div></body></html>')


def render_shop(shop: Shop) -> str:
    rows = [
        ("企业名称", shop.company_name),
        ("统一社会信用代码", shop.credit_code),
        ("营业执照所在地", shop.location),
        ("店铺名称", shop.name),
        ("店铺网址", f"//mall.jd.com/index-{shop.shop_id}.html"),
    ]
    auth = shop.authorisation
    if auth is not None:
        rows.append(("网络售卡代理", f"{'、'.join(auth.carriers)}网络代理商"))
        rows.append(("统一标识/代理编号", auth.agent_code))
        rows.append(("代理有效期", f"{auth.valid_from.isoformat()} 至 {auth.valid_to.isoformat()}"))
    lis = "".join(f'<li><span class="label">{escape(k)}：</span><span class="text">{escape(v)}</span></li>' for k, v in rows)
    return (_HEAD.format(title=f"{escape(shop.name)} - 店铺证照信息 - 京东") +
            f'<div class="jScore" data-shopid="{shop.shop_id}" data-venderid="{shop.vender_id}">'
            f'<h3 class="j-shop-name">{escape(shop.name)}</h3><div class="licence-title">店铺证照信息</div>'
            f'<ul class="noBorder licence-info">{lis}</ul></div></body></html>')


def add_routes(app: web.Application, state: SandboxState, prefix: str = "/jd") -> None:
    login = add_login_routes(app, state, prefix, LOGIN_PAGE)

    async def search(request: web.Request) -> web.Response:
        keyword = request.query.get("keyword", "").strip()
        # The URL's page counts half-pages (1, 3, 5 ... are pages 1, 2, 3), as the classic page did.
        page = (page_number(request.query.get("page")) + 1) // 2
        if not login.ok(request):
            raise login.redirect(request)
        return html_response(render_app(prefix, keyword, page))

    async def request_algo(request: web.Request) -> web.Response:
        posted = await request.post()
        fp = str(posted.get("fp", "")).strip()
        if not fp or len(fp) > 64:
            return json_response({"status": 400, "message": "fp required"})
        return json_response({"status": 200, "data": {"result": {"tk": token_for(state, fp), "fp": fp, "algo": "md5"}}})

    async def api(request: web.Request) -> web.Response:
        query = request.query
        if query.get("functionId") != FUNCTION_ID or query.get("appid") != APPID:
            return json_response({"code": "404", "message": "functionId not found"})
        if not login.ok(request):
            return json_response(NOT_LOGGED_IN)
        if not h5st_valid(state, query):
            return json_response(BAD_SIGN)
        try:
            body = json.loads(query.get("body", ""))
            keyword = str(query.get("keyword") or body.get("keyword") or "").strip()
            half = max(int(body.get("page", 1)), 1)
        except (ValueError, TypeError, AttributeError):
            return json_response({"code": "400", "message": "body 参数错误"})
        page = (half + 1) // 2
        fault = page_fault(state, request, PLATFORM, keyword, page)
        if (answer := answer_fault(fault, login=lambda: json_response(NOT_LOGGED_IN),
                                  captcha=lambda: json_response(RISK))) is not None:
            return answer
        if not normalise_query(keyword):
            return json_response({"code": "0", "data": {"wareList": [], "resultCount": 0, "page": 1, "pageCount": 0}})
        result = state.search(PLATFORM, keyword, page, PER_PAGE)
        return json_response({"code": "0", "data": {
            "wareList": [ware(x, keyword) for x in result.items], "resultCount": result.total,
            "page": result.page, "pageCount": result.pages}})

    async def item(request: web.Request) -> web.Response:
        sku = request.match_info["sku"]
        listing = state.live(PLATFORM, sku)
        if listing is None:
            return html_response(render_item_gone(sku), status=404)
        return html_response(render_item(listing))

    async def shop(request: web.Request) -> web.Response:
        found = state.catalogue.shop(PLATFORM, request.match_info["shop_id"])
        if found is None:
            return html_response(_HEAD.format(title="店铺不存在") + "<p>您访问的店铺不存在</p></body></html>", status=404)
        return html_response(render_shop(found))

    async def risk(request: web.Request) -> web.Response:
        return html_response(render_captcha(request.query.get("returnurl", "")))

    async def home(request: web.Request) -> web.Response:
        return html_response(_HEAD.format(title="京东(JD.COM)-正品低价、品质保障") +
                     '<form action="Search"><input name="keyword" /><input type="hidden" name="enc" value="utf-8" />'
                     '<button>搜索</button></form></body></html>')

    app.router.add_get(f"{prefix}/Search", search)
    app.router.add_post(f"{prefix}/request_algo", request_algo)
    app.router.add_get(f"{prefix}/api", api)
    app.router.add_get(f"{prefix}/risk_handler", risk)
    app.router.add_get(f"{prefix}/item/{{sku:\\d+}}.html", item)
    app.router.add_get(f"{prefix}/{{sku:\\d+}}.html", item)  # item.jd.com/<sku>.html
    app.router.add_get(f"{prefix}/shop/{{shop_id:\\d+}}.html", shop)
    # mall.jd.com/index-<shopId>.html, so a crawler can map the real shop URL onto the sandbox.
    app.router.add_get(f"{prefix}/index-{{shop_id:\\d+}}.html", shop)
    app.router.add_get(f"{prefix}/", home)
