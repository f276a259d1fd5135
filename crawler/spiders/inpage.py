"""Search spiders whose platform pages inside one browser page: the spider loads the search page
once per keyword and then drives the page's own control for every further results page (JD's
下一页 button, Pinduoduo's infinite scroll), reading the JSON answer the page's script receives
for each (DESIGN principle 2: the page signs its own calls).

A results page that meets a transient block (429/5xx) is retried by reloading the keyword's
search page and walking to that page again; pages before it are not yielded or counted twice.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.platforms import base as platform_base
from crawler.platforms.base import PageFormatError, ParseResult
from crawler.spiders.base import SearchSpider

# Another API's answer on a look-alike URL, when crawler/platforms/base.py defines it (platr's
# branch): skipped, neither parsed nor drift. Until then nothing raises it.
_NOT_SEARCH_ANSWER: type[Exception] = getattr(platform_base, "NotSearchAnswer", type("_Never", (Exception,), {}))


class InPagePagingSpider(SearchSpider):
    """SearchSpider for browser platforms that page in place. Subclasses implement
    :meth:`next_page`. The page's search answers are recorded by SearchSpider.on_browser_response
    (``is_search_answer``): each page serves one request, since BrowserRoutingMiddleware gives a
    retried request's page back, so the handler sees each answer once."""

    async def next_page(self, page: Any) -> bool:
        """Ask the page for its next results page; False when it offers none."""
        raise NotImplementedError

    def search_request(self, keyword: str, page: int) -> scrapy.Request:
        """Every results page starts from the keyword's search page; ``page`` in meta is the
        first results page to yield (more than 1 only when resuming after a transient block)."""
        request = super().search_request(keyword, 1)
        request.meta["page"] = page
        return request if page == 1 else request.replace(dont_filter=True)

    def _embedded_result(self, response: Response) -> ParseResult | None:
        """Page 1's results when the page itself carries them; also a page that says it found
        nothing (an empty list, nothing more, total 0) — then no API call will come."""
        try:
            result = self._parse_answer(response.body, response.url)
        except PageFormatError:
            return None  # an app shell: the results come from the page's API call
        if result.blocked is not None:
            return None
        if result.read_any or (not result.has_next and result.total == 0):
            return result
        return None

    async def _next_answer(self, page: Any, seen: int) -> tuple[ParseResult | None, int]:
        """The next search answer the page receives after the first ``seen`` ones, parsed.
        An expired-token "login" answer is followed by the page's own retry, so only another
        block ends the wait early (as in SearchSpider._browser_result)."""
        deadline = time.monotonic() + self.settings.getfloat("SIMWATCH_BROWSER_API_WAIT", 15.0)
        last: ParseResult | None = None
        while time.monotonic() < deadline and not page.is_closed():
            bodies = self._api_bodies.get(page, [])
            for url, status, body in bodies[seen:]:
                seen += 1
                reason = self.module.detect_block(status, body, url)
                if reason is not None:
                    last = ParseResult.block(reason)
                    if reason != "login":
                        return last, seen
                    continue
                try:
                    return self._parse_answer(body, url), seen
                except _NOT_SEARCH_ANSWER:
                    self.crawler.stats.inc_value(f"simwatch/{self.platform}/skipped_answers")
                    continue
            await asyncio.sleep(0.1)
        return last or self._no_answer(page), seen

    def _parse_answer(self, body: bytes, url: str) -> ParseResult:
        """The platform parser, through SearchSpider._parse when the base spider has it (the
        shared URL allow-list and drift wrapper of crawler/platforms/base.parse_page)."""
        # Looked up on SearchSpider itself: scrapy.Spider has an unrelated _parse(response).
        shared = SearchSpider.__dict__.get("_parse")
        if shared is not None:
            return shared(self, body, url)
        return self.module.parse_search(body, url, self.observed_at)

    async def parse_results(self, response: Response) -> AsyncIterator[Any]:
        if "playwright_page" not in response.meta:
            async for item in super().parse_results(response):
                yield item
            return
        stats = self.crawler.stats
        keyword = response.meta["keyword"]
        first_wanted = response.meta.get("page", 1)
        page = response.meta["playwright_page"]
        if response.meta.get("blocked_reason"):  # counted by BlockDetectionMiddleware
            stats.inc_value(f"simwatch/{self.platform}/pages")
            await self._close_page(response.meta)
            return
        seen = 0
        try:
            for number in range(1, self.max_pages + 1):
                if number > 1 and not await self.next_page(page):
                    break  # the page offers no further page: the end, not drift
                counted = number >= first_wanted
                if counted:
                    stats.inc_value(f"simwatch/{self.platform}/pages")
                try:
                    # Some first pages carry their results in the HTML (pinduoduo's rawData).
                    result = self._embedded_result(response) if number == 1 else None
                    if result is None:
                        result, seen = await self._next_answer(page, seen)
                except PageFormatError as exc:
                    self._layout_drift(response, f"results page {number}: {exc}")
                    return
                if result is None:
                    self._layout_drift(response, f"results page {number}: no API response received")
                    return
                if result.blocked:
                    retry = self._blocked(response, result.blocked, number)
                    if retry is not None:
                        yield retry
                    return
                if counted:
                    self._count_repeats(result)
                    for listing in result.listings:
                        listing.keyword = keyword
                        listing.page_url = f"{response.url}#page={number}"
                        stats.inc_value(f"simwatch/{self.platform}/listings")
                        yield listing
                if not (result.has_next and result.read_any):
                    break
        finally:
            await self._close_page(response.meta)
