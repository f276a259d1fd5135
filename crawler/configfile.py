"""One reader of the JSON and TOML files a user edits (users, schedules and their state, keyword
sets): a file that cannot be read or parsed becomes one line naming ``file[:line]`` and what
was wrong, raised as the caller's own error type. What the file must hold is the caller's
business."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

# tomllib (3.11) gives the position only inside its message: "Invalid value (at line 3, column 7)".
TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def read_config_text(path: str | Path, error: type[Exception], what: str,
                     *, missing_ok: bool = False) -> str | None:
    """The text of ``path``; ``None`` for a missing file when ``missing_ok`` (not yet written).
    ``what`` names the file in messages ("users file")."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return None
        raise error(f"{path}: {what} not found") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: {what} is not UTF-8 text (byte {exc.start + 1})") from None
    except OSError as exc:
        raise error(f"{path}: cannot read {what} ({exc.strerror or exc})") from None


def parse_config(text: str, path: str | Path, fmt: Literal["json", "toml"],
                 error: type[Exception]) -> Any:
    """``text`` (read from ``path``) parsed as JSON (blank text: ``{}``) or TOML; a syntax error
    names the line where the parser stopped."""
    if fmt == "json":
        if not text.strip():
            return {}
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise error(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = TOML_POSITION.search(message)
        if position is None:
            raise error(f"{path}: not valid TOML ({message})") from None
        raise error(f"{path}:{position[1]}: not valid TOML ({message[:position.start()]}, "
                    f"column {position[2]})") from None


def read_config(path: str | Path, fmt: Literal["json", "toml"], error: type[Exception], what: str,
                *, missing: Any = None) -> Any:
    """:func:`read_config_text` then :func:`parse_config`; a missing file gives ``missing`` when
    that is not None, else the error."""
    text = read_config_text(path, error, what, missing_ok=missing is not None)
    return missing if text is None else parse_config(text, path, fmt, error)
