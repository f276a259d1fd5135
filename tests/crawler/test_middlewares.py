"""Block detection and browser routing, on real platform modules and Scrapy objects."""

from __future__ import annotations

import asyncio
import json
from collections import deque
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred

from crawler.middlewares import BlockDetectionMiddleware, BrowserRoutingMiddleware


@pytest.fixture
def stats() -> MemoryStatsCollector:
    return MemoryStatsCollector(get_crawler(settings_dict={"TWISTED_REACTOR_ENABLED": False}))


def _request(platform: str, url: str = "https://search.jd.com/Search?keyword=x") -> Request:
    return Request(url, meta={"platform": platform})


def test_a_captcha_page_is_counted_and_stops_the_platform(stats: MemoryStatsCollector) -> None:
    mw = BlockDetectionMiddleware(stats, stop_on_captcha=True)
    body = "<html><head><title>安全验证 - 京东</title></head><body>请完成安全验证</body></html>"
    request = _request("jd")
    response = HtmlResponse(request.url, status=200, body=body.encode(), request=request)
    assert mw.process_response(request, response) is response
    assert request.meta["blocked_reason"] == "captcha"
    assert stats.get_value("simwatch/jd/blocked/captcha") == 1
    with pytest.raises(IgnoreRequest):
        mw.process_request(_request("jd"))
    assert stats.get_value("simwatch/jd/skipped_after_block") == 1
    mw.process_request(_request("xianyu"))  # other platforms go on


def test_a_503_is_counted_but_left_to_the_retry_middleware(stats: MemoryStatsCollector) -> None:
    mw = BlockDetectionMiddleware(stats, stop_on_captcha=True)
    request = _request("jd")
    response = HtmlResponse(request.url, status=503, body=b"busy", request=request)
    assert mw.process_response(request, response) is response
    assert "blocked_reason" not in request.meta
    assert stats.get_value("simwatch/jd/blocked/server_error") == 1
    mw.process_request(_request("jd"))  # a transient error does not stop the platform


def test_a_results_page_passes_untouched(stats: MemoryStatsCollector, fixtures_dir) -> None:
    mw = BlockDetectionMiddleware(stats, stop_on_captcha=True)
    body = (fixtures_dir / "jd" / "search_jd_com_keyword_dddd_2019.html").read_bytes()
    request = _request("jd")
    response = HtmlResponse(request.url, status=200, body=body, request=request)
    assert mw.process_response(request, response) is response
    assert "blocked_reason" not in request.meta
    assert not stats.get_value("simwatch/blocked_total")


def test_browser_platforms_are_routed_through_playwright(tmp_path, stats) -> None:
    (tmp_path / "xianyu.json").write_text('{"cookies": [], "origins": []}')
    mw = BrowserRoutingMiddleware(str(tmp_path), context_pages=2, stats=stats)
    plain = _request("ebay", "https://www.ebay.com/sch/i.html?_nkw=x")
    asyncio.run(mw.process_request(plain))
    assert "playwright" not in plain.meta
    jd = _request("jd")  # a login-gated search app since 2025/26: through the browser
    asyncio.run(mw.process_request(jd))
    assert jd.meta["playwright"] and jd.meta["playwright_context"] == "jd-0"
    pages = [_request("xianyu", f"http://127.0.0.1/xianyu/search?q={i}") for i in range(3)]
    for r in pages:
        asyncio.run(mw.process_request(r))
    assert all(r.meta["playwright"] and r.meta["playwright_include_page"] for r in pages)
    assert pages[0].meta["playwright_context_kwargs"]["storage_state"] == str(tmp_path / "xianyu.json")
    # Contexts are recycled every N pages to bound browser memory.
    assert [r.meta["playwright_context"] for r in pages] == ["xianyu-0", "xianyu-0", "xianyu-1"]
    # xianyu's desktop context carries no device overrides.
    assert "is_mobile" not in pages[0].meta["playwright_context_kwargs"]


