"""Barriers the sandbox puts in a crawler's way: planned faults and a per-client rate limit.

A fault plan is a list of ``FaultRule``; each counts the search requests it matches and fires
deterministically (the n-th matching request, a fixed number of times or always), so a test or
the demo knows exactly which pages are blocked. Kinds: ``captcha``, ``login``, ``429``, ``503``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from sandbox.catalogue import FOREIGN_PLATFORMS

# "empty": a silent wall — 200, no items, no error (shopee's, nerufuyo/neru-scrapper issue #1);
# fronts without such a wall serve their normal page.
FAULT_KINDS = ("captcha", "login", "429", "503", "empty")


@dataclass
class FaultRule:
    kind: str
    platform: str | None = None  # None: every platform
    keyword: str | None = None  # None: every keyword
    page: int | None = None  # None: every page
    nth: int = 1  # fires from the n-th matching request on
    times: int | None = 1  # how often it fires; None = every time (a persistent block)
    seen: int = field(default=0, init=False)
    fired: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; expected one of {FAULT_KINDS}")
        if self.nth < 1:
            raise ValueError(f"fault rule nth must be >= 1, got {self.nth}")

    def applies(self, platform: str, keyword: str, page: int) -> bool:
        return (
            (self.platform is None or self.platform == platform)
            and (self.keyword is None or self.keyword == keyword)
            and (self.page is None or self.page == page)
        )


class FaultPlan:
    """Thread-safe: the server's handlers and a test's thread may both look at counters."""

    def __init__(self, rules: list[FaultRule] | None = None) -> None:
        self.rules = list(rules or [])
        self._lock = threading.Lock()
        self.log: list[tuple[str, str, str, int]] = []  # (kind, platform, keyword, page) fired

    def check(self, platform: str, keyword: str, page: int) -> str | None:
        """The fault kind this search request meets, if any (first matching rule wins)."""
        with self._lock:
            for rule in self.rules:
                if not rule.applies(platform, keyword, page):
                    continue
                rule.seen += 1
                if rule.seen >= rule.nth and (rule.times is None or rule.fired < rule.times):
                    rule.fired += 1
                    self.log.append((rule.kind, platform, keyword, page))
                    return rule.kind
            return None


# (keyword of the transient 503 on page 1, keyword of the persistent captcha on page 2)
PLAN_KEYWORDS = ("手机卡", "流量卡")
# Markets searched in English have their own crawl keywords (sandbox.catalogue.FOREIGN_SEARCH_KEYWORDS).
PLAN_KEYWORDS_FOREIGN = ("prepaid sim", "sim card")


def plan_keywords(platform: str) -> tuple[str, str]:
    return PLAN_KEYWORDS_FOREIGN if platform in FOREIGN_PLATFORMS else PLAN_KEYWORDS


def default_fault_plan(platforms: tuple[str, ...] | list[str]) -> FaultPlan:
    """The demo's plan: per platform, one 503 that clears on retry and one persistent captcha."""
    rules: list[FaultRule] = []
    for platform in platforms:
        transient, persistent = plan_keywords(platform)
        rules.append(FaultRule("503", platform=platform, keyword=transient, page=1, times=1))
        rules.append(FaultRule("captcha", platform=platform, keyword=persistent, page=2, times=None))
    return FaultPlan(rules)


class RateLimiter:
    """Token bucket per client: ``rate`` requests/second sustained, ``burst`` at once."""

    def __init__(self, rate: float, burst: int | None = None) -> None:
        if rate <= 0:
            raise ValueError(f"rate limit must be positive, got {rate}")
        self.rate = rate
        self.burst = burst if burst is not None else max(1, int(rate * 2))
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> tuple[bool, float]:
        """(allowed, seconds to wait before the next request would be allowed)."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return True, 0.0
            self._buckets[client] = (tokens, now)
            return False, (1 - tokens) / self.rate
