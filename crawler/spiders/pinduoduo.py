"""Search spider for pinduoduo: a mobile browser context (crawler/middlewares.py) loads
mobile.yangkeduo.com's search page; its first results are in ``window.rawData``, later ones come
from ``/proxy/api/search`` (``flip``, ``anti_content``) as the page is scrolled — so the spider
pages by scrolling, never by an invented ``&page=N`` (evidence in crawler/platforms/pinduoduo.py)."""

from __future__ import annotations

from typing import Any

from crawler.spiders.inpage import InPagePagingSpider

# Scroll to the end of the list, as a thumb flick does; the page loads more near its bottom.
_SCROLL_TO_END = "window.scrollTo(0, document.documentElement.scrollHeight)"


class PinduoduoSpider(InPagePagingSpider):
    name = "pinduoduo"
    platform = "pinduoduo"

    async def next_page(self, page: Any) -> bool:
        await page.evaluate(_SCROLL_TO_END)
        return True
