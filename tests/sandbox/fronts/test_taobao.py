"""The taobao/tmall front: login wall, mtop token handshake and signature, JSONP answers the real
parsers read back to the catalogue, the punish captcha, and the default fault plan."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode, urlsplit

import pytest

from crawler.platforms import taobao as taobao_parser
from crawler.platforms import tmall as tmall_parser
from sandbox.fronts import mtop
from sandbox.fronts.taobao import API, API_PATH, APP_ID, APP_KEY, FEED_APP_ID, PER_PAGE, VERSION
from sandbox.server import SandboxServer, login_storage_state
from tests.sandbox.conftest import default_plan_pages, http

OBSERVED = "2026-01-15"
FIELDS = ("listing_id", "title", "url", "price", "shop_name", "shop_url", "location")


def _session(base: str) -> dict[str, str]:
    return {c["name"]: c["value"] for c in login_storage_state(base)["cookies"]}


def _call(base: str, prefix: str, cookies: dict[str, str], keyword: str, page: int = 1, *,
          tab: str = "all", sign: str | None = None, extra: str = "", app_id: str = APP_ID) -> tuple[str, str]:
    data = json.dumps({"appId": app_id, "params": json.dumps({"q": keyword, "page": page, "n": PER_PAGE, "tab": tab})})
    t = str(int(time.time() * 1000))
    token = cookies.get("_m_h5_tk", "").split("_")[0]
    query = urlencode({"jsv": "2.7.2", "appKey": APP_KEY, "t": t, "sign": sign or mtop.sign(token, t, APP_KEY, data),
                       "api": API, "v": VERSION, "type": "jsonp", "dataType": "jsonp", "callback": "mtopjsonp3",
                       "data": data})
    url = f"{base}/{prefix}{API_PATH}?{query}{extra}"
    reply = http(url, cookies=cookies)
    cookies.update(reply.set_cookies())
    return url, reply.body


def _signed(base: str) -> dict[str, str]:
    cookies = _session(base)
    url, body = _call(base, "taobao", cookies, "手机卡")
    assert body.startswith("mtopjsonp3(") and "FAIL_SYS_TOKEN_EXOIRED" in body
    assert taobao_parser.parse_search(body, url, OBSERVED).blocked == "login"
    return cookies


def _fields(listing: object) -> dict[str, object]:
    return {k: getattr(listing, k) for k in FIELDS}


@pytest.mark.parametrize(("platform", "parser", "tab"), [("taobao", taobao_parser, "all"), ("tmall", tmall_parser, "mall")])
def test_signed_api_pages_parse_to_the_catalogue(quiet_server: SandboxServer, platform: str, parser: object,
                                                 tab: str) -> None:
    base = quiet_server.base_url
    cookies = _signed(base)
    page = 1
    while True:
        url, body = _call(base, platform, cookies, "电话卡", page, tab=tab)
        parsed = parser.parse_search(body, url, OBSERVED)  # type: ignore[attr-defined]
        expected = quiet_server.catalogue.search(platform, "电话卡", page, PER_PAGE)
        assert parsed.blocked is None
        assert [_fields(x) for x in parsed.listings] == [
            {k: v for k, v in x.listing_fields().items() if k in FIELDS} for x in expected.items]
        assert all(x.platform == platform for x in parsed.listings)
        assert parsed.total == expected.total and parsed.has_next == expected.has_next
        if not parsed.has_next:
            break
        page += 1
    assert page == expected.pages >= 2
    # Shop ids as the real URLs give them: shop<id>.taobao.com's number, <name>.tmall.com's name.
    shop = expected.items[0].shop
    want = shop.shop_id if platform == "taobao" else urlsplit(shop.url or "").hostname.split(".")[0]  # type: ignore[union-attr]
    assert parsed.listings[0].shop_id == want
    highlighted = json.loads(body[len("mtopjsonp3("):-1])["data"]["itemsArray"]
    assert any("<span class=H>" in x["title"] for x in highlighted)


def test_the_feed_on_the_same_path_is_not_the_search(quiet_server: SandboxServer) -> None:
    # s.taobao.com's "guess you like" feed (appId 30986) answers on the search API's own path.
    base = quiet_server.base_url
    cookies = _signed(base)
    feed_url, feed = _call(base, "taobao", cookies, "电话卡", app_id=FEED_APP_ID)
    search_url, search = _call(base, "taobao", cookies, "电话卡")
    assert taobao_parser.API_URL_MARKER in feed_url and "SUCCESS" in feed and "itemsArray" not in feed
    assert not taobao_parser.is_search_api(feed_url) and taobao_parser.is_search_api(search_url)
    assert taobao_parser.parse_search(search, search_url, OBSERVED).listings
    page = http(taobao_parser.search_url(f"{base}/taobao", "电话卡", 1), cookies=cookies)
    assert FEED_APP_ID in page.body  # the search page's script makes the feed call too


def test_no_results_is_an_empty_page_not_a_block(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    cookies = _signed(base)
    url, body = _call(base, "taobao", cookies, "乒乓球拍")
    parsed = taobao_parser.parse_search(body, url, OBSERVED)
    assert parsed.blocked is None and parsed.listings == [] and not parsed.has_next


def test_refusals_read_as_the_parser_expects(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    cookies = _signed(base)
    url, body = _call(base, "taobao", cookies, "电话卡", sign="0" * 32)
    assert "FAIL_SYS_ILLEGAL_ACCESS" in body and taobao_parser.parse_search(body, url, OBSERVED).blocked == "login"
    anonymous = {k: v for k, v in cookies.items() if k.startswith("_m_h5_tk")}
    url, body = _call(base, "taobao", anonymous, "电话卡")
    assert "FAIL_SYS_SESSION_EXPIRED" in body
    url, body = _call(base, "taobao", cookies, "电话卡", extra="&sw_fault=captcha")
    assert taobao_parser.parse_search(body, url, OBSERVED).blocked == "captcha"
    punish = json.loads(body[len("mtopjsonp3("):-1])["data"]["url"]
    assert "/punish" in punish and taobao_parser.detect_block(200, http(punish).body, punish) == "captcha"


def test_search_page_is_login_walled_and_carries_the_mtop_client(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    for platform, parser in (("taobao", taobao_parser), ("tmall", tmall_parser)):
        url = parser.search_url(f"{base}/{platform}", "电话卡", 2)
        wall = http(url)
        assert wall.status == 302
        landed = base + wall.headers["Location"]
        assert parser.detect_block(200, http(landed).body, landed) == "login"
        page = http(url, cookies=_session(base))
        assert page.status == 200 and "sandboxMtop" in page.body and parser.API_URL_MARKER in page.body
        assert parser.detect_block(200, page.body, url) is None
        assert ('"tab": "mall"' in page.body) == (platform == "tmall")


def test_default_plan_blocks_pages_once_and_passes_the_captcha_to_the_api() -> None:
    with SandboxServer(seed=7, rate_limit=None) as base:
        cookies = _session(base)
        _, blocked = default_plan_pages(base, "taobao", taobao_parser, cookies)
        assert blocked.status == 200 and '"fault": "captcha"' in blocked.body
        # Tmall keeps its own counters: same keywords, its own 503.
        assert http(tmall_parser.search_url(f"{base}/tmall", "手机卡", 1), cookies=cookies).status == 503
