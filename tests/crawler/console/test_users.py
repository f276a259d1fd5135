"""``simwatch users`` and the users file."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.console.users import UserError, UserStore


def _add(monkeypatch: pytest.MonkeyPatch, path: Path, *args: str, password: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["users", "add", *args, "--password-stdin", "--users", str(path)])


def test_add_list_remove(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "users.json"
    assert _add(monkeypatch, path, "alice", "--role", "reviewer", "--role", "operator",
                password="correct horse battery") == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    stored = json.loads(path.read_text())["users"]["alice"]
    assert stored["password_hash"].startswith("$argon2id$")
    assert "correct horse" not in path.read_text()
    assert UserStore(path).authenticate("alice", "correct horse battery").roles == ("reviewer", "operator")
    assert UserStore(path).authenticate("alice", "wrong password!") is None
    assert UserStore(path).authenticate("nobody", "correct horse battery") is None
    capsys.readouterr()
    assert main(["users", "list", "--users", str(path)]) == 0
    assert "alice" in capsys.readouterr().out
    assert _add(monkeypatch, path, "alice", "--role", "analyst", password="another password") == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["users", "remove", "alice", "--users", str(path)]) == 0
    assert main(["users", "remove", "alice", "--users", str(path)]) == 2
    assert "no user 'alice'" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "password", "message"), [
    ("bob", "short", "at least 10 characters"),
    ("bad name", "long enough pw", "user name 'bad name' must be"),
])
def test_bad_users_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str], name: str, password: str,
                               message: str) -> None:
    assert _add(monkeypatch, tmp_path / "u.json", name, "--role", "analyst", password=password) == 2
    assert message in capsys.readouterr().err


def test_a_broken_users_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    path.write_text('{"users": {\n  "a": }')
    with pytest.raises(UserError, match=r"users.json:2: not valid JSON"):
        UserStore(path).list()


def test_serve_refuses_to_start_without_users(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--users", str(tmp_path / "none.json")]) == 2
    assert "no console users" in capsys.readouterr().err
