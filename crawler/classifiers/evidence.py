"""The signals of one field (title or description): lexicon hits, Chinese phrase patterns and
English patterns, with what the seller wrote. ``field_hits(text, field)`` is what the classifier
reads; it reaches the same result in one of two ways.

* Whole text: ``surface`` form, ``rules.find_hits``, then the phrase and English patterns.
* Composed: titles are runs of space-separated keywords reused across listings ("中国移动
  流量卡 月租29元 包邮"), so each run ("piece") is analysed once (cached) and a title is put
  together from its pieces' lexicon hits. That is only allowed when nothing in this title can
  reach across a space. Each piece records what at its left and right edge could (``_Piece``
  flags: a negation window reaching the edge, a refusal verb or condemnation near it, a
  coordinator chain, a term or typed pinyin that could continue); a title where a right-edge
  thing meets a left-edge thing of a later piece goes the whole-text way. Whatever is global in
  the whole-text analysis is checked on the whole title: word-sense spans, terms already written
  elsewhere (homophones), the pinyin gate; phrase and English patterns are cheap regexes and run
  on the whole title in both ways.

``bench/check_classifier_equivalence.py`` holds the two ways to the same verdicts, including on
titles with spaces inserted at random places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Final

from crawler.classifiers.prefilter import guarded, may_match, required_literals
from crawler.classifiers.rules import (
    CLAUSE_BREAKS,
    RULES,
    Hit,
    Lexicon,
    _contained_and_sense,
    _homophone_raw,
    _negation_filter,
    _pinyin_raw,
    _Raw,
    _scan,
    _surface_raw,
    find_hits,
    lexicon,
    may_name_foreign_carrier,
    negated,
    new_hit,
    pinyin_gate,
)
from crawler.classifiers.text import StringCache, pinyin_form, surface, written_form

# -- phrase and English patterns (run on the whole field) ---------------------------------------

_ZH_SOURCES: Final = {group: "|".join(f"(?:{p})" for p in patterns)
                      for group, patterns in RULES["zh_patterns"].items() if isinstance(patterns, list)}
_ENGLISH_SOURCES: Final = {name: "|".join(f"(?:{p})" for p in patterns)
                           for name, patterns in RULES["english"].items() if isinstance(patterns, list)}
# Each behind a look-ahead for the characters its matches can start with (prefilter.guarded).
_ZH_PATTERNS: Final = {group: guarded(re.compile(source)) for group, source in _ZH_SOURCES.items()}
_ENGLISH: Final = {name: guarded(re.compile(source)) for name, source in _ENGLISH_SOURCES.items()}
# One alternation of every pattern: a title none of them matches (most) is done in one search.
_ZH_ANY: Final = guarded(re.compile("|".join(f"(?:{source})" for source in _ZH_SOURCES.values())))
_ENGLISH_ANY: Final = guarded(re.compile("|".join(f"(?:{source})" for name, source in _ENGLISH_SOURCES.items()
                                                  if name != "sense")))
# Literals one of which every match contains; when none has a space, a title can only match if
# one of its pieces holds one (prefilter.py).
_ZH_REQUIRED: Final = required_literals(_ZH_ANY.pattern)
_ENGLISH_REQUIRED: Final = required_literals(_ENGLISH_ANY.pattern)
_PHRASES_LOCAL: Final = _ZH_REQUIRED is not None and not any(" " in s for s in _ZH_REQUIRED)


@lru_cache(maxsize=1)
def _sense_edge_filter() -> tuple[bool, frozenset[str] | None]:
    """(usable per piece, required literals) of the word-sense patterns that see a space."""
    edge = lexicon().sense_edge_re
    if edge is None:
        return True, frozenset()  # no such pattern: nothing to look for
    required = required_literals(edge.pattern)
    return required is not None and not any(" " in s for s in required), required
_ENGLISH_LOCAL: Final = _ENGLISH_REQUIRED is not None and not any(" " in s for s in _ENGLISH_REQUIRED)
_ENGLISH_NEGATION: Final = guarded(re.compile(RULES["english"]["negation"]))
_ENGLISH_SENSE: Final = _ENGLISH["sense"]
_ENGLISH_NEGATABLE: Final = ("pre_registered", "pre_activated", "no_real_name", "bulk_trading", "verification")
WORDISH: Final = re.compile(r"[a-z]{2}")  # every English pattern needs a word of two letters or more
DAYS: Final = re.compile(r"\d+\s*(?:[天日]|days?)")  # a number of days: a travel SIM's validity


# One bit per English group; a piece records the groups whose required literals it holds (a
# group without such literals, or with one holding a space, is in every piece's set).
_ENGLISH_BITS: Final = {group: 1 << i for i, group in enumerate(g for g in _ENGLISH if g != "sense")}
_ENGLISH_ALL: Final = sum(_ENGLISH_BITS.values())
_ENGLISH_GROUPS: Final = tuple(_ENGLISH_BITS)  # by bit index
_EnglishMatch = tuple[int, int, int]  # group index (its bit: 1 << index), start, end
_ENGLISH_GROUP_REQUIRED: Final = {group: required_literals(_ENGLISH[group].pattern) for group in _ENGLISH_BITS}
_ENGLISH_EVERYWHERE: Final = sum(bit for group, bit in _ENGLISH_BITS.items()
                          if (req := _ENGLISH_GROUP_REQUIRED[group]) is None or any(" " in s for s in req))


def _english_groups(norm: str) -> int:
    """The English groups that may match where ``norm`` is part of the text (bits of _ENGLISH_BITS)."""
    return _ENGLISH_EVERYWHERE | sum(bit for group, bit in _ENGLISH_BITS.items()
                                     if may_match(_ENGLISH_GROUP_REQUIRED[group], norm))


def _english_hits(norm: str, field_name: str, groups: int = _ENGLISH_ALL) -> list[Hit]:
    """English pattern hits; ``groups``: the only groups that may match (see _english_groups)."""
    if not WORDISH.search(norm):
        return []
    # The one-search shortcut pays only when many groups are asked for: with the few a piece's
    # literals name, their own searches cost less than it does.
    if groups == _ENGLISH_ALL and not _ENGLISH_ANY.search(norm):
        return []
    return _unnegated_hits(norm, field_name, _english_matches(norm, groups, 0, len(norm)) or ())


def _english_matches(text: str, groups: int, low: int, high: int) -> tuple[_EnglishMatch, ...] | None:
    """(group index, start, end) of ``groups`` in ``text``, by group then place, the word-sense
    check applied; None when a match or a sense span reaches outside ``low``..``high``."""
    matches: list[_EnglishMatch] = []
    sense_spans: list[tuple[int, int]] | None = None
    for group_index, group in enumerate(_ENGLISH_GROUPS):
        if not groups & (1 << group_index):
            continue
        for m in _ENGLISH[group].finditer(text):
            start, end = m.span()
            if start < low or end > high:
                return None
            if group in ("product", "iot"):
                if sense_spans is None:
                    sense_spans = [found.span() for found in _ENGLISH_SENSE.finditer(text)]
                    if any(s < low or e > high for s, e in sense_spans):
                        return None
                if any(s < end and start < e for s, e in sense_spans):
                    continue
            matches.append((group_index, start, end))
    return tuple(matches)


def _unnegated_hits(norm: str, field_name: str, matches: Iterable[_EnglishMatch]) -> list[Hit]:
    """Hits of English matches in ``norm`` (in their order) that no English negation precedes."""
    hits: list[Hit] = []
    for group_index, start, end in matches:
        group = _ENGLISH_GROUPS[group_index]
        if group in _ENGLISH_NEGATABLE and _ENGLISH_NEGATION.search(norm[max(0, start - 30):start]):
            continue
        text = norm[start:end]
        hits.append(new_hit(Hit, (group, text, text, field_name, start, end, False, "", "")))
    return hits


# The characters English (and word-sense) patterns name, besides whitespace and the \w that
# continues a word they began: a piece holding none of them takes part in no English match.
_ENGLISH_CHAR: Final = re.compile(r"[-'a-z\d]")
_UNREAD: Final = "中"  # stands for a neighbouring piece no English pattern reads (_run_matches)


def _planned_english_hits(planned: Plan, field_name: str) -> list[Hit]:
    """``_english_hits`` of a planned title, searching each run of pieces that hold English
    characters once per distinct run (most titles share their few English phrases) instead of
    the whole title. Negation still reads the title itself: its window reaches across pieces."""
    norm, groups = planned.norm, planned.english_groups
    if not WORDISH.search(norm):
        return []
    pieces, offsets = planned.pieces, planned.offsets
    found: list[_EnglishMatch] = []  # (group index, start, end) in the title
    index, count = 0, len(pieces)
    while index < count:
        if not pieces[index].latin:
            index += 1
            continue
        last = index
        while last + 1 < count and pieces[last + 1].latin:
            last += 1
        start = offsets[index]
        before = _UNREAD + " " if index else ""
        run = before + norm[start:offsets[last] + len(pieces[last].norm)] + (" " + _UNREAD if last + 1 < count else "")
        matches: tuple[_EnglishMatch, ...] | None
        if run in _RUNS.entries:
            matches = _RUNS.entries[run]
        else:
            # The groups its pieces' literals name: a group none of them names cannot match.
            groups_named = 0
            for piece in pieces[index:last + 1]:
                groups_named |= piece.english_groups
            matches = _RUNS.put(run, _run_matches(run, groups_named))
        if matches is None:
            return _english_hits(norm, field_name, groups)
        shift = start - len(before)
        for group_index, match_start, match_end in matches:
            if groups & (1 << group_index):
                found.append((group_index, match_start + shift, match_end + shift))
        index = last + 1
    found.sort()  # as _english_matches reports them: by group, then by place
    return _unnegated_hits(norm, field_name, found)


_RUNS: Final = StringCache(16_384)  # _run_matches by run


def _run_matches(run: str, groups: int) -> tuple[_EnglishMatch, ...] | None:
    """Matches of the English groups in a run of pieces (``_planned_english_hits``), the word
    sense check applied; None when a match or sense span touches a stand-in for a neighbouring
    piece: then that piece's own characters would decide, and the title is searched whole. (A
    piece of the run never starts with the stand-in and a space: it has no spaces.)"""
    low = 1 if run.startswith(_UNREAD + " ") else 0  # the first character a match may take
    high = len(run) - 1 if run.endswith(" " + _UNREAD) else len(run)
    return _english_matches(run, groups, low, high)


def has_phrase(norm: str) -> bool:
    """Whether a Chinese phrase pattern matches anywhere in ``norm``."""
    return _ZH_ANY.search(norm) is not None


def _zh_pattern_hits(norm: str, field_name: str, known: list[Hit]) -> list[Hit]:
    """Phrases whose words may stand apart (短信验证码 平台); skipped where a term already hit."""
    if not _ZH_ANY.search(norm):
        return []
    hits = []
    known_groups = {h.group for h in known}
    for group, pattern in _ZH_PATTERNS.items():
        if group in known_groups:
            continue
        for m in pattern.finditer(norm):
            prev_end = max((h.end for h in known if h.end <= m.start()), default=0)
            next_start = min((h.start for h in known if h.start >= m.end()), default=None)
            if not negated(norm, m.start(), m.end(), prev_end, next_start, group):
                text = m.group(0)
                hits.append(new_hit(Hit, (group, text, text, field_name, m.start(), m.end(), False,
                                          norm[max(0, m.start() - 5):m.start()], "")))
    return hits


def _with_written(text: str, hit: Hit, norm: str | None = None) -> Hit:
    written = written_form(text, hit.start, hit.end, norm)
    if written is None or written == hit.seen:
        return hit
    return new_hit(Hit, (hit.group, hit.term, hit.seen, hit.field, hit.start, hit.end, hit.evasion, hit.before,
                         written))


def prepare() -> None:
    """Build the lexicon and every lazily compiled pattern now (seconds), not on the first title
    that needs one."""
    lexicon()
    _edge_patterns()
    pinyin_form("预热")


@lru_cache(maxsize=4096)  # the classifier caches what it reads of a title (_text_key)
def field_hits(text: str, field_name: str) -> tuple[str, tuple[Hit, ...]]:
    """(surface form, hits) of one field: lexicon hits by span, then phrase, then English hits."""
    if " " in text:
        composed = _composed(text, field_name)
        if composed is not None:
            return composed
    return whole_field_hits(text, field_name)


def whole_field_hits(text: str, field_name: str) -> tuple[str, tuple[Hit, ...]]:
    """``field_hits`` the whole-text way, without the composition (the reference it must equal)."""
    norm = surface(text)
    found = find_hits(norm, field_name)
    english = _english_hits(norm, field_name, _english_groups(norm)) if WORDISH.search(norm) else []
    extra = _zh_pattern_hits(norm, field_name, found) + english
    hits = found + extra
    if norm != text:  # upper case, full-width, traditional, emoji: keep what the seller wrote
        hits = [_with_written(text, h) for h in hits]
    return norm, tuple(hits)


# -- composition from pieces ----------------------------------------------------------------------

# Edge flags of a piece. A pair (right edge of piece i, left edge of a later piece j) interacts when
# RECV meets CUE, CUE meets RECV, TAIL meets HIT0, or COORD meets COORD.
RECV: Final = 1  # a negatable hit whose negation window reaches this edge
CUE: Final = 2  # right edge: a refusal verb within the gap of the end; left: a condemnation/step cue at the start
TAIL: Final = 4  # right edge: an open window's after-cue ends right at the edge (手机卡不做 免实名)
HIT0: Final = 8  # left edge: a hit starts at the edge, so it would bound the left neighbour's window
COORD: Final = 16  # a coordinator chain (不卖免实名和 已激活卡) could pass this edge
ALL: Final = RECV | CUE | TAIL | HIT0 | COORD
# Traits of a piece that the title as a whole must look at (``_Piece.traits``).
T_GATE: Final = 1
T_GATE_SENSITIVE: Final = 2
T_ASKED: Final = 4
T_PHRASES: Final = 8
T_ENGLISH: Final = 16
T_SENSE_EDGE: Final = 32
# What the verdict key reads from the whole text (classifier._text_facts), per piece: none of
# the three can be written across a space (an ambiguous name with a space, "three uk", holds one
# without: "three").
T_WORDISH: Final = 64  # a word of two letters (WORDISH)
T_FOREIGN_NAME: Final = 128  # an ambiguous foreign carrier name (rules.may_name_foreign_carrier)
T_DAYS: Final = 256  # 天, 日 or "day": a number of days may be written
_NON_WORD: Final = re.compile(r"[\W_]+")
_BREAKS: Final = frozenset(CLAUSE_BREAKS)
_ASCII_TAIL: Final = re.compile(r"[a-z0-9\W_]*$", re.ASCII)
_ASCII_HEAD: Final = re.compile(r"[a-z0-9\W_]*", re.ASCII)
_WORD_START: Final = re.compile(r"(?:^|(?<=[\W_])|(?<=[0-9]g))[a-z0-9]", re.ASCII)
_HAS_LATIN: Final = re.compile(r"[a-z]")
_WHITESPACE: Final = re.compile(r"\s")


class _Piece:
    """A space-free keyword run analysed alone; hit offsets are relative to it. Read-only.

    A plain class with ``__slots__``: compiled (compiled.py) its fields are struct members that
    plan() reads for every piece of every title, where a dataclass's are Python attributes.
    """

    __slots__ = ("asked", "breaks", "english", "english_groups", "gate", "gate_sensitive", "hits", "kept",
                 "latin", "left", "norm", "phrases", "pinyin_first", "pinyin_next", "right", "sense_edge",
                 "sense_spans", "surface_terms", "term_first", "term_next", "traits")

    def __init__(self, *, norm: str, hits: tuple[Hit, ...], kept: tuple[_Raw, ...],
                 sense_spans: tuple[tuple[int, int], ...], surface_terms: frozenset[tuple[str, str]],
                 asked: frozenset[tuple[str, str]], gate: bool, gate_sensitive: bool, left: int, right: int,
                 term_first: str | None, term_next: frozenset[str], breaks: tuple[int, ...], phrases: bool,
                 english: bool, english_groups: int, latin: bool, sense_edge: bool, traits: int,
                 pinyin_first: str | None, pinyin_next: frozenset[str]) -> None:
        self.norm = norm
        self.hits = hits  # lexicon hits, written form set, field "title"
        self.kept = kept  # the same before negation (rules._negation_filter's input)
        self.sense_spans = sense_spans
        self.surface_terms = surface_terms  # (group, term) written on the surface
        self.asked = asked  # other terms the homophone/pinyin scans checked for
        self.gate = gate  # opens the pinyin scan by itself
        self.gate_sensitive = gate_sensitive  # with the pinyin scan forced open its hits would differ
        self.left = left
        self.right = right
        self.term_first = term_first  # first key character, when its start could end a term begun before it
        self.term_next = term_next  # characters that could continue a term begun at its end
        self.breaks = breaks  # clause breaks in it (bounding ``Hit.before``)
        self.phrases = phrases  # could take part in a Chinese phrase pattern (prefilter)
        self.english = english  # could take part in an English pattern (prefilter)
        self.english_groups = english_groups  # which English groups it could take part in (_english_groups)
        self.latin = latin  # holds a character English patterns name (_ENGLISH_CHAR)
        self.sense_edge = sense_edge  # could take part in a word-sense pattern that sees a space (prefilter)
        self.traits = traits  # T_GATE | T_GATE_SENSITIVE | ... of the fields above, for planning
        self.pinyin_first = pinyin_first  # first typed letter, when its start could end typed pinyin begun before it
        self.pinyin_next = pinyin_next  # letters that could continue typed pinyin begun at its end


class _AskedSet:
    """The surface terms, recording which other terms the evasion scans ask about.

    Hand-rolled because the scans' answers are the one place where another piece's words change a
    piece's result; recording the questions makes that check exact instead of guessed.
    """

    def __init__(self, terms: set[tuple[str, str]]) -> None:
        self.terms = terms
        self.asked: set[tuple[str, str]] = set()

    def __contains__(self, key: object) -> bool:
        found = key in self.terms
        if not found:
            self.asked.add(key)  # type: ignore[arg-type]
        return found


@lru_cache(maxsize=1)
def _edge_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    stop = "[^" + re.escape(CLAUSE_BREAKS) + "]"
    # Mirrors the refusal-verb and after-cue parts of the negation regexes (rules.lexicon).
    near_tail = re.compile(f"(?:{lex.near_cue_re.pattern}){stop}{{0,{lex.gap}}}$")
    after_head = re.compile(f"{stop}{{0,{lex.after_gap}}}?(?:{lex.after_cue_re.pattern})")
    return near_tail, after_head


def _has_break(norm: str, start: int, end: int) -> bool:
    return any(ch in _BREAKS for ch in norm[start:end])


_PIECES: Final = StringCache(65_536)  # plan() asks for every piece of every title


def _piece(raw_piece: str) -> _Piece | None:
    return _PIECES.get(raw_piece, _analysed_piece)


def _analysed_piece(raw_piece: str) -> _Piece | None:
    fields = _piece_fields(raw_piece)
    if fields is None:
        return None
    fields["traits"] = (
        (T_GATE if fields["gate"] else 0) | (T_GATE_SENSITIVE if fields["gate_sensitive"] else 0)
        | (T_ASKED if fields["asked"] else 0) | (T_PHRASES if fields["phrases"] else 0)
        | (T_ENGLISH if fields["english"] else 0) | (T_SENSE_EDGE if fields["sense_edge"] else 0))
    norm = fields["norm"]
    fields["traits"] |= (
        (T_WORDISH if WORDISH.search(norm) else 0) | (T_FOREIGN_NAME if may_name_foreign_carrier(norm) else 0)
        | (T_DAYS if "天" in norm or "日" in norm or "day" in norm else 0))
    return _Piece(**fields)


def _piece_fields(raw_piece: str) -> dict[str, Any] | None:
    norm = surface(raw_piece)
    if not norm or _WHITESPACE.search(norm):  # normalisation made a space (full-width space)
        return None
    lex = lexicon()
    raw = _surface_raw(norm, lex)
    surface_terms = {(r[2], r[3]) for r in raw}
    probe = _AskedSet(surface_terms)
    spans = {(r[0], r[1]) for r in raw}
    _homophone_raw(norm, lex, raw, probe)
    before_pinyin = list(raw)
    _pinyin_raw(norm, lex, raw, probe, spans)
    gate = pinyin_gate(norm)
    gate_sensitive = False
    if not gate and _HAS_LATIN.search(norm):
        forced = list(before_pinyin)
        _pinyin_raw(norm, lex, forced, probe, spans, force=True)
        gate_sensitive = forced != raw
    sense_spans = tuple((m.start(), m.end()) for m in lex.sense_re.finditer(norm))
    kept = _contained_and_sense(norm, raw, lex, list(sense_spans))
    hits = _negation_filter(norm, "title", kept, lex)
    kept_after = {(h.start, h.end, h.group, h.term) for h in hits}
    negated_ends = {r[1] for r in kept if r[:4] not in kept_after}
    if norm != raw_piece:
        hits = [_with_written(raw_piece, h) for h in hits]
    left, right = _edges(norm, kept, negated_ends, lex)
    key = _NON_WORD.sub("", norm)
    common = dict(
        norm=norm, hits=tuple(hits), kept=tuple(kept), sense_spans=sense_spans,
        surface_terms=frozenset(surface_terms), asked=frozenset(probe.asked), gate=gate,
        gate_sensitive=gate_sensitive, breaks=_breaks(norm), latin=_ENGLISH_CHAR.search(norm) is not None)
    if not key:  # only separators: anything may run through it
        return dict(**common, left=ALL, right=ALL, term_first="", term_next=lex.term_follow[""], phrases=True,
                    english=True, english_groups=_ENGLISH_ALL, sense_edge=True, pinyin_first="", pinyin_next=lex.pinyin_follow[""])
    # A pinyin hit across a space is typed letters on both sides (mian shi ming); typed pinyin
    # starts where a Latin word starts (rules.lexicon: pinyin_re's look-behind).
    head = _NON_WORD.sub("", _ASCII_HEAD.match(norm).group())  # type: ignore[union-attr]
    tail = _ASCII_TAIL.search(norm).group()  # type: ignore[union-attr]
    return dict(
        **common, left=left, right=right,
        term_first=key[0] if _starts_inside(key, lex.term_noninitial, lex.term_max) else None,
        term_next=_union(lex.term_follow.get(key[-k:]) for k in range(1, min(len(key), lex.term_max) + 1)),
        phrases=not _PHRASES_LOCAL or may_match(_ZH_REQUIRED, norm),
        english=not _ENGLISH_LOCAL or may_match(_ENGLISH_REQUIRED, norm),
        english_groups=_english_groups(norm),
        sense_edge=not _sense_edge_filter()[0] or may_match(_sense_edge_filter()[1], norm),
        pinyin_first=head[0] if _starts_inside(head, lex.pinyin_noninitial, lex.pinyin_max) else None,
        pinyin_next=_union(lex.pinyin_follow.get(_NON_WORD.sub("", tail[m.start():]))
                           for m in _WORD_START.finditer(tail)))


piece = _piece  # the cached analysis of one piece, for the classifier's verdict keys


def _union(sets: Iterable[frozenset[str] | None]) -> frozenset[str]:
    return frozenset().union(*(s for s in sets if s))


def _starts_inside(key: str, parts: frozenset[str], longest: int) -> bool:
    """Some start of ``key`` is a part of a term that does not begin it."""
    return any(key[:k] in parts for k in range(1, min(len(key), longest) + 1))


@lru_cache(maxsize=65_536)
def _term_crosses(window: str) -> bool:
    """A lexicon hit written across a space of ``window`` (免 实名): whole pieces from one that
    could begin a term to one that could end it. Whole pieces, so that the surface scan sees the
    same words around the space as in the whole title: a split hit it drops for straddling another
    word (流量 包邮) is dropped there too, with the same shorter term left at its place."""
    return any(" " in r[4] for r in _surface_raw(window, lexicon()))


@lru_cache(maxsize=65_536)
def _pinyin_crosses(window: str) -> bool:
    """Typed pinyin across a space of ``window`` (whole pieces, as for ``_term_crosses``)."""
    return any(" " in seen for _, seen in _scan(lexicon().pinyin_re, pinyin_form(window)))


def _edges(norm: str, kept: list[tuple[int, int, str, str, str, bool]], negated_ends: set[int],
           lex: Lexicon) -> tuple[int, int]:
    """Left and right edge flags (see RECV ...), from the hits before negation (``kept``).

    Reasoning per flag, with ``rules.negated``: the before-window of a hit is bounded by the nearest
    hit ending before it, a clause break and 12 characters; across a space only a refusal verb
    (``near``, up to ``gap`` filler characters) can negate, so a window reaching the piece start
    matters only for a hit within ``gap`` characters of it. The after-window likewise, with the
    after cues; and a cue running up to the next signal belongs to that one, which is why a hit at
    a piece's start (HIT0) matters to a left neighbour whose last window is open. A coordinator
    chain passes on a refusal only from a hit negated here (``negated_ends``): one negated only
    in the title as a whole is already caught by the other flags.
    """
    n = len(norm)
    left = right = 0
    near_tail, after_head = _edge_patterns()
    if near_tail.search(norm):
        right |= CUE
    if after_head.match(norm):
        left |= CUE
    if not kept:
        return left, right
    if any(r[0] == 0 for r in kept):
        left |= HIT0
    last_end = max(r[1] for r in kept)
    for start, end, group, *_ in kept:
        if group not in lex.negatable:
            continue
        if not any(r[1] <= start for r in kept):  # no hit of its own piece bounds the window
            if start <= lex.gap and not _has_break(norm, 0, start):
                left |= RECV
            if start == 0 or lex.coordinator_re.fullmatch(norm, 0, start):
                left |= COORD
        if not any(r[0] >= end for r in kept) and n - end <= 12 and not _has_break(norm, end, n):
            right |= RECV
            # Alone, a cue ending at the piece end negates this hit; with a hit right after the
            # space it would belong to that one instead.
            cue = lex.after_re.search(norm[end:])
            if cue is not None and end + cue.end() == n:
                right |= TAIL
        if end == last_end and end in negated_ends and (end == n or lex.coordinator_re.fullmatch(norm, end, n)):
            right |= COORD
    return left, right


class Plan:
    """A title that can be put together from its pieces, and what the whole title still decides.
    (A plain class: compiled, its fields are struct members; see classifiers/compiled.py.)"""

    __slots__ = ("clause_starts", "english", "english_groups", "norm", "offsets", "phrases", "pieces", "renegate",
                 "traits")

    def __init__(self, pieces: list[_Piece], norm: str, offsets: list[int], clause_starts: list[int], traits: int,
                 renegate: bool, phrases: bool, english: bool, english_groups: int) -> None:
        self.pieces = pieces
        self.norm = norm
        self.offsets = offsets  # where each piece starts in ``norm``
        self.clause_starts = clause_starts  # just after the last clause break before each piece
        self.traits = traits  # union of the pieces' traits (T_GATE ... T_DAYS)
        self.renegate = renegate  # a negation may reach across a space: negation runs on the whole title
        self.phrases = phrases  # a piece may hold a Chinese phrase pattern
        self.english = english  # a piece may hold an English pattern
        self.english_groups = english_groups  # the English groups its pieces may hold (_english_groups)


@lru_cache(maxsize=1024)  # a title is planned for its verdict key, then maybe for its hits
def plan(text: str) -> Plan | None:
    """The pieces of ``text`` and the checks that allow composing them; None: whole text only."""
    pieces = []
    for raw_piece in text.split(" "):
        piece = _piece(raw_piece) if raw_piece else None  # "": runs of spaces, leading, trailing
        if piece is None:
            return None
        pieces.append(piece)
    lex = lexicon()
    open_right = 0  # flags of the right edges so far: a later left edge may meet them
    renegate = False
    seen = 0  # union of the pieces' traits
    previous: _Piece | None = None
    window: list[str] = []  # pieces a lexicon term could be written across (see _term_crosses)
    pinyin_windows: list[list[str]] = []  # pieces typed pinyin could run across
    pinyin_linked = -1  # index of the last piece linked to its left neighbour by typed pinyin
    for index, piece in enumerate(pieces):
        if piece.left and open_right and (
                (open_right & RECV and piece.left & CUE) or (open_right & CUE and piece.left & RECV)
                or (open_right & TAIL and piece.left & HIT0) or (open_right & COORD and piece.left & COORD)):
            renegate = True
        if previous is not None:
            if piece.pinyin_first is not None and previous.pinyin_next and (
                    not piece.pinyin_first or piece.pinyin_first in previous.pinyin_next):
                if pinyin_windows and pinyin_linked == index - 1:
                    pinyin_windows[-1].append(piece.norm)
                else:
                    pinyin_windows.append([previous.norm, piece.norm])
                pinyin_linked = index
            # A term across this space continues a part of a term key: the first character after
            # the space already shows whether one could.
            if piece.term_first is not None and previous.term_next and (
                    not piece.term_first or piece.term_first in previous.term_next):
                if not window:
                    window.append(previous.norm)
                window.append(piece.norm)
            elif window:
                if _term_crosses(" ".join(window)):
                    return None  # a term is written across a space (免 实名)
                window = []
        open_right |= piece.right
        seen |= piece.traits
        previous = piece
    if window and _term_crosses(" ".join(window)):
        return None
    gate = bool(seen & T_GATE)
    if gate and seen & T_GATE_SENSITIVE and any(p.gate_sensitive and not p.gate for p in pieces):
        return None  # the whole title opens the pinyin scan of a piece that would not open it alone
    if gate and any(_pinyin_crosses(" ".join(w)) for w in pinyin_windows):
        return None  # typed pinyin runs across a space (mian shi ming)
    if seen & T_ASKED:
        written = set().union(*(p.surface_terms for p in pieces))
        if any(p.asked and not p.asked.isdisjoint(written) for p in pieces):
            return None  # a homophone of a term written in another piece is not a signal of its own
    norm = " ".join(p.norm for p in pieces)
    offsets: list[int] = []
    clause_starts: list[int] = []
    offset = clause_start = 0
    for piece in pieces:
        offsets.append(offset)
        clause_starts.append(clause_start)
        if piece.breaks:
            clause_start = offset + piece.breaks[-1] + 1
        offset += len(piece.norm) + 1
    if seen & T_SENSE_EDGE and lex.sense_edge_re is not None and lex.sense_edge_re.search(norm):
        sense_spans = [(s + at, e + at) for piece, at in zip(pieces, offsets, strict=True) for s, e in piece.sense_spans]
        if sense_spans != [(m.start(), m.end()) for m in lex.sense_re.finditer(norm)]:
            return None  # a word-sense pattern looks across a space (已开通 5g)
    english_groups = 0
    if seen & T_ENGLISH:
        for piece in pieces:
            english_groups |= piece.english_groups
    return Plan(pieces, norm, offsets, clause_starts, seen, renegate, bool(seen & T_PHRASES), bool(seen & T_ENGLISH),
                english_groups)


def _composed(text: str, field_name: str) -> tuple[str, tuple[Hit, ...]] | None:
    """The field from its pieces' cached analyses, or None when the whole text must decide."""
    planned = plan(text)
    if planned is None:
        return None
    norm = planned.norm
    found = _renegated(text, field_name, planned) if planned.renegate else _shifted_hits(field_name, planned)
    extra = (_zh_pattern_hits(norm, field_name, found) if planned.phrases else []) + (
        _planned_english_hits(planned, field_name) if planned.english else [])
    if extra and norm != text:
        extra = [_with_written(text, h, norm) for h in extra]
    return norm, (*found, *extra)


