"""Literal prefilters for regexes: a set of strings at least one of which every match contains.

A text holding none of them cannot match, which a few ``in`` tests tell faster than running a
large alternation, and which can be judged per space-separated piece of a title (a literal run
without spaces lies inside one piece). Hand-rolled on the standard library's own regex parser
(``re._parser``, the module ``re`` compiles with): no maintained package derives required
literals from a Python pattern.
"""

from __future__ import annotations

import re
import re._constants as c
import re._parser as parser
from typing import Any


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains; None when there is no such set."""
    return _sequence(parser.parse(pattern))


def may_match(required: frozenset[str] | None, text: str) -> bool:
    if required is None:
        return True
    for literal in required:  # noqa: SIM110 -- a loop, not any(): compiled, it runs without a generator
        if literal in text:
            return True
    return False


def _sequence(items: Any) -> frozenset[str] | None:
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        found = _node(op, av)
        if found is not None:
            candidates.append(found)
    if run:
        candidates.append(frozenset(["".join(run)]))
    if not candidates:
        return None
    # Any one mandatory element will do; the one with the longest shortest string rejects most.
    return max(candidates, key=lambda found: (min(map(len, found)), -len(found)))


def _node(op: Any, av: Any) -> frozenset[str] | None:
    if op is c.SUBPATTERN:
        return _sequence(av[-1])
    if op is c.ATOMIC_GROUP:
        return _sequence(av)
    if op is c.BRANCH:
        branches = [_sequence(branch) for branch in av[1]]
        if any(found is None for found in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, item = av
        return _sequence(item) if low >= 1 else None
    if op is c.IN:
        chars = [chr(value) for kind, value in av if kind is c.LITERAL]
        return frozenset(chars) if chars and len(chars) == len(av) else None
    return None  # assertions, classes, any character, back references: nothing required


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead for the characters a match can start with, when they are
    known: ``(?=[sptdv])(?:\\bsim...|\\bprepaid...)``. Same matches; faster on long text that
    matches rarely, because the standard library's engine only skips ahead by itself when every
    branch starts with a literal, and a leading ``\\b`` or group defeats that."""
    parsed = parser.parse(pattern.pattern, pattern.flags)
    if _engine_skips(list(parsed)):
        return pattern
    first = _first_of_sequence(parsed)
    if first is None or first[1] or not first[0]:
        return pattern
    return re.compile(f"(?=[{''.join(sorted(first[0]))}])(?:{pattern.pattern})", pattern.flags)


def _engine_skips(items: list[Any]) -> bool:
    """Whether the engine finds a start by itself (re._compiler: a literal prefix, a leading set, or
    branches that all begin with a literal) or fails a wrong start at once (a repeated set); a
    look-ahead would only add a test there."""
    while items and items[0][0] is c.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1 and av[2]:
        op, av = av[2][0]  # [a-z]+: a failing first character fails the repeat at once
    if op in (c.LITERAL, c.IN):
        return True
    return op is c.BRANCH and all(branch and branch[0][0] is c.LITERAL for branch in av[1])


# (char-class fragments a match may start with, whether it may match the empty string); None: any.
_First = tuple[set[str], bool] | None
_CATEGORIES = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
               c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W"}
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)


def _class_char(value: int) -> str:
    return re.escape(chr(value))  # escapes "-", "]", "^" and "\\" too


def _first_of_sequence(items: Any) -> _First:
    found: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:  # consumes nothing: the first character comes after it
            continue
        first = _first_of_node(op, av)
        if first is None:
            return None
        found |= first[0]
        if not first[1]:
            return found, False
    return found, True


def _first_of_node(op: Any, av: Any) -> _First:
    if op is c.LITERAL:
        return {_class_char(av)}, False
    if op is c.IN:
        fragments: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                fragments.add(_class_char(value))
            elif kind is c.RANGE:
                fragments.add(f"{_class_char(value[0])}-{_class_char(value[1])}")
            elif kind is c.CATEGORY and value in _CATEGORIES:
                fragments.add(_CATEGORIES[value])
            else:  # negated sets, case-folded ranges ...: not worth describing
                return None
        return fragments, False
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, items = av
        if add_flags or del_flags:  # (?i:...) inside: the look-ahead would not share the flag
            return None
        return _first_of_sequence(items)
    if op is c.ATOMIC_GROUP:
        return _first_of_sequence(av)
    if op is c.BRANCH:
        fragments = set()
        empty = False
        for branch in av[1]:
            first = _first_of_sequence(branch)
            if first is None:
                return None
            fragments |= first[0]
            empty = empty or first[1]
        return fragments, empty
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, item = av
        first = _first_of_sequence(item)
        if first is None:
            return None
        return first[0], first[1] or low == 0
    return None  # any character, negated literal, back reference, conditional ...
