"""Real texts gathered in session 48 (gathered/*_pa …), earlier texts the session's rules read now,
and older misses of session 47's review. Each text with its source; every test but the guards
failed before its rule."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import assert_taken_down_for, verdict_of


@pytest.mark.parametrize(("platform", "title", "description"), [
    # johnwesleyquintero/listing-documentation brands/seculife/amazon-listings/B0D2RZVND3.md (gathered):
    # "Includes pre-installed 4G LTE SIM card" — the verb 26 characters before the card word
    ("amazon", "SecuLife GPS Tracker for Vehicles, Kids, Adults, Pets & Bikes",
     "All-in-One Premium Safety App: Includes pre-installed 4G LTE SIM card for use with the SecuLife mobile or "
     "web app. Monitor cars, trucks, pets, kids, bikes, and more in one dashboard."),
    # session 47's review: a hotspot that comes with its card, the card word 30 characters after the verb
    ("ebay", "Netgear Nighthawk M6 Mobile Hotspot Router 5G",
     "Comes with a prepaid T-Mobile SIM card, just insert and activate online."),
    # session 47's review: the card named pre-installed before it, not after ("SIM card pre-installed")
    ("amazon", "4G LTE Router with 1 Year Data Included", "Pre-installed SIM card, 1 year of service included."),
])
def test_a_device_that_comes_with_its_card_a_few_words_on_is_sold_with_it(
        clf: Classifier, platform: str, title: str, description: str) -> None:
    assert verdict_of(clf, title, description, platform=platform).sim_listing


def test_a_device_that_only_takes_a_card_a_few_words_on_stays_the_device(clf: Classifier) -> None:  # guard
    verdict = verdict_of(clf, "Netgear Nighthawk M6 Mobile Hotspot Router 5G",
                         "Works with a prepaid T-Mobile or AT&T SIM card (not included).", platform="ebay")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", [
    # session 47's review: the card's PIN and PUK codes, not an ejector pin
    "New Lyca Mobile SIM Card - PIN/PUK card included",
    "Vodafone Pay As You Go SIM card with PIN and PUK card",
])
def test_a_sim_cards_pin_and_puk_codes_are_no_ejector_pin(clf: Classifier, title: str) -> None:
    assert verdict_of(clf, title, platform="ebay").sim_listing


@pytest.mark.parametrize("title", ["SIM Card Pin Ejector Tool 10 pcs", "Sim Pin for iPhone, 5 pack"])
def test_a_sim_pin_tool_stays_an_accessory(clf: Classifier, title: str) -> None:  # guards
    assert not verdict_of(clf, title, platform="ebay").sim_listing


@pytest.mark.parametrize(("platform", "title"), [
    # pyc-dsml/Web-Scraping-Project---HKTVmall data/Mobile Phone Data.csv (gathered): a phone's two SIM slots
    ("shopee", "Nokia - 諾基亞  225 4G手機 雙SIM卡 香港行貨"),
    ("taobao", "华为畅享 4G手机 双SIM卡 全网通"),
])
def test_a_phones_dual_sim_slots_are_no_card_sold(clf: Classifier, platform: str, title: str) -> None:
    assert not verdict_of(clf, title, platform=platform).sim_listing


def test_a_carriers_starter_pack_is_a_sim_kit(clf: Classifier) -> None:
    # devinschumacher/bestalternativesreview.com posts/best/12/The-Best-Verizon-Prepaid-Sim-Card.md (gathered)
    verdict = verdict_of(clf, "Verizon Complete Starter Pack",
                         "The Verizon Complete Starter Pack delivers simple, standalone connectivity through its nano "
                         "SIM card and adapter system.", platform="amazon")
    assert verdict.sim_listing, verdict.reasons


def test_a_social_account_mentioned_by_name_is_no_card(clf: Classifier) -> None:
    # thunlp/Chinese_Rumor_Dataset CED_Dataset/rumor-repost/1263_zbcUjDs7B_2332527200.json (gathered): a Weibo
    # repost tagging a user whose nickname holds 电话卡
    verdict = verdict_of(clf, "@咕哔咕哔 @京城顽主王小贱 @潘峰_电话卡 等等！小心啦！", platform="xianyu")
    assert not verdict.sim_listing, verdict.reasons


def test_a_contact_handle_beside_card_words_still_offers_them(clf: Classifier) -> None:  # guard
    verdict = verdict_of(clf, "19牙买加双向短信〖✈️TG：@----〗〖双向短信〗〖定制接码〗", platform="xianyu")
    assert verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # https://www.cops-magazine.com/topic/100602/ (gathered): police raid a SIM box gang
    ("ตำรวจCIB เปิดปฏิบัติการ “ปิดเมืองนราฯ ล่า SIM BOX ตัดเครื่องมือ แก๊งคอลเซ็นเตอร์ ชายแดนใต้”", ""),
    # https://www.thaipbs.or.th/content/320168 (gathered)
    ('ตร.ไซเบอร์ จับ 2 ผู้ต้องหาเครือข่าย "แก๊งคอลเซนเตอร์" ต่างชาติ',
     "ตำรวจไซเบอร์ จับแก๊งคอลเซนเตอร์ในไทย ยึดซิมบ๊อกซ์ 38 เครื่อง ที่ใช้เชื่อมต่อการโทรผ่านอินเทอร์เน็ตในต่างประเทศ "
     "พบว่า 1 เครื่องใส่ซิมได้ 32 ซิม สามารถสุ่มโทรหาผู้อื่นได้วันละกว่า 6 แสนครั้ง"),
])
def test_thai_police_news_on_sim_boxes_is_no_offer(clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="shopee")
    assert not verdict.takedown and not verdict.sim_listing, verdict.reasons


def test_a_shops_star_membership_card_is_no_telecom_star_card(clf: Classifier) -> None:
    # xiaojie16/SpamMessageProcessing 数据/测试集/spamMessage.txt (gathered): a cosmetics shop's 明星卡
    verdict = verdict_of(clf, "办理铂金明星卡一张+x元换购xxx单品 x.满xxxxx元办理蓝钻女王卡一张+x元尊享价值xxx元施华洛世奇水晶挂链一条"
                         "+xxx锆石", platform="xianyu")
    assert not verdict.sim_listing, verdict.reasons


def test_a_telecom_star_card_stays_a_card(clf: Classifier) -> None:  # guard
    assert verdict_of(clf, "电信星卡 19元100G 全国通用", platform="taobao").sim_listing


@pytest.mark.parametrize("title", [
    # beike2020/ChineseDarkWebCrawler db.sqlite3 (table DrakWeb_material; gathered): a 2018 darknet market's kits
    "开新,2000出售各大银行卡盾四件套",
    "2500¥ 四件套/自有渠道/可指定银行/可指定运营商/可定制高仿身份证",
    # m1-llie/TUMCC TUMCC-clean.txt (gathered; the corpus stores its messages word-segmented)
    "现货 银行卡 四件套 一手 团队 开办 保证 质量 安全 实力 卡商 货源 充足 售后 保障 诚信 经营 长期 合作 骗子 勿扰 需要 联系",
    "对公 账户 个人 四件套 一手 货源 强硬 售后 半年 内 法人 随时 配合 现货 在手 可 视频 验货 支持 一切 安全 交易",
    # beike2020/ChineseDarkWebCrawler db.sqlite3 (gathered/zh_underground_more_pj): the kit written with a digit
    "出银行卡4件套全是身边朋友办的新鲜卡",
])
def test_a_bank_kit_of_four_holds_a_registered_phone_card(clf: Classifier, title: str) -> None:
    assert_taken_down_for(clf, "pre_registered", title, platform="xianyu")


@pytest.mark.parametrize("title", [
    "纯棉床上四件套 全棉被套床单", "个人护理四件套 旅行装", "全棉4件套 1.8m床 199元",
    # session 48's review: a bank's staff bedding, a personal toiletry kit, phone accessories with a card tray
    "中国银行四件套 员工福利 全棉床品", "旅行个人四件套 洗漱包 便携", "手机配件4件套 含手机卡托",
])
def test_a_four_piece_set_of_other_goods_is_no_kit(clf: Classifier, title: str) -> None:  # guards
    assert not verdict_of(clf, title, platform="taobao").sim_listing


@pytest.mark.parametrize("title", [
    # beike2020/ChineseDarkWebCrawler db.sqlite3 (gathered): leaked subscriber data and an ID-to-number lookup
    "河北电信全省1600余万手机号信息",
    "提供身份证查移动手机号服务，以及身份证相关登记信息",
])
def test_phone_number_data_or_a_lookup_by_id_sells_no_number(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, platform="xianyu")
    assert not verdict.takedown and not verdict.sim_listing, verdict.reasons


def test_a_count_of_real_name_phone_cards_is_pre_registered(clf: Classifier) -> None:
    # beike2020/ChineseDarkWebCrawler db.sqlite3, table DrakWeb_private (gathered)
    assert_taken_down_for(clf, "pre_registered", "ID:aadd911 私拍，2张实名手机卡，其他人不要拍", platform="xianyu")


def test_numbers_sold_with_their_data_stay_numbers_sold(clf: Classifier) -> None:  # guard
    assert verdict_of(clf, "出售实名手机号码 可接验证码 量大从优", platform="xianyu").takedown


@pytest.mark.parametrize(("platform", "title"), [
    # MarazMia/SMISH_DT Dataset/SPAM-Hunter_full_dataset_messages.csv (gathered): a subscriber's own card in scam SMS
    ("ebay", "Dear customer your Airtel sim Number have be b-locked for XX hrs please Ekyc Update submit Addhar Card "
             "Today please call customer care XXXXXXXXXX immediately"),
    ("ebay", "Dear Customer your Vi Sim Document have be Expiredtoday please call customer service no XXXXXXXXXX "
             "immediately your Sim Will be block withn XX hr thanku"),
    ("shopee", "From GMA Wowowin Your sim number have win Php580"),
])
def test_a_message_about_the_readers_own_sim_offers_none(clf: Classifier, platform: str, title: str) -> None:
    verdict = verdict_of(clf, title, platform=platform)
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", [
    # MarazMia/SMISH_DT Dataset/SPAM-Hunter_full_dataset_messages.csv (gathered): Indonesian SMS spam selling numbers
    "Dijual Kartu XL XXXXXX XXXXXX Rp 130.000 Bayar Stelah Brg Diterima Minat kirim Nama Alamat Lngkap Sms Wa ke "
    "XXXXXXXXXXXX",
    "djual krtu simpati XXXXXXXXXXXX Rp.170.000 mnat krim sms wa nma almat lengkap ke.085230044488 byar stlah dterima",
])
def test_a_carriers_card_offered_for_sale_in_indonesian_is_a_sim_listing(clf: Classifier, title: str) -> None:
    assert verdict_of(clf, title, platform="shopee").sim_listing


def test_a_size_xl_shirt_for_sale_is_no_card(clf: Classifier) -> None:  # guard
    assert not verdict_of(clf, "Jual XL Kaos Polos Cotton Combed 30s", platform="shopee").sim_listing


def test_a_card_sold_as_an_apps_registration_number_is_a_verification_service(clf: Classifier) -> None:
    # m1-llie/TUMCC TUMCC-clean.txt (gathered; stored word-segmented): Macau cards sold for WeChat registration
    assert_taken_down_for(clf, "verification_service", "澳门 流量 卡微信 注册号 不 封号 不红字 无限 流量 全球通 用 固定 澳门 "
                          "位置 保密 安全 防 定位 国内 免上 和 外网 各大 社交 软件 可接 打电话 发短信 要 可以 联系 一下 我 哦",
                          platform="xianyu")


def test_a_question_about_an_apps_registration_number_is_no_service(clf: Classifier) -> None:  # guard
    assert not verdict_of(clf, "请问微信注册号码忘了怎么办", platform="xianyu").takedown


@pytest.mark.parametrize("title", [
    # jazilarfin/textshield-roman-urdu-sms-classifier textshield-ml/Dataset.csv (gathered): an app's own OTP message
    "0645 is your OTP Code for MyTelenor App. Please call 345 if you have not requested this PIN. tn751ivp5/+",
    # the same dataset: the regulator's advice to count the SIMs registered to one's ID (the host cnic.sims.pk)
    "Check the number of SIMs registered against your CNIC via cnic.sims.pk or SMS CNIC number (without dashes) to 668.",
])
def test_an_otp_message_or_a_sim_count_check_takes_nothing_down(clf: Classifier, title: str) -> None:
    verdict = verdict_of(clf, title, platform="ebay")
    assert not verdict.takedown and not verdict.sim_listing, verdict.reasons


def test_a_service_receiving_otp_codes_stays_one(clf: Classifier) -> None:  # guard
    assert verdict_of(clf, "Receive OTP code online - US numbers for SMS verification", platform="ebay").takedown


@pytest.mark.parametrize(("platform", "title", "description"), [
    # session 48's two reviews: what the session's first versions took for SIM listings
    ("ebay", "PUK Code Unlock Service - Vodafone EE O2 Three", "SIM card PIN/PUK locked? Send us your number."),
    ("ebay", "AT&T U-verse TV Starter Kit - Receiver and Remote", ""),
    ("ebay", "Verizon Fios TV One Starter Kit", ""),
    ("shopee", "Dijual Kartu As Sekop Jumbo Sulap", ""),
    ("shopee", "Jual Kartu Tri Dimensi Ucapan Ulang Tahun", ""),
    ("taobao", "每人最多办几张实名卡？", "根据规定每人最多可办理5张实名手机卡，超出将无法开户。"),
    ("xianyu", "我名下有3张实名卡 想销户一张", "在外地怎么办 求助"),
    ("taobao", "全棉床品4件套 团购礼品 支持对公转账", ""),
    ("taobao", "支持对公转账 纯棉四件套 企业采购", ""),
    ("taobao", "厨房刀具4件套 不锈钢 可对公付款", ""),
    ("taobao", "刻章 公章四件套 对公开户用", ""),
    ("taobao", "苹果手机卡 4件套 还原卡套 取卡针 卡托", ""),
    ("taobao", "华为手机配件四件套 含电话卡取卡针", ""),
    ("amazon", "Unlocked 4G LTE Travel Router", "Includes a guide to activating SIM cards from any carrier abroad."),
    ("ebay", "AT&T Digital Life Starter Kit - Smart Home Security", ""),
    ("ebay", "AT&T Fiber Starter Kit - BGW320 Gateway", ""),
])
def test_review_look_alikes_of_the_sessions_rules(clf: Classifier, platform: str, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform=platform)
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons


def test_a_sim_whose_number_is_printed_on_its_packet_stays_a_sim(clf: Classifier) -> None:  # guard
    verdict = verdict_of(clf, "Globe Prepaid SIM - Free 5GB", "Your SIM number is printed on the card packet.",
                         platform="shopee")
    assert verdict.sim_listing, verdict.reasons


def test_a_call_to_everyone_before_an_offer_keeps_the_offer(clf: Classifier) -> None:
    # session 48's second review: @所有人 is no user's name
    verdict = verdict_of(clf, "@所有人大流量卡来了19元100G全国通用", "点击橱窗下单 包邮到家", platform="douyin")
    assert verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # Abdallahnangere/Saukii (prisma/seed.ts, a Nigerian shop app's seed catalogue): a carrier's name between
    ("Airtel SIM Card", "Registered Airtel SIM card ready to use"),
    ("Glo SIM Card", "Registered Glo SIM card with free 2GB data"),
])
def test_a_registered_carrier_sim_for_sale_is_pre_registered(clf: Classifier, title: str, description: str) -> None:
    assert_taken_down_for(clf, "pre_registered", title, description, platform="ebay")


def test_your_registered_mobile_number_is_the_readers_own(clf: Classifier) -> None:  # guard
    verdict = verdict_of(clf, "What is Phone Verification?", "Phone verification is the process of confirming your "
                         "registered mobile number via a one-time code.", platform="ebay")
    assert not verdict.takedown, verdict.reasons


@pytest.mark.parametrize("title", [
    # RoyalDevendra/OtpBot commands/_menu.js, commands/_otp.js (gathered/classifieds_pl): OTP-selling Telegram bots' own words
    "👋 Welcome to the Biggest Otp Seller Bot which has Amazing Collection of All Application Otp",
    "Kindly select One Server To Buy OTP",
])
def test_an_otp_sellers_own_words_offer_a_code_service(clf: Classifier, title: str) -> None:
    assert_taken_down_for(clf, "verification_service", title, platform="ebay")


@pytest.mark.parametrize("title", [
    # beike2020/ChineseDarkWebCrawler db.sqlite3 (gathered/zh_underground_more_pj): app accounts sold by their
    # verification state
    "半实名支付宝 额度1000 运气好就是不限额 送防封教程",
    "出售实名绑卡支付宝,V1 V2。支付宝",
    "实名微信(满月版)-低价-诚意购者来",
    "220¥ 支付宝个人账号/过v2实名认证/送全套资料",
    "450¥ 支付宝个人账号/已绑卡&人脸认证/已上传证件/唯一主号无关联",
])
def test_an_app_account_sold_by_its_verification_state_is_a_registration_service(clf: Classifier, title: str) -> None:
    assert verdict_of(clf, title, platform="xianyu").takedown


@pytest.mark.parametrize("title", ["支付宝个人账号实名认证教程", "实名认证的支付宝 额度怎么提升", "已实名微信出示健康码"])
def test_a_guide_or_question_on_account_verification_sells_none(clf: Classifier, title: str) -> None:  # guards
    assert not verdict_of(clf, title, platform="xianyu").takedown
