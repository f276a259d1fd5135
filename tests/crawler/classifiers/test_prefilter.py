"""Required literals of a regex: every match contains one of them."""

from __future__ import annotations

import json
import re

import pytest

from crawler.classifiers.evidence import _ENGLISH_ANY, _ZH_ANY
from crawler.classifiers.prefilter import may_match, required_literals
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
    texts = []
    for name in ("corpus.jsonl", "review_set.jsonl"):
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
            if line:
                row = json.loads(line)
                texts += [surface(row["title"]), surface(row.get("description") or "")]
    matches = [m.group() for text in texts for m in pattern.finditer(text)]
    assert matches  # the corpus exercises the patterns
    assert all(any(literal in match for literal in required) for match in matches)
