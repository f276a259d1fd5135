"""Black-card wording real sellers use beyond 接码, and the lawful texts that share its words
(issue #16, sixth classifier session).

Each text is quoted (trimmed) from the public source in the comment next to it; labels follow
POLICY.md and data/real/README.md (account offers are SIM listings only when they sell numbers,
code receiving, registration or real-name-verified accounts). These are development examples,
not corpus rows, and none was taken from the real corpus's test part.
"""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import all_lists_loaded, load_real


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(all_lists_loaded(), use_model=False)


def classify(clf: Classifier, platform: str, title: str, description: str = "") -> object:
    return clf.classify({"platform": platform, "listing_id": "g2", "title": title, "description": description})


_NAV8 = "https://github.com/koltluo/nav8/blob/HEAD/content/SMS-code.md"  # a 接码 site directory
_YYB = "https://m.yybnet.net/news/shehui/201902/8710589.html"  # reporter's quotes of 卡贩 QQ groups
_DSLM = "https://github.com/mattermost/mattermost/issues/"  # account-shop spam of one Telegram bot

# (source, platform, title, the black-card code it must carry)
BLACK_CARD = [
    # verification / code receiving worded without 接码
    (_NAV8, "xianyu", "云短信 提供中国大陆虚拟号码接收短信，支持验证码分类查看，需付费购买套餐。", "verification_service"),
    (_NAV8, "xianyu", "接码号 可获取临时手机号用于注册，号码有效期10分钟，部分平台限制接收。", "verification_service"),
    (_NAV8, "xianyu", "在线短信接收 免费接收全球20+国家短信，含中国大陆号码，但可用率不稳定。", "verification_service"),
    (_NAV8, "xianyu", "Receive-SMS 免费接收美国/英国/加拿大号码短信，实时显示内容，无需注册。", "verification_service"),
    (_NAV8, "xianyu", "5Sim 按条付费的接码服务，支持中国香港/印尼/巴西等号码，可自动提取验证码。", "verification_service"),
    (_NAV8, "xianyu", "SMS-Activate 全球最大接码平台，覆盖200+国家号码，支持TG/Gmail等热门服务激活。", "verification_service"),
    ("https://github.com/fmhy/FMHY/issues/4", "xianyu",
     "免费在线接收短信验证码,好用的短信接码平台,虚拟临时手机号码大全 - 云接码", "verification_service"),
    ("https://github.com/iceDella/Tops-SMS/issues/1 (comment of 2025-10-08)", "xianyu",
     "云上互通接码短信平台 提供大量手机号码,可以大量注册任意app账号/网页账号/游戏账号等等。", "verification_service"),
    ("https://github.com/lissy93/awesome-privacy/pull/479", "ebay",
     "VerifySMS - Virtual phone numbers for SMS verification in 150+ countries. Auto-refund if SMS not received. "
     "Privacy-first: no personal phone number required. Pricing from $0.20/number", "verification_service"),
    ("https://github.com/yzfly/Awesome-MCP-ZH/pull/181", "ebay",
     "VirtualSMS provides virtual phone numbers from real physical SIM cards (not VoIP) for SMS verification. AI "
     "agents use the 12 MCP tools to get numbers and receive OTP codes for WhatsApp, Telegram, Google, Instagram",
     "verification_service"),
    ("https://github.com/YuzeHao2023/Awesome-MCP-Servers/pull/212", "ebay",
     "SMS verification with real physical SIM phone numbers across 145+ countries and 2500+ services. Lets AI "
     "agents receive OTP codes, rent long-term numbers, and automate signup/verification flows.",
     "verification_service"),
    ("https://github.com/appcypher/awesome-mcp-servers/pull/597", "ebay",
     "VirtualSMS is a virtual phone number service for SMS verification. Get virtual phone numbers for any "
     "country. Receive SMS / OTP codes programmatically", "verification_service"),
    ("https://github.com/fmhy/FMHY/issues/136", "ebay",
     "NumberOTP SMS Verification / Temp Phone Numbers. Real non-VoIP numbers. Works on 800+ platforms including "
     "WhatsApp, Telegram, Google, Apple. Auto-refund if no OTP arrives", "verification_service"),
    ("https://github.com/pluja/awesome-privacy/pull/823", "ebay",
     "NumberOTP provides temporary non-VoIP phone numbers from 150+ countries for anonymous SMS/OTP verification.",
     "verification_service"),
    ("https://github.com/jivoi/awesome-osint/pull/892", "ebay",
     "VirtualSMS Telegram bot: SMS verification using real physical SIM cards from carriers in 100+ countries. "
     "One-time activations and number rentals available directly through the Telegram bot.",
     "verification_service"),
    ("https://github.com/iAnonymous3000/awesome-privacy-tools/pull/17", "ebay",
     "VerifySMS is a privacy-focused virtual phone number service that provides non-VoIP carrier numbers from "
     "150+ countries for SMS verification.", "verification_service"),
    ("https://github.com/transitive-bullshit/sms-number-verifier/issues/2", "ebay",
     "SMS Receive Provider. Also provides non-VOIP SMS verification.", "verification_service"),
    ("https://smsinbox.net/faq", "ebay",
     "SMSINBOX provides temporary phone numbers for receiving SMS verification codes on popular online platforms. "
     "It helps you complete verification without exposing your personal phone number.", "verification_service"),
    ("https://sms24.info/ru/numbers/8618000017614", "ebay",
     "Terms of Use for WhatsApp Temporary Number Services – Enterprise SMS Aggregator. Our temporary number "
     "provisioning services for creating WhatsApp accounts and related verification workflows", "verification_service"),
    ("https://receivesms.pages.dev/blog/temporary-sms-numbers-how-they-work/", "ebay",
     "Temporary SMS Numbers: How They Work and When to Use Them. A temporary SMS number is a phone number assigned "
     "to a virtual infrastructure. It receives incoming SMS messages and makes them readable through a web interface.",
     "verification_service"),
    ("https://smsinbox.net/faq", "ebay", "How do I rent a number? Choose a service and country, review the available "
     "price, rent the number, and wait for the SMS code in your dashboard.", "verification_service"),
    ("https://numberotp.com/blog/what-is-an-otp-number-complete-guide-2026", "ebay",
     "Learn what an OTP number is, how one-time passwords work, why platforms require them, and how to get a phone "
     "number that reliably receives OTPs.", "verification_service"),
    # accounts of apps whose id is the phone number: a registered number sold
    ("https://github.com/wwebjs/whatsapp-web.js/issues/2798", "xianyu",
     "机房直出WhatsApp协议号 个人商业价格冰点，另出WhatsApp注册协议成功率百分之80", "verification_service"),
    ("https://github.com/mattermost/mattermost/issues/31772", "xianyu", "WhatsApp账号购买【TG客服:@ds68bot】WhatsApp账号购买",
     "verification_service"),
    ("https://github.com/Calotype/SEO/issues/162", "ebay",
     "Buy WhatsApp Accounts for Business Use - Instant Access to Multiple Accounts", "pre_registered"),
    ("https://github.com/florianv/business/issues/53", "ebay",
     "Is SafeVCCPro the Best Platform to Buy Telegram Accounts Without Risk?", "pre_registered"),
    ("https://github.com/bot4s/telegram/issues/554", "ebay",
     "Tрастовые аккаунты Telegram с отлежкой. Ваш надежный магазин аккаунтов Telegram MarketGram.cc Купить аккаунты "
     "Телеграм marketgram.cc Tdata и session + json. Англия +44, Индия +91", "pre_registered"),
    # an example of illegal solicitation in a moderation classifier's test data (search-index file 54936127491)
    ("search-index file 54936127491", "xianyu", "出售实名认证账号和配套手机卡，数量不限。", "pre_registered"),
    ("https://github.com/solana-labs/solana-program-library/pull/7617", "xianyu",
     "您可以从所有可用的格式中获取全国所有的 TG {session + 𝒔𝒕𝒓𝒊𝒏𝒈 + Tdata +Json+API }。 有需要请联系： uxaxi.t.me",
     "pre_registered"),
    # an account shop's product list and navigation (search-index files 70906061734, 57645970331)
    ("search-index file 70906061734", "ebay", "Google Voice PVA (2022 Aged)", "pre_registered"),
    ("search-index file 57645970331", "ebay", "Buy Google Voice PVA", "pre_registered"),
    # 收码 = 接码 (a developer's note on a 接码 platform's API, search-index file 46264256055)
    ("search-index file 46264256055", "xianyu", "这里是用收码平台的API,我用的是http://www.51ym.me 的API",
     "verification_service"),
    ("https://github.com/xaoyaoo/PyWxDump/issues/120", "xianyu",
     "出 各类微信账号，包括直登白号、满月号、实名号、老号、资源号等，价格50起均有。", "pre_registered"),
    # registration accounts (白号) and real-name-verified accounts
    (_DSLM + "31477", "xianyu", "抖音白号批发【TG客服:@dslm89bot】通常指的是购买已经注册但未进行过任何内容发布的抖音账号。",
     "verification_service"),
    (_DSLM + "31430", "xianyu", "抖音白号批发【TG:dslm89bot】通常指的是新注册且未进行任何实名认证或有过多活跃行为的抖音账号。",
     "verification_service"),
    (_DSLM + "31569", "xianyu", "小红书白号批发服务为【TG客服:@ds68bot】用户提供了更多的选择和便利", "verification_service"),
    (_DSLM + "31505", "xianyu", "香港微信号购买【TG客服:@dslm89bot】是一个提供微信白号批发服务的网站。 用户可以购买经过实名认证的微信白号批发",
     "pre_registered"),
    (_DSLM + "31464", "xianyu", "微信白号批发【TG客服:@dslm89bot】是一个提供微信白号批发服务的网站。 用户可以购买经过实名认证的微信白号批发",
     "pre_registered"),
    # a Telegram group bot's paid ad button (github file id 3079736669, midoks/mdserver-web's tgbot)
    ("search-index file 3079736669", "xianyu", "实卡接码🙎♂️代实名/过人脸🅾️开飞机会员", "no_real_name"),
    # 黑卡 / 不记名 / cards opened with someone else's ID, as reporters quote sellers
    (_YYB, "xianyu", "大量出171段不实名制黑卡，可以注册微信、qq，量大来谈。", "no_real_name"),
    (_YYB, "xianyu", "大量出171段不实名制黑卡，可以注册微信、qq，量大来谈。", "bulk_trading"),
    (_YYB, "xianyu", "不记名卡、实卡黑卡", "no_real_name"),
    (_YYB, "xianyu", "北京手机号 手机黑卡都是拿了别人的身份证实名认证后的卡", "pre_registered"),
    ("http://china.zjol.com.cn/system/2015/09/14/020832389_01.shtml", "xianyu",
     "这些卡是批发来的，可以用别人的身份证信息开卡，这样就不会遭遇停机了", "no_real_name"),
    ("http://finance.china.com.cn/roll/20150915/3341487.shtml", "xianyu",
     "中国联通4G慧卡 不用提供身份证就可以购买", "no_real_name"),
]


