from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from crawler.commands import sandbox as command
from sandbox.catalogue import WHITELIST_HEADERS, build_catalogue

ROOT = Path(__file__).resolve().parents[3]


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="simwatch")
    command.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_whitelist_command_writes_the_published_list(tmp_path: Path, suffix: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"whitelist.{suffix}"
    args = _parse(["sandbox", "whitelist", "--out", str(out)])
    assert args.func(args) == 0
    expected = len(build_catalogue(7).whitelist_rows())
    if suffix == "csv":
        with out.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    else:
        rows = [list(r) for r in load_workbook(out).active.iter_rows(values_only=True)]
    assert tuple(rows[0]) == WHITELIST_HEADERS and len(rows) == expected + 1
    assert f"{expected} whitelist rows" in capsys.readouterr().out


def test_whitelist_command_needs_a_known_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = _parse(["sandbox", "whitelist", "--out", str(tmp_path / "whitelist.txt")])
    assert args.func(args) == 2
    assert "--format" in capsys.readouterr().err
    args = _parse(["sandbox", "whitelist", "--out", str(tmp_path / "wl"), "--format", "csv"])
    assert args.func(args) == 0
    assert (tmp_path / "wl").read_text(encoding="utf-8-sig").startswith(",".join(WHITELIST_HEADERS))


def test_serve_prints_the_base_url_and_stops_on_sigterm() -> None:
    code = ("import sys; from crawler.commands import sandbox as c; import argparse;"
            "p = argparse.ArgumentParser(); c.register(p.add_subparsers());"
            "a = p.parse_args(['sandbox', 'serve', '--port', '0', '--seed', '7']); sys.exit(a.func(a))")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        base = next(w for w in line.split() if w.startswith("http://127.0.0.1:"))
        with urllib.request.urlopen(f"{base}/jd/", timeout=10) as resp:
            assert resp.status == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# --- simwatch sandbox session: the browser platforms' sessions for a separately started sandbox

BROWSER_FRONTS = ["jd", "xianyu", "taobao", "tmall", "pinduoduo", "shopee"]


@pytest.fixture(scope="module")
def running_sandbox() -> Iterator[str]:
    from sandbox.server import SandboxServer

    server = SandboxServer(seed=7, faults=False)
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def sessions_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import crawler.settings

    folder = tmp_path / "sessions"
    monkeypatch.setattr(crawler.settings, "SIMWATCH_SESSIONS_DIR", str(folder))
    return folder


def test_session_command_saves_sessions_the_sandbox_accepts(
        running_sandbox: str, sessions_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from crawler.sessions import check_session, session_status
    from tests.sandbox.conftest import http

    args = _parse(["sandbox", "session", "--base-url", running_sandbox + "/"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert sorted(p.stem for p in sessions_dir.iterdir()) == sorted(BROWSER_FRONTS)
    for platform in BROWSER_FRONTS:
        path = sessions_dir / f"{platform}.json"
        assert path.stat().st_mode & 0o777 == 0o600
        assert check_session(sessions_dir, platform).plausible  # what `simwatch login --check` says
        assert session_status(sessions_dir, platform)[0]  # what the crawl runner requires
        assert f"saved {platform} session to {path}" in out
    # The sandbox lets the saved session through where it walls an anonymous visitor.
    cookies = {c["name"]: c["value"] for c in json.loads((sessions_dir / "jd.json").read_text())["cookies"]}
    search = f"{running_sandbox}/jd/Search?keyword=电话卡&enc=utf-8"
    assert http(search).status == 302
    assert http(search, cookies=cookies).status == 200


def test_session_command_writes_only_the_platforms_asked_for(
        running_sandbox: str, sessions_dir: Path) -> None:
    args = _parse(["sandbox", "session", "--base-url", running_sandbox, "-p", "JD", "-p", "shopee"])
    assert args.func(args) == 0
    assert sorted(p.name for p in sessions_dir.iterdir()) == ["jd.json", "shopee.json"]


@pytest.mark.parametrize("url", ["https://passport.jd.com", "http://10.0.0.5:8766", "127.0.0.1:8766"])
def test_session_command_is_for_a_loopback_sandbox_only(
        url: str, sessions_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = _parse(["sandbox", "session", "--base-url", url])
    assert args.func(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("simwatch sandbox session: error: ") and err.count("\n") == 1
    assert "simwatch login PLATFORM" in err
    assert not sessions_dir.exists()


def test_session_command_never_replaces_a_real_session(
        running_sandbox: str, sessions_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from crawler.sessions import write_storage_state

    real = {"cookies": [{"name": "thor", "value": "x", "domain": ".jd.com", "path": "/",
                         "expires": -1, "httpOnly": True, "secure": True, "sameSite": "Lax"}],
            "origins": []}
    write_storage_state(sessions_dir / "jd.json", real)
    args = _parse(["sandbox", "session", "--base-url", running_sandbox])
    assert args.func(args) == 1
    err = capsys.readouterr().err
    assert "holds a real jd session (jd.com); not replaced" in err and err.count("\n") == 1
    assert json.loads((sessions_dir / "jd.json").read_text()) == real
    assert [p.name for p in sessions_dir.iterdir()] == ["jd.json"]


def test_session_command_without_a_running_sandbox(
        sessions_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from crawler.store.embedded import free_port

    args = _parse(["sandbox", "session", "--base-url", f"http://127.0.0.1:{free_port()}"])
    assert args.func(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("simwatch sandbox session: error: cannot log in to the sandbox at ")
    assert "simwatch sandbox serve" in err and err.count("\n") == 1
    assert not sessions_dir.exists()
