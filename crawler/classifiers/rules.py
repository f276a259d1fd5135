"""Signal finding: rules.json → one Aho-Corasick automaton per text view → context filters → hits.

Views (normalise.Text) and what each may find:

* surface — every term as written (after normalisation); a Latin term must not sit inside a
  longer Latin word (gsm is not sm).
* compact — terms split by separators (免 实 名, 流-量-卡); the hit must begin and end on the
  seller's own token edges (流量卡 商务 is not 卡商) and stay inside one clause.
* pinyin — typed pinyin and initials (免shiming, dhk, 流量k, piliang), only in a Chinese listing,
  only as whole Latin tokens, never inside a word or a model number (SIM800L, DHK2000).
* homophone — CJK terms of 3+ syllables (or listed in ``pinyin_also``) by sound (免石名), only as
  a whole token next to a SIM cue.

Variant generators (``pinyin_variants``, ``homophone_key``) turn a lexicon term into the keys of
a view's automaton in ``_build``: a new evasion class is one generator there (plus a view and a
scanner called from ``find_hits`` when the seller's text must be read differently). English and a few Chinese phrases whose words may be apart
are regular expressions (bounded text, no nested quantifiers), each run only on a field where
one Aho-Corasick scan (prefilter.py) finds a literal every match of it needs. Then the context filters: word
sense, containment, negation (before/after/coordination), requirement. Everything is linear in
the bounded text (the automata scan once; the filters look at a bounded window per hit).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import pickle
import re
from bisect import bisect_left
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, Final

import ahocorasick

from crawler.classifiers.guard import guarded
from crawler.classifiers.normalise import (
    CLAUSE_BREAKS,
    RULES_PATH,
    CharTables,
    Text,
    clause_bounds,
    load_rules,
    syllable_table,
)
from crawler.classifiers.prefilter import Alternation, Prefilter, open_branches
from whitelist import carriers as carrier_table

_LATIN_WORD: Final = re.compile(r"[a-z]")
_ENGLISH_WORD: Final = re.compile(r"[a-zа-яё]{3}|[\u0e00-\u0e7f]{2}|[\u0621-\u064a]{3}|[\uac00-\ud7a3]{2}")  # Latin, Cyrillic (Russian account shops), Thai (shopee), Arabic (number bots), Hangul (유심 buying spam)
# Typed Latin tokens as the pinyin view reads them: letters only, a leading 4g/5g stripped.
_TYPED_TOKEN: Final = re.compile(r"(?<![a-z0-9])(?:[45]g)?([a-z]+)(?![a-z0-9])")


@dataclass(slots=True)
class Hit:
    group: str  # lexicon group ("product", "no_real_name", "carrier:中国移动" ...)
    term: str  # the lexicon term it stands for
    start: int  # span in the field's normalised text
    end: int
    field: str  # "title" | "description"
    via: str  # "surface" | "compact" | "pinyin" | "homophone" | "english" | "phrase"
    written: str  # what the seller wrote (quoted in reasons)
    negated: bool = False
    prose: bool = False  # inside a clause that describes, quotes or asks about the trade (rules.json "prose")
    before: str = ""  # up to 6 characters of the clause before the hit (支持/可插/送 ...)
    after: str = ""  # up to 8 characters of the clause after it (手机 平板 通用)

    @property
    def evasion(self) -> bool:
        return self.via in ("pinyin", "homophone")


# -- variant generators: term → keys of a view ------------------------------------------------

def _units(term: str, syllables: dict[str, str]) -> list[tuple[str, bool]] | None:
    """(pinyin unit, from CJK) per character of a term; Latin runs whole. None: unknown char."""
    units: list[tuple[str, bool]] = []
    latin = ""
    for ch in term:
        if ch in syllables:
            if latin:
                units.append((latin, False))
                latin = ""
            units.append((syllables[ch], True))
        elif ch.isascii() and ch.isalnum():
            latin += ch
        else:
            return None
    if latin:
        units.append((latin, False))
    return units


def pinyin_variants(term: str, syllables: dict[str, str], also: bool) -> set[str]:
    """Typed pinyin of a term: each CJK syllable full or as its initial (dhk, 流量k, yijh, piliang).

    3+ syllables: every mix; all-initials needs 3 letters. 2 syllables: the full pinyin only, with
    4+ letters (piliang, kashang), or any mix when listed in ``pinyin_also``.
    """
    units = _units(term, syllables)
    if not units:
        return set()
    cjk = sum(1 for _, is_cjk in units if is_cjk)
    if cjk < 2:
        return set()
    options = [((u, u[0]) if is_cjk else (u,)) for u, is_cjk in units]
    variants = {"".join(choice) for choice in itertools.product(*options)}
    full = "".join(u for u, _ in units)
    if cjk == 2 and not also:
        return {full} if len(full) >= 4 else set()
    return {v for v in variants if len(v) >= 3}


def pinyin_fragments(term: str, syllables: dict[str, str]) -> set[str]:
    """Every run of whole units of a term's variants (shi, shiming, jh, dhk): a typed Latin token
    that is none of these cannot be part of a pinyin hit, so the pinyin view is not built."""
    units = _units(term, syllables)
    if not units:
        return set()
    options = [((u, u[0]) if is_cjk else (u,)) for u, is_cjk in units]
    # runs holding a syllable of a CJK character (a run of the term's own Latin, e.g. the sim of
    # sim卡, is read by the surface view)
    return {"".join(choice) for i in range(len(options)) for j in range(i + 1, len(options) + 1)
            if any(is_cjk for _, is_cjk in units[i:j])
            for choice in itertools.product(*options[i:j])}


def homophone_key(term: str, tables: CharTables) -> str | None:
    if len(term) < 2 or not all(ch in tables.codes for ch in term):
        return None
    return "".join(tables.codes[ch] for ch in term)


# -- the compiled rule set ---------------------------------------------------------------------

_HEAD_GROUPS: Final = ("accessory", "device", "topup", "collectible", "other_service", "module",
                       "membership", "card_device", "prepaid_card", "words", "data_device")


@dataclass
class RuleSet:
    version: str
    data: dict[str, Any]
    tables: CharTables
    surface: Any  # ahocorasick.Automaton: key → tuple of (group, term)
    pinyin: Any
    homophone: Any
    # the sense words with regex syntax, one regex each (literal ones are in ``surface``): the
    # prefilter runs only those whose literals a text holds; as one alternation they were a sixth
    # of the rules path, 卡(?:扣|簧|子|座) alone opening it on every text with 卡
    sense: tuple[re.Pattern[str], ...]
    sense_clauses: tuple[tuple[re.Pattern[str], int, int], ...]  # keyword, reach before, after
    prose_clauses: tuple[tuple[re.Pattern[str], int, int], ...]  # the same shape: clauses of prose
    prose_offer_words_only: frozenset[int]  # indices of prose clauses that never make a body an article
    prose_plain_only: frozenset[int]  # indices of prose clauses that count only in a field without offer figures
    prose_offer: re.Pattern[str]  # a call to contact the writer: prose that ends in an offer or a bid
    prose_headline: re.Pattern[str]  # a title asking or warning about cards: an article's headline
    prose_plain_headline: re.Pattern[str]  # headline words sellers use too: only over a plain listing
    prose_seller_voice: re.Pattern[str]  # a shop speaking (本店, 下单, 包邮, "add to cart"): no plain field
    neg_after: re.Pattern[str]  # a negating word starting at most negation.after_gap characters after a hit
    head_sense: re.Pattern[str]
    fragments: frozenset[str]  # runs of units of pinyin keys (pinyin_fragments)
    phrase_requires: dict[str, tuple[str, ...]]  # Chinese phrase group → literals one of which it needs
    english: tuple[tuple[str, Alternation], ...]  # (group, its Alternation); a group may have two (_edged_and_bare)
    english_sense: Alternation
    # the Alternations of the groups other than the heads, by prefilter key: the English gate asks
    # only those a field's open branches name (most fields name none)
    english_gate: dict[Hashable, Alternation]
    english_negation: re.Pattern[str]
    foreign_context: re.Pattern[str]
    foreign_names: dict[str, str]
    phrases: dict[str, re.Pattern[str]]
    neg: dict[str, Any]
    # group → characters that may not follow its terms (小电视卡通 is a cartoon, 网红卡皮巴拉 a capybara)
    not_before: dict[str, frozenset[str]]
    # group → words that begin with such a character yet go on with the card (福享卡通话, 卡包邮)
    not_before_except: dict[str, tuple[str, ...]]
    # which of the regexes above may match a text (one Aho-Corasick scan, see prefilter.py);
    # keys: ("sense", i), "head_sense", Branch("english_sense", j), Branch(("english", i), j) (the
    # branches of an Alternation),
    # ("sense_clause", i), ("prose", i), "offer", "headline", ("phrase", group); and
    # ("requires", group) when the field holds one of the group's ``phrase_requires`` literals
    prefilter: Prefilter


def _automaton(entries: dict[str, set[tuple[str, str]]]) -> Any:
    automaton = ahocorasick.Automaton()
    for key, values in entries.items():
        # (length, values, whether an edge is Latin: then the word-edge check applies)
        latin = (key[0].isascii() and key[0].isalnum()) or (key[-1].isascii() and key[-1].isalpha())
        automaton.add_word(key, (len(key), tuple(sorted(values)), latin))
    automaton.make_automaton()
    return automaton


def _carrier_terms(config: dict[str, Any]) -> dict[str, list[str]]:
    ambiguous = set(config["ambiguous"])
    terms: dict[str, list[str]] = {}
    for name, info in carrier_table.CARRIER_INFO.items():
        words = [name, *info.aliases]
        if info.kind != "foreign":
            words += config["extra"].get(name, [])
        for word in words:
            key = word.lower()
            if key in ambiguous or (key.isascii() and len(key) < 3):
                continue
            terms.setdefault(name, []).append(word)
    # number services abroad that are no carrier of whitelist/carriers.py (Google Voice: US numbers
    # sold as accounts); naming one makes the listing foreign like a foreign carrier (POLICY §3)
    for name, words in config.get("foreign_services", {}).items():
        if not name.startswith("_"):
            terms.setdefault(name, []).extend(words)
    return terms


def _norm_term(term: str, tables: CharTables) -> str:
    return "".join(tables.surface_char(ch) for ch in term)


def _build(data: dict[str, Any]) -> RuleSet:
    emoji, lookalike = data["emoji"]["map"], data["lookalike"]["map"]
    tables = CharTables(emoji, lookalike, syllable_table(), data.get("regional"))
    surface: dict[str, set[tuple[str, str]]] = {}
    pinyin: dict[str, set[tuple[str, str]]] = {}
    homophone: dict[str, set[tuple[str, str]]] = {}
    fragments: set[str] = set()
    pinyin_min = data["pinyin_min"]
    # Sense words that are plain literals go into the surface automaton (one scan for both);
    # the ones with regex syntax stay regular expressions.
    sense_regex: dict[str, list[str]] = {"sense": [], "head_sense": []}
    for kind, key in (("sense", "patterns"), ("head_sense", "head_patterns")):
        for pattern in data["sense"][key]:
            if re.escape(pattern) == pattern:
                surface.setdefault(_norm_term(pattern, tables), set()).add((f"_{kind}", pattern))
            else:
                sense_regex[kind].append(pattern)

    def add(group: str, term: str, also: bool = False, evasions: bool = True) -> None:
        key = _norm_term(term, tables)
        if not key:
            return
        surface.setdefault(key, set()).add((group, key))
        if not evasions:
            return
        variants = pinyin_variants(key, tables.syllables, also)
        for variant in variants:
            pinyin.setdefault(variant, set()).add((group, key))
        if variants:
            fragments.update(pinyin_fragments(key, tables.syllables))
        if (len(key) >= pinyin_min or also) and (code := homophone_key(key, tables)):
            homophone.setdefault(code, set()).add((group, key))

    for group, spec in data["groups"].items():
        also = set(spec.get("pinyin_also", []))
        off = set(spec.get("pinyin_off", [])) | ({"*"} if group in _HEAD_GROUPS else set())
        terms = list(spec.get("terms", []))
        compose = spec.get("compose")
        if compose:
            terms += [p + o for p in compose["prefixes"] for o in compose["objects"]]
        for term in terms:
            add(group, term, term in also, evasions=term not in off and "*" not in off)
    for carrier, words in _carrier_terms(data["carriers"]).items():
        for word in words:
            add("carrier:" + carrier, word, evasions=False)

    english = data["english"]
    english_groups = [(g, branches) for g, pats in english.items() if isinstance(pats, list) and g != "sense"
                      for branches in _edged_and_bare(pats)]
    alternations = tuple((g, Alternation(("english", i), map(guarded, branches)))
                         for i, (g, branches) in enumerate(english_groups))
    names = data["carriers"]["foreign_context_names"]
    name_alt = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    foreign_context = re.compile(data["carriers"]["foreign_context"].replace("{NAMES}", f"({name_alt})"))
    prose_entries = data.get("prose", {}).get("clause_patterns", [])
    rules = RuleSet(
        version=data["version"], data=data, tables=tables,
        surface=_automaton(surface), pinyin=_automaton(pinyin), homophone=_automaton(homophone),
        sense=tuple(guarded(p) for p in sense_regex["sense"]),
        sense_clauses=_clauses(data["sense"].get("clause_patterns", [])),
        prose_clauses=_clauses(prose_entries),
        prose_offer_words_only=frozenset(i for i, c in enumerate(prose_entries) if c.get("offer_words_only")),
        prose_plain_only=frozenset(i for i, c in enumerate(prose_entries) if c.get("plain_only")),
        prose_offer=_any_of(data.get("prose", {}).get("offer_patterns", [])),
        prose_headline=_any_of(data.get("prose", {}).get("headline_patterns", [])),
        # the plain_only kinds marked "headline" (攻略, 测评, "complete guide") head an article too
        prose_plain_headline=_any_of([c["pattern"] for c in prose_entries if c.get("headline")]),
        prose_seller_voice=_any_of(data.get("prose", {}).get("seller_voice_patterns", [])),
        head_sense=_any_of(sense_regex["head_sense"]),
        fragments=frozenset(fragments),
        phrase_requires={g: tuple(v) for g, v in data["zh_patterns"].get("requires", {}).items()},
        english=alternations,
        english_sense=Alternation("english_sense", map(guarded, english["sense"])),
        english_gate={a.key: a for g, a in alternations if g not in _HEAD_GROUPS},
        english_negation=re.compile(english["negation"]),
        foreign_context=foreign_context, foreign_names=names,
        phrases={g: _any_of(pats) for g, pats in data["zh_patterns"].items() if isinstance(pats, list)},
        neg={k: tuple(v) if isinstance(v, list) else v for k, v in data["negation"].items()},
        # one match instead of a substring test per cue and hit (the negation step's hot spot)
        neg_after=re.compile(f"[\\s\\S]{{0,{int(data['negation']['after_gap'])}}}?(?:"
                             + "|".join(map(re.escape, data["negation"]["after"])) + ")"),
        not_before={g: frozenset(spec["not_before"]) for g, spec in data["groups"].items() if spec.get("not_before")},
        not_before_except={g: tuple(spec["not_before_except"]) for g, spec in data["groups"].items()
                           if spec.get("not_before_except")},
        prefilter=Prefilter(()),  # set below: it reads the compiled regexes above
    )
    rules.prefilter = Prefilter(_gated(rules), ((("requires", group), literals)
                                                for group, literals in rules.phrase_requires.items()))
    return rules


def _gated(rules: RuleSet) -> Iterator[tuple[Any, re.Pattern[str]]]:
    """The regexes the prefilter gates, under the keys the scanners ask for."""
    yield from ((("sense", i), pattern) for i, pattern in enumerate(rules.sense))
    yield from (("head_sense", rules.head_sense),
                ("offer", rules.prose_offer),
                ("headline", rules.prose_headline), ("plain_headline", rules.prose_plain_headline),
                ("seller_voice", rules.prose_seller_voice))
    yield from rules.english_sense.gated()
    for _, alternation in rules.english:
        yield from alternation.gated()
    yield from ((("sense_clause", i), pattern) for i, (pattern, _, _) in enumerate(rules.sense_clauses))
    yield from ((("prose", i), pattern) for i, (pattern, _, _) in enumerate(rules.prose_clauses))
    yield from ((("phrase", group), pattern) for group, pattern in rules.phrases.items())


def gates(rules: RuleSet, text: Text) -> set[Any]:
    """The keys of the regexes that may match ``text`` (prefilter.py), found once per field."""
    if text.gates is None:
        text.gates = rules.prefilter.opened(text.norm)
    return text.gates


def branch_gates(rules: RuleSet, text: Text) -> dict[Any, list[int]]:
    """The alternation branches that may match ``text`` (prefilter.open_branches), found once per field."""
    if text.branch_gates is None:
        text.branch_gates = open_branches(gates(rules, text))
    return text.branch_gates


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """One alternation of rules.json patterns; an empty list matches nothing."""
    return guarded("|".join(f"(?:{p})" for p in patterns) or "(?!)")


def _edged_and_bare(patterns: list[str]) -> list[list[str]]:
    """The patterns that start at a word edge (``\\b``) and the rest, if any, as two alternations.
    Split when each ran as one regex (Python's engine skips ahead fast only when every branch starts
    at a word edge or a literal; Thai has no spaces: ซิม, เช่าเบอร์ start bare); now that a group runs
    only its open branches (prefilter.Alternation) the split stays because it decides which matches
    may overlap (a match of one half may overlap one of the other: both are hits)."""
    edged = [p for p in patterns if p.startswith("\\b")]
    bare = [p for p in patterns if not p.startswith("\\b")]
    return [group for group in (edged, bare) if group]


def _clauses(entries: list[dict[str, Any]]) -> tuple[tuple[re.Pattern[str], int, int], ...]:
    """rules.json clause patterns (sense and prose): keyword, reach before, reach after."""
    return tuple((guarded(c["pattern"]), int(c["before"]), int(c["after"])) for c in entries)


def _cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "simwatch"


def cache_key() -> str:
    """What the cached rule set is built from: rules.json, the code that builds it, the carrier table
    (names and aliases feed the lexicon: an edit there alone must not leave a stale cache) and the
    pinyin and automaton libraries' versions (read from their metadata: importing pypinyin costs a
    third of a second of start-up, and a loaded rule set never needs it)."""
    here = Path(__file__)
    sources = [RULES_PATH, here, here.with_name("normalise.py"), here.with_name("prefilter.py"),
               here.with_name("guard.py"), Path(carrier_table.__file__)]
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources) + version("pypinyin").encode()
                          + version("pyahocorasick").encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def compiled() -> RuleSet:
    """The rule set, built once per process; cached on disk under ``cache_key()`` (start-up)."""
    digest = cache_key()
    path = _cache_dir() / f"rules-{digest}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    rules = _build(load_rules())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)
        # each edit of the rules leaves a ~4 MB pickle behind: keep only the current one
        for stale in path.parent.glob("rules-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: built again next time
    return rules


# -- finding ----------------------------------------------------------------------------------

def _latin_edges_ok(norm: str, start: int, end: int, term: str) -> bool:
    """A Latin term is a whole word: sim卡 not in asim卡, gsm ≠ sm, esim not in esims."""
    if term[0].isascii() and term[0].isalnum() and start > 0 and norm[start - 1].isascii() \
            and norm[start - 1].isalpha():
        return False
    return not (term[-1].isascii() and term[-1].isalpha() and end < len(norm)
                and norm[end].isascii() and norm[end].isalpha())


def _scan(automaton: Any, text: str) -> Iterator[tuple[int, int, tuple[tuple[str, str], ...]]]:
    if len(automaton) == 0 or not text:
        return
    for last, (length, values, _latin) in automaton.iter(text):
        yield last + 1 - length, last + 1, values


def _surface_hits(rules: RuleSet, text: Text, field: str) -> list[Hit]:
    norm = text.norm
    hits = []
    for last, (length, values, latin) in rules.surface.iter(norm):
        start, end = last + 1 - length, last + 1
        if latin and not _latin_edges_ok(norm, start, end, values[0][1]):
            continue
        written = text.written(start, end)
        hits.extend(Hit(group, term, start, end, field, "surface", written) for group, term in values)
    return hits


# a "+" between words lists a bundle's parts (手表+电话卡+七天电池): separate goods, not one word;
# between single characters it splits a word to dodge filters (免+实+名, POLICY §4)
_BUNDLE_PLUS: Final = re.compile(r"[^\W_]{2}\s*\+\s*[^\W_]{2}")


def _compact_hits(rules: RuleSet, text: Text, field: str) -> list[Hit]:
    norm, compact = text.norm, text.compact
    if len(compact) == len(norm):
        return []
    hits = []
    for cstart, cend, values in _scan(rules.surface, compact):
        start, end = text.compact_to_norm(cstart), text.compact_to_norm(cend - 1) + 1
        if end - start == cend - cstart:
            continue  # no separator inside: the surface view has it
        if (start > 0 and norm[start - 1].isalnum()) or (end < len(norm) and norm[end].isalnum()):
            continue  # begins or ends inside a token of the seller's
        if any(ch in CLAUSE_BREAKS for ch in norm[start:end]) or _BUNDLE_PLUS.search(norm, start, end):
            continue
        for group, term in values:
            hits.append(Hit(group, term, start, end, field, "compact", text.written(start, end)))
    return hits


def _pinyin_hits(rules: RuleSet, text: Text, field: str) -> list[Hit]:
    if rules.fragments.isdisjoint(_TYPED_TOKEN.findall(text.norm)):
        return []  # no typed token could be part of a pinyin key (iphone, pro, 5g)
    pinyin, at, starts, typed = text.pinyin_view
    hits = []
    for pstart, pend, values in _scan(rules.pinyin, pinyin):
        if not starts[pstart] or (pend < len(pinyin) and not starts[pend]):
            continue  # not on unit edges: inside a syllable or a Latin word
        if not any(typed[pstart:pend]):
            continue  # all CJK: the surface or homophone view decides
        start, end = at[pstart], at[pend - 1] + 1
        for group, term in values:
            hits.append(Hit(group, term, start, end, field, "pinyin", text.written(start, end)))
    return hits


def _homophone_hits(rules: RuleSet, text: Text, field: str) -> list[Hit]:
    norm = text.norm
    hits = []
    for start, end, values in _scan(rules.homophone, text.codes):
        seen = norm[start:end]
        for group, term in values:
            if seen != term:
                hits.append(Hit(group, term, start, end, field, "homophone", text.written(start, end)))
    return hits


def _english_hits(rules: RuleSet, text: Text, field: str, view: str, at: list[int] | None,
                  branches: dict[Any, list[int]]) -> list[Hit]:
    """English (and Russian) lexicon hits on ``view`` (the normalised text, or its dehyphenated
    form with ``at`` mapping each of its characters back to the normalised text), after sense.
    ``branches``: the view's open alternation branches (prefilter.open_branches)."""
    def span(start: int, end: int) -> tuple[int, int]:
        return (start, end) if at is None else (at[start], at[end - 1] + 1)

    hits = []
    # the sense phrases, found once: they void the group hits under them and are hits themselves
    senses = list(rules.english_sense.finditer(view, branches))
    sense_en = Spans((m.start(), m.end()) for m in senses)  # no branch of an Alternation matches empty
    for group, alternation in rules.english:
        for m in alternation.finditer(view, branches):
            if group in _HEAD_GROUPS or not sense_en.overlapping(m.start(), m.end()):
                start, end = span(m.start(), m.end())
                hits.append(Hit(group, m.group().strip(), start, end, field, "english", text.written(start, end)))
    for m in senses:
        start, end = span(m.start(), m.end())
        hits.append(Hit("english_sense", m.group(), start, end, field, "english", text.written(start, end)))
    return hits


