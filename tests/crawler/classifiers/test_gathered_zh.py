"""Chinese plan-card names, 实卡/接马 code-receiving offers and their lawful look-alikes
(issue #16, the zh helper's round).

Each text is quoted (trimmed) from the public source named next to it; labels follow POLICY.md and
data/real/README.md. The corpus rows among them (ids given) are in the real corpus's dev part; the
others are texts of the same sources that are not in the corpus. None was taken from the test part.
"""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import all_lists_loaded, load_real

# a phone-plan comparison page's BuildNewPlan(name, note, ...) list (search index file id)
_PLANS = "index file 16205813667 (plan-comparison script)"
_LINES = "index file 13002249776 (cloud-open.cn business-broadband plan table)"
_OFFERS = "index file 59092575936 (virtual-goods offer aggregator's test titles)"
_AISHOP = "index file 63619594368 (AI-account shop products)"
_LINYI = "http://www.aiborain.com/news_html/201409/20140912/news_20140912_2452466.shtml"
_YGO = "index file 56711968666 (游戏王集卡社 site SEO)"
_VERIFY = "index file 67014822675 (offer-catalogue test, category 实卡/接码)"
_JIEMA = "index file 70533404349 (shop auto-category test, category 接马服务)"
_NOTICE = "index file 32198017870 (a Shanghai Mobile number shop's order-page agreements, 警方提示)"
_BANK = "index file 22844745332 (a rural bank's staff-assessment form)"


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(all_lists_loaded(), use_model=False)


def classify(clf: Classifier, platform: str, title: str, description: str = "") -> object:
    return clf.classify({"platform": platform, "listing_id": "zh", "title": title, "description": description})


# (source, title, description): phone-card plans named without a SIM noun, taken down as
# unauthorised sales of a domestic carrier's cards
PLAN_CARDS = [
    # a card name in the title with a phone plan's feature in its note (流量, 归属地)
    (_PLANS + " r1234", "金神卡", "流量是先扣费，次月退还，每月25日之后的流量不在套餐内"),
    (_PLANS + " r1301", "雷神卡", "流量是先扣费，次月退还"),
    # a membership given as the card plan's perk (即为 / 附赠 / n个月), not the thing sold
    (_PLANS + " r1238", "百度云圣卡", "在用卡即为百度网盘超级会员"),
    (_PLANS + " r1254", "星芒卡 39元", "附赠芒果TV会员"),
    (_PLANS + " r1248", "真爱卡", "12个月B站大会员等"),
    (_PLANS + " r1249", "移动花卡宝藏版", "某热门APP会员一个月等"),
    # an app's name inside a co-branded card's name is no membership title (its own VIP is the perk)
    (_PLANS + " r1247", "腾讯视频卡", "只送一个月的腾讯视频VIP"),
    # an internet company's co-branded card with a plan-card morpheme (宝/王/圣/乐/花/神/星)
    (_PLANS + " r1257", "阿里小宝卡", ""),
    (_PLANS + " r1240", "百度大圣卡", ""),
    (_PLANS + " r1259", "网易乐卡", ""),
    # a carrier brand card holding Latin letters
    (_PLANS + " r1256", "联通V粉卡 19元", ""),
]


@pytest.mark.parametrize(("source", "title", "description"), PLAN_CARDS)
def test_plan_card_names_are_sim_listings(clf: Classifier, source: str, title: str, description: str) -> None:
    verdict = classify(clf, "taobao", title, description)
    assert verdict.sim_listing and verdict.takedown, (source, title, verdict.rules_fired)
    assert "unauthorised_seller" in verdict.violations


# (source, platform, title, description, the black-card code it must carry)
BLACK_CARD = [
    # 本地卡 (a local phone card) sold without an ID card, quoted by a reporter (traditional characters)
    (_LINYI + " r1294", "xianyu", "本地卡都是大額的,一般都是200元打300元的,不用身份證也能辦理", "另一個流動攤販說",
     "no_real_name"),
    # code receiving on a real SIM's number (实卡手机号) or on a US physical card (实体卡)
    (_VERIFY, "xianyu", "Gpt/Codex 美国实卡手机号 临时单次", "", "verification_service"),
    (_OFFERS + " r1319", "xianyu", "ChatGPT / Codex｜美国实体卡接码【30天可续租】", "", "verification_service"),
    # 接马: the trade's homophone of 接码, in its phrases (长效接马)
    (_JIEMA, "xianyu", "美国实卡长效接马 Codex Plus接马 30天", "", "verification_service"),
]


