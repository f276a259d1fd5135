from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from crawler.platforms import xianyu as parser
from sandbox.catalogue import SEARCH_KEYWORDS, SandboxListing
from sandbox.fronts import mtop
from sandbox.fronts.xianyu import API, APP_KEY
from sandbox.server import SandboxServer, login_storage_state
from tests.sandbox.conftest import Reply, http

API_PATH = f"/xianyu/h5/{API}/1.0/"
OBSERVED = "2026-01-15"


def _session(base: str) -> dict[str, str]:
    return {c["name"]: c["value"] for c in login_storage_state(base)["cookies"]}


def _call(base: str, cookies: dict[str, str], keyword: str, page: int = 1, *,
          sign: str | None = None, extra: str = "") -> Reply:
    data = json.dumps({"keyword": keyword, "pageNumber": page, "rowsPerPage": 30}, ensure_ascii=False)
    t = str(int(time.time() * 1000))
    token = cookies.get("_m_h5_tk", "").split("_")[0]
    query = urlencode({"jsv": "2.7.2", "appKey": APP_KEY, "t": t, "sign": sign or mtop.sign(token, t, APP_KEY, data),
                       "v": "1.0", "type": "originaljson", "dataType": "json", "api": API})
    return http(f"{base}{API_PATH}?{query}{extra}", data={"data": data}, cookies=cookies)


def _signed_session(base: str) -> dict[str, str]:
    """A logged-in session that has been through the token handshake."""
    cookies = _session(base)
    first = _call(base, cookies, "电话卡")
    assert json.loads(first.body)["ret"] == ["FAIL_SYS_TOKEN_EXOIRED::令牌过期"]
    cookies.update(first.set_cookies())
    return cookies


def _paths(obj: Any, prefix: str = "") -> dict[str, type]:
    out: dict[str, type] = {prefix: type(obj)}
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.update(_paths(v, f"{prefix}.{k}"))
    elif isinstance(obj, list) and obj:
        out.update(_paths(obj[0], f"{prefix}[]"))
    return out


