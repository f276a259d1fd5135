"""Error classes of session 36's gathered texts (each row with its source in gathered/*_aq … *_az),
one test per rule the session wrote, on the real wording; guards marked (guard)."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of as _verdict


def test_a_memory_cards_edition_is_no_carrier_card(clf: Classifier) -> None:
    """移动版内存卡 (zh_plan_titles_aq, a JD title): the 卡 ends 内存卡, so 移动…卡 names no 移动 card."""
    verdict = _verdict(clf, "闪迪（SanDisk） TF存储卡  至尊高速移动版内存卡 读速120MB/s TF卡至尊高速 32G 120MB/s", platform="jd")
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons


def test_a_carriers_card_name_still_counts(clf: Classifier) -> None:
    """(guard) a carrier card name whose 卡 is its own: 移动花卡."""
    assert _verdict(clf, "移动花卡 宝藏版 29元", platform="taobao").takedown


def test_a_card_listed_in_a_bundle_is_given_with_the_goods(clf: Classifier) -> None:
    """POLICY §1 'give away with a purchase': a bundle's + lists what comes in the box (zh_plan_titles_aq)."""
    verdict = _verdict(clf, "4G无需网络户室外摄像头360度无死角全景监控器夜视家用远程手机 4G插电版(+流量卡) 128GB  4MP 16mm",
                       platform="jd")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


def test_a_bundle_whose_listing_excludes_the_card_gives_none(clf: Classifier) -> None:
    """(guard; the session's review) POLICY §1: 不含卡 / 需自备卡 / 另拍 devices are no SIM listings."""
    verdict = _verdict(clf, "儿童手表 4G 全网通 +电话卡套餐 另拍", "本手表不含卡，需自备电话卡", platform="taobao")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", ["F Galaxy S23 Ultra 5G eSim + Nano SIM Teléfono Móvil Android, 256GB, SIM Free Smartphone",
                                   "卡托+取卡针"])
def test_a_phones_slots_or_accessories_joined_by_plus_are_no_card(clf: Classifier, title: str) -> None:
    """(guard) a phone's two slots (eSim + Nano SIM, gathered en_dataset_titles_ap) and accessories."""
    assert not _verdict(clf, title, platform="amazon" if "Galaxy" in title else "jd").sim_listing


def test_the_card_a_title_names_owns_its_descriptions_top_up(clf: Classifier) -> None:
    """A card name over its plans (zh_plan_titles_aq, a 号卡 distributor's tile): 提前2-3天充值 is the
    card's own top-up, not a top-up sold."""
    verdict = _verdict(clf, "广东省内卡", "中国联通 10元10G 15元15G 29元100G 59元200G 不虚量 不限速 低延迟 0月租 24H售后 "
                       "每月26号流量清零 提前2-3天充值 流客科技官方", platform="taobao")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


def test_a_top_up_is_still_a_top_up(clf: Classifier) -> None:
    """(guard) a top-up with no card named."""
    assert not _verdict(clf, "话费充值 100元", "移动联通电信 全国通用 快速到账", platform="taobao").sim_listing


def test_priced_mobile_numbers_are_a_number_listing(clf: Classifier) -> None:
    """A vanity-number poster (zh_plan_titles_aq, a China Mobile outlet): numbers with 预存 and 低消."""
    verdict = _verdict(clf, "*ABCABC好号来袭，幸运好号与多重优惠，错过不再！",
                       "*ABCABC专场 13755678678 预存109.8 低消500 南昌县移动专供 15070012012 预存109.8 低消500 南昌县移动专供",
                       platform="xianyu")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("二手iPhone 13 128G ¥2999", "联系13812345678 ¥2999 可小刀"),
    ("iPhone 13 128G 国行", "有意者留号码，只卖1500元"),
    ("转让 iPhone15", "两台，13812345678 ¥4500 13912345678 ¥5200 同城自提"),
])
def test_a_contact_number_beside_a_price_is_no_number_listing(clf: Classifier, title: str, description: str) -> None:
    """(guard; the session's review) contact numbers and a phone's price: ¥-priced numbers count only
    beside a carrier's name, 号码…售价 only after words that describe a number (尾号, 开头, 相连)."""
    assert not _verdict(clf, title, description, platform="xianyu").sim_listing


