"""Error classes of session 37's gathered texts (each row with its source in gathered/*_ba … *_bf),
one test per rule the session wrote, on the real wording; guards marked (guard)."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of as _verdict


@pytest.mark.parametrize(("title", "description"), [
    ("公司要求使用个人身份证办理电话卡给业务部门做营销电话，如何应对？", "在无法明显“拒绝”的情况下，如何让自己的损失、法律责任最小？"),
    ("B 站卖流量卡的是在玩什么套路？", "有个 ID 叫什么大忽悠的，最近在卖 19 元 155G 的电信卡，领卡的时候个人信息包括真实姓名、"
                                 "身份证号、手机号之类的应该是收集了一遍了。接下来呢？"),
    ("网上出售的几十块钱无限流量卡或者是 100G 那种是真的吗？", ""),
])
def test_a_question_title_heads_a_post(clf: Classifier, title: str, description: str) -> None:
    """V2EX questions (zh_forum_qa_be): a title asking with a question word and a question mark, or
    是真的吗, heads a post about cards, whatever figures its body names."""
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert not verdict.takedown and not verdict.sim_listing, verdict.reasons


def test_a_question_title_over_a_shops_terms_is_the_shops_faq(clf: Classifier) -> None:
    """(guard) a 号卡 agent site's FAQ entry (zh_iot_wifi_plans_w): a body in a shop's voice (下单, 包邮)."""
    verdict = _verdict(clf, "号卡办理需要什么条件？", "年满18周岁，持有效身份证件即可在线办理。下单后3-5天送达，全国包邮。",
                       platform="taobao")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


def test_a_question_title_over_an_application_link_is_an_offer(clf: Classifier) -> None:
    """(guard) a distributor's tariff page (zh_c2c_prose_k): 免费领 and an application link are a shop's."""
    verdict = _verdict(clf, "电信星卡资费是怎样的？", "星卡(29元畅玩版)套餐内包含8GB通用流量、30GB指定APP定向流量。电信星卡免费领 "
                       "电信星卡申请链接：https://www.qqhemi.com", platform="taobao")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


@pytest.mark.parametrize("title", [
    "新西兰 skinny 卡￥ 70 现货二十张包邮",
    "出几张 GG 卡 Giffgaff Sim [33 包邮]",
    "(迫于人跑台湾还要给大陆人民卖美帝 0 月租卡)现货 lycamobile 电话卡 33 元全国包邮,先到先得,拍下立即发货.",
    "出几乎绝版的泰国 ais 绿卡和马来 hotlink 红卡",
    "出个 +234 尼日利亚的的 MTN esim",
])
def test_foreign_number_keeping_cards_are_foreign(clf: Classifier, title: str) -> None:
    """POLICY §3: foreign cards sold on a Chinese platform (V2EX trade posts, zh_forum_qa_be) are SIM
    listings but no carrier's whitelist applies: no unauthorised_seller."""
    verdict = _verdict(clf, title, platform="xianyu")
    assert verdict.sim_listing and verdict.foreign and "unauthorised_seller" not in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", ["skinny jeans women high waist", "美国绿卡 移民 咨询"])
def test_a_carriers_everyday_name_needs_a_card(clf: Classifier, title: str) -> None:
    """(guard) Skinny is a word and 绿卡 a residence permit: neither alone is a SIM listing."""
    assert not _verdict(clf, title, platform="amazon" if title.isascii() else "xianyu").sim_listing


@pytest.mark.parametrize(("title", "code"), [
    ("代收澳洲15U英国6U美国6U实卡代收WS验证码售后30天可无限再收码一张一结@ab12abab小鹿代发点击联系", "verification_service"),
    ("长期大量收三网卡，手银。价高靠谱", "bulk_trading"),
    ("出个手机号，买了就没用，一直停机状态", "unauthorised_seller"),
    ("再出几个菲律宾 Smart Esim，已用菲律宾当地人身份实名， 15 块一个", "pre_registered"),
])
def test_offers_in_c2c_wording(clf: Classifier, title: str, code: str) -> None:
    """Telegram spam and V2EX trade posts (zh_sms_spam_bb, zh_forum_qa_be): 代收…验证码 with the app
    between, 收三网卡, 出个手机号, and a card registered with someone else's identity (已用…身份实名)."""
    verdict = _verdict(clf, title, platform="xianyu")
    assert verdict.takedown and code in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", [
    "拖朋友买了个手机卡，结果发现这号是二手的",
    "京东上的电信大三元卡卖得如此便宜号码又比较好，感觉像是为了收集用户的身份证图片。。。",
    "实在是不想把身份证信息提供给卖手机卡的淘宝商家",
    "今天收到了联通顶级流量卡的推销",
    "准备换卡了再也不用移动的卡了太坑了无缘无故多业务电话打过去询问业务员居然一口咬定说是我自己点击订购的",
])
def test_a_writers_own_account_is_no_offer(clf: Classifier, title: str) -> None:
    """First-person accounts and complaints (V2EX, SMS corpus: zh_forum_qa_be, zh_sms_spam_bb)."""
    assert not _verdict(clf, title, platform="xianyu").takedown


