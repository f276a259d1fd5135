"""The shopee front: /buyer/login wall, the search_items API behind its anti-bot header, item_basic
as in the real capture, read back by the real parser; error 90309999 as the captcha."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from crawler.platforms import shopee as parser
from sandbox.fronts.shopee import API_PATH, PER_PAGE, anti_bot_header
from sandbox.server import SandboxServer, login_storage_state
from tests.sandbox.conftest import Reply, default_plan_pages, http

OBSERVED = "2026-01-15"
FIELDS = ("listing_id", "title", "url", "price", "shop_name", "shop_id", "shop_url", "location")
CSRF = "0123456789abcdef"


def _session(base: str) -> dict[str, str]:
    return {c["name"]: c["value"] for c in login_storage_state(base)["cookies"]} | {"csrftoken": CSRF}


def _api(base: str, cookies: dict[str, str], keyword: str, page: int, *, header: str | None = None,
         extra: str = "") -> tuple[str, Reply]:
    import urllib.request

    path_query = (f"/shopee{API_PATH}?by=relevancy&keyword={quote(keyword, safe='')}&limit={PER_PAGE}"
                  f"&newest={(page - 1) * PER_PAGE}&order=desc&page_type=search{extra}")
    request = urllib.request.Request(base + path_query, headers={
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "af-ac-enc-dat": header if header is not None else anti_bot_header(path_query, CSRF)})
    with urllib.request.urlopen(request, timeout=10) as resp:
        return base + path_query, Reply(resp.status, resp.headers, resp.read().decode())


def test_api_pages_parse_to_the_catalogue(quiet_server: SandboxServer, fixtures_dir: Path) -> None:
    base = quiet_server.base_url
    cookies = _session(base)
    page = 1
    while True:
        url, reply = _api(base, cookies, "sim card", page)
        parsed = parser.parse_search(reply.body, url, OBSERVED)
        expected = quiet_server.catalogue.search("shopee", "sim card", page, PER_PAGE)
        assert parser.API_URL_MARKER in url and parsed.blocked is None
        assert [{k: getattr(x, k) for k in FIELDS} for x in parsed.listings] == [
            {k: x.listing_fields()[k] for k in FIELDS} for x in expected.items]
        assert parsed.has_next == expected.has_next and parsed.total == expected.total
        if not parsed.has_next:
            break
        page += 1
    assert page == expected.pages >= 3
    # item_basic has the real capture's keys with the same types.
    real = json.loads((fixtures_dir / "shopee" / "shopee_co_id_api_v4_shop_search_items_2024.json").read_text())
    ours = json.loads(reply.body)
    assert set(real) <= set(ours)
    for key in ("itemid", "shopid", "name", "price", "currency", "historical_sold", "shop_location", "stock"):
        assert type(ours["items"][0]["item_basic"][key]) is type(real["items"][0]["item_basic"][key]), key


def test_refusals_read_as_the_parser_expects(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    cookies = _session(base)
    url, reply = _api(base, cookies, "sim card", 1, header="")
    assert json.loads(reply.body)["error"] == 90309999
    assert parser.detect_block(200, reply.body, url) == "captcha"
    assert parser.parse_search(reply.body, url, OBSERVED).blocked == "captcha"
    url, reply = _api(base, cookies, "sim card", 1, extra="&sw_fault=captcha")
    assert parser.parse_search(reply.body, url, OBSERVED).blocked == "captcha"
    url, reply = _api(base, {"csrftoken": CSRF}, "sim card", 1)
    assert parser.parse_search(reply.body, url, OBSERVED).blocked == "login"
    url, reply = _api(base, cookies, "乒乓球拍", 1)
    empty = parser.parse_search(reply.body, url, OBSERVED)
    assert empty.blocked is None and empty.listings == [] and not empty.has_next


def test_search_page_redirects_to_buyer_login_without_a_session(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    url = parser.search_url(f"{base}/shopee", "sim card", 2)
    wall = http(url)
    assert wall.status == 302 and "/buyer/login" in wall.headers["Location"]
    landed = base + wall.headers["Location"]
    assert parser.detect_block(200, http(landed).body, landed) == "login"
    page = http(url, cookies=_session(base))
    assert page.status == 200 and parser.detect_block(200, page.body, url) is None
    assert '"page": 2' in page.body and "af-ac-enc-dat" in page.body  # URL page=1 counts from 0


def test_default_plan_blocks_the_page() -> None:
    with SandboxServer(seed=7, rate_limit=None) as base:
        _, page = default_plan_pages(base, "shopee", parser, _session(base))
        assert '"fault": "captcha"' in page.body


def test_silent_wall_reads_like_no_results_to_the_parser(quiet_server: SandboxServer, tmp_path: Path) -> None:
    # The parser cannot tell the silent wall from "no results" (the same 200 answer): the
    # spider can, because 'sim card' is a configured keyword and this is its first page.
    from scrapy.utils.project import get_project_settings
    from scrapy.utils.test import get_crawler

    from crawler.spiders.shopee import ShopeeSpider

    base = quiet_server.base_url
    url, reply = _api(base, _session(base), "sim card", 1, extra="&sw_fault=empty")
    walled = parser.parse_search(reply.body, url, OBSERVED)
    assert reply.status == 200 and walled.blocked is None and walled.listings == []
    keywords = tmp_path / "keywords.toml"
    keywords.write_text('[default]\nsets = ["sim"]\n[sets]\nsim = ["sim card"]\n'
                        '[platforms.shopee]\ncommon = ["sim card"]\n', encoding="utf-8")
    settings = {**dict(get_project_settings()), "TWISTED_REACTOR_ENABLED": False,
                "SIMWATCH_KEYWORDS_FILE": str(keywords)}
    spider = ShopeeSpider.from_crawler(get_crawler(ShopeeSpider, settings_dict=settings))
    assert spider._looks_soft_blocked(walled, "sim card", 1)
