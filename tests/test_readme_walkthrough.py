"""README's walk-through against a separately started sandbox, command by command, as a new user
would type it (headless, no real platform): every command exits 0 and the browser platforms are
reached through the sessions `simwatch sandbox session` saved.

The sandbox is started by the README's own `simwatch sandbox serve` line (on a free port instead
of 8766) and stopped here; everything else runs in a temporary SIMWATCH_HOME and directory.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]
ROOT = Path(__file__).resolve().parents[1]
README_PORT = "8766"


def walkthrough() -> list[list[str]]:
    """The simwatch commands of README's sandbox walk-through, comments removed."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### The same steps against the sandbox"):]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "README: the sandbox walk-through has no sh block"
    commands = []
    for line in block[1].splitlines():
        words = shlex.split(line.split("#", 1)[0])
        if words and words[0] == ".venv/bin/simwatch":
            commands.append([w for w in words[1:] if w != "&"])
    return commands


def test_the_sandbox_walkthrough_can_be_followed_command_by_command(tmp_path: Path) -> None:
    commands = walkthrough()
    serve, rest = commands[0], commands[1:]
    assert serve[:2] == ["sandbox", "serve"] and README_PORT in serve
    assert rest[2][1:3] == ["sandbox", "session"]  # the step that logs the browser platforms in
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIMWATCH_", "ELASTICSEARCH_"))}
    env |= {"SIMWATCH_HOME": str(tmp_path / "home"), "PYTHONUNBUFFERED": "1", "COLUMNS": "100"}
    cli = [sys.executable, "-m", "crawler.cli"]
    server = subprocess.Popen([*cli, *(("0" if w == README_PORT else w) for w in serve)], env=env,
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline() if server.stdout else ""
        base = next(w for w in line.split() if w.startswith("http://127.0.0.1:"))
        outputs = []
        for argv in rest:
            argv = [w.replace(f"http://127.0.0.1:{README_PORT}", base) for w in argv]
            done = subprocess.run([*cli, *argv], env=env, cwd=tmp_path, capture_output=True,
                                  text=True, timeout=300, stdin=subprocess.DEVNULL)
            assert done.returncode == 0, (argv, done.stdout[-2000:], done.stderr[-2000:])
            outputs.append(done.stdout)
    finally:
        server.terminate()
        server.wait(timeout=30)
    by_command = dict(zip((" ".join(a[:3]) for a in rest), outputs, strict=True))
    assert "saved jd session to" in by_command["--demo sandbox session"]
    crawl = by_command["--demo crawl --sandbox"]
    # the browser platforms were reached: listings found on jd and pinduoduo, not only ebay
    rows = {m[1]: int(m[2]) for m in re.finditer(r"│ (\w+)\s+│\s+\d+ │\s+(\d+) │", crawl)}
    assert rows.get("jd", 0) > 0 and rows.get("pinduoduo", 0) > 0, crawl
    assert (tmp_path / "out" / "takedowns").is_dir()
