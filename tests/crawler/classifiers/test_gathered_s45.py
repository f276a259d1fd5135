"""Real texts gathered in session 45 (gathered/*_ia …) and earlier texts the session's rules read
now. Each text with its source; every test but the guards failed before its rule."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of


@pytest.mark.parametrize(("title", "description"), [
    # a coupon site's 随身WiFi section (gathered/zh_dataset_titles_an.jsonl)
    ("超能犇充电宝款：49元/月起，充电宝+WiFi二合一，三网切换", ""),
    # an IoT-card / pocket-WiFi shop's device tiles (gathered/zh_plans_and_c2c_h.jsonl)
    ("路由器+6800毫安充电宝", "云端智能三网切换 支持闪充、快充"),
    # a shop demo's product list (gathered/black_card_and_prose_f.jsonl)
    ("随身 WiFi 路由器", "三网切换、1500G 月流量、8 台设备共享，差旅必备"),
])
def test_a_device_switching_between_the_three_networks_carries_their_card(
        clf: Classifier, title: str, description: str) -> None:
    # a pocket WiFi that switches among 移动/联通/电信 by itself holds a (cloud) card of each: no card to insert
    verdict = verdict_of(clf, title, description, platform="taobao")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


@pytest.mark.parametrize("title", [
    "华为随行WiFi 2 mini 4G三网通 USB供电",  # gathered: 三网通 is the networks a device takes, no card
    "苹果7代 32G 全网通4g 无锁机器 美版三网通 插卡即用",  # gathered (a used phone)
])
def test_devices_taking_the_three_networks_carry_no_card(clf: Classifier, title: str) -> None:  # guards
    assert not verdict_of(clf, title, platform="xianyu").takedown


@pytest.mark.parametrize("title", [
    # http://www.mitchellkrause.com/html/2025-7-24/1714642.htm (a fraud recruiter's ad, quoted in news)
    "只需办张手机卡寄给我们，就能轻松赚得200元报酬！",
    # http://hdzc.net/html/news/gn/2020_07/12/15241465.html (quoted in news)
    "你去办张电话卡,这卡我花钱向你买!",
    # http://shapingba.cqjcy.gov.cn/information/displaycont.asp?newsid=44540 (a procuratorate's case)
    "为了工作方便,做兼职要先办手机卡交给公司,还有一个免费手机可以领呢!",
])
def test_asking_people_to_open_cards_and_hand_them_over_is_card_buying(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, platform="xianyu")
    assert "bulk_trading" in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", [
    "推荐好友办卡奖励20元话费，多推多得",  # a carrier's referral bonus: no card handed over
    "办卡后请把旧卡寄回，我们为您注销",  # guard: the buyer's old card returned
])
def test_referrals_and_returned_cards_are_no_card_buying(clf: Classifier, title: str) -> None:  # guards
    assert "bulk_trading" not in verdict_of(clf, title, platform="taobao").violations


@pytest.mark.parametrize(("title", "description"), [
    # https://github.com/zfdx123/UFI-OpenWRT/issues/1 (gathered/zh_iot_b2b_bg.jsonl): "no SIM support"
    ("只能支持UFI103s吗？", "不是，001b 001c 等应该都没有问题，因为没有sim支持"),
    # a program's comment (gathered/zh_non_listings_ac.jsonl): "if it is not an IoT card"
    ("先检查是不是物联网卡，不是的话，走普通通道，是的话，走特殊通道", ""),
    # a lottery page's rules (gathered/zh_shop_titles_j.jsonl): "not a triple"
    ("中奖说明", "中奖号码(不是豹子号)中包括所选的号码即为中奖。如买的是11,则中奖号码为112,则中奖。"),
])
def test_a_two_character_negator_touching_the_word_negates_it(clf: Classifier, title: str, description: str) -> None:
    # rules.json negation.adjacent2 (不是, 没有, 不含 …): touching the word or one character before it
    assert not verdict_of(clf, title, description, platform="xianyu").takedown


def test_an_account_sold_without_membership_is_no_membership(clf: Classifier) -> None:
    # gathered/zh_black_card_lookalikes.jsonl (an account shop's catalogue): 不带会员 says no membership comes with it
    verdict = verdict_of(clf, "实名不带会员 满月号", "珍爱网实名号", platform="xianyu")
    assert "pre_registered" in verdict.violations and verdict.takedown, verdict.reasons


@pytest.mark.parametrize("title", ["爱奇艺黄金会员月卡 自动充值", "腾讯视频会员年卡 不带广告"])
def test_memberships_sold_stay_memberships(clf: Classifier, title: str) -> None:  # guards
    assert not verdict_of(clf, title, platform="taobao").sim_listing