# A hyphen inside a Latin word (Accoun-t, Exper-t) or hanging at a word's edge (Telegram- Accoun-t
# Providers-) splits words to dodge filters (EVASIONS.md, "split Latin words").
_SPLIT_HYPHEN: Final = re.compile(r"[a-z]-(?:[a-z]|\s)|\s-[a-z]")


def dehyphenated(norm: str) -> tuple[str, list[int]] | None:
    """The variant view of split Latin words: a hyphen between two letters (accoun-t) or next to a
    space (telegram- ) is dropped; with the position in ``norm`` of each character. None
    when the text has no such hyphen (the common case: no second English scan)."""
    if _SPLIT_HYPHEN.search(norm) is None:
        return None
    out: list[str] = []
    at: list[int] = []
    last = len(norm) - 1
    for index, ch in enumerate(norm):
        if ch == "-" and 0 < index < last:
            left, right = norm[index - 1], norm[index + 1]
            if (_is_letter(left) and _is_letter(right)) or left.isspace() or right.isspace():
                continue
        out.append(ch)
        at.append(index)
    return "".join(out), at


def _is_letter(ch: str) -> bool:
    return "a" <= ch <= "z"


def _phrase_hits(rules: RuleSet, text: Text, field: str) -> list[Hit]:
    """Chinese phrases whose words may be apart: one alternation per group (groups may overlap),
    run only when the prefilter finds the group's literals and, when it has them, one of its
    required literals (``zh_patterns.requires``) in the text. (A group's few branches gain nothing
    from prefilter.Alternation: measured, not kept.)"""
    requires = rules.phrase_requires
    may = gates(rules, text)
    return [Hit(group, m.group(), m.start(), m.end(), field, "phrase", text.written(m.start(), m.end()))
            for group, pattern in rules.phrases.items()
            if ("phrase", group) in may and (group not in requires or ("requires", group) in may)
            for m in pattern.finditer(text.norm) if m.end() > m.start()]


