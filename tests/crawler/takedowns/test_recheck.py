from __future__ import annotations

import asyncio
import json
import re
import urllib.request
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from elasticsearch import Elasticsearch

from crawler.safefetch import FetchPolicy, SafeFetcher
from crawler.takedowns.lifecycle import TakedownStore, apply_transition, new_takedown
from crawler.takedowns.recheck import (
    FetchResult,
    RecheckReport,
    due_checkpoint,
    page_state,
    recheck,
    recheck_async,
    title_similarity,
)
from sandbox.catalogue import SandboxListing
from sandbox.server import SandboxServer
from tests.crawler.takedowns.conftest import index_listings, listing_doc

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _sent_doc(rechecks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    doc = new_takedown(listing_doc("jd", "1"), by="t", at=T0 - timedelta(hours=1))
    doc = apply_transition(doc, "queued", by="t", at=T0 - timedelta(hours=1))
    doc = apply_transition(doc, "sent", by="t", at=T0)
    if rechecks is not None:
        doc["rechecks"] = rechecks
    return doc


def test_due_checkpoints() -> None:
    doc = _sent_doc()
    assert due_checkpoint(doc, T0 + timedelta(hours=23)) is None
    assert due_checkpoint(doc, T0 + timedelta(hours=24)) == "24h"
    assert due_checkpoint(doc, T0 + timedelta(days=8)) == "7d"  # missed runs: one catch-up fetch
    done_24 = _sent_doc([{"checkpoint": "24h"}])
    assert due_checkpoint(done_24, T0 + timedelta(hours=30)) is None
    assert due_checkpoint(done_24, T0 + timedelta(hours=72)) == "72h"
    assert due_checkpoint(_sent_doc([{"checkpoint": "7d"}]), T0 + timedelta(days=30)) is None
    assert due_checkpoint(new_takedown(listing_doc("jd", "2"), by="t"), T0 + timedelta(days=9)) is None


@pytest.mark.parametrize(
    ("status", "body", "url", "state"),
    [
        (404, b"", "https://item.jd.com/1.html", "removed"),
        (410, b"gone", "https://item.jd.com/1.html", "removed"),
        (200, "<p>很抱歉，宝贝不存在</p>".encode(), "https://item.taobao.com/item.htm?id=1", "removed"),
        (200, "<p>该商品已下柜，欢迎挑选其他商品</p>".encode("gbk"), "https://item.jd.com/1.html", "removed"),
        (200, b"<h1>This listing was ended by the seller</h1>", "https://www.ebay.com/itm/1", "removed"),
        (200, b"<title>Page Not Found</title>", "https://shopee.sg/x", "removed"),
        (200, "<h1>免实名 流量卡</h1><p>代收验证码</p>".encode(), "https://item.jd.com/1.html", "live"),
        (200, b"<form>login</form>", "https://login.taobao.com/member/login.jhtml", "blocked"),
        (429, b"slow down", "https://item.jd.com/1.html", "blocked"),
        (503, b"nginx", "https://item.jd.com/1.html", "error"),
    ],
)
def test_page_state(status: int, body: bytes, url: str, state: str) -> None:
    assert page_state(FetchResult(status, body, url)) == state


def test_title_similarity_threshold_examples() -> None:
    title = "中国电信5G卡 39元155G全国流量 包邮 全国通用"
    assert title_similarity(title, f"【新】{title}") >= 85
    assert title_similarity(title, f"{title} 现货") >= 85
    assert title_similarity(title, "中国移动5G卡 19元100G 本地流量 不包邮") < 85


# --- end to end against the sandbox marketplace ------------------------------------------------


class SandboxFetcher(SafeFetcher):
    """The default fetcher, with real JD item URLs pointed at the sandbox's JD front."""

    def __init__(self, base: str) -> None:
        super().__init__(FetchPolicy(base_url=base, total_timeout=10))
        self.base = base

    async def __call__(self, url: str, platform: str | None = None) -> FetchResult:
        match = re.fullmatch(r"https://item\.jd\.com/(\d+)\.html", url)
        assert match, f"unexpected URL {url}"
        assert platform == "jd"
        return await super().__call__(f"{self.base}/jd/item/{match.group(1)}.html", platform)


def _admin(base: str, action: str, listing: SandboxListing) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{base}/_admin/{action}?platform={listing.platform}&listing_id={listing.listing_id}",
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return dict(json.loads(response.read()))


def _as_listing_doc(listing: SandboxListing, seen: datetime) -> dict[str, Any]:
    stamp = seen.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        **listing.listing_fields(),
        **listing.expected,
        "risk_score": 60,
        "reasons": ["sandbox"],
        "first_seen": stamp,
        "last_seen": stamp,
    }


def _run(es: Elasticsearch, base: str, now: datetime) -> RecheckReport:
    async def main() -> RecheckReport:
        async with SandboxFetcher(base) as fetcher:
            return await recheck_async(es, now=now, fetcher=fetcher)

    return asyncio.run(main())


