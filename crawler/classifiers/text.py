"""Text normalisation for signal matching (POLICY §4 evasions; EVASIONS.md lists the classes).

Two forms of every text are matched:

* ``surface``: NFKC (full-width → half-width), OpenCC t2s, lower case, then emoji and
  look-alike characters replaced by what they stand for. Separators are kept (clause
  boundaries matter for negation scope); the surface matcher skips them between characters.
* ``pinyin``: each CJK character of the surface form becomes ``|`` + its toneless pinyin + ``'``,
  runs of non-word characters become a space, Latin letters and digits stay. Homophones
  (免石名), full pinyin (mian shi ming, mianshiming) and initials (msm, 流量k) then meet the
  pinyin of the lexicon term.

Both are memoised per string: titles repeat a lot across pages, runs and the benchmark.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from pypinyin.pinyin_dict import pinyin_dict

from whitelist.normalise import normalise_text

DATA_DIR: Final = Path(__file__).resolve().parent / "data"

_CJK: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NON_WORD: Final = re.compile(r"[\W_]+")


def _load_maps() -> tuple[dict[str, str], dict[str, str]]:
    rules = json.loads((DATA_DIR / "rules.json").read_text(encoding="utf-8"))
    return rules["emoji"]["map"], rules["lookalike"]["map"]


_EMOJI_MAP, _LOOKALIKE_MAP = _load_maps()
# Multi-code-point emoji (☎️ = ☎ + VS16) go through a regex, single characters through translate.
_EMOJI_RE: Final = re.compile("|".join(re.escape(k) for k in sorted(_EMOJI_MAP, key=len, reverse=True)))
_LOOKALIKE_TABLE: Final = str.maketrans({k: v for k, v in _LOOKALIKE_MAP.items() if len(k) == 1})


def _toneless(reading: str) -> str:
    # "mián" → "mian", "lǜ" → "lu": strip combining marks after NFD decomposition.
    decomposed = unicodedata.normalize("NFD", reading)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class StringCache:
    """A bounded cache by string for the per-piece and per-title results asked for on every title.

    Hand-rolled instead of ``functools.lru_cache`` for the compiled build (compiled.py): there a
    look-up in ``entries`` is a direct dict access, while each lru_cache call goes through Python's
    call protocol. Full, it empties rather than evicting the least recent entry: the entries repeat
    across titles, so it refills from the next ones. ``cache_clear``/``cache_parameters`` as on
    lru_cache, so the benchmark clears both kinds alike.
    """

    __slots__ = ("entries", "maxsize")

    def __init__(self, maxsize: int) -> None:
        self.entries: dict[str, Any] = {}
        self.maxsize = maxsize

    def get(self, key: str, compute: Callable[[str], Any]) -> Any:
        """The entry for ``key``, computed by ``compute(key)`` and kept when missing."""
        entries = self.entries
        if key in entries:
            return entries[key]
        return self.put(key, compute(key))

    def put(self, key: str, value: Any) -> Any:
        if len(self.entries) >= self.maxsize:
            self.entries.clear()
        self.entries[key] = value
        return value

    def cache_clear(self) -> None:
        self.entries.clear()

    def cache_parameters(self) -> dict[str, int]:
        return {"maxsize": self.maxsize}


@lru_cache(maxsize=1)
def pinyin_table() -> dict[int, str]:
    """``str.translate`` table: code point → ``|`` + first toneless reading (from pypinyin).

    The first reading is used on both sides (text and lexicon), so heteronyms stay consistent;
    a whole-table translate runs in C, much faster than calling pypinyin per listing.
    """
    table: dict[int, str] = {}
    for code, readings in pinyin_dict.items():
        if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
            table[code] = "|" + _toneless(readings.split(",")[0]) + "'"
    return table


@lru_cache(maxsize=1)
def syllable_code_table() -> dict[int, str]:
    """``str.translate`` table: CJK code point → one private-use character per toneless syllable.

    Homophones get the same character, and the coded text has the surface text's length, so a
    plain trie regex finds CJK homophones (免石名 = 免实名) and their spans need no mapping.
    """
    ids: dict[str, str] = {}
    table: dict[int, str] = {}
    for code, reading in pinyin_table().items():
        syllable = reading[1:-1]
        table[code] = ids.setdefault(syllable, chr(0xF0000 + len(ids)))
    return table


@lru_cache(maxsize=131_072)
def syllable_codes(norm: str) -> str:
    return norm.translate(syllable_code_table())


def code_of_term(term: str) -> str:
    return term.translate(syllable_code_table())


@lru_cache(maxsize=131_072)
def surface(text: str | None) -> str:
    """Normalised text: t2s, NFKC, lower case, emoji and look-alikes replaced; separators kept."""
    if not text:
        return ""
    norm = normalise_text(text)
    if not norm.isascii():
        if _EMOJI_RE.search(norm):
            norm = _EMOJI_RE.sub(lambda m: _EMOJI_MAP[m.group(0)], norm)
        norm = norm.translate(_LOOKALIKE_TABLE)
    return norm


@lru_cache(maxsize=131_072)
def pinyin_form(norm: str) -> str:
    """Pinyin form of a surface text (see module docstring)."""
    return _NON_WORD.sub(" ", norm).translate(pinyin_table())


@lru_cache(maxsize=1)
def _syllable_mask_table() -> dict[int, str]:
    return {code: "#" * len(reading) for code, reading in pinyin_table().items()}


def written_latin_mask(norm: str) -> str:
    """``pinyin_form(norm)`` with every CJK syllable blanked out (same length, same positions).

    A letter left in the mask was typed by the seller, so ``[a-z]`` in ``mask[start:end]`` tells
    whether the surface text behind ``pin[start:end]`` has a Latin letter, without the offsets.
    """
    return _NON_WORD.sub(" ", norm).translate(_syllable_mask_table())


def pinyin_with_offsets(norm: str) -> tuple[str, list[int]]:
    """Pinyin form plus, per pinyin character, the index of the surface character it came from.

    Only used to quote the evidence of a pinyin-only hit (rare), so a plain loop is fine.
    """
    table = pinyin_table()
    out: list[str] = []
    offsets: list[int] = []
    previous_sep = False
    for index, ch in enumerate(norm):
        if ch.isalnum() and ch != "_":
            piece = table.get(ord(ch), ch)
            previous_sep = False
        else:
            if previous_sep:
                continue
            piece = " "
            previous_sep = True
        out.append(piece)
        offsets.extend([index] * len(piece))
    return "".join(out), offsets


def syllables(term: str) -> list[str]:
    """Pinyin units of a lexicon term: one per CJK character, Latin/digit runs kept whole."""
    table = pinyin_table()
    units: list[str] = []
    latin = ""
    for ch in term:
        reading = table.get(ord(ch))
        if reading is not None:
            if latin:
                units.append(latin)
                latin = ""
            units.append(reading[1:-1])
        elif ch.isalnum():
            latin += ch
        elif latin:
            units.append(latin)
            latin = ""
    if latin:
        units.append(latin)
    return units


def _surface_char(ch: str) -> str:
    norm = normalise_text(ch)
    return _EMOJI_MAP.get(norm, norm).translate(_LOOKALIKE_TABLE)


def written_form(text: str, start: int, end: int, norm: str | None = None) -> str | None:
    """The characters of ``text`` behind ``surface(text)[start:end]``: 電話卡 behind 电话卡, 📱🃏 behind
    手机卡, so that reasons quote what the seller wrote. None when the normalisation is not
    character by character here (a multi-code-point emoji), then the caller quotes the surface form.
    ``norm``: ``surface(text)`` when the caller has it already.
    """
    if norm is None:
        norm = surface(text)
    if len(norm) == len(text) and _surface_char(text[start]) == norm[start]:
        return text[start:end]
    owner: list[int] = []  # surface index → index of the written character it came from
    for index, ch in enumerate(text):
        if index and text[index - 1:index + 1] in _EMOJI_MAP:
            continue  # second code point of a two-code-point emoji (☎ + VS16): replaced with the first
        owner.extend([index] * len(_surface_char(ch)))
    if len(owner) != len(norm) or end > len(owner) or start >= end:
        return None
    last = owner[end - 1] + 1
    if last < len(text) and text[last - 1:last + 1] in _EMOJI_MAP:
        last += 1
    return text[owner[start]:last]


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))
