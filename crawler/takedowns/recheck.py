"""Re-checks of sent takedowns: was the listing removed, and did the seller put it back?

Schedule: a takedown is re-fetched at +24 h, +72 h and +7 days after ``sent_at`` (``CHECKPOINTS``).
A run does the latest checkpoint that has passed and has not been done yet, so a missed run is
caught up by one fetch rather than three.

- ``sent``/``acknowledged`` listing whose page is gone (404/410 or a "removed" page, see
  ``REMOVED_MARKERS``) → ``removed``.
- ``removed`` listing whose original page is live again → ``relisted``.
- ``removed`` listing with a *new* listing (``simwatch-listings``) from the same shop, first seen
  after the removal, whose normalised title is a near-duplicate (rapidfuzz ``fuzz.ratio`` ≥
  ``RELIST_THRESHOLD``) → ``relisted`` (``relisted_as`` names the new listing).

Login walls, captchas, 429 and 5xx are recorded as ``blocked``/``error`` and never count as removal.

URLs come from crawled pages, so each is checked against ``FetchPolicy`` (crawler/safefetch.py)
before any fetcher sees it: http(s) on the listing's platform hosts, or exactly the configured
base URL (the sandbox). A refused URL is recorded as ``error`` ("refused: ...") and never fetched.
The HTTP fetcher is injectable (any ``async (url, platform) -> FetchResult``); the default,
``SafeFetcher``, re-checks every redirect hop and resolved address and caps the body.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, ParamSpec, TypeVar

from elasticsearch import Elasticsearch
from rapidfuzz import fuzz

from crawler.safefetch import FetchPolicy, FetchRefused, SafeFetcher
from crawler.safefetch import SafeResponse as FetchResult
from crawler.takedowns.indices import LISTINGS, TAKEDOWNS, scan_docs
from crawler.takedowns.lifecycle import (
    InvalidTransition,
    Status,
    TakedownStore,
    iso_utc,
    parse_time,
)

P = ParamSpec("P")
T = TypeVar("T")

__all__ = [
    "CHECKPOINTS",
    "RELIST_THRESHOLD",
    "REMOVED_MARKERS",
    "FetchResult",
    "RecheckReport",
    "due_checkpoint",
    "find_relist",
    "page_state",
    "recheck",
    "recheck_async",
    "title_similarity",
]

CHECKPOINTS: tuple[tuple[str, timedelta], ...] = (
    ("24h", timedelta(hours=24)),
    ("72h", timedelta(hours=72)),
    ("7d", timedelta(days=7)),
)
# Titles of a relisted item differ by a few characters (a swapped emoji, "新", a price); 85 on
# the normalised title means ≤ ~15 % of characters changed. Lower values start matching a
# shop's *different* SIM products (same template, other carrier).
RELIST_THRESHOLD = 85.0
REMOVED_STATUS_CODES = frozenset({404, 410})
# What removed-item pages say (Taobao/Tmall, JD, Pinduoduo/Xianyu, eBay, generic).
REMOVED_MARKERS: tuple[str, ...] = (
    "商品已下架",
    "宝贝不存在",
    "该商品已下柜",
    "此商品已下架",
    "宝贝已下架",
    "商品不存在",
    "商品已失效",
    "this listing was ended",
    "this listing has ended",
    "page not found",
    "item is no longer available",
)
# A redirect to one of these means we saw a wall, not the listing.
_BLOCK_URL_WORDS = ("login", "punish", "captcha", "/verify")


Fetcher = Callable[[str, str | None], Awaitable[FetchResult]]


@dataclass
class RecheckReport:
    checked: int = 0
    removed: list[str] = field(default_factory=list)
    relisted: list[str] = field(default_factory=list)
    live: list[str] = field(default_factory=list)
    inconclusive: list[tuple[str, str]] = field(default_factory=list)  # (doc id, why)

    def summary(self) -> str:
        return (
            f"checked {self.checked}: {len(self.removed)} removed, {len(self.relisted)} relisted, "
            f"{len(self.live)} still live, {len(self.inconclusive)} inconclusive"
        )


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("gb18030", errors="replace")  # Chinese pages not in UTF-8 are GBK


def _platform_block(platform: str | None, result: FetchResult) -> str | None:
    """The platform parser's own block detection (login wall, slider ...), when it has one."""
    if not platform:
        return None
    try:
        from crawler.platforms import PLATFORMS
    except ImportError:  # parsers not installed: fall back to status and URL checks only
        return None
    module = PLATFORMS.get(platform)
    detect = getattr(module, "detect_block", None)
    return detect(result.status, result.body, result.url) if detect else None


