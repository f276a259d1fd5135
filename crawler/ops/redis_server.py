"""A throwaway ``redis-server`` on a free loopback port (tests and local experiments).

Uses Debian's ``/usr/bin/redis-server`` with persistence off (``--save '' --appendonly no``),
so nothing is written outside a temporary directory and a stopped server leaves no state.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import redis

from crawler.store.embedded import free_port

DEFAULT_BINARY = "/usr/bin/redis-server"


class RedisServer:
    """``with RedisServer() as server: server.url`` — started on enter, stopped on exit."""

    def __init__(self, binary: str | None = None, host: str = "127.0.0.1", port: int | None = None,
                 startup_timeout: float = 10.0) -> None:
        self.binary = binary or shutil.which("redis-server") or DEFAULT_BINARY
        self.host = host
        self.port = port or free_port(host)
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self._workdir: tempfile.TemporaryDirectory[str] | None = None

    @property
    def url(self) -> str:
        return f"redis://{self.host}:{self.port}/0"

    def start(self) -> str:
        if not Path(self.binary).exists():
            raise FileNotFoundError(f"redis-server not found at {self.binary} (apt install redis-server)")
        self._workdir = tempfile.TemporaryDirectory(prefix="simwatch-redis-")
        self.process = subprocess.Popen(
            [self.binary, "--bind", self.host, "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", self._workdir.name, "--protected-mode", "yes",
             "--daemonize", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        client = redis.Redis(host=self.host, port=self.port, socket_connect_timeout=0.5)
        deadline = time.monotonic() + self.startup_timeout
        try:
            while True:
                if self.process.poll() is not None:
                    err = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
                    raise RuntimeError(f"redis-server exited with {self.process.returncode}: {err}")
                try:
                    if client.ping():
                        return self.url
                except redis.ConnectionError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"redis-server on {self.host}:{self.port} did not answer PING "
                                       f"within {self.startup_timeout}s")
                time.sleep(0.05)
        except BaseException:
            self.stop()
            raise
        finally:
            client.close()

    def stop(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
            if self.process.stderr:
                self.process.stderr.close()
            self.process = None
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
