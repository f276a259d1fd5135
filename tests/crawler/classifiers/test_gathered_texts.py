"""Real seller texts gathered outside data/real/ (issue #16: generalise beyond the corpus).

Each text is quoted (trimmed) from a public source named in the comment next to it; labels follow
POLICY.md. These are development examples and regression tests for the weak classes (black-card
wording, bulk, account registration, English bulk); they are not corpus rows (the corpus helper
owns data/real/). The look-alike cases next to them guard precision: a lawful shop on a takedown
list is the worst error.
"""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import all_lists_loaded, load_real

DEV = {row["id"]: row for row in load_real("dev")}  # never a test-part row


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(all_lists_loaded(), use_model=False)


def verdict(clf: Classifier, title: str, platform: str = "xianyu", description: str = "") -> object:
    return clf.classify({"platform": platform, "listing_id": "g1", "title": title, "description": description})


# (title, the black-card code it must carry)
GATHERED = [
    # https://github.com/rgjma/SMS-Onlie/issues/5 (接码 spam: "实卡" = a physical card)
    ("2024最火的实卡接码平台（独享首码）包登录", "verification_service"),
    # https://github.com/xaoyaoo/PyWxDump/issues/120 (account shop: 实名号 = accounts sold registered)
    ("出 各类微信账号，包括直登白号、满月号、实名号、老号、资源号等，价格50起均有。", "pre_registered"),
    # https://github.com/tgalal/yowsup/issues/3211 (comment of 2023-07-30: bulk account registration)
    ("批量注册whatsapp,注册量百分之百", "verification_service"),
    # https://github.com/barretlee/blog/issues/447 (comment of 2025-10-26: 接码 software)
    ("“云上互通”是一个可以大量注册账号的接码软件，软件提供大量国内/香港/海外等号码", "verification_service"),
    # https://github.com/mattermost/mattermost-plugin-playbooks/issues/2034 (account wholesale that
    # keeps a designated phone number: a number-rental template)
    ("支付宝号批发 用户只需要注册登录，选择需要qq号购买自动发货的国家和服务场景，用户也可以选择长期使用指定手机号来支付宝号批发",
     "verification_service"),
    # https://github.com/mattermost/mattermost/issues/31504 (account shop selling verified accounts)
    ("微信号购买平台 用户可以购买经过实名认证的微信白号批发", "pre_registered"),
]


@pytest.mark.parametrize(("title", "code"), GATHERED)
def test_gathered_black_card_texts(clf: Classifier, title: str, code: str) -> None:
    v = verdict(clf, title)
    assert v.sim_listing and v.takedown and code in v.violations, v.reasons


# https://github.com/mattermost/mattermost/issues/31797: follower accounts wholesale (快手号批发 of
# accounts "已经拥有大量粉丝") — labelling rules: follower-account shops are negatives.
def test_follower_account_wholesale_is_not_a_sim_listing(clf: Classifier) -> None:
    v = verdict(clf, "快手号批发【TG客服】是指通过购买或租赁方式获得已经拥有大量粉丝和流量的抖音号")
    assert not v.sim_listing and not v.takedown, v.reasons


# A card-state word (DOMAIN.md: 已实名, 实名好的, 激活好 …) next to a bare 卡 names a phone card
# even without a SIM noun; the same words next to other cards (会员卡, 年卡, 显卡) do not.
@pytest.mark.parametrize(("title", "code"), [
    ("实名好的卡 直接用", "pre_registered"),
    ("这些卡都实名好了", "pre_registered"),
    ("卡已激活 插上就能打电话", "pre_activated"),
    ("实卡 不记名 可注册", "no_real_name"),
    ("认证好的微信号出售", "pre_registered"),
])
def test_card_state_next_to_a_bare_card(clf: Classifier, title: str, code: str) -> None:
    v = verdict(clf, title, "taobao")
    assert v.sim_listing and code in v.violations, v.reasons


@pytest.mark.parametrize("title", ["会员卡已激活 可转让", "健身年卡 已激活", "显卡 已激活", "公交卡 已激活",
                                   "加油卡 实名好的", "礼品卡 不记名 全国通用", "游戏卡 即插即用",
                                   "视频采集卡 即插即用 免驱", "读卡器 即插即用 USB3.0", "银行卡 已实名"])
def test_card_state_next_to_other_cards(clf: Classifier, title: str) -> None:
    v = verdict(clf, title, "taobao")
    assert not v.sim_listing and not v.takedown, v.reasons


