"""Rule layer: finds the signals of POLICY §1-§4 in a text, evasions and context included.

The lexicon lives in ``data/rules.json`` (versioned). Matching is done by two compiled trie
regexes, one on the surface form and one on the pinyin form (see ``text.py``), each run as an
overlapping scan (``_scan``) so that a term inside another group's longer term is still
seen. Hits are then filtered by three classes of context, not by phrase lists:

* containment: a hit strictly inside a longer hit is dropped (需激活 inside 无需激活);
* word sense: a hit overlapping a longer word of another sense is void (移动 in 移动电源,
  手机卡 in 手机卡托); the sense words are regexes in ``rules.json``;
* negation scope: a refusal cue before the hit (不做, 杜绝, 严禁 ...) or a condemnation after it
  (... 是违法的) within the same clause voids it.

Hand-rolled trie-regex: Python's ``re`` tries alternatives one by one, and a trie-shaped pattern
keeps the ~3,000 surface/pinyin variants at a few microseconds per title (no maintained
Aho-Corasick library is in the project's dependencies).
"""

from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Container, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final, NamedTuple

from crawler.classifiers.prefilter import guarded, may_match, required_literals
from crawler.classifiers.text import (
    DATA_DIR,
    code_of_term,
    pinyin_form,
    pinyin_with_offsets,
    syllable_codes,
    syllables,
    written_latin_mask,
)
from whitelist.carriers import CARRIER_INFO

CLAUSE_BREAKS: Final = "，。！？；,!?;\n|【】[]"
_LATIN: Final = frozenset("abcdefghijklmnopqrstuvwxyz")
_NON_WORD: Final = re.compile(r"[\W_]+")
_LATIN_RUN: Final = re.compile(r"[a-z]+")
_HAS_LATIN: Final = re.compile(r"[a-z]")
# Latin tokens common in listings that are not pinyin: no need for the pinyin scan.
_NOT_PINYIN: Final = frozenset(
    ["g", "sim", "esim", "wifi", "app", "usb", "vip", "ok", "iphone", "nano", "pro", "max", "mini", "plus", "gb", "mb", "cpe", "ip", "ic", "tf", "sd", "mah", "lte", "nfc", "oppo", "vivo", "mate", "pd", "cm", "mm", "cd"]
)

# Chinese aliases too ambiguous to mean a carrier in a listing title (小米手机, 京东自营, 分享 ...);
# they still resolve in whitelist cells, where the column says it is a carrier.
_AMBIGUOUS_ALIASES: Final = frozenset(
    ["京东", "阿里", "小米", "联想", "苏宁", "国美", "分享", "民生", "凤凰", "巴士", "红豆", "中邮", "天音", "蜗牛", "海航", "乐语", "中期", "华翔", "连连", "北纬", "蜂巢", "星美", "银盛", "朗玛", "中麦", "沃", "免商店", "远传", "极信", "远特", "万网", "话机世界", "true", "tm", "au", "ee", "o2", "m1", "xl", "kt", "smart", "globe", "tnt", "three", "digi", "celcom", "hotlink", "att", "1o1o", "csl.", "skt"]
)
_EXTRA_CARRIER_TERMS: Final = {
    "中国移动": ["移动卡", "移动号", "移动5g", "移动4g", "移动流量"],
    "中国联通": ["联通卡", "王卡", "大王卡", "米粉卡", "腾讯王卡", "沃派", "沃4g"],
    "中国电信": ["电信卡", "星卡", "天翼", "电信5g"],
    "中国广电": ["广电卡", "192号段"],
    "阿里通信": ["阿里宝卡", "蚂蚁宝卡", "阿里小号"],
    "京东通信": ["京东通信卡", "京东小号"],
    "小米移动": ["小米移动卡"],
    "蜗牛移动": ["蜗牛卡", "蜗牛移动卡", "免商店充值卡"],
}
# Foreign carriers whose English names are ordinary words: only with a SIM word next to them.
_AMBIGUOUS_FOREIGN: Final = r"(globe|smart|tnt|tm|true|truemove|ee|o2|three|three uk|digi|xl|au|kt|m1)"
_FOREIGN_CONTEXT_RE: Final = guarded(re.compile(
    # name, then an English SIM word: "globe prepaid sim"
    rf"\b{_AMBIGUOUS_FOREIGN}\s+"
    r"(?:prepaid\s+|tourist\s+|travel\s+|data\s+|5g\s+|4g\s+|lte\s+)?(?:e?sim|prepaid|lte|5g|4g|load)\b"
    # name, then a Chinese card word in the same clause: "globe 菲律宾电话卡"
    rf"|\b{_AMBIGUOUS_FOREIGN}(?![a-z])[^，。！？；,!?;\n|a-z]{{0,6}}?(?:电话卡|手机卡|流量卡|上网卡|号卡|sim卡|卡)"
    # an English SIM word, then the name within three words: "prepaid sim card starter pack globe"
    rf"|\b(?:e?sims?|sim\s*cards?|prepaid)\b(?:\s+[a-z]+){{0,3}}?\s+{_AMBIGUOUS_FOREIGN}\b"
    r"(?!\s*(?:watch|phone|home|tv|device|meter|lock|card\s+reader))"
))


