"""Which rules.json regular expressions can match a text, from one Aho-Corasick scan.

Every regex of the rules (English groups, prose clauses, sense and headline patterns ...) used to
scan every text in turn; most find nothing. Here each regex is reduced, once, to literals one of
which any match must contain (``anchors``: ``what\\s+(?:is|are)`` needs "what"; ``(?:有|一些)的?
(?:卖家|商家)`` needs 卖家 or 商家), all anchors go into one automaton, and a text is scanned once:
only the regexes whose anchors occur are run. A regex whose matches need no fixed literal (``\\d+
天``) always runs. The verdicts are the same by construction (tests/crawler/classifiers/
test_prefilter.py checks every regex against the corpora).

Hand-written because neither ``re`` nor pyahocorasick offers it (RE2's prefilter and Google Code
Search's trigram index do the same; Python's bindings expose neither); it reads the parse tree of
the ``re`` module that compiled the pattern, so its view of the syntax is the engine's own.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from re import _constants as _c  # the engine's own parser (Python 3.11+)
from re import _parser as _sre_parse
from typing import Any

import ahocorasick

# A character class of at most this many plain characters ([为是]) counts as their set.
_SMALL_CLASS = 8
_Anchors = frozenset[str] | None  # None: no literal is certain (the regex always runs)


def anchors(pattern: re.Pattern[str]) -> _Anchors:
    """Literals one of which every match of ``pattern`` contains, or None when there is none."""
    if pattern.flags & re.IGNORECASE:
        return None  # the texts are lowercased; a case-insensitive pattern is left to run
    return _sequence(_sre_parse.parse(pattern.pattern, pattern.flags))


def _better(a: _Anchors, b: _Anchors) -> _Anchors:
    """The more selective of two anchor sets: longer shortest literal, then fewer literals."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _sequence(items: Iterable[tuple[Any, Any]]) -> _Anchors:
    best: _Anchors = None
    run = ""
    for op, arg in items:
        if op is _c.LITERAL:
            run += chr(arg)
            continue
        if run:
            best = _better(best, frozenset({run}))
            run = ""
        best = _better(best, _item(op, arg))
    if run:
        best = _better(best, frozenset({run}))
    return best


def _item(op: Any, arg: Any) -> _Anchors:
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, body = arg
        # (?i:ABC) matches "abc": its literals as written are no anchors (review, session 33)
        return None if add_flags & re.IGNORECASE else _sequence(body)
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            found = _sequence(branch)
            if found is None:
                return None  # one alternative needs no literal: neither does the whole
            union |= found
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, body = arg
        return _sequence(body) if low >= 1 else None
    if op is _c.ATOMIC_GROUP:
        return _sequence(arg)
    if op is _c.IN and 0 < len(arg) <= _SMALL_CLASS and all(o is _c.LITERAL for o, _ in arg):
        return frozenset(chr(code) for _, code in arg)
    return None  # a class, a category, an anchor, a look-around, a back-reference: nothing certain


class Prefilter:
    """One automaton over the anchors of named regexes: ``opened(text)`` names those that may match."""

    def __init__(self, patterns: Iterable[tuple[Hashable, re.Pattern[str]]],
                 literals: Iterable[tuple[Hashable, Iterable[str]]] = ()) -> None:
        """``literals``: keys opened by literals given as such (a condition of the text, not
        derived from a pattern), in the same scan."""
        always: set[Hashable] = set()
        keyed: dict[str, set[Hashable]] = {}
        for key, words in literals:
            for literal in words:
                keyed.setdefault(literal, set()).add(key)
        for key, pattern in patterns:
            found = anchors(pattern)
            if found is None:
                always.add(key)
                continue
            for literal in found:
                keyed.setdefault(literal, set()).add(key)
        self.always: frozenset[Hashable] = frozenset(always)  # keys of regexes without anchors
        self._automaton = ahocorasick.Automaton()
        for literal, keys in keyed.items():
            self._automaton.add_word(literal, frozenset(keys))
        if keyed:
            self._automaton.make_automaton()

    def opened(self, text: str) -> set[Hashable]:
        """The keys of the regexes that may match ``text`` (a superset of those that do)."""
        found = set(self.always)
        if len(self._automaton):
            for _end, keys in self._automaton.iter(text):
                found |= keys
        return found


