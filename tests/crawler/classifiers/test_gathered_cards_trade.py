"""Other trades' cards that share a SIM card's words (issue #16, session 29): gift-card and
top-up-voucher recyclers (收卡, 回收, 卡密, 批量), old payphone cards (光學電話卡, IP电话卡), and words
that end in 卡 without naming one (渠道获取的卡).

Every text is quoted (trimmed) from the public source named next to it; labels follow POLICY.md
§1 (gift, top-up and point cards, and collectible payphone cards, are not SIM listings). None was
taken from the real corpus's test part.
"""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_gathered_zh import classify
from tests.crawler.classifiers.test_real_corpus import all_lists_loaded

_YISHOUKA = "l0lita666/yishouka @d75a366 (a gift-card recycling site: 爱销卡)"
_GIFTSITE = "peterz-codes/giftcard_sell_site @99677bd (a gift-card recycling site)"
_OIL = "index file 27299111291 (a mall's 加油卡回收协议)"
_YAOXIAOKA = "index file 10343061181 (要销卡, a card-recycling site's page title)"
_PAYPHONE = ("https://tw.news.yahoo.com/2%E5%8D%83%E5%A4%9A%E5%BC%B5-%E5%85%89%E5%AD%B8%E9%9B%BB%E8%A9%B1%E5%8D%A1-"
             "%E4%BA%BA%E5%A4%AB%E6%94%BE20%E5%B9%B4%E6%8B%9A%E5%A2%9E%E5%80%BC-%E9%9B%BB%E4%BF%A1%E5%93%A1%E5%B7%A5-"
             "%E7%AE%97-065255807.html")


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(all_lists_loaded(), use_model=True)


# (source, platform, title, description): none is a SIM listing
LAWFUL = [
    # 接码 inside 连接码 / 对接码 (a pairing or integration code), 注册账号 as everyday UI text
    ("index file 59730582876", "xianyu", "P2P 房间：房主生成加密连接码，另一名玩家粘贴连接码后可进行普通构筑 BO1。", ""),
    ("index file 54560761206", "xianyu", "连接码无效或已经过期，请回到网站重新生成。", ""),
    ("index file 70390951341", "xianyu", "鸿蒙端开启服务，在页面查看本机地址和连接码。",
     "Mac 连接设备，输入地址和连接码；需要持久配对时，按两端设置允许并记住设备。"),
    ("index file 70099204176", "xianyu",
     "在你自己的一台 Linux 服务器上运行一键脚本，把脚本最后打印的「对接码」粘贴到这里即可完成云端与本地端的对接。", ""),
    ("index file 65943603396", "xianyu", "请先绑定供应商对接码", ""),
    ("index file 56267170461", "xianyu", "大类 对接码 状态", ""),
    ("index file 63143899203", "xianyu", "使用演示密钥可立即体验所有功能，无需注册账号", ""),
    ("index file 52081543353", "xianyu", "请前往以下平台注册账号并获取 API Key：", "OpenAI (ChatGPT)"),
    ("index file 20266006683", "xianyu", "后台快速使用步骤", "Step1：注册账号 http://www.ruanwenztc.com，填写账号、密码、联系方式"),
    # a recycler names itself after 收卡 next to the gift card it buys
    (_GIFTSITE + " web/Runtime/Cache/Home/3f31f22c….php <title>", "xianyu",
     "百分百收卡网_礼品卡兑换_一家专注二手礼品卡回收的网站", ""),
    (_OIL, "xianyu", "加油卡回收协议",
     "本协议是本人与椰子分商城加油卡充值供应商苏州收卡啦信息技术有限公司之间就加油卡回收服务等相关事宜所订立的契约与约定"
     "（以下简称“本协议”）。 1、充值卡：本协议所称加油卡，为中石油、中石化发行的具有一定面值，可用于加油卡充值的卡片。"),
    (_YAOXIAOKA, "xianyu", "要销卡-专注充值卡回收兑换_话费卡回收_游戏点卡回收_加油卡回收", ""),
    # a top-up voucher's rules: a carrier's 移动卡 with 卡号/密码 and 卡密 is a voucher, and
    # 批量提交 is batch submission of vouchers, not bulk card trading
    (_YISHOUKA + " app/home/view/card/wap/index.html", "xianyu",
     "面值不符将全单损失！卡号与密码不匹配将全单损失！河南移动卡不收！提交一律失败！卡号15开头及以下不支持处理，"
     "【卡密规则】卡号为17位，密码18位。批量提交无效卡永久封号不予解封！", ""),
    (_GIFTSITE + " web/Application/Home/View/Card0530/recycle.html", "xianyu",
     "京东E卡 京东钢蹦 中国石化加油充值卡 中国石油加油充值卡 移动电信联通话费充值卡亚马逊礼品卡回收", ""),
    (_YISHOUKA + " config/admin/website.php", "xianyu",
     "话费充值卡,加油充值卡,旅游,商超,等礼品卡兑换回购,专注二手礼品卡回收换购的平台。", ""),
    (_YISHOUKA + " app/home/view/layout/home_wen.html", "xianyu",
     "游戏卡与话费卡为“自动结算”形式回收，用户提交订单后最快几分钟内即可完成交易", ""),
    # a clause ending in 的卡 names no card (渠道获取的卡 is no plan card "道获取的卡")
    (_YISHOUKA + " (service agreement)", "xianyu",
     "服务协议，非法渠道获取的卡不受保护。如果您通过非官方客服号码进行咨询或处理二手卡回收造成损失，本平台概不负责。", ""),
    # old payphone cards (POLICY §1: collectibles)
    (_PAYPHONE, "xianyu", "2千多張「光學電話卡」人夫放20年拚增值!電信員工一算:退了20多萬", ""),
]


