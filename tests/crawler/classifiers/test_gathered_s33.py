"""Error classes of session 33's gathered texts (gathered/travel_data_packs_o.jsonl,
zh_plan_cards_p.jsonl, zh_news_black_card_q.jsonl, sea_latam_news_r.jsonl,
en_verification_numbers_s.jsonl, each row with its source), one test per rule the session wrote,
on the real wording."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of as _verdict


@pytest.mark.parametrize("title", [
    "解绑后将无法提现，请尽快绑定新卡",  # zh_plan_cards_p: a payment app binding a bank card
    "已初始化换卡：触发恢复出厂并绑定新卡",  # a device's log line
    "新卡首刷排在明天（SM-2 标准：首轮间隔 1 天）",  # a flashcard app
    "五菱荣光新卡",  # a light truck (新卡 = 新款卡车)
    "长安凯程 星卡PLUS",  # a light truck
    "资源站奖励星卡碎片",  # a game item
    "本地联系人为存储在手机终端中的联系人，不包括UIM卡或者SIM卡中的联系人",  # a phone's help text
])
def test_other_senses_of_card_words_are_no_sim(clf: Classifier, title: str) -> None:
    verdict = _verdict(clf, title, platform="taobao")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", [
    "手机卡实名制背后的那些事",  # zh_news_black_card_q: a news headline
    "落實“手機卡實名制”為什么就那麼難？",
    "贪小利卖电话卡小心犯法",
    "同一身份证用户在同一运营商处最多可办理五张实名制电话卡，涵盖手机卡及流量卡。",  # a policy explainer
    "曾有用户反映购买的”无限流量卡”在使用2个月后突然失效，运营商解释为物联网卡异常使用导致停机。",
    "很多不法代理商往往以流量卡的形式往个人市场进行销售",  # third-person account of sellers
    "物联网卡如何成为羊毛党的“新宠”",
])
def test_policy_and_news_sentences_wait_for_a_reviewer(clf: Classifier, title: str) -> None:
    """News and policy vocabulary (实名制 as a policy, 一证五户, 用户反映, 获利, 不法代理商 …) makes
    the clause prose: the verdict stands, the takedown waits (POLICY §8)."""
    verdict = _verdict(clf, title, platform="xianyu")
    assert not verdict.takedown and verdict.needs_review, verdict.rules_fired


def test_a_seller_citing_the_real_name_rule_is_still_an_offer(clf: Classifier) -> None:
    """懂我卡 (a Unicom plan card, zh_plan_cards_p) with the order page's 请准确提供身份证信息: an
    application, so the bare plan name is a phone card; 实名制要求 is the seller's, not prose."""
    verdict = _verdict(clf, "懂我卡Plus", "根据国家实名制要求, 请准确提供身份证信息", platform="taobao")
    assert verdict.sim_listing and verdict.takedown


@pytest.mark.parametrize("title", [
    "中国移动非实名制流量卡 秒发",
    "非实名制手机卡 批发",
])
def test_not_real_name_is_no_policy_talk(clf: Classifier, title: str) -> None:
    """(guard) 非实名制 is the black-card word, never the policy: no prose hold."""
    verdict = _verdict(clf, title, platform="taobao")
    assert verdict.takedown and "no_real_name" in verdict.violations, verdict.rules_fired


def test_a_billing_question_heads_an_article(clf: Classifier) -> None:
    """A title asking how a plan is billed heads an explainer, whatever its body quotes."""
    verdict = _verdict(clf, "大王卡的流量费用是怎么算",
                       "1、腾讯大王卡基本月租19元/月,该费用按天收取。腾讯应用专属流量免费,全国接听免费,全国拨打0.1元/分钟",
                       platform="xianyu")
    assert not verdict.takedown and "review:prose" in verdict.rules_fired


def test_news_in_south_east_asian_and_latin_languages_is_prose(clf: Classifier) -> None:
    """sea_latam_news_r: Vietnamese news on pre-activated junk SIMs quotes the offer."""
    verdict = _verdict(clf, "‘Phố tây’ Sài Gòn vẫn bán SIM rác, không cần chụp ảnh người mua",
                       "SIM kích hoạt sẵn vẫn được bày bán trên nhiều cửa hàng ở vỉa hè phố tây Sài Gòn.",
                       platform="shopee")
    assert not verdict.takedown


def test_vietnamese_pre_activated_sim(clf: Classifier) -> None:
    """A seller's chat quoted verbatim by a reporter (sea_latam_news_r): đã kích hoạt sẵn."""
    verdict = _verdict(clf, "Anh cứ yên tâm, SIM này bọn em đã kích hoạt sẵn rồi, chỉ cần bỏ vào là dùng",
                       platform="shopee")
    assert "pre_activated" in verdict.violations


def test_numbers_for_account_verifications(clf: Classifier) -> None:
    """A number shop's tile (en_verification_numbers_s)."""
    verdict = _verdict(clf, "Telegram & WhatsApp OTP",
                       "Access fresh country numbers for audio, messaging, and account verifications instantly",
                       platform="ebay")
    assert verdict.sim_listing and "verification_service" in verdict.violations


def test_forbidden_on_phones_negates_phone_use(clf: Classifier) -> None:
    verdict = _verdict(clf, "其实人家就是想说一点“物联网卡手机禁用”", platform="xianyu")
    assert "iot_card_misuse" not in verdict.violations


def test_a_card_bought_locally_abroad_is_foreign(clf: Classifier) -> None:
    """travel_data_packs_o: 泰国当地买SIM卡 names a Thai card, no domestic seller's."""
    verdict = _verdict(clf, "泰国当地买SIM卡最便宜（7-11有售）", platform="xianyu")
    assert "unauthorised_seller" not in verdict.violations


