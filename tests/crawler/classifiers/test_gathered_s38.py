"""Error classes of session 38's gathered texts (each row with its source in gathered/*_ck … *_co, or in
SOURCES.md), one test per rule the session wrote, on the real wording; guards marked (guard)."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of as _verdict


@pytest.mark.parametrize("title", [
    "移动xG卡，过年翻翻打，xG套餐用户只需xx元，可享xxx分钟国内主叫，xxxM省内流量",
    "您好，联通xG卡全国接听免费，打全国电话x.xx元/分钟。现办理存xx元有xxx元话费，每月套餐交xx元包xxx分钟全国通话，xxxM",
])
def test_initials_are_no_travel_word(clf: Classifier, title: str) -> None:
    """An SMS dataset's carrier ads with digits masked as x (zh_sms_spam_bb): xG卡 is a 4G/5G card of the
    carrier named, not the initials of 香港卡 — a lawful travel word has no evasion reading."""
    verdict = _verdict(clf, title, platform="xianyu")
    assert verdict.sim_listing and not verdict.foreign and "unauthorised_seller" in verdict.violations, verdict.reasons


def test_a_travel_card_written_out_is_still_foreign(clf: Classifier) -> None:
    """(guard) the travel words themselves still read: 香港卡 on a Chinese platform is a foreign card."""
    verdict = _verdict(clf, "香港卡 7天无限流量 即插即用", platform="taobao")
    assert verdict.sim_listing and verdict.foreign and "unauthorised_seller" not in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("流量卡真的不能借。", "咱得遵守规定,好好用自己的卡,不然麻烦事儿可就找上门"),
    ("一个移动卡可以开通最多3张副卡,主卡用户需年满18岁并持有有效身份证。", "副卡与主卡共享同一个套餐,包括通话分钟数和流量数据。"),
    ("常青青一出火车站,就被自称是新生接待处的人忽悠着办了手机卡。", "卡是真的,也没被骗钱,就是在四年里接了无数个推销电话"),
])
def test_a_title_ending_on_a_full_stop_is_a_sentence(clf: Classifier, title: str, description: str) -> None:
    """Sentences of articles and posts about cards (zh_pages_aw, zh_prose_and_code_ag), quoted as titles:
    sellers' titles do not end on 。 — no SIM listing, no takedown."""
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("出优质靓号，打电话便宜的 Google Voice 美国虚拟电话。", ""),
    ("本人长期求购上海吉祥号码，联通、移动、电信、固定电话、尾数四位以上相同均可。", "此信息长期有效，请保留。"),
    ("我们互联网渠道的卡归属地一般都是随机的，这张官方联通卡的归属地应该是湖南、湖北、浙江、江苏或者四川，"
     "不过归属地不影响，反正是流量卡，流量是全国通用高速的就行。", ""),
    ("给你这些卡吧,能直接打电话,不用实名。", "这些卡片写着20元市话套餐,预存20元,但卡的售价却是50元。店主称“这50元里有30元是卡费”。"
     "店主告诉记者,这些卡是批发来的,可以用别人的身份证信息开卡,这样就不会遭遇停机了。"),
])
def test_a_shops_or_a_buyers_own_sentence_stays_an_offer(clf: Classifier, title: str, description: str) -> None:
    """(guard) a sentence with an offer or buying verb (an SMS spam dataset's 求购 ad), the shop speaking
    (我们), or a black-card word (an ad quoted by a reporter) is an offer for all its full stop."""
    assert _verdict(clf, title, description, platform="xianyu").sim_listing


@pytest.mark.parametrize("title", ["青春熊猫卡 立即免费申请", "巴渝卡 首月免费"])
def test_tariff_data_plan_names_are_cards_with_an_application_cue(clf: Classifier, title: str) -> None:
    """Plan names from carriers' published tariff data (SOURCES.md gh-lili21-taocan): a phone card
    with an application or plan cue (plan_card_cued)."""
    verdict = _verdict(clf, title, platform="taobao")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


