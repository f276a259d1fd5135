"""A first-character guard for the rules' big alternations.

Python's regex engine skips ahead fast only when it sees a literal prefix or a character set that
every match starts with. An alternation of dozens of phrases whose branches start with groups,
repeats, digits or a word edge (``\\d+元/月|月租\\d+|…``, ``\\bsim[\\s-]*tray|…``) gives it neither,
so at every position of the text it tries every branch in turn. A lookahead on the set of
characters a match can start with, ``(?=[月\\d…])``, makes each position that cannot start a match
fail in one test: on the classifier benchmark's titles the larger alternations of rules.json ran
2-7 times faster (crawler/classifiers/FIGURES.md, session 37).

Hand-written because no library offers it (the third-party ``regex`` engine was measured: no
faster over these patterns in total). The set is read from the standard library's own parse of the
pattern (``re._parser``, private, hence the fallback) and is conservative: a construct it does not
know (``.``, a negated class, a backreference, inline flags, a branch that may match nothing) or a
pattern the engine already skips through fast (a literal or a set in front) is compiled as it is.
The guarded pattern matches exactly the same spans: the lookahead only rejects positions where no
branch could match.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+: the parser and the compiler's prefix analysis
    from re import _compiler, _parser
    from re._constants import (
        ASSERT,
        ASSERT_NOT,
        AT,
        BRANCH,
        CATEGORY,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        POSSESSIVE_REPEAT,
        RANGE,
        SUBPATTERN,
    )
except ImportError:  # pragma: no cover - another interpreter's internals: no guard
    _parser = None

# sre's category codes as they are written inside a class
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


class _Unknown(Exception):
    """A construct whose first characters are not read here: the pattern stays unguarded."""


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with a lookahead on its first characters when that helps."""
    compiled = re.compile(pattern, flags)
    if _parser is None or flags & re.VERBOSE:
        return compiled  # in verbose mode a comment would swallow the closing parenthesis
    try:
        tree = _parser.parse(pattern, flags)
        if tree.state.flags != _parser.parse("", flags).state.flags:
            return compiled  # inline global flags ((?i) in front) must stay at the start
        if _compiler._get_literal_prefix(tree, flags)[0] or _compiler._get_charset_prefix(tree, flags):
            return compiled  # the engine skips ahead by itself
        items, may_be_empty = _first(tree.data)
        if may_be_empty or not items:
            return compiled
        return re.compile(f"(?=[{''.join(sorted(items))}])(?:{pattern})", flags)
    except (_Unknown, AttributeError, TypeError, ValueError, re.error):
        return compiled


def _first(seq: Any) -> tuple[set[str], bool]:
    """The class items (escaped characters, ranges, ``\\d``-style categories) a match of ``seq``
    can start with, and whether ``seq`` may match the empty string."""
    items: set[str] = set()
    for op, av in seq:
        if op is LITERAL:
            items.add(_char(av))
            return items, False
        if op is IN:
            items |= _class_items(av)
            return items, False
        if op is BRANCH:
            empty = False
            for branch in av[1]:
                first, branch_empty = _first(branch.data)
                items |= first
                empty |= branch_empty
            if not empty:
                return items, False
        elif op is SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown(op)
            first, empty = _first(sub.data)
            items |= first
            if not empty:
                return items, False
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            low, _high, sub = av
            first, empty = _first(sub.data)
            items |= first
            if low > 0 and not empty:
                return items, False
        elif op is AT or op is ASSERT_NOT or (op is ASSERT and av[0] < 0):
            continue  # zero width, and not a claim on the next character: read on
        else:  # ANY, NOT_LITERAL, lookahead, backreference, …
            raise _Unknown(op)
    return items, True


def _class_items(av: Any) -> set[str]:
    items: set[str] = set()
    for op, value in av:
        if op is LITERAL:
            items.add(_char(value))
        elif op is RANGE:
            items.add(f"{_char(value[0])}-{_char(value[1])}")
        elif op is CATEGORY and str(value) in _CATEGORIES:
            items.add(_CATEGORIES[str(value)])
        else:  # NEGATE, a category of another kind
            raise _Unknown(op)
    return items


def _char(code: int) -> str:
    return re.escape(chr(code))  # escapes the class's own specials too: - ] \\ ^
