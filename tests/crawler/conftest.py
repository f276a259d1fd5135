"""Fixtures shared by the crawler tests."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from elasticsearch import Elasticsearch

from crawler.store.embedded import EmbeddedElasticsearch


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A loopback HTTP server keeping every JSON body POSTed to it (with its content type)."""
    received: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"content_type": self.headers["Content-Type"], **json.loads(body)})
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/hook", received
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def es_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedElasticsearch]:
    """One embedded Elasticsearch for the store, takedown, command and console tests; each
    package's ``es`` fixture empties it (``empty_store``) so tests never see each other's data."""
    server = EmbeddedElasticsearch(tmp_path_factory.mktemp("es"))
    server.start()
    yield server
    server.stop()


def empty_store(client: Elasticsearch) -> None:
    """Delete every index and every simwatch index template."""
    for name in client.indices.get(index="*").body:
        client.indices.delete(index=name)
    for template in client.indices.get_index_template().body.get("index_templates", []):
        if template["name"].startswith("simwatch"):
            client.indices.delete_index_template(name=template["name"])
