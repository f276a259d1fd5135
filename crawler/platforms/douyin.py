"""Douyin (抖音) shop listings — UNVERIFIED: no evidenced product search path from a browser.

What public evidence shows (checked 2026-12-04):

* The web search endpoints a logged-in browser page calls are the general, video, user and live
  searches: ``/aweme/v1/web/general/search/single/`` (``search_channel=aweme_general``),
  ``/aweme/v1/web/search/item/`` (``aweme_video_web``), ``/aweme/v1/web/discover/search/``
  (``aweme_user_web``), ``/aweme/v1/web/live/search/`` (``aweme_live``); referer
  ``douyin.com/search/<kw>?type=general|video|user|live`` — ``JoeanAmier/TikTokDownloader
  src/interface/search.py @001da214af91a252a675da6f0a627df89ee9ff58``; the same four channels in
  index files 70471341336, 63094758234, 55207415004, 401973772, 61385741212. None is a product
  (goods) channel, and no public scraper reads product cards (``product_id``, price, shop) out
  of the general search.
* The previously modelled ``/aweme/v1/web/search/goods`` (``type=goods``) has **no hit** in the
  public code index: it was a fiction and is removed, with its sandbox front.
* 抖音商城 product search lives in the app (``com.ss.android.ugc.aweme.ecommerce.search.*``
  classes — index files 10835708751, 9937407501); the maintainer of ``ShilongLee/Crawler``
  answered "目前没有" to "can it get 抖音商城 / 橱窗 products?" (issue #11, 2024-07-10). A
  ``haohuo.jinritemai.com/api/index/search`` collector (index file 4715266262) shows no capture
  of an answer and is not evidence of a working path.
* Walls, where evidenced: a_bogus / msToken request signatures; direct calls are answered
  "被 verify_check 风控拦截（data=[]）" and only the search page's own context works (index file
  57465636534); scrapers check ``search_nil_info`` (index file 71340946479).

So ``simwatch crawl`` does not search douyin: its spider refuses with an "unverified" message
(crawler/spiders/douyin.py) and the README lists douyin as unverified. Douyin shops still exist
in the whitelist (whitelist/) and in URLs users paste; :func:`detect_block` keeps recognising the
evidenced walls for any douyin page met.
"""

from __future__ import annotations

from urllib.parse import quote

from crawler.platforms.base import (
    CAPTCHA,
    LOGIN,
    BlockMarkers,
    PageFormatError,
    ParseResult,
    detect_by_markers,
)

NAME = "douyin"
DEFAULT_BASE_URL = "https://www.douyin.com"
NEEDS_BROWSER = False  # nothing is crawled (see VERIFIED)
API_URL_MARKER: str | None = None
PAGES_IN_PLACE = True  # the web search pages by scrolling (offset/cursor), not by URL
VERIFIED = False
UNVERIFIED_REASON = (
    "douyin: unverified: no evidenced product search path (web search offers only "
    "general/video/user/live; 抖音商城 search is app-only) — not crawled"
)

BLOCK_MARKERS = BlockMarkers(
    url=(
        ("verifycenter", CAPTCHA),
        ("/captcha", CAPTCHA),
        ("/passport/", LOGIN),
        ("/login", LOGIN),
    ),
    body=(("verify_check", CAPTCHA), ("captcha_container", CAPTCHA)),
)


def search_url(base_url: str, keyword: str, page: int) -> str:
    """The general search page (evidenced); never crawled while douyin is unverified."""
    return f"{base_url.rstrip('/')}/search/{quote(keyword)}?type=general"


def detect_block(status: int, body: str | bytes, url: str) -> str | None:
    return detect_by_markers(BLOCK_MARKERS, status, body, url)


def parse_search(body: str | bytes, url: str, observed_at: str) -> ParseResult:
    """No douyin product-search answer is evidenced, so none is parsed: a one-line error
    (``simwatch parse``) rather than listings read from a guessed structure. An evidenced wall
    (the search's ``search_nil_info`` verify_check answer with ``data: []``, a captcha or login
    URL) is still that block, never layout drift."""
    reason = detect_block(200, body, url)
    if reason:
        return ParseResult.block(reason)
    raise PageFormatError(f"{url}: {UNVERIFIED_REASON}")