def test_pinduoduo_gets_a_phone_browser(tmp_path, stats) -> None:
    mw = BrowserRoutingMiddleware(str(tmp_path), context_pages=2, stats=stats)
    request = _request("pinduoduo", "https://mobile.yangkeduo.com/search_result.html?search_key=x")
    asyncio.run(mw.process_request(request))
    kwargs = request.meta["playwright_context_kwargs"]
    assert kwargs["is_mobile"] is True and kwargs["has_touch"] is True
    assert kwargs["viewport"]["width"] < 500 and "Mobile" in kwargs["user_agent"]
    # The header scrapy-playwright sends must match navigator.userAgent, not the desktop default.
    assert request.headers["User-Agent"].decode() == kwargs["user_agent"]
    assert request.meta["playwright_context"] == "pinduoduo-0"


def test_a_429_slows_the_platform_down_for_the_run(stats: MemoryStatsCollector) -> None:
    from types import SimpleNamespace

    slot = SimpleNamespace(delay=0.0)
    mw = BlockDetectionMiddleware(stats, stop_on_captcha=True)
    mw.crawler = SimpleNamespace(engine=SimpleNamespace(downloader=SimpleNamespace(slots={"jd": slot})))
    request = Request("https://search.jd.com/Search?keyword=x", meta={"platform": "jd", "download_slot": "jd"})
    response = HtmlResponse(request.url, status=429, body=b"slow down", request=request,
                            headers={"Retry-After": "2"})
    assert mw.process_response(request, response) is response  # RetryMiddleware retries it
    assert slot.delay == 2.0
    mw.process_response(request, HtmlResponse(request.url, status=429, body=b"", request=request))
    assert slot.delay == 4.0  # no Retry-After: double
    assert stats.get_value("simwatch/jd/blocked/rate_limited") == 2


class _FakeContext:
    def __init__(self) -> None:
        self.closed = 0

    async def close(self) -> None:
        self.closed += 1


class _FakePage:
    def __init__(self, context: _FakeContext) -> None:
        self.context = context
        self.on_close: list[Any] = []

    def once(self, event: str, handler: Any) -> None:
        assert event == "close"
        self.on_close.append(handler)

    def is_closed(self) -> bool:
        return self.closed

    closed = False

    async def close(self) -> None:  # as Playwright: the "close" handlers run, each once
        self.closed = True
        handlers, self.on_close = self.on_close, []
        for handler in handlers:
            await handler(self)


def test_the_routing_middleware_closes_a_context_once_its_share_of_pages_closed(tmp_path, stats) -> None:
    mw = BrowserRoutingMiddleware(str(tmp_path), context_pages=2, stats=stats)
    contexts = {"xianyu-0": _FakeContext(), "xianyu-1": _FakeContext()}
    requests = [_request("xianyu", f"http://127.0.0.1/xianyu/search?q={i}") for i in range(3)]
    pages = []
    for request in requests:
        asyncio.run(mw.process_request(request))
        page = _FakePage(contexts[request.meta["playwright_context"]])
        request.meta["playwright_page"] = page
        pages.append(page)
    # a failed page is given back (closed) at once and counts too
    asyncio.run(mw.process_exception(requests[0], RuntimeError("timeout")))
    assert pages[0].closed and "playwright_page" not in requests[0].meta
    for request in requests[1:]:
        asyncio.run(mw.process_response(request, HtmlResponse(request.url, body=b"", request=request)))

    async def close_all() -> None:
        for page in pages:
            await page.close()

    asyncio.run(close_all())
    # Each page counted once; the first context's two pages closed it; the second context has
    # served one page of two and stays open.
    assert [c.closed for c in contexts.values()] == [1, 0]


def test_a_retried_request_gives_its_page_back_and_is_routed_afresh(tmp_path, stats) -> None:
    mw = BrowserRoutingMiddleware(str(tmp_path), context_pages=2, stats=stats)
    context = _FakeContext()
    request = _request("jd")
    asyncio.run(mw.process_request(request))
    page = request.meta["playwright_page"] = _FakePage(context)
    # A 429 is given its page back before RetryMiddleware (next in the response path) copies it.
    asyncio.run(mw.process_response(request, HtmlResponse(request.url, status=429, body=b"", request=request)))
    assert page.closed and not {"playwright", "playwright_page", "playwright_context"} & set(request.meta)
    assert mw.closed_pages == {"jd-0": 1} and context.closed == 0
    retry = request.copy()
    asyncio.run(mw.process_request(retry))
    # Routed again, so the context's share counts the retry's own (fresh) page.
    assert retry.meta["playwright"] and retry.meta["playwright_context"] == "jd-0"
    assert mw.page_counts["jd"] == 2
    fresh = retry.meta["playwright_page"] = _FakePage(context)
    asyncio.run(mw.process_response(retry, HtmlResponse(retry.url, body=b"", request=retry)))
    assert not fresh.closed  # a 200 keeps its page for the spider
    asyncio.run(fresh.close())
    assert mw.closed_pages == {"jd-0": 2} and context.closed == 1
    # A request that still reaches the downloader with an open page (a retry made elsewhere)
    # gives it back there.
    other = _request("jd", "https://search.jd.com/Search?keyword=y")
    asyncio.run(mw.process_request(other))
    held = other.meta["playwright_page"] = _FakePage(_FakeContext())
    asyncio.run(mw.process_request(other.copy()))
    assert held.closed


