"""The safe fetcher touches only the platforms: refused schemes, hosts, addresses, redirects, caps."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from crawler.safefetch import (
    FetchPolicy,
    FetchRefused,
    SafeFetcher,
    SafeResponse,
    is_public_address,
)
from tests.crawler.loopback import Loopback, endless, loopback_server, send


@pytest.fixture
def internal() -> Iterator[Loopback]:
    """An 'internal service' with a secret: no test may ever reach it."""
    with loopback_server({"/secret": lambda h: send(h, 200, b"SECRET-TOKEN")}) as server:
        yield server


@pytest.fixture
def site(internal: Loopback) -> Iterator[Loopback]:
    """The configured base URL (a sandbox): pages and redirects of every kind."""
    routes = {
        "/item": lambda h: send(h, 200, "<html>免实名 卡</html>".encode()),
        "/hop": lambda h: send(h, 302, headers={"Location": "/item"}),
        "/to-internal": lambda h: send(h, 302, headers={"Location": f"{internal.base_url}/secret"}),
        "/to-file": lambda h: send(h, 302, headers={"Location": "file:///etc/passwd"}),
        "/to-localhost": lambda h: send(h, 301, headers={"Location": f"http://localhost:{h.server.server_address[1]}/item"}),
        "/loop": lambda h: send(h, 302, headers={"Location": "/loop"}),
        "/endless": endless,
        "/big": lambda h: send(h, 200, b"y" * 300_000),
    }
    with loopback_server(routes) as server:
        yield server


def _get(policy: FetchPolicy, url: str, platform: str | None = None) -> SafeResponse:
    async def main() -> SafeResponse:
        async with SafeFetcher(policy) as fetch:
            return await fetch(url, platform)

    return asyncio.run(main())


def test_base_url_pages_and_checked_redirects_are_fetched(site: Loopback) -> None:
    policy = FetchPolicy(base_url=site.base_url)
    response = _get(policy, f"{site.base_url}/hop", "jd")
    assert response.status == 200 and "免实名".encode() in response.body
    assert response.url == f"{site.base_url}/item"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "ftp://item.jd.com/1.html",
    "javascript:alert(1)",
    "https://evil.example/item.htm",          # another host
    "https://item.jd.com.evil.example/1.html",  # a platform host as a prefix only
    "https://user@item.jd.com/1.html",        # user-info
    "http://127.0.0.1/secret",                # IP literal, not the base URL
    "http://[::1]/secret",
    "http://169.254.169.254/latest/meta-data/",
    "https://item.jd.com/1.html\r\nX: y",
])
def test_refused_before_any_connection(url: str) -> None:
    with pytest.raises(FetchRefused):
        FetchPolicy(platform="jd").check_url(url)


def test_platform_hosts_are_allowed() -> None:
    policy = FetchPolicy(platform="taobao")
    assert policy.check_url("https://item.taobao.com/item.htm?id=1")
    assert policy.check_url("https://detail.tmall.com/item.htm?id=1")
    with pytest.raises(FetchRefused, match="does not belong"):
        policy.check_url("https://item.jd.com/1.html")


def test_other_port_on_the_base_host_is_not_the_base(site: Loopback, internal: Loopback) -> None:
    policy = FetchPolicy(base_url=site.base_url)
    with pytest.raises(FetchRefused):
        _get(policy, f"{internal.base_url}/secret", "jd")
    assert internal.hits == []


def test_platform_host_resolving_to_loopback_is_refused(internal: Loopback) -> None:
    # "localhost" stands in for a platform host whose DNS answers with an internal address.
    policy = FetchPolicy(platform="jd", extra_hosts=("localhost",))
    with pytest.raises(FetchRefused, match="non-public address 127.0.0.1"):
        _get(policy, f"http://localhost:{internal.port}/secret", "jd")
    assert internal.hits == []


@pytest.mark.parametrize(("path", "why"), [
    ("/to-internal", "IP address 127.0.0.1"),
    ("/to-file", "scheme 'file'"),
    ("/to-localhost", "does not belong"),
    ("/loop", "more than 5 redirects"),
])
def test_redirects_are_checked_like_the_first_url(
    site: Loopback, internal: Loopback, path: str, why: str
) -> None:
    with pytest.raises(FetchRefused, match=why):
        _get(FetchPolicy(base_url=site.base_url), f"{site.base_url}{path}", "jd")
    assert internal.hits == []


def test_endless_body_stops_at_the_cap(site: Loopback) -> None:
    policy = FetchPolicy(base_url=site.base_url, max_bytes=256 * 1024)
    with pytest.raises(FetchRefused, match="over the 262144-byte cap"):
        _get(policy, f"{site.base_url}/endless")
    with pytest.raises(FetchRefused, match="body of 300000 bytes"):
        _get(policy, f"{site.base_url}/big")  # declared length over the cap: not even read
    assert _get(FetchPolicy(base_url=site.base_url, max_bytes=400_000), f"{site.base_url}/big").body


def test_public_address_classification() -> None:
    assert is_public_address("8.8.8.8") and is_public_address("2001:4860:4860::8888")
    for address in ("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                    "100.64.0.1", "0.0.0.0", "224.0.0.1", "240.0.0.1", "::1", "fe80::1",
                    "fc00::1", "::ffff:127.0.0.1", "ff02::1"):
        assert not is_public_address(address), address
