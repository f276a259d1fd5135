"""``simwatch kibana setup`` against a stub Kibana on 127.0.0.1 that records the request."""

from __future__ import annotations

import base64
import email.parser
import email.policy
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from crawler.cli import main
from crawler.commands import kibana
from crawler.store.kibana_objects import NDJSON_PATH


class StubKibana(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), StubHandler)
        self.requests: list[dict[str, Any]] = []
        self.answer: tuple[int, dict[str, Any]] = (200, {"success": True, "successCount": 0})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class StubHandler(BaseHTTPRequestHandler):
    server: StubKibana

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def _reply(self, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.requests.append({"method": "GET", "path": self.path})
        self._reply(200, {"status": {"overall": {"level": "available"}}})

    def do_POST(self) -> None:
        length = int(self.headers["content-length"])
        body = self.rfile.read(length)
        self.server.requests.append({"method": "POST", "path": self.path,
                                     "headers": dict(self.headers.items()), "body": body})
        self._reply(*self.server.answer)


@pytest.fixture
def stub() -> Iterator[StubKibana]:
    server = StubKibana()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def run(argv: list[str]) -> int:
    return main(argv)


def uploaded_file(request: dict[str, Any]) -> tuple[str, bytes]:
    raw = (f"content-type: {request['headers']['Content-Type']}\r\n\r\n").encode() + request["body"]
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
    (part,) = list(message.iter_parts())
    assert part.get_param("name", header="content-disposition") == "file"
    return part.get_filename(), part.get_payload(decode=True)


def test_setup_posts_the_ndjson_with_xsrf_and_basic_auth(stub: StubKibana, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KIBANA_USERNAME", "elastic")
    monkeypatch.setenv("KIBANA_PASSWORD", "changeme")
    monkeypatch.delenv("KIBANA_API_KEY", raising=False)
    count = len(NDJSON_PATH.read_text().splitlines())
    stub.answer = (200, {"success": True, "successCount": count})
    assert run(["kibana", "setup", "--url", stub.url, "--wait", "5"]) == 0
    assert f"imported {count} saved objects" in capsys.readouterr().out
    status, post = stub.requests
    assert status == {"method": "GET", "path": "/api/status"}
    assert post["method"] == "POST"
    assert post["path"] == "/api/saved_objects/_import?overwrite=true"
    assert post["headers"]["kbn-xsrf"]
    assert post["headers"]["Authorization"] == "Basic " + base64.b64encode(b"elastic:changeme").decode()
    assert post["headers"]["Content-Type"].startswith("multipart/form-data; boundary=")
    name, content = uploaded_file(post)
    assert name == "saved_objects.ndjson"
    assert content == NDJSON_PATH.read_bytes()


def test_api_key_space_and_import_errors(stub: StubKibana, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    ndjson = tmp_path / "one.ndjson"
    ndjson.write_text('{"type": "index-pattern", "id": "x", "attributes": {"title": "x"}}\n')
    stub.answer = (200, {"success": False, "successCount": 0, "errors": [
        {"type": "visualization", "id": "v1", "error": {"type": "missing_references"}}]})
    env = {"KIBANA_API_KEY": "a2V5"}
    with pytest.raises(kibana.KibanaError, match="v1.*missing_references"):
        kibana.import_saved_objects(stub.url, ndjson, environ=env, space="ops")
    (post,) = stub.requests
    assert post["path"] == "/s/ops/api/saved_objects/_import?overwrite=true"
    assert post["headers"]["Authorization"] == "ApiKey a2V5"

    stub.answer = (401, {"statusCode": 401, "message": "Unauthorized"})
    assert run(["kibana", "setup", "--url", stub.url, "--file", str(ndjson)]) == 1
    assert capsys.readouterr().err.startswith("simwatch kibana setup: error: Kibana answered 401")


def test_unreachable_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(kibana.KibanaError, match="cannot read saved objects"):
        kibana.import_saved_objects("http://127.0.0.1:9", tmp_path / "none.ndjson", environ={})
    ndjson = tmp_path / "a.ndjson"
    ndjson.write_text("{}\n")
    with pytest.raises(kibana.KibanaError, match="cannot reach Kibana"):
        kibana.import_saved_objects("http://127.0.0.1:9", ndjson, environ={})
    with pytest.raises(kibana.KibanaError, match="PASSWORD"):
        kibana.auth_headers({"KIBANA_USERNAME": "u"})


def test_build_writes_the_generated_file(tmp_path: Path) -> None:
    out = tmp_path / "objects.ndjson"
    assert run(["kibana", "build", "--file", str(out)]) == 0
    assert out.read_bytes() == NDJSON_PATH.read_bytes()