class Hit(NamedTuple):
    """One signal found in one field. A named tuple: millions are built and hashed per run."""

    group: str  # lexicon group ("product", "no_real_name", "carrier:中国移动" ...)
    term: str  # lexicon term it matched
    seen: str  # text as written in the listing (normalised)
    field: str  # "title" | "description"
    start: int
    end: int
    evasion: bool  # found only through the pinyin / homophone layer
    before: str = ""  # a few characters of the clause before the hit (device-support sense)
    written: str = ""  # the original characters (電話卡, 免 實 名, 📱🃏) when they differ from ``seen``


new_hit: Final = tuple.__new__  # new_hit(Hit, fields): a Hit from a ready tuple, without the named tuple's Python __new__


def _load_rules() -> dict[str, Any]:
    return json.loads((DATA_DIR / "rules.json").read_text(encoding="utf-8"))


RULES: Final = _load_rules()
RULES_VERSION: Final[str] = RULES["version"]


def _key(term: str) -> str:
    return _NON_WORD.sub("", term.lower())


def _trie_regex(sequences: list[list[str]], sep: str, initials: bool = False) -> str:
    """Regex matching any of the unit sequences, units joined by ``sep``, longest preferred."""
    trie: dict[str, Any] = {}
    for seq in sequences:
        node = trie
        for unit in seq:
            node = node.setdefault(unit, {})
        node[""] = {}

    def alternatives(node: dict[str, Any], depth: int = 0) -> str:
        parts = []
        for unit in sorted((u for u in node if u), key=lambda u: (-len(u), u)):
            child = node[unit]
            rest = [u for u in child if u]
            # A one-letter pinyin unit is an initial the seller typed, never the first letter
            # of a CJK syllable ("|ke'"): otherwise 免实名卡 would swallow the k of 可.
            guard = initials and depth > 0 and len(unit) == 1 and unit.isalpha()
            head = ("(?<!\\|)" if guard else "") + re.escape(unit)
            if not rest:
                parts.append(head)
                continue
            cont = sep + "(?:" + alternatives(child, depth + 1) + ")"
            parts.append(head + ("(?:" + cont + ")?" if "" in child else cont))
        return "|".join(parts)

    # Top-level branches all start with a literal, so ``re`` skips ahead with a first-character
    # set; ``_scan`` restarts one character after each match to find overlapping terms.
    return "(?:" + alternatives(trie) + ")"


def _pinyin_variants(term: str) -> list[list[str]]:
    """Full pinyin, initials and mixes of a term (免实名 → mian shi ming, msm, mian s m ...)."""
    units = syllables(term)
    cjk_positions = [i for i, u in enumerate(units) if not _is_latin_unit(term, u)]
    options: list[list[str]] = []
    for i, unit in enumerate(units):
        options.append([unit, unit[0]] if i in cjk_positions and len(unit) > 1 else [unit])
    variants = []
    if len(units) > 5:
        combos: list[tuple[str, ...]] = [tuple(o[0] for o in options), tuple(o[-1] for o in options)]
    else:
        combos = list(itertools.product(*options))
    for combo in combos:
        letters = "".join(combo)
        full_units = sum(1 for c, o in zip(combo, options, strict=True) if c == o[0] and len(c) > 1)
        # Bare initials of two letters (jm, pl, hk) are everywhere in English and codes.
        if full_units == 0 and len(letters) < 3:
            continue
        variants.append(list(combo))
    return variants


