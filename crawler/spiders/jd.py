"""Search spider for jd: the logged-in browser loads search.jd.com's search app, whose own
script calls the signed ``pc_search_searchWare`` API; further pages come from clicking the
app's 下一页 (``.pn-next``) control, as a user pages (evidence in crawler/platforms/jd.py)."""

from __future__ import annotations

from typing import Any

from crawler.spiders.inpage import InPagePagingSpider

NEXT_CONTROL = ".pn-next"


class JdSpider(InPagePagingSpider):
    name = "jd"
    platform = "jd"

    async def next_page(self, page: Any) -> bool:
        control = page.locator(NEXT_CONTROL).first
        if await control.count() == 0:
            return False
        if "disabled" in ((await control.get_attribute("class")) or "").split():
            return False
        await control.click()
        return True