# Bulk wording (DOMAIN.md: 批量, 大量, 一手卡源, 收卡 …) and its everyday look-alikes.
@pytest.mark.parametrize("title", ["一手卡源 量大从优", "收各种电话卡", "量大 手机卡"])
def test_bulk_wording(clf: Classifier, title: str) -> None:
    v = verdict(clf, title, "taobao")
    assert v.sim_listing and "bulk_trading" in v.violations, v.reasons


@pytest.mark.parametrize("title", ["流量大 手机卡 月租19元", "充电宝 量大从优", "批发 手机壳 量大从优"])
def test_bulk_lookalikes(clf: Classifier, title: str) -> None:
    v = verdict(clf, title, "taobao")
    assert "bulk_trading" not in v.violations, v.reasons


# English bulk (POLICY §7 "bulk SIMs"); "Buy SIM cards online" is a shop inviting buyers, not card
# buying from the public.
@pytest.mark.parametrize("title", ["SIM cards available in large quantities", "SIM card lot 50",
                                   "Mass SIM card supply for resellers", "Prepaid SIM cards, lot of 20"])
def test_english_bulk(clf: Classifier, title: str) -> None:
    v = verdict(clf, title, "ebay")
    assert v.sim_listing and "bulk_trading" in v.violations, v.reasons


@pytest.mark.parametrize("title", ["Buy SIM cards online", "buy sim card for travel to Japan",
                                   "Hologram IoT SIM card global cellular for devices pack of 10"])
def test_english_shop_inviting_buyers_is_not_bulk(clf: Classifier, title: str) -> None:
    v = verdict(clf, title, "ebay")
    assert "bulk_trading" not in v.violations, v.reasons


# App accounts offered for sale (corpus dev rows, real/README.md labelling rules): a registration
# service when the listing names fresh phone-registered accounts (白号), a number, registration or
# real-name verification; an account shop otherwise, or one selling followers / AI memberships.
@pytest.mark.parametrize("row_id", ["r0834", "r0837", "r0841", "r0844", "r0630", "r0632", "r0634"])
def test_account_sales_with_registration_words(clf: Classifier, row_id: str) -> None:
    row = DEV[row_id]
    v = clf.classify(row)
    assert row["takedown"] and v.takedown and "verification_service" in v.violations, v.reasons


@pytest.mark.parametrize("row_id", ["r0843", "r0826"])  # QQ账号购买平台 (no such word); Grok Super 成品号
def test_account_shops_are_not_sim_listings(clf: Classifier, row_id: str) -> None:
    row = DEV[row_id]
    v = clf.classify(row)
    assert not row["sim_listing"] and not v.sim_listing, v.reasons


# Carriers' offers for one's own number (dev rows from a deal site's promotion list): voice/data
# packs and existing-user benefits are not cards sold. 办理 next to a card that is not an eSIM is
# the carrier's everyday word, not a service sold (r0720 星卡用户充值 bonus, r0724 权益包).
@pytest.mark.parametrize("row_id", ["r0723", "r0731", "r0732", "r0733", "r0720", "r0724"])
def test_packs_and_existing_user_offers(clf: Classifier, row_id: str) -> None:
    row = DEV[row_id]
    v = clf.classify(row)
    assert not row["sim_listing"] and not v.sim_listing, v.reasons


def test_english_account_sales(clf: Classifier) -> None:
    # r0664 (UltimaHoarder/UltimaScraper#2142 spam): Google Voice accounts sold ready to use
    v = clf.classify(DEV["r0664"])
    assert v.sim_listing and "pre_registered" in v.violations, v.reasons


# USB / wireless 上网卡 dongles next to device words are devices that take a card (POLICY §1).
@pytest.mark.parametrize("title", ["USB 4G 上网卡 托 无线网卡 插卡 随身wifi设备", "4G 无线上网卡 设备 笔记本 插卡"])
def test_dongle_is_a_device(clf: Classifier, title: str) -> None:
    v = verdict(clf, title, "taobao")
    assert not v.sim_listing and not v.takedown, v.reasons


# Plan-style titles (brand/carrier + fee + data) written the ways distributors write the fee
# (月费19元, 29元192G, 19包192G), and their look-alikes: packs, storage, a carrier's cloud drive.
@pytest.mark.parametrize(("title", "sim"), [
    ("联通 月费19元 135G通用", True), ("广电 19包192G 发全国", True), ("中国广电 29元192G 5G网络", True),
    ("移动大流量 29元150G", True), ("移动 流量包 10元20G 7天", False), ("联通 加油包 20元 30G", False),
    ("U盘 29元128G", False), ("移动硬盘 199元 500G", False), ("中国移动 和彩云 15元 200G", False),
    ("闪存卡 39元 256G", False)])
