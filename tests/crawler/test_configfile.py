"""The one reader of user-edited JSON and TOML files: each failure is one line naming the file
(and line), raised as the caller's error type."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.configfile import parse_config, read_config, read_config_text


class SettingsError(ValueError):
    pass


def test_parsed_content_of_json_and_toml(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"users": {"ann": {}}}', encoding="utf-8")
    (tmp_path / "a.toml").write_text('[[jobs]]\nname = "daily"\n', encoding="utf-8")
    assert read_config(tmp_path / "a.json", "json", SettingsError, "users file") == {"users": {"ann": {}}}
    assert read_config(tmp_path / "a.toml", "toml", SettingsError, "schedules file") == {
        "jobs": [{"name": "daily"}]}


def test_a_missing_file_is_an_error_unless_a_default_is_given(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"nope\.toml: keyword file not found$"):
        read_config(tmp_path / "nope.toml", "toml", SettingsError, "keyword file")
    assert read_config(tmp_path / "nope.json", "json", SettingsError, "state", missing={}) == {}
    assert read_config_text(tmp_path / "nope.json", SettingsError, "state", missing_ok=True) is None


@pytest.mark.parametrize(("fmt", "text", "message"), [
    ("json", '{\n  "users": {,}\n}', r"f:2: not valid JSON \(Expecting property name .*, column 13\)$"),
    ("toml", 'name = "a"\n[[jobs]\n', r"f:2: not valid TOML \(.+, column \d+\)$"),
])
def test_a_syntax_error_names_the_line(fmt: str, text: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        parse_config(text, "f", fmt, SettingsError)  # type: ignore[arg-type]


def test_blank_json_reads_as_empty() -> None:
    assert parse_config("  \n", "f", "json", SettingsError) == {}


def test_unreadable_and_non_utf8_files_are_named(tmp_path: Path) -> None:
    (tmp_path / "latin1.toml").write_bytes('name = "Jürgen"\n'.encode("latin-1"))
    with pytest.raises(SettingsError, match=r"latin1\.toml: schedules file is not UTF-8 text \(byte 10\)"):
        read_config(tmp_path / "latin1.toml", "toml", SettingsError, "schedules file")
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(SettingsError, match=r"dir\.json: cannot read users file \(Is a directory\)"):
        read_config(tmp_path / "dir.json", "json", SettingsError, "users file")
