"""Real texts gathered in session 46 (gathered/*_na …) and earlier texts the session's rules read
now. Each text with its source; every test but the guards failed before its rule."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of


@pytest.mark.parametrize(("title", "description"), [
    # https://telenumerus.com/llms.txt (gathered/en_verification_bulk_nc.jsonl)
    ("Telenumerus — AI Agent Integration Guide",
     "> SMS verification API. Get phone numbers and verification codes for 33 platforms. Self-service."),
    # https://www.indiehackers.com/product/virtualsms/revenue (gathered/en_verification_bulk_nc.jsonl)
    ("SMS Verification API with Real SIM Cards",
     "All SMS APIs were either VoIP (blocked by services that matter) or legacy formats AI agents can't use. "
     "We needed real SIMs, found nothing, built it. REST API + MCP from day one."),
])
def test_numbers_and_codes_for_platforms_are_a_verification_service(
        clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="ebay")
    assert "verification_service" in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # https://www.gogoai.xin/article/openai-phone-number-limits-one-number-one-account (gathered)
    ("OpenAI Phone Number Limits: One Number, One Account",
     "Users attempting to register multiple accounts with the same mobile number will face immediate "
     "verification failures. The system detects duplicate numbers during the SMS verification phase."),
    ("Twilio SMS verification API for your app", "Send one-time codes to your users"),  # a sender's API
    ("Verify API", "Get started with phone verification. Your app gets numbers and codes sent by SMS"),
])
def test_a_verification_step_or_a_senders_api_is_no_service_sold(
        clf: Classifier, title: str, description: str) -> None:  # guards
    assert not verdict_of(clf, title, description, platform="ebay").takedown


@pytest.mark.parametrize("title", [
    # zjunlp/ChineseHarm-bench benchmark/黑产广告.json@5e81bc4 (gathered/zh_black_card_nb.jsonl)
    "两个月账单，无违规，已实名vx  ,可租可出，需要的加",
    "已实名qq 可出 价格私聊",
])
def test_an_app_account_registered_in_a_name_let_or_sold_is_pre_registered(clf: Classifier, title: str) -> None:
    # 已实名 + an app's name (vx = 微信) + 可租/可出/出售: someone's registered account handed on (POLICY §4)
    verdict = verdict_of(clf, title, platform="xianyu")
    assert verdict.takedown and "pre_registered" in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", [
    "本人已实名微信支付，出租房屋一间",  # a landlord's payment account
    "微信已实名，房子出租中",
    "已实名微信小程序 转让 源码",  # a mini program's code
])
def test_a_registered_payment_account_beside_a_rental_is_no_account_sold(clf: Classifier, title: str) -> None:  # guards
    assert not verdict_of(clf, title, platform="xianyu").takedown


def test_a_benefit_zone_add_on_is_no_card(clf: Classifier) -> None:
    # hyncao/mock-server src/projects/benefit/getAdList.js@86e4f0b (gathered/zh_plan_titles_na.jsonl): the
    # carrier's 权益专区 sells add-ons to its own lines (5元10GB), not a card
    verdict = verdict_of(clf, "权益专区-广东联通5沃助理", "5元10GB+沃助理", platform="taobao")
    assert not verdict.sim_listing, verdict.reasons
