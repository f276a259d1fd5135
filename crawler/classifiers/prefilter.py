"""Literal prefilters for regexes: a set of strings at least one of which every match contains.

A text holding none of them cannot match, which a few ``in`` tests tell faster than running a
large alternation, and which can be judged per space-separated piece of a title (a literal run
without spaces lies inside one piece). Hand-rolled on the standard library's own regex parser
(``re._parser``, the module ``re`` compiles with): no maintained package derives required
literals from a Python pattern.
"""

from __future__ import annotations

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
