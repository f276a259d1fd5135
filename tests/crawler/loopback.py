"""A small loopback HTTP server for fetcher tests: scripted routes and a log of every hit."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


class Loopback:
    def __init__(self, server: ThreadingHTTPServer, routes: dict[str, Route]) -> None:
        self.server = server
        self.routes = routes
        self.hits: list[str] = []

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"",
         headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    for name, value in (headers or {"Content-Type": "text/html; charset=utf-8"}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def endless(handler: BaseHTTPRequestHandler) -> None:
    """A body that never ends (no Content-Length): only a size cap stops the reader."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    chunk = b"x" * 65_536
    try:
        while True:
            handler.wfile.write(chunk)
    except (BrokenPipeError, ConnectionResetError):
        return


@contextmanager
def loopback_server(routes: dict[str, Route]) -> Iterator[Loopback]:
    """Serve ``routes`` (path → handler) on 127.0.0.1; unknown paths are 404; stopped on exit."""
    state: dict[str, Loopback] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            state["server"].hits.append(self.path)
            route = state["server"].routes.get(self.path.split("?")[0])
            if route is None:
                send(self, 404, b"not found")
            else:
                route(self)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state["server"] = Loopback(server, routes)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield state["server"]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
