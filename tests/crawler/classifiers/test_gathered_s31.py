"""Error classes of session 31's gathered texts (gathered/en_devices_and_services.jsonl, each with
its source), one test per rule the session wrote, on the real wording that showed the class."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier

# clf (conftest.py): the rules path with every carrier list loaded
from tests.crawler.classifiers.test_real_corpus import verdict_of as _verdict


@pytest.mark.parametrize(("title", "description"), [
    # index file 55542253885
    ("Kids Smart Watch 4G", "Video call, SOS, GPS tracking, step counter, 4G SIM"),
    # index file 53195507058
    ("Huawei 4G Router 3 Pro", "Perfect for areas without fiber. Just insert a SIM card for high-speed 4G broadband."),
    # index file 54545557058: the card word before the device word says what the camera takes
    ("Maizic 4G Sim Card Camera", "Insert any active 4G SIM card into the camera to view live video feed."),
    # index file 70872944714
    ("4G LTE Wireless Router with SIM Card Slot Unlocked 300Mbps Wireless Mobile WiFi Hotspot", ""),
    # index file 59137477802: a laptop's eSIM support
    ("5G & Wi-Fi 6E", "Intel Wi-Fi 6E AX211, Bluetooth 5.3, 4G/5G with eSIM support."),
])
def test_an_english_device_that_takes_a_card_is_no_sim_listing(clf: Classifier, title: str, description: str) -> None:
    assert not _verdict(clf, title, description).sim_listing


@pytest.mark.parametrize(("title", "description"), [
    ("Prepaid SIM card for mobile hotspot 30GB", ""),  # the device after "for" is where the card works
    ("4G Router with free SIM card", ""),  # a card given with the device (POLICY §1)
    # index file 1071857918: a phone sold with its carrier's card
    ("TracFone BLU View 2 (2022) 4G LTE, 32GB, Sim Card Included, Black - Prepaid Smartphone", ""),
    # index file 45250650400: "500 MB Hotspot" is a plan's allowance, not a device
    ("Go-Lite prepaid", "$20.00/mo. 3 GB High-speed Data. Unlimited talk & text. 500 MB Hotspot. "
                        "Physical SIM card included. 12-Month Contract."),
])
def test_a_card_sold_for_or_with_a_device_stays_a_sim_listing(clf: Classifier, title: str, description: str) -> None:
    assert _verdict(clf, title, description, "ebay").sim_listing


@pytest.mark.parametrize(("title", "description"), [
    ("SIM Unlock Service", "Unlock SIM-locked devices to use with any carrier worldwide."),  # index file 43181714635
    ("eSIM Converter Kit", ""),  # index file 71144101250
    ("Programmable SIM cards", "SIM card programmer"),  # index file 33281009092: lab test cards
    # github.com/mumerhaider/EbaySmartphonesScraper ebay_smartphones.csv
    ("Nokia G50 64GB 4GB Android Unlocked SIM 4G Ocean Blue Mobile Smartphone B", ""),
])
def test_services_and_kits_named_after_sims_are_no_sim_listing(clf: Classifier, title: str, description: str) -> None:
    assert not _verdict(clf, title, description, "ebay").sim_listing


def test_no_registration_or_id_required_is_no_real_name(clf: Classifier) -> None:
    # index file 9528390232: a privacy shop's SIM
    verdict = _verdict(clf, "Prepaid Data SIM - $150", "Anonymous prepaid data SIM with no registration "
                       "requirements and 15GB of high-speed data. No registration or ID required.", "ebay")
    assert "no_real_name" in verdict.violations and verdict.takedown


@pytest.mark.parametrize(("title", "description"), [
    ("📲 REAL USA NUMBER FOR SMS", "ONE SMS - 5$"),  # index file 21293602063: an emoji is no phone sold
    # index file 54788472039: an SMS-verification site's how-it-works step
    ("Choose a Service", "Select the service you want to verify (WhatsApp, Telegram, Google, etc.) and get a "
                         "real USA number instantly."),
])
def test_numbers_for_sms_and_services_to_verify_are_a_code_service(clf: Classifier, title: str,
                                                                   description: str) -> None:
    assert "verification_service" in _verdict(clf, title, description, "ebay").violations
    assert "verification_service" not in _verdict(clf, "Twilio virtual phone numbers for SMS API", "", "ebay").violations


@pytest.mark.parametrize(("title", "sim"), [
    ("儿童手表卡 移动物联卡 电话手表通用", True),  # 手表卡: a carrier's card type (index file 34162803208)
    ("小天才电话手表 插卡版", False),
    ("4G摄像头 插卡监控", False),
    ("手表卡死 重启方法", False),  # 卡死: frozen (index file 61596780235: 手表卡死时 USB CDC 会整个消失)
    ("手机卡死 解决", False),
    ("手表卡扣 不锈钢", False),
])
def test_a_device_word_before_a_card_word_names_what_the_card_is_for(clf: Classifier, title: str, sim: bool) -> None:
    assert _verdict(clf, title, platform="taobao").sim_listing is sim


@pytest.mark.parametrize(("title", "description"), [
    # index file 7993818074: a "burner phone" is fraud narrative, a burner phone *number* is sold
    ("Get a burner phone number for free SMS verification!", "numbers are non-VoIP and work with any service."),
    # index file 71469931498
    ("Are these real cellular numbers? Will they work on WhatsApp and Telegram?",
     "Yes. We supply genuine Non-VoIP carrier lines that bypass strict VoIP filters."),
    # index file 53128143075: SIM banks behind a code service ("Physical modems") are no device sold
    ("Why VirtualSMS?", "Real SIM cards, not VoIP — Accepted where VoIP numbers get blocked (WhatsApp, Google, "
                        "banking). Own infrastructure — Not a reseller. Physical modems, 2500+ services."),
])
def test_numbers_sold_as_real_and_not_voip_are_a_code_service(clf: Classifier, title: str, description: str) -> None:
    verdict = _verdict(clf, title, description, "ebay")
    assert "verification_service" in verdict.violations and verdict.takedown
    # the fraud narrative stays void
    assert not _verdict(clf, "Scammers use burner phones and SIM swapping", "", "ebay").takedown


@pytest.mark.parametrize("title", [
    "如何识别短信验证码平台的好坏",  # gathered/zh_black_card_lookalikes.jsonl
    "能不能添加接码平台过验证码",
])
def test_how_to_and_can_it_questions_about_code_platforms_wait_for_a_reviewer(clf: Classifier, title: str) -> None:
    verdict = _verdict(clf, title, platform="xianyu")
    assert not verdict.takedown and verdict.needs_review


# Helper E's gathered Chinese texts (gathered/zh_devices_articles_e.jsonl)
@pytest.mark.parametrize(("title", "description"), [
    ("电信兴安旭卡", "电信卡 需要实名 不能换卡槽"),  # index file 39600317006: 卡槽 is a usage rule, no accessory
    # index file 18888850518: the phone in 手机上网流量 is where the card goes
    ("9元随心卡套餐", "月基本费9元，300M国内流量，全国接听免费，赠送来电显示、189邮箱 手机上网流量仅限制中国大陆境内使用"),
])
def test_plan_cards_with_usage_rules_stay_sim_listings(clf: Classifier, title: str, description: str) -> None:
    assert _verdict(clf, title, description, "taobao").takedown


@pytest.mark.parametrize(("title", "description"), [
    ("XMRig-C3pool猫池去捐赠抽水版本-可自己编译版", ""),  # index file 14138665673: a mining pool's nickname
    ("无需实名", "不需要中国手机号验证，注册即用"),  # index file 60425941072: an API relay's sign-up
    ("赢牌送电话卡", ""),  # index file 48739609672: a card game's prize
])
def test_other_senses_of_card_words_are_no_sim_listings(clf: Classifier, title: str, description: str) -> None:
    assert not _verdict(clf, title, description, "xianyu").sim_listing


@pytest.mark.parametrize(("title", "description"), [
    # index file 71129360794: a procuratorate's case summary under a legal heading
    ("侵犯公民个人信息", "行为人收集并出售手机号及对应验证码，用于批量注册网络平台账号并获利，检察机关同时提起附带民事公益诉讼。"),
    # index file 24643134372: an explainer under a question
    ("流量卡与电话卡有什么区别", "流量卡和电话卡的主要区别在于它们的功能和用途。电话卡，也称为手机卡，是一种用于移动通信的卡片，"
                         "它主要用于提供语音通话和短信服务。"),
    # index file 57403192959: a fuel voucher's rule asks for the buyer's own registered number
    ("易捷电子加油券使用说明", "· 充值手机号须为本人实名号，且与易捷注册号一致；未实名用户到账后需先完成实名。"),
])
def test_case_summaries_explainers_and_rules_are_not_taken_down(clf: Classifier, title: str, description: str) -> None:
    assert not _verdict(clf, title, description, "xianyu").takedown


# Helper F's gathered texts (gathered/black_card_and_prose_f.jsonl)
def test_a_card_state_names_a_phone_card_only_beside_a_bare_card(clf: Classifier) -> None:
    # index file 691446253: a learning card's activation message
    assert not _verdict(clf, "您的学习卡已激活成功!", platform="xianyu").takedown
    assert _verdict(clf, "卡已激活 实名好的 直接用", platform="xianyu").takedown


@pytest.mark.parametrize(("title", "description"), [
    ("马上贷", "年龄18-60岁 有稳定收入 实名手机号 门槛极低 放款快 循环额度"),  # index file 21249329924: 收入 is income
    ("接码平台二次使用不在线，用飞鱼接的码", ""),  # index file 55657161651: a user's complaint
    ("是否命中收码平台号码：", ""),  # index file 19814159081: a risk-control form's label
])
def test_users_and_forms_naming_code_platforms_are_not_taken_down(clf: Classifier, title: str,
                                                                  description: str) -> None:
    assert not _verdict(clf, title, description, "xianyu").takedown


def test_an_email_code_link_of_an_account_is_no_code_service(clf: Classifier) -> None:
    # index file 56037539578: an AI account sold with its mailbox
    assert not _verdict(clf, "Claude普通账号（雅虎邮箱，imap登录，网易邮箱大师接码）", platform="xianyu").sim_listing


def test_registration_laws_are_prose(clf: Classifier) -> None:
    # https://vrnum.com/hi/blog/sim-registration-laws-by-country
    verdict = _verdict(clf, "SIM Registration Laws by Country", "The US does not require SIM card registration for "
                       "prepaid mobile numbers. No ID is required to purchase or activate a prepaid SIM.", "ebay")
    assert not verdict.takedown


# Helper G's gathered marketplace texts (gathered/en_sea_marketplaces_g.jsonl)
@pytest.mark.parametrize(("title", "description", "platform"), [
    ("Perpanjang SIM", "Perpanjang Surat Izin Mengemudi", "shopee"),  # index file 38040487444: a driving licence
    ("SIM, QUERO COMPRAR", "NÃO, OBRIGADO", "ebay"),  # index file 10082769795: Portuguese "yes"
    ("Nomor OTP", "Masukkan OTP yang dikirim Ke Whatshap Anda", "shopee"),  # index file 3720356349: a form field
])
def test_other_meanings_of_sim_and_otp_are_no_sim_listings(clf: Classifier, title: str, description: str,
                                                          platform: str) -> None:
    assert not _verdict(clf, title, description, platform).sim_listing


@pytest.mark.parametrize(("title", "description", "platform", "code"), [
    # index file 60239318290: an OTP-number Telegram bot
    ("PILIH LAYANAN OTP", "Nomor OTP Indonesia dan Internasional dengan kualitas premium dan stok melimpah.", "shopee",
     "verification_service"),
    ("Dịch vụ cho thuê sim OTP", "", "shopee", "verification_service"),  # index file 7822826350
])
def test_code_services_in_indonesian_and_vietnamese(clf: Classifier, title: str, description: str, platform: str,
                                                    code: str) -> None:
    verdict = _verdict(clf, title, description, platform)
    assert code in verdict.violations and verdict.takedown


@pytest.mark.parametrize("title", [
    "Chip Claro prepago",  # index file 69396661292: an Argentine phone shop
    "Buy VIP Mobile Number - Fancy Mobile Numbers",  # index file 69709225969
])
def test_chips_and_vip_numbers_are_sim_listings(clf: Classifier, title: str) -> None:
    assert _verdict(clf, title, platform="ebay").sim_listing


def test_a_regulator_warning_headline_is_not_taken_down(clf: Classifier) -> None:
    # https://news.abs-cbn.com/business/01/12/23/ntc-warns-vs-buying-pre-registered-sim-cards
    assert not _verdict(clf, "NTC warns vs buying pre-registered SIM cards", platform="ebay").takedown


# Helper H's gathered texts (gathered/zh_plans_and_c2c_h.jsonl)
@pytest.mark.parametrize(("title", "description"), [
    ("夜市街", "夜市自带流量，竞品密集需差异化"),  # index file 58196223700: a stall location's audience
    ("名家临摹", "临摹名家作品，自带流量"),  # index file 66149410615
])
def test_a_topic_that_brings_its_own_audience_sells_no_data(clf: Classifier, title: str, description: str) -> None:
    assert not _verdict(clf, title, description, "xianyu").takedown
    assert _verdict(clf, "随身wifi 自带流量 免插卡", platform="taobao").sim_listing  # a device's data stays


@pytest.mark.parametrize("title", [
    "Бот для аренды номеров",  # github.com/lazybulbik/Rent-number-bot README.md
    "Buy virtual phone number for rent",  # onlinesim.io API docs (api_rent_getRentNum)
])
def test_numbers_for_rent_are_a_code_service(clf: Classifier, title: str) -> None:
    assert "verification_service" in _verdict(clf, title, platform="ebay").violations
    assert not _verdict(clf, "Apartment for rent near the station, phone number below", platform="ebay").sim_listing
