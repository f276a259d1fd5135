"""Error classes of session 32's gathered texts (gathered/en_marketplace_i.jsonl, zh_shop_titles_j.jsonl,
zh_c2c_prose_k.jsonl, each row with its source), one test per rule the session wrote, on the real
wording that showed the class."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier

# clf (conftest.py): the rules path with every carrier list loaded
from tests.crawler.classifiers.test_real_corpus import verdict_of as _verdict


@pytest.mark.parametrize("title", [
    "LED接收卡",  # index file 68950886608: an LED display's receiving card
    "收卡机 Receive Card Machine",  # index file 10482869891: a parking gate's card collector
    "尊敬的用户，您已购买成功，请点击查收卡券！",  # index file 30269209899: 查收 a coupon
    "解锁后回首页时,营收卡/今日待办的财务项要立即有数据",  # zh_shop_titles_j.jsonl: a revenue card (UI)
])
def test_shou_ka_inside_another_word_is_no_card_buying(clf: Classifier, title: str) -> None:
    verdict = _verdict(clf, title, platform="taobao")
    assert "bulk_trading" not in verdict.violations and not verdict.takedown


def test_buying_cards_stays_bulk_trading(clf: Classifier) -> None:
    verdict = _verdict(clf, "高价收卡 回收电话卡 移动联通电信", platform="xianyu")
    assert "bulk_trading" in verdict.violations


@pytest.mark.parametrize(("title", "sim"), [
    ("Raspberry Pi 4 Starter Kit", False),  # index file 52121248447: a C2C electronics kit
    ("Get your Black Soldier Fly Unit Starter Pack", False),  # en_marketplace_i.jsonl: a farming kit
    ("Prepaid Starter Packs", True),  # index file 66664008880: a telco shop's SIM packs
    ("Mint Mobile - Prepaid SIM Card Starter Kit", True),
    ("Lycamobile Starter Kit", True),  # a carrier named …mobile
])
def test_a_starter_kit_is_a_sim_only_beside_a_sim_or_phone_word(clf: Classifier, title: str, sim: bool) -> None:
    assert _verdict(clf, title, platform="ebay").sim_listing is sim


@pytest.mark.parametrize(("title", "description"), [
    # johnwesleyquintero/listing-documentation brands/stk/amazon-listings/B0773WWM62.md
    ("SpeedTalk Mobile Prepaid SIM Card", "Unlimited Data, Talk & Text on a 5G 4G LTE network. Works with any "
                                          "unlocked Smartphone."),
    # index file 43877485434: a SIM shop's data-only card
    ("Data Only SIM", "High-speed data SIM for tablets and hotspots. High-speed data, No voice calls"),
])
def test_a_device_only_the_description_names_does_not_undo_a_titled_sim(clf: Classifier, title: str,
                                                                         description: str) -> None:
    assert _verdict(clf, title, description).sim_listing


def test_a_device_in_the_title_still_decides(clf: Classifier) -> None:
    assert not _verdict(clf, "Kids Smart Watch 4G", "Video call, SOS, GPS tracking, 4G SIM").sim_listing


@pytest.mark.parametrize(("title", "sim"), [
    # johnwesleyquintero/listing-documentation brands/stk/amazon-listings/B0CLWSGD3V.md
    ("SpeedTalk Mobile $15 Monthly Plan - Prepaid Unlimited Talk & Text + 6 GB Data", True),
    ("Apple iPhone 12 64GB Unlocked - $15 monthly plan unlimited talk & text 5GB data", False),  # a phone
    ("NordVPN 1 year $3.99/month unlimited data", False),  # fee and data, no minutes
])
def test_an_english_prepaid_plan_is_a_sim_plan(clf: Classifier, title: str, sim: bool) -> None:
    assert _verdict(clf, title).sim_listing is sim


@pytest.mark.parametrize(("title", "description"), [
    # https://news.t0001.com/jyawd/202510/671350.html
    ("手机卡被停用了怎么办", "当手机卡被停用时，很多用户会感到困惑和焦虑。这种情况通常有多种原因，比如欠费、实名制未完成、"
                      "号码异常等。携带身份证前往运营商营业厅进行实名认证。"),
    # https://9m8m.com/486127.html
    ("流量卡/星卡被骗了怎么办", "发现流量卡/星卡服务与宣传不符时，首先核对购买合同、广告承诺与实际服务的差异，保存包含套餐内容、"
                         "资费标准等关键信息的页面截图。"),
    # https://aliyunyh.com/1044039.html
    ("首月零月租政策解析", "电信星卡在激活首月确实享受零月租优惠，该政策仅针对首月固定资费部分。部分版本要求首充50/100元"
                   "才能激活免月租权益。同一身份证最多办理5张号卡。"),
    # ChangMianRen/Telecom_Fraud_Texts_5 label01-last.csv: a scam script about the reader's own card
    ("您好，我是移动的工作人员，发现您的名下有一张手机卡经常向别人发送骚扰短信，这可能会对您的信用记录造成影响。", ""),
])
def test_a_headline_asking_or_warning_about_cards_is_held_for_review(clf: Classifier, title: str,
                                                                    description: str) -> None:
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert not verdict.takedown and verdict.needs_review


def test_a_priced_title_is_no_headline(clf: Classifier) -> None:
    """A seller's title with a price is an offer, whatever question it asks."""
    verdict = _verdict(clf, "流量卡被骗了怎么办？官方正品 29元135G", "电信官方流量卡，29元月租，135G全国流量。",
                       platform="taobao")
    assert verdict.takedown


