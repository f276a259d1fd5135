"""Real texts gathered in session 47 (gathered/*_oa …), earlier texts the session's rules read now,
and the older misses of session 46's reviews. Each text with its source; every test but the guards
failed before its rule."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of


@pytest.mark.parametrize(("title", "description"), [
    # https://pastebin.com/3vxuVNMW (gathered)
    ("Digicel Phone Card Generator 20",
     "The unlocking service we offer allows you to unlock your device and use any network provider SIM card in "
     "your phone."),
    # https://bitcoinmagazine.com/technical/bitsim-adds-secure-hardware-wallet-phone-1429557433 (gathered)
    ("BitSIM Adds a Secure Hardware Wallet to Any Phone",
     "BitSIM is a thin, flexible card that can be stuck on any existing SIM card as an add-on hardware layer."),
    # session 46's first review: a phone's listing names the cards it was tested with
    ("Samsung Galaxy A54 5G Unlocked 128GB - Fully Tested",
     "Tested for calls, data and SMS: network verification with real SIM cards from AT&T and T-Mobile."),
    ("Apple iPhone 12 64GB Unlocked", "Works with any GSM SIM card."),
])
def test_a_titled_phone_whose_description_names_sim_cards_is_the_phone(
        clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="ebay")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # the buyer's own phone (a BYOP kit is a SIM kit), a card given with the phone
    ("Tracfone Bring Your Own Phone Activation Kit", "Includes a SIM card for your compatible phone."),
    ("Apple iPhone 12 64GB Unlocked", "Comes with a free prepaid SIM card with 30 days of service."),
    ("Unlocked Phone", "SIM card included: $25/month unlimited talk & text plan."),
])
def test_a_buyers_phone_or_a_card_given_with_the_phone_stays_a_sim_listing(
        clf: Classifier, title: str, description: str) -> None:  # guards
    assert verdict_of(clf, title, description, platform="ebay").sim_listing


@pytest.mark.parametrize("title", [
    # session 46's first review: 已实名 accounts in other words
    "出售已实名vx号 稳定不封",
    "实名好的支付宝 可出",
    "已实名vx出，价格私聊",
    "已实名微信 可借用几天",
    "已实名 WeChat 可出 可租",
    "已实名V信 可租",
])
def test_an_app_account_registered_in_a_name_sold_in_other_words_is_pre_registered(
        clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, platform="xianyu")
    assert verdict.takedown and "pre_registered" in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", [
    "已实名微信出示健康码",  # shown, not sold
    "实名好的微信可借钱吗",
    "出售实名制手机号码说明",  # no app account
])
def test_a_registered_account_shown_or_asked_about_is_no_account_sold(clf: Classifier, title: str) -> None:  # guards
    assert not verdict_of(clf, title, platform="xianyu").takedown


@pytest.mark.parametrize(("title", "description"), [
    # session 46's first review: a number service's own wording
    ("Get USA Numbers & Codes - Any App", "Pay per code, refund if no code arrives in 5 minutes."),
    ("Rent a Number, Receive the Code - Instant", "Pick a country, pick the app, we forward the code. Non-VoIP."),
])
def test_numbers_and_codes_for_any_app_are_a_verification_service(
        clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="shopee")
    assert "verification_service" in verdict.violations, verdict.reasons
