"""Every command, with the store down or a bad argument: one line, no traceback, non-zero exit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DOWN = "http://127.0.0.1:9"  # the discard port: nothing listens there

CASES = [
    ("es status", ["es", "status"]),
    ("es setup", ["es", "setup"]),
    ("runs", ["runs"]),
    ("takedowns export", ["takedowns", "export", "--platform", "jd", "--format", "csv"]),
    ("takedowns export JD", ["takedowns", "export", "--platform", "JD", "--format", "csv"]),
    ("takedowns metrics", ["takedowns", "metrics"]),
    ("takedowns mark", ["takedowns", "mark", "jd:1", "--status", "sent", "--by", "me"]),
    ("sellers network", ["sellers", "network", "jd:1"]),
    ("sellers link", ["sellers", "link"]),
    ("demo with a real cluster", ["demo"]),
    ("crawl unknown platform", ["crawl", "-p", "jdd"]),
    ("crawl worker without redis", ["crawl", "--worker", "--run-id", "r", "--redis",
                                    "redis://127.0.0.1:9/0", "-p", "jd"]),
    ("classify missing input", ["classify", "--input", "missing.jsonl"]),
    ("classify missing whitelist", ["classify", "--whitelist", "missing.xlsx", "--input", "-"]),
    ("login unknown platform", ["login", "taobaoo", "--check"]),
    ("login malformed cookies", ["login", "taobao", "--import", "{tmp}/cookies.json"]),
    ("takedowns import missing", ["takedowns", "import", "missing.xlsx", "--by", "x"]),
    ("whitelist import missing", ["whitelist", "import", "missing.xlsx", "--carrier", "中国移动"]),
    # commands that word their own errors
    ("parse missing file", ["parse", "--platform", "jd", "missing.html"]),
    ("classify eval without labels", ["classify", "eval"]),
    ("serve bad port", ["serve", "--port", "70000"]),
    ("sandbox serve not loopback", ["sandbox", "serve", "--host", "10.0.0.1"]),
    ("sandbox session not loopback", ["sandbox", "session", "--base-url", "http://10.0.0.1:8766"]),
    ("demo crawl without sandbox", ["--demo", "crawl", "-p", "jd"]),
    ("unknown option", ["runs", "--bogus"]),
    ("users list broken file", ["users", "list", "--users", "{tmp}/cookies.json"]),
    ("takedowns import not a reply file", ["takedowns", "import", "{tmp}/cookies.json", "--by", "x"]),
]
# The one format of every one-line error (argparse's own): "simwatch COMMAND: error: MESSAGE".
ERROR_LINE = re.compile(r"^simwatch(?: [a-z]+)*: error: \S")
COMMAND = {"es status": "es status", "es setup": "es setup", "takedowns export JD": "takedowns export",
           "demo with a real cluster": "demo", "crawl unknown platform": "crawl",
           "crawl worker without redis": "crawl", "classify missing input": "classify",
           "classify missing whitelist": "classify", "login unknown platform": "login",
           "login malformed cookies": "login", "takedowns import missing": "takedowns import",
           "whitelist import missing": "whitelist import", "parse missing file": "parse",
           "classify eval without labels": "classify eval", "serve bad port": "serve",
           "sandbox serve not loopback": "sandbox serve",
           "sandbox session not loopback": "sandbox session",
           "demo crawl without sandbox": "crawl", "unknown option": "",
           "users list broken file": "users list", "takedowns import not a reply file": "takedowns import"}


@pytest.mark.parametrize(("name", "argv"), CASES, ids=[c[0] for c in CASES])
def test_error_is_one_line(tmp_path: Path, name: str, argv: list[str]) -> None:
    (tmp_path / "cookies.json").write_text("{not json", encoding="utf-8")
    env = {**os.environ, "ELASTICSEARCH_URL": DOWN, "SIMWATCH_HOME": str(tmp_path / "home"),
           "COLUMNS": "80"}
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli", *(a.replace("{tmp}", str(tmp_path)) for a in argv)],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert 1 <= len(output.splitlines()) <= 3, output
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and ERROR_LINE.match(errors[0]), result.stderr
    command = COMMAND.get(name, name)
    assert errors[0].startswith(f"{f'simwatch {command}'.strip()}: error: "), errors[0]


def test_a_command_error_keeps_its_exit_code_and_needs_no_traceback_hint(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from crawler.cli import main

    (tmp_path / "users.json").write_text('{"users": [', encoding="utf-8")
    assert main(["users", "list", "--users", str(tmp_path / "users.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"simwatch users list: error: {tmp_path / 'users.json'}:1: not valid JSON " \
                  "(Expecting value, column 12)"


def test_verbose_shows_the_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "ELASTICSEARCH_URL": DOWN, "SIMWATCH_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "crawler.cli", "-v", "runs"], env=env,
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_logged_errors_lose_their_traceback_unless_verbose(capsys: pytest.CaptureFixture[str]) -> None:
    import logging

    from crawler.cli import configure_logging

    for verbosity, shown in ((0, False), (1, True)):
        configure_logging(verbosity)
        try:
            raise OSError("disk full")
        except OSError:
            logging.getLogger("scrapy.core.scraper").error("Error processing item", exc_info=True)
        err = capsys.readouterr().err
        assert "ERROR scrapy.core.scraper: Error processing item" in err
        assert ("Traceback" in err) is shown
    logging.getLogger().handlers.clear()
    logging.getLogger().setLevel(logging.WARNING)