def test_cookie_domains_are_split_without_downloading_the_suffix_list() -> None:
    import scrapy.downloadermiddlewares.cookies as scrapy_cookies

    import crawler.middlewares  # noqa: F401 - replaces Scrapy's extractor on import

    assert scrapy_cookies._split_domain.suffix_list_urls == ()  # the bundled snapshot only
    assert scrapy_cookies._is_public_domain("co.uk") and not scrapy_cookies._is_public_domain("jd.com")


def _login_wall(mw: BlockDetectionMiddleware, platform: str = "jd") -> None:
    """A results request that the platform answers with its login page (as jd's passport)."""
    request = _request(platform)
    login = "https://passport.jd.com/new/login.aspx?ReturnUrl=https%3A%2F%2Fsearch.jd.com%2F"
    response = HtmlResponse(login, status=200, body=b"<html><title>x</title></html>", request=request)
    assert mw.process_response(request, response) is response
    assert request.meta["blocked_reason"] == "login"


def test_login_walls_in_a_row_stop_the_platform_as_login_required(stats: MemoryStatsCollector) -> None:
    mw = BlockDetectionMiddleware(stats, stop_on_captcha=True, login_wall_limit=3)
    _login_wall(mw)
    _login_wall(mw)
    mw.process_request(_request("jd"))  # two walls: still asking
    mw.platform_blocked("jd", "login")  # a wall met inside a browser page counts the same
    assert mw.stopped == {"jd": "login_required"}
    assert stats.get_value("simwatch/jd/stopped") == "login_required"
    assert stats.get_value("simwatch/jd/blocked/login") == 2  # (the spider counts its own)
    with pytest.raises(IgnoreRequest, match="login_required"):
        mw.process_request(_request("jd"))
    mw.process_request(_request("xianyu"))  # other platforms go on


def test_a_page_read_between_login_walls_keeps_the_platform_going(stats: MemoryStatsCollector) -> None:
    mw = BlockDetectionMiddleware(stats, stop_on_captcha=True, login_wall_limit=3)
    for _ in range(3):
        _login_wall(mw)
        _login_wall(mw)
        mw.page_read("jd")  # the session worked: the page refreshed its token by itself
    mw.platform_blocked("xianyu", "login")
    mw.platform_blocked("xianyu", "login")
    assert mw.stopped == {}  # 2 in a row on jd; walls of another platform are its own
    mw.process_request(_request("jd"))
    assert not BlockDetectionMiddleware(stats, True, login_wall_limit=0).stopped


def test_a_stop_fails_only_that_platforms_queued_requests(stats: MemoryStatsCollector) -> None:
    """The stopped platform's waiting requests fail (once); another platform's slot is untouched;
    the spider is left to run dry so pages already read still yield their listings."""
    failed: list[str] = []

    def queued(platform: str) -> tuple[Request, Deferred]:
        d: Deferred = Deferred()
        d.addErrback(lambda f: failed.append(f"{platform}: {f.value}"))
        return _request(platform), d

    class Slot:
        def __init__(self, platform: str) -> None:
            self.queue = deque([queued(platform), queued(platform)])

    slots = {"jd": Slot("jd"), "xianyu": Slot("xianyu")}

    class Crawler:
        engine = SimpleNamespace(downloader=SimpleNamespace(slots=slots))

    mw = BlockDetectionMiddleware(stats, True, Crawler(), login_wall_limit=2)  # type: ignore[arg-type]
    for _ in range(4):
        mw.platform_blocked("jd", "login")
    assert failed == ["jd: jd is blocked for this run (login_required)"] * 2
    assert len(slots["xianyu"].queue) == 2 and not slots["jd"].queue
    assert stats.get_value("simwatch/jd/skipped_after_block") == 2


