"""The amazon front: s-search-result pages read back by the real parser (sponsored label,
placeholders, last page), the product page's seller, and the robot check."""

from __future__ import annotations

from crawler.platforms import amazon as parser
from sandbox.fronts.amazon import PER_PAGE
from sandbox.server import SandboxServer
from tests.sandbox.conftest import default_plan_pages, http, no_results_url

OBSERVED = "2026-01-15"
FIELDS = ("listing_id", "title", "url", "price")  # the seller is only on the product page


def test_result_pages_parse_to_the_catalogue(quiet_server: SandboxServer) -> None:
    base = quiet_server.url("amazon")
    page = 1
    while True:
        url = parser.search_url(base, "sim card", page)
        reply = http(url)
        assert parser.detect_block(reply.status, reply.body, url) is None
        parsed = parser.parse_search(reply.body, url, OBSERVED)
        expected = quiet_server.catalogue.search("amazon", "sim card", page, PER_PAGE)
        assert [{k: getattr(x, k) for k in FIELDS} for x in parsed.listings] == [
            {k: x.listing_fields()[k] for k in FIELDS} for x in expected.items]
        assert parsed.has_next == expected.has_next
        if page == 1:
            assert "Sponsored Ad - " in reply.body  # and stripped by the parser (compared above)
        if not parsed.has_next:
            break
        page += 1
    assert page == expected.pages >= 3


def test_product_page_names_the_seller(quiet_server: SandboxServer) -> None:
    x = quiet_server.catalogue.for_platform("amazon")[7]
    url = f"{quiet_server.url('amazon')}/dp/{x.listing_id}"
    item = parser.parse_item(http(url).body, url, OBSERVED)
    assert (item.listing_id, item.title, item.price, item.shop_name, item.shop_id) == (
        x.listing_id, x.title, x.price, x.shop.name, x.shop.shop_id)
    assert item.shop_url == x.shop.url


def test_no_results_and_robot_check(quiet_server: SandboxServer) -> None:
    url = no_results_url(quiet_server, "amazon", parser)
    robot = http(parser.search_url(quiet_server.url("amazon"), "sim card", 1) + "&sw_fault=captcha")
    assert "Enter the characters you see below" in robot.body
    assert parser.detect_block(robot.status, robot.body, url) == "captcha"


def test_default_plan() -> None:
    with SandboxServer(seed=7, rate_limit=None) as server:
        first, robot = default_plan_pages(server, "amazon", parser)
        assert parser.detect_block(robot.status, robot.body, first) == "captcha"
