"""Downloader middlewares: browser routing per platform and block detection.

The choice of Playwright is made here, per platform, not in spiders (DESIGN: "chosen per domain
in a middleware"), so the same spider code runs on plain HTTP or in the browser.
"""

from __future__ import annotations

import logging
import weakref
from typing import TYPE_CHECKING, Any

import scrapy.downloadermiddlewares.cookies as scrapy_cookies
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from tldextract import TLDExtract
from twisted.python.failure import Failure

from crawler.platforms import PLATFORMS
from crawler.platforms.base import LOGIN as LOGIN_WALL
from crawler.sessions import storage_state_path
from crawler.settings import RETRY_HTTP_CODES

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

# Scrapy's cookie middleware splits domains with a TLDExtract that downloads the public-suffix
# list on first use (publicsuffix.org, then GitHub), logging tracebacks where that is refused. A
# crawl talks to the platforms only: use the snapshot tldextract ships instead.
if hasattr(scrapy_cookies, "_split_domain"):
    scrapy_cookies._split_domain = TLDExtract(suffix_list_urls=(), include_psl_private_domains=True)

# Reasons after which retrying the same platform in this run only digs the hole deeper.
RUN_STOPPING_REASONS = frozenset({"captcha"})
# Sent by a spider that finds a block inside a browser page (kwargs: platform, reason).
platform_blocked_signal = object()
# Sent by a spider for every results page it read (kwargs: platform): ends a run of login walls.
platform_page_read_signal = object()
# Why a platform stops after SIMWATCH_LOGIN_WALL_LIMIT login walls in a row with no page read in
# between: its session is gone (expired, revoked, never there), and every further request would
# only meet the wall again while telling the platform a robot keeps knocking. One wall alone can
# be a token the page refreshes by itself, hence "in a row".
LOGIN_REQUIRED = "login_required"
MAX_BACKOFF = 30.0  # seconds between requests to one platform after repeated 429s


class PlatformStopped(IgnoreRequest):
    """A request not sent: its platform is stopped for the run (captcha, login wall)."""


def platform_of(request: Request, spider: Spider | None = None) -> str | None:
    return request.meta.get("platform") or getattr(spider, "platform", None)


