"""Real texts gathered in session 53 (gathered/*_ua … *_ud; *_ue and *_uf were never read for a rule, held out)
and the rules they led to. Each text with its source; every test but the guards failed before its rule. Guards are
made-up probes of offers and lawful texts that share a rule's words."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import assert_taken_down_for, verdict_of

# the full text of a JD phone review (YuleZhang/NLP_Analysis_JDcomment data/JDComment_data.csv@716df44)
JD_REVIEW = ("比较了很久，最终还是在京东自营购买，买得放心，优惠了300元，绿色一样价格，物流速度超快，昨天付款今天早上送到家，"
             "开机试机正常，原来用X，因要用双卡换11自己用，开始不敢相信可以用二张电信卡，按网友支招后开通电信VO后设置完，"
             "信号稳定，完全没问题，双电信卡双待！")


@pytest.mark.parametrize(("title", "platform"), [
    # justjavac/weibo-trending-hot-search archives/2024-02-04.md@bbe42d5 (a gacha game's new banner: 卡池)
    ("世界之外新卡池", "xianyu"),
    # lonnyzhang423/v2ex-hot-hub archives/2023-09-03.md@25e8bd1 (https://www.v2ex.com/t/970490: "On …", an essay)
    ("浅谈联通卡在 iPhone 上的信号网速问题", "xianyu"),
    # justjavac/weibo-trending-hot-search archives/2023-02-03.md@bbe42d5 (a question whether it is of any use)
    ("微信小号有用吗", "xianyu"),
    # justjavac/weibo-trending-hot-search archives/2020-11-25.md@bbe42d5 (an idol's side answers; fans' 养号)
    ("王一博方回应粉丝刷评论养号", "xianyu"),
    (JD_REVIEW, "jd"),  # a buyer's review: 买得放心, 物流速度超快, 开机试机正常
    # OpenDocCN/wealth-learning docs/huichanquan-2018/huichanquan-2018_114.md@238144c (an article on the trade)
    ("数量众多的卡商为接码平台提供源源不断的手机卡,用以恶意注册,而卡商们的手机卡来源,有运营商内鬼,"
     "购买企业营业执照营业执照使用企业身份开卡,以及收购个人手机卡的方式。", "xianyu"),
])
def test_talk_that_uses_the_trades_words_takes_nothing_down(clf: Classifier, title: str, platform: str) -> None:
    assert not verdict_of(clf, title, platform=platform).takedown


def test_a_foreign_card_without_registration_for_use_in_the_mainland_is_taken_down(clf: Classifier) -> None:
    # cxyfreedom/v2ex-hot-hub archives/2025-07-23.md@25c9e7c (https://www.v2ex.com/t/1147071); POLICY §3:
    # 免实名 on a foreign card counts with domestic use ("在大陆可 Google")
    assert_taken_down_for(clf, "no_real_name", "有需要香港无限流量卡的吗（在大陆可 Google，直连香港 ip，免实名）",
                          platform="xianyu")


@pytest.mark.parametrize(("title", "code"), [  # guards: offers that share the new rules' words
    ("全新卡池 32口 GOIP 群发 批量 手机卡", "bulk_trading"),  # 全新 is no gacha banner
    ("浅谈流量卡 19元100G 全国包邮 免实名", "no_real_name"),  # a price: not a plain heading
    ("电信流量卡 19元100G 物流超快，包邮 免实名", "no_real_name"),  # a seller's "fast delivery"
    ("微信养号 成品号出售 已实名", "pre_registered"),
    ("粉丝号 养号 成品号出售 可接码", "verification_service"),
    ("接码平台 恶意注册 防封 0.5元一条 自助下单", "verification_service"),
])
def test_offers_sharing_the_new_words_are_still_taken_down(clf: Classifier, title: str, code: str) -> None:
    assert_taken_down_for(clf, code, title, platform="xianyu")


@pytest.mark.parametrize("title", [  # guards: lawful texts
    "香港旅游卡 免实名 7天无限流量",  # a travel card: 免实名 is true abroad
    "香港卡 在大陆可以用吗",  # a question, no 免实名
])
def test_travel_cards_and_questions_stay_without_takedown(clf: Classifier, title: str) -> None:
    assert not verdict_of(clf, title, platform="xianyu").takedown
