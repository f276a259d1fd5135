"""Error classes of session 38's gathered texts (each row with its source in gathered/), one test per
rule the session wrote, on the real wording; guards marked (guard)."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of as _verdict


@pytest.mark.parametrize("title", [
    "移动xG卡，过年翻翻打，xG套餐用户只需xx元，可享xxx分钟国内主叫，xxxM省内流量",
    "您好，联通xG卡全国接听免费，打全国电话x.xx元/分钟。现办理存xx元有xxx元话费，每月套餐交xx元包xxx分钟全国通话，xxxM",
])
def test_initials_are_no_travel_word(clf: Classifier, title: str) -> None:
    """An SMS dataset's carrier ads with digits masked as x (zh_sms_spam_bb): xG卡 is a 4G/5G card of the
    carrier named, not the initials of 香港卡 — a lawful travel word has no evasion reading."""
    verdict = _verdict(clf, title, platform="xianyu")
    assert verdict.sim_listing and not verdict.foreign and "unauthorised_seller" in verdict.violations, verdict.reasons


def test_a_travel_card_written_out_is_still_foreign(clf: Classifier) -> None:
    """(guard) the travel words themselves still read: 香港卡 on a Chinese platform is a foreign card."""
    verdict = _verdict(clf, "香港卡 7天无限流量 即插即用", platform="taobao")
    assert verdict.sim_listing and verdict.foreign and "unauthorised_seller" not in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("流量卡真的不能借。", "咱得遵守规定,好好用自己的卡,不然麻烦事儿可就找上门"),
    ("一个移动卡可以开通最多3张副卡,主卡用户需年满18岁并持有有效身份证。", "副卡与主卡共享同一个套餐,包括通话分钟数和流量数据。"),
    ("常青青一出火车站,就被自称是新生接待处的人忽悠着办了手机卡。", "卡是真的,也没被骗钱,就是在四年里接了无数个推销电话"),
])
def test_a_title_ending_on_a_full_stop_is_a_sentence(clf: Classifier, title: str, description: str) -> None:
    """Sentences of articles and posts about cards (zh_pages_aw, zh_prose_and_code_ag), quoted as titles:
    sellers' titles do not end on 。 — no SIM listing, no takedown."""
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("出优质靓号，打电话便宜的 Google Voice 美国虚拟电话。", ""),
    ("本人长期求购上海吉祥号码，联通、移动、电信、固定电话、尾数四位以上相同均可。", "此信息长期有效，请保留。"),
    ("我们互联网渠道的卡归属地一般都是随机的，这张官方联通卡的归属地应该是湖南、湖北、浙江、江苏或者四川，"
     "不过归属地不影响，反正是流量卡，流量是全国通用高速的就行。", ""),
    ("给你这些卡吧,能直接打电话,不用实名。", "这些卡片写着20元市话套餐,预存20元,但卡的售价却是50元。店主称“这50元里有30元是卡费”。"
     "店主告诉记者,这些卡是批发来的,可以用别人的身份证信息开卡,这样就不会遭遇停机了。"),
])
def test_a_shops_or_a_buyers_own_sentence_stays_an_offer(clf: Classifier, title: str, description: str) -> None:
    """(guard) a sentence with an offer or buying verb (an SMS spam dataset's 求购 ad), the shop speaking
    (我们), or a black-card word (an ad quoted by a reporter) is an offer for all its full stop."""
    assert _verdict(clf, title, description, platform="xianyu").sim_listing


@pytest.mark.parametrize("title", ["青春熊猫卡 立即免费申请", "巴渝卡 首月免费"])
def test_tariff_data_plan_names_are_cards_with_an_application_cue(clf: Classifier, title: str) -> None:
    """Plan names from carriers' published tariff data (SOURCES.md gh-lili21-taocan): a phone card
    with an application or plan cue (plan_card_cued)."""
    verdict = _verdict(clf, title, platform="taobao")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


@pytest.mark.parametrize("title", ["电竞卡 RTX4060 8G 独立显卡 台式机", "畅玩卡 欢乐谷 年卡 门票", "双月卡 游泳馆 儿童 暑假"])
def test_plan_names_that_are_other_trades_words_need_a_cue(clf: Classifier, title: str) -> None:
    """(guard) the same names for a graphics card, a theme-park pass, a swimming pass: no SIM listing."""
    assert not _verdict(clf, title, platform="taobao").sim_listing
