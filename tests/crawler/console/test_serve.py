"""``simwatch serve`` as a user starts it: a process on 127.0.0.1 that needs a login."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from crawler.store.embedded import EmbeddedElasticsearch, free_port


def test_serve_command_answers_only_with_a_session(
        es_server: EmbeddedElasticsearch, users_file: Path, tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "serve", "--port", str(port), "--url", es_server.url,
         "--users", str(users_file), "--home", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as page:
                    assert page.status == 200 and "simwatch console" in page.read().decode()
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "simwatch serve did not answer"
                time.sleep(0.3)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search", timeout=5)
            raise AssertionError("the API answered without a session")
        except urllib.error.HTTPError as exc:
            assert exc.code == 401
        assert (tmp_path / "console-secret").stat().st_mode & 0o077 == 0
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    assert f"simwatch console on http://127.0.0.1:{port}/" in output
