"""Takedown test fixtures: the shared embedded Elasticsearch (tests/crawler/conftest.py), fresh
indices per test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from elasticsearch import Elasticsearch, helpers

from crawler.store import mappings
from crawler.store.client import make_client
from crawler.store.embedded import EmbeddedElasticsearch
from crawler.takedowns.indices import LISTINGS
from sandbox.server import SandboxServer
from tests.crawler.conftest import empty_store


@pytest.fixture(scope="session")
def sandbox() -> Iterator[SandboxServer]:
    """The sandbox marketplace without faults (rechecks and evidence fetch its item pages)."""
    server = SandboxServer(seed=7, faults=False)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def es(es_server: EmbeddedElasticsearch) -> Iterator[Elasticsearch]:
    """A client with the simwatch indices set up; every index is deleted after the test."""
    client = make_client(es_server.url)
    mappings.setup(client)
    yield client
    empty_store(client)


def listing_doc(
    platform: str,
    listing_id: str,
    *,
    risk: int = 50,
    title: str = "免实名 流量卡 手机卡 大王卡",
    shop_id: str | None = "shop1",
    shop_name: str = "卡王小店",
    violations: tuple[str, ...] = ("no_real_name", "unauthorised_seller"),
    takedown: bool = True,
    first_seen: str = "2025-03-01T08:00:00Z",
    last_seen: str = "2025-03-02T08:00:00Z",
    description: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """A ``simwatch-listings`` document as the sink writes it (INTERFACES.md)."""
    return {
        "platform": platform,
        "listing_id": listing_id,
        "title": title,
        "url": url or f"https://item.example.test/{platform}/{listing_id}",
        "description": description,
        "price": 9.9,
        "shop_name": shop_name,
        "shop_id": shop_id,
        "shop_url": f"https://shop.example.test/{shop_id}" if shop_id else None,
        "location": "广东 深圳",
        "observed_at": last_seen[:10],
        "sim_listing": True,
        "carriers": ["中国联通"],
        "foreign": False,
        "authorised": False,
        "whitelist_match": None,
        "violations": list(violations),
        "risk_score": risk,
        "takedown": takedown,
        "reasons": ["标题含“免实名”", "未在中国联通网络代理商名单中 (shop shop1)"],
        "classifier_version": "test",
        "first_seen": first_seen,
        "last_seen": last_seen,
        "times_seen": 2,
        "crawl_run_id": "run-1",
    }


def index_listings(client: Elasticsearch, docs: list[dict[str, Any]]) -> None:
    helpers.bulk(
        client,
        (
            {"_index": LISTINGS, "_id": f"{d['platform']}:{d['listing_id']}", "_source": d}
            for d in docs
        ),
        refresh="wait_for",
    )