def test_a_number_with_its_price_is_sold(clf: Classifier) -> None:
    """A clerk's offer quoted by a reporter (zh_c2c_posts_ar, traditional characters)."""
    verdict = _verdict(clf, "有一個151開頭,3個‘6’相連的號碼,售價是280元,要不要?", platform="xianyu")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description", "platform"), [
    ("纯流量卡 vs 手机套餐卡：区别与选择指南", "", "xianyu"),  # zh_seller_texts_az: a card blog's article titles
    ("流量卡到手后必做的5件事：别让优惠打水漂", "", "xianyu"),
    ("二、非实名流量卡的市场现状", "市场上存在两类非实名流量卡:- 物联卡:通过企业批量采购后转售给个人,可通过后台系统解除实名绑定 - "
     "代实名卡:使用他人身份信息或机器刷实名,常见于灰色产业链 此类卡主要通过社交平台、电商渠道销售,标榜”即插即用””隐私保护”等卖点。",
     "xianyu"),
])
def test_guides_reviews_and_numbered_sections_head_articles(clf: Classifier, title: str, description: str,
                                                            platform: str) -> None:
    """测评, 入门教程, 一、 section headings, vs, N件事 head an article over a plain listing: no price or
    plan figure, no shop's voice, and a black-card word only under a body of news or law prose
    (灰色产业链)."""
    assert not _verdict(clf, title, description, platform=platform).takedown


@pytest.mark.parametrize(("title", "description", "platform"), [
    ("流量卡选购攻略 19元100G 电信正规卡 全国通用", "", "taobao"),
    ("免实名流量卡 攻略", "", "taobao"),
    ("流量卡 测评", "物联网卡 手机通用 无限流量 不限速", "taobao"),
    ("电信流量卡 29元155G 还犹豫什么", "", "taobao"),
    ("联通流量卡 19元100G 要吗", "", "taobao"),
    ("我电信流量卡不用了 29元155G 转让", "", "xianyu"),
    ("Complete Guide: Unlocked phone + SIM card bundle", "Pre-activated SIM card included, ready to use", "ebay"),
    ("Kartu perdana XL 4G - sudah registrasi", "Cara registrasi tidak perlu lagi, langsung pakai", "shopee"),
    # the second review: a long body that is no article (no news or law prose) or speaks as a shop
    ("免实名流量卡攻略", "很多朋友私下问我有没有不用身份证的卡，这里统一说一下：有的，免实名，不用人脸，插上手机就能上网打电话，"
     "全国通用不限速，一张卡用到底，需要的评论区留言，看到都会回复，长期有效。", "xianyu"),
    ("收卡的完整攻略（长期有效）", "本人长期收卡，各地移动联通电信的手机卡都收，新卡老卡都要，不用的卡放着也是浪费不如换点零花钱。"
     "收卡流程：一、把卡寄给我；二、收到后验卡；三、当天结算，量大价格另谈。", "xianyu"),
    ("免实名流量卡攻略", "本店的流量卡全部免实名，不用身份证，插卡即用，全国通用，需要的直接拍，当天发货，量大可谈，长期稳定供货。",
     "taobao"),
])
def test_sellers_headline_words_keep_the_takedown(clf: Classifier, title: str, description: str, platform: str) -> None:
    """(guard; texts of the session's review) a figure, or a black-card word in a short listing, keeps
    the headline words a seller's (攻略, 测评, 'complete guide', a rhetorical 什么/要吗, 转让 of one's own card)."""
    assert _verdict(clf, title, description, platform=platform).takedown


