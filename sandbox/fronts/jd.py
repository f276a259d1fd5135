"""JD front: server-rendered search like search.jd.com's classic layout, item and shop pages.

Structure copied from the real captures (../shared/fixtures/jd): ``#J_goodsList li.gl-item``,
``.p-price strong i``, ``.p-name a em``, ``.p-shop a.curr-shop``, the ``#J_topPage``/
``#J_bottomPage`` pagers, and an item page with ``pageConfig.product``. JD pages results as
``page=1,3,5...`` (each visible page is two half-pages); the sandbox serves 30 per page.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote, urlencode

from aiohttp import web

from sandbox.catalogue import SandboxListing, Shop, normalise_query
from sandbox.fronts.common import SandboxState, page_number, service_unavailable, too_many_requests

PLATFORM = "jd"
PER_PAGE = 30

_HEAD = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8" />
<title>{title}</title>
<link rel="icon" href="data:," />
</head>
<body>
"""


def _search_href(keyword: str, page: int) -> str:
    return "Search?" + urlencode({"keyword": keyword, "enc": "utf-8", "page": 2 * page - 1})


def _highlight(title: str, keyword: str) -> str:
    """JD wraps the matched keyword in ``<font class="skcolor_ljg">`` inside the title ``em``."""
    pos = title.lower().find(keyword.lower()) if keyword else -1
    if pos < 0:
        return escape(title)
    end = pos + len(keyword)
    return (f'{escape(title[:pos])}<font class="skcolor_ljg">{escape(title[pos:end])}</font>'
            f"{escape(title[end:])}")


def _item_li(item: SandboxListing, keyword: str, index: int) -> str:
    sku, shop = item.listing_id, item.shop
    title_attr = escape(item.title, quote=True)
    icons = '<i class="goods-icons J-picon-tips J-picon-fix" data-tips="京东自营，品质保障">自营</i>' if shop.self_operated else ""
    return f"""<li class="gl-item" data-sku="{sku}" data-spu="{sku}" data-pid="{sku}">
<div class="gl-i-wrap">
<div class="p-img"><a target="_blank" title="{title_attr}" href="//item.jd.com/{sku}.html" onclick="searchlog(1,{sku},{index},2,'','flagsClk=1077936776')"><img width="220" height="220" class="err-product" data-img="1" alt="" /></a>
<div data-lease="" data-catid="1195" data-venid="{shop.vender_id}" data-presale=""></div></div>
<div class="p-price"><strong class="J_{sku}" data-done="1"><em>￥</em><i>{item.price:.2f}</i></strong></div>
<div class="p-name p-name-type-2"><a target="_blank" title="{title_attr}" href="//item.jd.com/{sku}.html" onclick="searchlog(1,{sku},{index},1,'','flagsClk=1077936776')"> <em>{_highlight(item.title, keyword)}</em> <i class="promo-words" id="J_AD_{sku}"></i> </a></div>
<div class="p-commit"><strong><a id="J_comment_{sku}" target="_blank" href="//item.jd.com/{sku}.html#comment">{(int(sku) % 97) * 10}+</a>条评价</strong></div>
<div class="p-shop" data-selfware="{int(shop.self_operated)}" data-score="5" data-reputation="100"><span class="J_im_icon"><a target="_blank" class="curr-shop" onclick="searchlog(1,{shop.shop_id},0,58)" href="//mall.jd.com/index-{shop.shop_id}.html" title="{escape(shop.name, quote=True)}">{escape(shop.name)}</a></span></div>
<div class="p-icons" id="J_pro_{sku}" data-done="1">{icons}</div>
</div></li>"""


def _pager(keyword: str, page: int, pages: int) -> str:
    prev = ('<a class="pn-prev disabled"><i>&lt;</i><em>上一页</em></a>' if page <= 1 else
            f'<a class="pn-prev" href="{escape(_search_href(keyword, page - 1))}" data-page="{page - 1}"><i>&lt;</i><em>上一页</em></a>')
    nums = "".join(
        f'<a class="curr" href="javascript:;">{n}</a>' if n == page
        else f'<a href="{escape(_search_href(keyword, n))}" data-page="{n}">{n}</a>'
        for n in range(1, pages + 1)
    )
    nxt = ('<a class="pn-next disabled"><em>下一页</em><i>&gt;</i></a>' if page >= pages else
           f'<a class="pn-next" href="{escape(_search_href(keyword, page + 1))}" data-page="{page + 1}" '
           f'title="使用方向键右键也可翻到下一页哦！"><em>下一页</em><i>&gt;</i></a>')
    return (f'<div class="page clearfix"><div id="J_bottomPage" class="p-wrap"><span class="p-num">{prev}{nums}{nxt}</span>'
            f'<span class="p-skip"><em>共<b>{pages}</b>页&nbsp;&nbsp;到第</em><input class="input-txt" type="text" value="{page}" />'
            f'<em>页</em><a class="btn btn-default" href="javascript:;">确定</a></span></div></div>')


