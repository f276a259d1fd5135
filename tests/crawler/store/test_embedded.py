"""The embedded noida-db server: start, health, restart with data kept, stop, clear failures."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crawler.store.embedded import (
    EmbeddedElasticsearch,
    EmbeddedElasticsearchError,
    free_port,
    port_is_free,
)


def health(url: str) -> str:
    with urllib.request.urlopen(f"{url}/_cluster/health", timeout=2) as response:
        return json.loads(response.read())["status"]


def test_start_restart_keeps_data_and_stop_frees_the_port(tmp_path: Path) -> None:
    with EmbeddedElasticsearch(tmp_path) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert health(server.url) in ("green", "yellow")
        request = urllib.request.Request(
            f"{server.url}/probe/_doc/1?refresh=true", data=b'{"a": 1}', method="PUT",
            headers={"content-type": "application/json"})
        urllib.request.urlopen(request, timeout=5).close()
        url = server.url
        server.restart()
        assert server.url == url
        with urllib.request.urlopen(f"{url}/probe/_doc/1", timeout=5) as response:
            assert json.loads(response.read())["_source"] == {"a": 1}
    assert not server.running
    assert port_is_free(server.host, server.port)
    with pytest.raises(urllib.error.URLError):
        health(url)
    assert (tmp_path / "noida-db.log").read_text()


def test_early_exit_reports_log_tail(tmp_path: Path) -> None:
    fake = tmp_path / "fake-noida"
    fake.write_text("#!/bin/sh\necho 'boom: cannot bind' >&2\nexit 3\n")
    fake.chmod(0o755)
    server = EmbeddedElasticsearch(tmp_path / "d", executable=str(fake), start_timeout=5)
    with pytest.raises(EmbeddedElasticsearchError, match=r"(?s)exited with code 3.*boom: cannot bind"):
        server.start()
    assert not server.running


def test_timeout_reports_url_and_log(tmp_path: Path) -> None:
    fake = tmp_path / "sleepy"
    fake.write_text("#!/bin/sh\necho 'still warming up'\nexec sleep 30\n")
    fake.chmod(0o755)
    server = EmbeddedElasticsearch(tmp_path / "d", port=free_port(), executable=str(fake),
                                   start_timeout=0.5)
    with pytest.raises(EmbeddedElasticsearchError, match=r"(?s)not healthy after.*still warming up"):
        server.start()
    assert not server.running


def test_url_before_start_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EmbeddedElasticsearchError, match="not been started"):
        _ = EmbeddedElasticsearch(tmp_path).url


def test_server_left_by_a_killed_run_is_stopped_before_the_next_start(tmp_path: Path) -> None:
    """A SIGKILLed crawl cannot stop its server; the next start finds it by its pid file."""
    import os

    from crawler.store.embedded import _group_alive

    first = EmbeddedElasticsearch(tmp_path / "es")
    first.start()
    assert first._process is not None
    left = first._process
    first._process = None  # the owner is gone: nobody will stop this server
    second = EmbeddedElasticsearch(tmp_path / "es")
    try:
        second.start()
        assert second.url
        left.wait(timeout=10)  # reap the launcher (a killed run's would be reaped by init)
        assert not _group_alive(left.pid)
    finally:
        second.stop()
        if _group_alive(left.pid):
            os.killpg(left.pid, 9)
    assert not second.pid_path.exists()


def test_a_listening_port_is_not_free_and_a_closed_one_is() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert not port_is_free("127.0.0.1", port)
    assert port_is_free("127.0.0.1", port)