@pytest.mark.parametrize(("source", "platform", "title", "description", "code"), BLACK_CARD)
def test_black_card_wording(clf: Classifier, source: str, platform: str, title: str, description: str,
                            code: str) -> None:
    verdict = classify(clf, platform, title, description)
    assert verdict.takedown and code in verdict.violations, (source, title, verdict.rules_fired)


# (source, platform, title, description): lawful texts sharing the words of the rules above
LOOKALIKES = [
    # an AI account's phone-verification state (已接码, 未接马, 免接码) is no code service
    (_OFFERS + " r1326", "xianyu", "GPT Plus成品号｜已接码 支持二验｜可邮箱登录 附登录教程 不以不会使用为由进行退款！", ""),
    (_OFFERS + " r1323", "xianyu", "【自营】Plus 已接马 仅反代，发CDK 不可网页 不可囤", ""),
    (_OFFERS + " r1325", "xianyu", "免接码 G Free -Json 批发 【反代专用】", ""),
    (_OFFERS, "xianyu", "G Plus 未接马 质保首登 7.22新号", ""),
    # 实卡 = the real credit card paying for an account
    (_OFFERS + " r1330", "xianyu", "【特惠秒发】独享个人月度会员 官方正规实卡开通",
     "本商品为 ChatGPT Plus 官方正规独享号，带完整邮箱密码和2FA"),
    # memberships whose title names the membership (a perk needs a card name and no membership title)
    (_OFFERS + " r1329", "xianyu", "SuperGrok 年卡，附赠 X Premium+", ""),
    (_AISHOP + " r1334", "xianyu", "Gemini Ai Pro 会员 直充含绑卡",
     "包含正规国际信用卡绑卡服务，直接升级您现有的 Google 账号至 Gemini Advanced (Pro)。"),
    # trading cards whose names hold a card word (游戏王卡 holds 王卡)
    (_YGO, "taobao", "游戏王集卡社 · 游戏王卡图 / 图鉴 / 制卡器",
     "全网最美的游戏王卡图与系列图鉴，含在线制卡器与分享长图工具。抖音号 ygoclub。"),
    # a carrier's dedicated lines and broadband with 首月免租 and 元/月: no card
    (_LINES + " r1271", "taobao", "沃·专线", "中国联通 CHINA UNICOM 多IP、大型服务器 集群搭建场景 10M上下行对称 一个固定IP 5940元/月"),
    (_LINES + " r1270", "taobao", "沃·SOHO", "中国联通 CHINA UNICOM 商铺、初创企业 40M上下行对称 动态IP 2400元/年"),
    (_LINES + " r1272", "taobao", "光网宽带", "中国移动 CHINA MOBILE 商铺、初创企业 20M上下行对称 动态IP 2980元/年"),
    # a quoted stall's calling top-up card for existing numbers
    ("http://youngorbeijing.com/it/news/2009/11-05/1949699.shtml", "xianyu",
     "这种卡打电话只要一毛五,移动、联通的号都能充,当时充值当时就送话费!", "充100送100,充200 送200"),
]


# (source, title, description): carriers' own warnings on card pages name black-card acts to forbid
# them; the card page is a SIM listing, but the warning is no black-card signal
NOTICES = [
    (_NOTICE, "转卖转借风险提示：", "严禁个人擅自买卖实名电话卡行为，出售、出租、分租转让实名电话卡等行为容易被他人用于实施"
     "电信网络诈骗等违法犯罪活动，从而卷入法律纠纷。请您提高个人用户信息保护意识，妥善保管好实名电话卡。"),
    (_NOTICE, "《实名制信息安全责任告知书》", "入网号码必须实名登记，且不得将号卡租借、贩卖或以任何方式提供给他人。"),
    (_NOTICE, "《优选号码规则详情》", "切勿将短信随机码告知他人，务必自行输入。切勿将本人办理的手机卡买卖，出借和给于他人。"),
]


@pytest.mark.parametrize(("source", "title", "description"), NOTICES)
def test_carrier_warnings_are_no_black_card_signal(clf: Classifier, source: str, title: str, description: str) -> None:
    verdict = classify(clf, "taobao", title, description)
    black = set(verdict.violations) - {"unauthorised_seller"}
    assert not black, (source, title, verdict.rules_fired)


