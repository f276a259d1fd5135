"""Helpers for the sandbox tests: a plain HTTP client that does not follow redirects."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import pytest

from sandbox.faults import plan_keywords
from sandbox.server import SandboxServer


@dataclass
class Reply:
    status: int
    headers: Message
    body: str
    cookies: dict[str, str] = field(default_factory=dict)

    def set_cookies(self) -> dict[str, str]:
        out = {}
        for raw in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = raw.partition("=")
            out[name.strip()] = rest.split(";", 1)[0]
        return out


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect())


def http(url: str, *, data: dict[str, str] | None = None, cookies: dict[str, str] | None = None,
         method: str | None = None) -> Reply:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    url = urllib.parse.quote(url, safe=":/?&=%#+;,@")  # non-ASCII in URLs, as a browser sends it
    request = urllib.request.Request(url, data=body, method=method)
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        with _OPENER.open(request, timeout=10) as resp:
            return Reply(resp.status, resp.headers, resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, exc.headers, exc.read().decode("utf-8", "replace"))


@pytest.fixture(scope="module")
def quiet_server() -> Iterator[SandboxServer]:
    """A sandbox without planned faults or rate limit, shared by a test module."""
    server = SandboxServer(seed=7, faults=False)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def default_plan_pages(base: str, platform: str, parser: Any,
                       cookies: dict[str, str] | None = None) -> tuple[str, Reply]:
    """The default fault plan on one front: page 1 of its transient keyword meets one 503, then
    loads (asserted here); returns that page's URL and the reply to page 2 of its persistent
    keyword (the planned captcha, answered the front's own way)."""
    transient, persistent = plan_keywords(platform)
    first = parser.search_url(f"{base}/{platform}", transient, 1)
    assert http(first, cookies=cookies).status == 503 and http(first, cookies=cookies).status == 200
    return first, http(parser.search_url(f"{base}/{platform}", persistent, 2), cookies=cookies)


def no_results_url(server: SandboxServer, platform: str, parser: Any) -> str:
    """Page 1 of a search the catalogue has nothing for, asserted to parse as empty (not blocked,
    no next page); its URL."""
    url = parser.search_url(server.url(platform), "table tennis bat", 1)
    empty = parser.parse_search(http(url).body, url, "2026-01-01")
    assert empty.blocked is None and empty.listings == [] and not empty.has_next
    return url
