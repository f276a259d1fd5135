"""Normalisation and text views (POLICY §4 evasions; EVASIONS.md lists the classes).

``Text(raw)`` holds one bounded field in four views, each linear in its length:

* ``norm`` (surface): per character NFKC (full-width → half-width), OpenCC t2s, lower case, then
  the emoji and look-alike tables of ``rules.json``. Separators are kept (clause scope).
  ``written(start, end)`` maps a span back to what the seller wrote (offset map).
* ``compact``: ``norm`` without separators (免 实 名 → 免实名), with ``compact_at`` back to ``norm``.
* ``pinyin``: CJK characters as toneless syllables, Latin letters kept, separators dropped, with
  unit boundaries (whole pinyin 免shiming, initials dhk, a letter for a character 流量k).
* ``codes``: each CJK character replaced by one private-use character per toneless syllable, so
  homophones (免石名 = 免实名) are equal strings; same length as ``norm``.

Characters are mapped one at a time (a cached table) so the views keep an offset map; t2s of a
single character misses OpenCC's phrase conversions, which only change a few multi-reading words.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cached_property
from pathlib import Path
from typing import Final

from whitelist.normalise import normalise_text

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
RULES_PATH: Final = DATA_DIR / "rules.json"
#: Bounds of the text the rules read (DESIGN §8: crawled text is hostile; every step is linear).
TITLE_LIMIT: Final = 1_000
DESCRIPTION_LIMIT: Final = 3_000
CLAUSE_BREAKS: Final = frozenset("，。！？；,!?;\n|【】[]")
_VARIATION: Final = frozenset("\ufe0e\ufe0f\u200b\u200c\u200d\u2060")  # dropped: no sound or shape


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


class CharTables:
    """Per-character maps built from rules.json and pypinyin (cached, see ``rules.compiled``)."""

    def __init__(self, emoji: dict[str, str], lookalike: dict[str, str],
                 syllables: dict[str, str]) -> None:
        self.emoji = emoji
        self.lookalike = lookalike
        self.syllables = syllables  # CJK char → toneless first reading
        self.codes: dict[str, str] = {}
        ids: dict[str, str] = {}
        for ch, syllable in syllables.items():
            self.codes[ch] = ids.setdefault(syllable, chr(0xF0000 + len(ids)))
        self._surface: dict[str, str] = {}

    def surface_char(self, ch: str) -> str:
        mapped = self._surface.get(ch)
        if mapped is None:
            if ch in _VARIATION:
                mapped = ""
            elif ch in self.emoji:
                mapped = self.emoji[ch]
            else:
                mapped = normalise_text(ch)
                mapped = "".join(self.lookalike.get(c, c) for c in mapped)
                mapped = self.emoji.get(mapped, mapped)
            if len(self._surface) > 200_000:  # hostile text with every code point
                self._surface.clear()
            self._surface[ch] = mapped
        return mapped


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


class Text:
    """One field of a listing, bounded, in its views (built on first use)."""

    def __init__(self, raw: str, tables: CharTables, limit: int) -> None:
        self.raw = raw[:limit]
        self.tables = tables
        parts: list[str] = []
        owner: list[int] = []  # norm index → raw index
        surface_char = tables.surface_char
        for index, ch in enumerate(self.raw):
            mapped = surface_char(ch)
            if mapped:
                parts.append(mapped)
                owner.extend([index] * len(mapped))
        self.norm = "".join(parts)
        self.owner = owner

    def written(self, start: int, end: int) -> str:
        """What the seller wrote behind ``norm[start:end]`` (電話卡 behind 电话卡, 📱🃏 behind 手机卡)."""
        if start >= end or end > len(self.owner):
            return self.norm[start:end]
        last = self.owner[end - 1] + 1
        while last < len(self.raw) and self.raw[last] in _VARIATION:
            last += 1
        return self.raw[self.owner[start]:last]

    @cached_property
    def has_cjk(self) -> bool:
        return any(_is_cjk(ch) for ch in self.norm)

    @cached_property
    def compact_at(self) -> list[int]:
        return [i for i, ch in enumerate(self.norm) if ch.isalnum()]

    @cached_property
    def compact(self) -> str:
        norm = self.norm
        return "".join(norm[i] for i in self.compact_at)

    @cached_property
    def codes(self) -> str:
        codes = self.tables.codes
        return "".join(codes.get(ch, ch) for ch in self.norm)

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
    """The clause around ``norm[start:end]``, at most ``reach`` characters either side."""
    left = start
    limit = max(0, start - reach)
    while left > limit and norm[left - 1] not in CLAUSE_BREAKS:
        left -= 1
    right = end
    limit = min(len(norm), end + reach)
    while right < limit and norm[right] not in CLAUSE_BREAKS:
        right += 1
    return left, right