@pytest.mark.parametrize(("source", "platform", "title", "code"), BLACK_CARD)
def test_black_card_wording(clf: Classifier, source: str, platform: str, title: str, code: str) -> None:
    v = classify(clf, platform, title)
    assert v.sim_listing and v.takedown and code in v.violations, (source, v.reasons)


# Lawful texts sharing those words: SMS-sending APIs and SDKs, one-tap login / number verification
# of the carriers' gateways, OTP authenticators, e-mail and exchange accounts (no number sold), and
# warnings against opening cards with another's ID.
LOOKALIKES = [
    ("https://docs.verihubs.com/docs/sms-otp", "amazon",
     "SMS OTP service will allow you to send a One-Time Password within a single message to all mobile phones globally."),
    ("https://github.com/worldligang/worldligang.github.com (iOS/Android开发移动短信SDK列表)", "taobao",
     "Mob免费短信验证码 开发者只需申请账号，APP内植入短信验证码SDK，简单设置后便可完美实现短信验证"),
    ("https://github.com/worldligang/worldligang.github.com (iOS/Android开发移动短信SDK列表)", "taobao",
     "威达手机号码验证 不用向用户发送短信验证码，只要知道用户的手机号码和sim卡号码，通过电信网络自动完成号码验证的服务"),
    ("https://gitee.com/netease_yidun/quickpass-android-demo", "taobao",
     "号码认证 直连三大运营商，一步校验手机号与当前 SIM 卡号一致性。优化注册/登录/支付等场景验证流程"),
    ("https://docs.getui.com/geyan/question/product/", "taobao",
     "App本机号码校验，校验用户手机号码与正在使用数据流量的手机号码是否一致，支持Android、iOS接入使用"),
    ("https://blog.csdn.net/pikaduo/article/details/106380804", "taobao",
     "一键登录提供了一种革新式的APP登录方式，利用运营商数据网络认证能力，允许用户免密码、免验证通过手机号码一键授权登录。"),
    ("https://juejin.cn/post/6902356607183618056", "taobao",
     "一键登录使用场景:用户无需输入手机号码,SDK 会拉起授权页,用户确认授权后,SDK 会获取 token,服务端携带 token "
     "到运营商网关获取用户当前上网使用的号码"),
    ("https://numberotp.com/blog/what-is-an-otp-number-complete-guide-2026", "amazon",
     "TOTP (Time-Based OTP) Used by authenticator apps like Google Authenticator. A shared secret between you and "
     "the server generates a new 6-digit code every 30 seconds"),
    ("https://help.nimbata.com/en/article/activate-numbers-which-need-identity-verification-personal-use-ltufa0",
     "amazon", "Activate numbers which need identity verification (personal use)"),
    ("https://help.suu.edu/article/655/i-didnt-receive-my-verification-code", "amazon",
     "I didn't receive my verification code."),
    ("https://github.com/juguang2018/wequick/issues/10 (WeChat iPad-protocol software, not accounts)", "xianyu",
     "出售各种微信 协议 +q395916905 买ipad协议加q395916905，价格实惠，稳定好用"),
    ("search-index file 60836504867 (a chatbot's FAQ)", "amazon",
     "Yes! Convessa works with both personal WhatsApp AND WhatsApp Business accounts. You can use any type of WhatsApp account."),
    ("search-index file 21657889912 (a voice-bot's cost notes)", "taobao",
     "Twilio 费用 美国号码租赁：~$1/月 拨打电话：~$0.013-0.09/分钟（取决于目标国家）"),
    # developers converting Telegram session formats (no accounts offered)
    ("https://github.com/LonamiWebs/Telethon/issues/1198", "amazon", "Convert tdata to telethon session. Hello, I "
     "have many accounts in tdata format, but I need to convert them to a Telethon session file."),
    ("https://github.com/wiz0u/WTelegramClient/issues/264", "amazon",
     "Is there a way to convert contents of TData into .session of WTelegramClient?"),
    ("https://github.com/batreller/AndroidTelePorter/issues/11", "amazon", "telethon session to tdata"),
    ("https://github.com/florianv/business/issues/130", "ebay", "Buy USA Old Gmail Account"),
    ("https://github.com/JesseKPhillips/USA-Constitution/issues/31", "ebay",
     "Top 10 Website Buy verified PayPal Business account. Fully verified accounts (Email, Phone, Bank & Card Linked)"),
    ("https://github.com/Aniverse/A/issues/580", "ebay",
     "Top 5 Most Popular Buy Verified Binance Accounts (Bulk, Aged & PVA) from Safevccpro"),
]


