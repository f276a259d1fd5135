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
