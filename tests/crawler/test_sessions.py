"""Saved browser sessions: imports from users' own browsers, permissions, expiry."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from crawler.sessions import SessionError, import_session, session_status


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_cookie_editor_export_becomes_a_private_storage_state(tmp_path: Path) -> None:
    export = tmp_path / "cookies.json"
    export.write_text(json.dumps([
        {"name": "cookie2", "value": "abc", "domain": ".goofish.com", "path": "/",
         "expirationDate": 4102444800, "httpOnly": True, "secure": True, "sameSite": "no_restriction"},
        {"name": "_m_h5_tk", "value": "tok_1", "domain": ".goofish.com"},
    ]), encoding="utf-8")
    path = import_session(export, tmp_path / "sessions", "xianyu")
    assert _mode(path) == 0o600
    state = json.loads(path.read_text(encoding="utf-8"))
    first = state["cookies"][0]
    assert first["name"] == "cookie2" and first["expires"] == 4102444800
    assert first["sameSite"] == "None" and first["httpOnly"] is True
    assert session_status(tmp_path / "sessions", "xianyu")[0] is True


def test_netscape_cookies_txt_is_read_and_bad_lines_named(tmp_path: Path) -> None:
    good = tmp_path / "cookies.txt"
    good.write_text("# Netscape HTTP Cookie File\n"
                    "#HttpOnly_.taobao.com\tTRUE\t/\tTRUE\t4102444800\tcookie2\tv1\n"
                    ".taobao.com\tTRUE\t/\tFALSE\t0\t_tb_token_\tv2\n", encoding="utf-8")
    state = json.loads(import_session(good, tmp_path, "taobao").read_text(encoding="utf-8"))
    assert [c["name"] for c in state["cookies"]] == ["cookie2", "_tb_token_"]
    assert state["cookies"][0]["httpOnly"] is True and state["cookies"][1]["expires"] == -1

    bad = tmp_path / "bad.txt"
    bad.write_text("# header\n.taobao.com\tTRUE\t/\n", encoding="utf-8")
    with pytest.raises(SessionError, match=r"bad.txt:2: expected 7 tab-separated fields"):
        import_session(bad, tmp_path, "tmall")
    assert not (tmp_path / "tmall.json").exists()


def test_expired_and_missing_sessions_are_reported(tmp_path: Path) -> None:
    ok, why = session_status(tmp_path, "jd")
    assert not ok and "simwatch login jd" in why
    (tmp_path / "jd.json").write_text(json.dumps({"cookies": [
        {"name": "thor", "value": "x", "domain": ".jd.com", "path": "/", "expires": 1000}]}))
    ok, why = session_status(tmp_path, "jd")
    assert not ok and "expired" in why


def test_an_export_without_cookies_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    with pytest.raises(SessionError, match="no cookies"):
        import_session(empty, tmp_path, "jd")
    weird = tmp_path / "weird.json"
    weird.write_text('{"foo": 1}', encoding="utf-8")
    with pytest.raises(SessionError, match="neither a Playwright storage state"):
        import_session(weird, tmp_path, "jd")


def test_a_broken_or_binary_export_is_named_as_such(tmp_path: Path) -> None:
    """A truncated JSON export is a JSON error at its line, not a cookies.txt field count."""
    broken = tmp_path / "broken.json"
    broken.write_text('{"cookies": [\n  {"name": "a",\n', encoding="utf-8")
    with pytest.raises(SessionError, match=r"broken.json:3: not valid JSON"):
        import_session(broken, tmp_path, "jd")
    binary = tmp_path / "cookies.sqlite"
    binary.write_bytes(b"SQLite format 3\x00\xff\xfe")
    with pytest.raises(SessionError, match=r"cookies.sqlite: not a text cookie export"):
        import_session(binary, tmp_path, "jd")
    assert not (tmp_path / "jd.json").exists()


def _import(tmp_path: Path, platform: str, cookies: list[dict]) -> Path:
    export = tmp_path / f"{platform}-cookies.json"
    export.write_text(json.dumps(cookies), encoding="utf-8")
    import_session(export, tmp_path / "sessions", platform)
    return tmp_path / "sessions"


def test_check_says_what_it_verified_offline_and_what_it_could_not(tmp_path: Path) -> None:
    from crawler.sessions import check_session

    sessions = _import(tmp_path, "taobao", [
        {"name": "cookie2", "value": "1a2b", "domain": ".taobao.com", "expirationDate": 4102444800},
        {"name": "t", "value": "x", "domain": ".taobao.com"},
    ])
    check = check_session(sessions, "taobao")
    assert check.plausible
    assert "2 of 2 cookies are for taobao" in check.verified
    assert "login cookie cookie2 present" in check.verified
    assert any("still accepts this session" in line for line in check.not_verified)


@pytest.mark.parametrize(("cookies", "problem"), [
    ([{"name": "foo", "value": "bar", "domain": ".taobao.com"}], "no login cookie (cookie2)"),
    ([{"name": "cookie2", "value": "v", "domain": ".example.com"}], "none of its 1 cookies"),
    ([{"name": "cookie2", "value": "v", "domain": ".taobao.com", "expirationDate": 1000}],
     "every cookie has expired"),
])
def test_made_up_or_foreign_or_expired_cookies_are_not_usable(
        tmp_path: Path, cookies: list[dict], problem: str) -> None:
    from crawler.sessions import check_session

    check = check_session(_import(tmp_path, "taobao", cookies), "taobao")
    assert not check.plausible
    assert any(problem in p for p in check.problems), check.problems


def test_login_check_command_prints_verified_and_unverified(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from crawler.commands import login

    sessions = _import(tmp_path, "jd", [{"name": "pt_key", "value": "k", "domain": ".jd.com"}])
    monkeypatch.setattr("crawler.settings.SIMWATCH_SESSIONS_DIR", str(sessions))
    parser = argparse.ArgumentParser()
    login.register(parser.add_subparsers())
    args = parser.parse_args(["login", "JD", "--check"])
    assert args.func(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("jd session ") and out[0].endswith("looks logged in (offline checks only)")
    assert out[1].startswith("  verified offline: 1 of 1 cookies are for jd")
    assert out[2].startswith("  not verified: whether jd still accepts this session")


def test_check_names_a_sandbox_session_as_such(tmp_path: Path) -> None:
    from crawler.sessions import check_session

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    sandbox = _import(tmp_path / "a", "jd", [{"name": "thor", "value": "s", "domain": "127.0.0.1"}])
    assert any("a sandbox session (cookies for 127.0.0.1)" in v
               for v in check_session(sandbox, "jd").verified)
    real = _import(tmp_path / "b", "jd", [{"name": "thor", "value": "s", "domain": ".jd.com"}])
    assert not any("sandbox" in v for v in check_session(real, "jd").verified)