def test_plan_fee_forms(clf: Classifier, title: str, sim: bool) -> None:
    v = verdict(clf, title, "taobao")
    assert v.sim_listing is sim, v.reasons


# Number rental and SMS receiving (POLICY §4 verification_service: number rental or codes), and
# everyday "rental"/"receives SMS" wording that is not.
@pytest.mark.parametrize(("platform", "title", "sim"), [
    ("ebay", "Rent a phone number for 30 days", True), ("ebay", "Number rental service for WhatsApp", True),
    ("ebay", "Long-term rental numbers for account verification", True),
    ("xianyu", "短信接收平台 各国号码", True), ("xianyu", "手机号租用 接收短信", True), ("xianyu", "代接短信 各平台", True),
    ("ebay", "Car rental number plate frame", False), ("ebay", "Smart watch receives calls and SMS", False),
    ("taobao", "儿童电话手表 可接收短信 插卡", False), ("taobao", "老人机 大字体 接收短信 语音播报", False)])
def test_number_rental(clf: Classifier, platform: str, title: str, sim: bool) -> None:
    v = verdict(clf, title, platform)
    assert v.sim_listing is sim and ("verification_service" in v.violations) is sim, v.reasons


# Real taobao search titles (../shared/fixtures/taobao/s_taobao_search_g_page_config_2014.json):
# 移动 in 移动挪车 (a movable car notice) and 带卡 in 安全带卡夹 are parts of other words.
@pytest.mark.parametrize("title", ["包邮加厚临时停车牌移动挪车告示牌留言卡停靠牌电话号码汽车用品",
                                   "汽车通用型 安全带卡夹 车用安全带卡片插头 延长器大众内饰用品"])
def test_fixture_titles_with_words_inside_other_words(clf: Classifier, title: str) -> None:
    v = verdict(clf, title, "taobao")
    assert not v.sim_listing and not v.takedown, v.reasons


def test_every_fixture_title_of_a_lawful_search_page_stays_lawful(clf: Classifier) -> None:
    # the shared fixtures' real search titles (bench/bench_classify.real_titles): none sells a card
    from bench.bench_classify import real_titles
    flagged = [t for t in real_titles() if verdict(clf, t, "taobao").takedown]
    assert flagged == [], flagged[:5]


# Account shops in Russian and in hyphen-split English (dev rows r0702, r0704: spam posted as GitHub
# issues): the Russian lexicon (магазин аккаунтов Telegram) and the dehyphenated view (Accoun-t) read
# them; with no Chinese in the text they are foreign offers (no domestic authorisation, POLICY §3).
@pytest.mark.parametrize("row_id", ["r0702", "r0704"])
def test_foreign_language_account_shops(clf: Classifier, row_id: str) -> None:
    row = DEV[row_id]
    v = clf.classify(row)
    assert row["takedown"] and v.takedown and v.foreign and v.violations == ["pre_registered"], v.reasons


# r0299 "Luky2 SIM": an unknown brand's card in a title with no Chinese is a foreign card, not a
# domestic one of an unknown carrier (no unauthorised_seller); pinyin titles stay Chinese listings.
def test_all_latin_title_on_a_chinese_platform_is_foreign(clf: Classifier) -> None:
    v = clf.classify(DEV["r0299"])
    assert v.sim_listing and v.foreign and not v.takedown, v.reasons
    v = verdict(clf, "dianhuaka mianshiming 5G", "taobao")
    assert v.takedown and not v.foreign and "no_real_name" in v.violations, v.reasons


# r0776: a pocket-WiFi shop's FAQ says the devices are registered with 联通 (进行实名): only a
# card is registered, so the device comes with one (POLICY §1, built-in card).
def test_pocket_wifi_registered_with_a_carrier(clf: Classifier) -> None:
    v = clf.classify(DEV["r0776"])
    assert v.sim_listing and v.takedown and "sim:device_plan" in v.rules_fired, v.reasons


def test_pocket_wifi_without_carrier_or_plan_is_a_device(clf: Classifier) -> None:
    v = verdict(clf, "随身wifi 便携 无线路由器 修改密码教程", "taobao")
    assert not v.sim_listing, v.reasons


