"""A tiny linked site on 127.0.0.1 (aiohttp in a background thread) that counts every fetch."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter

from aiohttp import web


def links_of(page: int, pages: int) -> list[int]:
    """Binary-tree children plus links back to the root and to the next page (duplicates on purpose)."""
    return [n for n in (2 * page + 1, 2 * page + 2, 0, (page + 1) % pages) if n < pages]


class TinySite:
    def __init__(self, pages: int = 100, delay: float = 0.0) -> None:
        self.pages = pages
        self.delay = delay  # seconds per page, read on every request (tests change it between runs)
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    async def _page(self, request: web.Request) -> web.Response:
        number = int(request.match_info["number"])
        if number >= self.pages:
            raise web.HTTPNotFound()
        with self._lock:
            self.hits[f"/page/{number}"] += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        anchors = "".join(f'<a href="/page/{n}">page {n}</a> ' for n in links_of(number, self.pages))
        return web.Response(text=f"<html><body><h1>page {number}</h1>{anchors}</body></html>",
                            content_type="text/html")

    def start(self) -> str:
        started = threading.Event()

        def serve() -> None:
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            app = web.Application()
            app.router.add_get("/page/{number:\\d+}", self._page)
            self._runner = web.AppRunner(app, access_log=None)
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            self._loop.run_until_complete(site.start())
            port = self._runner.addresses[0][1]
            self.url = f"http://127.0.0.1:{port}"
            started.set()
            self._loop.run_forever()
            self._loop.run_until_complete(self._runner.cleanup())
            self._loop.close()

        self._thread = threading.Thread(target=serve, name="tinysite", daemon=True)
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("tiny site did not start")
        return self.url

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop = None

    def total_hits(self) -> int:
        with self._lock:
            return sum(self.hits.values())

    def snapshot(self) -> Counter[str]:
        with self._lock:
            return Counter(self.hits)
