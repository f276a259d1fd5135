"""The sandbox's pages read by the crawler's own parsers (crawler/platforms) give back the catalogue."""

from __future__ import annotations

import json
import time

import pytest

from crawler.platforms import jd as jd_parser
from crawler.platforms import xianyu as xianyu_parser
from sandbox.catalogue import SEARCH_KEYWORDS, SandboxListing
from sandbox.fronts.xianyu import API, APP_KEY, mtop_sign
from sandbox.server import SandboxServer, login_storage_state
from tests.sandbox.conftest import http
from tests.sandbox.fronts import test_jd as jd_front_test

OBSERVED = "2026-01-15"
JD_FIELDS = ("listing_id", "title", "url", "price", "shop_name", "shop_id", "shop_url")
# Xianyu search results carry the seller nick and area, never a usable seller id.
XIANYU_FIELDS = ("listing_id", "title", "url", "price", "shop_name", "location")


def _want(x: SandboxListing, fields: tuple[str, ...]) -> dict[str, object]:
    row = x.listing_fields()
    return {k: row[k] for k in fields}


@pytest.mark.parametrize("keyword", SEARCH_KEYWORDS)
def test_jd_parser_reads_every_sandbox_page(quiet_server: SandboxServer, keyword: str) -> None:
    # JD's search is a signed API behind a login (sandbox/fronts/jd.py); calls signed as its page does.
    base = quiet_server.base_url
    cookies, tk = jd_front_test._cookies(base), jd_front_test._token(base, jd_front_test.FP)
    page = 1
    while True:
        url = jd_front_test._api_url(base, keyword, page, tk=tk)
        reply = http(url, cookies=cookies)
        assert jd_parser.detect_block(reply.status, reply.body, url) is None
        parsed = jd_parser.parse_search(reply.body, url, OBSERVED)
        expected = quiet_server.catalogue.search("jd", keyword, page, 30)
        assert parsed.blocked is None
        assert [{k: getattr(li, k) for k in JD_FIELDS} for li in parsed.listings] == [
            _want(x, JD_FIELDS) for x in expected.items]
        assert parsed.has_next == expected.has_next
        if not parsed.has_next:
            break
        page += 1
    assert page == expected.pages


def test_jd_parser_on_empty_item_shop_and_block_pages(quiet_server: SandboxServer) -> None:
    base = quiet_server.url("jd")
    cookies = jd_front_test._cookies(quiet_server.base_url)
    url = jd_front_test._api_url(quiet_server.base_url, "乒乓球拍", 1,
                                 tk=jd_front_test._token(quiet_server.base_url, jd_front_test.FP))
    empty = jd_parser.parse_search(http(url, cookies=cookies).body, url, OBSERVED)
    assert empty.listings == [] and not empty.has_next and empty.blocked is None

    x = next(x for x in quiet_server.catalogue.for_platform("jd") if x.shop.authorisation)
    item_url = f"{base}/item/{x.listing_id}.html"
    item = jd_parser.parse_item(http(item_url).body, item_url, OBSERVED)
    assert (item.listing_id, item.title, item.shop_id, item.shop_name) == (
        x.listing_id, x.title, x.shop.shop_id, x.shop.name)

    shop_url = f"{base}/index-{x.shop.shop_id}.html"
    seller = jd_parser.parse_shop(http(shop_url).body, shop_url)
    assert seller.shop_id == x.shop.shop_id and seller.credit_code == x.shop.credit_code
    assert seller.company_name == x.shop.company_name
    assert any(x.shop.authorisation.agent_code in mark for mark in seller.agent_marks)  # type: ignore[union-attr]

    for switch, reason in (("captcha", "captcha"), ("503", "server_error"), ("429", "rate_limited"),
                           ("login", "login")):
        reply = http(f"{url}&sw_fault={switch}", cookies=cookies)
        assert jd_parser.detect_block(reply.status, reply.body, url) == reason, switch
    wall = http(jd_parser.search_url(base, "电话卡", 1))
    landed = quiet_server.base_url + wall.headers["Location"]
    assert jd_parser.detect_block(200, http(landed).body, landed) == "login"


def _api(base: str, cookies: dict[str, str], keyword: str, page: int, extra: str = "") -> tuple[str, str]:
    data = json.dumps({"keyword": keyword, "pageNumber": page, "rowsPerPage": 30}, ensure_ascii=False)
    t = str(int(time.time() * 1000))
    sign = mtop_sign(cookies.get("_m_h5_tk", "").split("_")[0], t, data)
    url = f"{base}/xianyu/h5/{API}/1.0/?jsv=2.7.2&appKey={APP_KEY}&t={t}&sign={sign}&api={API}{extra}"
    reply = http(url, data={"data": data}, cookies=cookies)
    cookies.update(reply.set_cookies())
    return url, reply.body


def test_xianyu_parser_reads_every_api_page(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    cookies = {c["name"]: c["value"] for c in login_storage_state(base)["cookies"]}
    url, body = _api(base, cookies, "电话卡", 1)  # token handshake
    assert xianyu_parser.parse_search(body, url, OBSERVED).blocked == "login"
    for keyword in SEARCH_KEYWORDS:
        page = 1
        while True:
            url, body = _api(base, cookies, keyword, page)
            parsed = xianyu_parser.parse_search(body, url, OBSERVED)
            expected = quiet_server.catalogue.search("xianyu", keyword, page, 30)
            assert [{k: getattr(li, k) for k in XIANYU_FIELDS} for li in parsed.listings] == [
                _want(x, XIANYU_FIELDS) for x in expected.items]
            assert parsed.has_next == expected.has_next and parsed.total == expected.total
            if not parsed.has_next:
                break
            page += 1
    url, body = _api(base, cookies, "电话卡", 1, "&sw_fault=captcha")
    assert xianyu_parser.parse_search(body, url, OBSERVED).blocked == "captcha"
    punish = json.loads(body)["data"]["url"]
    assert xianyu_parser.detect_block(200, http(punish).body, punish) == "captcha"


def test_xianyu_login_wall_is_recognised(quiet_server: SandboxServer) -> None:
    url = xianyu_parser.search_url(quiet_server.url("xianyu"), "电话卡", 1)
    wall = http(url)
    landed = quiet_server.base_url + wall.headers["Location"]
    assert xianyu_parser.detect_block(200, http(landed).body, landed) == "login"