def _is_latin_unit(term: str, unit: str) -> bool:
    return unit in term


@dataclass(frozen=True)
class Lexicon:
    surface_re: re.Pattern[str]
    pinyin_re: re.Pattern[str]
    surface_terms: dict[str, tuple[tuple[str, str], ...]]  # key → ((group, term), ...)
    pinyin_terms: dict[str, tuple[tuple[str, str], ...]]
    pinyin_full_end: frozenset[str]  # pinyin keys whose last unit is a full syllable
    homophone_re: re.Pattern[str]  # trie over syllable codes of all-CJK pinyin terms
    homophone_terms: dict[str, tuple[tuple[str, str], ...]]
    sense_re: re.Pattern[str]
    adjacent_re: re.Pattern[str]
    near_re: re.Pattern[str]
    after_re: re.Pattern[str]
    requirement_re: re.Pattern[str]
    coordinator_re: re.Pattern[str]
    negatable: frozenset[str]
    requirement_groups: frozenset[str]
    # For the per-piece composition (``evidence.py``): where a piece's edge could take part in
    # something that crosses a space.
    near_cue_re: re.Pattern[str]  # a refusal verb anywhere (unanchored ``near`` words)
    after_cue_re: re.Pattern[str]  # a condemnation / buyer-step cue anywhere (``after`` words)
    gap: int  # filler characters allowed between a refusal verb and its signal
    after_gap: int
    term_noninitial: frozenset[str]  # substrings of surface term keys that do not start the key
    term_follow: dict[str, frozenset[str]]  # part of a surface term key → characters that can follow it
    # Word-sense patterns that can see a space (\s, \W, ., [^...]): only they can match
    # differently in a whole title than in its space-separated pieces; None when there are none.
    sense_edge_re: re.Pattern[str] | None
    term_max: int  # longest surface term key
    pinyin_noninitial: frozenset[str]  # runs of whole pinyin units that do not start a pinyin key
    pinyin_follow: dict[str, frozenset[str]]  # run of whole pinyin units → first letters that can follow
    pinyin_max: int


def _carrier_terms() -> dict[str, list[str]]:
    terms: dict[str, list[str]] = {}
    for name, info in CARRIER_INFO.items():
        words = [name, *info.aliases]
        if info.kind != "foreign":
            words += _EXTRA_CARRIER_TERMS.get(name, [])
        for word in words:
            key = _key(word)
            # Ambiguity is judged on the written word: "at&t" is unambiguous, bare "att" is not.
            if not key or word.lower() in _AMBIGUOUS_ALIASES or (key in _AMBIGUOUS_ALIASES and word.isalnum()):
                continue
            if key.isascii() and len(key) < 3:
                continue
            terms.setdefault(name, []).append(word)
    return terms


