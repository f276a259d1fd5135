"""Real texts gathered in session 51 (gathered/*_sa … *_si) and the rules they led to. Each text with
its source; every test but the guards failed before its rule. (A review found that wider rules first
written from these texts — a GPU's clause, a requirement list, 0元领卡, wages for opening cards — cleared
real offers or took down lawful ads; they were dropped and their texts stay known misses.)"""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import assert_taken_down_for, verdict_of


def test_opening_the_card_under_the_sellers_own_id_skips_real_name(model_classifier: Classifier) -> None:
    # http://news.fjsen.com/2018-05/12/content_21034811.htm (a phone-market vendor quoted by CCTV, gathered);
    # "一个卡" alone names no SIM product: the text model's SIM decision holds it for a reviewer (POLICY §8)
    verdict = verdict_of(model_classifier, "开通150元一个卡。我拿我的身份证给你开,150元一个卡。", platform="xianyu")
    assert verdict.sim_listing and "no_real_name" in verdict.violations and verdict.needs_review, verdict.reasons


@pytest.mark.parametrize("title", [
    # index file id 13946947742 (an Indian recharge-plan SQL dump, gathered): eligibility, not a card for sale
    "Applicable Only on Jiophone activated SIMs: Jio Phone Plan-49 : Benefits: Free Voice",
    "Valid for activated SIM cards only. 28 days unlimited calls",
])
def test_a_plan_valid_only_on_activated_sims_sells_no_activated_sim(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, platform="ebay")
    assert "pre_activated" not in verdict.violations and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize("title", [  # guards (the review's: "available" offers them)
    "Pre-activated SIM cards available for Jio, ready to use",
    "Available with 10 pre-activated SIM cards ready to use, bulk",
    "Phones available with activated SIM cards, ready to use",
])
def test_activated_sims_offered_are_still_pre_activated(clf: Classifier, title: str) -> None:
    assert_taken_down_for(clf, "pre_activated", title, platform="ebay")


def test_an_app_account_named_real_name_verified_is_pre_registered(clf: Classifier) -> None:
    # beike2020/ChineseDarkWebCrawler db.sqlite3@4307fb01 (a dark-web market's listings, gathered)
    assert_taken_down_for(clf, "pre_registered", "微信实名账号 国外手机号注册 秒绑手机", platform="xianyu")


@pytest.mark.parametrize("title", ["企业微信 实名认证账号 年费", "钉钉 实名认证账号 企业版 软件 年费"])
def test_software_accounts_are_not_accounts_for_sale(clf: Classifier, title: str) -> None:  # guards
    assert "pre_registered" not in verdict_of(clf, title, platform="taobao").violations


def test_a_question_about_a_real_name_account_offers_none(clf: Classifier) -> None:  # guard
    assert not verdict_of(clf, "支付宝实名老号如何注册？", platform="xianyu").takedown


@pytest.mark.parametrize("title", ["京东自营 实名号卡 19元 流量卡", "抖音同款 正规实名号卡 流量卡 19元100G"])
def test_a_real_name_number_card_is_registered_by_its_buyer(clf: Classifier, title: str) -> None:
    # the review's: 号卡 shops stress that their cards are registered in the buyer's name (实名号卡); the
    # shop is still outside the agent lists, the card is no pre-registered one
    verdict = verdict_of(clf, title, platform="taobao")
    assert verdict.takedown and "pre_registered" not in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", ["已实名号卡 出售 老卡", "出实名号卡 批量"])
def test_real_name_number_cards_sold_registered_are_pre_registered(clf: Classifier, title: str) -> None:  # guards
    assert_taken_down_for(clf, "pre_registered", title, platform="xianyu")


def test_bulk_sim_operations_of_a_modem_manager_trade_no_cards(clf: Classifier) -> None:
    # GitHub issue Mrspoq/e173-go-gateway #16 (a SIM-gateway's feature list, gathered)
    verdict = verdict_of(clf, "📱 Feature: Unified Modem/SIM Management", platform="ebay",
                         description="Merge modems and SIM cards into unified management interface. SIM Operations: "
                                     "Insert/Remove SIM (virtual assignment), Swap SIMs between modems, Bulk SIM "
                                     "operations, Track SIM history. IMEI Change Management")
    assert "bulk_trading" not in verdict.violations and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize("title", ["Bulk SIM cards for sale, 100 pcs", "Bulk SIM card lot 50 activated"])
def test_bulk_sim_cards_offered_are_still_bulk(clf: Classifier, title: str) -> None:  # guards
    assert_taken_down_for(clf, "bulk_trading", title, platform="ebay")
