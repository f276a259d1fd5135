"""Each evasion class and context class, tested on examples that are NOT in rules.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crawler.classifiers import Classifier
from crawler.classifiers.normalise import DATA_DIR, Text
from crawler.classifiers.rules import compiled, find_hits

RULES_TEXT = (DATA_DIR / "rules.json").read_text(encoding="utf-8")


def groups(text: str, chinese: bool = True) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    rules = compiled()
    for hit in find_hits(rules, Text(text, rules.tables, 1000), "title", chinese):
        if not hit.negated:
            out.setdefault(hit.group, []).append(hit.term)
    return out


# (written by the seller, group, lexicon term it stands for) — none of the written forms
# appears in rules.json (checked below), so each class is handled in general.
EVASIONS = [
    ("traditional", "無須實名 辦卡", "no_real_name", "无须实名"),
    ("traditional", "不需要身份證 流量卡", "no_real_name", "不需要身份证"),
    ("separators", "免~实~名 流量卡", "no_real_name", "免实名"),
    ("separators", "已 激 活 电话卡", "pre_activated", "已激活"),
    ("separators", "手#机#卡 包邮", "product", "手机卡"),
    ("pinyin", "wuxushiming 流量卡", "no_real_name", "无须实名"),
    ("pinyin", "bu yao shen fen zheng 流量卡", "no_real_name", "不要身份证"),
    ("pinyin", "shoujika 联通", "product", "手机卡"),
    ("initials", "sjk 包邮", "product", "手机卡"),
    ("initials", "mrz 流量卡", "no_real_name", "免认证"),
    ("initials", "已jh 流量卡", "pre_activated", "已激活"),
    ("homophone", "免实茗 流量卡", "no_real_name", "免实名"),
    ("homophone", "已識茗 手机卡", "pre_registered", "已实名"),
    ("homophone", "物连网卡 手机可用", "iot", "物联网卡"),
    ("letters", "手机k 包邮", "product", "手机卡"),
    ("letters", "电信k 月租8元", "product", "电信卡"),
    ("emoji", "电话💳 9元", "product", "电话卡"),
    ("emoji", "🆓实名 手机卡", "no_real_name", "免实名"),
    ("fullwidth", "ＬＬＫ 包邮", "product", "流量卡"),
    ("fullwidth", "ｍｉａｎ ｓｈｉ ｍｉｎｇ 手机卡", "no_real_name", "免实名"),
    ("split words", "Pre-regis-tered SI-M cards", "pre_registered", "preregistered"),
    ("split words", "Bul-k- SI-M car-ds for sale", "bulk_trading", "bulk sim"),
]


@pytest.mark.parametrize(("cls", "text", "group", "term"), EVASIONS)
def test_evasion_classes(cls: str, text: str, group: str, term: str) -> None:
    found = groups(text)
    assert term in found.get(group, []), (cls, text, found)


def test_evasion_examples_are_not_in_the_lexicon() -> None:
    for _cls, text, _group, _term in EVASIONS:
        written = text.split()[0]
        assert f'"{written}"' not in RULES_TEXT, written


@pytest.mark.parametrize("text", [
    "本店绝不做免实名，须本人到场",  # refusal verb before
    "严禁销售已实名卡",
    "坚决抵制代实名",
    "免实名都是骗子 本店正规",  # condemnation after
    "我们从不提供接码",
])
def test_negation_scope_voids_signals(text: str) -> None:
    found = groups(text)
    assert not found.get("no_real_name") and not found.get("pre_registered") \
        and not found.get("verification"), found


def test_negation_scope_ends_at_the_clause() -> None:
    found = groups("我们不做批量，免实名流量卡")
    assert "免实名" in found.get("no_real_name", [])
    assert not found.get("bulk_trading")


def test_required_id_is_not_no_real_name() -> None:
    assert not groups("必须本人身份证办理 流量卡").get("no_real_name")


@pytest.mark.parametrize(("text", "void_group"), [
    ("移动电源 快充 20000", "carrier:中国移动"),
    ("移动硬盘 2T", "carrier:中国移动"),
    ("华为手机卡托 卡针", "product"),
    ("防电信诈骗 宣传册", "carrier:中国电信"),
])
def test_word_sense_voids_terms_inside_other_words(text: str, void_group: str) -> None:
    assert void_group not in groups(text)


def test_homophone_across_two_words_is_not_an_evasion() -> None:
    # 免费 + 实名 sounds like 非实名 but is two words.
    assert not groups("首月免费 实名办理 流量卡").get("no_real_name")


def test_initials_never_come_from_chinese_syllables() -> None:
    # 免实名卡 must not swallow the k of 可 (|ke'): 免石名 is still found.
    assert "免实名" in groups("语音卡 免石名 可办副卡").get("no_real_name", [])


def test_rules_file_has_a_version() -> None:
    assert json.loads(RULES_TEXT)["version"]


# Sense words reach beyond the term they void: 已开通 + a service is the buyer's line feature, not a
# card sold activated (EVASIONS "service sense"); 本店/店铺已实名认证 is the shop's own verification (a
# shop back end's message "店铺已实名认证,不可编辑", search-index file 17111829916).
@pytest.mark.parametrize(("text", "group"), [("移动花卡 已开通5G 不限速", "pre_activated"),
                                            ("手机卡 已开通国际漫游", "pre_activated"),
                                            ("联通流量卡 正规渠道 本店已实名认证", "pre_registered"),
                                            ("店铺已实名认证,不可编辑 电话卡", "pre_registered")])
def test_service_and_shop_sense(text: str, group: str) -> None:
    assert not groups(text).get(group), groups(text)


def test_card_state_words_still_count_without_the_sense_word() -> None:
    assert groups("已开通 电话卡 到手即用").get("pre_activated")
    assert groups("手机卡 已实名 店铺正品").get("pre_registered")


def test_a_clause_keyword_voids_its_clause_and_stops_at_the_sentence_end() -> None:
    """``sense.clause_patterns``: the keyword's clause around it is void, no further than its
    reach and never across 。 — the offer in the next sentence keeps its words."""
    from crawler.classifiers.rules import _clause_spans

    keyword = re.compile("涉嫌犯罪")
    text = "出售已实名手机卡。出租电话卡涉嫌犯罪，切勿参与！"
    (start, end), = _clause_spans(((keyword, 40, 40),), text, {("k", 0)}, "k")
    assert text[start:end] == "出租电话卡涉嫌犯罪，切勿参与"
    (start, end), = _clause_spans(((keyword, 2, 0),), text, {("k", 0)}, "k")
    assert text[start:end] == "话卡涉嫌犯罪"


@pytest.mark.parametrize("title", [
    "DHK电热水壶 304不锈钢 1.7L",  # a brand's letters are the initials of 电话卡
    "MRZ 男士运动裤 宽松直筒",  # … of 免认证
    "LLK 流量计 电磁流量计 DN50",  # … of 流量卡, beside a flow meter (流量计 is no data plan)
])
def test_initials_alone_are_a_brand_not_an_evasion(title: str) -> None:
    """Typed initials count only beside another SIM, plan or black-card word of the listing (or
    another term's initials): on their own they are as often a brand's or a model's letters."""
    verdict = Classifier(use_model=False).classify({"platform": "taobao", "listing_id": "1", "title": title})
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", ["dhk 移动 19元100G", "sjk mrz 秒发", "msm 大流量 0月租"])
def test_initials_beside_a_sim_word_are_an_evasion(title: str) -> None:
    verdict = Classifier(use_model=False).classify({"platform": "taobao", "listing_id": "1", "title": title})
    assert verdict.sim_listing, verdict.reasons  # no list loaded: authorisation unchecked, no takedown


@pytest.mark.parametrize(("title", "code"), [
    ("WTB activated SIM cards in bulk, paying top dollar", "bulk_trading"),  # buying ad: WTB; "activated" an adjective
    ("Bulk prepaid SIM cards 100 pcs pre-activated", "bulk_trading"),  # an adjective between bulk and SIM
])
def test_english_bulk_and_buying_word_forms(title: str, code: str) -> None:
    verdict = Classifier(use_model=False).classify({"platform": "ebay", "listing_id": "1", "title": title})
    assert verdict.sim_listing and code in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", ["Activate your SIM cards in bulk from the dashboard", "Manage eSIMs in bulk with our API"])
def test_a_platform_handling_sims_in_bulk_is_no_bulk_sale(title: str) -> None:
    verdict = Classifier(use_model=False).classify({"platform": "ebay", "listing_id": "1", "title": title})
    assert not verdict.sim_listing, verdict.reasons


def test_the_rule_cache_key_follows_the_carrier_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Carrier names and aliases feed the lexicon: editing whitelist/carriers.py alone (a foreign carrier
    added, as hahaSIM was) must give a new cache key, or the cached rule set would go on without it."""
    import whitelist.carriers as carrier_table
    from crawler.classifiers import rules

    before = rules.cache_key()
    copy = tmp_path / "carriers.py"
    copy.write_text(Path(carrier_table.__file__).read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    monkeypatch.setattr(carrier_table, "__file__", str(copy))
    assert rules.cache_key() != before


def test_a_rebuilt_rule_cache_leaves_no_stale_pickles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every edit of rules.json gives a new cache key; the pickles of earlier keys (~4 MB each) are removed
    when the new one is written, so a developer's or an upgraded user's cache does not grow without end."""
    from crawler.classifiers import rules

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    stale = tmp_path / "simwatch" / "rules-0000000000000000.pickle"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"an earlier rule set")
    rules.compiled.cache_clear()
    try:
        rules.compiled()
    finally:
        rules.compiled.cache_clear()
    assert not stale.exists()
    assert [p.name for p in stale.parent.glob("rules-*.pickle")] == [f"rules-{rules.cache_key()}.pickle"]
