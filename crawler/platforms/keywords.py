"""Search keywords from ``config/keywords.toml``: default sets, per-platform overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crawler.configfile import read_config

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "keywords.toml"


class KeywordConfigError(ValueError):
    """The keyword file is missing or malformed; the message names the file and the key."""


def _string_list(value: Any, path: Path, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KeywordConfigError(f"{path}: {key} must be a list of non-empty strings")
    return [v.strip() for v in value]


def _read(path: Path) -> dict[str, Any]:
    return read_config(path, "toml", KeywordConfigError, "keyword file")


def _platform_table(config: dict[str, Any], path: Path, platform: str | None) -> dict[str, Any]:
    """``[platforms.<platform>]`` (empty when absent or when no platform is named)."""
    table = config.get("platforms", {}).get(platform, {}) if platform else {}
    if not isinstance(table, dict):
        raise KeywordConfigError(f"{path}: [platforms.{platform}] must be a table")
    return table


def load_keywords(path: str | Path | None = None, platform: str | None = None) -> list[str]:
    """Keywords for ``platform`` (or the default sets when None), in file order, deduplicated."""
    path = Path(path) if path else DEFAULT_PATH
    config = _read(path)
    sets = config.get("sets", {})
    if not isinstance(sets, dict):
        raise KeywordConfigError(f"{path}: [sets] must be a table of keyword lists")
    default = config.get("default", {})
    override = _platform_table(config, path, platform)
    set_names = override.get("sets", default.get("sets", list(sets)))
    set_names = _string_list(
        set_names, path, f"platforms.{platform}.sets" if "sets" in override else "default.sets"
    )
    keywords: list[str] = []
    for name in set_names:
        if name not in sets:
            raise KeywordConfigError(
                f"{path}: unknown keyword set {name!r} (known: {', '.join(sets)})"
            )
        keywords += _string_list(sets[name], path, f"sets.{name}")
    keywords += _string_list(override.get("extra", []), path, f"platforms.{platform}.extra")
    excluded = set(_string_list(override.get("exclude", []), path, f"platforms.{platform}.exclude"))
    return [k for k in dict.fromkeys(keywords) if k not in excluded]


def load_common_keywords(path: str | Path | None = None, platform: str | None = None) -> list[str]:
    """``[platforms.<name>] common``: keywords the platform always has listings for. An empty,
    error-free first page of one of these is a suspected soft block (shopee's wall), while any
    other keyword may simply find nothing (a Chinese keyword on an Indonesian market)."""
    path = Path(path) if path else DEFAULT_PATH
    override = _platform_table(_read(path), path, platform)
    return _string_list(override.get("common", []), path, f"platforms.{platform}.common")


def load_keyword_set(name: str, path: str | Path | None = None) -> list[str]:
    """One named list of ``[sets]`` (for jobs that pick a set rather than a platform)."""
    path = Path(path) if path else DEFAULT_PATH
    sets = _read(path).get("sets", {})
    if name not in sets:
        raise KeywordConfigError(f"{path}: unknown keyword set {name!r} (known: {', '.join(sets)})")
    return list(dict.fromkeys(_string_list(sets[name], path, f"sets.{name}")))