def _compose(spec: dict[str, list[str]]) -> list[str]:
    return [p + o for p in spec["prefixes"] for o in spec["objects"]]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    groups: dict[str, list[str]] = {}
    pinyin_ok: dict[str, set[str]] = {}
    full_pinyin_only: dict[str, set[str]] = {}
    pinyin_min = RULES["pinyin_min"]
    two_min_letters = RULES["pinyin_two_syllable_min_letters"]
    for name, spec in RULES["groups"].items():
        terms = list(spec["terms"]) + (_compose(spec["compose"]) if "compose" in spec else [])
        groups[name] = terms
        off = set(spec.get("pinyin_off", []))
        pinyin_ok[name] = {
            t for t in terms
            if t not in off and (len(syllables(t)) >= pinyin_min and not _key(t).isascii())
        } | set(spec.get("pinyin_also", []))
        # Two-syllable words typed as full pinyin (kashang = 卡商, piliang = 批量): their CJK
        # homophones (卡上) and initials (ks) collide too often, typed full syllables do not.
        full_pinyin_only[name] = {
            t for t in terms
            if t not in off and t not in pinyin_ok[name] and len(syllables(t)) == 2
            and all("\u3400" <= ch <= "\u9fff" for ch in _key(t))
            and len("".join(syllables(t))) >= two_min_letters
        }
    for carrier, words in _carrier_terms().items():
        group = "carrier:" + carrier
        groups[group] = words
        # Carrier names are matched in pinyin too when long enough (zhong guo yi dong).
        pinyin_ok[group] = {w for w in words if len(syllables(w)) >= 4 and not _key(w).isascii()}
        full_pinyin_only[group] = set()

    surface_terms: dict[str, list[tuple[str, str]]] = {}
    pinyin_terms: dict[str, list[tuple[str, str]]] = {}
    pinyin_sequences: list[list[str]] = []
    full_end: set[str] = set()
    homophone_terms: dict[str, list[tuple[str, str]]] = {}
    for group, terms in groups.items():
        for term in terms:
            key = _key(term)
            if not key:
                continue
            surface_terms.setdefault(key, []).append((group, term))
            if term in pinyin_ok[group] and all("\u3400" <= ch <= "\u9fff" for ch in key):
                homophone_terms.setdefault(code_of_term(key), []).append((group, term))
            if term in pinyin_ok[group] or term in full_pinyin_only[group]:
                variants = [syllables(key)] if term in full_pinyin_only[group] else _pinyin_variants(key)
                for variant in variants:
                    pkey = "".join(variant)
                    if pkey not in pinyin_terms:
                        pinyin_sequences.append(variant)
                    if len(variant[-1]) > 1:
                        full_end.add(pkey)
                    pinyin_terms.setdefault(pkey, []).append((group, term))

    surface_re = re.compile(_trie_regex([list(k) for k in surface_terms], r"[\W_]*"))
    # Pinyin terms start at a syllable ("|" before) or at the start of a Latin word: the
    # look-behind rejects the other positions before the trie is tried.
    # "5gdhk": a Latin word may also start right after a "5g"/"4g" token.
    pinyin_re = guarded(re.compile("(?:(?<![^|' ])|(?<=[0-9]g))"
                                   + _trie_regex(pinyin_sequences, r"[|' ]*", initials=True)))
    sense_re = re.compile("|".join(f"(?:{p})" for p in RULES["sense"]["patterns"]))
    neg = RULES["negation"]
    stop = "[^" + re.escape(CLAUSE_BREAKS) + "]"
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    # Short negators bind to the word they touch (不实名, 不是免实名); across a space they belong
    # to another keyword of the title (身份证也不要 手机卡). Refusal verbs reach across spaces.
    adjacent_re = re.compile(
        f"(?:(?:{alt(neg['adjacent'])})|(?:{alt(neg['adjacent2'])})[^\\s{re.escape(CLAUSE_BREAKS)}]?|"
        f"(?:{alt(neg['near'])}){stop}{{0,{neg['gap']}}}\\s*)$"
    )
    near_re = adjacent_re  # one regex; kept as a separate name for readability of callers
    after_re = re.compile(f"^\\s*{stop}{{0,{neg['after_gap']}}}?(?:{alt(neg['after'])})")
    requirement_re = re.compile(f"(?:{alt(neg['requirement'])})$")
    coordinator_re = re.compile(f"\\s*(?:{alt(neg['coordinators'])})\\s*")  # used with fullmatch
    keys = list(surface_terms)
    return Lexicon(
        surface_re=surface_re,
        pinyin_re=pinyin_re,
        surface_terms={k: tuple(v) for k, v in surface_terms.items()},
        pinyin_terms={k: tuple(v) for k, v in pinyin_terms.items()},
        pinyin_full_end=frozenset(full_end),
        homophone_re=re.compile(_trie_regex([list(k) for k in homophone_terms], "")),
        homophone_terms={k: tuple(v) for k, v in homophone_terms.items()},
        sense_re=sense_re,
        adjacent_re=adjacent_re,
        near_re=near_re,
        after_re=after_re,
        requirement_re=requirement_re,
        coordinator_re=coordinator_re,
        negatable=frozenset(neg["applies_to"]),
        requirement_groups=frozenset(neg["requirement_applies_to"]),
        near_cue_re=re.compile(alt(neg["near"])),
        after_cue_re=re.compile(alt(neg["after"])),
        gap=int(neg["gap"]),
        after_gap=int(neg["after_gap"]),
        term_noninitial=frozenset(k[i:j] for k in keys for i in range(1, len(k)) for j in range(i + 1, len(k) + 1)),
        sense_edge_re=re.compile("|".join(edge)) if (edge := [
            p for p in RULES["sense"]["patterns"] if re.search(r"\\[sWDN]|\[\^|\.| ", p)]) else None,
        term_follow=_follow([list(k) for k in keys]),
        term_max=max(map(len, keys)),
        pinyin_noninitial=frozenset("".join(v[i:j]) for v in pinyin_sequences
                                    for i in range(1, len(v)) for j in range(i + 1, len(v) + 1)),
        pinyin_follow=_follow(pinyin_sequences),
        pinyin_max=max(len("".join(v)) for v in pinyin_sequences),
    )


