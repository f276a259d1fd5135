from __future__ import annotations

import re
from urllib.parse import urlencode, urljoin

from parsel import Selector

from sandbox.catalogue import SandboxListing
from sandbox.creditcode import is_valid_uscc
from sandbox.server import SandboxServer
from tests.sandbox.conftest import http


def _search_url(base: str, keyword: str, page: int) -> str:
    return f"{base}/jd/Search?" + urlencode({"keyword": keyword, "enc": "utf-8", "page": 2 * page - 1})


def _items(body: str) -> list[dict[str, str]]:
    sel = Selector(body)
    out = []
    for li in sel.css("#J_goodsList li.gl-item"):
        out.append({
            "sku": li.attrib["data-sku"],
            "title": " ".join(li.css(".p-name a em").xpath("string()").get("").split()),
            "href": li.css(".p-name a::attr(href)").get(""),
            "price": li.css(".p-price strong i::text").get(""),
            "shop_href": li.css(".p-shop a::attr(href)").get(""),
            "shop_name": li.css(".p-shop a::attr(title)").get(""),
        })
    return out


def _expected_row(x: SandboxListing) -> dict[str, str]:
    return {
        "sku": x.listing_id,
        "title": " ".join(x.title.split()),
        "href": f"//item.jd.com/{x.listing_id}.html",
        "price": f"{x.price:.2f}",
        "shop_href": f"//mall.jd.com/index-{x.shop.shop_id}.html",
        "shop_name": x.shop.name,
    }


def test_search_pages_hold_the_catalogue_in_the_real_layout(quiet_server: SandboxServer) -> None:
    base, cat = quiet_server.base_url, quiet_server.catalogue
    url, seen, pages = _search_url(base, "电话卡", 1), [], 0
    while url:
        reply = http(url)
        assert reply.status == 200
        pages += 1
        expected = cat.search("jd", "电话卡", pages, 30)
        assert _items(reply.body) == [_expected_row(x) for x in expected.items]
        seen.extend(i["sku"] for i in _items(reply.body))
        sel = Selector(reply.body)
        assert sel.css("#J_topPage .fp-text b::text").get() == str(pages)
        nxt = sel.css("#J_bottomPage a.pn-next")
        assert nxt, "pager missing"
        url = None if "disabled" in nxt.attrib["class"] else urljoin(url, nxt.attrib["href"])
    assert pages == expected.pages >= 3
    assert len(seen) == len(set(seen)) == expected.total


def test_keyword_is_highlighted_inside_the_title(quiet_server: SandboxServer) -> None:
    body = http(_search_url(quiet_server.base_url, "电话卡", 1)).body
    assert '<font class="skcolor_ljg">电话卡</font>' in body


def test_no_results_page_shows_the_notice(quiet_server: SandboxServer) -> None:
    reply = http(_search_url(quiet_server.base_url, "乒乓球拍", 1))
    sel = Selector(reply.body)
    assert reply.status == 200 and not sel.css("li.gl-item")
    assert "抱歉，没有找到" in sel.css(".notice-search").xpath("string()").get("")


def test_item_page_has_page_config_and_shop(quiet_server: SandboxServer) -> None:
    x = quiet_server.catalogue.for_platform("jd")[3]
    reply = http(f"{quiet_server.base_url}/jd/item/{x.listing_id}.html")
    assert reply.status == 200
    config = dict(re.findall(r"(skuid|venderId|shopId)\s*:\s*'?(\d+)'?", reply.body))
    assert config == {"skuid": x.listing_id, "venderId": x.shop.vender_id, "shopId": x.shop.shop_id}
    sel = Selector(reply.body)
    assert sel.css(".sku-name::text").get("").strip() == x.title
    assert sel.css(".J-hove-wrap .name a::attr(title)").get() == x.shop.name
    name = re.search(r"name: '([^']*)'", reply.body).group(1)  # type: ignore[union-attr]
    assert name.encode().decode("unicode_escape") == x.title
    assert http(f"{quiet_server.base_url}/jd/item/1.html").status == 404


def test_shop_pages_show_the_licence_and_agent_codes(quiet_server: SandboxServer) -> None:
    cat = quiet_server.catalogue
    authorised = next(s for s in cat.shops if s.platform == "jd" and s.authorisation)
    plain = next(s for s in cat.shops if s.platform == "jd" and not s.authorisation)
    for shop in (authorised, plain):
        sel = Selector(http(f"{quiet_server.base_url}/jd/shop/{shop.shop_id}.html").body)
        info = {li.css(".label::text").get("").rstrip("："): li.css(".text::text").get("")
                for li in sel.css("ul.licence-info li")}
        assert info["企业名称"] == shop.company_name
        assert is_valid_uscc(info["统一社会信用代码"]) and info["统一社会信用代码"] == shop.credit_code
        assert ("统一标识/代理编号" in info) == (shop.authorisation is not None)
    assert authorised.authorisation and authorised.authorisation.agent_code in http(
        f"{quiet_server.base_url}/jd/shop/{authorised.shop_id}.html").body
    assert http(f"{quiet_server.base_url}/jd/shop/999.html").status == 404


def test_fault_switches(quiet_server: SandboxServer) -> None:
    url = _search_url(quiet_server.base_url, "电话卡", 1)
    captcha = http(url + "&sw_fault=captcha")
    assert captcha.status == 200 and "安全验证" in captcha.body and "gl-item" not in captcha.body
    login = http(url, cookies={"sw_fault": "login"})
    assert login.status == 302 and "/jd/passport/login" in login.headers["Location"]
    assert http(url + "&sw_fault=503").status == 503
    limited = http(url + "&sw_fault=429")
    assert limited.status == 429 and int(limited.headers["Retry-After"]) >= 1
    bad = http(url + "&sw_fault=teapot")
    assert bad.status == 400 and "teapot" in bad.body


def test_default_fault_plan_blocks_a_few_pages() -> None:
    with SandboxServer(seed=7, rate_limit=None) as base:
        first = http(_search_url(base, "手机卡", 1))
        assert first.status == 503
        assert http(_search_url(base, "手机卡", 1)).status == 200  # clears on retry
        for _ in range(2):  # the captcha stays
            assert "安全验证" in http(_search_url(base, "流量卡", 2)).body
        assert len(_items(http(_search_url(base, "流量卡", 1)).body)) == 30


def test_same_seed_serves_the_same_pages(quiet_server: SandboxServer) -> None:
    with SandboxServer(seed=7, faults=False) as other:
        for kw, page in (("电话卡", 2), ("sim卡", 1)):
            a = http(_search_url(quiet_server.base_url, kw, page)).body
            b = http(_search_url(other, kw, page)).body
            assert a == b
    with SandboxServer(seed=8, faults=False) as different:
        assert _items(http(_search_url(different, "电话卡", 1)).body) != _items(
            http(_search_url(quiet_server.base_url, "电话卡", 1)).body)
