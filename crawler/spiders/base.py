"""The shared search spider: schedules keyword searches and hands pages to the platform parser.

A spider only crawls (DESIGN §1): parsing is the platform module's pure function, browser
routing is the middleware's, classification and storage are the pipelines'.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.items import Seller
from crawler.middlewares import platform_blocked_signal, record_block
from crawler.platforms import PLATFORMS
from crawler.platforms.base import PageFormatError, ParseResult

TRANSIENT_REASONS = frozenset({"rate_limited", "server_error"})


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value]


class SearchSpider(scrapy.Spider):
    """Search a marketplace for each keyword, following result pages up to ``max_pages``.

    Arguments (``-a`` on the command line or keyword arguments): ``keywords`` (comma separated;
    default: the platform's set in the keywords file), ``max_pages``, ``base_url``
    (default: settings ``SIMWATCH_BASE_URLS`` or the platform's real site), ``observed_at``.
    """

    platform: ClassVar[str] = ""

    def __init__(
        self,
        keywords: str | Iterable[str] | None = None,
        max_pages: int | str | None = None,
        base_url: str | None = None,
        observed_at: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.module = PLATFORMS[self.platform]
        self._keywords_arg = _as_list(keywords)
        self._max_pages_arg = int(max_pages) if max_pages else None
        self._base_url_arg = base_url
        self.observed_at = observed_at or dt.date.today().isoformat()
        self._api_bodies: dict[Any, list[tuple[str, int, bytes]]] = {}
        self._generation_pages: dict[int, int] = {}

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        """A resumable crawl (``SIMWATCH_JOBDIR``) keeps each spider's frontier journal in its
        own sub-directory; an item is acknowledged only once the Elasticsearch pipeline has
        stored its batch (in Elasticsearch or the spool), so a SIGKILL loses nothing
        (crawler/ops/resume.py, crawler/pipelines/elasticsearch.py)."""
        super().update_settings(settings)
        jobdir = settings.get("SIMWATCH_JOBDIR")
        if not jobdir:
            return
        from crawler.ops.resume import resume_settings

        overlay = resume_settings(Path(jobdir) / cls.name)
        overlay["SPIDER_MIDDLEWARES"] = {**settings.getdict("SPIDER_MIDDLEWARES"),
                                         **overlay["SPIDER_MIDDLEWARES"]}
        settings.setdict(overlay, priority="spider")

    # -- configuration resolved once the crawler (and its settings) is attached ----------------
    @property
    def base_url(self) -> str:
        if self._base_url_arg:
            return self._base_url_arg.rstrip("/")
        configured = self.settings.getdict("SIMWATCH_BASE_URLS").get(self.platform)
        return (configured or self.module.DEFAULT_BASE_URL).rstrip("/")

    @property
    def max_pages(self) -> int:
        return self._max_pages_arg or self.settings.getint("SIMWATCH_MAX_PAGES", 5)

    def keywords(self) -> list[str]:
        if self._keywords_arg:
            return self._keywords_arg
        from crawler.platforms.keywords import load_keywords

        return load_keywords(self.settings.get("SIMWATCH_KEYWORDS_FILE"), platform=self.platform)

    # -- requests -------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        # Scrapy >= 2.13 starts spiders here; start_requests() below keeps older callers working.
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterable[scrapy.Request]:
        for keyword in self.keywords():
            yield self.search_request(keyword, 1)

    def search_request(self, keyword: str, page: int) -> scrapy.Request:
        url = self.module.search_url(self.base_url, keyword, page)
        return scrapy.Request(
            url,
            callback=self.parse_results,
            errback=self.search_failed,
            meta={
                "platform": self.platform,
                "keyword": keyword,
                "page": page,
                "download_slot": self.platform,
            },
            # Page 2 of a keyword may legitimately repeat a URL of another keyword's page;
            # fingerprints already tell them apart, so no dont_filter here.
        )

    # -- browser pages: read the JSON the platform's own page receives -------------------------
    async def on_browser_response(self, response: Any) -> None:
        marker = self.module.API_URL_MARKER
        if not marker or marker not in response.url:
            return
        try:
            body = await response.body()
        except Exception:  # the page navigated away before the body was read
            return
        self._api_bodies.setdefault(response.frame.page, []).append(
            (response.url, response.status, body)
        )

    async def _browser_result(self, response: Response) -> ParseResult | None:
        """Wait for the page's API responses and parse the newest one that is not a block."""
        page = response.meta["playwright_page"]
        deadline = time.monotonic() + self.settings.getfloat("SIMWATCH_BROWSER_API_WAIT", 15.0)
        last: ParseResult | None = None
        seen = 0
        try:
            # Some first pages carry their results in the HTML itself (pinduoduo's
            # window.rawData) and make no API call at all. Only first pages: later pages
            # re-embed the first page's results and get their own from the API.
            embedded = self._embedded_result(response) if response.meta.get("page") == 1 else None
            if embedded is not None:
                return embedded
            while time.monotonic() < deadline and not page.is_closed():
                bodies = self._api_bodies.get(page, [])
                for url, status, body in bodies[seen:]:
                    reason = self.module.detect_block(status, body, url)
                    if reason is not None:
                        last = ParseResult.block(reason)
                        continue
                    last = self.module.parse_search(body, url, self.observed_at)
                    if last.blocked is None:
                        return last
                seen = len(bodies)
                # An expired token answers "login" once and the page retries by itself, so
                # only a block of another kind ends the wait early.
                if last is not None and last.blocked != "login":
                    return last
                await asyncio.sleep(0.1)
            return last
        finally:
            await self._close_page(response.meta)

    def _embedded_result(self, response: Response) -> ParseResult | None:
        try:
            result = self.module.parse_search(response.body, response.url, self.observed_at)
        except PageFormatError:
            return None  # an HTML shell: the results come from the page's API call
        return result if result.listings and result.blocked is None else None

    async def _close_page(self, meta: dict[str, Any]) -> None:
        """Close the page; close its context once the context has served its share of pages.

        Recycling contexts keeps a long browser crawl's memory bounded (scrapy-playwright drops
        a closed context and opens a fresh one for the next generation's requests). Failed
        pages count towards the share too: they used the context as much as parsed ones.
        """
        page = meta["playwright_page"]
        self._api_bodies.pop(page, None)
        context = page.context
        await page.close()
        generation = meta.get("browser_generation")
        if generation is None:
            return
        done = self._generation_pages.get(generation, 0) + 1
        self._generation_pages[generation] = done
        if done >= self.settings.getint("SIMWATCH_BROWSER_CONTEXT_PAGES", 50):
            await context.close()

    # -- callbacks ------------------------------------------------------------------------------
    async def parse_results(self, response: Response) -> AsyncIterator[Any]:
        keyword = response.meta["keyword"]
        page = response.meta["page"]
        stats = self.crawler.stats
        stats.inc_value(f"simwatch/{self.platform}/pages")

        blocked = response.meta.get("blocked_reason")
        if "playwright_page" in response.meta:
            if blocked:
                await self._close_page(response.meta)
                return
            try:
                result = await self._browser_result(response)
            except PageFormatError as exc:
                self._layout_drift(response, str(exc))
                return
            if result is None:
                # The page loaded but never received its API answer: the layout (or the
                # page's script) changed, or the session silently stopped working.
                self._layout_drift(response, "no API response received")
                return
        else:
            if blocked:
                return
            try:
                result = self.module.parse_search(response.body, response.url, self.observed_at)
            except PageFormatError as exc:
                self._layout_drift(response, str(exc))
                return

        if result.blocked:
            record_block(stats, self.platform, result.blocked, response.url, response.status)
            self.crawler.signals.send_catch_log(
                platform_blocked_signal, platform=self.platform, reason=result.blocked
            )
            retry = self._retry_transient(response, result.blocked)
            if retry is not None:
                yield retry
            return
        # An empty result the parser recognised as "no results" is not drift; an unrecognised
        # page raises PageFormatError above.
        for listing in result.listings:
            listing.keyword = keyword
            listing.page_url = response.url
            stats.inc_value(f"simwatch/{self.platform}/listings")
            yield listing
        if result.has_next and result.listings and page < self.max_pages:
            yield self.search_request(keyword, page + 1)

    def _retry_transient(self, response: Response, reason: str) -> scrapy.Request | None:
        """Retry a browser page whose API call met a 429/5xx, like RetryMiddleware does for
        plain requests (the browser's own XHRs never pass through Scrapy's retry)."""
        if reason not in TRANSIENT_REASONS:
            return None
        tries = response.meta.get("api_retry_times", 0) + 1
        if tries > self.settings.getint("RETRY_TIMES", 2):
            self.crawler.stats.inc_value(f"simwatch/{self.platform}/failed_pages")
            return None
        self.crawler.stats.inc_value(f"simwatch/{self.platform}/api_retries")
        request = self.search_request(response.meta["keyword"], response.meta["page"])
        request.meta["api_retry_times"] = tries
        return request.replace(dont_filter=True)

    def parse_shop_page(self, response: Response) -> Iterable[Seller]:
        """A flagged seller's shop page: the licence facts it shows, as a Seller item."""
        if response.meta.get("blocked_reason"):
            return
        meta = response.meta
        try:
            seller = self.module.parse_shop(response.body, meta["shop_url"])
        except PageFormatError as exc:
            self.crawler.stats.inc_value(f"simwatch/{self.platform}/shop_pages_failed")
            self.logger.warning("shop page %s not understood: %s", response.url, exc)
            return
        seller.shop_id = meta.get("shop_id") or seller.shop_id
        seller.shop_name = meta.get("shop_name") or seller.shop_name
        seller.shop_url = meta["shop_url"]
        self.crawler.stats.inc_value(f"simwatch/{self.platform}/shop_pages")
        yield seller

    def shop_page_failed(self, failure: Failure) -> None:
        self.crawler.stats.inc_value(f"simwatch/{self.platform}/shop_pages_failed")
        self.logger.warning("shop page failed: %s", failure.getErrorMessage())

    def _layout_drift(self, response: Response, why: str) -> None:
        self.crawler.stats.inc_value(f"simwatch/{self.platform}/layout_drift")
        self.logger.error(
            "layout_drift on %s: %s (%s); the parser or the page changed", self.platform, why,
            response.url,
        )

    async def search_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        if request.meta.get("playwright_page") is not None:
            await self._close_page(request.meta)
        self.crawler.stats.inc_value(f"simwatch/{self.platform}/failed_pages")
        self.logger.warning(
            "search page failed on %s: %s (%s)", self.platform, failure.getErrorMessage(),
            request.url,
        )