class BrowserRoutingMiddleware:
    """Send requests of platforms that need a logged-in browser through scrapy-playwright.

    It also owns context recycling: a long browser crawl stays bounded in memory by giving
    every ``SIMWATCH_BROWSER_CONTEXT_PAGES`` pages a fresh context (numbered here) and closing
    a context once that many of its pages have closed (scrapy-playwright then opens the next
    generation's context on demand). Spiders only close their pages.
    """

    def __init__(self, session_dir: str, context_pages: int, stats: StatsCollector,
                 retry_codes: frozenset[int] = frozenset(RETRY_HTTP_CODES)) -> None:
        self.session_dir = session_dir
        self.retry_codes = retry_codes
        self.context_pages = max(1, context_pages)
        self.stats = stats
        self.page_counts: dict[str, int] = {}  # pages routed, per platform
        self.closed_pages: dict[str, int] = {}  # pages closed, per context name
        # Pages already watched (a page is counted once, however it closes).
        self._watched: weakref.WeakSet[Any] = weakref.WeakSet()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BrowserRoutingMiddleware:
        return cls(
            crawler.settings.get("SIMWATCH_SESSIONS_DIR"),
            crawler.settings.getint("SIMWATCH_BROWSER_CONTEXT_PAGES"),
            crawler.stats,
            frozenset(int(code) for code in crawler.settings.getlist("RETRY_HTTP_CODES")),
        )

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        platform = platform_of(request, spider)
        module = PLATFORMS.get(platform or "")
        if module is None or not module.NEEDS_BROWSER or request.meta.get("no_browser"):
            return None
        if request.meta.get("playwright_page") is not None:
            await self._release_page(request)
        if "playwright" in request.meta:
            return None
        request.meta["playwright"] = True
        request.meta["playwright_include_page"] = True
        request.meta.setdefault("playwright_page_event_handlers", {"response": "on_browser_response"})
        count = self.page_counts.get(platform, 0)
        self.page_counts[platform] = count + 1
        request.meta["playwright_context"] = f"{platform}-{count // self.context_pages}"
        state = storage_state_path(self.session_dir, platform)
        kwargs: dict[str, object] = {"locale": "zh-CN"}
        # A platform may need a particular browser (pinduoduo: a phone's, with touch and a
        # mobile viewport). Its context is its own (named by platform), so nothing else shares it.
        device = getattr(module, "BROWSER_CONTEXT", None) or {}
        kwargs.update(device)
        user_agent = device.get("user_agent")
        if isinstance(user_agent, str):
            # scrapy-playwright sends the Scrapy request's User-Agent with the page's requests,
            # so the header must agree with navigator.userAgent.
            request.headers["User-Agent"] = user_agent
        if state is not None:
            kwargs["storage_state"] = str(state)
        request.meta["playwright_context_kwargs"] = kwargs
        return None

    async def _release_page(self, request: Request) -> None:
        """Close the page a request carries (counted towards the context it was opened in) and
        take the browser routing off the request, so that its retry is routed afresh and opens
        a page of its own only when it is actually sent.

        A retry that kept its page deadlocked the platform: RetryMiddleware re-sends a 429/5xx
        with its meta, open page included; the retry waits (in the scheduler, or in the slot's
        queue) behind requests that hold the slot's transfer places or the engine's downloader
        places while they wait for a page of the context, whose pages the waiting retries hold
        (two 429s at once, 2 pages per context: jd and pinduoduo sat idle for good). One page
        per routed request also keeps recycling from closing a context under a live page."""
        page = request.meta.pop("playwright_page")
        context_name = request.meta.get("playwright_context")
        if page.is_closed() and context_name is not None and page not in self._watched:
            self._watched.add(page)  # closed before anything watched it: count it now
            await self._page_closed(context_name, page)
        else:
            self._watch(request, page)
        for key in ("playwright", "playwright_context", "playwright_context_kwargs"):
            request.meta.pop(key, None)
        if not page.is_closed():
            await page.close()

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        # Ordered just before RetryMiddleware in the response path (settings): a page that
        # answered a status it retries is given back before the retry is made. Such a response
        # never reaches a callback (no spider allows 429/5xx), only an errback, which needs no page.
        if response.status in self.retry_codes and request.meta.get("playwright_page") is not None:
            await self._release_page(request)
        else:
            self._watch(request)
        return response

    async def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        # a failed navigation's page is of no further use: retried, it gets a fresh one
        if request.meta.get("playwright_page") is not None:
            await self._release_page(request)
        return None

    def _watch(self, request: Request, page: Any = None) -> None:
        """Count the request's page towards its context's share once the page closes."""
        page = page if page is not None else request.meta.get("playwright_page")
        context_name = request.meta.get("playwright_context")
        if page is None or context_name is None or page in self._watched:
            return
        self._watched.add(page)
        page.once("close", lambda closed: self._page_closed(context_name, closed))

    async def _page_closed(self, context_name: str, page: Any) -> None:
        done = self.closed_pages.get(context_name, 0) + 1
        self.closed_pages[context_name] = done
        if done == self.context_pages:
            await page.context.close()


