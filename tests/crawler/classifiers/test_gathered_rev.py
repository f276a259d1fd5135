"""Review round (the rev helper): verdicts that must not change when a listing's description
repeats its title, as shop pages commonly do. Texts are those of the other gathered tests (their
sources are named there); labels follow POLICY.md."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_gathered_zh import classify
from tests.crawler.classifiers.test_real_corpus import all_lists_loaded


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(all_lists_loaded(), use_model=False)


# (title, sim): 天王卡99元送视频会员 — index file 13580343508 (test_gathered_zhcard.py): a card with a
# membership given; 爱奇艺年卡 送腾讯视频会员: a membership card (classifier._title_perk's docstring)
@pytest.mark.parametrize(("title", "sim"), [("天王卡99元送视频会员", True), ("爱奇艺年卡 送腾讯视频会员", False)])
def test_title_perk_survives_a_description_repeating_the_title(clf: Classifier, title: str, sim: bool) -> None:
    assert classify(clf, "taobao", title, "").sim_listing is sim
    assert classify(clf, "taobao", title, title).sim_listing is sim


# A plan card's name followed by a word that begins with a not_before character (通话, 通用, 包邮,
# 包月) still names the card: spacing must not decide it (福享卡 通话100分钟 was a SIM listing,
# 福享卡通话100分钟 was not). Names from test_gathered_zhcard.py's sources.
@pytest.mark.parametrize("title", ["福享卡通话100分钟", "大冰神卡通话 19元", "福享卡包月30元"])
def test_plan_card_followed_by_a_word_it_does_not_form(clf: Classifier, title: str) -> None:
    assert classify(clf, "taobao", title, "").sim_listing is True
    assert classify(clf, "taobao", title.replace("卡", "卡 ", 1), "").sim_listing is True


@pytest.mark.parametrize("title", ["小电视卡通抱枕", "校园卡包 真皮"])
def test_plan_card_inside_another_word_stays_void(clf: Classifier, title: str) -> None:
    assert classify(clf, "taobao", title, "").sim_listing is False


# POLICY §4: symbols between characters count the same. Invisible format characters (zero-width
# no-break space, soft hyphen, word-joiner kin, bidi controls, tag characters) were read only when
# they were the few the normaliser listed (\u200b, \u2060): S\ufeffIM card no ID\ufeff required was clean.
@pytest.mark.parametrize("mark", ["\u200b", "\ufeff", "\u00ad", "\u180e", "\u2061", "\u034f", "\u202e", "\U000e0041"])
def test_invisible_marks_between_letters_are_read_through(clf: Classifier, mark: str) -> None:
    title = f"S{mark}IM card no ID{mark} required"
    verdict = classify(clf, "ebay", title, "")
    assert verdict.sim_listing and "no_real_name" in verdict.violations
    assert f'"no ID{mark} required"' in " ".join(verdict.reasons)  # quoted as the seller wrote it
    zh = classify(clf, "taobao", f"免{mark}实{mark}名 手{mark}机{mark}卡", "")
    assert zh.sim_listing and "no_real_name" in zh.violations


# POLICY §4: look-alikes count the same. A Cyrillic or Greek letter drawn like a Latin one inside a
# Latin word (SІM with Cyrillic І, rеgistered with Cyrillic е) hid the word; the quote stays the
# seller's own letters, and a Russian word (номер, регистрации) keeps its script.
@pytest.mark.parametrize("title", ["Pre-registered S\u0406M card", "pre-r\u0435gistered sim card",
                                   "Pr\u0435-registered \u0405IM c\u0430rd"])
def test_latin_words_with_cyrillic_look_alikes_are_read(clf: Classifier, title: str) -> None:
    verdict = classify(clf, "ebay", title, "")
    assert verdict.sim_listing and "pre_registered" in verdict.violations, verdict.reasons
    quoted = [q for r in verdict.reasons for q in r.split('"')[1::2]]
    assert quoted and all(q in title for q in quoted)


@pytest.mark.parametrize("title", ["виртуальный номер для регистрации WhatsApp",
                                   "SIM карта smsактивация whatsapp"])  # a Russian word run onto sms
def test_cyrillic_words_keep_their_script(clf: Classifier, title: str) -> None:
    assert "verification_service" in classify(clf, "ebay", title, "").violations


# The Taiwan reading 批次 → 批量 (OpenCC tw2sp) is right for 批次註冊/批次購買, but a lot number or a
# production batch (生產批次, 批次號碼) is no bulk sale: it gave a card bulk_trading, a black-card
# takedown (POLICY §4 lists 批量 as bulk *trading*).
@pytest.mark.parametrize("title", ["手機卡 生產批次 2024", "上網卡 批次號碼 查詢", "上網卡 同批次 分批次出貨"])
def test_taiwan_lot_numbers_are_no_bulk_trading(clf: Classifier, title: str) -> None:
    verdict = classify(clf, "taobao", title, "")
    assert verdict.sim_listing and "bulk_trading" not in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", ["手機卡 批次註冊whatsapp", "電話卡 批次購買"])
def test_taiwan_bulk_wording_stays_bulk(clf: Classifier, title: str) -> None:
    assert "bulk_trading" in classify(clf, "taobao", title, "").violations
