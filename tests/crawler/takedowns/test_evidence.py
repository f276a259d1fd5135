from __future__ import annotations

import asyncio
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from elasticsearch import Elasticsearch
from PIL import Image

from crawler.safefetch import FetchPolicy
from crawler.takedowns.evidence import (
    GENESIS_HASH,
    EvidenceStore,
    capture_flagged,
    capture_screenshot,
    verify,
)
from crawler.takedowns.lifecycle import TakedownStore
from sandbox.server import SandboxServer
from tests.crawler.takedowns.conftest import index_listings

PNG = b"\x89PNG\r\n\x1a\n" + b"fake-image-bytes"


def _capture_three(tmp_path: Path) -> EvidenceStore:
    store = EvidenceStore(tmp_path, "run-2025-03-05")
    store.capture("taobao:1", "https://item.taobao.com/item.htm?id=1", "<html>免实名</html>".encode(), PNG)
    store.capture("jd:2", "https://item.jd.com/2.html", b'{"title": "x"}', None)
    store.capture("taobao:1", "https://item.taobao.com/item.htm?id=1", b"\x00\x01", PNG)
    return store


def test_capture_writes_hashed_chained_files(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path, "run1")
    record = store.capture("taobao:1", "https://item.taobao.com/item.htm?id=1", b"<html/>", PNG)
    assert record.evidence_id == "run1/000001"
    assert set(record.files) == {
        "000001_taobao_1/response.html",
        "000001_taobao_1/screenshot.png",
        "000001_taobao_1/meta.json",
    }
    meta = json.loads((tmp_path / "run1/000001_taobao_1/meta.json").read_text())
    assert meta["url"] == "https://item.taobao.com/item.htm?id=1"
    assert meta["captured_at"].endswith("Z")
    second = store.capture("taobao:2", "https://item.taobao.com/item.htm?id=2", b"{}", None)
    entries = [json.loads(line) for line in (tmp_path / "run1/manifest.jsonl").read_text().splitlines()]
    assert entries[0]["prev_hash"] == GENESIS_HASH
    assert entries[1]["prev_hash"] == entries[0]["entry_hash"] == record.sha256
    assert entries[1]["entry_hash"] == second.sha256
    assert verify(tmp_path, "run1") == []


def test_chain_continues_across_store_instances(tmp_path: Path) -> None:
    _capture_three(tmp_path)
    again = EvidenceStore(tmp_path, "run-2025-03-05").capture("jd:3", "u", b"x", None)
    assert again.evidence_id == "run-2025-03-05/000004"
    assert verify(tmp_path, "run-2025-03-05") == []


def test_one_altered_byte_is_named(tmp_path: Path) -> None:
    _capture_three(tmp_path)
    target = tmp_path / "run-2025-03-05/000002_jd_2/response.json"
    data = bytearray(target.read_bytes())
    data[0] ^= 0x01
    target.write_bytes(bytes(data))
    problems = verify(tmp_path, "run-2025-03-05")
    assert [p.file for p in problems] == ["000002_jd_2/response.json"]
    assert "sha256" in problems[0].reason


def test_edited_manifest_entry_breaks_the_chain(tmp_path: Path) -> None:
    _capture_three(tmp_path)
    manifest = tmp_path / "run-2025-03-05/manifest.jsonl"
    lines = manifest.read_text().splitlines()
    entry = json.loads(lines[0])
    entry["url"] = "https://elsewhere.example/"
    lines[0] = json.dumps(entry, ensure_ascii=False, sort_keys=True)
    manifest.write_text("\n".join(lines) + "\n")
    problems = [str(p) for p in verify(tmp_path, "run-2025-03-05")]
    assert problems == ["manifest.jsonl:1: entry altered: entry_hash does not match its content"]


