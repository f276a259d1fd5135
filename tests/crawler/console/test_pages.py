"""Every page over a seeded store: search with filters and escaping, validation messages,
the listing with its evidence and hash chain, the review queue, takedowns and runs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient
from markupsafe import escape

from crawler.console.app import ConsoleConfig
from crawler.store.crawls import platform_documents
from crawler.takedowns.evidence import EvidenceStore
from crawler.takedowns.lifecycle import TakedownStore

from .conftest import SEEDED, flagged_ids, login, png_bytes


def test_overview_shows_counts_and_charts(app_client: TestClient, es: Elasticsearch) -> None:
    login(app_client, "ana")
    page = app_client.get("/").text
    flagged = es.count(index="simwatch-listings", query={"term": {"takedown": True}})["count"]
    assert f"<b>{SEEDED}</b> listings" in page
    assert f"<b>{flagged}</b> flagged" in page
    assert page.count("<svg") == 2
    assert "unauthorised_seller" in page


def test_search_full_text_filters_sort_and_pages(app_client: TestClient, es: Elasticsearch) -> None:
    login(app_client, "ana")
    hits = app_client.get("/api/search", params={"q": "实名", "size": 100}).json()
    assert hits["total"] > 0
    assert all("实名" in (h["title"] + (h.get("description") or "") + h["shop_name"])
               or "实" in h["title"] for h in hits["hits"])
    flagged = app_client.get("/api/search", params={"violation": "bulk_trading",
                                                    "platform": "taobao", "sort": "risk"}).json()
    assert flagged["hits"], "the seeded taobao listings include bulk traders"
    assert all("bulk_trading" in h["violations"] and h["platform"] == "taobao"
               for h in flagged["hits"])
    risks = [h["risk_score"] for h in flagged["hits"]]
    assert risks == sorted(risks, reverse=True)
    ranged = app_client.get("/api/search", params={"risk_min": 60, "risk_max": 80}).json()
    assert all(60 <= h["risk_score"] <= 80 for h in ranged["hits"])
    page1 = app_client.get("/api/search", params={"size": 10, "page": 1}).json()["hits"]
    page2 = app_client.get("/api/search", params={"size": 10, "page": 2}).json()["hits"]
    assert not {h["doc_id"] for h in page1} & {h["doc_id"] for h in page2}
    html = app_client.get("/search", params={"q": "实名"}).text
    assert 'id="result-count"' in html and "/listing?id=" in html


@pytest.mark.parametrize("q", ['title:(*', '"unbalanced', "a AND OR", "<script>alert(1)</script>",
                               "\\", "+-|~*()", "*:*"])
def test_search_terms_cannot_break_or_inject(app_client: TestClient, q: str) -> None:
    login(app_client, "ana")
    response = app_client.get("/search", params={"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text  # escaped on the way back


@pytest.mark.parametrize(("params", "message"), [
    ({"platform": "myspace"}, "platform: Input should be"),
    ({"risk_min": 500}, "risk_min: Input should be less than or equal to 100"),
    ({"date_from": "2026-13-01"}, "date_from:"),
    ({"date_from": "2026-05-02", "date_to": "2026-05-01"}, "date_to: must be on or after date_from"),
    ({"risk_min": 50, "risk_max": 10}, "risk_max: must be at least risk_min"),
    ({"q": "x" * 201}, "q: String should have at most 200 characters"),
    ({"page": 0}, "page: Input should be greater than or equal to 1"),
    ({"sort": "price; drop"}, "sort: Input should be"),
])
def test_bad_parameters_get_one_clear_message(app_client: TestClient, params: dict, message: str) -> None:
    login(app_client, "ana")
    api = app_client.get("/api/search", params=params)
    assert api.status_code == 400
    assert message in api.json()["error"]
    page = app_client.get("/search", params=params)
    assert page.status_code == 400
    assert "bad input: " in page.text and "Traceback" not in page.text


def test_unknown_listing_is_a_404_page(app_client: TestClient) -> None:
    login(app_client, "ana")
    assert app_client.get("/listing", params={"id": "jd:nope"}).status_code == 404
    assert app_client.get("/listing", params={"id": "../../etc/passwd"}).status_code == 400


def test_listing_page_with_evidence_and_hash_chain(
        app_client: TestClient, es: Elasticsearch, config: ConsoleConfig) -> None:
    doc_id = flagged_ids(es, 1)[0]
    listing = es.get(index="simwatch-listings", id=doc_id)["_source"]
    store = EvidenceStore(config.evidence_dir, "run-evidence")
    raw = b"<html><body><script>alert('x')</script>" + listing["title"].encode() + b"</body></html>"
    record = store.capture(doc_id, listing["url"], raw, png_bytes())
    TakedownStore(es).attach_evidence(doc_id, record.evidence_id, record.sha256)
    login(app_client, "ana")
    page = app_client.get("/listing", params={"id": doc_id}).text
    assert listing["title"] in page
    assert "hash chain verified" in page
    assert record.sha256 in page
    for reason in listing["reasons"]:
        assert str(escape(reason)) in page
    shot = app_client.get("/listing/screenshot", params={"id": doc_id})
    assert shot.headers["content-type"] == "image/png" and shot.content == png_bytes()
    raw_page = app_client.get("/listing/raw", params={"id": doc_id})
    assert raw_page.headers["content-type"].startswith("text/plain")
    assert raw_page.headers["content-disposition"].startswith("attachment")
    assert raw_page.content == raw
    # Tampering with the screenshot breaks the chain check shown on the page.
    shot_path = next(Path(config.evidence_dir, "run-evidence").rglob("screenshot.png"))
    shot_path.write_bytes(png_bytes("blue"))
    assert "hash chain BROKEN" in app_client.get("/listing", params={"id": doc_id}).text


def test_search_export_is_neutralised(app_client: TestClient, es: Elasticsearch) -> None:
    es.index(index="simwatch-listings", id="taobao:evil1", refresh="wait_for", document={
        "platform": "taobao", "listing_id": "evil1", "title": "=HYPERLINK(\"http://x\",\"免实名\")",
        "shop_name": "@SUM(A1)", "takedown": True, "violations": ["no_real_name"],
        "risk_score": 99, "sim_listing": True})
    try:
        login(app_client, "otto")
        response = app_client.get("/search/export", params={"q": "免实名", "format": "csv"})
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        evil = next(row for row in rows if row[0] == "taobao:evil1")
        assert evil[3].startswith("'=HYPERLINK") and evil[4] == "'@SUM(A1)"
        xlsx = app_client.get("/search/export", params={"q": "免实名", "format": "xlsx"})
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
        assert cells["taobao:evil1"][3].data_type == "s"
        assert cells["taobao:evil1"][3].value.startswith("=HYPERLINK")  # text, not a formula
    finally:
        es.delete(index="simwatch-listings", id="taobao:evil1", refresh="wait_for")


def test_runs_page_shows_status_blocked_and_drift(app_client: TestClient, es: Elasticsearch) -> None:
    run = {"run_id": "run-test-1", "start": "2026-11-30T02:30:00+00:00",
           "end": "2026-11-30T02:40:00+00:00", "status": "degraded", "pages": 40,
           "blocked_by_reason": {"captcha": 3, "rate_limited": 2},
           "drift_alarms": 1, "drift_messages": ["jd: 1 results page(s) parsed to zero listings"],
           "monitors": {"passed": 4, "failed": 1, "failed_names": ["ItemCountMonitor"]},
           "stats": {"jd": {"pages": 30, "blocked": {"captcha": 3}, "layout_drift": 1,
                            "listings": 200},
                     "taobao": {"pages": 10, "blocked": {"rate_limited": 2}, "listings": 50}}}
    es.index(index="simwatch-crawls", id="run-test-1", document={"kind": "run", **run})
    for doc_id, doc in platform_documents(run):
        es.index(index="simwatch-crawls", id=doc_id, document=doc)
    es.indices.refresh(index="simwatch-crawls")
    login(app_client, "ana")
    page = app_client.get("/runs").text
    for text in ("run-test-1", "degraded", "captcha 3", "rate_limited 2",
                 "jd: 1 results page(s) parsed to zero listings", "ItemCountMonitor"):
        assert text in page
    overview = app_client.get("/").text
    assert "<td>jd</td><td>1</td><td>30</td><td>3</td><td>10%</td><td>1</td>" in overview


def test_hostile_listing_text_and_links_are_defused(app_client: TestClient, es: Elasticsearch) -> None:
    es.index(index="simwatch-listings", id="taobao:evil2", refresh="wait_for", document={
        "platform": "taobao", "listing_id": "evil2", "title": "<img src=x onerror=alert(1)>卡",
        "url": "javascript:alert(1)", "shop_url": "data:text/html,<script>alert(1)</script>",
        "shop_name": "<b>shop</b>", "reasons": ["<script>alert(2)</script>"], "takedown": True,
        "violations": ["no_real_name"], "risk_score": 1})
    try:
        login(app_client, "ana")
        page = app_client.get("/listing", params={"id": "taobao:evil2"}).text
        assert "<img src=x" not in page and "<script>alert" not in page and "<b>shop" not in page
        assert 'href="javascript:' not in page and 'href="data:' not in page
        assert "&lt;img src=x onerror=alert(1)&gt;卡" in page
    finally:
        es.delete(index="simwatch-listings", id="taobao:evil2", refresh="wait_for")
