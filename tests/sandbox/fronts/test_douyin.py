"""The douyin front: login wall, the a_bogus-signed goods search API read back by the real
parser, verify_check captcha and the page without captcha markers."""

from __future__ import annotations

import json
from urllib.parse import quote

from crawler.platforms import douyin as parser
from sandbox.fronts.douyin import API_PATH, PER_PAGE, a_bogus
from sandbox.server import SandboxServer, login_storage_state
from tests.sandbox.conftest import http

OBSERVED = "2026-01-15"
FIELDS = ("listing_id", "title", "url", "price", "shop_name", "shop_id", "shop_url", "location")
MS_TOKEN = "sandbox-ms-token"


def _session(base: str) -> dict[str, str]:
    return {c["name"]: c["value"] for c in login_storage_state(base)["cookies"]} | {"msToken": MS_TOKEN}


def _api(base: str, cookies: dict[str, str], keyword: str, page: int, *, signature: str | None = None,
         extra: str = "") -> tuple[str, str]:
    query = (f"device_platform=webapp&aid=6383&keyword={quote(keyword, safe='')}&offset={(page - 1) * PER_PAGE}"
             f"&count={PER_PAGE}&msToken={MS_TOKEN}{extra}")
    url = f"{base}/douyin{API_PATH}?{query}&a_bogus={signature or a_bogus(query, MS_TOKEN)}"
    return url, http(url, cookies=cookies).body


def test_signed_api_pages_parse_to_the_catalogue(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    cookies = _session(base)
    page = 1
    while True:
        url, body = _api(base, cookies, "sim卡", page)
        parsed = parser.parse_search(body, url, OBSERVED)
        expected = quiet_server.catalogue.search("douyin", "sim卡", page, PER_PAGE)
        assert parser.API_URL_MARKER in url and parsed.blocked is None
        assert [{k: getattr(x, k) for k in FIELDS} for x in parsed.listings] == [
            {k: x.listing_fields()[k] for k in FIELDS} for x in expected.items]
        assert parsed.has_next == expected.has_next and parsed.total == expected.total
        assert parsed.next_page_token == str(page * PER_PAGE if parsed.has_next else expected.total)
        if not parsed.has_next:
            break
        page += 1
    assert page == expected.pages >= 2


def test_refusals_read_as_the_parser_expects(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    cookies = _session(base)
    url, body = _api(base, cookies, "sim卡", 1, signature="0" * 32)
    assert parser.parse_search(body, url, OBSERVED).blocked == "captcha"
    url, body = _api(base, {"msToken": MS_TOKEN}, "sim卡", 1)
    assert parser.parse_search(body, url, OBSERVED).blocked == "login"
    url, body = _api(base, cookies, "sim卡", 1, extra="&sw_fault=captcha")
    assert json.loads(body)["search_nil_info"]["search_nil_type"] == "verify_check"
    assert parser.detect_block(200, body, url) == "captcha"
    url, body = _api(base, cookies, "乒乓球拍", 1)
    empty = parser.parse_search(body, url, OBSERVED)
    assert empty.blocked is None and empty.listings == [] and not empty.has_next


def test_search_page_is_login_walled_and_free_of_captcha_markers(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    url = parser.search_url(f"{base}/douyin", "sim卡", 1)
    wall = http(url)
    landed = base + wall.headers["Location"]
    assert wall.status == 302 and parser.detect_block(200, http(landed).body, landed) == "login"
    page = http(url, cookies=_session(base))
    assert page.status == 200 and parser.detect_block(200, page.body, url) is None
    script = http(f"{base}/douyin/static/search.js").body
    assert parser.API_URL_MARKER.strip("/") in page.body and "a_bogus" in script


def test_default_plan_blocks_the_page() -> None:
    with SandboxServer(seed=7, rate_limit=None) as base:
        cookies = _session(base)
        first = parser.search_url(f"{base}/douyin", "手机卡", 1)
        assert http(first, cookies=cookies).status == 503 and http(first, cookies=cookies).status == 200
        assert '"fault": "captcha"' in http(parser.search_url(f"{base}/douyin", "流量卡", 2), cookies=cookies).body
