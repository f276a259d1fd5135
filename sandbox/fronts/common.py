"""State and helpers shared by the platform fronts."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading
import time
from collections import defaultdict

from aiohttp import web

from sandbox.catalogue import Catalogue, SandboxListing, SearchPage
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
