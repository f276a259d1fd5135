"""The first-character guard (crawler/classifiers/guard.py): same matches, fewer attempts."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from crawler.classifiers.guard import guarded
from crawler.classifiers.normalise import Text
from crawler.classifiers.rules import _gated, compiled
from tests.crawler.classifiers.test_prefilter import _spans
from tests.crawler.classifiers.test_real_corpus import load_real

GATHERED = Path(__file__).with_name("gathered")


def _lookahead(pattern: re.Pattern[str]) -> str | None:
    match = re.match(r"\(\?=\[(.*?)\]\)\(\?:", pattern.pattern)
    return match.group(1) if match else None


@pytest.mark.parametrize(("pattern", "first"), [
    (r"\d+元/月|月租\d+", r"\d月"),
    (r"(?:中国)?移动卡|联通卡", "中移联"),  # an optional group adds what follows it
    (r"\bsim\s*tray|\bdual\s+sims?", "ds"),  # a word edge is read through
    (r"(?<![可能])注册|(?<=\n)开卡", "注开"),  # so is a lookbehind
    (r"(?:^|(?<=\n))\s*[一二三]、|攻略", r"\s一二三攻"),  # a branch that is only an anchor
    (r"[\u4e00-\u9fff]{0,3}卡商|x", "一-鿿卡x"),  # a range
    (r"(?:a|b)*c|d", "abcd"),
])
def test_guard_reads_the_first_characters(pattern: str, first: str) -> None:
    guard = _lookahead(guarded(pattern))
    assert guard is not None
    assert set(re.findall(r"\\.|.-.|.", guard)) == set(re.findall(r"\\.|.-.|.", first))


@pytest.mark.parametrize("pattern", [
    "移动卡|移动号",  # a literal prefix: the engine skips ahead by itself
    "卡商|号商|收卡",  # every branch starts with a literal: so it does
    r"[^，]{0,3}卡商|收卡",  # a negated class
    r".{0,2}卡商|收卡",  # any character
    r"(?i:sim)\s*card|卡",  # inline flags
    r"(?:x)?|y",  # may match nothing
    r"(?=a)ab|cd",  # a lookahead of its own
    r"(?i)\d+x|k",  # inline global flags, which must stay in front
    r"(?x) \d + | y",
])
def test_guard_leaves_what_it_cannot_read_or_would_not_help(pattern: str) -> None:
    compiled_pattern = guarded(pattern)
    assert compiled_pattern.pattern == pattern


def test_guard_leaves_verbose_patterns() -> None:
    """(the review) a verbose pattern's comment would swallow the wrapping group's parenthesis."""
    assert guarded(r"\d+元|月租  # fee", re.VERBOSE).pattern == r"\d+元|月租  # fee"


def test_guard_keeps_the_groups() -> None:
    pattern = guarded(r"(a)\1|(b)")
    assert _lookahead(pattern) == "ab"
    assert [m.groups() for m in pattern.finditer("xaab")] == [("a", None), (None, "b")]


def test_guard_keeps_case_insensitivity() -> None:
    pattern = guarded(r"\bsim\s*tray|\bdual\s+sims?", re.IGNORECASE)
    assert _lookahead(pattern) is not None
    assert [m.group() for m in pattern.finditer("A DUAL SIM phone, Sim Tray")] == ["DUAL SIM", "Sim Tray"]


def _texts() -> list[str]:
    rows = load_real("dev") + load_real("test")
    for path in sorted(GATHERED.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [str(r.get(field) or "") for r in rows for field in ("title", "description")]


def _plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The rule as written: ``pattern`` without the guard's lookahead."""
    return re.compile(pattern.pattern[pattern.pattern.index("])(?:") + 5:-1], pattern.flags)


def test_every_guarded_rule_matches_exactly_what_it_did() -> None:
    """Each of rules.json's guarded alternations, with and without its guard: on the normalised
    texts of the real corpus and the gathered texts wherever the prefilter opens it (the only
    texts it runs on; test_prefilter checks that no other text could match), and on shuffles of
    their characters everywhere (which put each character in front of others it never preceded).
    Running every rule unguarded over every text took ~100 s of the suite for no more reach."""
    rules = compiled()
    guarded_patterns = {key: p for key, p in _gated(rules) if _lookahead(p) is not None}
    assert len(guarded_patterns) >= 40  # the guard is in use (84 when written)
    plain = {key: _plain(p) for key, p in guarded_patterns.items()}
    norms = [Text(t, rules.tables, 4000).norm for t in _texts() if t]
    differ = []
    for norm in norms:
        for key in rules.prefilter.opened(norm) & guarded_patterns.keys():
            if _spans(guarded_patterns[key].finditer(norm)) != _spans(plain[key].finditer(norm)):
                differ.append((key, norm))
    rng = random.Random(37)
    for norm in ("".join(rng.sample(n, len(n))) for n in rng.sample(norms, 500)):
        for key, pattern in guarded_patterns.items():
            if _spans(pattern.finditer(norm)) != _spans(plain[key].finditer(norm)):
                differ.append((key, norm))
    assert not differ, differ[:5]
