"""Required literals of a regex: every match contains one of them."""

from __future__ import annotations

import json
import re

import pytest

from crawler.classifiers.evidence import _ENGLISH_ANY, _ENGLISH_SOURCES, _ZH_ANY, _ZH_SOURCES
from crawler.classifiers.prefilter import guarded, may_match, required_literals
from crawler.classifiers.rules import lexicon
from crawler.classifiers.text import DATA_DIR, surface


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bsim\s*cards?\b", {"card"}),  # the longest mandatory run
    (r"(?:a|b)x|yz", {"x", "yz"}),  # a class of literals, then a run: the run
    (r"短信验证码.{0,4}平台", {"短信验证码"}),
    (r"(?:出售|转让)", {"出售", "转让"}),
    (r"a?b*", None),  # nothing is mandatory
    (r"(?=sim)\w+", None),  # look-ahead text is not part of the match
])
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    found = required_literals(pattern)
    assert (None if found is None else set(found)) == expected


def test_may_match_without_requirement_always_may() -> None:
    assert may_match(None, "anything")
    assert not may_match(frozenset({"sim"}), "流量卡")


@pytest.mark.parametrize("pattern", [_ZH_ANY, _ENGLISH_ANY], ids=["phrases", "english"])
def test_every_match_in_the_corpus_holds_a_required_literal(pattern: re.Pattern[str]) -> None:
    required = required_literals(pattern.pattern)
    assert required
    texts = _texts()
    matches = [m.group() for text in texts for m in pattern.finditer(text)]
    assert matches  # the corpus exercises the patterns
    assert all(any(literal in match for literal in required) for match in matches)


@pytest.mark.parametrize(("pattern", "look_ahead"), [
    (r"\bsim|\b(?:prepaid|data)\s+sim", "(?=[dps])"),  # a leading \b: the engine cannot skip
    (r"(?:\b(?:e-?)?sim|\d+\s*gb)", r"(?=[\des])"),  # optional parts: what follows may start
    (r"(?<![a-z])(?:x|y)z", "(?=[xy])"),  # assertions consume nothing
    (r"\b[a-c]+x", "(?=[a-c])"),
])
def test_guarded_looks_ahead_for_the_first_characters(pattern: str, look_ahead: str) -> None:
    assert guarded(re.compile(pattern)).pattern == f"{look_ahead}(?:{pattern})"


@pytest.mark.parametrize("pattern", [
    r"sim|card",  # branches of literals: the engine skips ahead by itself
    r"[a-z]+",  # a leading set: likewise
    r"\b.sim",  # any character first
    r"\b(?:x|y?)",  # may match the empty string
    r"\b(?i:sim)",  # a flag inside: the look-ahead would not share it
    r"\b[^x]sim",  # a negated set
])
def test_guarded_leaves_patterns_it_cannot_help(pattern: str) -> None:
    compiled = re.compile(pattern)
    assert guarded(compiled) is compiled


def _texts() -> list[str]:
    texts = []
    for name in ("corpus.jsonl", "review_set.jsonl"):
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
            if line:
                row = json.loads(line)
                texts += [surface(row["title"]), surface(row.get("description") or "")]
    return texts


def test_guarded_patterns_match_exactly_where_the_originals_do() -> None:
    sources = [*_ZH_SOURCES.values(), *_ENGLISH_SOURCES.values(), lexicon().adjacent_re.pattern]
    texts = _texts()
    texts += ["  ".join(texts[i:i + 3]) for i in range(0, len(texts), 3)]  # signals next to others
    guarded_count = 0
    for source in sources:
        original = re.compile(source)
        faster = guarded(original)
        guarded_count += faster is not original
        for text in texts:
            assert [m.span() for m in faster.finditer(text)] == [m.span() for m in original.finditer(text)], \
                (source[:60], text)
    assert guarded_count >= len(_ENGLISH_SOURCES)  # every English pattern starts with \b
