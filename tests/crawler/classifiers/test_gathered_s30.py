"""Error classes of session 30's gathered texts (gathered/zh_pages_and_numbers.jsonl, each with its
source), one test per rule the session wrote, on the real wording that showed the class."""

from __future__ import annotations

from functools import partial

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of

# clf (conftest.py): the rules path with every carrier list loaded
_verdict = partial(verdict_of, platform="taobao")


@pytest.mark.parametrize("title", [
    "✅另有波场靓号出售，选号咨询客服！",  # index file 51974650255: TRON wallet addresses
    "成都车牌选号 成都车牌靓号吧",  # index file 12657707283: licence plates
    "哈尔滨固话靓号",  # index file 12100007327: landline numbers
    "TRX靓号地址生成器",
])
def test_vanity_numbers_of_other_things_are_no_phone_numbers(clf: Classifier, title: str) -> None:
    assert not _verdict(clf, title).sim_listing
    assert _verdict(clf, "移动靓号出售 选号咨询客服").sim_listing  # a phone number's stays


def test_a_card_one_needs_no_longer_is_no_card_offered(clf: Classifier) -> None:
    # index file 54955558238: an airport-transfer FAQ
    verdict = _verdict(clf, "落地后怎么找到司机？", "提前把航班号发到微信，落地开机即可在微信收到司机位置与车牌号，"
                       "出口举牌等候，无需当地电话卡。")
    assert not verdict.sim_listing
    assert _verdict(clf, "无需实名 电话卡 包邮").takedown  # the need-word never reaches across a signal


def test_a_clause_about_some_card_names_no_card(clf: Classifier) -> None:
    # github.com/EternalPain/ZJL/issues/34: a buyer asking for recommendations
    assert not _verdict(clf, "关于卡的问题", "大佬们，有什么便宜的支持免流的双向不限的卡吗？", platform="xianyu").takedown
    assert not _verdict(clf, "这种卡能用吗").sim_listing


@pytest.mark.parametrize("title", [
    "中国联通开副卡如何收费",  # https://m.esig.cn/grbzgjztfgrbrdsh
    "咸宁流量卡如何收费",  # http://www.8001717.cn/card_260968.html
    "中国电信福建公司校园一卡双号业务退市的公告",  # index file 33522533939
])
def test_questions_and_notices_about_cards_wait_for_a_reviewer(clf: Classifier, title: str) -> None:
    verdict = _verdict(clf, title, platform="xianyu")
    assert not verdict.takedown
    assert not verdict.sim_listing or verdict.needs_review


def test_a_country_and_original_before_a_card_word_name_a_foreign_card(clf: Classifier) -> None:
    # index file 55044976429: a UK giffgaff eSIM
    verdict = _verdict(clf, "英国原装 GG 电子卡 (eSIM)（高净值账号专用 / 零月租）")
    assert verdict.sim_listing and verdict.foreign and not verdict.takedown
    assert "unauthorised_seller" not in verdict.violations
    domestic = _verdict(clf, "原装 移动电子卡 eSIM 零月租")
    assert domestic.sim_listing and not domestic.foreign and domestic.takedown


def test_an_email_account_that_receives_codes_is_no_number_service(clf: Classifier) -> None:
    # index file 57670300209: e-mail sub-accounts sold to receive codes
    assert not _verdict(clf, "【微软子邮箱·OAuth2】只收验证码｜不能网页登主号").sim_listing
    assert _verdict(clf, "代收验证码 手机号 接码", platform="xianyu").takedown


def test_a_game_that_gives_phone_cards_for_levelling_up_sells_no_sim(clf: Classifier) -> None:
    # gathered/zh_pages_and_numbers.jsonl: an app store's game announcement (电话卡 = top-up card)
    assert not _verdict(clf, "冰火王座已经正式开放下载！", "赶快前往360专区查看最新消息！冲级送电话卡活动已经开启啦！",
                        platform="xianyu").sim_listing
    assert _verdict(clf, "办卡送电话卡 移动手机卡").takedown


def test_a_title_that_is_a_mobile_number_sells_the_number(clf: Classifier) -> None:
    # index file 2832757506: a vanity-number site's tiles (number, carrier and city, price)
    for title, description in (("13061889788", "上海联通 ￥5500"), ("153 0639 0999", "临沂移动 ￥3.50万")):
        assert _verdict(clf, title, description).takedown
    assert not _verdict(clf, "iPhone 13 128G").sim_listing
    assert not _verdict(clf, "2013 1234 5678").sim_listing  # no mobile number's shape


def test_service_numbers_are_another_telecom_service(clf: Classifier) -> None:
    # the same site's 400-number tab: 号段 and carriers, but no mobile number or card
    verdict = _verdict(clf, "400电话", "热门号段：联通4000 联通4006 移动4001 移动4007 电信4008 电信4009 "
                       "热门主题：尾数AAA 尾数ABC 尾数AABB 中间AAAA 中间AABBCC")
    assert not verdict.sim_listing
