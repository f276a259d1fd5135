"""The jd front's pages read by the crawler's own jd parser give back the catalogue (the other
fronts' catalogue→page→parser check is in their own front test, once per platform)."""

from __future__ import annotations

import pytest

from crawler.platforms import jd as jd_parser
from sandbox.catalogue import SEARCH_KEYWORDS, SandboxListing
from sandbox.server import SandboxServer
from tests.sandbox.conftest import http
from tests.sandbox.fronts import test_jd as jd_front_test

OBSERVED = "2026-01-15"
JD_FIELDS = ("listing_id", "title", "url", "price", "shop_name", "shop_id", "shop_url")


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
