"""One reader of JSON Lines files: numbered rows, blank lines skipped, a bad line named by its
file and line number. What a row must hold is the caller's business."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

from whitelist.normalise import without_surrogates

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _scrubbed(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings replaced by U+FFFD: valid JSON
    ("\\ud800") but no UTF-8 form, so one such title would fail the whole output file."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, list):
        return [_scrubbed(item) for item in value]
    if isinstance(value, dict):
        return {_scrubbed(key): _scrubbed(item) for key, item in value.items()}
    return value


def loads(line: str) -> Any:
    """``json.loads`` of one line, lone surrogates in its strings replaced by U+FFFD."""
    value = json.loads(line)
    return _scrubbed(value) if _SURROGATE_ESCAPE.search(line) else value  # rare: only "\\ud8…" makes one


class JsonlError(ValueError):
    """A line that is not valid JSON (the message names ``file:line``)."""


def jsonl_rows(
    lines: Iterable[str], source: str | os.PathLike[str], problems: list[str] | None = None
) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` of each non-blank line of ``lines``, read from ``source``. A line
    that is not JSON raises JsonlError — or, given ``problems``, is reported there and skipped
    (for readers that keep the good lines whatever the bad ones hold)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = loads(line)
        except json.JSONDecodeError as exc:
            message = f"{os.fspath(source)}:{number}: not valid JSON ({exc.msg})"
            if problems is None:
                raise JsonlError(message) from None
            problems.append(message)
            continue
        yield number, value
