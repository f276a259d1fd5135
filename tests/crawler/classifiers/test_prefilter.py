"""The regex prefilter (crawler/classifiers/prefilter.py): a regex it leaves out could not match."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable
from pathlib import Path
from re import _parser as _sre_parse

import pytest

from crawler.classifiers.corpus import load_corpus
from crawler.classifiers.normalise import Text
from crawler.classifiers.prefilter import Alternation, Prefilter, anchors, open_branches
from crawler.classifiers.rules import RuleSet, _gated, compiled, dehyphenated
from tests.crawler.classifiers.test_real_corpus import load_real

GATHERED = Path(__file__).with_name("gathered")


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"what\s+(?:is|are)\b", {"what"}),
    (r"(?:有|部分|一些)的?(?:卖家|商家)", {"卖家", "商家"}),  # the longer of the two required sets
    (r"(?:答|问|q|a)[ \t]*:", {":"}),  # one character rather than four
    (r"(?:答|问|q|a)[ \t]*", {"答", "问", "q", "a"}),  # a class of characters counts as their set
    (r"\d+\s*(?:天|日|days?)", {"天", "日", "day"}),
    (r"(?:x)?y+zz", {"zz"}),
    (r"(?:sim|卡)+", {"sim", "卡"}),
    (r"buy\s+(?i:SIM)", {"buy"}),  # literals outside a case-insensitive group still anchor
])
def test_anchors_every_match_needs(pattern: str, expected: set[str]) -> None:
    assert anchors(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", [
    r"\d+天?",  # nothing but digits is certain
    r"sim|\d+天?",  # one alternative needs no literal
    r"(?:sim)?",  # optional
    r"(?:sim){0,3}",
    r"[a-z]+",
    r"(?i)sim",  # case-insensitive: left to run
    r"(?i:SIM)",  # a case-insensitive group too
])
def test_no_anchor_means_always_run(pattern: str) -> None:
    assert anchors(re.compile(pattern)) is None
    gate = Prefilter([("p", re.compile(pattern))])
    assert gate.opened("") == {"p"}


def test_opened_names_the_regexes_whose_literal_occurs() -> None:
    gate = Prefilter([("a", re.compile(r"what\s+is")), ("b", re.compile(r"\d+张起")),
                      ("c", re.compile(r"\d+"))])
    assert gate.opened("what is it") == {"a", "c"}
    assert gate.opened("100张起 批发") == {"b", "c"}
    assert gate.opened("nothing") == {"c"}


def _texts() -> list[str]:
    """Development texts (never the test split): real dev rows, the gathered texts, the template
    corpus, and each of them letter-spaced, upper-cased and cut in half (other views of the same words)."""
    rows = load_real("dev") + load_corpus()
    for path in sorted(GATHERED.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [str(row.get(field) or "") for row in rows for field in ("title", "description")]
    texts = [t for t in texts if t]
    rng = random.Random(16)
    variants = [" ".join(t) for t in rng.sample(texts, 300)] + [t.upper() for t in rng.sample(texts, 300)] \
        + [t[len(t) // 2:] for t in rng.sample(texts, 300)]
    return texts + variants


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return compiled()


def test_every_regex_that_matches_a_corpus_text_was_opened(rules: RuleSet) -> None:
    """Soundness on ~9,000 real and template texts: no regex that matches a text is left out,
    so gating changes no verdict (and each regex is exercised: some text opens it)."""
    gated = list(_gated(rules))
    missed: list[str] = []
    matched: set[object] = set()
    for raw in _texts():
        text = Text(raw, rules.tables, 6000)
        opened = rules.prefilter.opened(text.norm)
        for key, pattern in gated:
            if pattern.search(text.norm):
                matched.add(key)
                if key not in opened:
                    missed.append(f"{key}: {text.norm[:60]!r}")
    assert not missed, missed[:10]
    assert len(matched) >= len(gated) * 0.8  # the check reached most regexes


def test_gated_regexes_all_have_anchors(rules: RuleSet) -> None:
    """A regex without a certain literal runs on every text: fine, but a new rule should know
    it costs a scan of every field (name it here if it must)."""
    assert [key for key, pattern in _gated(rules) if anchors(pattern) is None] == []


def test_literals_given_as_such_open_their_keys_in_the_same_scan() -> None:
    gate = Prefilter([("p", re.compile(r"\d+张起"))], [("requires", ["批发", "张起"])])
    assert gate.opened("100张起") == {"p", "requires"}
    assert gate.opened("批发") == {"requires"}


def _whole(patterns: Iterable[str]) -> re.Pattern[str]:
    """The reference: the patterns joined into one alternation, as re runs it."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _alternation(key: str, patterns: list[str]) -> tuple[Alternation, Prefilter, re.Pattern[str]]:
    alternation = Alternation(key, [re.compile(p) for p in patterns])
    return alternation, Prefilter(alternation.gated()), _whole(patterns)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def test_alternation_matches_as_the_whole_alternation_leftmost_first() -> None:
    # at one position the first branch in order wins (sim card, not card at 4 nor the longer
    # "sim card pack" that comes later in the list); overlapping later matches are skipped
    alternation, gate, whole = _alternation("t", [r"\bsim card\b", r"card\b", r"\bsim card pack",
                                                   r"\bpack\b", r"\bcard pack\b"])
    for text in ["buy a sim card pack now", "card pack", "sim card card pack", "pack sim card", "nothing here"]:
        found = _spans(alternation.finditer(text, open_branches(gate.opened(text))))
        assert found == _spans(whole.finditer(text)), text


