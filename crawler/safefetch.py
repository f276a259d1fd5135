"""Fetchers that touch only the platforms (DESIGN principle 8): evidence capture and re-checks.

The URLs we re-fetch came from crawled pages, so a seller chooses them. ``FetchPolicy`` decides
what may be fetched:

- only ``http``/``https``, with a host, without user-info;
- the host is one of the listing's platform hosts (``PLATFORM_HOSTS``), or the URL has exactly
  the configured base URL's scheme, host and port (the sandbox, which lives on loopback);
- every address the host resolves to is public (not loopback, private, link-local, multicast,
  reserved or unspecified) — except for the base URL's own origin;
- every redirect is checked the same way: redirects are followed here, one hop at a time;
- bodies are capped (``max_bytes``) and every fetch has connect, read and total timeouts.

The address check runs inside aiohttp's resolver, so the address that was checked is the
address connected to (no second DNS look-up an attacker could answer differently). aiohttp does
not consult the resolver for IP-literal hosts, which is why ``check_url`` refuses those outright
unless they are the base URL's.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from crawler.platforms.base import PLATFORM_HOSTS, is_ip_literal

__all__ = [
    "PLATFORM_HOSTS",
    "FetchPolicy",
    "FetchRefused",
    "SafeFetcher",
    "SafeResponse",
    "is_public_address",
]

MAX_BYTES = 8 * 1024 * 1024  # item pages are well under 2 MB; evidence keeps the whole body
MAX_URL = 4_096
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchRefused(Exception):
    """A URL, address, redirect or body the policy does not allow; the message says which."""


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address (IPv4-mapped IPv6 judged as its IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def _origin(url: str) -> tuple[str, str, int] | None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    return scheme, host, port or _DEFAULT_PORTS[scheme]


@dataclass(frozen=True)
class FetchPolicy:
    """What one fetch may touch: a platform's hosts, or exactly the configured base URL."""

    platform: str | None = None
    base_url: str | None = None
    max_bytes: int = MAX_BYTES
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_redirects: int = 5
    extra_hosts: tuple[str, ...] = field(default_factory=tuple)  # more platform-owned hosts

    @property
    def base_origin(self) -> tuple[str, str, int] | None:
        return _origin(self.base_url) if self.base_url else None

    def for_platform(self, platform: str | None) -> FetchPolicy:
        return FetchPolicy(platform, self.base_url, self.max_bytes, self.connect_timeout,
                           self.read_timeout, self.total_timeout, self.max_redirects,
                           self.extra_hosts)

    def hosts(self) -> tuple[str, ...]:
        return tuple(PLATFORM_HOSTS.get(self.platform or "", ())) + self.extra_hosts

    def is_base(self, url: str) -> bool:
        origin = _origin(url)
        return origin is not None and origin == self.base_origin

    def check_url(self, url: Any, *, any_public_host: bool = False) -> str:
        """``url`` if the policy allows it, else ``FetchRefused`` naming why.

        ``any_public_host``: page resources (images, CSS) may come from any host — a platform's
        CDN is not in its host list — as long as it resolves to public addresses.
        """
        if not isinstance(url, str) or not url:
            raise FetchRefused("empty URL")
        shown = url[:120]
        if len(url) > MAX_URL:
            raise FetchRefused(f"URL longer than {MAX_URL} characters: {shown}…")
        if not url.isprintable() or any(ch.isspace() for ch in url):
            raise FetchRefused(f"control or space characters in URL {shown!r}")
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError on a malformed port
        except ValueError as exc:
            raise FetchRefused(f"malformed URL {shown!r} ({exc})") from None
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            raise FetchRefused(f"scheme {scheme or 'none'!r} not allowed (http/https only): {shown}")
        host = (parts.hostname or "").lower()
        if not host:
            raise FetchRefused(f"no host in {shown}")
        if "@" in parts.netloc:
            raise FetchRefused(f"user-info in URL not allowed: {shown}")
        if self.is_base(url):
            return url
        if is_ip_literal(host):
            if any_public_host and is_public_address(host.strip("[]")):
                return url
            raise FetchRefused(f"IP address {host} is not a platform host: {shown}")
        if any_public_host:
            return url
        if any(host == s or host.endswith("." + s) for s in self.hosts()):
            return url
        where = f"platform {self.platform!r}" if self.platform else "no platform given"
        raise FetchRefused(f"host {host} does not belong to {where}: {shown}")

    def check_addresses(self, host: str, port: int, addresses: Iterable[str]) -> None:
        """Refuse a host that resolves to any non-public address (unless the base URL's own)."""
        base = self.base_origin
        if base is not None and host.lower() == base[1] and port == base[2]:
            return
        for address in addresses:
            if not is_public_address(address):
                raise FetchRefused(f"host {host} resolves to non-public address {address}")


