"""Tamper-evident evidence for flagged listings: raw response, full-page screenshot, metadata.

Layout under a configurable directory::

    <dir>/<run_id>/manifest.jsonl                one JSON entry per capture, hash-chained
    <dir>/<run_id>/<NNNNNN>_<listing>/response.<html|json|bin>
    <dir>/<run_id>/<NNNNNN>_<listing>/screenshot.png
    <dir>/<run_id>/<NNNNNN>_<listing>/meta.json    url, listing id, capture time (UTC)

Each manifest entry records the SHA-256 of every file of the capture plus ``prev_hash`` (the
previous entry's ``entry_hash``, ``"0" * 64`` for the first) and its own ``entry_hash`` (SHA-256
of the entry's canonical JSON without ``entry_hash``). Altering a file breaks its file hash;
altering, removing or reordering entries breaks the chain. ``EvidenceRecord.sha256`` is the
entry hash: one value that seals the files, URL and capture time together, which is what a
takedown request quotes as ``evidence_sha256``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.safefetch import FetchPolicy, FetchRefused, SafeFetcher, SafeResponse

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch
    from playwright.async_api import Browser, BrowserContext, Page, Route

log = logging.getLogger(__name__)

__all__ = [
    "CHROMIUM_ARGS",
    "CHROMIUM_PATH",
    "GENESIS_HASH",
    "EvidenceRecord",
    "EvidenceStore",
    "Problem",
    "capture_flagged",
    "capture_screenshot",
    "chromium_args",
    "sha256_file",
    "verify",
]

MANIFEST = "manifest.jsonl"
GENESIS_HASH = "0" * 64
CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-gpu",
)


def chromium_args() -> list[str]:
    """Chromium flags; ``--no-sandbox`` only when running as root (Chromium refuses to start as
    root with its sandbox). The production image runs as a non-root user, so it keeps the sandbox."""
    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    return args


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class EvidenceRecord:
    evidence_id: str  # "<run_id>/<NNNNNN>"
    sha256: str  # the manifest entry hash (seals files + url + capture time)
    files: dict[str, str] = field(default_factory=dict)  # path relative to the run dir -> sha256
    captured_at: str = ""
    url: str = ""


@dataclass(frozen=True)
class Problem:
    """One verification failure; ``file`` names what does not match (relative to the run dir)."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _entry_hash(entry: dict[str, Any]) -> str:
    body = {key: value for key, value in entry.items() if key != "entry_hash"}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _raw_extension(body: bytes) -> str:
    head = body.lstrip()[:1]
    if head in (b"{", b"["):
        return "json"
    if head == b"<":
        return "html"
    return "bin"


def _check_run_id(run_id: str) -> str:
    if not run_id or _UNSAFE.search(run_id) or run_id in (".", ".."):
        raise ValueError(f"run id {run_id!r} must be non-empty letters, digits, '.', '_' or '-'")
    return run_id


class EvidenceStore:
    """Captures for one run; safe to share between threads and processes of the same run.

    A process-level lock plus an ``flock`` on the manifest serialise appends, so the chain has
    no forks even when several crawler processes capture into the same run.
    """

    def __init__(self, directory: str | Path, run_id: str) -> None:
        self.run_id = _check_run_id(run_id)
        self.run_dir = Path(directory) / run_id
        self.manifest = self.run_dir / MANIFEST
        self._lock = threading.Lock()

    def capture(
        self,
        listing_id: str,
        url: str,
        raw_body: bytes,
        screenshot: bytes | None,
        captured_at: datetime | None = None,
    ) -> EvidenceRecord:
        """Store one capture's files and append its chained manifest entry."""
        if not isinstance(raw_body, bytes | bytearray):
            raise TypeError(f"raw_body must be bytes, got {type(raw_body).__name__}")
        moment = (captured_at or datetime.now(UTC)).astimezone(UTC)
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        self.run_dir.mkdir(parents=True, exist_ok=True)
        with self._lock, self.manifest.open("a+", encoding="utf-8") as manifest:
            fcntl.flock(manifest.fileno(), fcntl.LOCK_EX)
            try:
                manifest.seek(0)
                entries = [json.loads(line) for line in manifest if line.strip()]
                seq = len(entries) + 1
                prev_hash = entries[-1]["entry_hash"] if entries else GENESIS_HASH
                folder = f"{seq:06d}_{_UNSAFE.sub('_', listing_id)[:80]}"
                capture_dir = self.run_dir / folder
                capture_dir.mkdir()
                contents: dict[str, bytes] = {
                    f"response.{_raw_extension(bytes(raw_body))}": bytes(raw_body)
                }
                if screenshot is not None:
                    contents["screenshot.png"] = screenshot
                meta = {"listing_id": listing_id, "url": url, "captured_at": stamp}
                contents["meta.json"] = json.dumps(meta, ensure_ascii=False, indent=2).encode()
                files = {}
                for name, data in contents.items():
                    (capture_dir / name).write_bytes(data)
                    files[f"{folder}/{name}"] = hashlib.sha256(data).hexdigest()
                evidence_id = f"{self.run_id}/{seq:06d}"
                entry: dict[str, Any] = {
                    "seq": seq,
                    "evidence_id": evidence_id,
                    "listing_id": listing_id,
                    "url": url,
                    "captured_at": stamp,
                    "files": files,
                    "prev_hash": prev_hash,
                }
                entry["entry_hash"] = _entry_hash(entry)
                manifest.seek(0, 2)
                manifest.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
                manifest.flush()
            finally:
                fcntl.flock(manifest.fileno(), fcntl.LOCK_UN)
        return EvidenceRecord(evidence_id, entry["entry_hash"], files, stamp, url)


