"""Evidence capture touches only the platforms: no file:, no internal pages, not even from the page."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from crawler.takedowns.evidence import capture_flagged, verify
from tests.crawler.loopback import loopback_server, send
from tests.crawler.takedowns.conftest import index_listings, listing_doc

pytestmark = pytest.mark.browser


def test_capture_refuses_internal_targets_and_blocks_page_requests(
    es: Elasticsearch, tmp_path: Path
) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium not installed")
    with loopback_server({"/secret": lambda h: send(h, 200, b"SECRET-TOKEN")}) as internal:
        leak = f"{internal.base_url}/secret"
        # The listing page (on the configured base URL) tries every way to make the browser
        # reach the internal service or local files.
        page = (
            "<html><body><h1>免实名 流量卡</h1>"
            f'<img src="{leak}?img"><iframe src="{leak}?frame"></iframe>'
            '<iframe src="file:///etc/passwd"></iframe>'
            f'<link rel="stylesheet" href="{leak}?css">'
            f"<script>fetch('{leak}?fetch').catch(() => 0);"
            f"new Image().src = '{leak}?js';"
            f"setTimeout(() => {{ location.href = '{leak}?navigate'; }}, 0);</script>"
            "</body></html>"
        ).encode()
        routes = {
            "/item/1": lambda h: send(h, 200, page),
            "/item/2": lambda h: send(h, 302, headers={"Location": f"{leak}?redirect"}),
        }
        with loopback_server(routes) as site:
            index_listings(es, [
                listing_doc("jd", "1", risk=90, url=f"{site.base_url}/item/1"),
                listing_doc("jd", "2", risk=80, url=f"{site.base_url}/item/2"),
                listing_doc("jd", "3", risk=70, url="file:///etc/passwd"),
                listing_doc("jd", "4", risk=60, url=leak),
                listing_doc("jd", "5", risk=50, url="https://evil.example/item"),
            ])
            captured = asyncio.run(capture_flagged(
                es, tmp_path, "ssrf", platform="jd", base_url=site.base_url, timeout_ms=15_000
            ))
            site_hits = list(site.hits)
        assert internal.hits == []  # nothing reached the internal service
    assert site_hits.count("/item/1") == 1  # fetched once, by the safe fetcher
    assert [doc_id for doc_id, _ in captured] == ["jd:1"]
    assert verify(tmp_path, "ssrf") == []
    manifest = (tmp_path / "ssrf" / "manifest.jsonl").read_text(encoding="utf-8")
    assert [json.loads(line)["listing_id"] for line in manifest.splitlines()] == ["jd:1"]
    stored = b"".join(p.read_bytes() for p in (tmp_path / "ssrf").rglob("*") if p.is_file())
    assert b"SECRET-TOKEN" not in stored and b"root:" not in stored
