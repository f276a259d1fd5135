"""The sandbox marketplace server: aiohttp, loopback only, one front per platform.

``SandboxServer`` runs the app in a background thread with its own event loop (tests, demo);
``run()`` serves in the foreground until Ctrl-C/SIGTERM (``simwatch sandbox serve``).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import signal
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Awaitable, Callable, Sequence
from http.cookiejar import CookieJar
from types import TracebackType
from typing import Any, TypedDict, Unpack

from aiohttp import web

from sandbox.catalogue import Catalogue, SandboxListing, build_catalogue
from sandbox.faults import FaultPlan, FaultRule, RateLimiter, default_fault_plan
from sandbox.fronts import amazon, ebay, jd, pinduoduo, shopee, taobao, tmall, xianyu
from sandbox.fronts.common import SESSION_COOKIES, SandboxState, too_many_requests

STATE = web.AppKey("sandbox_state", SandboxState)

# Platform fronts; each registers its routes under "/<name>". `simwatch demo` crawls them all.
FRONTS: dict[str, Callable[[web.Application, SandboxState, str], None]] = {
    "jd": jd.add_routes,
    "xianyu": xianyu.add_routes,
    "taobao": taobao.add_routes,
    "tmall": tmall.add_routes,
    "pinduoduo": pinduoduo.add_routes,
    # douyin: no front — its product search is unverified (crawler/platforms/douyin.py).
    "shopee": shopee.add_routes,
    "ebay": ebay.add_routes,
    "amazon": amazon.add_routes,
}

DEFAULT_RATE = 20.0  # requests/second per client when faults are on
DEFAULT_BURST = 40
_DEFAULT = object()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_loopback(host: str) -> None:
    if not is_loopback(host):
        raise ValueError(f"sandbox binds loopback addresses only, not {host!r}")


@web.middleware
async def _rate_limit(request: web.Request,
                      handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
    state = request.app[STATE]
    if not request.path.startswith("/_admin"):
        state.hits[request.path_qs] += 1
    if state.rate_limiter is not None and not request.path.startswith("/_admin"):
        allowed, wait = state.rate_limiter.allow(request.remote or "unknown")
        if not allowed:
            return too_many_requests(wait)
    return await handler(request)


def build_app(state: SandboxState) -> web.Application:
    app = web.Application(middlewares=[_rate_limit])
    app[STATE] = state
    for name, add_routes in FRONTS.items():
        add_routes(app, state, f"/{name}")

    def _act(request: web.Request, action: Callable[[str, str], SandboxListing]) -> tuple[str, SandboxListing]:
        """``action(platform, listing_id)`` on the listing the query names; 404 when unknown."""
        platform = request.query.get("platform", "")
        listing_id = request.query.get("listing_id", "")
        if not platform or not listing_id:
            raise web.HTTPBadRequest(text="platform and listing_id query parameters are required")
        try:
            return platform, action(platform, listing_id)
        except KeyError as exc:
            raise web.HTTPNotFound(text=str(exc)) from None

    async def takedown(request: web.Request) -> web.Response:
        platform, listing = _act(request, state.takedown)
        return web.json_response({"ok": True, "platform": platform, "listing_id": listing.listing_id})

    async def relist(request: web.Request) -> web.Response:
        platform, copy = _act(request, state.relist)
        return web.json_response({"ok": True, "platform": platform, "listing_id": copy.listing_id,
                                  "title": copy.title, "relisted_from": copy.relisted_from,
                                  "shop_id": copy.shop.shop_id, "url": copy.url})

    async def admin_state(request: web.Request) -> web.Response:
        return web.json_response({
            "seed": state.catalogue.seed,
            "removed": {p: sorted(ids) for p, ids in state.removed.items()},
            "relisted": [x.doc_id for x in state.relisted],
            "faults_fired": [list(x) for x in state.fault_plan.log],
            "hits": dict(state.hits),
        }, dumps=lambda o: json.dumps(o, ensure_ascii=False))

    async def index(request: web.Request) -> web.Response:
        links = "".join(f'<li><a href="/{name}/">{name}</a></li>' for name in FRONTS)
        return web.Response(text=f"<html><body><h1>simwatch sandbox</h1><ul>{links}</ul></body></html>",
                            content_type="text/html")

    app.router.add_post("/_admin/takedown", takedown)
    app.router.add_post("/_admin/relist", relist)
    app.router.add_get("/_admin/state", admin_state)
    app.router.add_get("/", index)
    return app


class StateOptions(TypedDict, total=False):
    """make_state's options, passed on by SandboxServer (the defaults are make_state's)."""

    faults: bool
    fault_plan: FaultPlan | Sequence[FaultRule] | None
    rate_limit: Any
    burst: int | None
    token_ttl: float
    catalogue: Catalogue | None


def make_state(
    seed: int = 7,
    *,
    faults: bool = True,
    fault_plan: FaultPlan | Sequence[FaultRule] | None = None,
    rate_limit: Any = _DEFAULT,
    burst: int | None = None,
    token_ttl: float = 3600.0,
    catalogue: Catalogue | None = None,
) -> SandboxState:
    """The marketplace state. ``fault_plan`` overrides the default plan; ``faults=False`` turns
    off the default plan and the default rate limit (an explicit ``rate_limit`` still applies)."""
    catalogue = catalogue or build_catalogue(seed)
    if fault_plan is not None:
        plan = fault_plan if isinstance(fault_plan, FaultPlan) else FaultPlan(list(fault_plan))
    elif faults:
        plan = default_fault_plan(list(FRONTS))
    else:
        plan = FaultPlan()
    if rate_limit is _DEFAULT:
        limiter = RateLimiter(DEFAULT_RATE, burst or DEFAULT_BURST) if faults else None
    elif rate_limit is None:
        limiter = None
    else:
        limiter = RateLimiter(float(rate_limit), burst)
    return SandboxState(catalogue, plan, limiter, token_ttl=token_ttl)


class SandboxServer:
    """The sandbox in a background thread: ``with SandboxServer(faults=False) as base: ...``."""

    def __init__(
        self, seed: int = 7, host: str = "127.0.0.1", port: int = 0, **state: Unpack[StateOptions]
    ) -> None:
        check_loopback(host)
        self.host = host
        self.port = port
        self.state = make_state(seed, **state)
        self.base_url: str | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    @property
    def catalogue(self) -> Catalogue:
        return self.state.catalogue

    def url(self, platform: str) -> str:
        if self.base_url is None:
            raise RuntimeError("sandbox server is not started")
        return f"{self.base_url}/{platform}"

    def start(self) -> str:
        if self._thread is not None:
            raise RuntimeError("sandbox server already started")
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        failure: list[BaseException] = []

        async def startup() -> None:
            self._runner = web.AppRunner(build_app(self.state), access_log=None)
            await self._runner.setup()
            site = web.TCPSite(self._runner, self.host, self.port)
            await site.start()
            self.port = self._runner.addresses[0][1]

        def serve() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(startup())
            except BaseException as exc:  # reported to start()'s caller
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                if self._runner is not None:
                    loop.run_until_complete(self._runner.cleanup())
                loop.close()

        self._loop = loop
        self._thread = threading.Thread(target=serve, name="sandbox-server", daemon=True)
        self._thread.start()
        if not ready.wait(timeout=30):
            raise RuntimeError("sandbox server did not start within 30 s")
        if failure:
            self._thread.join()
            self._thread = None
            raise RuntimeError(f"sandbox server failed to start on {self.host}:{self.port}: {failure[0]}") from failure[0]
        self.base_url = f"http://{self.host}:{self.port}"
        return self.base_url

    def stop(self) -> None:
        if self._thread is None or self._loop is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._thread = None
        self._loop = None
        self.base_url = None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def login_storage_state(base_url: str, username: str = xianyu.DEMO_USER,
                        password: str = "sandbox") -> dict[str, Any]:
    """A Playwright storage state logged in to every sandbox front at ``base_url``.

    One login on any front sets each site's own session cookies (Alibaba's ``cookie2`` for
    taobao/tmall/xianyu, ``PDDAccessToken``, douyin's ``sessionid``, Shopee's ``SPC_EC``), so
    the same state serves every browser platform."""
    jar = CookieJar()

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None  # keep the login response's Set-Cookie; don't follow

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    body = urllib.parse.urlencode({"username": username, "password": password,
                                   "redirectURL": "/xianyu/search"}).encode()
    try:
        opener.open(f"{base_url.rstrip('/')}/xianyu/login", data=body, timeout=10)
    except urllib.error.HTTPError as exc:
        if exc.code != 302:
            raise RuntimeError(f"sandbox login at {base_url} failed: HTTP {exc.code}") from exc
    cookies = [
        {
            "name": c.name, "value": c.value or "", "domain": urllib.parse.urlsplit(base_url).hostname or "",
            "path": c.path or "/", "expires": -1, "httpOnly": c.has_nonstandard_attr("HttpOnly"),
            "secure": False, "sameSite": "Lax",
        }
        for c in jar
    ]
    missing = {session for _, session in SESSION_COOKIES.values()} - {c["name"] for c in cookies}
    if missing:
        raise RuntimeError(f"sandbox login at {base_url} set no session cookie {sorted(missing)}")
    return {"cookies": cookies, "origins": []}


async def _serve_forever(state: SandboxState, host: str, port: int,
                         announce: Callable[[str], None]) -> None:
    runner = web.AppRunner(build_app(state), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    announce(f"http://{host}:{runner.addresses[0][1]}")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # non-Unix loops
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def run(host: str = "127.0.0.1", port: int = 8765, seed: int = 7, *, faults: bool = True,
        announce: Callable[[str], None] | None = None) -> None:
    """Serve the sandbox in the foreground until SIGINT/SIGTERM; ``announce`` gets the base URL."""
    check_loopback(host)
    started = time.monotonic()
    state = make_state(seed, faults=faults)

    def default_announce(base: str) -> None:
        print(f"sandbox (seed {seed}) serving at {base}  [ready in {time.monotonic() - started:.1f}s; "
              f"Ctrl-C to stop]", flush=True)

    asyncio.run(_serve_forever(state, host, port, announce or default_announce))
