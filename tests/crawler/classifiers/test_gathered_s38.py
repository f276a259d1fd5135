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