def page_state(result: FetchResult, platform: str | None = None) -> str:
    """``removed``, ``live``, ``blocked`` (login/captcha/401/403/429) or ``error`` (5xx, other).

    Body words like 验证码 are *not* taken as a captcha here: flagged listings themselves sell
    验证码 services. Only the platform's ``detect_block`` and the final URL decide "blocked".
    """
    if result.status in REMOVED_STATUS_CODES:
        return "removed"
    text = _decode(result.body[:400_000]).lower()
    if any(marker in text for marker in REMOVED_MARKERS):
        return "removed"
    if result.status in (401, 403, 429):
        return "blocked"
    if not 200 <= result.status < 300:
        return "error"
    if _platform_block(platform, result):
        return "blocked"
    if any(word in result.url.lower() for word in _BLOCK_URL_WORDS):
        return "blocked"
    return "live"


def _sent_at(doc: Mapping[str, Any]) -> datetime | None:
    sent = parse_time(doc.get("sent_at"))
    if sent is not None:
        return sent
    for entry in doc.get("history", []):
        if entry.get("status") == Status.SENT.value:
            return parse_time(entry.get("at"))
    return None


def due_checkpoint(doc: Mapping[str, Any], now: datetime) -> str | None:
    """The latest passed checkpoint not yet done, or None (nothing due)."""
    sent = _sent_at(doc)
    if sent is None:
        return None
    labels = [label for label, _ in CHECKPOINTS]
    done = {r.get("checkpoint") for r in doc.get("rechecks", [])}
    highest_done = max((labels.index(label) for label in done if label in labels), default=-1)
    for index in range(len(CHECKPOINTS) - 1, highest_done, -1):
        label, delta = CHECKPOINTS[index]
        if now >= sent + delta:
            return label
    return None


def _normalise_title(title: str) -> str:
    from whitelist.normalise import normalise_name

    return normalise_name(title)


def title_similarity(a: str, b: str) -> float:
    """0–100 similarity of two titles after the shared name normalisation (t2s, NFKC, no punctuation)."""
    return float(fuzz.ratio(_normalise_title(a), _normalise_title(b)))


def find_relist(
    client: Elasticsearch, takedown: Mapping[str, Any], threshold: float = RELIST_THRESHOLD
) -> tuple[str, float] | None:
    """A new listing from the same shop with a near-duplicate title, first seen after removal."""
    removed_at = parse_time(takedown.get("removed_at"))
    platform = takedown.get("platform")
    if removed_at is None or not platform or not takedown.get("title"):
        return None
    filters: list[dict[str, Any]] = [
        {"term": {"platform": platform}},
        {"range": {"first_seen": {"gte": iso_utc(removed_at)}}},
    ]
    if takedown.get("shop_id"):
        filters.append({"term": {"shop_id": takedown["shop_id"]}})
    elif takedown.get("shop_name"):
        filters.append({"term": {"shop_name.raw": takedown["shop_name"]}})
    else:
        return None
    best: tuple[str, float] | None = None
    for doc_id, listing in scan_docs(client, LISTINGS, {"bool": {"filter": filters}}):
        if str(listing.get("listing_id")) == str(takedown.get("listing_id")):
            continue
        score = title_similarity(str(takedown["title"]), str(listing.get("title") or ""))
        if score >= threshold and (best is None or score > best[1]):
            best = (doc_id, score)
    return best