def test_a_vendors_own_guide_is_its_offer(clf: Classifier) -> None:
    """(guard) a number-rental vendor's 'ultimate guide' to 'our bot' (gathered black_card_and_prose_f)."""
    verdict = _verdict(clf, "Get Started with Private Phone Bot on Telegram 🚀",
                       "Welcome to the ultimate guide for using Private Phone Bot, your go-to solution for managing "
                       "virtual phone numbers directly within Telegram. Whether you need a number for SMS verification, "
                       "call forwarding, or maintaining your privacy, our bot has got you covered.", platform="ebay")
    assert verdict.takedown and "verification_service" in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("请求添加 超级SIM卡", "公众号名称：超级SIM卡\n微信号：TMS_S-666"),  # zh_c2c_posts_ar: a feed list's issues
    ("[Suggestion]: 快捷指令版块增加流量开关选项", "这个需求的由来是有些手机卡保号发送短信会失败比如giffgaff卡等"),
    ("我电信流量卡，直接节点延迟网速拉满，移动的宽带以太网和wifi直接可以算是没法用", ""),
])
def test_issue_tracker_posts_and_ones_own_card_are_no_offer(clf: Classifier, title: str, description: str) -> None:
    assert not _verdict(clf, title, description, platform="xianyu").takedown


def test_a_giveaway_beside_a_complete_set_is_still_given(clf: Classifier) -> None:
    """全套 (a complete set of solar panels) is no collectible by itself (zh_plan_titles_aq)."""
    verdict = _verdict(clf, "无线360度全景摄像头 太阳能免插电4G户外 全景4G送流量卡+免插电+送全套太阳能发电 256GB", platform="jd")
    assert verdict.sim_listing, verdict.reasons


def test_a_tracker_needing_no_card_has_one_built_in(clf: Classifier) -> None:
    """免配卡 = 免插卡 (zh_lookalikes_av, a JD GPS tracker)."""
    verdict = _verdict(clf, "gps定位器北斗小型 强磁跟踪免安装远程汽车载追踪仪卫星 远程开关标准款-免配卡", platform="jd")
    assert verdict.sim_listing, verdict.reasons


def test_a_card_buyers_pitch_is_card_buying(clf: Classifier) -> None:
    """A pitch quoted by news (black_card_offers_at): 不用的 describes the cards bought, 银行卡 is the
    second card of 两卡, not a head."""
    verdict = _verdict(clf, "大爷大妈,家里有没有不用的手机卡/银行卡,放着也是浪费,卖给我,高价收购!", platform="xianyu")
    assert verdict.takedown and "bulk_trading" in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", ["不用的手机卡怎么处理", "不用的手机卡一定要注销"])
def test_a_question_about_ones_unused_card_is_no_listing(clf: Classifier, title: str) -> None:
    """(guard) 不用的 before a card word alone still negates it."""
    assert not _verdict(clf, title, platform="xianyu").sim_listing


@pytest.mark.parametrize(("title", "description", "platform"), [
    ("不用身份证为何也能买到手机卡", "按照工信部的通知,从9月1日起,购买手机卡必须出示二代身份证“验明正身”。“新华视点”记者调查发现,"
     "“史上最严手机实名制”实施以来,不少非实名用户已经改办了实名制卡。但在北京、上海、深圳等地,依然存在不出示本人身份证即可购买"
     "三大运营商手机卡的情况。", "xianyu"),
    ("Sale of SIM cards without ID proof, a real danger",
     "As retail sellers ignore security measures, threat to national security looms large", "ebay"),
    ("Temporary phone numbers for receiving SMS in python.", "Requires playwright. from temp_sms import PhoneNumber",
     "ebay"),
])
def test_news_stories_and_code_are_prose(clf: Classifier, title: str, description: str, platform: str) -> None:
    """Reporters (记者, 新华视点), 为何, crime-news words, a library's README (black_card_offers_at)."""
    assert not _verdict(clf, title, description, platform=platform).takedown