def test_search_page_is_behind_a_login_wall(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    reply = http(f"{base}/xianyu/search?q=电话卡")
    assert reply.status == 302
    location = urlsplit(reply.headers["Location"])
    assert location.path == "/xianyu/login"
    assert parse_qs(location.query)["redirectURL"][0].startswith("/xianyu/search")
    assert http(f"{base}/xianyu/login", data={"username": "", "password": ""}).status == 401
    forged = http(f"{base}/xianyu/search?q=电话卡", cookies={"unb": "1", "cookie2": "0" * 32})
    assert forged.status == 302
    page = http(f"{base}/xianyu/search?q=电话卡&page=2", cookies=_session(base))
    assert page.status == 200 and "__SEARCH_CONFIG__" in page.body and '"page": 2' in page.body


def test_token_handshake_then_signed_call_succeeds(quiet_server: SandboxServer, fixtures_dir: Path) -> None:
    base = quiet_server.base_url
    cookies = _session(base)
    first = _call(base, cookies, "电话卡")
    assert json.loads(first.body)["ret"] == ["FAIL_SYS_TOKEN_EXOIRED::令牌过期"]
    fresh = first.set_cookies()
    assert "_m_h5_tk" in fresh and "_m_h5_tk_enc" in fresh
    cookies.update(fresh)
    reply = json.loads(_call(base, cookies, "电话卡").body)
    assert reply["ret"] == ["SUCCESS::调用成功"] and reply["api"] == API and reply["v"] == "1.0"
    assert len(reply["data"]["resultList"]) == 30
    # Every path a parser reads in the real capture exists here with the same type.
    real = json.loads((fixtures_dir / "xianyu" / "idlemtopsearch_pc_search_p1.json").read_text(encoding="utf-8"))
    real_paths, ours = _paths(real), _paths(reply)
    main = ".data.resultList[].data.item.main"
    for path in (".ret", ".api", ".v", ".data.resultInfo.hasNextPage",
                 ".data.resultInfo.searchResControlFields.numFound", f"{main}.exContent.itemId",
                 f"{main}.exContent.title", f"{main}.exContent.area", f"{main}.exContent.userNickName",
                 f"{main}.exContent.price", f"{main}.exContent.detailParams.soldPrice",
                 f"{main}.clickParam.args.price", f"{main}.clickParam.args.seller_id", f"{main}.targetUrl"):
        assert ours.get(path) is real_paths[path], path


def test_wrong_sign_and_expired_token_are_refused(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    cookies = _signed_session(base)
    bad = json.loads(_call(base, cookies, "电话卡", sign="0" * 32).body)
    assert bad["ret"] == ["FAIL_SYS_ILLEGAL_ACCESS::非法请求"] and bad["data"] == {}
    # A token the server did issue, but whose expiry has passed.
    past = int(time.time() * 1000) - 1000
    expired = dict(cookies, _m_h5_tk=f"{quiet_server.state.sign(f'tk|{past}')}_{past}")
    refused = _call(base, expired, "电话卡")
    assert json.loads(refused.body)["ret"] == ["FAIL_SYS_TOKEN_EXOIRED::令牌过期"]
    assert refused.set_cookies()["_m_h5_tk"] != expired["_m_h5_tk"]
    # A made-up token is no better.
    forged = dict(cookies, _m_h5_tk=f"{'a' * 32}_{past + 10**9}")
    assert json.loads(_call(base, forged, "电话卡").body)["ret"][0].startswith("FAIL_SYS_TOKEN_EXOIRED")
    # Signed right but logged out.
    anonymous = {k: v for k, v in cookies.items() if k.startswith("_m_h5_tk")}
    assert json.loads(_call(base, anonymous, "电话卡").body)["ret"][0].startswith("FAIL_SYS_SESSION_EXPIRED")


def test_no_results_answer(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    cookies = _signed_session(base)
    empty = json.loads(_call(base, cookies, "乒乓球拍").body)
    assert empty["ret"] == ["SUCCESS::调用成功"] and empty["data"]["resultList"] == []
    assert empty["data"]["resultInfo"]["hasNextPage"] is False


def test_captcha_answers_rgv587_with_a_punish_url(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    cookies = _signed_session(base)
    reply = json.loads(_call(base, cookies, "电话卡", extra="&sw_fault=captcha").body)
    assert reply["ret"] == ["RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试"]
    assert "/punish" in reply["data"]["url"]
    punish = http(reply["data"]["url"])
    assert punish.status == 200 and "nc_1_n1z" in punish.body
    assert _call(base, cookies, "电话卡", extra="&sw_fault=503").status == 503


def test_default_plan_blocks_api_pages() -> None:
    with SandboxServer(seed=7, rate_limit=None) as base:
        cookies = _signed_session(base)  # the handshake searched 电话卡 page 1: no fault there
        assert _call(base, cookies, "手机卡", 1).status == 503
        assert json.loads(_call(base, cookies, "手机卡", 1).body)["ret"][0].startswith("SUCCESS")
        assert json.loads(_call(base, cookies, "流量卡", 2).body)["ret"][0].startswith("RGV587_ERROR")


def test_item_page_and_takedown(quiet_server: SandboxServer) -> None:
    x = quiet_server.catalogue.for_platform("xianyu")[10]
    page = http(f"{quiet_server.base_url}/xianyu/item?id={x.listing_id}")
    assert page.status == 200 and x.shop.name in page.body
    assert http(f"{quiet_server.base_url}/xianyu/item?id=123").status == 404


@pytest.mark.browser
def test_browser_page_signs_its_own_calls_and_renders_30_items(quiet_server: SandboxServer) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium not installed")
    from playwright.sync_api import sync_playwright

    base = quiet_server.base_url
    state = login_storage_state(base)
    api_replies: list[dict[str, Any]] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync", "--disable-gpu"],
        )
        try:
            context = browser.new_context(storage_state=state)  # type: ignore[arg-type]
            page = context.new_page()
            page.on("response", lambda r: api_replies.append(
                {**r.json(), "_search": parser.is_search_api(r.url)}) if "/h5/" in r.url else None)
            page.goto(f"{base}/xianyu/search?q=电话卡")
            page.wait_for_selector("body[data-loaded-page='1']", timeout=15000)
            assert page.locator("a.feeds-item-wrap").count() == 30
            first_ids = page.locator("a.feeds-item-wrap").evaluate_all(
                "els => els.map(e => e.getAttribute('data-item-id'))")
            page.click(parser.NEXT_PAGE_SELECTOR)  # the pager, as the spider pages
            page.wait_for_selector("body[data-loaded-page='2']", timeout=15000)
            second_ids = page.locator("a.feeds-item-wrap").evaluate_all(
                "els => els.map(e => e.getAttribute('data-item-id'))")
            assert "page=2" in page.url
        finally:
            browser.close()
    calls = [(r["api"], r["ret"][0].split("::")[0], r["_search"]) for r in api_replies]
    # The look-alike .shade call comes first on every page (and meets the token handshake);
    # only the two search answers match the spider's exact matcher.
    assert calls == [(f"{API}.shade", "FAIL_SYS_TOKEN_EXOIRED", False), (f"{API}.shade", "SUCCESS", False),
                     (API, "SUCCESS", True), (API, "SUCCESS", True)]
    expected = quiet_server.catalogue.search
    assert first_ids == [x.listing_id for x in expected("xianyu", "电话卡", 1, 30).items]
    assert second_ids == [x.listing_id for x in expected("xianyu", "电话卡", 2, 30).items]
    assert len(api_replies[2]["data"]["resultList"]) == 30
    assert "resultList" not in api_replies[1]["data"] and api_replies[1]["data"]["singleShadeWords"]


# Catalogue → API page → the crawler's parser: checked once, here.
# Xianyu search results carry the seller nick and area, never a usable seller id.
XIANYU_FIELDS = ("listing_id", "title", "url", "price", "shop_name", "location")


def _want(x: SandboxListing, fields: tuple[str, ...]) -> dict[str, object]:
    row = x.listing_fields()
    return {k: row[k] for k in fields}


def _api(base: str, cookies: dict[str, str], keyword: str, page: int, extra: str = "") -> tuple[str, str]:
    data = json.dumps({"keyword": keyword, "pageNumber": page, "rowsPerPage": 30}, ensure_ascii=False)
    t = str(int(time.time() * 1000))
    sign = mtop.sign(cookies.get("_m_h5_tk", "").split("_")[0], t, APP_KEY, data)
    url = f"{base}/xianyu/h5/{API}/1.0/?jsv=2.7.2&appKey={APP_KEY}&t={t}&sign={sign}&api={API}{extra}"
    reply = http(url, data={"data": data}, cookies=cookies)
    cookies.update(reply.set_cookies())
    return url, reply.body


def test_parser_reads_every_api_page(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    cookies = {c["name"]: c["value"] for c in login_storage_state(base)["cookies"]}
    url, body = _api(base, cookies, "电话卡", 1)  # token handshake
    assert parser.parse_search(body, url, OBSERVED).blocked == "login"
    for keyword in SEARCH_KEYWORDS:
        page = 1
        while True:
            url, body = _api(base, cookies, keyword, page)
            parsed = parser.parse_search(body, url, OBSERVED)
            expected = quiet_server.catalogue.search("xianyu", keyword, page, 30)
            assert [{k: getattr(li, k) for k in XIANYU_FIELDS} for li in parsed.listings] == [
                _want(x, XIANYU_FIELDS) for x in expected.items]
            assert parsed.has_next == expected.has_next and parsed.total == expected.total
            if not parsed.has_next:
                break
            page += 1
    url, body = _api(base, cookies, "电话卡", 1, "&sw_fault=captcha")
    assert parser.parse_search(body, url, OBSERVED).blocked == "captcha"
    punish = json.loads(body)["data"]["url"]
    assert parser.detect_block(200, http(punish).body, punish) == "captcha"


def test_xianyu_login_wall_is_recognised(quiet_server: SandboxServer) -> None:
    url = parser.search_url(quiet_server.url("xianyu"), "电话卡", 1)
    wall = http(url)
    landed = quiet_server.base_url + wall.headers["Location"]
    assert parser.detect_block(200, http(landed).body, landed) == "login"