def test_a_shop_that_helps_with_codes_still_offers(clf: Classifier) -> None:
    """(guard, numbers_and_codes_n) 帮我收到验证码 is a buyer's request, not a first-person account."""
    verdict = _verdict(clf, "求一接收appid账号验证码手机号", "微信告诉我手机号国家或地区，帮我收到验证码后，我会修改手机号为自己的",
                       platform="xianyu")
    assert verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", [
    "中移 通信 重要 通知 您 所 使用 的 手机卡 芯片 版本 过 老 因 网络 升级 将 影响 您 的 手机 性能 请 您 尽快 到 附近 移动 营业厅",
    "你好 您 的 手机号码 尚未 进行 实名 登记 请 在 七天 内 带上 本人 身份证 和 手机卡 到 营业厅 进行 办理",
])
def test_a_notice_to_a_subscriber_offers_nothing(clf: Classifier, title: str) -> None:
    """Carrier notices (and the fake base stations' copies, zh_sms_spam_bb) about the reader's own card."""
    assert not _verdict(clf, title, platform="xianyu").takedown


@pytest.mark.parametrize("title", [
    "淘寶禁售電話卡 其他電商平台未跟進",
    "庞某他们以下乡开卡名义,采取赠送洗衣液、铁锅等方式诱导村(居)民办理手机卡。",
    "主流 sim 卡最低价购买渠道总结，让你少花冤枉钱，欢迎大家补充。",
    "双卡插入发现sim卡1不识别",
])
def test_news_court_and_forum_wording(clf: Classifier, title: str) -> None:
    """News and court prose (禁售, a defendant 庞某: zh_court_quoted_ads_ba), a forum round-up
    (欢迎大家补充) and a bug report (不识别)."""
    assert not _verdict(clf, title, platform="xianyu").takedown


@pytest.mark.parametrize("title", [
    "出新开山姆副卡 100 元 闲鱼好像都不放心怕会被解绑删卡 本人联动 NS",
    "优酷酷猫会员一年 提供手机号配合接码 140",
    "esim.me 可玩性大增",
    "迫于容量买小了, 出 iPhone 16 Pro 128G 黑色钛金属 日版 SIM+eSIM.",
    "出靓号地址生成软件，4连号仅需两分钟生成，全网最快，离线生成，安全无忧！",
])
def test_look_alikes_of_c2c_posts(clf: Classifier, title: str) -> None:
    """A warehouse club's second card, a membership whose buyer receives the login code, an eSIM
    adapter, a phone's edition and a crypto vanity-address tool (zh_forum_qa_be, zh_sms_spam_bb)."""
    assert not _verdict(clf, title, platform="xianyu").sim_listing


def test_a_japanese_travel_card_is_still_a_card(clf: Classifier) -> None:
    """(guard) 日版 before a SIM card that is itself sold."""
    assert _verdict(clf, "日版 sim卡 docomo 上网卡 7天", platform="xianyu").sim_listing


@pytest.mark.parametrize("title", ["联通4g卡怎么激活", "中国联通一卡充是什么业务", "19元的大王卡是4g的吗",
                                   "移动，联通，电信流量卡哪种无限流量月租便宜"])
def test_a_qa_sites_question_title_needs_no_question_mark(clf: Classifier, title: str) -> None:
    """Q&A-site titles (zh_pages_aw): a question verb at the end (怎么激活), 是什么…, 哪种…, or 是…吗."""
    assert not _verdict(clf, title, platform="xianyu").takedown


@pytest.mark.parametrize("title", ["移动流量卡 收到卡怎么激活看详情", "电信流量卡 29元155G 还犹豫什么", "流量卡 有需要的吗"])
def test_a_sellers_hint_or_hook_is_no_question(clf: Classifier, title: str) -> None:
    """(guard) a seller's hint (怎么激活看详情) or rhetorical hook (还犹豫什么, 有需要的吗) is its own title."""
    assert _verdict(clf, title, platform="taobao").takedown


def test_a_number_buyers_you_is_no_notice(clf: Classifier) -> None:
    """(guard; the session's review, an SMS corpus row) 您的号码 before an offer to buy it is no
    notice to a subscriber: the notice rule needs the notice's verb (已, 将, 尚未, 欠费 …)."""
    verdict = _verdict(clf, "朋友，您好，诚心求购，您的号码我的给价是xxxx，您看看如何咯？合适就可以要，打扰了，谢谢", platform="xianyu")
    assert "review:prose" not in verdict.rules_fired, verdict.rules_fired


def test_a_sellers_warning_hook_is_no_complaint(clf: Classifier) -> None:
    """(guard; the review found 别再被坑了！ as a hook in ad-copy templates) a seller's hook, not a complaint."""
    assert _verdict(clf, "流量卡 别再被坑了 29元100G 全国通用", platform="taobao").takedown


