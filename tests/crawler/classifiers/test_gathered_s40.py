"""Real texts gathered in session 40 (gathered/*_dd … *_dj), each with its source: the rules they
prompted. Every test but the guards failed before its rule."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import all_lists_loaded, verdict_of


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(all_lists_loaded(), use_model=False)  # the rules alone: what these tests are about


def test_a_huawei_nm_card_is_a_memory_card_not_initials(clf: Classifier) -> None:
    # repo lylcst/GAIIC_project_NER data/contest_data/preliminary_test_a/sample_per_line_preliminary_A.txt
    # (line 6765): NM卡 read as the initials of 匿名卡 put a memory card on the takedown list
    verdict = verdict_of(clf, "华为nm存储卡NM卡64G/128G/256G储存卡P30mate20pro/X内存卡二合一读卡器华为NM存储卡（256GB）",
                         "", platform="jd")
    assert not verdict.sim_listing and not verdict.violations, verdict.reasons


def test_a_lottery_number_machine_is_no_vanity_number(clf: Classifier) -> None:
    # same set, preliminary_test_b (line 8161): 选号机 is a lottery draw box
    verdict = verdict_of(clf, "久晨 办公摇号机 有机玻璃摇奖机 选号机 摇奖箱 选号机 幸运大转盘 开业庆典促销抽奖箱 小号配桔黄奖项球60个",
                         "", platform="jd")
    assert not verdict.takedown and "sim:product" not in verdict.rules_fired, verdict.reasons


@pytest.mark.parametrize("title", [
    # repo lylcst/GAIIC_project_NER data/orther/data.zip → fake_train_data_20000.txt (sentence 11793)
    "华为（HUAWEI)智选通用4G摄像头家用高清夜视室外无线监控器插卡流量连手机远程无需网络 插电版【送4G流量卡 无需网络WiFi】 无  1080p 60mmxs",
    # same file (sentence 6385): the "+" lists the box's contents; 手表+电话卡 is no "watch card"
    "华为(HUAWEI)苹果通用成年儿童电话手表学生男女智能手表手机定位防水防摔插卡触屏手表华强北 深空黑【升级款-长待机】 手表+电话卡+七天电池+128G卡",
    # preliminary_test_a (line 316)
    "【孙红雷同款】科大讯飞翻译机2.0晓译离线拍照同声中英文翻译器口语方言学习宝棒AI智能蛋出国旅游神器金色—【下单送原装皮套/贴膜*2+100G流量卡】",
])
def test_a_card_given_with_the_goods_with_its_network_or_allowance_between(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, "", platform="jd")
    assert verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # index file id 57424922228: "foreign numbers" / "activation numbers for all apps"
    ("أرقام أجنبية", "أرقام تفعيل لجميع التطبيقات"),
    # index file id 71298060361: "choose a country to buy a Telegram number"
    ("📢 *اختر دولة لشراء رقم تيليجرام (Telegram):*", "اختر الدولة وسيقوم البوت بطلب الرقم لك فورياً"),
    # index file id 68542351516: a bot selling Telegram numbers
    ("📱 Telegram номера", "Выберите страну. Цена указана за номер."),
    # index file id 1485182209: a number shop's rules, "we sell numbers"
    ("1. Главное:", "1.1 Мы продаем номера, без инструкций к их использованию."),
    # index file id 58659268505: Uzbek, "buy a Telegram number"
    ("Telegram raqam sotib olish", "Virtual va haqiqiy raqamlar, narxlar, SMS qabul qilish."),
])
def test_number_shops_in_arabic_russian_and_uzbek(clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="ebay")
    assert verdict.sim_listing and "verification_service" in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("platform", "title", "description"), [
    # index file id 71141044118 (eSIM shop SQL, eSIM Access package names)
    ("ebay", "Africa Access 1GB 7Days", ""),
    # index file id 57830963904 (Airalo dataplans example)
    ("ebay", "Turkey - 1 GB - 7 Days", "merhaba-7days-1gb"),
    # index file 55530980902 (TW eSIM shop chatbot product knowledge base)
    ("shopee", "日本漫遊 5 天吃到飽：NT$399 (雙網切換、CP值首選)", ""),
    ("shopee", "韓國每日 1GB 5 天：NT$350 (超過降速不斷網)", ""),
    # repo anhdv4/usim-web-clean usim_data.json (travel-eSIM reseller package list): the place is below
    ("amazon", "9day / 1GB Daily+Unlimited 512K(CamGSM)", "Cambodia柬埔寨"),
    # index file 66707012856 (zh-TW eSIM storefront test fixture)
    ("shopee", "日本 10GB 7 天", ""),
])
def test_a_destination_with_days_and_data_is_a_travel_plan(clf: Classifier, platform: str, title: str,
                                                           description: str) -> None:
    verdict = verdict_of(clf, title, description, platform=platform)
    assert verdict.sim_listing and "sim:plan" in verdict.rules_fired and not verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # guards: a carrier's own bundle names no destination (repo JMN-Developer/Recharge public/js/test.js);
    # a travel add-on for one's own number names none either (index file id 68293509602)
    ("Robi 8GB, 3 Days - 89 BDT", "8GB, 3 Days"),
    ("Travel data add-ons: 1GB, 5GB or 10GB, valid 30 days, priced in the app", ""),
])
def test_day_bundles_without_a_destination_stay_no_listing(clf: Classifier, title: str, description: str) -> None:
    assert not verdict_of(clf, title, description, platform="ebay").sim_listing


def test_a_mainland_carriers_roaming_day_pack_is_no_travel_plan(clf: Classifier) -> None:
    # guard, after index file 32215394847 (Fliggy travel-SIM seed data: 香港5天漫游包 over 中国电信)
    verdict = verdict_of(clf, "日本7天10GB漫游流量", "中国电信 4G/5G漫游，网速更快且支持境内APP", platform="taobao")
    assert "sim:plan" not in verdict.rules_fired, verdict.reasons


@pytest.mark.parametrize(("platform", "title", "description"), [
    # repo tepero80/korea-experience content/posts/korea-travel-sim-cards-vs-esim-comparison.md
    ("ebay", "Korea Travel SIM Cards vs eSIM: Best 2026 Options for Tourists",
     "Compare Korea's best SIM and eSIM options for 2026."),
    # same repo, content/deep-dive/esim-vs-usim-vs-portable-wi-fi-2026.md
    ("ebay", "eSIM vs USIM vs Pocket Wi-Fi Korea 2026: The Ultimate Connectivity Guide",
     "Compare eSIM, USIM, and Pocket Wi-Fi for 2026 travel."),
    # index file id 65776322067 (travel eSIM guide site)
    ("ebay", "Cheapest eSIM Plans 2025: Budget Travel Connectivity Guide",
     "Find the cheapest eSIM plans for budget travelers. Compare low-cost options."),
    # index file id 52619490593 (AutoWiFi eSIM Japan guide page)
    ("taobao", "日本eSIM指南 - 通信环境、推荐套餐与设置方法", "使用eSIM畅享日本高速移动网络。"),
    # index file id 56971169683 (Vietnamese travel site's blog)
    ("shopee", "Hướng Dẫn Dùng eSIM Du Lịch Nhật Bản 2026: Mua Ở Đâu, Kích Hoạt Như Thế Nào?",
     "So sánh eSIM và SIM vật lý khi du lịch Nhật Bản"),
])
def test_travel_sim_guides_are_articles(clf: Classifier, platform: str, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform=platform)
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", [
    # repo tyler-bit-ai/eSIMPriceUSA dashboard/data/sites/amazon_us/th/latest.jsonl (Amazon US B0GFWF7H67)
    "Prepaid eSIM 10-Day Unlimited Data Plan for Thailand | Get QR Code Instantly | 5G/4G High-Speed Network | "
    "Hotspot Support | Data Only | No Contract & SIM Card Needed | for Unlocked iOS & Android",
    # same repo, amazon_us/kr/latest.jsonl (B0GTLZ5L1D, B0F92VV1RS, B0F75D8NVP)
    "USA Prepaid eSIM 25GB 30Days Data Plan | Get QR Code Instantly | 5G/4G High-Speed | Supports Hotspot | Easy Setup",
    "UK & Ireland [eSIM] 10GB High-Speed Data, Mobile Hotspot & Tethering, Instant Delivery, Auto-Activation, "
    "Uses Three UK, Prepaid Virtual SIM Card (30-Days)",
    "TSIM Europe eSIM | 13GB Data + 50 Local Minutes + 50 USA Minutes | 28 Day Validity | Hotspot/Tethering Supported",
])
def test_hotspot_as_a_feature_of_the_card_is_no_device_sold(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, "", platform="amazon")
    assert verdict.sim_listing, verdict.reasons


# Guards from the session's review (probes of realistic shape, not gathered texts): what the rules
# above must leave alone.

@pytest.mark.parametrize(("platform", "title"), [
    ("amazon", "Japan Rail Pass 7 Days Unlimited Rides on JR Trains"),
    ("ebay", "Residential Proxies USA 10GB 30 Days Rotating IP"),
    ("ebay", "USA VPN 30 Days Unlimited, No Registration Needed"),
    ("taobao", "香港云服务器 1核1G 30天 CN2线路"),
    ("taobao", "法国 巴黎 7天 不限量 博物馆通票"),
])
def test_other_goods_sold_by_days_are_no_travel_plan(clf: Classifier, platform: str, title: str) -> None:
    assert not verdict_of(clf, title, "", platform=platform).sim_listing


@pytest.mark.parametrize("title", ["电话卡 免+实+名 手机卡", "手+机+卡 已+实+名 成品"])
def test_a_plus_between_single_characters_is_still_a_split_word(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, "", platform="taobao")
    assert verdict.takedown and {"no_real_name", "pre_registered"} & set(verdict.violations), verdict.reasons


def test_a_memory_size_before_a_card_word_is_no_bundle(clf: Classifier) -> None:
    verdict = verdict_of(clf, "小天才同款 电话手表 4G全网通 1G+16G电话卡", "", platform="taobao")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", ["流量卡 免实名 30天 100G 留学生回国 Canada 通用",
                                   "日本同款 纯流量卡 免实名 7天无理由退换"])
def test_an_english_place_or_a_return_policy_makes_no_trip_on_a_chinese_platform(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, "", platform="taobao")
    assert verdict.takedown and "no_real_name" in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("ايفون 13 برو ماكس مستعمل للبيع بحالة ممتازة", "السعر 2500 ريال، للتواصل رقم واتساب 0501234567"),
    ("Samsung Galaxy S23 Ultra 256GB Unlocked", "Для связи пишите на наши WhatsApp номера"),
    ("Дубликаты автомобильных номеров", "Мы продаём номера для автомобилей, изготовление за 1 день"),
    ("Chiroyli avto raqam sotib olaman", "01 A 777 AA kabi avto raqamlarni sotib olaman"),
])
def test_contact_lines_and_car_plates_are_no_number_shop(clf: Classifier, title: str, description: str) -> None:
    assert "verification_service" not in verdict_of(clf, title, description, platform="ebay").violations


@pytest.mark.parametrize(("platform", "title"), [
    ("taobao", "纯流量卡 不限速 大流量 手机卡 上网指南"),
    ("amazon", "Europe SIM Card, SIM Guide Included, Nano Micro Standard"),
    ("amazon", "Nano SIM vs Micro SIM - 3 in 1 Prepaid SIM Card USA"),
    ("shopee", "Kartu Perdana XL Axiata + Panduan Aktivasi"),
])
def test_a_sellers_guide_word_leaves_the_listing_an_offer(clf: Classifier, platform: str, title: str) -> None:
    assert verdict_of(clf, title, "", platform=platform).sim_listing


def test_an_nm_card_with_a_data_allowance_is_still_read_as_anonymous(clf: Classifier) -> None:
    verdict = verdict_of(clf, "出nm卡 100G 全国通用", "", platform="xianyu")
    assert verdict.sim_listing and "no_real_name" in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # index file id 17272287565 (VIP Number Shop city page, Rajkot): "our collection" is the shop's range
    ("VIP Number Shop: The Leading VIP Mobile Number Provider in Rajkot",
     "At VIP Number Shop, we pride ourselves on being Rajkot’s top provider of VIP mobile numbers. Discover our "
     "hand-picked collection of elite and fancy mobile numbers"),
    # index file id 17134632700 (VIP number shop city page, Rajasthan)
    ("Rated as the Best for VIP Mobile Numbers in Rajasthan",
     "As the trusted provider of fancy mobile numbers in Rajasthan, we encourage you to delve into our unique "
     "collection and embrace the prestige of owning a unique mobile number."),
])
def test_a_number_shops_collection_is_no_collectible(clf: Classifier, title: str, description: str) -> None:
    assert verdict_of(clf, title, description, platform="ebay").sim_listing


def test_hotspot_after_a_plus_is_a_feature_of_the_card(clf: Classifier) -> None:
    # repo tyler-bit-ai/eSIMPriceUSA dashboard/data/sites/amazon_us/hk/latest.jsonl
    verdict = verdict_of(clf, "Hong Kong SIM Card | 20GB Super Economy Refillable Plan! Auto Activating 30 Day "
                         "Validity | 5G Speed + Hotspot | Data-Only No Phone Number", "", platform="amazon")
    assert verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", [
    # repo justjavac/weibo-trending-hot-search archives/2026-07-31.md, 2022-04-13.md
    "低价大流量卡将集体退场",
    "中国电信将停止第三方互联网办卡",
    "身份证被别人开电话卡有风险",
    # repo Ydoit/Spam_Message_Classification data/correct_negative.csv (a chat message)
    "手机卡居然是xg的我都母鸡",
])
def test_news_headlines_about_cards_are_prose(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, "", platform="xianyu")
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons


def test_a_card_with_no_risk_stays_an_offer(clf: Classifier) -> None:
    # guard: 无风险 is a seller's claim, not a warning
    verdict = verdict_of(clf, "联通大流量卡 29元100G 正规卡 无风险 包邮", "", platform="taobao")
    assert verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # repo joql/phoneShop wap/sj011.php (a saved 集号吧 vanity-number page: number, price, city and
    # carrier, 低消/含费); the number is grouped as the shop shows it
    ("138894 11110", "￥6000 大连移动 低消0元,含费0元"),
    ("18980 888 910", "￥800 成都电信 低消0元,含费300元"),
])
def test_a_vanity_number_shown_in_groups_is_a_number_sold(clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="xianyu")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # index file 70091609043 (a pocket-WiFi rental shop's plans)
    ("Pocket WiFi 4G Unlimited", "Unlimited Pocket WiFi for all of Indonesia."),
    # https://pocwifi.com.au/terms-and-conditions/
    ("Rent a Pocket Wifi | Unlimited Wifi", "Connect Up to 5 Devices"),
])
def test_a_pocket_wifi_with_unlimited_data_carries_a_card(clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="ebay")
    assert verdict.sim_listing and "sim:device_plan" in verdict.rules_fired, verdict.reasons


@pytest.mark.parametrize("title", ["TP-Link M7350 4G LTE Pocket WiFi Unlocked, up to 150Mbps, 10 devices",
                                   "Unlocked Pocket WiFi 4G LTE, unlimited devices support, SIM card slot"])
def test_an_unlocked_pocket_wifi_takes_the_buyers_card(clf: Classifier, title: str) -> None:
    # guards: an unlocked device promises what the card the buyer inserts gives
    assert not verdict_of(clf, title, "", platform="amazon").sim_listing


@pytest.mark.parametrize("title", [
    # repo tyler-bit-ai/eSIMPriceUSA dashboard/data/sites/amazon_us/jp/latest.jsonl and kr/latest.jsonl
    # (Amazon US search results): the title opens on its SIM noun, the devices come after a break
    "EIOTCLUB SIM Card for Data Only, 5G/4G LTE USA Compatible with Nationwide Networks for Security, Hunting "
    "Trail Game Cameras - No Contract Wireless-Triple Cut Size",
    "KiwiSIM USA Data SIM Card 12GB 180 Days, 4G LTE SIM Card Support for AT&T, T-Mobile and Verizon, Nano Card "
    "for Unlocked Cellular Security Cameras/Router/Hotspot WiFi/Trail Camera (Activate Needed)",
    "International Data SIM Card 10GB for 30 Days –4G LTE Coverage in 45 Countries USA,UK,Europe,Asia and Africa "
    "Prepaid Travel Data Only SIM for Unlocked WiFi Mobile Hotspot, Phones and Tablet–No Contract",
])
def test_a_title_opening_on_its_sim_noun_sells_the_card(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, "", platform="amazon")
    assert verdict.sim_listing, verdict.reasons


def test_a_phone_whose_title_names_its_slots_early_stays_a_phone(clf: Classifier) -> None:
    # guard, index file 22489439931 (a shop seed's Amazon.es title): eSim + Nano SIM are its slots
    verdict = verdict_of(clf, "F Galaxy S23 Ultra 5G eSim + Nano SIM Teléfono Móvil Android, 256GB, SIM Free "
                         "Smartphone, Phantom Black", "", platform="amazon")
    assert not verdict.sim_listing, verdict.reasons
