"""Prose about the black-card trade versus listings that offer it (issue #16, prec round).

rules.json ``prose.clause_patterns`` mark clauses that define, answer, report, tell of other
sellers or of one's own past purchase, or advise where to buy. When every offer word of a text
sits in such clauses, the takedown is held for a reviewer (POLICY §8: "a signal that may be
negated or quoted"); a seller's own title, or a call to contact the writer, keeps it. The texts
are rows of the real corpus's DEV part (data/real/listings.jsonl; each row's ``source`` names
its SOURCES.md entry) and rows of the POLICY-written review set.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from crawler.classifiers import Classifier
from crawler.classifiers.normalise import Text
from crawler.classifiers.rules import _build, compiled, find_hits, mark_prose
from tests.crawler.classifiers.test_real_corpus import all_lists_loaded, load_real
from tests.crawler.classifiers.test_review_set import load_review_set


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(all_lists_loaded(), use_model=False)


@pytest.fixture(scope="module")
def model_clf() -> Classifier:
    return Classifier(all_lists_loaded())


@pytest.fixture(scope="module")
def dev() -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in load_real("dev")}


# (row id, the prose it is, its source in SOURCES.md): lawful texts whose every card word sits in
# a sentence about the trade; before this round each was a takedown.
HELD = [
    ("r2221", "Q&A answer (答：…) defining IoT cards", "web-whsspr-iot-faq"),
    ("r2206", "definition (物联网卡是一种…)", "web-hcgf898-heika-2023"),
    ("r1947", "generic description of markets (In markets like …)", "idx-phone-sybil-critique-52240373099"),
    ("r1945", "conditional advice (You can purchase from …)", "idx-china-phone-guide-51926455756"),
]


@pytest.mark.parametrize(("row_id", "what", "source"), HELD)
def test_prose_about_the_trade_is_held(clf: Classifier, dev: dict[str, dict[str, Any]],
                                       row_id: str, what: str, source: str) -> None:
    row = dev[row_id]  # a KeyError here means the row left the dev part: these tests are built on dev only
    assert row["source"] == source and not row["takedown"], (row_id, what)
    v = clf.classify(row)
    assert not v.takedown, (row_id, what, v.reasons)
    assert "review:prose" in v.rules_fired and v.needs_review, (row_id, what, v.rules_fired)


# Real listings that look like prose in places: a buyer's question that ends in a call to contact
# him (gh-padchat-8), a seller's FAQ page (idx-sms-smm-faq), an SEO page asking a question about
# the accounts it sells, an SEO text that defines what it sells (是指…) under an offer title, a
# seller's rhetorical question (想不想要呢？). All stay takedowns.
KEPT = ["r0643", "r1862", "r1884", "r0230", "r0329"]


@pytest.mark.parametrize("row_id", KEPT)
def test_listings_with_prose_shapes_stay_takedowns(clf: Classifier, dev: dict[str, dict[str, Any]],
                                                   row_id: str) -> None:
    row = dev[row_id]
    assert row["takedown"], row_id
    v = clf.classify(row)
    assert v.takedown and "review:prose" not in v.rules_fired, (row_id, v.reasons)


def test_sellers_disparaging_black_cards_stay_sim_listings(clf: Classifier) -> None:
    """Sellers write 免实名都是骗子 / 警惕免实名骗局 / 不是骗子 / 谨防…骗局 themselves (review set)."""
    rows = [r for r in load_review_set() if any(w in r["title"] for w in ("骗子", "骗局", "陷阱"))]
    assert len(rows) >= 4
    for row in rows:
        v = clf.classify(row)
        assert (v.sim_listing, v.takedown) == (row["sim_listing"], row["takedown"]), (row["id"], v.reasons)
        assert "review:prose" not in v.rules_fired, row["id"]


def _prose_marks(text: str) -> dict[str, bool]:
    rules = compiled()
    text_ = Text(text, rules.tables, 4000)
    hits = find_hits(rules, text_, "title", True)
    mark_prose(rules, text_, hits)
    return {h.written: h.prose for h in hits}


def test_a_prose_clause_ends_at_its_sentence() -> None:
    # r2206's definition, then a seller's own sentence: only the first sentence is prose
    marks = _prose_marks("物联网卡是一种定制型手机卡。本店出售流量卡，免实名")
    assert marks["手机卡"] and not marks["流量卡"] and not marks["免实名"], marks


def test_qa_answer_covers_its_whole_line() -> None:
    # r2221's answer runs over two sentences: both are the answer
    marks = _prose_marks("答：运营商推出的电话卡，仅限于物联网设备使用。通常只有流量，一般不含语音和短信。")
    assert marks["电话卡"] and marks["流量"], marks


def test_a_call_to_contact_keeps_prose_an_offer(clf: Classifier, dev: dict[str, dict[str, Any]]) -> None:
    # r1945's advice is held; the same text ending in the writer's call to contact is an offer
    advice = dev["r1945"]["title"]
    assert "review:prose" in clf.classify({"platform": "ebay", "title": advice}).rules_fired
    v = clf.classify({"platform": "ebay", "title": advice + " Contact me for bulk orders."})
    assert v.takedown and "review:prose" not in v.rules_fired, v.reasons


def test_a_contact_id_is_never_prose() -> None:
    # SEO spam defines what it sells (通常指的是…) beside its Telegram id (test_gathered_black_card)
    rules = compiled()
    text = "抖音白号批发【TG客服:@dslm89bot】通常指的是购买已经注册但未进行过任何内容发布的抖音账号。"
    norm = Text(text, rules.tables, 4000)
    hits = find_hits(rules, norm, "title", True)
    mark_prose(rules, norm, hits)
    assert any(h.group == "contact" and not h.prose for h in hits)
    assert any(h.group == "bulk_trading" and h.prose for h in hits)


# Dev rows the sense clause voids (rules.json sense.clause_patterns: 记者, 警方, 团伙, fraud, police
# ... written row by row) already clear. With those voids switched off, the prose hold alone must
# still hold them: the general signal covers what the row-by-row words were written for.
HELD_WITHOUT_VOIDS = ["r1602", "r2201", "r2202", "r2203", "r2205", "r2206", "r2221", "r2223", "r2236",
                      "r2239", "r2250", "r2276", "r1842", "r1850", "r1871", "r1872", "r1873", "r1878",
                      "r1880", "r1945", "r1947"]


def test_the_prose_hold_alone_covers_the_dev_news_rows(dev: dict[str, dict[str, Any]]) -> None:
    data = copy.deepcopy(compiled().data)
    data["sense"]["clause_patterns"] = []
    clf = Classifier(all_lists_loaded(), use_model=False)
    clf.rules = _build(data)
    rows = [dev[i] for i in HELD_WITHOUT_VOIDS]
    assert not any(r["takedown"] for r in rows)
    verdicts = list(clf.classify_many(rows))
    assert [r["id"] for r, v in zip(rows, verdicts, strict=True) if v.takedown] == []
    assert all("review:prose" in v.rules_fired for v in verdicts if v.violations)
    # and no dev takedown is held by it
    positives = [r for r in dev.values() if r["takedown"]]
    held = [r["id"] for r, v in zip(positives, clf.classify_many(positives), strict=True)
            if "review:prose" in v.rules_fired]
    assert held == []


# A seller's own terms of use name crimes too: a 接码 site's page says 本服务仅限用于…合法用途，
# 严禁用于违法犯罪、电信网络诈骗或冒用他人身份 (search-index file 71458404178, a code-receiving
# service's "合法用途" section). Such a disclaimer in a listing keeps it an offer; without it the
# legal word's clause (titles have no sentence ends) would hold the seller's title.
@pytest.mark.parametrize("title", ["接码 实卡 严禁用于违法用途", "免实名流量卡 禁止用于非法用途",
                                   "短信接码 仅限用于本人合法注册验证等合法用途"])
def test_a_sellers_terms_of_use_keep_the_offer(clf: Classifier, title: str) -> None:
    v = clf.classify({"platform": "xianyu", "title": title})
    assert v.takedown and "review:prose" not in v.rules_fired, v.reasons


def test_news_vocabulary_without_a_disclaimer_holds(clf: Classifier) -> None:
    # the same card words in a police sentence (after r2236, with the police word swapped for 公安,
    # which no sense clause void names) are held, not taken down
    v = clf.classify({"platform": "xianyu", "title": "公安机关提示，倒卖手机卡、免实名卡，将被追究刑事责任。"})
    assert not v.takedown and "review:prose" in v.rules_fired, v.reasons


# Session 27: sentences of public legal and news articles on the card trade (each with its page),
# classified as listing titles. Before these clause patterns (legal citations and court
# vocabulary with anonymised names, quoted speech, police-news words within a wider reach) each
# was a takedown. Not corpus rows: the patterns were written from them, so they would tune the
# test part wherever the split rule sent them.
LEGAL_AND_NEWS = [
    ("根据《中华人民共和国刑法》第253条,公民个人信息包含实名认证的手机号码,未经授权转卖他人实名手机卡属于侵犯公民个人信息行为。",
     "https://www.9m8m.com/1815685.html"),
    ("何某批量购号引流案,购买4万个实名号获利200万", "https://www.9m8m.com/1815685.html"),
    ("贩卖50张他人手机卡 3年以下有期徒刑", "https://www.aliyunyouhui.com/417641.html"),
    ("出售手机号指个人或组织将自有手机号转让给他人以获利的行为,这直接违反《中华人民共和国个人信息保护法》第10条",
     "https://m.nctoro.com/a38856"),
    ("店主却随手拿出几张手机卡,称“给你这些卡吧,能直接打电话,不用实名。”",
     "http://china.zjol.com.cn/system/2015/09/14/020832389_01.shtml"),
    ("接到指令后三台县公安局刑警大队立即组织警力前往该收发点,对可疑包裹进行开包检查,发现寄往云南省普洱市的"
     "一包裹中装有一只布玩偶,令人惊讶的是,这不是一只普通的玩偶,里面竟藏有用锡箔纸包装的联通手机卡250张",
     "https://zgshxww.org/aa2/fazhi/2020-11-27/31214.html"),
    ("随着手机卡管控日趋严格,电诈分子将注意力转移到手机“黑卡”上,衍生出了手机“黑卡”收购、仓储、售卖的产业链,"
     "这些卡也成为国内涉诈GOIP团伙和边境电诈犯罪集团的重要作案工具,严重危害人民群众财产安全。",
     "读特客户端·深圳新闻网, 2021-08-28 (a page of the search tool's pages corpus given without its URL)"),
    ("随后,尤某找到自己多年的生意伙伴——浙江省余姚市的周某,开始一起倒卖实名制电话卡到境外赚钱。",
     "http://shapingba.cqjcy.gov.cn/information/displaycont.asp?newsid=44540"),
    ("周海(化名)2019年9月至2020年6月在某银行信用卡综合营业部工作,2021年8月初,周海从其朋友马波(化名)处打听到:"
     "有人高价收卡,每张2000元,多少都收。", "https://tjhbfy.tjcourt.gov.cn/article/detail/2022/06/id/6720808.shtml"),
]


@pytest.mark.parametrize("title", [
    "流量卡 某宝同款 全国通用 0月租",  # 某宝 (taobao, as sellers write it) is no anonymised name
    "流量卡 在某东买不到 全国通用",
    "电话卡 正规实名 可自选号码 联系我",  # a call to contact the writer stays an offer
])
def test_offers_near_the_new_words_stay_offers(clf: Classifier, title: str) -> None:
    v = clf.classify({"title": title, "platform": "taobao", "shop_id": "s27-unknown"})
    assert v.sim_listing and v.takedown, v.reasons


# English and Tagalog news sentences on SIM-box raids and pre-registered SIM sales (each with its
# page): takedowns before the words of the police and of public warnings joined the prose clauses.
EN_NEWS = [
    ("A large number of pre-activated SIM cards and other equipment have been recovered from the accused.",
     "https://www.etvbharat.com/english/national/state/odisha/odisha-crime-branch-unearths-sim-box-racket-and-6-men-held/na20220914191608813813365"),
    ("A SIM box is a device that can house more than hundreds of SIM cards and be controlled via a computer.",
     "https://www.etvbharat.com/english/national/state/odisha/odisha-crime-branch-unearths-sim-box-racket-and-6-men-held/na20220914191608813813365"),
    ("It has been revealed that mastermind Vishal had procured a SIM box and engaged Tapas for sending "
     "messages by using pre-activated SIMs supplied by Sudhansu and Nigam.",
     "https://www.etvbharat.com/english/national/state/odisha/odisha-crime-branch-unearths-sim-box-racket-and-6-men-held/na20220914191608813813365"),
    ("Nakita ng mga otoridad ang assorted sim cards sa mga advertisement sa social media, na ipinagmamalaking "
     "pre-registered na sa ibang pangalan.", "https://dwiz882am.com/?p=501701"),
    ("The acting PNP chief urged the public to exercise caution and avoid purchasing or using second-hand or "
     "pre-registered SIM cards.",
     "https://hour24.news/2025-10-13/law-enforcement-cybersecurity-2/crackdown-on-pre-registered-sim-cards-in-the-philippines-pnp-intensifies-cybercrime-fight"),
    ("It was reported that registered SIM cards are being sold as high as P500 each, which is almost 10 times "
     "the regular price.", "https://www.einpresswire.com/article/646654040/revilla-cautions-public-on-sim-for-sale-modus"),
]


@pytest.mark.parametrize(("text", "source", "platform"),
                         [(*row, "xianyu") for row in LEGAL_AND_NEWS] + [(*row, "shopee") for row in EN_NEWS])
def test_legal_and_news_sentences_are_not_taken_down(clf: Classifier, text: str, source: str,
                                                     platform: str) -> None:
    v = clf.classify({"title": text, "platform": platform})
    assert not v.takedown, (source, v.reasons)


@pytest.mark.parametrize("title", [
    "Pre-registered SIM card ready to use, 50GB, message us",
    "Pre-activated SIM card bulk 100 pcs, no ID needed",
])
def test_english_offers_stay_takedowns(clf: Classifier, title: str) -> None:
    assert clf.classify({"title": title, "platform": "shopee"}).takedown


@pytest.mark.parametrize(("text", "source"), [
    ("免实名次数已用完，继续发布请先完成实名认证", "index file 53757496080 (an event app's notice)"),
    ("专属个人链接与二维码，用户邀请分佣，消费挂钩，群主持续收益，提现免实名保护隐私。", "index file 10481119065"),
    ("一个免实名的邮箱工具，帮你保护隐私。还能用教育邮箱，享学生折扣。", "index file 37540024829"),
    ("每票最大倍数(免实名)", "index file 55512551970 (a lottery calculator)"),
])
def test_no_real_name_of_something_else_is_no_sim_listing(model_clf: Classifier, text: str,
                                                         source: str) -> None:
    """免实名 of a quota, a payout, a mailbox or a lottery prize (sense patterns, session 27): the
    rules left these open and the text model called them SIM listings (held for review)."""
    assert not model_clf.classify({"title": text, "platform": "xianyu"}).sim_listing, source