def _checking_resolver(policy: FetchPolicy) -> Any:
    from aiohttp.abc import AbstractResolver
    from aiohttp.resolver import ThreadedResolver

    class CheckingResolver(AbstractResolver):
        """Resolves, then refuses non-public addresses before any connection is made."""

        def __init__(self) -> None:
            self.policy = policy
            self._resolver = ThreadedResolver()

        async def resolve(self, host: str, port: int = 0,
                          family: socket.AddressFamily = socket.AF_INET) -> list[Any]:
            found = await self._resolver.resolve(host, port, family)
            self.policy.check_addresses(host, port, [str(entry["host"]) for entry in found])
            return list(found)

        async def close(self) -> None:
            await self._resolver.close()

    return CheckingResolver()


@dataclass(frozen=True)
class SafeResponse:
    status: int
    body: bytes
    url: str  # final URL after the checked redirects
    headers: dict[str, str] = field(default_factory=dict)


class SafeFetcher:
    """GETs under a ``FetchPolicy``: ``async with SafeFetcher(policy) as fetch: await fetch(url, platform)``."""

    def __init__(self, policy: FetchPolicy | None = None, user_agent: str = USER_AGENT) -> None:
        self.policy = policy or FetchPolicy()
        self.user_agent = user_agent
        self._session: Any = None

    async def __aenter__(self) -> SafeFetcher:
        import aiohttp

        connector = aiohttp.TCPConnector(resolver=_checking_resolver(self.policy), limit=16,
                                         use_dns_cache=False)
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(total=self.policy.total_timeout,
                                          sock_connect=self.policy.connect_timeout,
                                          sock_read=self.policy.read_timeout),
            headers={"User-Agent": self.user_agent,
                     "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"},
            trust_env=False,  # a proxy would resolve hosts where our address check cannot see
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __call__(self, url: str, platform: str | None = None) -> SafeResponse:
        """Follow redirects one checked hop at a time; ``FetchRefused`` when a hop is not allowed."""
        policy = self.policy.for_platform(platform) if platform is not None else self.policy
        current = policy.check_url(url)
        for _ in range(policy.max_redirects + 1):
            response = await self.fetch_once(current, policy)
            location = response.headers.get("location")
            if response.status not in _REDIRECTS or not location:
                return response
            current = policy.check_url(urljoin(current, location))
        raise FetchRefused(f"more than {policy.max_redirects} redirects from {url[:120]}")

    async def fetch_once(
        self, url: str, policy: FetchPolicy | None = None, headers: dict[str, str] | None = None
    ) -> SafeResponse:
        """One GET without following redirects; the body is read up to the cap."""
        if self._session is None:
            raise RuntimeError("SafeFetcher must be used as 'async with SafeFetcher(...) as f'")
        policy = policy or self.policy
        # The resolver checks addresses with the session's policy; the base URL exception and
        # timeouts are the same for every platform, so one session serves them all.
        async with self._session.get(url, allow_redirects=False, headers=headers) as response:
            declared = response.content_length
            if declared is not None and declared > policy.max_bytes:
                raise FetchRefused(f"body of {declared} bytes over the {policy.max_bytes}-byte cap: {url[:120]}")
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.content.iter_chunked(65_536):
                size += len(chunk)
                if size > policy.max_bytes:
                    raise FetchRefused(f"body over the {policy.max_bytes}-byte cap: {url[:120]}")
                chunks.append(chunk)
            return SafeResponse(response.status, b"".join(chunks), str(response.url),
                                {k.lower(): v for k, v in response.headers.items()})
