"""Error classes of session 34's gathered texts (each row with its source in gathered/*.jsonl),
one test per rule the session wrote, on the real wording."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of as _verdict


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("ebay", "Bulk SIM cards added successfully.", ""),  # en_verification_numbers_s: an app's toast
    ("ebay", "Only Super Admin can edit an already activated SIM.", ""),  # black_card_and_prose_f
    ("xianyu", "0x3003 //非接触式用户卡已激活", "0x3004 //非接触式用户卡未激活 0x2004 //PSAM卡未上电"),  # a driver's codes
    ("xianyu", "手机号提交后未进入短信验证码接收界面，请查看浏览器提示并更换号码后重试", ""),  # numbers_and_codes_n
])
def test_an_apps_own_messages_wait_for_a_reviewer(clf: Classifier, platform: str, title: str,
                                                  description: str) -> None:
    """A status message, an error prompt or a constant of a program names SIMs without offering
    one: the clause is prose (ui_message_en / ui_message_zh), the takedown waits."""
    verdict = _verdict(clf, title, description, platform=platform)
    assert not verdict.takedown and "review:prose" in verdict.rules_fired, verdict.rules_fired


@pytest.mark.parametrize(("platform", "title"), [
    ("ebay", "Pre-activated SIM card, activated successfully, ready to use"),
    ("xianyu", "已实名手机卡 号码错误包换"),
    ("xianyu", "实名手机卡出售 激活失败包退"),
])
def test_a_sellers_own_success_and_warranty_words_are_no_ui_message(clf: Classifier, platform: str,
                                                                      title: str) -> None:
    """(guard) 'activated successfully' is what a pre-activated card's seller writes, 号码错误包换 and
    激活失败包退 are warranty terms: none of them is an app's message."""
    verdict = _verdict(clf, title, platform=platform)
    assert verdict.takedown and "review:prose" not in verdict.rules_fired, verdict.rules_fired


def test_a_phone_in_the_description_of_a_titled_plan_is_where_the_card_goes(clf: Classifier) -> None:
    """zh_listings_with_details_l (index file 41140141592): a plan-style title with no SIM noun whose
    description says 激活后插入手机并拨打一次电话 — the phone is where the card goes, not a device sold."""
    verdict = _verdict(
        clf, "月租29元 流量80G（50G通用+30G定向） 通话0.1元/分钟 福利：首充100元赠送240元",
        "资费及发货说明：激活后首月9.9元权益包，次月起29元/月。专属渠道充值100元送240元。激活后赠送50G全国通用流量，"
        "流量有效期24个月。套餐内容按实际折算，次月起全月。京东上门配送激活。激活后插入手机并拨打一次电话进行实名验证。",
        platform="taobao")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