@pytest.mark.parametrize(("title", "description"), [
    ("Khay SIM iPhone 14 Pro Max", "Khay đựng SIM màu tím zin"),
    ("Sim ghép Only SED", "Sim ghép Only SED, hỗ trợ iPhone 13 đến 16 Pro Max (đã độ ổ 2 sim vật lý), Mode SED, lắp khay "
     "mặt dưới, 4G/5G ổn định."),
])
def test_vietnamese_trays_and_adapters_are_accessories(clf: Classifier, title: str, description: str) -> None:
    assert not _verdict(clf, title, description, platform="shopee").sim_listing  # sea_listings_au


def test_a_tray_added_to_a_sim_is_no_accessory_sale(clf: Classifier) -> None:
    """(guard; the session's review) "+ khay sim": the tray comes with the SIM."""
    assert _verdict(clf, "Sim 4G Viettel data khủng + khay sim", platform="shopee").sim_listing


def test_sms_verification_of_ones_own_activation_is_no_service(clf: Classifier) -> None:
    """(guard; the session's review) Spanish travel eSIM: no rental wording, and 'sin' negates."""
    verdict = _verdict(clf, "eSIM Europa 20GB - activación inmediata, sin verificación por SMS",
                       "no necesitas verificación por SMS", platform="amazon")
    assert not verdict.takedown, verdict.reasons


def test_one_time_use_non_voip_numbers_are_offered(clf: Classifier) -> None:
    """A vendor's 'one-time-use non-VoIP phone numbers' (en_listings_as): the instruction sense ('use a
    non-VoIP number') needs use as a word of its own."""
    verdict = _verdict(clf, "[ADDITION] SMSPool", "Don't feel comfortable giving out your phone number? Protect your online "
                       "identity by using our one-time-use non-VoIP phone numbers. We support over 50+ countries.",
                       platform="ebay")
    assert verdict.takedown and "verification_service" in verdict.violations, verdict.reasons


def test_a_number_apps_account_is_a_number_sold_registered(clf: Classifier) -> None:
    """纸飞机账号 (zh_c2c_posts_ar): POLICY §4 成品号 as well as the registration service."""
    verdict = _verdict(clf, "纸飞机账号购买平台 电报账号 · 飞机账号", platform="xianyu")
    assert {"pre_registered", "verification_service"} <= set(verdict.violations), verdict.reasons


def test_other_apps_accounts_stay_a_registration_service(clf: Classifier) -> None:
    """(guard) a WeChat account with a registration word is the registration service only."""
    verdict = _verdict(clf, "微信号购买 白号 手机号注册", platform="xianyu")
    assert "verification_service" in verdict.violations and "pre_registered" not in verdict.violations, verdict.reasons


def test_a_card_that_zero_rates_an_app_is_no_membership(clf: Classifier) -> None:
    """(the session's second review) 腾讯视频免流: the app whose data the card zero-rates, not a membership sold."""
    verdict = _verdict(clf, "联通大王卡 腾讯视频免流", platform="taobao")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


def test_a_marketplace_order_link_is_an_offer(clf: Classifier) -> None:
    """(the session's second review) a recommendation page with 下单链接 to item pages sells the cards it
    recommends (推荐 made it a held article before)."""
    verdict = _verdict(clf, "2026年流量卡推荐 电信联通移动 哪个最划算",
                       "2026年最新流量卡推荐：\n1、电信星卡 29元155G 下单链接：https://item.taobao.com/item.htm?id=123456\n"
                       "2、联通大王卡 19元100G 下单链接：https://item.taobao.com/item.htm?id=123457\n3、移动花卡 39元200G\n"
                       "以上都是官方正规卡，需本人实名，点链接下单包邮。", platform="taobao")
    assert verdict.takedown, verdict.reasons


def test_virtual_numbers_of_many_countries_for_apps_are_a_code_service(clf: Classifier) -> None:
    """A 接码 vendor's line in a recommendation list (zh_pages_aw): N国家虚拟号码 for apps and an API."""
    verdict = _verdict(clf, "[HeroSMS](https://hero-sms.com/cn) — 180+ 国家虚拟号码，支持网站与 API，覆盖 Google/OpenAI/Telegram "
                       "等 700+ 服务", platform="xianyu")
    assert "verification_service" in verdict.violations, verdict.reasons
