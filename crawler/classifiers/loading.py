"""Whitelist loading for the classifier and the ``classify`` command."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whitelist.loaders import load
from whitelist.matcher import Matcher


def load_matcher(paths: Iterable[str | Path]) -> tuple[Matcher, list[Any]]:
    """Load every whitelist file into one Matcher; return it with the rows that were rejected.

    Raises ``whitelist.model.WhitelistFileError`` when a file cannot be read at all.
    """
    entries: list[Any] = []
    rejected: list[Any] = []
    for path in paths:
        result = load(path)
        entries.extend(result.entries)
        rejected.extend(result.rejected)
    return Matcher(entries), rejected