@dataclass(frozen=True, slots=True)
class Branch:
    """The prefilter's key of one branch of an :class:`Alternation` (a class of its own, so that no
    plain tuple key of another regex can equal it)."""

    alternation: Hashable
    index: int


def open_branches(opened: set[Hashable]) -> dict[Hashable, list[int]]:
    """The branches ``opened`` names, per alternation: found once per text, so that an alternation
    of a hundred branches does not test a hundred keys."""
    found: dict[Hashable, list[int]] = {}
    for key in opened:
        if type(key) is Branch:
            found.setdefault(key.alternation, []).append(key.index)
    return found


class Alternation:
    """An alternation of rules.json patterns run through the branches the prefilter opened only.

    Python's engine tries every branch of ``A|B|…`` at every position it cannot rule out; the
    English lexicon's larger groups (the sense phrases, verification, product: 40-100 branches
    each) took a third of the rules path on English SIM titles although a title holds the literals
    of one or two of their branches. Each branch is gated under its own key, ``Branch(key, j)``,
    and :meth:`finditer` yields the matches the whole alternation would: leftmost first, and at
    one position the first branch in rules.json's order that matches there — a branch whose
    literals are absent cannot match, so leaving it out changes no match. Hand-written for the
    same reason as :class:`Prefilter` (neither ``re`` nor pyahocorasick gates branches).
    """

    def __init__(self, key: Hashable, patterns: Iterable[re.Pattern[str]]) -> None:
        self.key = key
        self.branches = tuple(patterns)
        for branch in self.branches:
            # an empty match would need finditer's own rules for what may follow it
            if _sre_parse.parse(branch.pattern, branch.flags).getwidth()[0] == 0:
                raise ValueError(f"{key}: the pattern {branch.pattern!r} may match nothing")
            # the joined alternation numbers groups across branches: a back-reference would differ
            if branch.groups:
                raise ValueError(f"{key}: the pattern {branch.pattern!r} has a capturing group; write (?:…)")

    def gated(self) -> Iterator[tuple[Branch, re.Pattern[str]]]:
        """The branches under the keys :meth:`finditer` looks for."""
        return ((Branch(self.key, j), branch) for j, branch in enumerate(self.branches))

    def finditer(self, text: str, opened: dict[Hashable, list[int]]) -> Iterator[re.Match[str]]:
        """The matches in ``text``; ``opened``: the text's :func:`open_branches`."""
        indices = opened.get(self.key)
        if not indices:
            return iter(())
        if len(indices) == 1:
            return self.branches[indices[0]].finditer(text)
        return _leftmost_first([self.branches[j] for j in sorted(indices)], text)

    def search(self, text: str, opened: dict[Hashable, list[int]]) -> bool:
        """Whether the alternation matches anywhere in ``text`` (any open branch does)."""
        return any(self.branches[j].search(text) for j in opened.get(self.key, ()))


def _leftmost_first(branches: list[re.Pattern[str]], text: str) -> Iterator[re.Match[str]]:
    """The non-overlapping matches of the alternation of ``branches`` (none matches empty): each
    branch's next match is kept, the leftmost wins (the earlier branch on a tie), and only the
    branches whose kept match started inside the winner search again, from its end."""
    ahead = [branch.search(text) for branch in branches]
    while True:
        best: re.Match[str] | None = None
        for match in ahead:
            if match is not None and (best is None or match.start() < best.start()):
                best = match
        if best is None:
            return
        yield best
        end = best.end()
        for index, match in enumerate(ahead):
            if match is not None and match.start() < end:
                ahead[index] = branches[index].search(text, end)
