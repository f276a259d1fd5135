"""Error classes of session 34's gathered texts (each row with its source in gathered/*.jsonl),
one test per rule the session wrote, on the real wording."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of as _verdict


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("ebay", "Bulk SIM cards added successfully.", ""),  # en_verification_numbers_s: an app's toast
    ("ebay", "Only Super Admin can edit an already activated SIM.", ""),  # black_card_and_prose_f
    ("xianyu", "0x3003 //非接触式用户卡已激活", "0x3004 //非接触式用户卡未激活 0x2004 //PSAM卡未上电"),  # a driver's codes
    ("xianyu", "手机号提交后未进入短信验证码接收界面，请查看浏览器提示并更换号码后重试", ""),  # numbers_and_codes_n
])
def test_an_apps_own_messages_wait_for_a_reviewer(clf: Classifier, platform: str, title: str,
                                                  description: str) -> None:
    """A status message, an error prompt or a constant of a program names SIMs without offering
    one: the clause is prose (ui_message_en / ui_message_zh), the takedown waits."""
    verdict = _verdict(clf, title, description, platform=platform)
    assert not verdict.takedown and "review:prose" in verdict.rules_fired, verdict.rules_fired


@pytest.mark.parametrize(("platform", "title"), [
    ("ebay", "Pre-activated SIM card, activated successfully, ready to use"),
    ("xianyu", "已实名手机卡 号码错误包换"),
    ("xianyu", "实名手机卡出售 激活失败包退"),
])
def test_a_sellers_own_success_and_warranty_words_are_no_ui_message(clf: Classifier, platform: str,
                                                                      title: str) -> None:
    """(guard) 'activated successfully' is what a pre-activated card's seller writes, 号码错误包换 and
    激活失败包退 are warranty terms: none of them is an app's message."""
    verdict = _verdict(clf, title, platform=platform)
    assert verdict.takedown and "review:prose" not in verdict.rules_fired, verdict.rules_fired


def test_a_phone_in_the_description_of_a_titled_plan_is_where_the_card_goes(clf: Classifier) -> None:
    """zh_listings_with_details_l (index file 41140141592): a plan-style title with no SIM noun whose
    description says 激活后插入手机并拨打一次电话 — the phone is where the card goes, not a device sold."""
    verdict = _verdict(
        clf, "月租29元 流量80G（50G通用+30G定向） 通话0.1元/分钟 福利：首充100元赠送240元",
        "资费及发货说明：激活后首月9.9元权益包，次月起29元/月。专属渠道充值100元送240元。激活后赠送50G全国通用流量，"
        "流量有效期24个月。套餐内容按实际折算，次月起全月。京东上门配送激活。激活后插入手机并拨打一次电话进行实名验证。",
        platform="taobao")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


def test_a_phone_in_the_title_of_a_plan_is_still_a_device(clf: Classifier) -> None:
    """(guard) a phone sold on a contract plan names the phone in its title: a device, no card."""
    verdict = _verdict(clf, "苹果 iPhone 15 合约机 月租99元 100G流量 500分钟", platform="taobao")
    assert not verdict.sim_listing, verdict.reasons
