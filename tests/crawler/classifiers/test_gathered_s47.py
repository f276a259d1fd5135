"""Real texts gathered in session 47 (gathered/*_oa …), earlier texts the session's rules read now,
and the older misses of session 46's reviews. Each text with its source; every test but the guards
failed before its rule."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of


@pytest.mark.parametrize(("title", "description"), [
    # https://pastebin.com/3vxuVNMW (gathered)
    ("Digicel Phone Card Generator 20",
     "The unlocking service we offer allows you to unlock your device and use any network provider SIM card in "
     "your phone."),
    # session 46's first review: a phone's listing names the cards it was tested with
    ("Samsung Galaxy A54 5G Unlocked 128GB - Fully Tested",
     "Tested for calls, data and SMS: network verification with real SIM cards from AT&T and T-Mobile."),
    ("Apple iPhone 12 64GB Unlocked", "Works with any GSM SIM card."),
])
def test_a_titled_phone_whose_description_names_sim_cards_is_the_phone(
        clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="ebay")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # the buyer's own phone (a BYOP kit is a SIM kit), a card given with the phone
    ("Tracfone Bring Your Own Phone Activation Kit", "Includes a SIM card for your compatible phone."),
    ("Apple iPhone 12 64GB Unlocked", "Comes with a free prepaid SIM card with 30 days of service."),
    ("Unlocked Phone", "SIM card included: $25/month unlimited talk & text plan."),
])
def test_a_buyers_phone_or_a_card_given_with_the_phone_stays_a_sim_listing(
        clf: Classifier, title: str, description: str) -> None:  # guards
    assert verdict_of(clf, title, description, platform="ebay").sim_listing


@pytest.mark.parametrize("title", [
    # session 46's first review: 已实名 accounts in other words
    "出售已实名vx号 稳定不封",
    "实名好的支付宝 可出",
    "已实名vx出，价格私聊",
    "已实名微信 可借用几天",
    "已实名 WeChat 可出 可租",
    "已实名V信 可租",
])
def test_an_app_account_registered_in_a_name_sold_in_other_words_is_pre_registered(
        clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, platform="xianyu")
    assert verdict.takedown and "pre_registered" in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", [
    "已实名微信出示健康码",  # shown, not sold
    "实名好的微信可借钱吗",
    "出售实名制手机号码说明",  # no app account
])
def test_a_registered_account_shown_or_asked_about_is_no_account_sold(clf: Classifier, title: str) -> None:  # guards
    assert not verdict_of(clf, title, platform="xianyu").takedown


@pytest.mark.parametrize(("title", "description"), [
    # session 46's first review: a number service's own wording
    ("Get USA Numbers & Codes - Any App", "Pay per code, refund if no code arrives in 5 minutes."),
    ("Rent a Number, Receive the Code - Instant", "Pick a country, pick the app, we forward the code. Non-VoIP."),
])
def test_numbers_and_codes_for_any_app_are_a_verification_service(
        clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="shopee")
    assert "verification_service" in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", [
    # http://m.1330.cn/zhishi/4718622.html (gathered/zh_card_trade_slang_oc.jsonl): a site-wide ad
    "防封电销卡免费获取   加微信:veteran0003",
    "电销卡 防封 不限量 支持挑选归属地",
])
def test_a_telesales_card_is_a_phone_card(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, platform="xianyu")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # a call blocker's list (gathered/zh_black_card_lookalikes.jsonl)
    ("拦截 167/170/171/165/162 虚商电销卡", ""),
    # lkzwc/liuketh src/content/news/what.mdx@d07b31b (gathered/zh_social_promo_oa.jsonl): an explainer's headline
    ("一篇文章让你彻底搞懂流量卡",
     "流量卡卡就是为电脑等便携设备提供无线上网的SIM卡，除了无线上网，手机短信，还可以打电话等功能。由运营商（中国移动、"
     "中国联通 、中国电信）提供的5G/4G/3G卡。硬件和外观与普通SIM卡相似。加载针对智能硬件和物联网设备的专业化功能，采用专用号段，"
     "满足智能硬件和物联网行业对设备联网的管理需求，以及集团公司连锁企业的移动信息化应用需求。\n在如今这个数字化的时代，移动互联网"
     "已经成为人们生活中不可或缺的一部分。而流量卡作为一种提供移动数据流量的便捷工具，也越来越受到人们的关注和青睐。\n本文将详细"
     "介绍流量卡的相关知识，包括流量卡的种类、特点、选购和使用时的注意事项，希望能够帮助你更好地了解流量卡。"),
])
def test_a_blocker_or_an_explainer_sells_no_card(clf: Classifier, title: str, description: str) -> None:
    assert not verdict_of(clf, title, description, platform="xianyu").takedown


@pytest.mark.parametrize("title", [
    # Jumia titles from scrapers' committed output (gathered/en_intl_sim_titles_ob.jsonl)
    "SIM DESKPHONE WITH RADIO-WHITE",  # devadewale/jumia-scraping juminacomputing.csv@6e9389f
    "Huawei GSM SIM Card Land-Line Table Phone With FM. 3125i Black.",  # Human-Gechi/jumia-scraping jumia_phones.csv@f9bc60e
    "ZTE 4G Wifi / Mifi ( All SIM)Mobile Pocket Wifi - BLACK",  # devadewale/jumia-scraping juminacomputing.csv@6e9389f
    # Human-Gechi/jumia-scraping jumia_phoneacessorykits.csv@f9bc60e
    "20Pcs SIM Card Remover AntiLost Wide Compatible Round Cellphones SIM Card Pin For TabletSliver White",
    # evans-nyang/jumia-scrapy jumiascraper/dataset/extracted/jumiascraper_2023-06-21T23-49-42.json@04f023f
    "SQ Mobile SQ8700, 2.4\" Quad SIM (4 SIM Card Slots) - 10000mAh - Black & Navy Blue",
    # lennygitonga/jumia-scraping jumia_flash_sales.csv@1b290e5
    "Oking OK310, 1.7\" Wireless FM, Bright Torch, 1000mAh, Tri SIM, 2G - Black (1YR WRTY): Remove Sticker",
])
def test_desk_phones_multi_sim_phones_and_sim_pins_are_no_sim_listings(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, platform="shopee")
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # shahbaxyy/simowner-website pages/*.php@a9acb17 (gathered/en_intl_sim_titles_ob.jsonl): a number's owner looked up
    ("Jazz SIM Owner Details Check — Free Online Lookup 2026",
     "Check Jazz SIM owner details online for FREE. Verify Jazz mobile numbers (0300-0309, 0320-0325), check CNIC "
     "registration"),
    ("PTA SIM Verification — Check All SIMs Registered on Your CNIC 2026",
     "Official PTA SIM verification service. Check all mobile SIMs registered on your CNIC number instantly."),
    # https://www.useget.com/personal/help/personal-faq (gathered/en_numbers_for_sale_od.jsonl): an app's own check
    ("We use your cell phone number to verify your account and make sure that only you can access your money",
     "When you create an account, we'll send an SMS code as verification that your account is linked to the right "
     "mobile phone number."),
])
def test_an_owner_lookup_or_an_apps_own_verification_is_no_service_sold(
        clf: Classifier, title: str, description: str) -> None:
    assert not verdict_of(clf, title, description, platform="shopee").takedown


def test_an_api_that_buys_a_number_and_fetches_its_code_is_a_verification_service(clf: Classifier) -> None:
    # https://tgpva.com/api (gathered/en_numbers_for_sale_od.jsonl)
    verdict = verdict_of(
        clf, "Use these endpoints to check balance, list countries, buy a number, fetch the verification code, and",
        "All requests are GET with your API key as a query parameter (apiKey).", platform="ebay")
    assert "verification_service" in verdict.violations, verdict.reasons


def test_a_small_batch_of_test_calls_is_no_bulk_trade(clf: Classifier) -> None:
    # https://www.yunzhuji.net/kahao/621429.html (gathered/zh_black_card_nb.jsonl, 一、核心办理流程解析)
    verdict = verdict_of(clf, "白名单电销卡办理", "激活测试:完成支付后通过运营商APP激活,建议进行小批量通话测试", platform="xianyu")
    assert verdict.sim_listing and "bulk_trading" not in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # https://www.gogoai.xin/article/openai-phone-number-limits-one-number-one-account (gathered)
    ("OpenAI Phone Number Limits: One Number, One Account",
     "OpenAI strictly limits phone number bindings to one account per unique number."),
    # https://www.kaeltripton.com/telecoms/mobile-number-when-leaving-uk/ (gathered)
    ("What Happens to Your Mobile Number When You Leave the UK",
     "UK mobile numbers are tied to operator accounts, not to individuals, and extended inactivity triggers "
     "automatic closure on most networks."),
])
def test_a_number_beside_someones_own_account_is_no_number_sold(
        clf: Classifier, title: str, description: str) -> None:
    assert not verdict_of(clf, title, description, platform="ebay").sim_listing


def test_numbers_sold_with_accounts_stay_numbers(clf: Classifier) -> None:  # guard
    verdict = verdict_of(clf, "USA phone numbers with verified accounts", "20 accounts package", platform="ebay")
    assert verdict.sim_listing


@pytest.mark.parametrize(("title", "description"), [
    # session 47's review: the phones a card is for, a card's own terms, a card in the box
    ("Unlimited Texts to Any Phone - Lebara Pay As You Go", "Lebara SIM card, triple cut"),
    ("Orange Holiday Europe 8GB - Unlocked Phones Only", "prepaid SIM card with 8GB data valid 14 days"),
    ("Hotspot Data 100GB - Prepaid 90 Days", "T-Mobile prepaid SIM card for mobile hotspots"),
    ("Tracfone Motorola Moto g Play 2024 Prepaid Phone", "Tracfone SIM card pre-installed. Activate online."),
    ("Verizon LTE Home Phone Desk Phone", "Includes Verizon SIM card"),
])
def test_a_card_for_any_phone_with_its_terms_or_in_the_box_stays_a_sim_listing(
        clf: Classifier, title: str, description: str) -> None:
    assert verdict_of(clf, title, description, platform="ebay").sim_listing


def test_works_with_any_carrier_sim_is_no_card_in_the_box(clf: Classifier) -> None:  # guard
    verdict = verdict_of(clf, "Netgear 4G LTE Router", "Includes power adapter. Works with any carrier SIM card.",
                         platform="ebay")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # https://www.brightwell.org/2026/06/what-exactly-is-a-global-travel-sim-card-that-lives-in-your-phone/ (gathered)
    ("What Exactly Is a Global Travel SIM Card That Lives in Your Phone?",
     "Your Go-To Guide for International eSIM That Actually Works\nAn international eSIM is a digital SIM card that "
     "lets you connect to mobile networks worldwide without needing a physical card."),
])
def test_an_english_what_is_headline_heads_an_article(clf: Classifier, title: str, description: str) -> None:
    assert not verdict_of(clf, title, description, platform="ebay").sim_listing


@pytest.mark.parametrize("title", ["防拦截电销卡 不封号 高频外呼", "不被拦截的电销卡", "电销专用卡 高频外呼"])
def test_a_telesales_card_that_is_not_blocked_is_still_a_card(clf: Classifier, title: str) -> None:
    assert verdict_of(clf, title, platform="xianyu").takedown


def test_a_registered_account_sold_cheap_is_pre_registered(clf: Classifier) -> None:
    verdict = verdict_of(clf, "已实名微信 低价出", platform="xianyu")
    assert "pre_registered" in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("Rent a US number. Receive the code.", "Any app, non-VoIP"),
    ("Buy US phone numbers, each with an account set up", "Telegram ready, log in with the number"),
])
def test_review_variants_of_number_offers(clf: Classifier, title: str, description: str) -> None:
    assert verdict_of(clf, title, description, platform="ebay").sim_listing


def test_a_sim_sold_to_create_app_accounts_is_a_verification_service(clf: Classifier) -> None:
    # dvcminh/scrape-data Lazada/smartphone/lazada.csv@a7e2275 (gathered/market_scrape_titles_of.jsonl)
    verdict = verdict_of(clf, "Sim Vietnamobile 2023 Hạn 1Tháng - Tạo Tài Khoản ZL,SP,FB,MMO,GAME (Không 4G)",
                         platform="shopee")
    assert verdict.takedown and "verification_service" in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", [
    # evans-nyang/jumia-scrapy jumiascraper/dataset/extracted/jumiascraper_2023-06-21T23-49-42.json@04f023f
    "Bontel K2000-10000mAh PowerBank,Reading Lamb TorchLightSwitch Trio Sim Cards-Gold",
    # Leonn2285/NLP-final-project data/raw/duy_thai_data.csv@82b9683 (a mobile Wi-Fi the buyer's card goes in)
    "Wi-Fi Di Động 4G LTE Mercusys MT110 4G LTE đến 150Mbps, Thẻ SIM Cắm và Chạy, 10 Giờ Sử Dụng, Ứng Dụng Dễ Điều "
    "Khiển - Hàng chính hãng",
])
def test_a_three_slot_phone_or_a_mobile_wifi_is_no_sim_listing(clf: Classifier, title: str) -> None:
    assert not verdict_of(clf, title, platform="shopee").sim_listing


def test_a_router_with_a_free_data_sim_is_sold_with_its_card(clf: Classifier) -> None:
    # devadewale/jumia-scraping juminacomputing.csv@6e9389f (gathered/market_scrape_titles_of.jsonl)
    verdict = verdict_of(clf, "4G LTE WiFi Router HotSpot With 25 Gig Free Airtel Data Sim", platform="shopee")
    assert verdict.sim_listing, verdict.reasons


def test_a_modem_with_a_free_starter_card_is_sold_with_its_card(clf: Classifier) -> None:
    # dryantl/product-title-classification data/product_data.csv@b436da3 (gathered/market_scrape2_oh.jsonl)
    assert verdict_of(clf, "Bolt Modem Wifi Orion Mv1 Unlock - Free Perdana Smartfren -", platform="shopee").sim_listing


@pytest.mark.parametrize(("title", "description"), [
    # Hyprnx/Text-Classification notebooks/PhoBERT-classification.ipynb@d515e51: a SIM card reader
    ("đầu đọc thẻ sim thông minh đa chức năng", ""),
    # BlueBeret/Tokopedia-Product-Scrapping data_clean.json@1691587: SIM beside KTP and ATM is a driving licence
    ("Plastik pelindung ATM / SIM / KTP / Kartu Nama Cover pelindung",
     "WAJIB MEMBELI KELIPATAN 10 , KARENA 1 SET = ISI 10 PCS \n\nberguna untuk melindungi kartu berharga anda seperti "
     "kartu ATM,Kartu Pelajar,SIM,dll"),
])
def test_a_card_reader_or_a_licence_sleeve_is_no_sim_listing(clf: Classifier, title: str, description: str) -> None:
    assert not verdict_of(clf, title, description, platform="shopee").sim_listing


@pytest.mark.parametrize("title", [
    # jack161616/JD_spider jingdong.csv@d027ed6 (gathered/zh_dataset_scan_oi.jsonl): a JD search for 手机 whose
    # scraper dropped the highlighted keyword; 三卡三待, 单卡, 大卡 are a phone's slots, 大音量 no 量大
    "GRAVER 电信通三卡三待大字体军工三防老人",
    "华为（HUAWEI） C8817E 电信4G版单卡入门级智能",
    "天语（K-TOUCH） T2a老人机大字体大音量大按键直板手电筒双卡双待移动联通2G大卡老年人",
])
def test_a_phones_card_slots_are_no_card_sold(clf: Classifier, title: str) -> None:
    assert not verdict_of(clf, title, platform="jd").takedown