def test_a_phone_in_the_title_of_a_plan_is_still_a_device(clf: Classifier) -> None:
    """(guard) a phone sold on a contract plan names the phone in its title: a device, no card."""
    verdict = _verdict(clf, "苹果 iPhone 15 合约机 月租99元 100G流量 500分钟", platform="taobao")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("xianyu", "Quantum8 - 快乐八数据分析平台", "专业的快乐八数据分析、智能选号、策略回测平台"),  # a lottery picker
    ("xianyu", "🔮 预言家 (The Prophet) v3.5 📡 联网全自动数据同步 | 智能选号与一马中特", ""),
    ("xianyu", "公安部部署机动车号牌管理改革：机动车号牌可网上选号", ""),  # number plates
    ("xianyu", "400靓号", "400电话 高级搜索"),  # business hotline numbers, no mobile number
    ("xianyu", "美团外卖虚拟号码是什么",
     "美团外卖虚拟号码是为了保护用户隐私而设置的一种替代真实手机号的临时号码"),  # a privacy number
    ("taobao", "小米Watch S3", "eSIM独立通话"),  # a watch with an eSIM: a device (issue #16)
    ("taobao", "OPPO Watch X", "双引擎架构，eSIM独立通信"),
    ("shopee", "CD Album TULUS", "28 September 2011, album perdana TULUS yang bertajuk namanya sendiri"),
    ("shopee", "AI & Python Quickstart", "Batch perdana, kuota terbatas"),  # perdana = first
    ("shopee", "Điện thoại oppo 2 sim 2 sóng", "bán điện thoại oppo r831 hai sim hai sóng , nghe gọi bình thường"),
    ("amazon", "Professional Flight Sim Rudder Pedals", ""),  # a simulator
])
def test_other_senses_of_number_and_sim_words(clf: Classifier, platform: str, title: str,
                                              description: str) -> None:
    """选号 beside lottery or number-plate words, a 400 hotline's 靓号, a delivery app's privacy
    number, a watch's eSIM, Indonesian perdana (first), a Vietnamese dual-SIM phone and a flight
    sim are no SIM offers (gather_AA/AB/AD/AE, session 34)."""
    verdict = _verdict(clf, title, description, platform=platform)
    assert not verdict.takedown and not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize(("platform", "title"), [
    ("taobao", "移动靓号 139 8888 0400 选号"),
    ("taobao", "手机靓号 尾号4008"),
    ("taobao", "电话手表卡 儿童手表专用流量卡"),
    ("shopee", "Kartu perdana Telkomsel 4G 30GB"),
    ("ebay", "USA SIM card prepaid 30 days unlimited"),
])
def test_sim_offers_beside_those_words_stay(clf: Classifier, platform: str, title: str) -> None:
    """(guard) a mobile number with 0400 in it, a watch's data card, kartu perdana, and "USA" —
    the country, not the Spanish verb of "usa una SIM" (a router that takes one)."""
    verdict = _verdict(clf, title, platform=platform)
    assert verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("Sales of pre-registered SIM cards boom despite fines",
     "The unlawful sale and use of pre-registered of SIM cards has continued"),
    ("SIM Card vendors sell pre-registered cards to customers at N2000 in most cities in Nigeria", ""),
    ("Registered SIMs freely sold in Abuja",
     "SIM cards registered in other people's names are now freely sold on the streets in Abuja"),
])
def test_news_of_the_pre_registered_trade_waits_for_a_reviewer(clf: Classifier, title: str,
                                                               description: str) -> None:
    """Nigerian news pages (gather_AD): vendors sell …, despite fines, unlawful, freely sold."""
    verdict = _verdict(clf, title, description, platform="ebay")
    assert not verdict.takedown and "review:prose" in verdict.rules_fired, verdict.rules_fired


def test_activated_and_ready_to_use_is_pre_activated(clf: Classifier) -> None:
    verdict = _verdict(clf, "Anonymous SIM Card", "Pre-paid SIM, no ID required. Activated and ready to use.",
                       platform="ebay")
    assert {"pre_activated", "no_real_name"} <= set(verdict.violations), verdict.reasons


def test_a_bundle_the_buyer_activates_is_not_pre_activated(clf: Classifier) -> None:
    """(guard) vodafone.co.uk's help page: the buyer's own SIM activates the bundle."""
    verdict = _verdict(clf, "How Pay as you go works",
                       "Just insert your SIM in your phone and switch it on - your bundle will now be "
                       "activated and ready to use.", platform="ebay")
    assert "pre_activated" not in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("未插sim卡或sim卡不可用，请插入sim卡测试", ""),  # gather_AC: a test app's enum reason
    ("SIM卡已锁定，等待CHV1密码", "0:SIM卡不存在/被移除 1:SIM已经准备好 3:SIM卡已被阻拦，需要CHV1密码解锁密码"),  # QuecPython
])
def test_a_devices_sim_status_messages_wait_for_a_reviewer(clf: Classifier, title: str,
                                                          description: str) -> None:
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert not verdict.takedown and "review:prose" in verdict.rules_fired, verdict.rules_fired


def test_receiving_a_cards_data_is_no_card_buying(clf: Classifier) -> None:
    """接收手机卡信息 (gather_AC, a method comment) holds 收手机卡 (buying cards) across two words."""
    verdict = _verdict(clf, "接收手机卡信息", platform="xianyu")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("amazon", "Cockpits & Rigs", "Find the best sim racing cockpits and rigs. Aluminium profile, steel, and "
     "folding options from Trak Racer, Sim-Lab, and more."),
    ("ebay", "Gigant Golf", "It's kind of like Rampage + a Golf Sim (choose one, they are literally all identical)."),
])
def test_simulators_are_no_sims(clf: Classifier, platform: str, title: str, description: str) -> None:
    verdict = _verdict(clf, title, description, platform=platform)
    assert not verdict.sim_listing, verdict.reasons