def _follow(sequences: list[list[str]]) -> dict[str, frozenset[str]]:
    """Each run of units inside a sequence ("" included) → first characters of the unit after it."""
    follow: dict[str, set[str]] = {}
    for units in sequences:
        for i in range(len(units)):
            for j in range(i, len(units)):
                follow.setdefault("".join(units[i:j]), set()).add(units[j][0])
    return {run: frozenset(chars) for run, chars in follow.items()}


def _latin_boundary_ok(text: str, start: int, end: int) -> bool:
    """A match beginning or ending with a Latin letter must not be part of a longer word."""
    if text[start] in _LATIN and start > 0 and text[start - 1] in _LATIN and \
            not (start > 1 and text[start - 2].isdigit()):  # "5gsim卡": 5g is a token of its own
        return False
    return not (text[end - 1] in _LATIN and end < len(text) and text[end] in _LATIN)


def _pinyin_boundary_ok(pin: str, start: int, end: int, last_unit_full: bool) -> bool:
    # A CJK syllable is written "|syl'"; anything else is Latin text from the listing.
    if start > 0 and pin[start - 1] not in "|' " and not (
            start > 1 and pin[start - 1] == "g" and pin[start - 2].isdigit()):  # "5gdhk"
        return False
    if end >= len(pin) or pin[end] in "|' ":
        return True
    # Ended inside letters: fine inside a Latin run written by the seller (mianshimingka),
    # never inside a CJK syllable, and never after a bare initial.
    left = max(pin.rfind("|", 0, end), pin.rfind("'", 0, end), pin.rfind(" ", 0, end))
    return last_unit_full and (left < 0 or pin[left] != "|")


def _scan(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, str]]:
    """(start, text) of the longest term at every position where one starts (overlapping)."""
    pos = 0
    search = pattern.search
    while (m := search(text, pos)) is not None:
        yield m.start(), m.group()
        pos = m.start() + 1


_BREAK_SET: Final = frozenset(CLAUSE_BREAKS)


def _split_ok(seen: str) -> bool:
    """Separators inside a hit are an evasion (免 实 名, 流-量-卡, 免 实名, 不需要 身份证) unless a
    clause break separates word pieces (不用，实名认证后 ...: two clauses, not 不用实名)."""
    if seen.isalnum():
        return True
    pieces = [p for p in _NON_WORD.split(seen) if p]
    if all(len(p) == 1 or p.isascii() for p in pieces):
        return True
    return not any(ch in _BREAK_SET for ch in seen)