class BlockDetectionMiddleware:
    """Recognise login walls, captchas, rate limits and server errors; count them per platform.

    Sits before RetryMiddleware in the response path (higher number), so every blocked
    response met is counted, including 429/5xx that a retry later clears. A captcha stops the
    platform for the rest of the run: further requests to it are dropped and counted.
    """

    def __init__(
        self, stats: StatsCollector, stop_on_captcha: bool, crawler: Crawler | None = None,
        login_wall_limit: int = 3,
    ) -> None:
        self.stats = stats
        self.stop_on_captcha = stop_on_captcha
        self.crawler = crawler  # for the downloader's slots (back-off); optional in unit tests
        self.login_wall_limit = login_wall_limit  # 0: never stop for login walls
        self.stopped: dict[str, str] = {}
        self.login_walls: dict[str, int] = {}  # login walls in a row, per platform

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BlockDetectionMiddleware:
        mw = cls(crawler.stats, crawler.settings.getbool("SIMWATCH_STOP_PLATFORM_ON_CAPTCHA"),
                 crawler, crawler.settings.getint("SIMWATCH_LOGIN_WALL_LIMIT", 3))
        crawler.signals.connect(mw.platform_blocked, signal=platform_blocked_signal)
        crawler.signals.connect(mw.page_read, signal=platform_page_read_signal)
        return mw

    def back_off(self, request: Request, response: Response) -> None:
        """After a 429, slow the platform's download slot down for the rest of the run.

        The delay becomes the server's Retry-After (or double the current delay, at least 1 s),
        capped at MAX_BACKOFF; a polite crawler never speeds up again within a run.
        """
        slot_key = request.meta.get("download_slot")
        downloader = getattr(getattr(self.crawler, "engine", None), "downloader", None)
        slot = downloader.slots.get(slot_key) if downloader is not None and slot_key else None
        if slot is None:
            return
        retry_after = response.headers.get(b"Retry-After")
        try:
            wanted = float(retry_after) if retry_after else max(1.0, slot.delay * 2)
        except ValueError:
            wanted = max(1.0, slot.delay * 2)
        slot.delay = min(max(slot.delay, wanted), MAX_BACKOFF)
        self.stats.max_value(f"simwatch/{request.meta.get('platform')}/backoff_delay", slot.delay)

    def platform_blocked(self, platform: str, reason: str) -> None:
        """Signal handler: a spider found a block inside a browser page (captcha JSON etc.)."""
        self.blocked(platform, reason)

    def blocked(self, platform: str, reason: str) -> None:
        """A block met on ``platform``: a captcha stops it at once, login walls after a few in a row."""
        if self.stop_on_captcha and reason in RUN_STOPPING_REASONS:
            self.stop(platform, reason, f"{platform} answered with a captcha: no more requests to "
                      "it in this run (a captcha is not solved or bypassed)")
        if reason == LOGIN_WALL:
            self.login_wall(platform)

    def page_read(self, platform: str) -> None:
        """Signal handler: a results page was read, so the session works (for now)."""
        self.login_walls.pop(platform, None)

    def login_wall(self, platform: str) -> None:
        """One more login wall in a row; at the limit the platform stops for the rest of the
        run and its spider closes with ``login_required`` (the run is then not succeeded)."""
        walls = self.login_walls[platform] = self.login_walls.get(platform, 0) + 1
        if not self.login_wall_limit or walls < self.login_wall_limit:
            return
        self.stop(platform, LOGIN_REQUIRED, f"{platform} answered with its login wall {walls} times "
                  f"in a row: no more requests to it in this run; log in again with "
                  f"`simwatch login {platform}`")

    def stop(self, platform: str, reason: str, message: str) -> None:
        """Stop ``platform`` for the rest of the run. Its queued and later requests fail, so its
        spider runs dry; pages already read still yield their listings (closing the spider here
        would lose them). ``simwatch/<platform>/stopped`` becomes the platform's finish reason,
        so the run records that it did not finish (its status is then not succeeded)."""
        if platform in self.stopped:
            return
        self.stopped[platform] = reason
        self.stats.set_value(f"simwatch/{platform}/stopped", reason)
        logger.error("%s", message)
        engine = getattr(self.crawler, "engine", None)
        if engine is not None:  # unit tests without an engine: later requests are dropped all the same
            self._drop_queued(engine, platform)

    def _drop_queued(self, engine: Any, platform: str) -> None:
        """Fail the platform's requests that wait in its download slot. Scrapy lets up to
        CONCURRENT_REQUESTS past process_request and the slot sends ``concurrency`` of them at a
        time, so without this they would still reach the platform while the spider closes (the
        engine waits for every request it handed to the downloader)."""
        slot = getattr(getattr(engine, "downloader", None), "slots", {}).get(platform)  # spiders' slot = platform
        while slot is not None and slot.queue:
            request, queued = slot.queue.popleft()
            self.stats.inc_value(f"simwatch/{platform}/skipped_after_block")
            queued.errback(Failure(PlatformStopped(f"{platform} is blocked for this run "
                                                 f"({self.stopped[platform]})")))

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        platform = platform_of(request, spider)
        if platform and platform in self.stopped:
            self.stats.inc_value(f"simwatch/{platform}/skipped_after_block")
            raise PlatformStopped(f"{platform} is blocked for this run ({self.stopped[platform]})")
        return None

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        platform = platform_of(request, spider)
        module = PLATFORMS.get(platform or "")
        if module is None or request.meta.get("skip_block_detection"):
            return response
        reason = module.detect_block(response.status, response.body, response.url)
        if reason is None:
            return response
        record_block(self.stats, platform, reason, response.url, response.status)
        if reason == "rate_limited":
            self.back_off(request, response)
        self.blocked(platform, reason)
        if response.status >= 400:
            return response  # RetryMiddleware / HttpErrorMiddleware take it from here
        # A 200 page that is really a login wall or captcha must never be parsed as "no listings".
        request.meta["blocked_reason"] = reason
        return response



def record_block(
    stats: StatsCollector, platform: str | None, reason: str, url: str, status: int | None
) -> None:
    stats.inc_value(f"simwatch/{platform}/blocked/{reason}")
    stats.inc_value("simwatch/blocked_total")
    logger.warning("blocked page on %s: %s (status %s) %s", platform, reason, status, url)


__all__ = [
    "BlockDetectionMiddleware",
    "BrowserRoutingMiddleware",
    "PlatformStopped",
    "platform_blocked_signal",
    "platform_page_read_signal",
    "record_block",
]