@pytest.mark.parametrize(("source", "platform", "title"), LOOKALIKES)
def test_lookalikes_stay_clean(clf: Classifier, source: str, platform: str, title: str) -> None:
    v = classify(clf, platform, title)
    assert not v.takedown and not (set(v.violations) - {"unauthorised_seller"}), (source, v.reasons)
    assert not v.sim_listing, (source, v.reasons)


# The new readings keep their negation and their senses: a warning against another's ID, a bank
# card or a hotel that needs no ID card, a module or SMS modem that receives texts.
@pytest.mark.parametrize(("platform", "title"), [
    ("xianyu", "切勿用他人身份证开卡 违法"),
    ("taobao", "银行卡 不用提供身份证 查询余额"),
    ("taobao", "酒店预订 无需出示身份证"),
    ("taobao", "SIM800C模块 发送和接收短信"),
    ("taobao", "GSM短信猫 支持接收短信 群发"),
    ("taobao", "短信群发平台 106三网 验证码短信"),
])
def test_new_readings_keep_their_context(clf: Classifier, platform: str, title: str) -> None:
    v = classify(clf, platform, title)
    assert not v.takedown, v.reasons


# Google Voice numbers are US numbers (data/real labels: carriers ["Google Voice"], foreign): a
# Google Voice shop is a foreign number seller — no domestic authorisation (dev row r1093 on a
# Chinese platform) and skipped verification is no `no_real_name` without domestic use (r0053).
def test_google_voice_numbers_are_foreign(clf: Classifier) -> None:
    dev = {row["id"]: row for row in load_real("dev")}
    v = clf.classify(dev["r1093"])
    assert v.sim_listing and v.foreign and "Google Voice" in v.carriers, v.reasons
    assert "unauthorised_seller" not in v.violations and "pre_registered" in v.violations, v.reasons
    v = clf.classify(dev["r0053"])
    assert v.foreign and "no_real_name" not in v.violations and "pre_activated" in v.violations, v.reasons