@pytest.mark.parametrize("title", ["电竞卡 RTX4060 8G 独立显卡 台式机", "畅玩卡 欢乐谷 年卡 门票", "双月卡 游泳馆 儿童 暑假"])
def test_plan_names_that_are_other_trades_words_need_a_cue(clf: Classifier, title: str) -> None:
    """(guard) the same names for a graphics card, a theme-park pass, a swimming pass: no SIM listing."""
    assert not _verdict(clf, title, platform="taobao").sim_listing


@pytest.mark.parametrize(("title", "description"), [
    ("OnlineSIM", "Service launched in 2013; Provides short-term and long-term room rental.; Receiving SMS messages for "
                  "many popular sites; 49 countries of the world; Rent a number for 14 countries for 1, 3, 7, 15 and 30 days."),
    ("TOP SMS BOT", "Telegram bot for receiving SMS messages; About 20 countries and 70 services are available; Payment via "
                    "QIWI and Payeer; Possibility of balance withdrawal;"),
    ("VAK-sms", "A relatively young service for instant SMS message reception; They have been operating since 2017; 14 "
                "countries; Selection of operators for each GEO; Accept messages from over 90 services;"),
    ("GetSMS", "The service has only RU and KZ numbers for receiving SMS; Free repeat SMS. Long-term rental of numbers "
               "and numbers with forwarding for Avito are available; Ability to activate accounts in 200 threads;"),
    ("SMSCodes.io", "Provides real numbers for receiving SMS; Many services available; Registration bonus - $0.50; Real "
                    "numbers; Receiving calls for verification;"),
])
def test_sms_activation_services_in_their_own_words(clf: Classifier, title: str, description: str) -> None:
    """A notes file listing SMS-activation shops (gathered/spam_and_number_shops_co): receiving SMS for sites,
    numbers for receiving SMS, SMS reception, the rental of numbers are code services (POLICY §4)."""
    verdict = _verdict(clf, title, description, platform="ebay")
    assert verdict.sim_listing and "verification_service" in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", ["赶紧分享给正在为手机预装软件导致手机卡慢而苦恼的小伙伴吧", "一上微博手机卡上一个世纪",
                                   "手机卡了看电脑电脑卡了看手机"])
def test_a_phone_that_lags_is_no_phone_card(clf: Classifier, title: str) -> None:
    """SMS ham and spam (gathered/zh_titles_and_sms_ck): 手机卡慢, 手机卡了 — 卡 is the verb "to lag", not a card."""
    assert not _verdict(clf, title, platform="xianyu").sim_listing


@pytest.mark.parametrize(("title", "description"), [
    ("手机卡不用了不能直接扔掉。", "手机卡属于个人物品,里面存有实名信息和通话记录。随意丢弃可能导致信息泄露,被不法分子利用。"),
    ("手头有闲置的移动电话卡,直接扔掉或者长期不管可能会带来麻烦。", "很多人以为不用了自然就失效,但实际情况复杂得多。今天咱们就来聊聊,这类卡该怎么处理才稳妥。"),
])
def test_a_sentence_over_a_plain_body_is_an_article(clf: Classifier, title: str, description: str) -> None:
    """Advice pages (gathered/zh_news_and_quoted_ads_cm): a sentence title over a body as plain as it (no figure, no shop's act or
    link; an article's 咱们 is the writer's) talks about cards."""
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("amazon", "XIAOMI Redmi Note 11 - 6.7-inch 128GB/4GB Dual SIM 4G Mobile Phone – Graphite Gray",
     "Body • Dimensions: 159.9 x 73.9 x 8.1 mm (6.30 x 2.91 x 0.32 in) • Weight: 179 g (6.31 oz) • SIM: Dual SIM "
     "(Nano-SIM, dual stand-by)"),
    ("shopee", "SONY Xperia Acro S", "Harga: Rp 4.999.000\nGSM 850 / 900 / 1800 / 1900\nHSDPA 900 / 1900 / 2100\n"
     "SIM: Mini-SIM\nMemory: microSD, up to 32 GB."),
    ("shopee", "Nguyên nhân khiến sim Vietnamobile không gọi được là gì? Cách khắc phục",
     "Có khá nhiều nguyên nhân khác nhau khiến cho sim Vietnamobile không gọi được."),
    ("shopee", "Pinag-iingat ng National Telecommunications Commission o NTC ang publiko laban sa mga magtatangkang "
     "sumalisi sa pag-arangkada ng SIM registration ngayong araw, Disyembre a-27.", ""),
    ("xianyu", "手机卡办副卡的危害,你知道吗?", "随着智能手机的普及,手机卡已成为人们日常生活中不可或缺的一部分。"),
])
def test_spec_lines_how_tos_news_and_teasers_sell_no_card(clf: Classifier, platform: str, title: str,
                                                          description: str) -> None:
    """A phone's spec line (SIM: Dual SIM …, SIM: Mini-SIM), a Vietnamese shop blog's question (… là gì? Cách …),
    Filipino news (pinag-iingat … ang publiko) and an article's teaser (你知道吗) are no SIM listings
    (gathered/en_listings_and_shops_cl, sea_tw_hk_texts_cn, zh_news_and_quoted_ads_cm)."""
    assert not _verdict(clf, title, description, platform=platform).sim_listing


