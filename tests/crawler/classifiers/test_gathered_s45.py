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
