"""The console end to end in Debian's Chromium (Playwright): log in, search, open a listing
with its real evidence screenshot, review it from the queue with the keyboard, watch the
takedown list change, export it, mark the batch sent; refusals without a session or with a
wrong CSRF token; a reviewer cannot manage users. Writes docs/screenshots/*.png."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import uvicorn
from elasticsearch import Elasticsearch

from crawler.console.app import ConsoleConfig, create_app
from crawler.store.embedded import free_port

from .conftest import PASSWORDS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"] + (["--no-sandbox"] if os.geteuid() == 0 else [])


@pytest.fixture(scope="module")
def evidence_dir(es: Elasticsearch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real captures (Chromium screenshot + raw page) of the 3 riskiest flagged listings' pages
    on the sandbox marketplace, hash-chained, as `simwatch demo` makes them."""
    from crawler.platforms.base import reroot_url
    from crawler.takedowns.evidence import capture_flagged
    from sandbox.server import SandboxServer

    directory = tmp_path_factory.mktemp("evidence")
    with SandboxServer(seed=7, faults=False) as base:
        capture = capture_flagged(
            es, directory, "run-browser", limit=3, base_url=str(base),  # the one allowed non-platform origin
            url_for=lambda doc: reroot_url(str(doc["url"]), f"{base}/{doc['platform']}"))
        # Its own thread: sync Playwright may already hold this thread's event loop.
        with ThreadPoolExecutor(1) as pool:
            records = pool.submit(asyncio.run, capture).result()
    assert len(records) == 3
    return directory


@pytest.fixture(scope="module")
def console_url(es: Elasticsearch, users_file: Path, evidence_dir: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    config = ConsoleConfig(users_path=users_file, secret_key="browser-secret-" + "y" * 40,
                           evidence_dir=evidence_dir,
                           exports_dir=tmp_path_factory.mktemp("exports"))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(es, config), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "console did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _login(browser, url: str, name: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1360, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{url}/")
    assert "/login" in page.url
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORDS[name][1])
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")
    return context, page


def _candidates(page, url: str, platform: str) -> int:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/takedowns")
    return int(page.locator(f"tr[data-platform={platform}] td.candidates").inner_text())


def test_console_end_to_end(browser, console_url: str, es: Elasticsearch,  # type: ignore[no-untyped-def]
                            evidence_dir: Path) -> None:
    url = console_url
    # Without a session: pages go to the login form, the API answers 401.
    anonymous = browser.new_context()
    assert anonymous.request.get(f"{url}/api/search").status == 401
    anon_page = anonymous.new_page()
    anon_page.goto(f"{url}/review")
    assert "/login?next=%2Freview" in anon_page.url
    anonymous.close()

    reviewer_ctx, reviewer = _login(browser, url, "rita")
    operator_ctx, operator = _login(browser, url, "otto")

    # Search.
    reviewer.goto(f"{url}/search")
    reviewer.fill("input[name=q]", "实名")
    reviewer.click("#search-form button[type=submit]")
    reviewer.wait_for_selector("a.listing-link")
    assert int(reviewer.inner_text("#result-count").replace(",", "")) > 0

    # A listing with its evidence screenshot (captured from the sandbox page) and chain check.
    evidenced = [hit["_id"] for hit in es.search(
        index="simwatch-takedowns", query={"exists": {"field": "evidence_id"}},
        sort=[{"risk_score": {"order": "desc"}}], size=3)["hits"]["hits"]]
    doc_id = evidenced[0]
    reviewer.goto(f"{url}/listing?id={doc_id}")
    assert reviewer.inner_text("#chain-state") == "hash chain verified"
    width = reviewer.eval_on_selector("#screenshot", "img => img.complete && img.naturalWidth")
    assert width and width > 100
    reviewer.screenshot(path=str(SCREENSHOTS / "listing.png"), full_page=False)

    # The review queue: the riskiest undecided listing, rejected with the keyboard.
    reviewer.goto(f"{url}/review")
    current = reviewer.get_attribute("#decide-form input[name=id]", "value")
    assert current
    platform = current.split(":", 1)[0]
    before = _candidates(operator, url, platform)
    reviewer.goto(f"{url}/review")
    reviewer.screenshot(path=str(SCREENSHOTS / "review-queue.png"), full_page=False)
    reviewer.fill("#decide-form input[name=note]", "accessory, not a SIM card")
    reviewer.locator("#decide-form input[name=note]").press("Enter")  # must not decide
    reviewer.click("h1")  # leave the note field so the shortcut applies
    with reviewer.expect_navigation():
        reviewer.keyboard.press("r")
    assert f"{current}: rejected by rita" in reviewer.inner_text(".flash.ok")
    review = es.get(index="simwatch-listings", id=current)["_source"]["review"]
    assert review["state"] == "rejected" and review["note"] == "accessory, not a SIM card"
    # Skip with "s" moves on without deciding.
    skipped = reviewer.get_attribute("#decide-form input[name=id]", "value")
    with reviewer.expect_navigation():
        reviewer.keyboard.press("s")
    assert reviewer.get_attribute("#decide-form input[name=id]", "value") != skipped
    assert "review" not in es.get(index="simwatch-listings", id=skipped)["_source"]
    # And "c" confirms the next one.
    confirmed = reviewer.get_attribute("#decide-form input[name=id]", "value")
    with reviewer.expect_navigation():
        reviewer.keyboard.press("c")
    assert es.get(index="simwatch-listings", id=confirmed)["_source"]["review"]["state"] == "confirmed"

    # The operator sees the takedown list shrink by the rejected listing, exports it, marks it sent.
    assert _candidates(operator, url, platform) == before - 1
    operator.select_option(f"tr[data-platform={platform}] select[name=format]", "csv")
    with operator.expect_download() as download_info:
        operator.click(f"tr[data-platform={platform}] button.export")
    exported = list(csv.reader(io.StringIO(
        Path(download_info.value.path()).read_text(encoding="utf-8-sig"))))
    listing_ids = [row[2] for row in exported[1:]]
    assert current.split(":", 1)[1] not in listing_ids
    assert len(listing_ids) == before - 1
    operator.goto(f"{url}/takedowns")
    batch = operator.locator("#batches tr[data-batch]").filter(has_text=platform).first
    assert "queued" in batch.locator(".batch-status").inner_text()
    with operator.expect_navigation():
        batch.locator("button.mark-sent").click()
    assert "marked sent by otto" in operator.inner_text(".flash.ok")
    row = operator.locator("#batches tr[data-batch]").filter(has_text=platform).first
    assert row.locator(".batch-status").inner_text() == f"sent {before - 1}"

    # A wrong CSRF token is refused even with a valid session; a reviewer cannot manage users.
    refused = reviewer_ctx.request.post(f"{url}/review", form={
        "id": skipped, "decision": "confirmed", "csrf_token": "forged"})
    assert refused.status == 403
    assert "review" not in es.get(index="simwatch-listings", id=skipped)["_source"]
    reviewer.goto(f"{url}/users")
    assert "your roles do not allow this (users)" in reviewer.inner_text("#error-message")
    assert reviewer_ctx.request.post(f"{url}/users", form={
        "name": "mallory", "password": "x" * 12, "role": "admin",
        "csrf_token": reviewer.get_attribute("form.logout input[name=csrf_token]", "value"),
    }).status == 403
    reviewer.goto(f"{url}/")
    assert "<b>1</b> confirmed" in reviewer.content() and "<b>1</b> rejected" in reviewer.content()
    reviewer.screenshot(path=str(SCREENSHOTS / "overview.png"), full_page=True)
    reviewer_ctx.close()
    operator_ctx.close()