def clause_before(norm: str, offset: int, piece: _Piece, clause_start: int, start: int) -> str:
    """``Hit.before`` (five characters of the clause) of a hit at ``start`` in ``piece`` (placed
    at ``offset``; ``clause_start``: just after the last clause break of the earlier pieces)."""
    if piece.breaks:
        own = [b for b in piece.breaks if b < start - offset]
        if own:
            clause_start = offset + own[-1] + 1
    return norm[max(start - 5, clause_start):start]


def _breaks(norm: str) -> tuple[int, ...]:
    return tuple(i for i, ch in enumerate(norm) if ch in _BREAKS)


def _shifted_hits(field_name: str, planned: Plan) -> list[Hit]:
    """The pieces' hits at their place in the title; they carry their written form already."""
    found: list[Hit] = []
    norm = planned.norm
    for piece, offset, clause_start in zip(planned.pieces, planned.offsets, planned.clause_starts, strict=True):
        for h in piece.hits:
            if not offset and field_name == h.field:
                found.append(h)
                continue
            start = h.start + offset
            before = h.before
            if h.start < 5 and offset:  # five characters of the clause may reach into the previous piece
                before = clause_before(norm, offset, piece, clause_start, start)
            found.append(new_hit(Hit, (h.group, h.term, h.seen, field_name, start, h.end + offset, h.evasion,
                                        before, h.written)))
    return found


def _renegated(text: str, field_name: str, planned: Plan) -> list[Hit]:
    """The pieces' hits before negation, put together and negated over the whole title."""
    norm = planned.norm
    kept: list[_Raw] = [(r[0] + offset, r[1] + offset, *r[2:])  # type: ignore[misc]
                        for piece, offset in zip(planned.pieces, planned.offsets, strict=True) for r in piece.kept]
    found = _negation_filter(norm, field_name, kept, lexicon())
    return [_with_written(text, h) for h in found] if norm != text else found
