from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from crawler.commands import schedule
from tests.conftest import ROOT


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    schedule.register(parser.add_subparsers())
    return parser.parse_args(["schedule", *argv])


def test_list_shows_every_job_and_next_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    args = parse("list", "--file", str(ROOT / "config" / "schedules.toml"), "--state-dir", str(tmp_path))
    assert args.func(args) == 0
    out = capsys.readouterr().out
    for name in ("domestic-nightly", "secondhand-twice-daily", "crossborder-weekly", "douyin-experimental"):
        assert name in out
    assert "30 2 * * *" in out


def test_bad_file_is_an_error_exit(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    bad = tmp_path / "s.toml"
    bad.write_text('[[jobs]]\nname = "x"\ncron = "0 * * * *"\nplatforms = ["jd"]\nkeyword_set = "nope"\n')
    args = parse("list", "--file", str(bad), "--state-dir", str(tmp_path))
    assert args.func(args) == 2
    assert "unknown keyword set 'nope'" in caplog.text