class Spans:
    """Sorted spans with a bounded look-up: the spans overlapping a hit are found by bisection
    (a sense word or an English sense phrase is short), so a filter stays linear in the text."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [(s, e) for s, e in self.spans[lo:hi] if e > start]

    def covers(self, start: int, end: int) -> bool:
        """Whether one span holds all of ``start``-``end``."""
        return any(s <= start and end <= e for s, e in self.overlapping(start, end))


def _spans(pattern: re.Pattern[str], norm: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(norm) if m.end() > m.start()]


_CLAUSE_END: Final = frozenset("。！？；;!?\n")


def _clause_spans(clauses: tuple[tuple[re.Pattern[str], int, int], ...], norm: str, opened: set[Any],
                  kind: str, skip: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Each clause keyword's match widened over its clause, at most ``before``/``after``
    characters, stopping at a sentence end. Found by the keyword and widened by hand because a
    regex with the context in front (``[^。]{0,40}keyword``) tries that context at every position
    of the text: the rules path lost a fifth of its speed to three such patterns."""
    spans = []
    for index, (pattern, before, after) in enumerate(clauses):
        if (kind, index) not in opened or index in skip:
            continue
        for m in pattern.finditer(norm):
            start, end = m.start(), m.end()
            # the reach counts written characters, not spaces: letter-spaced text (g r a y   m a r k e t
            # is read as "gray   market") keeps its reach; a hard cap keeps each widening bounded
            floor, ceiling = max(0, start - 4 * before), min(len(norm), end + 4 * after)
            left, right = before, after
            while start > floor and left > 0 and norm[start - 1] not in _CLAUSE_END:
                start -= 1
                left -= not norm[start].isspace()
            while end < ceiling and right > 0 and norm[end] not in _CLAUSE_END:
                end += 1
                right -= not norm[end - 1].isspace()
            if end > start:
                spans.append((start, end))
    return spans