def verify(directory: str | Path, run_id: str) -> list[Problem]:
    """Recompute every file hash and chain link of a run; an empty list means intact."""
    run_dir = Path(directory) / _check_run_id(run_id)
    manifest = run_dir / MANIFEST
    if not manifest.is_file():
        return [Problem(MANIFEST, f"manifest missing (looked in {run_dir})")]
    problems: list[Problem] = []
    listed: set[str] = set()
    prev_hash = GENESIS_HASH
    lines = manifest.read_text(encoding="utf-8").splitlines()
    for line_no, line in enumerate(lines, start=1):
        where = f"{MANIFEST}:{line_no}"
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            files = dict(entry["files"])
            recorded_hash = entry["entry_hash"]
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(Problem(where, f"unreadable manifest entry ({exc})"))
            prev_hash = None  # the chain cannot be followed past a broken entry
            continue
        if prev_hash is not None and entry.get("prev_hash") != prev_hash:
            problems.append(
                Problem(where, f"chain broken: prev_hash {entry.get('prev_hash')} != {prev_hash}")
            )
        if _entry_hash(entry) != recorded_hash:
            problems.append(Problem(where, "entry altered: entry_hash does not match its content"))
        prev_hash = recorded_hash
        for relative, expected in files.items():
            listed.add(relative)
            path = run_dir / relative
            if not path.is_file():
                problems.append(Problem(relative, "file missing"))
                continue
            actual = sha256_file(path)
            if actual != expected:
                problems.append(Problem(relative, f"sha256 {actual} != recorded {expected}"))
    for path in sorted(run_dir.rglob("*")):
        relative = path.relative_to(run_dir).as_posix()
        if path.is_file() and relative != MANIFEST and relative not in listed:
            problems.append(Problem(relative, "file not in the manifest"))
    return problems


# Response headers that describe the wire, not the body we hand to the browser (aiohttp has
# already decoded the body).
_HOP_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding", "connection",
                          "keep-alive", "set-cookie"})


def _browser_headers(headers: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k.lower() not in _HOP_HEADERS}


async def _guarded_page(
    browser: Browser,
    fetcher: SafeFetcher,
    policy: FetchPolicy,
    main: SafeResponse,
    viewport: tuple[int, int],
) -> tuple[BrowserContext, Page]:
    """A page whose every request goes through the safe fetcher (Playwright route interception).

    The main document is the response the safe fetcher already fetched (its redirects checked);
    the browser fetches nothing itself. Route handlers never see redirects the browser follows,
    so resources are fetched here one hop at a time: a 3xx is handed back to the browser, whose
    next request comes through this handler again. Resources may come from any public host (a
    platform's images live on its CDN); loopback, private and link-local addresses, non-http(s)
    schemes, other top-level navigations, non-GET requests and WebSockets are refused.
    """
    context = await browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block"
    )

    navigated = False

    async def handle(route: Route) -> None:
        nonlocal navigated
        request = route.request
        try:
            if request.is_navigation_request() and request.frame.parent_frame is None:
                # The first top-level navigation is our goto (Chromium may spell the URL
                # slightly differently); any later one is the page trying to go elsewhere.
                if navigated:
                    raise FetchRefused(f"top-level navigation away from the listing: {request.url[:120]}")
                navigated = True
                await route.fulfill(status=main.status, headers=_browser_headers(main.headers),
                                    body=main.body)
                return
            if request.method != "GET":
                raise FetchRefused(f"{request.method} request not allowed: {request.url[:120]}")
            url = policy.check_url(request.url, any_public_host=True)
            response = await fetcher.fetch_once(url, policy)
        except Exception as exc:  # refused or failed: the browser gets nothing
            log.debug("evidence page request blocked: %s", exc)
            await route.abort("blockedbyclient")
            return
        await route.fulfill(status=response.status, headers=_browser_headers(response.headers),
                            body=response.body)

    await context.route("**/*", handle)
    page = await context.new_page()
    await page.route_web_socket("**", lambda ws: ws.close())
    return context, page


