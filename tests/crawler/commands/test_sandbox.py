from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
import urllib.request
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
