"""Composed field analysis (per space-separated piece) must equal the whole-text analysis."""

from __future__ import annotations

import json
import random

import pytest

from crawler.classifiers import Classifier
from crawler.classifiers.evidence import (
    _composed,
    _english_hits,
    _planned_english_hits,
    field_hits,
    plan,
    whole_field_hits,
)
from crawler.classifiers.text import DATA_DIR

# One title per way something reaches across a space; each must come out as the whole text does,
# whether the composition declines it or handles it.
ACROSS_A_SPACE = [
    "手机卡不做 免实名",  # a cue running up to the next signal belongs to that one
    "流量卡 违法 免实名",  # a condemnation after a signal, in the next piece
    "我们不做 免实名 流量卡",  # a refusal verb before a signal, in the previous piece
    "不卖免实名和 已激活卡",  # a refusal passed on through a coordinator
    "不卖免实名 和 已激活卡",
    "免 实名 流量卡",  # a term written across a space
    "免 实 名 流量卡",  # ... through a one-character piece
    "mian shi ming 电话卡",  # typed pinyin across spaces
    "已开通 5g 流量卡",  # a word-sense pattern looking across a space
    "免石名 免实名 电话卡",  # a homophone of a term written in another piece
    "流量 包邮 免实名",  # a split term whose last piece begins another word
    "电信 5G卡套餐 月租19元",  # a split term straddling a word: the shorter term stays
    "电话卡 支持 电信卡",  # the clause before a hit reaches into the previous piece
    "短信验证码 接收 平台",  # a phrase pattern across spaces
    "prepaid sim card no id required",  # English patterns across spaces
    "sim tray 卡托 双卡",
    "CSL dhk pre-registered 7天无限流量",
    "no 电话卡 pre-registered sim",  # English negation reaching across a Chinese piece
    "流量卡 sms verification 平台",  # an optional trailing part: the match ends before the next piece
    "sim 30 days 电话卡",  # a look-ahead reading the next English piece
    "collect收藏 phonecards 老电话卡",  # \\w running from English into Chinese inside a piece
    "旅行 ，sim card， 日本",  # punctuation next to English pieces
]


def _corpus_titles() -> list[str]:
    rows = []
    for name in ("corpus.jsonl", "review_set.jsonl"):
        rows += [json.loads(line) for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines() if line]
    return [row["title"] for row in rows]


def _spaced(titles: list[str], seed: int = 7) -> list[str]:
    """Titles with spaces inserted at random places: signals, windows and phrases cut apart."""
    rng = random.Random(seed)
    out = []
    for title in titles:
        chars = list(title)
        for _ in range(rng.randint(1, 3)):
            chars.insert(rng.randint(1, max(1, len(chars) - 1)), " ")
        out.append(" ".join("".join(chars).split()))
    return out


@pytest.mark.parametrize("title", ACROSS_A_SPACE)
def test_reaching_across_a_space_is_seen(title: str) -> None:
    composed = _composed(title, "title")
    if composed is not None:
        assert composed == whole_field_hits(title, "title")
    assert field_hits(title, "title") == whole_field_hits(title, "title")


def test_composition_equals_whole_text_on_corpus_titles_cut_at_random() -> None:
    titles = [t for t in _corpus_titles() + _spaced(_corpus_titles()) if " " in t]
    composed = 0
    for title in titles:
        for field in ("title", "description"):
            result = _composed(title, field)
            if result is not None:
                composed += 1
                assert result == whole_field_hits(title, field), title
    # Not vacuous: most titles with spaces do go the composed way.
    assert composed > len(titles)


def test_split_term_straddling_a_word_keeps_the_shorter_term() -> None:
    classifier = Classifier(use_model=False)
    verdict = classifier.classify({"platform": "taobao", "listing_id": "1", "title": "移动 5G卡 月租19元"})
    assert verdict.carriers == ["中国移动"]  # "移动 5g" straddles 5g卡; 移动 still names the carrier


@pytest.mark.parametrize("title", ["联通 大流量 包邮 免实名", "纯流量 包邮 全国通用 不限速"])
def test_free_shipping_is_not_a_data_top_up(title: str) -> None:
    verdict = Classifier(use_model=False).classify({"platform": "taobao", "listing_id": "1", "title": title})
    assert verdict.sim_listing
    assert "sense:topup" not in verdict.rules_fired


def test_card_word_then_clause_break_then_mall_is_not_a_card_dealer() -> None:
    verdict = Classifier(use_model=False).classify(
        {"platform": "taobao", "listing_id": "1", "title": "移动号卡，正规卡，商城 长期套餐"})
    assert "bulk_trading" not in verdict.violations


def test_english_runs_find_what_the_whole_title_search_finds() -> None:
    english = ["prepaid sim card", "no id required", "pre-registered", "sim tray", "bulk sim cards",
               "not pre-activated", "sim 30 days", "iot sim", "for phones", "unlimited data sim", "kyc done"]
    rng = random.Random(11)
    titles = _corpus_titles()
    planned_count = 0
    for _ in range(3000):
        parts = rng.sample(titles, 2) + rng.sample(english, rng.randint(1, 3))
        rng.shuffle(parts)
        title = " ".join(" ".join(parts).split())
        planned = plan(title)
        if planned is None or not planned.english:
            continue
        planned_count += 1
        assert _planned_english_hits(planned, "title") == _english_hits(planned.norm, "title", planned.english_groups), title
    assert planned_count > 1000