# 免实名 / 不限速 / 收量 outside phone cards: a Telegram group bot's other paid buttons (search-index
# file 23617857758: cloud drive, web-traffic buying, payment by proxy, a VPN), a gambling ad
# (file 61382813128), a temp-mail tool (file 37540024829), domain FAQ (file 57756680773) and an
# invite-commission payout (file 10481119065): no card or number sold.
@pytest.mark.parametrize("title", [
    "🅾️ IKUN网盘/不限速/无限容量",
    "高价收量 👑 集团收量 ❤️ 流量变现",
    "支付宝代付 ❤️ 微信代付",
    "🚀腾云机场|解锁流媒体和ChatGPT",
    "📢 T1体育｜娱乐俱乐部 ⚽️🔥 ✅ 免实名｜无需绑卡｜无需手机号 ✅ 不限IP｜支持 USDT 充值提现",
    "Temp Mail 一个免实名的邮箱工具，帮你保护隐私。还能用教育邮箱，享学生折扣。",
    "能否获得免实名域名？部分TLD和注册商组合可实现公开层面免实名域名的效果",
    "裂变提现 专属个人链接与二维码，用户邀请分佣，消费挂钩，群主持续收益，提现免实名保护隐私。",
])
def test_no_real_name_words_outside_phone_cards(clf: Classifier, title: str) -> None:
    v = classify(clf, "xianyu", title)
    assert not v.sim_listing and not v.takedown, v.reasons


