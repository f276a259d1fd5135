"""Store test fixtures: the shared embedded server (tests/crawler/conftest.py), emptied after each
test, and a scriptable fake node."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse  # not re-exported at the top level
from elasticsearch import Elasticsearch

from crawler.store.client import make_client
from crawler.store.embedded import EmbeddedElasticsearch
from tests.crawler.conftest import empty_store

# handler(method, target, body) -> (status, payload); it may raise transport errors instead.
Handler = Callable[[str, str, bytes | None], tuple[int, Any]]


def fake_client(handler: Handler) -> Elasticsearch:
    """A real ``Elasticsearch`` client whose only node answers through ``handler``.

    The client, serialisation and ``helpers`` are the real ones; only the HTTP exchange is fake.
    """

    class ScriptedNode(BaseNode):
        def perform_request(  # type: ignore[override]
            self,
            method: str,
            target: str,
            body: bytes | None = None,
            headers: HttpHeaders | None = None,
            request_timeout: Any = None,
        ) -> NodeApiResponse:
            status, payload = handler(method, target, body)
            meta = ApiResponseMeta(
                status=status,
                http_version="1.1",
                headers=HttpHeaders(
                    {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
                ),
                duration=0.0,
                node=self.config,
            )
            return NodeApiResponse(meta, json.dumps(payload).encode())

        def close(self) -> None:
            pass

    # max_retries=0: the sink's own retry loop is under test, not the transport's.
    return Elasticsearch("http://fake.invalid:9200", node_class=ScriptedNode, max_retries=0)


def bulk_actions(body: bytes | None) -> list[tuple[str, dict[str, Any], dict[str, Any] | None]]:
    """Parse an NDJSON bulk body into (op, metadata, source-or-None) triples."""
    lines = [json.loads(line) for line in (body or b"").decode().splitlines() if line.strip()]
    actions = []
    i = 0
    while i < len(lines):
        (op, meta), = lines[i].items()
        source = None
        if op != "delete":
            i += 1
            source = lines[i]
        actions.append((op, meta, source))
        i += 1
    return actions


@pytest.fixture
def es(es_server: EmbeddedElasticsearch) -> Iterator[Elasticsearch]:
    """A client on the shared server, with every simwatch index and template removed after."""
    client = make_client(es_server.url)
    yield client
    empty_store(client)


@pytest.fixture
def sink_paths(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "spool.jsonl", tmp_path / "dead-letter.jsonl"
