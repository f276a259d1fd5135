"""An embedded Elasticsearch-compatible server (``noida-db``) for development, tests and demos.

``noida-db start`` runs in the foreground and speaks the Elasticsearch 8 REST API. We run it as a
child process in its own process group (so stopping it never touches the caller's group), log
to a file under the data directory, and wait for ``/_cluster/health`` before handing out the URL.
Production uses a real Elasticsearch cluster through ``ELASTICSEARCH_URL`` instead.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)

DEFAULT_START_TIMEOUT = 30.0
DEFAULT_STOP_TIMEOUT = 10.0
LOG_TAIL_LINES = 20


class EmbeddedElasticsearchError(RuntimeError):
    """The embedded server could not be found, started or reached."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_is_free(host: str, port: int) -> bool:
    """Whether nothing listens on ``host:port`` (a socket left in TIME_WAIT does not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def _wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Poll ``condition`` every 50 ms until it holds (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def _healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=timeout) as response:
            return json.loads(response.read()).get("status") in ("green", "yellow")
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _is_our_server(pid: int, data_dir: Path) -> bool:
    """Whether ``pid`` is still a noida-db serving ``data_dir`` (not a recycled pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    text = [part.decode(errors="replace") for part in cmdline]
    return any("noida-db" in part for part in text) and str(data_dir / "data") in text


def find_noida_db() -> str:
    """The ``noida-db`` executable: next to this interpreter first (the project venv), then PATH."""
    beside = Path(sys.executable).parent / "noida-db"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("noida-db")
    if found:
        return found
    raise EmbeddedElasticsearchError(
        "noida-db executable not found next to the Python interpreter or on PATH; "
        "install the project (`pip install -e .`) or set ELASTICSEARCH_URL to a real cluster"
    )


def _signal_group(group: int, sig: signal.Signals) -> bool:
    try:
        os.killpg(group, sig)
    except ProcessLookupError:
        return False
    return True


def _group_alive(group: int) -> bool:
    """Whether any non-zombie process is left in the process group."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    proc = Path("/proc")
    if not proc.is_dir():
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        # fields after the command: state, ppid, pgrp, ...
        if len(fields) > 2 and int(fields[2]) == group and fields[0] != "Z":
            return True
    return False


class EmbeddedElasticsearch:
    """``noida-db`` serving Elasticsearch on a loopback port, data kept under ``data_dir``.

    >>> with EmbeddedElasticsearch(".simwatch/es") as es:   # doctest: +SKIP
    ...     client = make_client(es.url)
    """

    host = "127.0.0.1"

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        port: int | None = None,
        start_timeout: float = DEFAULT_START_TIMEOUT,
        executable: str | None = None,
    ) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.port = port
        self.start_timeout = start_timeout
        self.executable = executable
        self.log_path = self.data_dir / "noida-db.log"
        # {"pid", "port"} of the running server: a run killed with SIGKILL cannot stop its
        # server, and the next start finds it here (else: "noida-db is already running").
        self.pid_path = self.data_dir / "server.json"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        if self.port is None:
            raise EmbeddedElasticsearchError("embedded Elasticsearch has not been started")
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> str:
        """Start the server (no-op when running) and return its URL once it reports healthy."""
        if self.running:
            return self.url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.stop_leftover()
        if self.port is None:
            self.port = free_port(self.host)
        command = [
            self.executable or find_noida_db(),
            "start",
            "--only",
            "elasticsearch",
            "--host",
            self.host,
            "--elasticsearch-port",
            str(self.port),
            "--data-dir",
            str(self.data_dir / "data"),
        ]
        with self.log_path.open("ab") as log:
            log.write(f"\n--- starting: {' '.join(command)}\n".encode())
            log.flush()
            self._process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # own process group: stop() signals the whole group
            )
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        self.pid_path.write_text(json.dumps({"pid": self._process.pid, "port": self.port}))
        return self.url

    def stop_leftover(self, timeout: float = DEFAULT_STOP_TIMEOUT) -> bool:
        """Stop a server a killed run left on this data directory; ``True`` if there was one.

        Stopped rather than reused: the server belongs to no living process, so nothing would
        stop it after this run either. Only a process that is still noida-db serving this data
        directory is signalled (a recycled pid is left alone).
        """
        try:
            left = json.loads(self.pid_path.read_text())
            pid, port = int(left["pid"]), int(left["port"])
        except (OSError, ValueError, KeyError, TypeError):
            return False
        self.pid_path.unlink(missing_ok=True)
        if not _is_our_server(pid, self.data_dir):
            return False
        state = "healthy" if _healthy(f"http://{self.host}:{port}") else "not answering"
        _signal_group(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _group_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _group_alive(pid):
            _signal_group(pid, signal.SIGKILL)
        log.warning("stopped the embedded Elasticsearch a killed run left on port %d (%s, pid %d)",
                    port, state, pid)
        return True

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        health_url = f"{self.url}/_cluster/health"
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise EmbeddedElasticsearchError(
                    f"noida-db exited with code {self._process.returncode} before becoming "
                    f"healthy; log {self.log_path}:\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(health_url, timeout=2) as response:
                    status = json.loads(response.read()).get("status")
                    if status in ("green", "yellow"):
                        return
                    last_error = f"cluster status {status!r}"
            except (urllib.error.URLError, OSError, ValueError) as exc:
                last_error = str(exc)
            time.sleep(0.1)
        raise EmbeddedElasticsearchError(
            f"noida-db at {self.url} not healthy after {self.start_timeout:.0f}s ({last_error}); "
            f"log {self.log_path}:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = DEFAULT_STOP_TIMEOUT) -> None:
        """SIGTERM the server's process group (it saves its data), then SIGKILL if it hangs.

        ``noida-db`` is a Python launcher around the server binary; the launcher exits at once
        on SIGTERM while the binary is still saving, so we wait for the whole group to go.
        """
        process = self._process
        if process is None:
            return
        self._process = None
        self.pid_path.unlink(missing_ok=True)
        group = process.pid  # start_new_session: the group id is the launcher's pid
        if not _signal_group(group, signal.SIGTERM):
            process.wait()
            return
        if not self._wait_group_gone(process, group, timeout):
            _signal_group(group, signal.SIGKILL)
            self._wait_group_gone(process, group, timeout)
        # The group can look gone a moment before the kernel drops the listening socket (a CI
        # run once connected to a stopped server and was reset); a caller that restarts on the
        # same port, or expects refusals, needs the port itself free.
        port = self.port
        if port is not None and not _wait_until(lambda: port_is_free(self.host, port), timeout):
            log.warning("port %d still in use %.0f s after the embedded Elasticsearch stopped", port, timeout)

    @staticmethod
    def _wait_group_gone(process: subprocess.Popen[bytes], group: int, timeout: float) -> bool:
        def gone() -> bool:
            process.poll()  # reap the launcher so it does not linger as a zombie
            return not _group_alive(group)

        return _wait_until(gone, timeout)

    def restart(self) -> str:
        """Stop and start again on the same port with the same data (for outage tests)."""
        self.stop()
        return self.start()

    def __enter__(self) -> EmbeddedElasticsearch:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"EmbeddedElasticsearch({str(self.data_dir)!r}, port={self.port}, {state})"