# A travel-eSIM shop's package page (search-index file 67091780788: destination packages by days,
# QR-code eSIM): an eSIM sold as day packs with no domestic carrier is a travel eSIM, where 免实名 is
# the truthful travel wording (POLICY §3) — a SIM listing, no takedown; with domestic use it counts.
def test_esim_day_packs_are_travel_esims(clf: Classifier) -> None:
    title = "4G/5G 免实名 即买即用 1-30天可选 · 多种流量包 购买后激活码将自动发放到「我的 eSIM」，扫码即可安装"
    v = classify(clf, "taobao", title)
    assert v.sim_listing and v.foreign and not v.takedown, v.reasons
    v = classify(clf, "taobao", title + " 国内可用 可注册微信")
    assert v.takedown and "no_real_name" in v.violations, v.reasons


# 号卡 shops' own wording that the new readings must leave alone: order and delivery notes —
# receiving the card (收到卡后, 签收) and "answer texts from unknown numbers" (接收陌生号码的短信) are no
# card buying and no code receiving (search-index files 29235949845, 56287823505; the others are
# shaped like them); an ID copy or photo not needed (the real-name check is done in person or
# online) and rules against another's ID are no bypass and no pre-registration.
_DELIVERY = {"bulk_trading", "verification_service"}
_ID = {"no_real_name", "pre_registered"}