async def _capture_url(
    browser: Browser,
    fetcher: SafeFetcher,
    policy: FetchPolicy,
    url: str,
    platform: str | None,
    *,
    timeout_ms: int,
    viewport: tuple[int, int] = (1280, 900),
) -> tuple[SafeResponse, bytes]:
    """The listing's raw response (safe fetcher) and a full-page screenshot of it (guarded page)."""
    platform_policy = policy.for_platform(platform)
    main = await fetcher(url, platform)
    context, page = await _guarded_page(browser, fetcher, platform_policy, main, viewport)
    try:
        await page.goto(main.url, wait_until="load", timeout=timeout_ms)
        return main, await page.screenshot(full_page=True, timeout=timeout_ms)
    finally:
        await context.close()


async def capture_screenshot(
    page_or_url: Page | str,
    *,
    timeout_ms: int = 30_000,
    viewport: tuple[int, int] = (1280, 900),
    executable_path: str = CHROMIUM_PATH,
    policy: FetchPolicy | None = None,
    platform: str | None = None,
) -> bytes:
    """A full-page PNG of a Playwright ``Page`` (as it is) or of a URL (in a fresh headless chromium).

    Given a page, nothing is launched: the crawler's own browser context (cookies, login) is
    what rendered it. Given a URL, Debian's chromium is launched just for this capture, and the
    URL and everything the page loads go through ``policy`` (default: ``platform``'s hosts only).
    """
    if not isinstance(page_or_url, str):
        return await page_or_url.screenshot(full_page=True, timeout=timeout_ms)
    from playwright.async_api import async_playwright

    policy = policy or FetchPolicy()
    async with SafeFetcher(policy) as fetcher, async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable_path, headless=True, args=chromium_args()
        )
        try:
            _, png = await _capture_url(browser, fetcher, policy, page_or_url, platform,
                                        timeout_ms=timeout_ms, viewport=viewport)
            return png
        finally:
            await browser.close()


async def capture_flagged(
    client: Elasticsearch,
    directory: str | Path,
    run_id: str,
    *,
    platform: str | None = None,
    limit: int | None = None,
    url_for: Callable[[dict[str, Any]], str] | None = None,
    timeout_ms: int = 30_000,
    executable_path: str = CHROMIUM_PATH,
    base_url: str | None = None,
    policy: FetchPolicy | None = None,
) -> list[tuple[str, EvidenceRecord]]:
    """Capture evidence for flagged listings that have none yet, and link it to their takedowns.

    One headless chromium serves the whole batch. Each listing's URL (``url_for(doc)``, default
    its ``url``) is fetched by the safe fetcher — only the listing platform's hosts or exactly
    ``base_url`` (the sandbox), every redirect and address checked, the body capped — and that
    response is the raw capture; a guarded page renders it for the full-page screenshot.
    Refused or failing listings are skipped and logged in one line, never half-recorded.
    """
    from playwright.async_api import async_playwright

    from crawler.takedowns.indices import LISTINGS, TAKEDOWNS, mget_docs, scan_docs
    from crawler.takedowns.lifecycle import TakedownStore

    policy = policy or FetchPolicy(base_url=base_url)
    filters: list[dict[str, Any]] = [{"term": {"takedown": True}}]
    if platform:
        filters.append({"term": {"platform": platform}})
    flagged = sorted(
        scan_docs(client, LISTINGS, {"bool": {"filter": filters}}),
        key=lambda item: -int(item[1].get("risk_score") or 0),
    )
    takedowns = mget_docs(client, TAKEDOWNS, [doc_id for doc_id, _ in flagged])
    todo = [
        (doc_id, doc)
        for doc_id, doc in flagged
        if doc.get("url") and not takedowns.get(doc_id, {}).get("evidence_id")
    ][:limit]
    store = EvidenceStore(directory, run_id)
    takedown_store = TakedownStore(client, refresh=False)
    captured: list[tuple[str, EvidenceRecord]] = []
    if not todo:
        return captured
    async with SafeFetcher(policy) as fetcher, async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable_path, headless=True, args=chromium_args()
        )
        try:
            for doc_id, doc in todo:
                url = url_for(doc) if url_for else str(doc["url"])
                try:
                    main, screenshot = await _capture_url(
                        browser, fetcher, policy, url, doc.get("platform"), timeout_ms=timeout_ms
                    )
                except FetchRefused as exc:
                    log.warning("evidence for %s not captured: refused: %s", doc_id, exc)
                    continue
                except Exception as exc:  # network/browser errors: one line, the batch goes on
                    log.warning("evidence for %s (%s) not captured: %s: %s", doc_id, url[:120],
                                type(exc).__name__, exc)
                    continue
                record = store.capture(doc_id, url, main.body, screenshot)
                takedown_store.attach_evidence(doc_id, record.evidence_id, record.sha256)
                captured.append((doc_id, record))
        finally:
            await browser.close()
    client.indices.refresh(index=TAKEDOWNS)
    return captured
