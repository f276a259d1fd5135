"""The shared search spider: schedules keyword searches and hands pages to the platform parser.

A spider only crawls (DESIGN §1): parsing is the platform module's pure function, browser
routing is the middleware's, classification and storage are the pipelines'.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator, Iterable
from collections.abc import Set as AbstractSet
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.items import Listing, Seller
from crawler.middlewares import (
    PlatformStopped,
    platform_blocked_signal,
    platform_page_read_signal,
    record_block,
)
from crawler.platforms import PLATFORMS
from crawler.platforms.base import (
    SUSPECTED_BLOCK,
    NotSearchAnswer,
    PageFormatError,
    ParseResult,
    host_of,
    keep_platform_urls,
    parse_page,
    reroot_url,
    status_block,
)
from crawler.spidermiddlewares import LISTING_META

TRANSIENT_REASONS = frozenset({"rate_limited", "server_error"})
# One thread for every spider's page parsing: parsers hold the GIL, so more threads only fight
# over it (ebay bench: 3.5-4.3 s of CPU with asyncio.to_thread's pool, 2.0-2.7 s with one).
PARSER_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="simwatch-parse")


def is_search_answer(module: Any, url: str) -> bool:
    """Whether a response the browser page received is the platform's search answer: the
    module's exact matcher (``is_search_api``) when it has one, else its URL substring."""
    matcher = getattr(module, "is_search_api", None)
    if matcher is not None:
        return bool(matcher(url))
    marker = module.API_URL_MARKER
    return bool(marker) and marker in url


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
        # A page's other requests (its script, its signing call) that met a 429/5xx: if no
        # search answer then comes, the page was blocked, not changed (see _no_answer).
        self._side_blocks: dict[Any, str] = {}
        self._sim_classifier: Any = None
        # Document ids sighted in this run: RunDedupMiddleware lends its set at spider_opened,
        # so the parser can skip cards the run already holds (crawler/platforms/base.parse_page).
        self.sighted: AbstractSet[str] = frozenset()

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
        if is_search_answer(self.module, response.url):
            await self._record_answer(response)
        else:
            self._note_side_block(response)

    def _note_side_block(self, response: Any) -> None:
        """Remember a 429/5xx on one of the page's other requests (see _no_answer)."""
        reason = status_block(response.status)
        if reason in TRANSIENT_REASONS:
            self._side_blocks[response.frame.page] = reason

    def _no_answer(self, page: Any) -> ParseResult | None:
        """What a wait that received no search answer means: when one of the page's own requests
        met a 429/5xx the page was throttled before its script could ask (the sandbox's rate
        limit does this to the signing call), a transient block to retry, not layout drift."""
        reason = self._side_blocks.get(page)
        return ParseResult.block(reason) if reason else None

    async def _record_answer(self, response: Any) -> None:
        """Keep an API answer (URL, status, body) for the page that received it."""
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
        try:
            # Some first pages carry their results in the HTML itself (pinduoduo's
            # window.rawData) and make no API call at all. Only first pages: later pages
            # re-embed the first page's results and get their own from the API.
            embedded = self._embedded_result(response) if response.meta.get("page") == 1 else None
            if embedded is not None:
                return embedded
            result, _ = await self._next_answer(page, 0)
            return result
        finally:
            await self._close_page(response.meta)

    async def _next_answer(self, page: Any, seen: int) -> tuple[ParseResult | None, int]:
        """The first search answer after the ``seen`` bodies the page already received that is
        not a block (or the last block), and how many bodies are now read."""
        deadline = time.monotonic() + self.settings.getfloat("SIMWATCH_BROWSER_API_WAIT", 15.0)
        last: ParseResult | None = None
        while time.monotonic() < deadline and not page.is_closed():
            bodies = self._api_bodies.get(page, [])
            while seen < len(bodies):
                url, status, body = bodies[seen]
                seen += 1
                reason = self.module.detect_block(status, body, url)
                if reason is not None:
                    last = ParseResult.block(reason)
                    continue
                try:
                    last = await self._parse_off_reactor(body, url)
                except NotSearchAnswer:
                    # Another API's answer on a look-alike URL: neither parsed nor drift.
                    self.crawler.stats.inc_value(f"simwatch/{self.platform}/skipped_answers")
                    continue
                if last.blocked is None:
                    return last, seen
            # An expired token answers "login" once and the page retries by itself, so
            # only a block of another kind ends the wait early.
            if last is not None and last.blocked != "login":
                return last, seen
            await asyncio.sleep(0.1)
        return last or self._no_answer(page), seen

    def _parse(self, body: bytes, url: str) -> ParseResult:
        """The platform parser through parse_page: unexpected structures become PageFormatError
        and only the platform's own URLs (or the configured base URL's host) leave it."""
        return self._counted(parse_page(self.module, body, url, self.observed_at, self.base_url,
                                        self.sighted))

    async def _parse_off_reactor(self, body: bytes, url: str) -> ParseResult:
        """``_parse`` in the parser thread: an HTML results page costs 10-30 ms of CPU (ebay:
        ~50 cards), which on the reactor thread stalls every platform's requests
        (docs/THROUGHPUT.md). Parsers are pure functions; the counting stays on the reactor."""
        return self._counted(await asyncio.get_running_loop().run_in_executor(
            PARSER_THREAD, parse_page, self.module, body, url, self.observed_at, self.base_url,
            self.sighted))

    def _count_repeats(self, result: ParseResult) -> None:
        """Cards the parser skipped as sighted: what RunDedupMiddleware would have counted had
        they been yielded. Called where a page's listings are counted (never for pages walked
        again after a retry)."""
        if result.repeats:
            stats = self.crawler.stats
            stats.inc_value(f"simwatch/{self.platform}/listings", result.repeats)
            stats.inc_value(f"simwatch/{self.platform}/duplicates_in_run", result.repeats)

    def _counted(self, result: ParseResult) -> ParseResult:
        if result.dropped_urls:
            self.crawler.stats.inc_value(f"simwatch/{self.platform}/dropped_urls",
                                         result.dropped_urls)
        return result

    def _embedded_result(self, response: Response) -> ParseResult | None:
        try:
            result = self._parse(response.body, response.url)
        except PageFormatError:
            return None  # an HTML shell: the results come from the page's API call
        return result if result.read_any and result.blocked is None else None

    async def _close_page(self, meta: dict[str, Any]) -> None:
        """Close the page (the browser routing middleware recycles its context)."""
        page = meta["playwright_page"]
        self._api_bodies.pop(page, None)
        self._side_blocks.pop(page, None)
        await page.close()

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
            if getattr(self.module, "NEXT_PAGE_SELECTOR", None):
                async for out in self._pager_pages(response):
                    yield out
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
                result = await self._parse_off_reactor(response.body, response.url)
            except PageFormatError as exc:
                self._layout_drift(response, str(exc))
                return
        for out in self._emit(response, result, keyword, page):
            yield out
        if result.blocked is None and result.has_next and result.read_any and page < self.max_pages:
            yield self.search_request(keyword, page + 1)

    def _emit(self, response: Response, result: ParseResult, keyword: str,
              page: int) -> Iterable[Any]:
        """A parsed page's listings (or its block, counted and signalled)."""
        stats = self.crawler.stats
        if result.blocked is None and self._looks_soft_blocked(result, keyword, page):
            result.blocked = SUSPECTED_BLOCK
        if result.blocked:
            retry = self._blocked(response, result.blocked, page)
            if retry is not None:
                yield retry
            return
        # A page read: the session works, so earlier login walls were not "in a row".
        self.crawler.signals.send_catch_log(platform_page_read_signal, platform=self.platform)
        # An empty result the parser recognised as "no results" is not drift; an unrecognised
        # page raises PageFormatError above.
        self._count_repeats(result)
        for listing in result.listings:
            listing.keyword = keyword
            listing.page_url = response.url
            stats.inc_value(f"simwatch/{self.platform}/listings")
            item_page = self._item_page_request(listing)
            yield item_page if item_page is not None else listing

    def _looks_soft_blocked(self, result: ParseResult, keyword: str, page: int) -> bool:
        """Page 1 of one of the platform's common keywords (``common`` in the keywords file)
        answered 200 with nothing and no error, on a platform known to wall that way (shopee):
        a suspected block, not "no results"."""
        if not getattr(self.module, "SOFT_BLOCK_WHEN_EMPTY", False):
            return False
        if page != 1 or result.read_any or (result.total or 0) > 0:
            return False
        from crawler.platforms.keywords import KeywordConfigError, load_common_keywords

        try:
            common = load_common_keywords(self.settings.get("SIMWATCH_KEYWORDS_FILE"),
                                          platform=self.platform)
        except KeywordConfigError:
            return False
        return keyword in common

    # -- pager platforms (xianyu): the page's own "next" button makes the next API call ---------
    async def _pager_pages(self, response: Response) -> AsyncIterator[Any]:
        keyword, page = response.meta["keyword"], response.meta["page"]
        pw_page = response.meta["playwright_page"]
        seen = 0
        try:
            while True:
                try:
                    result, seen = await self._next_answer(pw_page, seen)
                except PageFormatError as exc:
                    self._layout_drift(response, str(exc))
                    return
                if result is None:
                    self._layout_drift(response, f"no API response received for page {page}")
                    return
                for out in self._emit(response, result, keyword, page):
                    yield out
                if result.blocked or not (result.has_next and result.read_any):
                    return
                if page >= self.max_pages:
                    return
                if not await self._click_next(pw_page):
                    self._layout_drift(response, f"pager has no enabled next button on page {page}")
                    return
                page += 1
                self.crawler.stats.inc_value(f"simwatch/{self.platform}/pages")
        finally:
            await self._close_page(response.meta)

    async def _click_next(self, pw_page: Any) -> bool:
        button = pw_page.locator(self.module.NEXT_PAGE_SELECTOR).first
        try:
            if not await button.count():
                return False
            await button.click(timeout=self.settings.getfloat("SIMWATCH_BROWSER_API_WAIT", 15.0)
                               * 1000)
        except Exception as exc:  # noqa: BLE001 - Playwright's errors: the pager is not there
            self.logger.warning("pager click failed on %s: %s", self.platform, exc)
            return False
        return True

    # -- item pages (amazon): the seller is only on the product page ---------------------------
    def _item_page_request(self, listing: Listing) -> scrapy.Request | None:
        """For a SIM listing without a shop, the product page that names the seller; the
        listing travels with the request and is yielded however the fetch ends."""
        if getattr(self.module, "parse_item", None) is None or not getattr(
            self.module, "ITEM_PAGE_FOR_SELLER", False
        ):
            return None
        if listing.shop_id or listing.shop_name or not listing.url:
            return None
        if not self._is_sim_listing(listing):
            return None
        url = listing.url
        if self.base_url.rstrip("/") != self.module.DEFAULT_BASE_URL.rstrip("/"):
            url = reroot_url(url, self.base_url)  # the sandbox serves /dp/ under its front
        self.crawler.stats.inc_value(f"simwatch/{self.platform}/item_pages_scheduled")
        return scrapy.Request(
            url, callback=self.parse_item_page, errback=self.item_page_failed,
            meta={"platform": self.platform, "download_slot": self.platform, "no_browser": True,
                  LISTING_META: listing},
        )

    def _is_sim_listing(self, listing: Listing) -> bool:
        if self._sim_classifier is None:
            from crawler.classifiers import Classifier

            # Rules only: whether the title offers SIM cards; authorisation comes later.
            self._sim_classifier = Classifier(matcher=None, use_model=False)
        return bool(self._sim_classifier.classify(listing).sim_listing)

    def parse_item_page(self, response: Response) -> Iterable[Listing]:
        listing: Listing = response.meta[LISTING_META]
        if response.meta.get("blocked_reason"):
            self.crawler.stats.inc_value(f"simwatch/{self.platform}/item_pages_failed")
            yield listing
            return
        try:
            item = self.module.parse_item(response.body, listing.url or response.url,
                                          self.observed_at)
        except Exception as exc:  # noqa: BLE001 - an unreadable item page never loses the listing
            self.crawler.stats.inc_value(f"simwatch/{self.platform}/item_pages_failed")
            self.logger.warning("item page %s not understood: %s", response.url, exc)
            yield listing
            return
        if item.listing_id == listing.listing_id:
            listing.shop_name = item.shop_name
            listing.shop_id = item.shop_id
            listing.shop_url = item.shop_url
        dropped = keep_platform_urls([listing], [host_of(self.base_url)])
        if dropped:
            self.crawler.stats.inc_value(f"simwatch/{self.platform}/dropped_urls", dropped)
        self.crawler.stats.inc_value(f"simwatch/{self.platform}/item_pages")
        yield listing

    def item_page_failed(self, failure: Failure) -> Iterable[Listing]:
        self.crawler.stats.inc_value(f"simwatch/{self.platform}/item_pages_failed")
        self.logger.warning("item page failed: %s", failure.getErrorMessage())
        yield failure.request.meta[LISTING_META]  # type: ignore[attr-defined]

    def _blocked(self, response: Response, reason: str, page: int) -> scrapy.Request | None:
        """A blocked results page: counted, signalled, and retried when the block is transient."""
        record_block(self.crawler.stats, self.platform, reason, response.url, response.status)
        self.crawler.signals.send_catch_log(platform_blocked_signal, platform=self.platform,
                                            reason=reason)
        return self._retry_transient(response, reason, page)

    def _retry_transient(self, response: Response, reason: str,
                         page: int | None = None) -> scrapy.Request | None:
        """Retry a browser page whose API call met a 429/5xx, like RetryMiddleware does for
        plain requests (the browser's own XHRs never pass through Scrapy's retry)."""
        if reason not in TRANSIENT_REASONS:
            return None
        tries = response.meta.get("api_retry_times", 0) + 1
        if tries > self.settings.getint("RETRY_TIMES", 2):
            self.crawler.stats.inc_value(f"simwatch/{self.platform}/failed_pages")
            return None
        self.crawler.stats.inc_value(f"simwatch/{self.platform}/api_retries")
        request = self.search_request(response.meta["keyword"], page or response.meta["page"])
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
        if failure.check(PlatformStopped):
            # not sent: the platform is stopped for the run (counted as skipped_after_block)
            self.logger.debug("not requested: %s (%s)", failure.getErrorMessage(), request.url)
            return
        self.crawler.stats.inc_value(f"simwatch/{self.platform}/failed_pages")
        self.logger.warning(
            "search page failed on %s: %s (%s)", self.platform, failure.getErrorMessage(),
            request.url,
        )
