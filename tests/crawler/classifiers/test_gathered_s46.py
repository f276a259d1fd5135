"""Real texts gathered in session 46 (gathered/*_na …) and earlier texts the session's rules read
now. Each text with its source; every test but the guards failed before its rule."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of


@pytest.mark.parametrize(("title", "description"), [
    # https://telenumerus.com/llms.txt (gathered/en_verification_bulk_nc.jsonl)
    ("Telenumerus — AI Agent Integration Guide",
     "> SMS verification API. Get phone numbers and verification codes for 33 platforms. Self-service."),
    # https://www.indiehackers.com/product/virtualsms/revenue (gathered/en_verification_bulk_nc.jsonl)
    ("SMS Verification API with Real SIM Cards",
     "All SMS APIs were either VoIP (blocked by services that matter) or legacy formats AI agents can't use. "
     "We needed real SIMs, found nothing, built it. REST API + MCP from day one."),
])
def test_numbers_and_codes_for_platforms_are_a_verification_service(
        clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="ebay")
    assert "verification_service" in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # https://www.gogoai.xin/article/openai-phone-number-limits-one-number-one-account (gathered)
    ("OpenAI Phone Number Limits: One Number, One Account",
     "Users attempting to register multiple accounts with the same mobile number will face immediate "
     "verification failures. The system detects duplicate numbers during the SMS verification phase."),
    ("Twilio SMS verification API for your app", "Send one-time codes to your users"),  # a sender's API
    ("Verify API", "Get started with phone verification. Your app gets numbers and codes sent by SMS"),
])
def test_a_verification_step_or_a_senders_api_is_no_service_sold(
        clf: Classifier, title: str, description: str) -> None:  # guards
    assert not verdict_of(clf, title, description, platform="ebay").takedown


@pytest.mark.parametrize("title", [
    # zjunlp/ChineseHarm-bench benchmark/黑产广告.json@5e81bc4 (gathered/zh_black_card_nb.jsonl)
    "两个月账单，无违规，已实名vx  ,可租可出，需要的加",
    "已实名qq 可出 价格私聊",
])
def test_an_app_account_registered_in_a_name_let_or_sold_is_pre_registered(clf: Classifier, title: str) -> None:
    # 已实名 + an app's name (vx = 微信) + 可租/可出/出售: someone's registered account handed on (POLICY §4)
    verdict = verdict_of(clf, title, platform="xianyu")
    assert verdict.takedown and "pre_registered" in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", [
    "本人已实名微信支付，出租房屋一间",  # a landlord's payment account
    "微信已实名，房子出租中",
    "已实名微信小程序 转让 源码",  # a mini program's code
])
def test_a_registered_payment_account_beside_a_rental_is_no_account_sold(clf: Classifier, title: str) -> None:  # guards
    assert not verdict_of(clf, title, platform="xianyu").takedown


def test_a_benefit_zone_add_on_is_no_card(clf: Classifier) -> None:
    # hyncao/mock-server src/projects/benefit/getAdList.js@86e4f0b (gathered/zh_plan_titles_na.jsonl): the
    # carrier's 权益专区 sells add-ons to its own lines (5元10GB), not a card
    verdict = verdict_of(clf, "权益专区-广东联通5沃助理", "5元10GB+沃助理", platform="taobao")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # https://9m8m.com/1597582.html (gathered/zh_number_c2c_ne.jsonl): an explainer's first section
    ("一、靓号分级与选号标准", "中国移动靓号根据号码尾号组合规律分为四个等级: - 四级靓号:AAAAA型(如尾号88888),预存10000元,"
                               "保底消费798元/月 - 三级靓号:AAAA型(如尾号6666),预存5000元,保底消费598元/月"),
    # https://www.9m8m.com/1604396.html
    ("一、靓号定义与分类", "中国联通对靓号的认定标准为包含连续重复数字或特殊排列组合的号码,例如尾号带888、666或ABBA等排列形式。"
                             "根据号码稀缺性分为不同等级,等级越高保底消费要求越高。 二、过户保底消费要求 2025年政策规定,"
                             "靓号过户必须签订终身保底消费协议,具体标准如下: 等级 | 示例号码 | 月保底消费 | 预存款 | "
                             "---|---|---|---| 10级 | *AAAAA | 889元 | 50000元 | 3级 | ABBA | 89元 | 400元 |"),
])
def test_a_numbered_section_defining_numbers_heads_an_article(clf: Classifier, title: str, description: str) -> None:
    # 一、…定义/分类/标准: a section of an explainer, its tiers and deposits the carrier's rules, not an offer
    assert not verdict_of(clf, title, description, platform="taobao").takedown


@pytest.mark.parametrize(("title", "description"), [
    ("一、产品简介", "本店移动靓号 尾号8888 预存500元 下单包邮"),  # a shop's own section: the shop's voice
    ("一、靓号分类标准 本店现货", "尾号AAAA 预存1000元 拍下即发"),
])
def test_a_numbered_section_in_a_shops_voice_still_sells(clf: Classifier, title: str, description: str) -> None:
    # guards
    assert verdict_of(clf, title, description, platform="taobao").takedown


def test_a_warranty_already_activated_is_no_pre_activated_card(clf: Classifier) -> None:
    # https://campub.com.tw/article/detail/c_20230601 (gathered/tw_hk_traditional_nf.jsonl): a 3C shop's
    # return policy; 已啟用保固 is the warranty, 安裝 SIM 卡 the buyer's card in a phone
    verdict = verdict_of(clf, "【鑑賞期規範】", "【不可退貨情形】 - 以下情形將無法受理退貨: - 商品已開機、登入 Apple ID / Google "
                         "帳號、或已啟用保固。 - 商品已拆封使用(包含貼膜、安裝 SIM 卡、插電啟動)。", platform="shopee")
    assert "pre_activated" not in verdict.violations, verdict.reasons


# The session's review (a second agent's probes of these rules as first written; labels by POLICY)
@pytest.mark.parametrize(("platform", "title", "description"), [
    ("amazon", "SIM Card Tray Replacement for iPhone 13 Mini",
     "Fit verification with real SIM cards done on every batch. Includes eject pin. SIM card not included."),
    ("amazon", "Spy Decoder Kit for Kids - Secret Agent Set",
     "Crack ciphers with the decoder wheel and UV pen: kids get numbers and codes from hidden messages. Ages 6+."),
    ("shopee", "Japan Travel SIM 8 Days 20GB Data Only",
     "Docomo network. Each card undergoes network verification on real SIM test phones before dispatch. "
     "Data only, no phone number, cannot receive SMS."),
    ("xianyu", "二手iPhone13 自用 无拆修", "本人已实名微信，可出示购买记录，支持当面验机。"),
    ("xianyu", "索尼A7M4 相机出租 日租80", "已实名支付宝用户可租，芝麻分600以上免押金，顺丰到付。"),
    ("taobao", "办公椅 人体工学 批发", "支持已实名认证的支付宝账户付款，可出发票，量大从优。"),
    ("douyin", "三亚自驾租车 免押金", "已实名抖音用户可租车，芝麻分650免押，机场送车。"),
    ("douyin", "招聘带货主播 底薪+提成", "要求：已实名抖音可出镜者优先，有直播经验，工作地点杭州。"),
])
def test_review_probes_the_new_rules_must_not_take_down(
        clf: Classifier, platform: str, title: str, description: str) -> None:  # guards
    assert not verdict_of(clf, title, description, platform=platform).takedown


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("shopee", "We do the SMS verification step for you", "Any app, any country, done in 3 minutes. Pay after success."),
    ("ebay", "Stuck at the SMS verification stage? We supply working numbers",
     "For Tinder, Bumble, Hinge. Numbers are private, codes forwarded."),
    ("amazon", "Skip the SMS verification step - rent a real number for 20 minutes", "Receive the text on our dashboard."),
    ("shopee", "马来西亚 Digi SIM卡 已激活保修7天", "马来西亚号码 插卡即可使用"),  # a pre-activated card's warranty
    ("xianyu", "一、产品特点：电信流量卡 全国通用 大流量", "月租29，185G通用，加v秒回，当天发出"),  # a shop's own section
])
def test_review_probes_still_taken_down(clf: Classifier, platform: str, title: str, description: str) -> None:  # guards
    assert verdict_of(clf, title, description, platform=platform).takedown


@pytest.mark.parametrize("title", [
    # SMS corpora quoted in gathered/zh_number_c2c_ne.jsonl (Ydoit/Spam_Message_Classification and others)
    "你好 这边是胭脂路移动营业厅 您的号码可以参加存xxx送xxx的话费活动 欢迎您来参加 更多优惠进店了解",
    "移动号码现存xxx送xxx*存xxxx送xxx，总钱分xx个月返还，一个号码可办多次，不限最低消费。 锐杰xxxxxxxxxxx",
])
def test_a_deposit_bonus_for_ones_own_number_is_a_top_up(clf: Classifier, title: str) -> None:
    # 存费送费 offered to the reader's number (您的号码可以参加, 一个号码可办多次): a top-up, no card (POLICY §1)
    assert not verdict_of(clf, title, platform="xianyu").sim_listing


@pytest.mark.parametrize("title", [
    "新办移动卡 存100送200 老用户也可参加 月租19元",
    "移动流量卡 新用户存50送100 您的号码即刻生效 月租19元 100G",
])
def test_a_deposit_bonus_beside_a_new_card_still_sells_it(clf: Classifier, title: str) -> None:  # guards
    assert verdict_of(clf, title, platform="xianyu").takedown


# The session's second review (probes of the rules after the first mend)
@pytest.mark.parametrize(("platform", "title", "description", "takedown"), [
    ("ebay", "T-Mobile Prepaid SIM Kit - Activate Online Yourself",
     "For students and new arrivals: get a US number and SMS codes from US banks. You activate it with your own "
     "details on T-Mobile's site.", False),  # the buyer's own line and own bank's codes
    ("amazon", "UK Travel eSIM 30 Days 20GB - Keep Your Bank Texts",
     "Includes a UK mobile line: get a UK number and SMS codes from your own bank while abroad. Install via QR, "
     "registered in your name at activation.", False),
    ("ebay", "Pass the SMS verification phase on Tinder & Bumble",
     "We provide private real numbers, the code is forwarded to your chat.", True),
    ("amazon", "SMS verification errors? Get a working number in 60s", "Any app, any country, pay per code.", True),
    ("xianyu", "出售自用iPad Air5 64G", "个人闲置，本人已实名微信/支付宝可担保交易，出售原因换新了，不议价。", False),
    ("douyin", "警惕“已实名微信可租可出”的广告", "民警提醒：出租出借微信账号涉嫌帮信罪，切勿轻信网上高价收号、租号广告。", False),
    ("xianyu", "一、联通大王卡简介", "月租19元 100G通用流量 全国通用 加v办理 当天寄出", True),  # a shop's own section
    ("jd", "广电新号 充50送50 您的号码全国通用", "192号段 月租19 免费寄送", True),  # a new card's deposit bonus
    ("xianyu", "联通大王卡 充100送100 一个号码可办一次", "月租19元 100G 包邮", True),
])
def test_second_review_probes(clf: Classifier, platform: str, title: str, description: str, takedown: bool) -> None:
    assert verdict_of(clf, title, description, platform=platform).takedown is takedown


@pytest.mark.parametrize(("title", "description"), [
    # the second review's probes (older misses): an app's numbers and their codes sold
    ("Get real US numbers & SMS codes - WhatsApp, Telegram, Tinder", "Non-VoIP, pay per code, auto refund."),
    ("Get Telegram numbers and login codes", "Fresh numbers, code delivered in seconds"),
])
def test_an_apps_numbers_and_codes_are_a_verification_service(clf: Classifier, title: str, description: str) -> None:
    assert "verification_service" in verdict_of(clf, title, description, platform="ebay").violations


def test_a_phone_taking_a_second_sim_for_ones_own_codes_sells_no_service(clf: Classifier) -> None:  # guard
    verdict = verdict_of(clf, "Dual SIM Android Phone 6.5 inch 128GB Unlocked",
                         "Use a second SIM to get a mobile number and SMS codes for WhatsApp. SIM cards not included.",
                         platform="amazon")
    assert not verdict.takedown
