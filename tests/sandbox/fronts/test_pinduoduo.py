"""The pinduoduo front: login wall, window.rawData with the server-rendered first page, the
scroll-driven /proxy/api/search answers with their anti_content and flip checks, read back by the
real parser."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from crawler.platforms import pinduoduo as parser
from sandbox.fronts.pinduoduo import API_PATH, PER_PAGE, anti_content, anti_nonce, flip_for
from sandbox.server import SandboxServer, login_storage_state
from tests.sandbox.conftest import http

OBSERVED = "2026-01-15"
FIELDS = ("listing_id", "title", "url", "price", "shop_name", "shop_id", "shop_url")


def _session(base: str) -> dict[str, str]:
    return {c["name"]: c["value"] for c in login_storage_state(base)["cookies"]}


def _api(server: SandboxServer, cookies: dict[str, str], keyword: str, page: int, *, anti: str | None = None,
         extra: str = "", flip: str | None = None) -> tuple[str, str]:
    token = anti if anti is not None else anti_content(anti_nonce(server.state, keyword), keyword, page)
    cursor = flip if flip is not None else (flip_for(keyword, page - 1) if page > 1 else "")
    query = urlencode({"source": "search", "search_key": keyword, "page": page, "size": PER_PAGE,
                       "flip": cursor, "anti_content": token})
    url = f"{server.base_url}/pinduoduo{API_PATH}?{query}{extra}"
    return url, http(url, cookies=cookies).body


def _want(x: object) -> dict[str, object]:
    row = x.listing_fields()  # type: ignore[attr-defined]
    return {k: row[k] for k in FIELDS}


def test_api_pages_parse_to_the_catalogue(quiet_server: SandboxServer) -> None:
    cookies = _session(quiet_server.base_url)
    page = 1
    while True:
        url, body = _api(quiet_server, cookies, "流量卡", page)
        parsed = parser.parse_search(body, url, OBSERVED)
        expected = quiet_server.catalogue.search("pinduoduo", "流量卡", page, PER_PAGE)
        assert parser.API_URL_MARKER in url and parsed.blocked is None
        assert [{k: getattr(x, k) for k in FIELDS} for x in parsed.listings] == [_want(x) for x in expected.items]
        assert parsed.has_next == expected.has_next
        if not parsed.has_next:
            break
        page += 1
    assert page == expected.pages >= 3


def test_a_scroll_call_must_continue_the_list(quiet_server: SandboxServer) -> None:
    cookies = _session(quiet_server.base_url)
    # Page 2 without page 1's flip is not a call the page makes: a verification answer.
    url, body = _api(quiet_server, cookies, "流量卡", 2, flip="")
    assert parser.parse_search(body, url, OBSERVED).blocked == "captcha"
    url, body = _api(quiet_server, cookies, "流量卡", 3, flip=flip_for("流量卡", 1))
    assert parser.parse_search(body, url, OBSERVED).blocked == "captcha"


def test_search_page_embeds_raw_data_of_the_first_page(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    url = parser.search_url(f"{base}/pinduoduo", "号卡", 2)
    assert "page=" not in url  # one page URL per keyword: the rest comes by scrolling
    reply = http(url + "&page=2", cookies=_session(base))  # an invented &page=N is ignored
    assert reply.status == 200 and parser.detect_block(200, reply.body, url) is None
    parsed = parser.parse_search(reply.body, url, OBSERVED)
    expected = quiet_server.catalogue.search("pinduoduo", "号卡", 1, PER_PAGE)
    # The server-rendered list carries no mall (as the real one); the rest matches.
    fields = ("listing_id", "title", "url", "price")
    assert [{k: getattr(x, k) for k in fields} for x in parsed.listings] == [
        {k: x.listing_fields()[k] for k in fields} for x in expected.items]
    assert parsed.has_next == expected.has_next
    assert "sandboxMd5" in reply.body and "proxy/api/search" in reply.body and "scroll" in reply.body


def test_refusals_read_as_the_parser_expects(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    cookies = _session(base)
    wall = http(parser.search_url(f"{base}/pinduoduo", "号卡", 1))
    landed = base + wall.headers["Location"]
    assert wall.status == 302 and parser.detect_block(200, http(landed).body, landed) == "login"
    url, body = _api(quiet_server, {}, "号卡", 1)
    assert json.loads(body)["error_code"] == 40001 and parser.parse_search(body, url, OBSERVED).blocked == "login"
    url, body = _api(quiet_server, cookies, "号卡", 1, anti="0as" + "0" * 32)
    assert parser.parse_search(body, url, OBSERVED).blocked == "captcha"
    url, body = _api(quiet_server, cookies, "号卡", 1, extra="&sw_fault=captcha")
    assert parser.detect_block(200, body, url) == "captcha"
    verify = base + json.loads(body)["verify_url"]
    assert parser.detect_block(200, http(verify).body, verify) == "captcha"
    url, body = _api(quiet_server, cookies, "乒乓球拍", 1)
    empty = parser.parse_search(body, url, OBSERVED)
    assert empty.blocked is None and empty.listings == [] and not empty.has_next


def test_default_plan_blocks_the_page_load_and_a_scroll_call() -> None:
    server = SandboxServer(seed=7, rate_limit=None)
    server.start()
    try:
        base = server.base_url
        assert base is not None
        cookies = _session(base)
        first = parser.search_url(f"{base}/pinduoduo", "手机卡", 1)
        assert http(first, cookies=cookies).status == 503 and http(first, cookies=cookies).status == 200
        # Page 2 of the other keyword is a scroll call: the captcha meets it there, and stays.
        assert http(parser.search_url(f"{base}/pinduoduo", "流量卡", 1), cookies=cookies).status == 200
        for _ in range(2):
            url, body = _api(server, cookies, "流量卡", 2)
            assert parser.parse_search(body, url, OBSERVED).blocked == "captcha"
    finally:
        server.stop()


def test_client_rendered_page_carries_no_list_and_page_1_comes_from_the_api(quiet_server: SandboxServer) -> None:
    base = quiet_server.base_url
    cookies = _session(base) | {"sw_render": "client"}
    url = parser.search_url(f"{base}/pinduoduo", "号卡", 1)
    reply = http(url, cookies=cookies)
    assert reply.status == 200 and '"list"' not in reply.body.split("window.rawData = ", 1)[1].split(";</script>")[0]
    waiting = parser.parse_search(reply.body, url, OBSERVED)
    assert waiting.listings == [] and waiting.has_next and waiting.total is None  # not "no results"
    api_url, body = _api(quiet_server, cookies, "号卡", 1)
    first = parser.parse_search(body, api_url, OBSERVED)
    assert [x.listing_id for x in first.listings] == [
        x.listing_id for x in quiet_server.catalogue.search("pinduoduo", "号卡", 1, PER_PAGE).items]