@pytest.mark.parametrize(("source", "platform", "title", "description"), LAWFUL)
def test_other_trades_card_is_no_sim_listing(clf: Classifier, source: str, platform: str, title: str,
                                             description: str) -> None:
    verdict = classify(clf, platform, title, description)
    assert not verdict.sim_listing and not verdict.takedown, (source, title, verdict.reasons)


def test_a_phone_card_bought_next_to_a_gift_card_is_still_bought(clf: Classifier) -> None:
    """收卡 stays card buying when the listing names a phone card or a carrier beside the gift card."""
    verdict = classify(clf, "xianyu", "高价收卡 手机卡 电话卡 礼品卡都收")
    assert verdict.sim_listing and "bulk_trading" in verdict.violations, verdict.reasons
    verdict = classify(clf, "xianyu", "收卡 联通 移动 不要礼品卡")
    assert verdict.sim_listing, verdict.reasons


def test_a_black_card_word_still_wins_next_to_a_voucher(clf: Classifier) -> None:
    """A voucher's 卡密 is no head against a code service (接码 … 自助卡密, corpus dev rows r1164/r1166)."""
    verdict = classify(clf, "xianyu", "Claude SMS 接码-泰国 接码自助卡密")
    assert verdict.sim_listing and "verification_service" in verdict.violations, verdict.reasons


def test_a_bank_card_kit_holds_a_phone_card(clf: Classifier) -> None:
    """四件套 (DOMAIN.md: bank card + U盾 + phone card + ID copy) sells a card registered to
    someone else: the bank-card head does not void it (a grey-market shop's catalogue, index file
    43311412289); a bedding 四件套 stays bedding."""
    verdict = classify(clf, "xianyu", "银行卡（一类卡）+盾+手机卡+身份复印件 【原件照片 】 【对公】出售！", "银行卡四件套")
    assert verdict.sim_listing and "pre_registered" in verdict.violations, verdict.reasons
    assert not classify(clf, "taobao", "全棉四件套 床单被套 1.8m床").sim_listing