@pytest.mark.parametrize(("title", "description"), [
    # ru_en_account_sim_shops_v: a Telegram account shop's product (tdata = the account's session files)
    ("Telegram аккаунт GHANNA (+233) с отлежкой", "формат: tdata; в наличии есть ***; введите нужное количество"),
    ("Аккаунты WhatsApp", "📞 Что входит в товар: • Готовый аккаунт WhatsApp с привязкой к номеру"),
])
def test_russian_phone_registered_accounts_are_pre_registered(clf: Classifier, title: str, description: str) -> None:
    verdict = _verdict(clf, title, description, platform="ebay")
    assert verdict.sim_listing and "pre_registered" in verdict.violations


def test_russian_wholesale_is_bulk(clf: Classifier) -> None:
    verdict = _verdict(clf, "Смс активации оптом",
                       "Покупаете более 50 смс подтверждений в сутки? Получите скидку 20% на все страны и сервисы",
                       platform="ebay")
    assert "bulk_trading" in verdict.violations


def test_renting_a_room_is_no_number_rental(clf: Classifier) -> None:
    """Аренда номера is a hotel room too: a number rental only beside SMS or activation words."""
    assert "verification_service" not in _verdict(clf, "Аренда номера", "Booking Apartment", platform="ebay").violations


@pytest.mark.parametrize(("title", "description"), [
    ("L39t 4G下fqrouter无法使用，打开后SIM卡无法识别。", ""),  # a bug report
    ("产品追溯系统串接码", ""),  # tw_hk_listings_u: an API join code, no 接码
    ("騙徒會假扮成中國移動職員致電給受害人,表示他已開通一張新電話卡,合約期為1至2年,並會開始每月扣費。", ""),
])
def test_bug_reports_and_scam_warnings_are_no_takedown(clf: Classifier, title: str, description: str) -> None:
    assert not _verdict(clf, title, description, platform="xianyu").takedown


def test_a_fee_with_minutes_and_a_phone_lines_service_is_a_phone_plan(clf: Classifier) -> None:
    """zh_listings_with_details_l (an MVNO's plan page): no issuer and no data allowance, but a monthly
    fee, per-minute voice and caller ID / an SMS rate, which only a phone line has."""
    verdict = _verdict(clf, "糖豆儿", "月租6元，送来电显示（来电显示不可取消），套外语音0.12元/分钟、流量0.12元/mb、"
                       "短信0.1元/条。 ¥50 不支持7天无忧退换", platform="taobao")
    assert verdict.sim_listing and verdict.takedown
    # (guard) caller ID alone is a phone's feature, no plan
    assert not _verdict(clf, "老人手机 来电显示 大字体", platform="taobao").sim_listing


def test_an_explainer_headline_waits_for_a_reviewer(clf: Classifier) -> None:
    """black_card_and_prose_f: a blog's explainer of SMS verification, its body naming temporary numbers."""
    verdict = _verdict(clf, "What Is SMS Verification? OTP Codes Explained",
                       "A plain-English explanation of SMS verification and one-time passcodes (OTP): how they "
                       "work, why apps use them, and how temporary phone numbers fit in.", platform="ebay")
    assert not verdict.takedown and "review:prose" in verdict.rules_fired
    # (guard) an account seller's SEO page calls itself "A Complete Guide" (dev row r0704): still an offer
    seo = _verdict(clf, "Top- 100-Reliable- Telegram- Accoun-t Providers- to- Research- in- 2026- | Exper-t Guide",
                   "Where to Get Telegram Accounts From Trusted Sources in 2026: A Complete Guide "
                   "https://accstocks.com/product/buy-telegram-accounts/", platform="ebay")
    assert seo.takedown


@pytest.mark.parametrize(("title", "description"), [
    # en_plan_and_number_offers_z: a UK MVNO's plan cards (pounds, "Unlimited UK Minutes & Texts")
    ("24 Month Unlimited Plan", "Unlimited Data. Unlimited UK Minutes & Texts. EU Roaming Included. £18.00 "
                                "£9.00/month for the first 6 months, then £18/month. Total Due Today £0.00"),
    ("1 Month 30GB", "£10.00 £5.00 monthly for the first month, then £10. 30GB Data. 12GB EU roaming included. "
                     "100 international Minutes. Unlimited UK minutes and texts. View more Buy now"),
])
def test_english_plan_cards_in_pounds_are_phone_plans(clf: Classifier, title: str, description: str) -> None:
    assert _verdict(clf, title, description, platform="ebay").sim_listing


def test_a_priced_country_number_for_an_app_is_a_code_service(clf: Classifier) -> None:
    """An SMS-activation site's catalogue line (en_plan_and_number_offers_z)."""
    verdict = _verdict(clf, "WhatsApp", "messaging — US number — $2.50 — delivery 1-3 minutes", platform="ebay")
    assert verdict.sim_listing and "verification_service" in verdict.violations


def test_a_membership_a_plan_gives_does_not_hide_the_plan(clf: Classifier) -> None:
    """zh_mvno_carrier_plans_y: a campus promo team's plan line; 会员 is the plan's perk (or its absence)."""
    verdict = _verdict(clf, "【无校园网套餐（但有会员）】（过渡卡）：29元/月。",
                       "包含 360G市区流量(可无限叠加) + 100G省内流量 + 180G国内流量 + 会员权益。不包含校园网。",
                       platform="xianyu")
    assert verdict.sim_listing
    # (guard) a video membership's monthly price alone stays a membership
    assert not _verdict(clf, "爱奇艺黄金会员月卡 25元/月", platform="taobao").sim_listing