@pytest.mark.parametrize("title", ["Japan 3GB / 7 Days", "Europe 30 Countries / 5GB / 7 Days", "Japan Unlimited / 30 Days"])
def test_an_esim_shops_plan_names_a_travel_card(clf: Classifier, title: str) -> None:
    """An eSIM reseller's catalogue (gathered/intl_number_esim_shops_cq): destination / data / days is a
    travel eSIM plan — a foreign SIM listing without a SIM word."""
    verdict = _verdict(clf, title, platform="ebay")
    assert verdict.sim_listing and verdict.foreign and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("Compre um número virtual para registro e recebimento de SMS",
     "Números virtuais, recargas e recebimento de SMS com fluxo rápido e seguro."),
    ("SMS Code от SIMNETIQ", "Номер для регистрации, а не на всю жизнь. Настоящие виртуальные номера в 150+ странах, "
                             "коды за секунды. ... принимайте SMS-коды подтверждения за секунды."),
    ("📱 Виртуальный номер", "Номер для регистрации Telegram — 150, stock 50"),
])
def test_number_shops_for_registration_in_portuguese_and_russian(clf: Classifier, title: str,
                                                                         description: str) -> None:
    """Number shops and bot menus (gathered/intl_number_esim_shops_cq): a virtual number for registration, a
    number for registration, confirmation SMS codes are a code service (POLICY §4)."""
    verdict = _verdict(clf, title, description, platform="ebay")
    assert verdict.sim_listing and "verification_service" in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", ["出 5 张丰泽的 hahasim 卡， hk 保号神卡，懂得都懂",
                                   "性价比最高保号只需 10 元一年，支持环球上网的香港丰泽 hahasim 卡"])
def test_a_hong_kong_number_keeping_card_is_foreign(clf: Classifier, title: str) -> None:
    """V2EX trade posts (gathered/zh_black_card_offers_cr): hahaSIM, a Hong Kong prepaid brand, sold as a
    number-keeping card is a foreign SIM listing — no unauthorised_seller (POLICY §3)."""
    verdict = _verdict(clf, title, platform="xianyu")
    assert verdict.sim_listing and verdict.foreign and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("全国联通话费慢充", "72小时到账，携号转网、副卡、空号不能充值，无法处理售后，超过10天的售后不处理。订单未成功之前，请勿通过其他方式充值。"),
    ("全国电信话费慢充", "72小时到账，携号转网、副卡、空号不能充值，无法处理售后，超过10天的售后不处理。订单未成功之前，请勿通过其他方式充值。"),
])
def test_a_titled_top_up_is_sold_whatever_cards_its_terms_name(clf: Classifier, title: str, description: str) -> None:
    """Top-up shop items (gathered/zh_lookalike_titles_cp): the title sells 话费慢充; 副卡 in its terms says
    which lines it cannot reach — no SIM listing (POLICY §1), no takedown."""
    verdict = _verdict(clf, title, description, platform="taobao")
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons


def test_a_card_whose_title_names_its_first_top_up_stays_a_card(clf: Classifier) -> None:
    """(guard) a 号卡 shop's title (dev corpus): a card name and plan beside 先激活充值后发货 in the title."""
    verdict = _verdict(clf, "联通四海卡39元300G+500分钟【发全国】先激活充值后发货",
                       "优惠后月租 39 元 | 300G+500分钟 | 年龄18-30岁 | 自主激活立即跳转首充100元", platform="taobao")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("微信实名绑卡(6个月)", "半年老号，适合商务工作；半年活跃老号、抗封抗风控"),
    ("支付宝实名绑卡", "最高权限实名认证绑卡号 实名认证+绑卡 高额度无忧 72小时质保"),
])
def test_an_app_account_sold_real_name_verified_and_card_bound(clf: Classifier, title: str, description: str) -> None:
    """Account shops' tiers (gathered/zh_black_card_offers_cr, spam_and_number_shops_co): a WeChat or Alipay
    account sold 实名 and bound to a bank card is registered in someone's name: pre_registered (DOMAIN.md)."""
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert verdict.sim_listing and "pre_registered" in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", ["你们是如何管理实体的手机卡的", "你们用的是哪个运营商的手机卡，什么套餐，月租多少？话费太多，怎么最大化变现呢？",
                                   "今天三大运营商宣布 esim 正式落地，可以办理了"])
def test_forum_titles_asking_readers_or_reporting_news(clf: Classifier, title: str) -> None:
    """V2EX hot topics (gathered/zh_black_card_offers_cr): a title that opens by asking the readers (你们…) or
    reports an announcement (宣布) talks about cards — no listing, no takedown."""
    verdict = _verdict(clf, title, platform="xianyu")
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("ebay", "Памятка клиенту банка", "Никому не сообщайте SMS-коды подтверждения. Не вводите номер"),
    ("ebay", "Curso de Python para iniciantes", "Digite um número para verificar se é par ou ímpar; exercício"),
    ("taobao", "荷兰小黄卡 OV-chipkaart 火车公交通用 包邮到家", "在荷兰，一张小黄卡可以坐遍全境的火车、电车和公交。"),
    ("taobao", "公寓小黄卡 指定公寓享受折扣价 在线申请", ""),
])
def test_review_guards_from_real_wording(clf: Classifier, platform: str, title: str, description: str) -> None:
    """(guard) the session's review, on wording found with the search tools (index files 55296333646, 234273134,
    62735604755, 46648201742): a bank's warning about SMS confirmation codes, a programming exercise's 'número
    para verificar', a Dutch transit card and an apartment discount card are no SIM listings."""
    assert not _verdict(clf, title, description, platform=platform).sim_listing


@pytest.mark.parametrize("title", ["United Kingdom 10GB 7Days", "Indonesia 10GB - 30 Days", "France 5GB / 30 Days"])
def test_esim_plan_names_of_other_shops(clf: Classifier, title: str) -> None:
    """eSIM shops' plan titles the review found (index files 48373312401, 27411625569, 58797845469): SIM listings
    without a violation."""
    verdict = _verdict(clf, title, platform="ebay")
    assert verdict.sim_listing and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize("title", ["你们好，出两张移动流量卡", "宣布一下：出几张电信流量卡 19元100G"])
def test_a_sellers_greeting_or_announcement_is_no_forum_question(clf: Classifier, title: str) -> None:
    """(guard; written in C2C sellers' wording) a greeting to buyers (你们好) and a seller's own 宣布一下 are not
    a question to readers or news: the cards are offered."""
    verdict = _verdict(clf, title, platform="xianyu")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


@pytest.mark.parametrize("title", ["微信实名绑卡教程", "微信实名绑卡 代操作 远程协助"])
def test_a_card_binding_tutorial_or_service_sells_no_account(clf: Classifier, title: str) -> None:
    """(guard; written in sellers' wording) 实名绑卡 as a how-to or a service on the buyer's own account: no account
    is sold, so no pre_registered and no SIM listing (proxy verification is no listing, as labelled)."""
    assert not _verdict(clf, title, platform="xianyu").sim_listing