def test_a_titled_esim_whose_phone_only_the_description_names_is_sold(clf: Classifier) -> None:
    """gather_AB (an MVNO shop's product data): the kit is the eSIM; the smartphone is where it goes."""
    verdict = _verdict(clf, "⚡ VIVA Instant eSIM Card Kit",
                       "Activate nationwide T-Mobile 5G UC on your smartphone in under 2 minutes. Digital QR code "
                       "delivered instantly to your inbox.", platform="amazon")
    assert verdict.sim_listing, verdict.reasons


def test_a_watchs_esim_in_the_title_is_still_the_watchs(clf: Classifier) -> None:
    """(guard) 华为 WATCH 4 eSIM独立通话: the watch and its eSIM share the title, the watch is sold."""
    verdict = _verdict(clf, "华为 WATCH 4 eSIM独立通话", platform="taobao")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("shopee", "Bộ Phát Wifi 4G LTE Huawei", "Hỗ trợ sim 4G, phát wifi ổn định cho nhiều thiết bị cùng lúc."),
    ("shopee", "Galaxy S8 Plus", "ราคา 30,900 GSM 850/900/1800/1900MHz 4G LTE รองรับ 2 ซิมการ์ด หน่วยประมวลผล Octa-Core"),
    ("shopee", "รุ่นใหม่ pocket wifi6 ใส่ซิม wireless", ""),
    ("shopee", "SIM stnk KTP Atas nama Budiono", ""),  # a lost driving licence (gather_AE)
    ("shopee", "kehilangan dompet yang isinya SIM, KTP, Kartu BPJS", ""),
    ("shopee", "Aplikasi SIM RS", ""),  # a hospital management system
    ("ebay", "CHAROLA SIM", ""),  # a SIM tray (Mexico)
    ("shopee", "Kaos Grafis Draven Vol.1", "Koleksi perdana dari Draven."),
    ("taobao", "用户登陆-租号玩", ""),  # game-account rental (gather_AA)
    ("taobao", "招商信用卡养卡提额（垫钱代养）", ""),
    ("taobao", "SqlSugar集成", "如果你喜欢直接码Sql"),
    ("taobao", "海康流量卡口", ""),  # a traffic checkpoint camera
    ("taobao", "助力车700次套餐卡", ""),
    ("taobao", "自闭装配式导轨~海宝~400X45~带卡包", ""),
    ("xianyu", "AI智能选号", ""),  # a lottery tool
])
def test_devices_papers_and_other_trades_are_no_sim(clf: Classifier, platform: str, title: str,
                                                    description: str) -> None:
    """Vietnamese and Thai device words (bộ phát wifi, รองรับ 2 ซิม, ใส่ซิม), Indonesian SIM = driving
    licence or management system, a tray, koleksi perdana, 租号 of games, 养卡 of credit cards,
    直接码, 流量卡口, 次卡, 卡包 and lottery 智能选号 (gather_AA, gather_AE)."""
    verdict = _verdict(clf, title, description, platform=platform)
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("shopee", "3g wifi thiết bị phát wifi từ sim 3g", "tặng sim 3g trị giá 300k"),  # a SIM given with it
    ("taobao", "苏宁互联 尾号888靓号 0月租号卡", ""),
    ("shopee", "Sim số đẹp Viettel", ""),
    ("taobao", "手机号租号平台 接码", ""),
])
def test_sim_offers_beside_those_words_are_kept(clf: Classifier, platform: str, title: str,
                                                description: str) -> None:
    """(guard) a SIM given with a router (tặng sim), a 0月租 number card, a number-renting 接码 platform."""
    verdict = _verdict(clf, title, description, platform=platform)
    assert verdict.sim_listing, verdict.reasons


def test_a_no_fee_number_card_is_no_number_rental(clf: Classifier) -> None:
    """0月租号卡 (gather_AA, a Suning Mobile listing) holds 租号: the card has no monthly fee."""
    verdict = _verdict(clf, "苏宁互联 尾号888靓号 0月租号卡", platform="taobao")
    assert verdict.takedown and "verification_service" not in verdict.violations, verdict.reasons