def test_removed_entry_and_extra_or_missing_files(tmp_path: Path) -> None:
    _capture_three(tmp_path)
    run = tmp_path / "run-2025-03-05"
    manifest = run / "manifest.jsonl"
    lines = manifest.read_text().splitlines()
    manifest.write_text("\n".join([lines[0], lines[2]]) + "\n")  # drop the middle entry
    (run / "000001_taobao_1/screenshot.png").unlink()
    problems = {str(p) for p in verify(tmp_path, "run-2025-03-05")}
    assert any(p.startswith("manifest.jsonl:2: chain broken") for p in problems)
    assert "000001_taobao_1/screenshot.png: file missing" in problems
    assert "000002_jd_2/response.json: file not in the manifest" in problems


def test_missing_run_and_bad_run_id(tmp_path: Path) -> None:
    assert [p.file for p in verify(tmp_path, "nope")] == ["manifest.jsonl"]
    with pytest.raises(ValueError, match="run id"):
        EvidenceStore(tmp_path, "../escape")


def test_concurrent_captures_keep_one_chain(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path, "threads")
    threads = [
        threading.Thread(target=store.capture, args=(f"xianyu:{i}", f"u{i}", b"<p/>", None))
        for i in range(12)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert verify(tmp_path, "threads") == []
    assert len((tmp_path / "threads/manifest.jsonl").read_text().splitlines()) == 12


@pytest.fixture
def page_server() -> Iterator[str]:
    """A one-page aiohttp site on 127.0.0.1 in a background thread."""
    html = "<html><body style='background:#fff'><h1>免实名 流量卡 出售</h1>" + "<p>行</p>" * 80 + "</body></html>"

    async def item(_: web.Request) -> web.Response:
        return web.Response(text=html, content_type="text/html", charset="utf-8")

    loop = asyncio.new_event_loop()
    app = web.Application()
    app.router.add_get("/item", item)
    runner = web.AppRunner(app)
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


@pytest.mark.browser
def test_full_page_screenshot_with_chromium(page_server: str, tmp_path: Path) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium not installed")
    png = asyncio.run(capture_screenshot(f"{page_server}/item", viewport=(800, 600),
                                         policy=FetchPolicy(base_url=page_server)))
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.width == 800 and image.height > 600  # full page, not just the viewport
    record = EvidenceStore(tmp_path, "shots").capture("t:1", f"{page_server}/item", b"<html/>", png)
    assert "000001_t_1/screenshot.png" in record.files
    assert verify(tmp_path, "shots") == []


@pytest.mark.browser
def test_capture_flagged_listings_from_the_sandbox(
    es: Elasticsearch, sandbox: SandboxServer, tmp_path: Path
) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium not installed")
    flagged = [x for x in sandbox.catalogue.for_platform("jd") if x.expected["takedown"]][:3]
    docs = [
        {**x.listing_fields(), **x.expected, "risk_score": 80 - i} for i, x in enumerate(flagged)
    ]
    index_listings(es, docs)
    TakedownStore(es).attach_evidence(flagged[2].doc_id, "old/000001", "ef" * 32)

    def to_sandbox(doc: dict[str, Any]) -> str:
        return f"{sandbox.base_url}/jd/item/{doc['listing_id']}.html"

    captured = asyncio.run(capture_flagged(es, tmp_path, "ev1", platform="jd", url_for=to_sandbox,
                                           base_url=sandbox.base_url))
    assert [doc_id for doc_id, _ in captured] == [flagged[0].doc_id, flagged[1].doc_id]
    assert verify(tmp_path, "ev1") == []
    doc_id, record = captured[0]
    raw = next(path for path in record.files if "/response." in path)
    assert flagged[0].title in (tmp_path / "ev1" / raw).read_text(encoding="utf-8")
    takedown = TakedownStore(es).get(doc_id)
    assert takedown is not None
    assert (takedown["evidence_id"], takedown["evidence_sha256"]) == (record.evidence_id, record.sha256)
    with Image.open(tmp_path / "ev1" / next(p for p in record.files if p.endswith(".png"))) as image:
        assert image.width == 1280