def test_a_captcha_stop_is_the_platforms_finish_reason(stats: MemoryStatsCollector) -> None:
    from crawler.ops.runrecord import crawl_status
    from crawler.runner import PlatformReport

    mw = BlockDetectionMiddleware(stats, stop_on_captcha=True)
    mw.platform_blocked("jd", "captcha")
    stats.set_value("finish_reason", "finished")  # the spider ran dry normally
    report = PlatformReport.from_stats("jd", stats.get_stats())
    assert report.finish_reason == "captcha"
    status, reasons = crawl_status(stats.get_stats(), {"jd": report.finish_reason})
    assert status == "partial" and "jd: captcha" in reasons[-1]
    # with the stop switched off (the demo), a captcha is counted and the platform goes on
    calm = MemoryStatsCollector(get_crawler(settings_dict={"TWISTED_REACTOR_ENABLED": False}))
    BlockDetectionMiddleware(calm, stop_on_captcha=False).platform_blocked("jd", "captcha")
    assert calm.get_value("simwatch/jd/stopped") is None


RETRIED_CRAWL = """
import json, sys
from crawler.runner import run_crawl
from scrapy.utils.project import get_project_settings
off = dict.fromkeys(get_project_settings().getdict("ITEM_PIPELINES"))
report = run_crawl(["jd"], keywords=[f"k{i}" for i in range(int(sys.argv[2]))], max_pages=1,
                   require_sessions=False,
                   base_urls={"jd": sys.argv[1]},
                   settings_overrides={"ITEM_PIPELINES": off, "ELASTICSEARCH_URL": ""})
print(json.dumps(report.stats["jd"]))
"""


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("keywords", [4, 12])
def test_two_rate_limited_browser_pages_at_once_do_not_stall_the_platform(tmp_path, keywords: int) -> None:
    """The first two jd navigations (sent together: 2 per slot) answer 429; their retries wait
    in the slot behind the next two keywords, whose pages need the context's 2 page places.
    A retry that kept its page held those places while waiting: the crawl sat idle for good
    (two demo runs and CI). With 12 keywords the retries also wait in the scheduler while the
    engine's 8 downloader places are taken (pinduoduo's stall). Now each retried page is given
    back before the retry is made, and every keyword is read."""
    import os
    import subprocess
    import sys
    import threading
    from http.server import BaseHTTPRequestHandler
    from pathlib import Path
    from urllib.parse import parse_qs, urlsplit

    from tests.conftest import FIXTURES
    from tests.crawler.loopback import loopback_server, send

    page = (FIXTURES / "jd" / "search_jd_com_keyword_dddd_2019.html").read_bytes()  # 5 listings
    lock = threading.Lock()
    seen: dict[str, int] = {}

    def search(handler: BaseHTTPRequestHandler) -> None:
        keyword = parse_qs(urlsplit(handler.path).query)["keyword"][0]
        with lock:
            seen[keyword] = seen.get(keyword, 0) + 1
            first_two = seen[keyword] == 1 and len(seen) <= 2
        if first_two:  # a short Retry-After: the slot's back-off (1 s, then 2 s) paced every page
            send(handler, 429, b"<html><body>Too Many Requests</body></html>",
                 {"Content-Type": "text/html", "Retry-After": "0.2"})
        else:
            send(handler, 200, page)

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "SIMWATCH_PLATFORM_DELAY": "0", "SIMWATCH_HOME": str(tmp_path),
           "ELASTICSEARCH_URL": ""}
    with loopback_server({"/jd/Search": search}) as server:
        done = subprocess.run([sys.executable, "-c", RETRIED_CRAWL, f"{server.base_url}/jd", str(keywords)],
                              cwd=root, env=env, capture_output=True, text=True, timeout=150,
                              check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    stats = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(seen.values()) == [1] * (keywords - 2) + [2, 2], seen  # two retried once
    assert stats["simwatch/jd/pages"] == keywords and stats["simwatch/jd/blocked/rate_limited"] == 2
    assert stats.get("simwatch/jd/layout_drift", 0) == 0