def _sense_voids(hit: Hit, spans: Spans) -> bool:
    """A word of another sense reaching out of the hit voids it (手机卡托, 移动电源); one inside
    the hit does not (物联网卡 holds 网卡)."""
    return any(s < hit.start or e > hit.end for s, e in spans.overlapping(hit.start, hit.end))


def _drop_contained(hits: list[Hit]) -> list[Hit]:
    """A hit strictly inside a longer one is dropped (无需激活 holds 需激活): one sweep by start."""
    hits.sort(key=lambda h: (h.start, -h.end))
    kept: list[Hit] = []
    max_end, max_start = -1, -1
    for hit in hits:
        if max_end > hit.end or (max_end == hit.end and max_start < hit.start):
            continue
        kept.append(hit)
        if hit.end > max_end:
            max_end, max_start = hit.end, hit.start
    return kept


def _one_reading(hits: list[Hit]) -> list[Hit]:
    """Each written character has one reading: an evasion hit sharing characters with a plain
    hit, or with an earlier evasion hit (免sm 号卡: sm is 实名 of 免实名, not of 实名号), is dropped."""
    plain = [h for h in hits if not h.evasion]
    spans = Spans((h.start, h.end) for h in plain)
    kept: list[Hit] = []
    reach, last = -1, (-1, -1)  # furthest end of the kept evasion hits, and that hit's span
    for hit in (h for h in hits if h.evasion):  # sorted by start
        partial = any(not (s <= hit.start and hit.end <= e) for s, e in spans.overlapping(hit.start, hit.end))
        if partial or (reach > hit.start and last != (hit.start, hit.end)):
            continue
        kept.append(hit)
        if hit.end > reach:
            reach, last = hit.end, (hit.start, hit.end)
    return sorted(plain + kept, key=lambda h: (h.start, -h.end))


