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


def test_serve_stops_its_embedded_store_on_sigterm(users_file: Path, tmp_path: Path) -> None:
    import os
    import re

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "ELASTICSEARCH_URL"}
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "serve", "--port", str(port),
         "--users", str(users_file), "--home", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        assert process.stdout is not None
        line = ""
        deadline = time.monotonic() + 60
        while "simwatch console on" not in line:
            assert time.monotonic() < deadline and process.poll() is None, line
            line = process.stdout.readline()
        store_url = re.search(r"Elasticsearch (http://127\.0\.0\.1:\d+)", line).group(1)  # type: ignore[union-attr]
        urllib.request.urlopen(store_url, timeout=5).close()  # the embedded store is up
    finally:
        process.terminate()
        process.communicate(timeout=30)
    try:
        urllib.request.urlopen(store_url, timeout=5).close()
        raise AssertionError("the embedded store outlived simwatch serve")
    except (urllib.error.URLError, ConnectionError):
        pass


def test_serve_with_the_store_down_is_one_line(users_file: Path, tmp_path: Path) -> None:
    """No transport retry warnings before the one error line (they come with -v)."""
    port = free_port()
    done = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "serve", "--port", str(port), "--url",
         f"http://127.0.0.1:{free_port()}", "--users", str(users_file), "--home", str(tmp_path)],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [next(line for line in done.stderr.splitlines()
                                             if "cannot reach Elasticsearch" in line)]


def test_demo_serve_without_users_names_the_demo_command(tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k != "ELASTICSEARCH_URL"}
    env["SIMWATCH_HOME"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-m", "crawler.cli", "--demo", "serve"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == (f"simwatch serve: error: no console users in {tmp_path / 'demo' / 'users.json'}; "
                                   "add one first: simwatch --demo users add NAME --role admin")
