"""The JD front as search.jd.com is in 2026: a login-gated search app whose script calls the
signed pc_search_searchWare API; item and shop pages as in the real captures."""

from __future__ import annotations

import hashlib
import json
import re
import time
from urllib.parse import urlencode

import pytest
from parsel import Selector

from crawler.platforms import jd as parser
from sandbox.creditcode import is_valid_uscc
from sandbox.fronts import jd as front
from sandbox.server import SandboxServer, login_storage_state
from tests.sandbox.conftest import http

FP = "fp0123456789abcd"  # the page's fingerprint, to which request_algo binds its token


def _cookies(base: str) -> dict[str, str]:
    return {c["name"]: c["value"] for c in login_storage_state(base)["cookies"]}


def _token(base: str, fp: str) -> str:
    reply = http(f"{base}/jd/request_algo", data={"fp": fp, "appId": front.H5ST_APP_ID})
    return json.loads(reply.body)["data"]["result"]["tk"]


def _api_url(base: str, keyword: str, page: int, *, tk: str | None, fp: str = "fp0123456789abcd",
             tamper: bool = False) -> str:
    """A call as the page's script signs it (sandbox/fronts/jd_search.js)."""
    body = json.dumps({"enc": "utf-8", "pvid": fp, "area": "1_72_55653_0", "page": 2 * page - 1,
                       "new_interval": True, "s": (page - 1) * front.PER_PAGE + 1}, separators=(",", ":"))
    t = str(int(time.time() * 1000))
    query = {"appid": front.APPID, "functionId": front.FUNCTION_ID, "client": "pc", "clientVersion": "1.0.0",
             "t": t, "cthr": "1", "loginType": "3", "keyword": keyword, "body": body}
    if tk is not None:
        body_hash = hashlib.md5(body.encode()).hexdigest()
        sign = front.sign_hash(tk, {"appid": front.APPID, "body": body_hash, "client": "pc",
                                    "clientVersion": "1.0.0", "functionId": front.FUNCTION_ID, "t": t})
        if tamper:
            sign = sign[::-1]
        query["h5st"] = ";".join(["20260101000000000", fp, front.H5ST_APP_ID, tk, sign, "5.3", t, "", body_hash, ""])
    return f"{base}/jd/api?" + urlencode(query)


@pytest.fixture(scope="module")
def session(quiet_server: SandboxServer) -> dict[str, str]:
    return _cookies(quiet_server.base_url)


def test_search_needs_a_login_and_serves_only_the_app_shell(quiet_server: SandboxServer, session) -> None:
    url = f"{quiet_server.base_url}/jd/Search?" + urlencode({"keyword": "电话卡", "enc": "utf-8"})
    wall = http(url)
    assert wall.status == 302 and "/jd/passport/login" in wall.headers["Location"]
    login_page = http(quiet_server.base_url + wall.headers["Location"])
    assert parser.detect_block(200, login_page.body, url) == "login"
    shell = http(url, cookies=session)
    assert shell.status == 200 and "pc_search_searchWare" in shell.body
    # The 2026 app: no server-rendered goods list, results only through the API.
    sel = Selector(shell.body)
    assert not sel.css("#J_goodsList") and not sel.css("li[data-sku]")
    assert parser.detect_block(200, shell.body, url) is None
    with pytest.raises(parser.PageFormatError):
        parser.parse_search(shell.body, url, "2026-01-01")
    assert sel.css(".pn-next")


def test_api_rejects_unsigned_wrongly_signed_and_anonymous_calls(quiet_server: SandboxServer, session) -> None:
    base = quiet_server.base_url
    tk = _token(base, FP)
    unsigned = json.loads(http(_api_url(base, "电话卡", 1, tk=None), cookies=session).body)
    wrong = json.loads(http(_api_url(base, "电话卡", 1, tk=tk, tamper=True), cookies=session).body)
    foreign_tk = json.loads(http(_api_url(base, "电话卡", 1, tk="tk05wforged", fp="fp0123456789abcd"),
                                 cookies=session).body)
    anonymous = json.loads(http(_api_url(base, "电话卡", 1, tk=tk)).body)
    assert unsigned["code"] == wrong["code"] == foreign_tk["code"] == "403"
    assert anonymous["code"] == "3"
    assert parser.detect_block(200, json.dumps(anonymous), "u") == "login"
    ok = json.loads(http(_api_url(base, "电话卡", 1, tk=tk), cookies=session).body)
    assert ok["code"] == "0" and ok["data"]["wareList"]