# Brand-only card names (dev rows of a 号卡 agent's catalogue and mi.com tiles): a card named after
# an app (哔哩哔哩卡), a card name with zero-rated app data (芝士卡 …APP免流), data + per-minute fee
# + 免流 with no issuer named (30GB免流).
# Fifth-round dev rows: a plan whose targeted data names video apps (r1043: 定向：芒果TV — the apps are
# no memberships) and a card name with zero-rated video and an add-on priced in its plan (r1045).
@pytest.mark.parametrize("row_id", ["r0915", "r0919", "r0869", "r0910", "r0912", "r1043", "r1045"])
def test_brand_only_card_names(clf: Classifier, row_id: str) -> None:
    row = DEV[row_id]
    v = clf.classify(row)
    assert row["takedown"] and v.takedown and "unauthorised_seller" in v.violations, v.reasons


@pytest.mark.parametrize("title", ["哔哩哔哩大会员年卡", "爱奇艺黄金VIP会员月卡", "腾讯视频会员卡 兑换码"])
def test_app_memberships_stay_memberships(clf: Classifier, title: str) -> None:
    v = verdict(clf, title, "taobao")
    assert not v.sim_listing, v.reasons


# r0951: an Airalo-style travel eSIM plan ("10 GB - 30 Days", "doesn't come with a phone number"):
# a SIM listing (POLICY §3 travel eSIM), no takedown; "phone number" is no phone (device head).
def test_travel_esim_plan_with_phone_number_wording(clf: Classifier) -> None:
    v = clf.classify(DEV["r0951"])
    assert v.sim_listing and not v.takedown, v.reasons
    v = verdict(clf, "Unlocked smartphone 128GB", "ebay")
    assert not v.sim_listing, v.reasons


# Taiwan / Hong Kong wording in traditional characters: 門號 is a phone number, 預付卡 after a
# telecom word a prepaid SIM (not a gift card), and buying numbers from the public is 收購門號 /
# 辦門號換現金 (bulk_trading: buying cards from the public, POLICY §4).
@pytest.mark.parametrize("title", [
    # https://udn.com/news/story/124490/9067183 (NCC quotes the ad "辦門號就可以快速換現金" and says
    # fraud rings "透過蝦皮等網路平台收購自然人門號")
    "辦門號就可以快速換現金",
    "收購自然人門號",
])
def test_traditional_character_number_buying_ads(clf: Classifier, title: str) -> None:
    v = verdict(clf, title, "xianyu")
    assert v.sim_listing and v.takedown and "bulk_trading" in v.violations, v.reasons


@pytest.mark.parametrize(("platform", "title", "description"), [
    # https://www.emome.net/60/200 (中華電信 tourist prepaid SIM announcement)
    ("taobao", "中華電信「5G觀光預付卡(短天期)」服務",
     "5G觀光預付計日服務門號卡提供3日、5日及7日等類型,皆含行動上網無限瀏覽、定量熱點分享及贈送免費通信費"),
    # https://www.taiwanmobile.com/csonline/service/normal/normal_20200703_124109.html (台灣大哥大 tariff notice)
    ("shopee", "5G預付卡999型門號卡 5G旅客短效期門號卡3日通 5G旅客短效期門號卡5日通", ""),
])
def test_taiwanese_prepaid_sims_are_sim_listings(clf: Classifier, platform: str, title: str, description: str) -> None:
    v = verdict(clf, title, platform, description)
    assert v.sim_listing and not v.takedown, v.reasons


@pytest.mark.parametrize("title", [
    # dev row r0201 (a bakery's gift card FAQ) and everyday stored-value cards
    "派悦坊礼品卡为不记名卡", "星巴克 预付卡 100元", "加油 预付卡 500元 全国通用"])
def test_prepaid_cards_without_a_telecom_word_stay_gift_cards(clf: Classifier, title: str) -> None:
    v = verdict(clf, title, "taobao")
    assert not v.sim_listing, v.reasons


# https://github.com/youssefwadie/amazon-scraper (README sample output: an Amazon phone listing whose
# features say "Sim card not included"): a phone without a card is no SIM listing (POLICY §1).
def test_phone_with_sim_card_not_included(clf: Classifier) -> None:
    v = verdict(clf, "Moto G Stylus | 2021 | 2-Day Battery | Unlocked | Made for US by Motorola | 4/128GB | "
                "48MP Camera | White", "amazon",
                "Unlocked for the freedom to choose your carrier. Compatible with AT&T, Sprint, T-Mobile, and "
                "Verizon networks. Sim card not included. Customers may need to contact Sprint for activation on "
                "Sprints network.")
    assert not v.sim_listing, v.reasons


