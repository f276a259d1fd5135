"""Keyword sets from config/keywords.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.platforms import PLATFORMS
from crawler.platforms.keywords import KeywordConfigError, load_keyword_set, load_keywords


def test_default_file_has_evasions_and_english() -> None:
    default = load_keywords()
    for word in ("电话卡", "电話卡", "dhk", "流量k", "免shi名", "免实名", "接码"):
        assert word in default
    assert "china sim card" in load_keywords(platform="ebay")
    assert len(default) == len(set(default))


def test_every_platform_has_keywords() -> None:
    for name in PLATFORMS:
        assert load_keywords(platform=name), name


def test_overrides(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text(
        '[default]\nsets = ["a"]\n[sets]\na = ["x", "y"]\nb = ["z", "x"]\n'
        '[platforms.jd]\nsets = ["a", "b"]\nextra = ["w", "y"]\nexclude = ["z"]\n',
        encoding="utf-8",
    )
    assert load_keywords(path) == ["x", "y"]
    assert load_keywords(path, platform="taobao") == ["x", "y"]
    assert load_keywords(path, platform="jd") == ["x", "y", "w"]
    assert load_keyword_set("b", path) == ["z", "x"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[default\n", "not valid TOML"),
        ('[default]\nsets = ["nope"]\n[sets]\na = ["x"]\n', "unknown keyword set 'nope'"),
        ('[sets]\na = ["x", 3]\n', "sets.a must be a list of non-empty strings"),
        ('[sets]\na = ["x"]\n[platforms.jd]\nextra = "y"\n', "platforms.jd.extra must be a list"),
    ],
)
def test_bad_files_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KeywordConfigError, match=message) as info:
        load_keywords(path, platform="jd")
    assert str(path) in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KeywordConfigError, match="not found"):
        load_keywords(tmp_path / "none.toml")