def english_open(rules: RuleSet, *texts: Text) -> bool:
    """Whether a listing's English lexicon is read at all: one of its fields holds an English
    SIM, black-card or context word (``_english_any``). Then the heads of every field are read too
    (a watch in the title, "4G SIM" in the description)."""
    return any(_ENGLISH_WORD.search(t.norm) and _english_any(rules, t.norm, branch_gates(rules, t)) for t in texts)


def _english_any(rules: RuleSet, view: str, branches: dict[Any, list[int]]) -> bool:
    """Whether a pattern of an English group other than the heads matches: a text with no SIM,
    black-card or context word needs no English scan (a device or accessory word alone decides
    nothing; the heads are read once this opens)."""
    gate = rules.english_gate
    return any(gate[key].search(view, branches) for key in branches if key in gate)


# How far back an English hit's context (hit.before) reaches. English words are longer: "with a free " before a
# SIM word needs more than six characters ("for unlocked security camera": where a card works), and a box verb three
# words before the card ("comes with a prepaid T-Mobile SIM card") needs 32.
_ENGLISH_BEFORE: Final = 32


def find_hits(rules: RuleSet, text: Text, field: str, chinese: bool, english: bool | None = None) -> list[Hit]:
    """Every signal of one field, after word sense and containment; negated ones flagged.
    ``english``: whether to read the English lexicon (``english_open`` of the listing); by
    default, whether this field opens it."""
    if not text.norm:
        return []
    norm = text.norm
    hits = _surface_hits(rules, text, field)
    hits += _compact_hits(rules, text, field)
    has_latin = _LATIN_WORD.search(norm) is not None
    if chinese and has_latin:
        hits += _pinyin_hits(rules, text, field)
    homophones = _homophone_hits(rules, text, field) if text.has_cjk else []
    hits += _phrase_hits(rules, text, field)
    # whether any English signal is there first: most Latin in Chinese titles (5G, iPhone) is no
    # English signal, and then the groups' scans are skipped
    if english is None:
        english = english_open(rules, text)
    if english and _ENGLISH_WORD.search(norm):
        hits += _english_hits(rules, text, field, norm, None, branch_gates(rules, text))
    joined = dehyphenated(norm) if has_latin else None
    joined_branches = open_branches(rules.prefilter.opened(joined[0])) if joined is not None else {}
    if joined is not None and (english or _english_any(rules, joined[0], joined_branches)):
        seen = {(h.group, h.start, h.end) for h in hits if h.via == "english"}
        hits += [h for h in _english_hits(rules, text, field, *joined, joined_branches) if (h.group, h.start, h.end) not in seen]

    # Nothing but sense words found (most titles of other goods): nothing for the filters below
    # to void, so their scans are skipped (same result, a tenth of the rules path).
    if not homophones and all(h.group[0] == "_" or h.group == "words" for h in hits):
        return []
    # Word sense: a term inside a word of another sense is void (移动电源, 卡托, 银行卡).
    # Everyday words (the ``words`` group: 商城, 包邮 ...) are sense words too: 号卡商城 holds no 卡商.
    opened = gates(rules, text)
    sense = Spans([span for i, pattern in enumerate(rules.sense) if ("sense", i) in opened
                   for span in _spans(pattern, norm)]
                  + _clause_spans(rules.sense_clauses, norm, opened, "sense_clause")
                  + [(h.start, h.end) for h in hits if h.group in ("_sense", "words", "english_sense")])
    head_sense = Spans((_spans(rules.head_sense, norm) if "head_sense" in opened else [])
                       + [(h.start, h.end) for h in hits if h.group == "_head_sense"])
    hits = [h for h in hits if h.group[0] != "_"]
    # a name whose 卡 begins another word (小电视卡通, 网红卡皮巴拉, 步步高卡拉OK) is not that name
    if rules.not_before:
        hits = [h for h in hits if h.group not in rules.not_before or h.end >= len(norm)
                or norm[h.end] not in rules.not_before[h.group]
                or norm.startswith(rules.not_before_except.get(h.group, ()), h.end)]
    hits = [h for h in hits if not _sense_voids(h, head_sense if h.group in _HEAD_GROUPS else sense)]
    # A card name (春风卡) is any CJK word ending in 卡: one that is itself a word of another sense
    # (内存卡, 会员卡) is void even when the sense word covers it exactly.
    hits = [h for h in hits if h.group != "card_name" or not sense.overlapping(h.start, h.end)]
    # a carrier's or an app's card name whose 卡 ends a word of another sense is that word
    # (移动版内存卡: a memory card's edition, not a 移动 card)
    hits = [h for h in hits if h.group != "brand_card" or not any(e == h.end for _, e in sense.overlapping(h.start, h.end))]
    # Regex hits (phrases, English) never hide the lexicon words inside them (联通大王卡 keeps 联通,
    # "registered esim" keeps esim).
    hits = _drop_contained([h for h in hits if h.via not in ("phrase", "english")]) + \
        [h for h in hits if h.via in ("phrase", "english")]
    hits = _one_reading(hits)
    hits += _supported_homophones(homophones, hits, sense, norm)
    hits.sort(key=lambda h: (h.start, -h.end))
    _negate(rules, hits, norm)
    for hit in hits:
        english = hit.via == "english"
        left, right = clause_bounds(norm, hit.start, hit.end, reach=_ENGLISH_BEFORE if english else 8)
        hit.before = norm[max(left, hit.start - (_ENGLISH_BEFORE if english else 6)):hit.start]
        hit.after = norm[hit.end:min(right, hit.end + (12 if english else 8))]
    return hits


