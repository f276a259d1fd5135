"""Chinese black-card wording quoted by news, courts and police, an account shop's product names,
and their lawful look-alikes (issue #16, the zhb helper's round).

Each text is quoted from the public source named next to it (data/real/SOURCES.md); labels follow
POLICY.md. Rows given by id are in the real corpus's dev part; the others are texts of the same
sources that are not in the corpus. None was taken from the test part.
"""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers import test_gathered_zh as _zh

classify = _zh.classify
clf = _zh.clf  # the zh round's rules-only classifier fixture, shared rather than written twice

_SHOP = "index file 55588063664 (an account shop's product table)"
_TV = "http://damoshentu.com/news/332789.shtml (山东广播电视台 report, 2015)"
_HEIKA = "https://hcgf898.com/article-9962.html (手机黑卡 feature, 2023)"
_GUIDE = "https://aliyunyh.com/1084477.html (data-card buyer's guide)"
_NONREAL = "https://www.yunzhuji.net/kahao/557988.html (non-real-name card explainer)"
_RMW = "https://laicaspain.com/news/content/1892526.html (人民网 student guide, 2024)"
_AF = "https://github.com/paipai-Studio/Anti-Fraud/issues (forwarded news)"
_ICU = "https://github.com/996icu/996.ICU/issues/7746"
_ZCK = "https://zhuceka.com/43092.html (a registration-card seller's site)"


# (source, title, description, black-card code): accounts sold as registered to someone, with the
# real-name word apart from the app's account word (实名 … 微信老号)
OFFERS = [
    (_SHOP + " r2255", "半年实名微信老号", "", "pre_registered"),
    (_SHOP + " r2256", "两年实名稳定微信老号", "", "pre_registered"),
    (_SHOP + " r2258", "原机实名绑卡带零钱通微信号", "", "pre_registered"),
    (_SHOP, "五年实名微信老号", "", "pre_registered"),
    # 注册卡: a card sold for registering app accounts (the seller's own pages)
    ("https://zhuceka.com/54660.html r2268", "注册卡不同于普通的手机卡，它主要是为了满足企业批量注册账号等特定需求而存在的。", "",
     "verification_service"),
    ("https://zhuceka.com/69006.html r2304", "像话机162号段(电信，自带一年费用，可以接语音)、朗玛165号段(移动，首冲8元，可以接语音)等注册卡，从功能上是具备注册支付宝的条件的。", "",
     "verification_service"),
    (_ZCK, "0月租注册卡首年免年费，次年继续使用需缴纳年费。", "", "verification_service"),
    (_ZCK, "流量注册一体卡虽带有流量套餐，但流量费用相对较高，使用时要注意流量详情", "", "verification_service"),
    # a street seller's pitch quoted by a report: the description is the report's own words
    (_TV + " r2200", "不能使再拿給俺，天天在這賣，一天賣幾十張，不用拿身份證", "攤主說聯通、移動都有", "no_real_name"),
]


@pytest.mark.parametrize(("source", "title", "description", "code"), OFFERS)
def test_black_card_offers(clf: Classifier, source: str, title: str, description: str, code: str) -> None:
    v = classify(clf, "xianyu", title, description)
    assert v.sim_listing and v.takedown and code in v.violations, (source, v.violations)


# (source, title): reports, warnings, explainers and complaints that name card words — nothing offered
LOOKALIKES = [
    (_TV + " r2201", "濟南臨沂現170號段手機卡 街頭兜售無需實名認證"),  # a reporter's 兜售
    (_TV + " r2202", "街頭攤販說他們賣的電話卡不實名認證也可以用(視頻截圖)"),  # a video caption
    (_TV + " r2203", "記者沒用身份證順利辦下的兩張電話卡(視頻截圖)"),
    (_HEIKA + " r2205", "今年2月，广东潮州市警方抓获一个“黑卡卡商”违法犯罪团伙，现场缴获各类手机黑卡60余万张，联网设备等涉案物品一批。"),
    (_GUIDE + " r2213", "卡板印刷”0月租流量卡”等诱导性标语"),
    (_NONREAL + " r2214", "代实名卡：使用他人身份信息或机器刷实名，常见于灰色产业链"),
    ("https://hfnxjk.com/iot/market/524989.html r2218", "物聯卡之家：物聯網卡被當做流量卡出售給個人的後果"),
    (_RMW + " r2225", "陷阱二：出租、出借電話卡和銀行卡"),
    (_AF + "/69 r2239", "该团伙勾结某运营商员工，批量购买100万张定向流量物联网卡，违规搭建代理上网服务器并将裸卡销售"),
    ("https://github.com/996icu/996.ICU/issues/7734 r2242", "封了这个卖电话卡的！！！！"),
    (_ICU + " r2243", "那个发广告卖电话卡的，别丢程序员的脸了."),
    ("https://github.com/QLHazyCoder/FlowPilot/issues/33 r2246", "是否可以增加手机号功能"),
    ("https://m.kfkhr.com/1/2202592.html r2250", "不实名认证的卡风险很大，容易被坏人用来搞诈骗。"),
    # a platform's requirement of its own user (需是 实名微信号), not an account sold
    ("index file 46281965587 r2264", "·邀请的好友微信号需是实名微信号，否则根据微信官方规定无法成功领取红包。"),
    # advice and platform rules on registering accounts
    ("https://sysxhz.com/b/631483.html r2306", "在这里，需要特别提醒的是，不建议随便使用他人的信息注册支付宝账号。"),
    ("https://m.gzjll.com/3/3541544.html r2307", "支付宝对账号数量有限制，普通用户最多可注册3个实名认证账户。"),
    # 注册卡 as other words: a software licence key, a UI card, a hang, a game card's effect
    ("index file 59137647634 (admin settings tab)", "注册卡密"),
    ("index file 133429024 (a login screen's comment)", "// 注册卡片"),
    ("index file 71590997719 (a bootstrap-code comment)", "文件方案曾因权限被拒导致注册卡死"),
    ("index file 53493976684 (a card game's engine)", "注册卡牌效果（含关键词触发效果）"),
    # reports and rules in the same rounds' sources
    ("https://news.ltn.com.tw/news/world/breakingnews/5212691 r2276", "犯罪集團利用所謂的「SIM卡農場」大量發送簡訊。"),
    ("https://www.yunzhuji.net/kahao/579185.html r2277", "查看月租标识：标注“消费电子级成品卡”“0月租”均为物联卡"),
    ("http://tech.sina.com.cn/t/2015-09-02/doc-ifxhkafa9601951.shtml r2272", "手机卡实名补登不能代办"),
    ("https://m.sboyo.com/1/96402.html r2283", "骗子用他人信息办卡，骗取钱财或发送垃圾短信。"),
    ("https://mip.haote.com/jiaocheng/112420_3.html r2223", "工信部:黑电话卡网店见一个封一个!"),
]


@pytest.mark.parametrize(("source", "title"), LOOKALIKES)
def test_reports_and_warnings_are_not_offers(clf: Classifier, source: str, title: str) -> None:
    v = classify(clf, "xianyu", title)
    assert not v.takedown and not v.violations, (source, v.rules_fired)