@pytest.mark.parametrize(("title", "codes"), [
    ("下单成功！我们将尽快为你配送，请收到卡后的10天内激活使用，过期将会被回收哦！请您注意接收陌生号码的短信或来电哦～", _DELIVERY),
    ("下单后多久能收到卡？如何激活？通常下单后 1-3 个工作日内发货，由京东快递或 EMS 配送上门。收到卡后按照随卡附带的激活指南操作即可",
     _DELIVERY),
    ("移动流量卡 收到sim卡后请先激活", _DELIVERY),
    ("联通大王卡 签收后sim卡插入手机", _DELIVERY),
    ("流量卡 请填写能收短信的手机号", _DELIVERY),
    ("电信卡 收不到验证码请检查手机号", _DELIVERY),
    ("移动流量卡 无需提供身份证复印件 收到卡后线上实名激活", _ID),
    ("电信卡 下单无需上传身份证照片 快递员上门实名", _ID),
    ("流量卡 严禁使用他人身份证开卡", _ID),
    ("电话卡 不得用他人身份信息办卡 一经发现停机", _ID),
])
def test_lawful_card_shop_wording(clf: Classifier, title: str, codes: set[str]) -> None:
    v = classify(clf, "taobao", title)
    assert not codes & set(v.violations), v.reasons


# 接收号码 (a text's receiving number, as SMS-API field comments name it: search-index file 17140875751)
# holds no 收号 (buying numbers).
def test_receiving_number_of_a_text_is_no_number_buying(clf: Classifier) -> None:
    v = classify(clf, "taobao", "短信接收手机号码 短信正文内容 发送类型")
    assert not v.sim_listing, v.reasons


# Buying and lending cards from the public (POLICY §1; 反电信网络诈骗法 第三十一条: 出租、出借), in the
# wording of DOMAIN.md's trade (收卡 → 收购, 出借): the objects are cards and numbers, not phones.
@pytest.mark.parametrize("title", ["收购他人手机卡 转卖给上线", "出借电话卡 每月给钱", "回收闲置手机号 在网3个月以上"])
def test_buying_and_lending_cards(clf: Classifier, title: str) -> None:
    v = classify(clf, "xianyu", title)
    assert v.takedown and "bulk_trading" in v.violations, v.reasons
    assert not classify(clf, "xianyu", "高价回收旧手机 笔记本 平板").sim_listing


# A travel card whose own number "可接收短信验证码" states a feature of the card (login forms say the
# same of any phone number: search-index files 53185140395, 51786828556), not a code-receiving
# service; with domestic use the 免实名 of a foreign card still counts (POLICY §3).
def test_travel_card_receiving_texts_is_a_feature(clf: Classifier) -> None:
    v = classify(clf, "taobao", "香港卡 海外号码 可接收短信验证码 旅游出行")
    assert v.sim_listing and not v.takedown, v.reasons
    v = classify(clf, "taobao", "境外卡 国内可用 免实名 可注册微信 可接收短信验证码")
    assert v.takedown and "no_real_name" in v.violations, v.reasons
    v = classify(clf, "xianyu", "香港卡 专业接收各国验证码 接码平台")
    assert "verification_service" in v.violations, v.reasons