@pytest.mark.parametrize(("title", "description"), [
    ("AT&T SIM Swap API", "SIM card change detection for fraud prevention"),  # index file 58135339501
    ("NIN-SIM Registration Services", "Complete your NIN-SIM registration in minutes"),  # index file 66733917884
    ("Top Up your SIM card", "Welcome Bank to Talk4 Mobile. How much would you like to top-up?"),  # 18842997535
    ("Lost Mobile", "Report lost phone. Block your SIM card."),  # index file 58197618457
    ("Meet us at Sim Lim Square.", "Speak with our team, ask your questions."),  # index file 71162323548
])
def test_acting_on_your_own_sim_is_no_sim_sold(clf: Classifier, title: str, description: str) -> None:
    assert not _verdict(clf, title, description, platform="ebay").sim_listing


def test_a_vpn_subscription_is_another_service(clf: Classifier) -> None:
    # index file 12066135910: a blog footer recommending a VPN subscription
    assert not _verdict(clf, "西西云", "一个月9元200gb/19元800gb吃到饱流量。使用机场的订阅链接请在这里下载开源的clash客户端",
                        platform="xianyu").sim_listing


@pytest.mark.parametrize(("title", "description", "platform"), [
    ("QQ号码出售", "", "xianyu"),  # index file 26537953488: a classifieds category of QQ ids
    # index file 70070807216: a law firm's privacy policy
    ("咨询信息仅用于安排律师回电与跟进服务，不用于广告推送或营销。我们不会将您的电话号码出售、出租给任何机构。", "", "xianyu"),
    # index file 54881966100: a portal SDK's documentation
    ("loginBySms(String mobile, String smsCode) — 提交登录验证码",
     "把登录页收到的 6 位短信码提交给门户，完成短信登录。验证码必须由外部短信通道提供（SDK 无法代收短信）。", "xianyu"),
    # index file 53998636190: a Vietnamese iPhone-unlock sticker (卡贴)
    ("Sim Ghép Bison New", "Sim ghép Bison New 2 mảnh, hỗ trợ iPhone 8 đến 16 Pro Max, 4G/5G ổn định.", "shopee"),
    # index file 56783412165: Indonesia's mobile driving-licence service
    ("Jadwal SIM Keliling Mojokerto Minggu Kedua Mei 2026 Tersedia",
     "Masyarakat diimbau untuk mengecek lokasi operasional bus SIM Keliling guna mempermudah perpanjangan", "shopee"),
])
def test_numbers_and_sim_words_of_other_things(clf: Classifier, title: str, description: str, platform: str) -> None:
    verdict = _verdict(clf, title, description, platform=platform)
    assert not verdict.takedown and not verdict.sim_listing


def test_renting_a_vietnamese_number_for_otp_is_a_verification_service(clf: Classifier) -> None:
    # index file 62496959420: a Vietnamese SIM and OTP services menu
    verdict = _verdict(clf, "Thuê Số Nhận OTP", "Thuê số điện thoại ảo nhận OTP tự động.", platform="shopee")
    assert verdict.sim_listing and "verification_service" in verdict.violations


@pytest.mark.parametrize(("title", "description", "platform"), [
    # index file 59665248628: a membership given with the card
    ("电信广东星卡优惠套餐", "大流量星卡套餐，办卡送流量+会员。新用户专享", "taobao"),
    # index file 69594083367: an ejector tool in the pack of a travel SIM
    ("Egypt Tourist 4G/5G SIM & Data Package", "30 GB to 50 GB generous data allowances valid for 30 full days. "
     "Compatible with all unlocked iPhones, Android smartphones, and portable hotspots. Comes complete with metal "
     "SIM-tray ejector tool and multi-size adapter", "ebay"),
])
def test_an_accessory_or_membership_only_the_description_names_does_not_undo_a_titled_sim(
        clf: Classifier, title: str, description: str, platform: str) -> None:
    assert _verdict(clf, title, description, platform=platform).sim_listing


def test_a_top_up_the_description_names_still_decides(clf: Classifier) -> None:
    # the real corpus's dev rows: a carrier's top-up promotion for existing card users
    verdict = _verdict(clf, "广州电信星卡充60送50G流量", "星卡用户充值60元，每月赠送50GB流量，连续赠送24个月。", platform="taobao")
    assert not verdict.sim_listing
