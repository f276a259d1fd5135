"""State and helpers shared by the platform fronts."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from urllib.parse import urlencode

from aiohttp import web

from sandbox.catalogue import Catalogue, SandboxListing, SearchPage, normalise_query
from sandbox.faults import FAULT_KINDS, FaultPlan, RateLimiter


class SandboxState:
    """The live marketplace: the seeded catalogue plus takedowns, relistings and barriers."""

    def __init__(
        self,
        catalogue: Catalogue,
        fault_plan: FaultPlan,
        rate_limiter: RateLimiter | None,
        token_ttl: float = 3600.0,
    ) -> None:
        self.catalogue = catalogue
        self.fault_plan = fault_plan
        self.rate_limiter = rate_limiter
        self.token_ttl = token_ttl
        # Per server instance, like a real site's keys: sessions don't outlive the server.
        self.secret = secrets.token_hex(16)
        self.removed: dict[str, set[str]] = defaultdict(set)
        self.relisted: list[SandboxListing] = []
        # Requests served per path and query: tests check that no page was crawled twice.
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()

    # ---- catalogue as it is now
    def search(self, platform: str, keyword: str, page: int, per_page: int) -> SearchPage:
        with self._lock:
            removed = set(self.removed[platform])
            extra = list(self.relisted)
        return self.catalogue.search(platform, keyword, page, per_page, removed=removed, extra=extra)

    def find(self, platform: str, listing_id: str) -> SandboxListing | None:
        found = self.catalogue.get(platform, listing_id)
        if found is None:
            with self._lock:
                found = next((x for x in self.relisted
                              if x.platform == platform and x.listing_id == listing_id), None)
        return found

    def is_removed(self, platform: str, listing_id: str) -> bool:
        with self._lock:
            return listing_id in self.removed[platform]

    def live(self, platform: str, listing_id: str) -> SandboxListing | None:
        """The listing an item page shows; None when unknown or taken down (the page is gone)."""
        listing = self.find(platform, listing_id)
        return None if listing is None or self.is_removed(platform, listing.listing_id) else listing

    def takedown(self, platform: str, listing_id: str) -> SandboxListing:
        listing = self.find(platform, listing_id)
        if listing is None:
            raise KeyError(f"no listing {platform}:{listing_id}")
        with self._lock:
            self.removed[platform].add(listing_id)
        return listing

    def relist(self, platform: str, listing_id: str) -> SandboxListing:
        original = self.find(platform, listing_id)
        if original is None:
            raise KeyError(f"no listing {platform}:{listing_id}")
        with self._lock:
            copy = self.catalogue.relist(original, len(self.relisted))
            self.relisted.append(copy)
        return copy

    # ---- barriers
    def fault(self, request: web.Request, platform: str, keyword: str, page: int) -> str | None:
        """A switch on this request (``sw_fault`` query or cookie) wins over the fault plan."""
        switch = request.query.get("sw_fault") or request.cookies.get("sw_fault")
        if switch:
            if switch not in FAULT_KINDS:
                raise web.HTTPBadRequest(text=f"sw_fault={switch!r}: expected one of {', '.join(FAULT_KINDS)}")
            return switch
        return self.fault_plan.check(platform, keyword, page)

    # ---- signed values (sessions, mtop tokens): HMAC so the server keeps no session table
    def sign(self, value: str) -> str:
        return hmac.new(self.secret.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]

    def new_h5_token(self) -> str:
        expiry_ms = int((time.time() + self.token_ttl) * 1000)
        return f"{self.sign(f'tk|{expiry_ms}')}_{expiry_ms}"

    def h5_token_valid(self, cookie: str | None) -> bool:
        if not cookie or "_" not in cookie:
            return False
        token, _, expiry = cookie.partition("_")
        if not expiry.isdigit() or int(expiry) <= time.time() * 1000:
            return False
        return hmac.compare_digest(token, self.sign(f"tk|{expiry}"))


def too_many_requests(retry_after: float) -> web.Response:
    return web.Response(
        status=429,
        text="<html><head><title>429 Too Many Requests</title></head><body><h1>访问过于频繁</h1>"
        "<p>Too Many Requests. 请稍后再试。</p></body></html>",
        content_type="text/html",
        headers={"Retry-After": str(max(1, math.ceil(retry_after)))},
    )


def service_unavailable() -> web.Response:
    return web.Response(
        status=503,
        text="<html><head><title>503 Service Temporarily Unavailable</title></head><body>"
        "<center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center>"
        "</body></html>",
        content_type="text/html",
        headers={"Retry-After": "1"},
    )



def page_number(raw: str | None, default: int = 1) -> int:
    """A page number from a query string; garbage is a client error, not page 1."""
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise web.HTTPBadRequest(text=f"page={raw!r} is not a number") from None
    if value < 1:
        raise web.HTTPBadRequest(text=f"page={value} must be >= 1")
    return value


def search_query(request: web.Request, keyword_field: str, page_field: str = "page") -> tuple[str, int]:
    """The keyword and page number of a search URL, in the site's own query fields."""
    return request.query.get(keyword_field, "").strip(), page_number(request.query.get(page_field))