def test_gsm_is_the_network_not_initials_of_a_black_card_word(clf: Classifier) -> None:
    """A number-lookup reply (gather_AA): GSM is the network, not G-S-M for 过实名."""
    verdict = _verdict(clf, "江苏联通GSM卡", "type : 江苏联通GSM卡 yys : 中国联通 bz : GSM (全球移动通信系统)",
                       platform="xianyu")
    assert "no_real_name" not in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("xianyu", "直播间购卡的安全风险", "直播间销售流量卡可能存在资质不明、套餐虚假、隐私泄露等风险。正规流量卡需通过运营商系统实名认证，"
     "警惕跳过实名环节的销售行为。"),  # a consumer warning (gather_AD)
    ("xianyu", "9.9元流量卡的常见套路", "功能阉割：冒充正规卡实为物联卡，无法通话收发短信。消费者应通过运营商官方渠道办理套餐，"
     "警惕无需实名认证的”优惠卡”。"),
    ("ebay", "virtual number", "Is there any way to generate virtual number for whatsapp register . To send message ."),
    ("ebay", "Virtual phone number?", "Is there any virtual phone number services that works for WhatsApp? I had paid "
     "for TextNow but the number is blocked"),  # a user's question (gather_AB)
    ("xianyu", "【Feature】希望作者能对接SMSBower接码平台", ""),  # a feature request (gather_AC)
])
def test_warnings_questions_and_feature_requests_wait_for_a_reviewer(clf: Classifier, platform: str, title: str,
                                                                    description: str) -> None:
    verdict = _verdict(clf, title, description, platform=platform)
    assert not verdict.takedown, verdict.rules_fired


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("taobao", "电信流量卡 19元100G 官方正品", "其他渠道购买可能存在风险，认准官方授权"),
    ("ebay", "Virtual number for WhatsApp verification, instant delivery", "Is there any better way? No. Buy now."),
])
def test_a_sellers_own_warning_or_question_keeps_the_offer(clf: Classifier, platform: str, title: str,
                                                          description: str) -> None:
    """(guard) the titled offer is no prose, whatever the description warns or asks."""
    verdict = _verdict(clf, title, description, platform=platform)
    assert verdict.takedown, verdict.rules_fired


@pytest.mark.parametrize("title", [
    "tg纸飞机直登账号购买步骤，新手必看教程",  # SEO spam selling Telegram accounts (gather_AD)
    "WhatsApp 直登号【一年以上】",
    "ws协议号购买联系telegram：diqiu0",
])
def test_ready_made_number_app_accounts_are_pre_registered(clf: Classifier, title: str) -> None:
    """A Telegram/WhatsApp account that logs in directly (直登号) or by protocol (协议号) is a number
    someone else registered, sold."""
    verdict = _verdict(clf, title, platform="xianyu")
    assert verdict.takedown and "pre_registered" in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("YOUTUBE VERIFICATION BOT", "Buy USA phone numbers for YouTube verification. 30,000 som per number. "
     "20 minute validity."),  # a Telegram bot's README (gather_AB)
    ("Optimize Your Verification Now!", "Secure a second number for registration and verification across platforms."),
])
def test_numbers_for_an_apps_verification_are_a_code_service(clf: Classifier, title: str, description: str) -> None:
    verdict = _verdict(clf, title, description, platform="ebay")
    assert "verification_service" in verdict.violations, verdict.reasons


def test_numbers_for_two_factor_verification_are_no_code_service(clf: Classifier) -> None:
    """(guard) a developer doc's own users' numbers for 2FA."""
    verdict = _verdict(clf, "Twilio Verify docs", "Use phone numbers for two-factor verification in your app.",
                       platform="ebay")
    assert "verification_service" not in verdict.violations, verdict.reasons


def test_a_code_receiving_platform_is_a_code_service(clf: Classifier) -> None:
    """极码 (gather_AC): 手机验证码接收平台 'for users who need to register many accounts'."""
    verdict = _verdict(clf, "最新版手机验证码接收工具使用手册",
                       "极码手机验证码接收平台是一家让人们更方便的接收手机验证码的专业平台,是为了解决用户需要注册多个帐号"
                       "而没有手机号码可以绑定的难题而研发的一款软件。", platform="xianyu")
    assert verdict.takedown and "verification_service" in verdict.violations, verdict.reasons
