from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from crawler.cli import main
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


@pytest.mark.parametrize(("text", "said"), [
    ('[[jobs]]\nname = "x"\ncron = "0 * * * *"\nplatforms = ["jd"]\nkeyword_set = "nope"\n',
     "unknown keyword set 'nope'"),
    ('[[jobs]]\nname = "x"\ncron = "0 * * * *\n', "s.toml:3: not valid TOML"),
], ids=["unknown keyword set", "broken TOML"])
@pytest.mark.parametrize("action", ["list", "run"])
def test_bad_file_is_one_error_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               action: str, text: str, said: str) -> None:
    bad = tmp_path / "s.toml"
    bad.write_text(text, encoding="utf-8")
    assert main(["schedule", action, "--file", str(bad), "--state-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"simwatch schedule {action}: error: "), err
    assert said in err[0]