def test_alternation_runs_no_branch_the_prefilter_left_closed() -> None:
    alternation, gate, _ = _alternation("t", [r"\bsim\b", r"\besim\b"])
    assert _spans(alternation.finditer("esim sim", open_branches(gate.opened("sim")))) == [(5, 8)]
    assert list(alternation.finditer("esim sim", {})) == []


def test_alternation_refuses_a_branch_that_may_match_nothing() -> None:
    with pytest.raises(ValueError, match="may match nothing"):
        Alternation("t", [re.compile(r"sim"), re.compile(r"(?:card)?")])


def test_rules_alternations_match_as_whole_alternations_on_the_corpora(rules: RuleSet) -> None:
    """The English groups and the English sense phrases run through their opened branches only
    (prefilter.Alternation): on ~9,000 real and template texts every match is the one the whole
    alternation finds. A text that opens none of an alternation's branches is skipped: a match of
    the whole there would be a match of one branch, which the soundness check above rules out
    (comparing on every text took ~20 s, nearly all of it on Chinese texts that open no English branch)."""
    alternations = [rules.english_sense, *(a for _, a in rules.english)]
    wholes = [_whole(b.pattern for b in a.branches) for a in alternations]
    differ = []
    for raw in _texts():
        norm = Text(raw, rules.tables, 6000).norm
        joined = dehyphenated(norm)  # the view of split Latin words (accoun-t), when the text has one
        for view in (norm,) if joined is None else (norm, joined[0]):
            opened = open_branches(rules.prefilter.opened(view))
            for alternation, whole in zip(alternations, wholes, strict=True):
                if alternation.key not in opened:
                    continue
                if _spans(alternation.finditer(view, opened)) != _spans(whole.finditer(view)):
                    differ.append(f"{alternation.key}: {view[:60]!r}")
    assert not differ, differ[:10]


_ATOMS = ["a", "b", "c", " ", "[ab]", r"\w", r"\s", "[^a]", "ab", "a b", r"\b", r"\B", r"(?<=a)", r"(?<!a)",
          r"(?=a)", r"(?!b)", "^", "$", "(?:a)?", "(?:b)+", "(?:ab|ba)", "(?:a|b c)?", "(?>a+)", "(?:c)+?"]


def test_alternation_matches_as_re_on_random_branches_and_texts() -> None:
    """Random branches (word edges, look-arounds, anchors, repeats) over a small alphabet: the merge of
    the open branches finds what re finds for the joined alternation (a reversed tie order or a search
    restarted at the wrong place fails this in thousands of the cases)."""
    rng = random.Random(50)
    differ = []
    for _ in range(1500):
        branches: list[str] = []
        count = rng.randint(2, 5)
        while len(branches) < count:
            candidate = "".join(rng.choice(_ATOMS) for _ in range(rng.randint(1, 4)))
            if re.compile(candidate).groups == 0 and _sre_parse.parse(candidate).getwidth()[0] > 0:
                branches.append(candidate)
        alternation, gate, whole = _alternation("r", branches)
        for _ in range(4):
            text = "".join(rng.choice("ab c") for _ in range(rng.randint(0, 20)))
            opened = open_branches(gate.opened(text))
            if _spans(alternation.finditer(text, opened)) != _spans(whole.finditer(text)) \
                    or alternation.search(text, opened) != (whole.search(text) is not None):
                differ.append((branches, text))
    assert not differ, differ[:5]


def test_alternation_refuses_a_capturing_group() -> None:
    # joined, the branches' groups are numbered across them: a back-reference would mean another group
    with pytest.raises(ValueError, match="capturing group"):
        Alternation("t", [re.compile(r"(a)x"), re.compile(r"(b)\1")])