def test_signed_pages_parse_to_the_catalogue(quiet_server: SandboxServer, session) -> None:
    base, cat = quiet_server.base_url, quiet_server.catalogue
    tk = _token(base, FP)
    seen: list[str] = []
    page, expected = 1, None
    while True:
        url = _api_url(base, "电话卡", page, tk=tk)
        assert parser.is_search_api(url)
        result = parser.parse_search(http(url, cookies=session).body, url, "2026-01-01")
        expected = cat.search("jd", "电话卡", page, front.PER_PAGE)
        assert [x.listing_id for x in result.listings] == [x.listing_id for x in expected.items]
        for got, truth in zip(result.listings, expected.items, strict=True):
            assert (got.title, got.price, got.shop_id, got.shop_name) == (
                truth.title, truth.price, truth.shop.shop_id, truth.shop.name)
            assert got.url == f"https://item.jd.com/{truth.listing_id}.html" and not got.price_masked
        seen += [x.listing_id for x in result.listings]
        if not result.has_next:
            break
        page += 1
    assert page == expected.pages >= 3 and len(seen) == len(set(seen)) == expected.total


def test_keyword_is_highlighted_inside_the_ware_name(quiet_server: SandboxServer, session) -> None:
    base = quiet_server.base_url
    body = http(_api_url(base, "电话卡", 1, tk=_token(base, FP)), cookies=session).body
    names = [w["wareName"] for w in json.loads(body)["data"]["wareList"]]
    assert any('<font class="skcolor_ljg">电话卡</font>' in n for n in names)


def test_no_results_is_an_empty_ware_list(quiet_server: SandboxServer, session) -> None:
    base = quiet_server.base_url
    url = _api_url(base, "乒乓球拍", 1, tk=_token(base, FP))
    result = parser.parse_search(http(url, cookies=session).body, url, "2026-01-01")
    assert result.listings == [] and not result.has_next and result.blocked is None


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


def test_fault_switches(quiet_server: SandboxServer, session) -> None:
    base = quiet_server.base_url
    url = _api_url(base, "电话卡", 1, tk=_token(base, FP))
    captcha = http(url + "&sw_fault=captcha", cookies=session)
    assert json.loads(captcha.body)["code"] == "605"
    assert parser.detect_block(200, captcha.body, url) == "captcha"
    login = http(url + "&sw_fault=login", cookies=session)
    assert parser.detect_block(200, login.body, url) == "login"
    assert http(url + "&sw_fault=503", cookies=session).status == 503
    limited = http(url + "&sw_fault=429", cookies=session)
    assert limited.status == 429 and int(limited.headers["Retry-After"]) >= 1
    bad = http(url + "&sw_fault=teapot", cookies=session)
    assert bad.status == 400 and "teapot" in bad.body


def test_default_fault_plan_blocks_a_few_api_pages() -> None:
    with SandboxServer(seed=7, rate_limit=None) as base:
        cookies, tk = _cookies(base), _token(base, FP)
        assert http(_api_url(base, "手机卡", 1, tk=tk), cookies=cookies).status == 503
        assert http(_api_url(base, "手机卡", 1, tk=tk), cookies=cookies).status == 200  # clears on retry
        for _ in range(2):  # the captcha stays
            assert json.loads(http(_api_url(base, "流量卡", 2, tk=tk), cookies=cookies).body)["code"] == "605"
        ok = json.loads(http(_api_url(base, "流量卡", 1, tk=tk), cookies=cookies).body)
        assert len(ok["data"]["wareList"]) == front.PER_PAGE


def test_same_seed_serves_the_same_pages(quiet_server: SandboxServer, session) -> None:
    def wares(base: str, cookies: dict[str, str], kw: str, page: int) -> list:
        return json.loads(http(_api_url(base, kw, page, tk=_token(base, FP)), cookies=cookies).body)["data"]["wareList"]

    with SandboxServer(seed=7, faults=False) as other:
        for kw, page in (("电话卡", 2), ("sim卡", 1)):
            assert wares(quiet_server.base_url, session, kw, page) == wares(other, _cookies(other), kw, page)
    with SandboxServer(seed=8, faults=False) as different:
        assert wares(different, _cookies(different), "电话卡", 1) != wares(quiet_server.base_url, session, "电话卡", 1)
