"""One line per error a user can meet: what failed, where, and what to do about it."""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO


def error_text(command: str, message: str) -> str:
    """The one format of every one-line error, argparse's own: ``simwatch COMMAND: error: …``
    (COMMAND with its subcommand, e.g. ``whitelist import``), so a user or a script meets one
    shape whichever part of simwatch failed."""
    return f"simwatch {command}: error: {message}"


def print_error(command: str, message: str, file: TextIO | None = None) -> None:
    """Print ``command``'s one-line error (see :func:`error_text`) on stderr."""
    print(error_text(command, message), file=file or sys.stderr)


class CommandError(Exception):
    """A failure the user can fix, which ``simwatch``'s main says in one line (no traceback hint)
    and ends with ``exit_code``: 2 for bad input, 1 when something outside failed."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@contextmanager
def failing_as(*errors: type[Exception], exit_code: int = 2) -> Iterator[None]:
    """Inside a command: any of ``errors`` (whose message already says what to fix) ends the
    command as a :class:`CommandError` with ``exit_code``."""
    try:
        yield
    except errors as exc:
        raise CommandError(str(exc), exit_code) from exc


class UnknownPlatformError(ValueError):
    """A platform name that names no platform (with the nearest known name, if any)."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        known = sorted(known)
        close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        super().__init__(f"unknown platform {name!r}{hint} (known: {', '.join(known)})")
        self.name = name
        self.suggestion = close[0] if close else None


def platform_name(value: str, known: Iterable[str] | None = None) -> str:
    """A platform name, case-insensitive; unknown names raise with a did-you-mean suggestion."""
    if known is None:
        from crawler.platforms import PLATFORMS

        known = PLATFORMS
    known = list(known)
    name = value.strip().lower()
    if name not in known:
        raise UnknownPlatformError(value, known)
    return name


def _first_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else ""


def describe_error(exc: BaseException) -> str:
    """The one line shown for ``exc`` (its traceback only with ``-v``)."""
    name = type(exc).__module__.split(".")[0]
    if name in ("elasticsearch", "elastic_transport"):
        return _elasticsearch(exc)
    if name == "redis":
        return f"cannot reach Redis: {_first_line(str(exc))} (is REDIS_URL right and the server up?)"
    if isinstance(exc, FileNotFoundError | PermissionError | IsADirectoryError | NotADirectoryError):
        where = exc.filename or ""
        return f"{where}: {exc.strerror or type(exc).__name__}" if where else _first_line(str(exc))
    if isinstance(exc, UnicodeDecodeError):
        return f"file is not UTF-8 text ({exc.reason} at byte {exc.start})"
    text = _first_line(str(exc)) or type(exc).__name__
    if isinstance(exc, ValueError | LookupError | OSError | RuntimeError):
        return text
    return f"{type(exc).__name__}: {text}"


_ERRNO = re.compile(r"\[Errno -?\d+\] ([^)\]'\"]+)")
_HOST = re.compile(r"host='([^']+)', port=(\d+)")


def _elasticsearch(exc: BaseException) -> str:
    text = str(exc)
    if "Connection" in type(exc).__name__ or "Timeout" in type(exc).__name__:
        host = _HOST.search(text)
        where = f" at {host[1]}:{host[2]}" if host else ""
        errno = _ERRNO.search(text)
        why = errno[1].strip() if errno else type(exc).__name__
        return (f"cannot reach Elasticsearch{where} ({why}); is ELASTICSEARCH_URL right and the "
                "server up?")
    return f"Elasticsearch error: {_first_line(text)[:200]}"