@pytest.mark.parametrize(("title", "description"), [
    ("Virtual Number for Snapchat — Verify Without Your Number",
     "Verify Snapchat with a real virtual number from 100+ countries. The code lands in the app usually within seconds"),
    ("Virtual Number for Steam — Add a Phone Without Your SIM",
     "Attach a phone to Steam with a real virtual number: the code arrives in seconds."),
    ("Virtual Number for Shopee — Verify Without Your Own Phone",
     "Receive Shopee’s SMS code on a real virtual number in seconds."),
])
def test_a_virtual_number_sold_for_an_apps_verification(clf: Classifier, title: str, description: str) -> None:
    """An SMS-activation vendor's per-app pages (en_accounts_numbers_bh): POLICY §4 verification_service."""
    verdict = _verdict(clf, title, description, platform="ebay")
    assert verdict.takedown and "verification_service" in verdict.violations, verdict.reasons


def test_a_sim_farm_is_no_bulk_trade(clf: Classifier) -> None:
    """Telecom-security articles on SIM farms (en_accounts_numbers_bh) sell no cards."""
    verdict = _verdict(clf, "SIM Farms: The Modern Trojan for Mobile Operators",
                       "SIM farms have long been a nuisance for mobile operators, but they’re reaching unprecedented levels "
                       "thanks to technology that allows SIM farm operators to send bulk texts at ultra-fast speeds", platform="ebay")
    assert not verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("一、套餐内容与实际严重不符", "欣依达通讯通过短视频平台宣称其流量卡具备「月租19.9元享105G流量」「首月免月租」「可结转流量」等优惠属性。"
                          "但消费者激活后发现实际套餐存在以下问题"),
    ("一、承诺与现实的落差", "中国移动骑士卡在宣传中强调”首月0月租”的优惠承诺,但用户激活后常发现存在未告知的隐性收费。"),
    ("電話門號可以選號嗎？", "機場服務台通常是隨機配發。淘寶/微信預購可選靚號（多付 NT$100-500）。"),
])
def test_complaint_summaries_and_travel_questions(clf: Classifier, title: str, description: str) -> None:
    """Complaint round-ups quoting sellers' promises (宣称, 消费者激活后, 隐性收费) and a travel guide's
    question (zh_complaints_hktw_bi)."""
    assert not _verdict(clf, title, description, platform="xianyu").takedown


@pytest.mark.parametrize(("title", "sim"), [
    ("沧林卡 全国包邮", True),  # a distributor's own plan-card name (gh-liuketh-hotcard)
    ("知音卡 19元含200分钟", True),  # a name that needs a plan beside it (GAIIC 2022's JD titles)
    ("哪吒卡 集换式卡牌 全套", False),  # the same name as a trading card
    ("祥龙卡 储值卡 500元", False),  # and as a stored-value card
])
def test_plan_card_names_of_real_catalogues(clf: Classifier, title: str, sim: bool) -> None:
    """Session 37's plan-card names (rules.json plan_card/plan_card_cued, each list with its source)."""
    assert _verdict(clf, title, platform="taobao").sim_listing is sim


@pytest.mark.parametrize(("title", "platform"), [
    ("电信流量卡 19元155G 无隐性收费 全国包邮", "taobao"),
    ("联通大王卡 正规卡 绝无虚假宣传 无隐性收费", "taobao"),
    ("移动流量卡 19元100G 收到不识别包换 全国包邮", "taobao"),
    ("实在是不想用了，联通大流量卡转让，19元月租135G", "xianyu"),
    ("我去年办理的移动卡，现在不用了，低价转让 尾号8888", "xianyu"),
    ("太坑了 移动卡转让 19元 不想用了", "xianyu"),
    ("中国移动8元保号卡 海外可用 比giffgaff更划算", "taobao"),
    ("港版SIM卡 7天无限流量", "taobao"),
])
def test_sellers_wording_that_the_new_prose_and_carrier_words_must_not_take(clf: Classifier, title: str,
                                                                          platform: str) -> None:
    """(guard; the second review's probes in sellers' wording) a negated complaint word (无隐性收费),
    包换, a first-person line beside 转让, a foreign carrier named only for comparison, 港版 before a
    card sold: still listings taken down."""
    assert _verdict(clf, title, platform=platform).takedown


@pytest.mark.parametrize("title", ["本店出售的均为正规实名手机卡，需本人身份证实名激活", "收到卡后请确认已用本人身份证实名认证，方可使用。"])
def test_lawful_real_name_wording_is_no_pre_registration(clf: Classifier, title: str) -> None:
    """(guard; the second review) 已用…身份实名 needs a third party's identity (当地人, 他人)."""
    assert "pre_registered" not in _verdict(clf, title, platform="taobao").violations


def test_a_card_buyer_who_asks_for_codes_keeps_the_code_service(clf: Classifier) -> None:
    """(guard; the second review) 配合接码 is a membership's login only after 提供…."""
    assert "verification_service" in _verdict(clf, "高价收手机卡，需配合接码，日结", platform="xianyu").violations