def _straddles(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """A separator-split hit whose first or last piece belongs to another word (流量卡 商务 is not
    卡商, 靓号 商城 is not 号商): it partially overlaps a hit written without separators."""
    return any((s < start < e < end) or (start < s < end < e) for s, e in spans)


def _clause_before(norm: str, start: int, limit_start: int = 0) -> str:
    i = start
    limit = max(0, start - 12, limit_start)
    while i > limit and norm[i - 1] not in CLAUSE_BREAKS:
        i -= 1
    return norm[i:start]


def _clause_after(norm: str, end: int, limit_end: int | None = None) -> str:
    i = end
    limit = min(len(norm), end + 12, len(norm) if limit_end is None else limit_end)
    while i < limit and norm[i] not in CLAUSE_BREAKS:
        i += 1
    return norm[end:i]


def negated(norm: str, start: int, end: int, prev_end: int = 0, next_start: int | None = None,
            group: str = "") -> bool:
    """True when a negation cue scopes over ``norm[start:end]``: same clause, and never across
    another signal (``prev_end``/``next_start``: the nearest other hits), so in 不做批量 免实名 the
    不做 stays with 批量 and in 流量卡 免实名都是骗子 the condemnation stays with 免实名."""
    lex = lexicon()
    before = _clause_before(norm, start, prev_end)
    if before and (lex.adjacent_re.search(before) or (
            group in lex.requirement_groups and lex.requirement_re.search(before))):
        return True
    after = _clause_after(norm, end, next_start)
    cue = lex.after_re.search(after) if after else None
    if cue is None:
        return False
    # A cue that runs up to the next signal negates that one (手机卡 不做免实名), not this one.
    return next_start is None or bool(norm[end + cue.end():next_start].strip()) or \
        end + len(after) < next_start


def find_hits(norm: str, field: str) -> list[Hit]:
    """All signals in one normalised field, after containment, sense and negation filtering.

    Titles whose space-separated pieces can be analysed apart are put together from cached pieces
    one level up (``evidence.plan``); this is the analysis of a whole text.
    """
    if not norm:
        return []
    lex = lexicon()
    raw = _surface_raw(norm, lex)
    surface_found = {(r[2], r[3]) for r in raw}
    surface_spans = {(r[0], r[1]) for r in raw}
    _homophone_raw(norm, lex, raw)
    _pinyin_raw(norm, lex, raw, surface_found, surface_spans)
    return _filter(norm, field, raw, lex)


_Raw = tuple[int, int, str, str, str, bool]  # start, end, group, term, seen, evasion


def _surface_raw(norm: str, lex: Lexicon, drop_straddling: bool = True) -> list[_Raw]:
    raw: list[_Raw] = []
    split: list[int] = []  # indexes in raw of separator-split surface hits
    for start, seen in _scan(lex.surface_re, norm):
        # The regex prefers the longest term; when it fails a post-check, fall back to the
        # longest shorter term at the same place (电信 5g → 电信).
        seen = _surface_fit(norm, lex, start, seen)
        if not seen:
            continue
        if not seen.isalnum():
            split.append(len(raw))
        raw.extend(_surface_entries(lex, start, seen))
    if split and drop_straddling:
        whole = [(r[0], r[1]) for r in raw if r[4].isalnum()]
        drop = {i for i in split if _straddles(raw[i][0], raw[i][1], whole)}
        if drop:
            keys = {(raw[i][0], raw[i][1]) for i in drop}
            retry = sorted({(raw[i][0], raw[i][4]) for i in drop})
            raw = [r for r in raw if (r[0], r[1]) not in keys]
            for start, seen in retry:
                # The shorter term at the same place still counts (电信 5g卡: "电信 5g" straddles 5g卡, 电信 stays).
                while seen := _surface_fit(norm, lex, start, seen[:-1]):
                    if seen.isalnum() or not _straddles(start, start + len(seen), whole):
                        raw.extend(_surface_entries(lex, start, seen))
                        break
            raw.sort(key=lambda r: r[0])
    if raw and any(r[2] == "words" for r in raw):
        raw = [r for r in raw if r[2] != "words"]  # context only (see rules.json "words")
    return raw


def _surface_fit(norm: str, lex: Lexicon, start: int, seen: str) -> str:
    """``seen`` or its longest start that is a surface hit at ``start`` ("" when none is)."""
    while seen and not (seen[-1].isalnum() and _key(seen) in lex.surface_terms and _split_ok(seen)
                        and _latin_boundary_ok(norm, start, start + len(seen))):
        seen = seen[:-1]  # (a hit never ends on a separator: "电信 5g" falls back to "电信")
    return seen


def _surface_entries(lex: Lexicon, start: int, seen: str) -> list[_Raw]:
    end = start + len(seen)
    return [(start, end, group, term, seen, False) for group, term in lex.surface_terms[_key(seen)]]


def _homophone_raw(norm: str, lex: Lexicon, raw: list[_Raw],
                   surface_found: Container[tuple[str, str]] | None = None) -> None:
    """Append CJK homophone hits to the surface hits in ``raw`` (``surface_found``: their terms)."""
    # Scan the syllable-coded text (same length as norm, spans map 1:1).
    if surface_found is None:
        surface_found = {(r[2], r[3]) for r in raw}
    surface_spans = {(r[0], r[1]) for r in raw}
    codes = syllable_codes(norm)
    for start, matched in _scan(lex.homophone_re, codes):
        end = start + len(matched)
        if (start, end) in surface_spans:
            continue  # the seller wrote a real lexicon word here (代实名, not 带实名)
        for group, term in lex.homophone_terms[matched]:
            if (group, term) not in surface_found:
                raw.append((start, end, group, term, norm[start:end], True))


def pinyin_gate(norm: str) -> bool:
    """Whether ``norm`` has Latin letters that could be typed pinyin (the pinyin scan runs)."""
    latin_runs = _LATIN_RUN.findall(norm)
    return bool(latin_runs) and not all(run in _NOT_PINYIN for run in latin_runs)


def _pinyin_raw(norm: str, lex: Lexicon, raw: list[_Raw], surface_found: Container[tuple[str, str]],
                surface_spans: set[tuple[int, int]], force: bool = False) -> None:
    """Append pinyin typed in Latin letters (mian shi ming, msm, 流量k): only when such letters
    exist (``pinyin_gate``), or always with ``force`` (the piece composition's check)."""
    if not (force or pinyin_gate(norm)):
        return
    pin = pinyin_form(norm)
    mask = written_latin_mask(norm)
    offsets: list[int] | None = None
    for start, matched in _scan(lex.pinyin_re, pin):
        end = start + len(matched)
        # A pinyin hit must contain a letter the seller typed (``_pinyin_seen``: all-CJK homophones
        # belong to the syllable-code scan), and every shorter match tried below covers part of
        # this span: without a typed letter here, nothing at this start can become a hit.
        if not _HAS_LATIN.search(mask, start, end):
            continue
        # Like the surface scan: when the longest term fails a check, try the shorter ones at the
        # same place (piliang 出: 批量出 spans a separator, 批量 does not).
        while True:
            pkey = pin[start:end].replace("|", "").replace("'", "").replace(" ", "")
            entries = lex.pinyin_terms.get(pkey)
            found = None
            if entries and _pinyin_boundary_ok(pin, start, end, pkey in lex.pinyin_full_end):
                fresh = [(g, t) for g, t in entries if (g, t) not in surface_found]
                if not fresh:
                    break  # the surface scan already has this term
                if offsets is None:
                    _, offsets = pinyin_with_offsets(norm)
                found = _pinyin_seen(norm, offsets, start, end, surface_spans)
                if found is not None:
                    n_start, n_end = found
                    for group, term in fresh:
                        raw.append((n_start, n_end, group, term, norm[n_start:n_end], True))
                    break
            shorter = lex.pinyin_re.match(pin, start, end - 1) if end - 1 > start else None
            if shorter is None:
                break
            end = shorter.end()


def _pinyin_seen(norm: str, offsets: list[int], start: int, end: int,
                 surface_spans: set[tuple[int, int]]) -> tuple[int, int] | None:
    """Surface span of a pinyin hit, or None when it is not an evasion written by the seller."""
    n_start = offsets[start]
    n_end = offsets[end - 1] + 1
    seen = norm[n_start:n_end]
    if not _HAS_LATIN.search(seen):
        return None  # all-CJK homophones were handled by the syllable-code scan
    # A hit mixing CJK and typed pinyin is written as one word: across a separator it is
    # two words that merely sound alike (免费 sm). Spaced all-Latin pinyin is fine.
    if not seen.isascii() and _NON_WORD.search(seen):
        return None
    # The seller wrote a real lexicon word here (代实名); its homophones (带实名) are not a
    # second signal.
    if (n_start, n_end) in surface_spans:
        return None
    return n_start, n_end


def _filter(norm: str, field: str, raw: list[_Raw], lex: Lexicon) -> list[Hit]:
    if not raw:
        return []
    sense_spans = [(m.start(), m.end()) for m in lex.sense_re.finditer(norm)]
    return _negation_filter(norm, field, _contained_and_sense(norm, raw, lex, sense_spans), lex)


def _contained_and_sense(norm: str, raw: list[_Raw], lex: Lexicon,
                         sense_spans: list[tuple[int, int]]) -> list[_Raw]:
    """Containment and word-sense filtering (context within the hits' own spans), sorted by span."""
    if not raw:
        return []
    # Containment: drop a hit strictly inside another hit's span, i.e. a span starting earlier
    # and ending no sooner, or starting at the same place and ending later.
    max_end_at: dict[int, int] = {}
    for r in raw:
        if r[1] > max_end_at.get(r[0], -1):
            max_end_at[r[0]] = r[1]
    reach: dict[int, int] = {}  # start → furthest end of the spans starting strictly before it
    furthest = -1
    for start in sorted(max_end_at):
        reach[start] = furthest
        furthest = max(furthest, max_end_at[start])
    kept = [r for r in raw if reach[r[0]] < r[1] and max_end_at[r[0]] == r[1]]
    # Word sense: a hit overlapping a longer word of another sense is void, unless that word
    # lies strictly inside the hit (网卡 inside 上网卡).
    if sense_spans:
        kept = [
            r for r in kept
            if r[2] in ("accessory", "device", "topup", "collectible", "other_service") or not any(
                s < r[1] and r[0] < e and not (r[0] <= s and e <= r[1] and (e - s) < (r[1] - r[0]))
                for s, e in sense_spans)
        ]
    kept.sort(key=lambda r: (r[0], r[1]))
    return kept


def _negation_filter(norm: str, field: str, kept: list[_Raw], lex: Lexicon) -> list[Hit]:
    """Negation scope over the sorted hits of the whole text, then the Hit records."""
    starts = [r[0] for r in kept]
    ends = sorted(r[1] for r in kept)
    hits = []
    negated_spans: list[tuple[int, int]] = []
    for start, end, group, term, seen, evasion in kept:
        if group in lex.negatable:
            # The nearest other signals on either side bound the negation scope.
            i = bisect_right(ends, start)
            prev_end = ends[i - 1] if i else 0
            j = bisect_left(starts, end)
            next_start = starts[j] if j < len(starts) else None
            if negated(norm, start, end, prev_end, next_start, group) or (
                    # 不卖免实名和已激活卡: a refusal distributes over a coordination.
                    any(e == prev_end for _, e in negated_spans)
                    and lex.coordinator_re.fullmatch(norm, prev_end, start)):
                negated_spans.append((start, end))
                continue
        # ``before`` keeps the last five characters of the clause: walk back no further than that.
        hits.append(new_hit(Hit, (group, term, seen, field, start, end, evasion,
                                  _clause_before(norm, start, start - 5), "")))
    return hits


_FOREIGN_CONTEXT_NAMES: Final = {
    "globe": "Globe", "smart": "Smart", "tnt": "Smart", "tm": "Globe", "true": "TrueMove H",
    "truemove": "TrueMove H", "ee": "EE", "o2": "O2", "three": "Three", "three uk": "Three",
    "digi": "CelcomDigi", "xl": "XL Axiata", "au": "KDDI", "kt": "KT", "m1": "M1"}
# Every branch of the regex names one of the ambiguous words: a text holding none skips it.
_FOREIGN_CONTEXT_REQUIRED: Final = required_literals(_AMBIGUOUS_FOREIGN)


def may_name_foreign_carrier(text: str) -> bool:
    """Whether ``text`` holds an ambiguous foreign carrier name (foreign_context_carriers looks further)."""
    return may_match(_FOREIGN_CONTEXT_REQUIRED, text)


def foreign_context_carriers(english_text: str) -> list[str]:
    """Foreign carriers named by an ambiguous English word next to a SIM word (globe sim)."""
    if not may_match(_FOREIGN_CONTEXT_REQUIRED, english_text):
        return []
    return [_FOREIGN_CONTEXT_NAMES[next(g for g in m.groups() if g)]
            for m in _FOREIGN_CONTEXT_RE.finditer(english_text)]