# A foreign carrier's data card named by its data terms (dev row r0954: "[Want Card] 3 天不降速吃到飽 -
# 中華電信", a Taiwanese unthrottled data card) is a SIM listing without a SIM noun, foreign (POLICY §3);
# the same carrier's voucher (dev row r0262, Telkomsel) or broadband stays what it is.
def test_foreign_carrier_data_card(clf: Classifier) -> None:
    v = clf.classify(DEV["r0954"])
    assert v.sim_listing and v.foreign and not v.takedown, v.reasons
    for row in (DEV["r0262"], {"platform": "taobao", "title": "中華電信 光世代 宽带 300M"}):
        assert not clf.classify(row).sim_listing, row["title"]


# Fifth-round dev rows: a Russian SMS-receiving service on virtual numbers (r0983), WhatsApp accounts
# sold (r0994: the account is a registered number), and a lottery's 流量卡 prize that is a data
# voucher for existing subscribers ("4G用户1G流量", r0984).
@pytest.mark.parametrize("row_id", ["r0983", "r0994"])
def test_number_services_in_other_wordings(clf: Classifier, row_id: str) -> None:
    row = DEV[row_id]
    v = clf.classify(row)
    assert row["takedown"] and v.takedown and "verification_service" in v.violations, v.reasons


def test_data_voucher_for_existing_subscribers(clf: Classifier) -> None:
    row = DEV["r0984"]
    v = clf.classify(row)
    assert not row["sim_listing"] and not v.sim_listing, v.reasons
    # an app account without a number-identified app or a registration word stays an account shop
    assert not clf.classify(DEV["r0843"]).sim_listing


# Phone titles naming the networks right before 双卡双待 (the search index did not name these files'
# repositories: index file 29135186972, a demo shop's product SQL; 17459550544, a mall page's JSON;
# 37051846366, a JD-style SKU): 联通电信双卡 is no card name (brand_card, card_name), so no takedown.
@pytest.mark.parametrize("title", [
    "华为honor/荣耀 V9全网通智能手机 移动联通电信双卡双待2K高清屏",
    "【订金】预订送无线充电宝：三星 （SAMSUNG）Note9 新款手机 全网通 移动联通电信双卡双待【一个ID限购一台，下单请备注好型号和颜色】",
    "Apple iPhone 11 (A2223) 64GB 红色 移动联通电信双卡双待",
])
def test_phone_titles_with_networks_before_dual_sim(clf: Classifier, title: str) -> None:
    v = verdict(clf, title, "jd")
    assert not v.sim_listing and not v.takedown, v.reasons


# English device wording (search-index texts whose repositories the index did not name): a device
# that "supports SIM card" takes one (file 58514296241, a PTT handset's description); the same words
# next to account verification are a phone farm's service (file 66989054497).
def test_devices_that_support_a_sim_card(clf: Classifier) -> None:
    v = verdict(clf, "It has a dedicated hardware PTT button, an integrated speaker and microphone, a 3800 mAh "
                "battery, and supports SIM card (2G/3G), Wi-Fi, Bluetooth, and GPS.", "amazon")
    assert not v.sim_listing, v.reasons
    v = verdict(clf, "Real SIM & Phone Number", "ebay", "Phone box hardware supports SIM cards for WhatsApp verification.")
    assert v.sim_listing and "verification_service" in v.violations, v.reasons


# A card name joined to its data allowance (dev row r0381's title alone, "春风卡280G", as the 号卡
# shop caches list it) is a plan card; a memory size there is a storage card's capacity.
def test_card_name_joined_to_an_allowance(clf: Classifier) -> None:
    v = verdict(clf, DEV["r0381"]["title"], "taobao")
    assert v.sim_listing and v.takedown, v.reasons
    for title in ("金士顿 高速卡128G", "行车记录仪专用卡64G", "云空间年卡500G"):
        assert not verdict(clf, title, "taobao").sim_listing, title


# Dev row r1121 (market-research spam): "SIM Card Market Share … Report" names an industry, not a card.
def test_sim_card_market_report_is_no_sim_listing(clf: Classifier) -> None:
    v = clf.classify(DEV["r1121"])
    assert not v.sim_listing, v.reasons