_SIM_CUE: Final = ("product", "number", "iot", "verification", "buy_cards", "weak_sim", "travel",
                   "no_real_name", "pre_registered", "pre_activated", "bulk_trading", "iot_use",
                   "domestic_use", "contact", "brand_card")


def prose_clauses(rules: RuleSet, text: Text, article_only: bool = False, plain: bool = True) -> Spans:
    """A field's prose clauses (rules.json "prose"): only the clause patterns the prefilter opens
    are run (run on every field, they were a tenth of the rules path's time). ``plain``: the field
    names no price, plan figure or black-card word, so the "plain_only" kinds (headline words a
    seller's title may carry too: 攻略, 测评, "complete guide") count."""
    skip = rules.prose_offer_words_only if article_only else frozenset()  # rules.json "offer_words_only"
    if not plain:
        skip = skip | rules.prose_plain_only
    return Spans(_clause_spans(rules.prose_clauses, text.norm, gates(rules, text), "prose", skip))


def plain_kinds_open(rules: RuleSet, text: Text) -> bool:
    """Whether the prefilter found a literal of a "plain_only" prose kind in the field: only then
    does it matter whether the field is plain (the plain headline words are those kinds' words)."""
    opened = gates(rules, text)
    return any(("prose", i) in opened for i in rules.prose_plain_only)