def test_removed_then_relisted_against_the_sandbox(es: Elasticsearch, sandbox: SandboxServer) -> None:
    base = sandbox.base_url
    assert base
    flagged = [x for x in sandbox.catalogue.for_platform("jd") if x.expected["takedown"]]
    gone, kept = flagged[0], flagged[1]
    index_listings(es, [_as_listing_doc(gone, T0), _as_listing_doc(kept, T0)])
    store = TakedownStore(es)
    for listing in (gone, kept):
        store.mark(listing.doc_id, "queued", by="export", at=T0)
        store.mark(listing.doc_id, "sent", by="alice", at=T0)

    _admin(base, "takedown", gone)
    report = _run(es, base, T0 + timedelta(hours=25))
    assert report.removed == [gone.doc_id] and report.live == [kept.doc_id]
    removed = store.get(gone.doc_id)
    assert removed is not None and removed["status"] == "removed"
    assert removed["history"][-1]["by"] == "simwatch recheck"
    assert removed["rechecks"][-1]["checkpoint"] == "24h"
    assert removed["rechecks"][-1]["http_status"] == 404
    assert removed["hours_to_removal"] == 25.0
    assert store.get(kept.doc_id)["rechecks"][-1]["state"] == "live"  # type: ignore[index]

    # nothing is due an hour later
    assert _run(es, base, T0 + timedelta(hours=26)).checked == 0

    # the shop relists a near-duplicate under a new id; the next crawl indexes it
    copy = _admin(base, "relist", gone)
    assert copy["listing_id"] != gone.listing_id
    relisted = {**_as_listing_doc(gone, T0 + timedelta(hours=30)), "listing_id": copy["listing_id"],
                "title": copy["title"], "url": copy["url"]}
    index_listings(es, [relisted])
    report = _run(es, base, T0 + timedelta(hours=31))
    assert report.relisted == [gone.doc_id]
    doc = store.get(gone.doc_id)
    assert doc is not None and doc["status"] == "relisted"
    assert doc["relisted_as"] == f"jd:{copy['listing_id']}"
    assert "title similarity" in doc["history"][-1]["note"]


def test_relist_needs_same_shop_similar_title_after_removal(es: Elasticsearch) -> None:
    index_listings(es, [listing_doc("taobao", "1", title="免实名 电信流量卡 100G 全国通用")])
    store = TakedownStore(es)
    for status, at in (("queued", T0), ("sent", T0), ("removed", T0 + timedelta(hours=5))):
        store.mark("taobao:1", status, by="t", at=at)
    later = "2025-03-02T00:00:00Z"
    index_listings(
        es,
        [
            # same shop, different product: not a relist
            listing_doc("taobao", "2", title="移动 老人卡 大字 套餐", first_seen=later),
            # near-duplicate but another shop: not a relist
            listing_doc("taobao", "3", title="免实名 电信流量卡 100G 全国通用!", shop_id="other", first_seen=later),
            # near-duplicate, same shop, but seen before the removal: not a relist
            listing_doc("taobao", "4", title="免实名 电信流量卡 100G 全国通用 现货", first_seen="2025-03-01T10:00:00Z"),
        ],
    )

    async def never(url: str, platform: str | None) -> FetchResult:  # no checkpoint is due; must not be called
        raise AssertionError(url)

    report = recheck(es, now=T0 + timedelta(hours=6), fetcher=never)
    assert report.relisted == [] and report.checked == 0
    index_listings(es, [listing_doc("taobao", "5", title="【新】免实名 电信流量卡 100G 全国通用", first_seen=later)])
    report = recheck(es, now=T0 + timedelta(hours=7), fetcher=never)
    assert report.relisted == ["taobao:1"]
    assert store.get("taobao:1")["relisted_as"] == "taobao:5"  # type: ignore[index]


def test_fetch_errors_are_inconclusive(es: Elasticsearch) -> None:
    index_listings(es, [listing_doc("jd", "1", url="https://item.jd.com/1.html")])
    store = TakedownStore(es)
    store.mark("jd:1", "queued", by="t", at=T0)
    store.mark("jd:1", "sent", by="t", at=T0)

    async def broken(url: str, platform: str | None) -> FetchResult:
        raise ConnectionError("connection refused")

    report = recheck(es, now=T0 + timedelta(hours=24), fetcher=broken)
    assert report.inconclusive == [("jd:1", "24h: error")]
    doc = store.get("jd:1")
    assert doc is not None and doc["status"] == "sent"
    assert "connection refused" in doc["rechecks"][-1]["error"]


def test_recheck_never_fetches_internal_or_foreign_urls(es: Elasticsearch) -> None:
    from tests.crawler.loopback import loopback_server, send

    with loopback_server({"/secret": lambda h: send(h, 200, b"SECRET")}) as internal:
        index_listings(es, [
            listing_doc("jd", "1", url=f"{internal.base_url}/secret"),
            listing_doc("jd", "2", url="file:///etc/passwd"),
            listing_doc("jd", "3", url="https://evil.example/item"),
        ])
        store = TakedownStore(es)
        for doc_id in ("jd:1", "jd:2", "jd:3"):
            store.mark(doc_id, "queued", by="t", at=T0)
            store.mark(doc_id, "sent", by="t", at=T0)
        report = recheck(es, now=T0 + timedelta(hours=24))  # the default, safe fetcher
        assert internal.hits == []
    assert sorted(report.inconclusive) == [("jd:1", "24h: error"), ("jd:2", "24h: error"),
                                           ("jd:3", "24h: error")]
    for doc_id in ("jd:1", "jd:2", "jd:3"):
        doc = store.get(doc_id)
        assert doc is not None and doc["rechecks"][-1]["error"].startswith("refused: ")
