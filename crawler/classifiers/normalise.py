"""Normalisation and text views (POLICY §4 evasions; EVASIONS.md lists the classes).

``Text(raw)`` holds one bounded field in four views, each linear in its length:

* ``norm`` (surface): per character NFKC (full-width → half-width), OpenCC t2s, lower case, then
  the emoji and look-alike tables of ``rules.json``; in a field with traditional characters, the
  Taiwan / Hong Kong words of ``regional`` (簡訊 → 短信). Separators are kept (clause scope).
  ``written(start, end)`` maps a span back to what the seller wrote (offset map).
* ``compact``: ``norm`` without separators (免 实 名 → 免实名), with ``compact_to_norm`` back to ``norm``.
* ``pinyin``: CJK characters as toneless syllables, Latin letters kept, separators dropped, with
  unit boundaries (whole pinyin 免shiming, initials dhk, a letter for a character 流量k).
* ``codes``: each CJK character replaced by one private-use character per toneless syllable, so
  homophones (免石名 = 免实名) are equal strings; same length as ``norm``.

Characters are mapped one at a time (a cached table) so the views keep an offset map; t2s of a
single character misses OpenCC's phrase conversions: the ones that matter for SIM listings are
the ``regional`` table, same-length words so the offset map stands.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from functools import cached_property
from pathlib import Path
from typing import Any, Final

from whitelist.normalise import normalise_text

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
RULES_PATH: Final = DATA_DIR / "rules.json"
#: Bounds of the text the rules read (DESIGN §8: crawled text is hostile; every step is linear).
TITLE_LIMIT: Final = 1_000
DESCRIPTION_LIMIT: Final = 3_000
CLAUSE_BREAKS: Final = frozenset("，。！？；,!?;\n|【】[]")
_CLAUSE_BREAK: Final = re.compile("[" + re.escape("".join(sorted(CLAUSE_BREAKS))) + "]")
_SEPARATOR: Final = re.compile(r"[\W_]+")
_SEPARATOR_CHAR: Final = re.compile(r"[\W_]")
# four or more single characters one space apart, as a whole run (not 电信 流量卡 19元)
_LETTER_SPACED: Final = re.compile(r"(?<!\S)(?:\S ){3,}\S(?!\S)")
_SPACED_RUN: Final = re.compile(r"(?<!\S)(?:\S ){1,}\S(?!\S)")
# dropped: no sound or shape. Variation selectors, zero-width characters, and every other invisible
# format character a seller can slip between letters (S\ufeffIM, no ID\u00ad): Unicode's
# default-ignorable code points (DerivedCoreProperties.txt) that are not letters.
# Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables.txt; lower case, as
# ``norm`` holds them), read as Latin inside a word that also holds a Latin letter: SІM with a
# Cyrillic І, rеgistered with a Cyrillic е. A word without Latin letters keeps its script (номер).
_LATIN_LOOKS: Final = str.maketrans("авекмнорстухіјѕһԁӏԛԝαβεικμνορτυχζ", "abekmhopctyxijshdlqwabeikmnoptyxz")
_LOOKS_CHARS: Final = frozenset(chr(code) for code in _LATIN_LOOKS)
_WORD: Final = re.compile(r"[^\W\d_]+")
_LATIN_LETTER: Final = re.compile(r"[a-z]")
_CYRILLIC_GREEK: Final = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")
_VARIATION: Final = frozenset("\u00ad\u034f\u061c\u17b4\u17b5\ufeff") | frozenset(map(chr, (
    *range(0x180B, 0x1810), *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070),
    *range(0xFE00, 0xFE10), *range(0xE0000, 0xE1000))))


_CJK_CHAR: Final = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def _is_cjk(ch: str) -> bool:
    return _CJK_CHAR.match(ch) is not None


class CharTables:
    """Per-character maps built from rules.json and pypinyin (cached, see ``rules.compiled``)."""

    def __init__(self, emoji: dict[str, str], lookalike: dict[str, str],
                 syllables: dict[str, str], regional: dict[str, dict[str, str]] | None = None) -> None:
        self.emoji = emoji
        regional = regional or {}
        self.lookalike = {**lookalike, **regional.get("chars", {})}
        self.syllables = syllables  # CJK char → toneless first reading
        self.codes: dict[str, str] = {}
        ids: dict[str, str] = {}
        for ch, syllable in syllables.items():
            self.codes[ch] = ids.setdefault(syllable, chr(0xF0000 + len(ids)))
        self.table: dict[int, str] = {}  # str.translate table: code point → surface form
        self.seen: set[str] = set()
        self.irregular: set[str] = set()  # characters whose surface form is not one character
        self.code_table = {ord(ch): code for ch, code in self.codes.items()}
        # Taiwan / Hong Kong words (rules.json "regional"), keyed by their per-character surface
        # form; each is as long as its reading, so the offset map needs no change.
        self.phrases: dict[str, str] = {}
        for table in ("phrases", "words"):
            for word, reading in regional.get(table, {}).items():
                key = "".join(self.surface_char(ch) for ch in word)
                value = "".join(self.surface_char(ch) for ch in reading)
                if len(key) != len(value):
                    raise ValueError(f"rules.json regional.{table}: {word!r} -> {reading!r} must keep the length")
                self.phrases[key] = value
        self.phrase_pattern = re.compile("|".join(map(re.escape, sorted(self.phrases, key=len, reverse=True)))) \
            if self.phrases else None
        self.traditional: set[str] = set()  # characters t2s (or a look-alike table) rewrote

    def clear_cache(self) -> None:
        self.table.clear()
        self.seen.clear()
        self.irregular.clear()
        self.traditional.clear()

    def surface_char(self, ch: str) -> str:
        if ch in _VARIATION:
            return ""
        if ch in self.emoji:
            return self.emoji[ch]
        mapped = "".join(self.lookalike.get(c, c) for c in normalise_text(ch))
        return self.emoji.get(mapped, mapped)

    def learn(self, chars: set[str]) -> None:
        """Add characters to the translate table (bounded: hostile text may hold every code point)."""
        if len(self.seen) > 200_000:
            self.clear_cache()
        for ch in chars:
            mapped = self.surface_char(ch)
            self.seen.add(ch)
            if mapped != ch:
                self.table[ord(ch)] = mapped
                if len(mapped) != 1:
                    self.irregular.add(ch)
                if _is_cjk(ch):
                    self.traditional.add(ch)


def syllable_table() -> dict[str, str]:
    """CJK character → toneless first reading (pypinyin's single-character table)."""
    from pypinyin.pinyin_dict import pinyin_dict

    table: dict[str, str] = {}
    for code, readings in pinyin_dict.items():
        ch = chr(code)
        if _is_cjk(ch):
            first = unicodedata.normalize("NFD", readings.split(",")[0])
            table[ch] = "".join(c for c in first if not unicodedata.combining(c)).replace("ü", "v")
    return table


def load_rules() -> dict:
    return json.loads(RULES_PATH.read_text(encoding="utf-8"))


def _latin_word(word: re.Match[str]) -> str:
    text = word.group()
    if not _LATIN_LETTER.search(text):
        return text
    mapped = text.translate(_LATIN_LOOKS)
    # a word with other Cyrillic or Greek letters is that script's word run on (smsактивация)
    return text if _CYRILLIC_GREEK.search(mapped) else mapped


class Text:
    """One field of a listing, bounded, in its views (built on first use)."""

    def __init__(self, raw: str, tables: CharTables, limit: int) -> None:
        self.raw = raw[:limit]
        self.tables = tables
        # str.translate over a table of the characters seen so far (runs in C); a character
        # not in it yet is added first. The offset map is built only when a span is quoted.
        missing = set(self.raw).difference(tables.seen)
        if missing:
            tables.learn(missing)
        self.norm = self.raw.translate(tables.table)
        self._irregular = not tables.irregular.isdisjoint(self.raw)
        self._kept: list[int] | None = None
        self.gates: set[Any] | None = None  # the rules' regexes that may match it (rules.gates)
        self.branch_gates: dict[Any, list[int]] | None = None  # per alternation, its branches among them
        if not _LOOKS_CHARS.isdisjoint(self.norm):
            self.norm = _WORD.sub(_latin_word, self.norm)  # same length: the offset map stands
        if " " in self.norm:
            self._close_letter_spacing()
        if tables.phrase_pattern is not None and not tables.traditional.isdisjoint(self.raw):
            # Only in a field written in traditional characters: a mainland 影片 stays a film.
            self.norm = tables.phrase_pattern.sub(lambda m: tables.phrases[m.group()], self.norm)

    def _close_letter_spacing(self) -> None:
        """微 信 白 号 批 发 → 微信白号批发: a run of four or more single characters, each one space
        apart, is letter-spaced text (an evasion, or a PDF's extraction); then every run of single
        characters loses its spaces (S I M too), so every rule reads the words; wider gaps stay
        as word breaks, and the offset map keeps quoting what the seller wrote."""
        if _LETTER_SPACED.search(self.norm) is None:
            return
        drop: set[int] = set()
        for run in _SPACED_RUN.finditer(self.norm):  # then its shorter words too (S I M)
            drop.update(range(run.start() + 1, run.end(), 2))
        self._kept = [i for i in range(len(self.norm)) if i not in drop]
        self.norm = "".join(self.norm[i] for i in self._kept)
        self._irregular = True

    @cached_property
    def owner(self) -> list[int]:
        """norm index → raw index."""
        owner: list[int] = []
        table = self.tables.table
        for index, ch in enumerate(self.raw):
            owner.extend([index] * len(table.get(ord(ch), ch)))
        return owner if self._kept is None else [owner[i] for i in self._kept]

    def written(self, start: int, end: int) -> str:
        """What the seller wrote behind ``norm[start:end]`` (電話卡 behind 电话卡, 📱🃏 behind 手机卡)."""
        if not self._irregular:
            return self.raw[start:end]
        owner = self.owner
        if start >= end or end > len(owner):
            return self.norm[start:end]
        last = owner[end - 1] + 1
        while last < len(self.raw) and self.raw[last] in _VARIATION:
            last += 1
        return self.raw[owner[start]:last]

    @cached_property
    def has_cjk(self) -> bool:
        return _CJK_CHAR.search(self.norm) is not None

    @cached_property
    def compact(self) -> str:
        return _SEPARATOR.sub("", self.norm)

    @cached_property
    def _separator_shift(self) -> list[int]:
        # per separator j at norm position p_j: the compact position it falls on, p_j - j
        return [m.start() - j for j, m in enumerate(_SEPARATOR_CHAR.finditer(self.norm))]

    def compact_to_norm(self, index: int) -> int:
        """Position in ``norm`` of ``compact[index]``."""
        return index + bisect_right(self._separator_shift, index)

    @cached_property
    def codes(self) -> str:
        return self.norm.translate(self.tables.code_table)

    @cached_property
    def pinyin_view(self) -> tuple[str, list[int], list[bool], list[bool]]:
        """(pinyin, norm index per pinyin char, unit start flags, typed-letter flags).

        A unit is a CJK syllable or a Latin token (a run of letters; a run holding digits is a
        model number and gives no unit, except a leading 4g/5g: 5gdhk).
        """
        out: list[str] = []
        at: list[int] = []
        starts: list[bool] = []
        typed: list[bool] = []
        norm = self.norm
        syllables = self.tables.syllables
        i, n = 0, len(norm)
        while i < n:
            ch = norm[i]
            syllable = syllables.get(ch)
            if syllable:
                out.append(syllable)
                at.extend([i] * len(syllable))
                starts.extend([True] + [False] * (len(syllable) - 1))
                typed.extend([False] * len(syllable))
                i += 1
                continue
            if ch.isascii() and ch.isalnum():
                j = i
                while j < n and norm[j].isascii() and norm[j].isalnum():
                    j += 1
                token = norm[i:j]
                begin = i
                if len(token) > 2 and token[:2] in ("4g", "5g") and token[2:].isalpha():
                    token, begin = token[2:], i + 2
                if token.isalpha():
                    out.append(token)
                    at.extend(range(begin, j))
                    starts.extend([True] + [False] * (len(token) - 1))
                    typed.extend([True] * len(token))
                else:  # a model number or a number: a barrier
                    out.append("#")
                    at.append(i)
                    starts.append(True)
                    typed.append(False)
                i = j
                continue
            if ch in CLAUSE_BREAKS:
                out.append("#")
                at.append(i)
                starts.append(True)
                typed.append(False)
            i += 1
        return "".join(out), at, starts, typed


def clause_bounds(norm: str, start: int, end: int, reach: int = 12) -> tuple[int, int]:
    """The clause around ``norm[start:end]``, at most ``reach`` characters either side (one
    search each way in C: called for every hit, the character loop was ~3 % of the rules path)."""
    left = max(0, start - reach)
    for found in _CLAUSE_BREAK.finditer(norm, left, start):
        left = found.end()
    limit = min(len(norm), end + reach)
    found = _CLAUSE_BREAK.search(norm, end, limit)
    return left, found.start() if found else limit