# prose_search's keys (the prefilter's gate keys too) and the RuleSet patterns they name
_PROSE_PATTERNS: Final = {"offer": "prose_offer", "headline": "prose_headline",
                          "plain_headline": "prose_plain_headline", "seller_voice": "prose_seller_voice"}


def prose_search(rules: RuleSet, text: Text, key: str) -> bool:
    """Whether the field holds a call to contact the writer (``"offer"``) or reads as an article's
    headline (``"headline"``; ``"plain_headline"``: words a seller's title carries too), or speaks as
    a shop (``"seller_voice"``), rules.json "prose"."""
    return key in gates(rules, text) and getattr(rules, _PROSE_PATTERNS[key]).search(text.norm) is not None


def mark_prose(rules: RuleSet, text: Text, hits: list[Hit], clauses: Spans | None = None,
               plain: bool = True) -> bool:
    """Flag the hits (of one field) inside a prose clause; True when all are. Called only for a
    listing's offer words, title first (most titles end it there). ``clauses``: the field's
    ``prose_clauses`` when the caller has them already (else found with ``plain``)."""
    if not hits:
        return True
    prose = prose_clauses(rules, text, plain=plain) if clauses is None else clauses
    for hit in hits:
        # a contact id is the writer's own: never prose (SEO spam defines what it sells beside one)
        hit.prose = hit.group != "contact" and prose.covers(hit.start, hit.end)
    return all(hit.prose for hit in hits)