async def recheck_async(
    client: Elasticsearch,
    now: datetime | None = None,
    fetcher: Fetcher | None = None,
    concurrency: int = 8,
    by: str = "simwatch recheck",
    policy: FetchPolicy | None = None,
) -> RecheckReport:
    """Re-check every due takedown; see the module docstring for the rules.

    ``policy`` says what may be fetched (default: the platforms' own hosts only; give
    ``FetchPolicy(base_url=...)`` to re-check against the sandbox).
    """
    now = now or datetime.now(UTC)
    policy = policy or FetchPolicy()
    if fetcher is None:
        async with SafeFetcher(policy) as default_fetcher:
            return await recheck_async(client, now, default_fetcher, concurrency, by, policy)
    store = TakedownStore(client, refresh=False)
    report = RecheckReport()
    query = {"terms": {"status": [Status.SENT.value, Status.ACKNOWLEDGED.value, Status.REMOVED.value]}}
    candidates = list(store.scan(query))
    semaphore = asyncio.Semaphore(concurrency)

    async def fetch(url: str, platform: str | None) -> FetchResult | str:
        try:
            policy.for_platform(platform).check_url(url)
        except FetchRefused as exc:
            return f"refused: {exc}"
        async with semaphore:
            try:
                return await fetcher(url, platform)
            except FetchRefused as exc:  # a redirect, address or body the policy refuses
                return f"refused: {exc}"
            except Exception as exc:  # network errors are a result to record, not a crash
                return f"{type(exc).__name__}: {exc}"

    due = [(doc_id, doc, due_checkpoint(doc, now)) for doc_id, doc in candidates]
    fetched = await asyncio.gather(
        *(
            fetch(doc["url"], doc.get("platform"))
            for _, doc, checkpoint in due
            if checkpoint and doc.get("url")
        )
    )
    results = iter(fetched)
    for doc_id, doc, checkpoint in due:
        outcome: FetchResult | str | None = (
            next(results) if checkpoint and doc.get("url") else None
        )
        _apply(store, client, report, doc_id, doc, checkpoint, outcome, now, by)
    client.indices.refresh(index=TAKEDOWNS)
    return report


def _apply(
    store: TakedownStore,
    client: Elasticsearch,
    report: RecheckReport,
    doc_id: str,
    doc: dict[str, Any],
    checkpoint: str | None,
    outcome: FetchResult | str | None,
    now: datetime,
    by: str,
) -> None:
    status = doc.get("status")
    rechecks = list(doc.get("rechecks", []))
    if outcome is not None:
        report.checked += 1
        state = "error" if isinstance(outcome, str) else page_state(outcome, doc.get("platform"))
        rechecks.append(
            {
                "checkpoint": checkpoint,
                "at": iso_utc(now),
                "state": state,
                "http_status": None if isinstance(outcome, str) else outcome.status,
                "error": outcome if isinstance(outcome, str) else None,
            }
        )
        try:
            if state == "removed" and status in (Status.SENT.value, Status.ACKNOWLEDGED.value):
                store.transition(
                    doc_id, Status.REMOVED, by=by, at=now,
                    note=f"recheck {checkpoint}: page removed", rechecks=rechecks,
                )
                report.removed.append(doc_id)
                return
            if state == "live" and status == Status.REMOVED.value:
                store.transition(
                    doc_id, Status.RELISTED, by=by, at=now,
                    note=f"recheck {checkpoint}: original listing is live again",
                    rechecks=rechecks, relisted_as=doc_id,
                )
                report.relisted.append(doc_id)
                return
        except InvalidTransition as exc:  # changed by someone else meanwhile
            report.inconclusive.append((doc_id, str(exc)))
            return
        if state == "live":
            report.live.append(doc_id)
        elif state in ("blocked", "error"):
            report.inconclusive.append((doc_id, f"{checkpoint}: {state}"))
        store.update_fields(doc_id, rechecks=rechecks)
    if status == Status.REMOVED.value:
        relist = find_relist(client, doc)
        if relist is not None:
            new_id, score = relist
            store.transition(
                doc_id, Status.RELISTED, by=by, at=now,
                note=f"relisted as {new_id} (title similarity {score:.0f})",
                relisted_as=new_id, rechecks=rechecks,
            )
            report.relisted.append(doc_id)


def _sync(coroutine_function: Callable[P, Coroutine[Any, Any, T]]) -> Callable[P, T]:
    """``coroutine_function`` run to its end with asyncio.run, its signature kept."""

    @functools.wraps(coroutine_function)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        return asyncio.run(coroutine_function(*args, **kwargs))

    return run


# The synchronous form (for the CLI and scripts), with recheck_async's own parameters.
recheck = _sync(recheck_async)
