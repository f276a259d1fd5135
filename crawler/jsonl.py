"""One reader of JSON Lines files: numbered rows, blank lines skipped, a bad line named by its
file and line number. What a row must hold is the caller's business."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from typing import Any


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
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            message = f"{os.fspath(source)}:{number}: not valid JSON ({exc.msg})"
            if problems is None:
                raise JsonlError(message) from None
            problems.append(message)
            continue
        yield number, value