# ---- one sandbox login, valid on every front (like a user logged in to each real site)
# The cookie pair each real site keeps its session in: (user id cookie, session cookie).
SESSION_COOKIES: dict[str, tuple[str, str]] = {
    "alibaba": ("unb", "cookie2"),  # taobao, tmall and xianyu share Alibaba's login
    "pinduoduo": ("pdd_user_id", "PDDAccessToken"),
    "jd": ("pin", "thor"),  # JD keeps its login in pin + thor
    "douyin": ("uid_tt", "sessionid"),
    "shopee": ("SPC_U", "SPC_EC"),
}


def user_id_for(username: str) -> str:
    return str(int(hashlib.md5(username.encode()).hexdigest(), 16) % 10**12 + 2_200_000_000_000)


def set_session_cookies(response: web.StreamResponse, state: SandboxState, username: str) -> None:
    """Log ``username`` in on every front at once: each site's own cookie pair, HMAC-signed."""
    user_id = user_id_for(username)
    for site, (user_cookie, session_cookie) in SESSION_COOKIES.items():
        response.set_cookie(user_cookie, user_id, path="/", httponly=True)
        response.set_cookie(session_cookie, state.sign(f"session|{site}|{user_id}"), path="/", httponly=True)


def session_ok(state: SandboxState, request: web.Request, site: str) -> bool:
    user_cookie, session_cookie = SESSION_COOKIES[site]
    user = request.cookies.get(user_cookie, "")
    expected = state.sign(f"session|{site}|{user}")
    return bool(user) and hmac.compare_digest(request.cookies.get(session_cookie, ""), expected)


def html_page(title: str, body: str, lang: str = "zh-CN") -> str:
    """A front's HTML document: the shell every front's pages share."""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8" /><link rel="icon" href="data:," />'
            f"<title>{title}</title></head><body>{body}</body></html>")


def html_response(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


def results_page(state: SandboxState, platform: str, keyword: str, page: int, per_page: int,
                 render: Callable[[str, int, int, int, list[SandboxListing]], str]) -> web.Response:
    """A server-rendered results page, ``render(keyword, page, total, pages, items)``: the
    catalogue's page, or an empty first page for a query without words."""
    if not normalise_query(keyword):
        return html_response(render(keyword, 1, 0, 1, []))
    result = state.search(platform, keyword, page, per_page)
    return html_response(render(keyword, result.page, result.total, result.pages, list(result.items)))


def json_response(payload: object, status: int = 200) -> web.Response:
    import json

    return web.json_response(payload, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False))


def script_json(value: object) -> str:
    """JSON for an inline <script>: ``</`` would end the script element early."""
    import json

    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def redirect_back(path: str, back_field: str, request: web.Request) -> web.HTTPFound:
    """A redirect to a front's login (or verification) page at ``path``, carrying the page to
    come back to in the query field that site uses (``ReturnUrl``, ``from``, ``next`` ...)."""
    return web.HTTPFound(f"{path}?" + urlencode({back_field: str(request.rel_url)}))


def login_redirect_target(raw: str, prefix: str, default: str) -> str:
    """Only local redirects after a login: no open redirect."""
    return raw if raw.startswith(prefix + "/") else default
