"""Real texts gathered in session 50 (gathered/*_ra … *_re) and the rules they led to. Each text with
its source; every test but the guards failed before its rule."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import assert_taken_down_for, verdict_of


@pytest.mark.parametrize("title", [
    # Chriszhangmw/LCQMC (a question-matching corpus of real user questions)@2fa3ebdf (gathered)
    "在哪购买手机卡",
    "哪儿能办电话卡",
    "流量卡在哪办理",
])
def test_asking_where_to_buy_a_card_is_a_question_not_an_offer(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, platform="xianyu")
    assert not verdict.takedown and "review:prose" in verdict.rules_fired, verdict.reasons


@pytest.mark.parametrize("title", [
    "无论在哪买流量卡都一样 19元100G",
    "不管你在哪都能用 流量卡 19元",
    "流量卡 全国通用 在哪都能用",
])
def test_a_seller_saying_the_card_works_anywhere_still_offers_it(clf: Classifier, title: str) -> None:  # guards
    assert verdict_of(clf, title, platform="xianyu").takedown


@pytest.mark.parametrize("title", [
    # index file id 18095304875 (a PHP account shop's page titles, gathered)
    "WS频道协议号",
    # index file id 27618442532 (the ht.100.gd account and number shop's product list, gathered)
    "WhatsApp直登新号",
    "飞机直登老号 批发",
])
def test_ready_to_log_in_accounts_by_channel_or_age_are_pre_registered(clf: Classifier, title: str) -> None:
    assert_taken_down_for(clf, "pre_registered", title, platform="xianyu")
