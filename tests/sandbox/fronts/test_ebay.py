"""The ebay front: s-card result pages read back by the real parser, the placeholder card, the
last page, no results, and the /splashui/captcha redirect."""

from __future__ import annotations

from crawler.platforms import ebay as parser
from sandbox.fronts.ebay import PER_PAGE
from sandbox.server import SandboxServer
from tests.sandbox.conftest import default_plan_pages, http, no_results_url

OBSERVED = "2026-01-15"
FIELDS = ("listing_id", "title", "url", "price", "shop_name", "shop_id", "shop_url", "location")


def test_result_pages_parse_to_the_catalogue(quiet_server: SandboxServer) -> None:
    base = quiet_server.url("ebay")
    for keyword in ("prepaid sim", "china sim card"):
        page = 1
        while True:
            url = parser.search_url(base, keyword, page)
            reply = http(url)
            assert parser.detect_block(reply.status, reply.body, url) is None
            parsed = parser.parse_search(reply.body, url, OBSERVED)
            expected = quiet_server.catalogue.search("ebay", keyword, page, PER_PAGE)
            assert [{k: getattr(x, k) for k in FIELDS} for x in parsed.listings] == [
                {k: x.listing_fields()[k] for k in FIELDS} for x in expected.items]
            assert parsed.has_next == expected.has_next
            if not parsed.has_next:
                break
            page += 1
        assert page == expected.pages
    assert "Shop on eBay" in reply.body  # the placeholder card is there, and skipped
    # The badge and the carousel of repeats (at another price) were on the pages read above.
    assert ">New listing</span>" in reply.body and "srp-items-carousel" in reply.body


def test_no_results_and_blocks(quiet_server: SandboxServer) -> None:
    url = no_results_url(quiet_server, "ebay", parser)
    base = quiet_server.url("ebay")
    captcha = http(parser.search_url(base, "sim card", 1) + "&sw_fault=captcha")
    assert captcha.status == 302 and "/splashui/captcha" in captcha.headers["Location"]
    landed = quiet_server.base_url + captcha.headers["Location"]
    assert parser.detect_block(200, http(landed).body, landed) == "captcha"
    unavailable = http(parser.search_url(base, "sim card", 1) + "&sw_fault=503")
    assert parser.detect_block(unavailable.status, unavailable.body, url) == "server_error"


def test_default_plan() -> None:
    with SandboxServer(seed=7, rate_limit=None) as server:
        _, captcha = default_plan_pages(server, "ebay", parser)
        assert captcha.status == 302