def _supported_homophones(homophones: list[Hit], hits: list[Hit], sense: Spans,
                          norm: str) -> list[Hit]:
    """A homophone counts only as a whole token (or touching a signal), next to a SIM cue unless
    the term has 4+ syllables (代收验证马: too long to be an everyday word by chance)."""
    kept = []
    # a weak word inside the homophone (流量 of 流量咔) does not block the longer reading
    taken = Spans((h.start, h.end) for h in hits if h.group != "weak_sim")
    cues = Spans((h.start, h.end) for h in hits if h.group in _SIM_CUE or h.group.startswith("carrier:"))
    for hom in homophones:
        if _sense_voids(hom, sense) or taken.overlapping(hom.start, hom.end):
            continue
        near = cues.overlapping(hom.start - 4, hom.end + 4)  # cues within 4 characters
        left_ok = hom.start == 0 or not norm[hom.start - 1].isalnum() or any(e == hom.start for _, e in near)
        right_ok = hom.end == len(norm) or not norm[hom.end].isalnum() or any(s == hom.end for s, _ in near)
        if not (left_ok and right_ok):
            continue
        if len(hom.term) >= 4 or any(not any(ch in CLAUSE_BREAKS for ch in norm[min(e, hom.end):max(s, hom.start)])
                                     for s, e in near):
            kept.append(hom)
    return kept


def _negate(rules: RuleSet, hits: list[Hit], norm: str) -> None:
    """Negation before/after a hit in its clause, never across another signal (EVASIONS.md)."""
    neg = rules.neg
    applies = set(neg["applies_to"])
    requirement_groups = set(neg["requirement_applies_to"])
    previous: Hit | None = None
    for hit in hits:
        if hit.group not in applies and hit.group not in ("english_sense",):
            continue
        if hit.via == "english":
            # never across another signal: "no registration needed SIM card" does not negate SIM
            left = max(0, hit.start - 40)
            if previous is not None and left < previous.end <= hit.start:
                left = previous.end
            window = norm[left:hit.start]
            if hit.group != "english_sense" and rules.english_negation.search(window):
                hit.negated = True
            previous = hit
            continue
        left, right = clause_bounds(norm, hit.start, hit.end)
        if previous is not None and previous.end > left and previous.end <= hit.start:
            left = previous.end
        before = norm[left:hit.start]
        after = norm[hit.end:right]
        # touching (不免实名, 不含流量卡), one non-space filler (不是免实名), or a refusal verb up to ``gap``
        # characters before (我们不做 免实名); short negators never reach across a space; a
        # why-is-there-none question (为什么没有…？) asks for the thing
        # 收/卖给我 不用的手机卡: the cards bought are those not in use (never negation of the buying;
        # of a card word alone it is: 不用的手机卡怎么处理 asks about one's own card)
        refused = not (hit.group == "buy_cards" and before.endswith(neg["describing"])) \
            and not before.endswith(neg["asking"]) and (
            before.endswith(neg["adjacent"]) or before.endswith(neg["adjacent2"])
            or (before[-1:].strip() != "" and before[:-1].endswith(neg["adjacent2"]))
            or _near(before, neg["near"], neg["gap"])
            or rules.neg_after.match(after) is not None)
        # 需过人脸: the buyer's own step, not a card sold registered/activated
        required = hit.group in requirement_groups and before.endswith(neg["requirement"])
        # 不卖免实名和已激活卡: joined to a negated signal
        joined = (previous is not None and previous.negated and previous.field == hit.field
                  and norm[previous.end:hit.start].strip() in neg["coordinators"])
        hit.negated = refused or required or joined
        previous = hit


def _near(before: str, cues: list[str], gap: int) -> bool:
    tail = before[-(gap + 6):]
    return any(0 <= len(tail) - (tail.rfind(cue) + len(cue)) <= gap for cue in cues if cue in tail)


def days_named(norm: str) -> bool:
    return _DAYS.search(norm) is not None


# not a shop's return or delivery terms (7天无理由, 30 days return)
_DAYS: Final = re.compile(r"\d+\s*(?:天|日|days?\b)(?!\s*(?:无理由|内?退|内?包退|内?包换|价保|保价|内?发货|内?发出|returns?|money))")


def foreign_named(rules: RuleSet, norm: str) -> list[str]:
    return [rules.foreign_names[next(g for g in m.groups() if g)]
            for m in rules.foreign_context.finditer(norm)]


def surface(text: str | None) -> str:
    """The normalised (surface) form of a text, as the rules and the text model read it."""
    return Text(text or "", compiled().tables, len(text or "")).norm
