"""``simwatch --demo COMMAND`` runs COMMAND on the demo's sealed data, as that very process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ELASTICSEARCH_URL"}
    env["SIMWATCH_HOME"] = str(home)
    return env


def test_demo_flag_uses_the_demo_home(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "crawler.cli", "--demo", "users", "list"],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert str(tmp_path / "demo" / "users.json") in done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_killing_a_demo_server_stops_it(tmp_path: Path) -> None:
    """``kill PID`` of ``simwatch --demo …serve`` stops the server (no orphaned child keeps the port)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "--demo", "sandbox", "serve", "--port", "0"],
        env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = next(word for word in line.split() if word.startswith("http://"))
        host, port = urlsplit(url).hostname, urlsplit(url).port
        socket.create_connection((host, port), timeout=10).close()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        with pytest.raises(OSError):
            socket.create_connection((host, port), timeout=10).close()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_spidermon_report_is_not_printed_without_verbose(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A failed monitor is one summary line; Spidermon's unittest report (with a traceback) is not."""
    import logging

    from crawler.cli import configure_logging

    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)
    configure_logging(0)
    spider_log = logging.getLogger("jd")
    spider_log.error("[Spidermon] \n%s\nFAIL: Blocked rate\nTraceback (most recent call last):", "=" * 70)
    spider_log.error("something else")
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Spidermon" not in err
    assert "ERROR jd: something else" in err


def test_a_reader_that_leaves_is_not_an_error(tmp_path: Path, fixtures_dir: Path) -> None:
    """`simwatch parse … | head -1`: no "Broken pipe" error line, no traceback."""
    capture = fixtures_dir / "ebay" / "ebay_com_sch_red_basketball_shoes_2022.html"
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "parse", "--platform", "ebay",
                             str(capture)], env=_env(tmp_path), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the command writes its first line
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 141
    assert "Broken pipe" not in err and "Traceback" not in err and "Exception ignored" not in err


def test_demo_crawl_of_the_real_platforms_is_refused(capsys) -> None:  # type: ignore[no-untyped-def]
    from crawler.cli import main

    assert main(["--demo", "crawl", "-p", "jd"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--sandbox" in err[0]