# Card farming and no-ID sales quoted by reporters: http://szb.ylrb.com/html/2023/20230908/20230908_005/20230908_005_01_906.html
# ("听说替人开卡能赚钱": opening cards for others, paid) and
# http://m.fznews.com.cn/fuzhou/20150624/558a2aff568b5_2.shtml ("网售手机卡 免身份验证").
@pytest.mark.parametrize(("title", "code"), [("替人开卡能赚钱", "bulk_trading"), ("网售手机卡 免身份验证", "no_real_name")])
def test_card_farming_and_no_id_wording(clf: Classifier, title: str, code: str) -> None:
    v = verdict(clf, title)
    assert v.sim_listing and v.takedown and code in v.violations, v.reasons


@pytest.mark.parametrize("title", ["信用卡 办卡送积分 赚钱攻略", "银行 开卡礼 赚积分", "健身房 办卡 优惠"])
def test_card_opening_perks_are_not_card_farming(clf: Classifier, title: str) -> None:
    assert not verdict(clf, title, "taobao").sim_listing


# Fifth-round dev rows from a virtual-goods shop aggregator: a Telegram account offered with its
# country code and registration age is a registered number sold (r1172, pre_registered); an Apple ID
# of a region store ("香港ID …iCloud…老号", r1179) is an app-store account, not a number.
def test_number_app_accounts_and_app_store_ids(clf: Classifier) -> None:
    v = clf.classify(DEV["r1172"])
    assert v.takedown and "pre_registered" in v.violations, v.reasons
    assert not clf.classify(DEV["r1179"]).sim_listing
    assert not verdict(clf, "Telegram账号 注册教程 中文版").sim_listing


# Fifth-round dev rows r1204/r1205 (a virtual-number seller's own pages): "短信验证服务" sold, or
# verifying with virtual numbers, is a verification service; an SMS-sending API for developers is not.
@pytest.mark.parametrize("row_id", ["r1204", "r1205"])
def test_sms_verification_services(clf: Classifier, row_id: str) -> None:
    v = clf.classify(DEV[row_id])
    assert v.takedown and "verification_service" in v.violations, v.reasons


def test_sms_sending_api_is_not_a_verification_service(clf: Classifier) -> None:
    assert not verdict(clf, "短信验证服务 API 接口 开发者", "taobao").sim_listing


# English ads the en helper's rules read (POLICY §4), each with the code it must carry.
ENGLISH_ADS = [
    # buying ads naming the state of the cards they buy and verbs other than "buy" (bulk_trading);
    # written from the phrasing family, no public text found in the time
    ("We are buying registered SIM cards, any network", "bulk_trading"),
    ("Looking to buy activated prepaid SIMs, pay per piece", "bulk_trading"),
    ("We purchase used sim cards", "bulk_trading"),
    # "non-VoIP" numbers are sold because registration forms block VoIP numbers (verification_service);
    # found with find_string "non-voip numbers": sms688.com README, "English quick start"
    ("US non-VoIP numbers for SMS verification: real US carrier (T-Mobile) physical-SIM numbers",
     "verification_service"),
    # GetSMSNow Telegram tip (a bot's message list on GitHub)
    ("Real non-VoIP numbers, crypto payment, no KYC.", "verification_service"),
    # a number-rental site's landing page ("Dedicated Number Rental")
    ("Rent physical, non-VOIP numbers for long-term project use.", "verification_service"),
    # a number site's feature card ("Global Coverage")
    ("Access real non-VoIP numbers from the US, UK, Netherlands, and 40+ other countries.", "verification_service"),
]


@pytest.mark.parametrize(("title", "code"), ENGLISH_ADS)
def test_english_buying_and_non_voip_ads(clf: Classifier, title: str, code: str) -> None:
    v = verdict(clf, title, platform="ebay")
    assert code in v.violations and v.takedown  # type: ignore[attr-defined]


@pytest.mark.parametrize("title", [
    # theluckystrike privacy-tools-guide (zovo.one), "Financial security" checklist: a buyer's advice
    "Pay cash for SIM cards, not credit card",
    "Twilio virtual phone numbers for SMS API", "VoIP desk phone with 2 SIM slots",
    "Authenticator app receives codes from any site",
])
def test_english_look_alikes_stay_clean(clf: Classifier, title: str) -> None:
    assert not verdict(clf, title, platform="ebay").takedown  # type: ignore[attr-defined]