def render_search(keyword: str, page: int, total: int, pages: int, items: list[SandboxListing]) -> str:
    kw = escape(keyword)
    head = _HEAD.format(title=f"{kw} - 商品搜索 - 京东")
    search_box = (f'<div id="search-2014"><input type="text" id="key" class="text" value="{escape(keyword, quote=True)}" />'
                  '<button class="button">搜索</button></div>')
    if not items:
        notice = (f'<div class="notice-search"><div class="ns-wrap"><div class="ns-content">'
                  f'<span class="result">抱歉，没有找到与“<em>{kw}</em>”相关的商品</span>'
                  '<div class="tips">建议您：<ul><li>看看输入的文字是否有误</li><li>调整关键词，如“全自动洗衣机”改成“洗衣机”</li></ul></div>'
                  "</div></div></div>")
        return f'{head}{search_box}<div id="J_searchWrap" class="w">{notice}<div id="J_goodsList" class="goods-list-v2 gl-type-3 J-goods-list notice-filter-noresult"><ul class="gl-warp clearfix" data-tpl="3"></ul></div></div></body></html>'
    top = (f'<div id="J_filter"><div class="f-line top"><div id="J_topPage" class="f-pager">'
           f'<span class="fp-text"><b>{page}</b><em>/</em><i>{pages}</i></span>'
           + ('<a class="fp-prev disabled" href="javascript:;">&lt;</a>' if page <= 1 else
              f'<a class="fp-prev" href="{escape(_search_href(keyword, page - 1))}">&lt;</a>')
           + ('<a class="fp-next disabled" href="javascript:;">&gt;</a>' if page >= pages else
              f'<a class="fp-next" href="{escape(_search_href(keyword, page + 1))}">&gt;</a>')
           + f'</div><div class="f-result-sum">共<span id="J_resCount" class="num">{total}</span>件商品</div></div></div>')
    lis = "\n".join(_item_li(x, keyword, i) for i, x in enumerate(items))
    return (f'{head}{search_box}<div id="J_searchWrap" class="w"><div id="J_container" class="container">'
            f'<div id="J_main" class="g-main2"><div class="m-list"><div class="ml-wrap">{top}'
            f'<div id="J_goodsList" class="goods-list-v2 gl-type-3 J-goods-list">'
            f'<ul class="gl-warp clearfix" data-tpl="3">\n{lis}\n</ul></div>'
            f'<div id="J_scroll_loading" class="notice-loading-more"><span>正在加载中，请稍后~~</span></div>'
            f"{_pager(keyword, page, pages)}</div></div></div></div></div></body></html>")


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


def render_login(return_url: str) -> str:
    return (_HEAD.format(title="京东-欢迎登录") +
            '<div class="login-wrap"><div class="login-form"><div class="login-tab login-tab-r"><a>账户登录</a></div>'
            '<form id="formlogin" method="post"><input id="loginname" name="loginname" type="text" placeholder="邮箱/用户名/登录手机" />'
            '<input id="nloginpwd" name="nloginpwd" type="password" placeholder="密码" />'
            f'<input type="hidden" name="ReturnUrl" value="{escape(return_url, quote=True)}" />'
            '<a id="loginsubmit" class="btn-img btn-entry">登&nbsp;&nbsp;&nbsp;&nbsp;录</a></form></div></div></body></html>')


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


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


def add_routes(app: web.Application, state: SandboxState, prefix: str = "/jd") -> None:
    async def search(request: web.Request) -> web.Response:
        keyword = request.query.get("keyword", "").strip()
        # JD's page parameter counts half-pages: 1, 3, 5 ... are pages 1, 2, 3.
        page = (page_number(request.query.get("page")) + 1) // 2
        fault = state.fault(request, PLATFORM, keyword, page) if keyword else None
        if fault == "503":
            return service_unavailable()
        if fault == "429":
            return too_many_requests(2)
        if fault == "login":
            raise web.HTTPFound(f"{prefix}/passport/login?ReturnUrl={quote(str(request.url))}")
        if fault == "captcha":
            return _html(render_captcha(str(request.url)))
        if not normalise_query(keyword):
            return _html(render_search(keyword, 1, 0, 1, []))
        result = state.search(PLATFORM, keyword, page, PER_PAGE)
        return _html(render_search(keyword, result.page, result.total, result.pages, list(result.items)))

    async def item(request: web.Request) -> web.Response:
        sku = request.match_info["sku"]
        listing = state.find(PLATFORM, sku)
        if listing is None or state.is_removed(PLATFORM, sku):
            return _html(render_item_gone(sku), status=404)
        return _html(render_item(listing))

    async def shop(request: web.Request) -> web.Response:
        found = state.catalogue.shop(PLATFORM, request.match_info["shop_id"])
        if found is None:
            return _html(_HEAD.format(title="店铺不存在") + "<p>您访问的店铺不存在</p></body></html>", status=404)
        return _html(render_shop(found))

    async def login(request: web.Request) -> web.Response:
        return _html(render_login(request.query.get("ReturnUrl", "")))

    async def home(request: web.Request) -> web.Response:
        return _html(_HEAD.format(title="京东(JD.COM)-正品低价、品质保障") +
                     '<form action="Search"><input name="keyword" /><input type="hidden" name="enc" value="utf-8" />'
                     '<button>搜索</button></form></body></html>')

    app.router.add_get(f"{prefix}/Search", search)
    app.router.add_get(f"{prefix}/item/{{sku:\\d+}}.html", item)
    app.router.add_get(f"{prefix}/{{sku:\\d+}}.html", item)  # item.jd.com/<sku>.html
    app.router.add_get(f"{prefix}/shop/{{shop_id:\\d+}}.html", shop)
    # mall.jd.com/index-<shopId>.html, so a crawler can map the real shop URL onto the sandbox.
    app.router.add_get(f"{prefix}/index-{{shop_id:\\d+}}.html", shop)
    app.router.add_get(f"{prefix}/passport/login", login)
    app.router.add_get(f"{prefix}/", home)