def test_bank_card_pair_is_no_card_buying(clf: Classifier) -> None:
    """丰收两卡 (a rural bank's debit + loan card) holds 收两卡, the buying of phone + bank cards."""
    verdict = classify(clf, "taobao", "未填写丰收两卡目标任务或目标任务为负")
    assert not verdict.sim_listing and not verdict.takedown, (_BANK, verdict.rules_fired)


@pytest.mark.parametrize(("source", "platform", "title", "description"), LOOKALIKES)
def test_lookalikes_stay_clean(clf: Classifier, source: str, platform: str, title: str, description: str) -> None:
    verdict = classify(clf, platform, title, description)
    assert not verdict.takedown, (source, title, verdict.rules_fired)
    assert not verdict.sim_listing, (source, title, verdict.rules_fired)


def test_quoted_corpus_rows_are_dev_rows() -> None:
    """The ids named above are dev rows whose text is the one tested (never the test part)."""
    rows = {r["id"]: r for r in load_real()}
    for source, *texts in PLAN_CARDS + [(s, t, d) for s, _p, t, d, _c in BLACK_CARD] + \
            [(s, t, d) for s, _p, t, d in LOOKALIKES]:
        row_id = source.rsplit(" ", 1)[-1]
        if row_id.startswith("r") and row_id[1:].isdigit():
            assert rows[row_id]["split"] == "dev", row_id
            assert rows[row_id]["title"] == texts[0], row_id


# (source, text): legal commentary and carriers' / platforms' warnings that name card trading to
# condemn it (zh2 helper); none is in the real corpus's test part (r1602 is a dev row)
_WECHAT = "https://www.myzaker.com/article/691ef6598e9f0924623acfcb (WeChat security centre notice)"
_LIANGKA = "https://www.nxnews.net/zt/2022zt/wlbsfwzd/xsdwdl/202505/t20250507_10570404.html"
_RESALE = "https://www.aliyunyouhui.com/417641.html"
_IOT = "http://linhoocis.cn/news/4742.html (MIIT/MPS notice quoted, converted from traditional characters)"
LEGAL_COMMENTARY = [
    (_WECHAT, "非法出售、出租、出借手机卡涉嫌违法犯罪,微信持续关注和打击平台内倒卖手机卡、手机号行为。"),
    (_WECHAT, "如需办理手机卡,请务必通过官方授权、具备合法经营资质的正规营业厅或官方线上渠道进行办理。"),
    (_IOT, "依法严厉打击非法办理、出租、出售、购买和囤积电话卡、物联网卡,以及关联互联网账号的行为"),
    (_LIANGKA, "非法买卖、出租、出借、假冒他人身份或虚构代理关系开立银行卡、电话卡(含物联网卡、流量卡)、电信线路、短信端口等。"),
    (_RESALE, "2024年广东某案件中,通讯店老板因出售200余张手机卡给诈骗团伙,最终以帮助信息网络犯罪活动罪获刑4年。"),
    ("https://www.9m8m.com/1815685.html r1602", "实名手机卡本质属于个人信息载体,除法定程序外任何转卖行为均涉嫌违法。"),
]


def test_quoted_card_buying_ad_is_bulk_trading(clf: Classifier) -> None:
    """A WeChat-group ad quoted by a case book (r1600, dev part)."""
    verdict = classify(clf, "xianyu", "高价收购电话卡、花卡,给话务员打电话用")
    assert "bulk_trading" in verdict.violations, ("https://wxredian.com/art?id=f2fed0b3ae62ee3a0334c373c32a9e99",
                                                  verdict.rules_fired)


# (source, text): news sentences describing black cards; no offer (r1603 is a dev row)
NEWS = [
    ("http://china.zjol.com.cn/system/2015/09/14/020832389_01.shtml r1603", "每天超8800万个骚扰电话与非实名手机卡有关"),
    ("http://china.zjol.com.cn/system/2015/09/14/020832389_01.shtml",
     "利用非实名或“伪实名”的电话卡实施电信诈骗,已经形成庞大的产业链。"),
    ("http://www.ruipqd.tw/html/Group_dynamics/20180709_1848.html (央视财经 repost)", "三大運營商手機黑卡被隨意售賣 電信詐騙處灰色地帶"),
]


@pytest.mark.parametrize(("source", "text"), LEGAL_COMMENTARY + NEWS)
def test_commentary_and_news_are_no_listing(clf: Classifier, source: str, text: str) -> None:
    verdict = classify(clf, "xianyu", text)
    assert not verdict.takedown and not verdict.violations, (source, verdict.rules_fired)
