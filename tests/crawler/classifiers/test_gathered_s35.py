"""Error classes of session 35's gathered texts (each row with its source in gathered/*_af … *_ap),
one test per rule the session wrote, on the real wording; guards marked (guard), among them the
seller-like texts of the session's review."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of as _verdict


@pytest.mark.parametrize(("title", "description"), [
    ("MZONE_DAY_CARD = \"102\"; // 动感日租卡", "MZONE_MON_CARD = \"101\"; // 动感月租卡"),  # zh_iot_wifi_plans_w
    ("绑定物联网卡手机号", "@param cardPhone 解绑物联网卡手机号 查询物联网卡绑定号码基本信息"),
    ("'发票', '代开发票', '办证', '刻章', '假证', '办银行卡', '对公账户', '手机卡实名', '实名卡', '代写', '刷量', "
     "'刷粉', '地推', '接码', '养号', '引流工作室'", ""),  # a risk checker's keyword list
    ("getRealnameMobileRandom_db() 已实名号码", "@apiGroup MOBILE 调用说明: ${getRealnameMobileRandom_db()}"),
])
def test_source_code_waits_for_a_reviewer(clf: Classifier, title: str, description: str) -> None:
    """Comments, constants, annotations, template calls and quoted keyword lists of a program
    name cards without offering one (prose kind source_code): the takedown waits."""
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert not verdict.takedown and "review:prose" in verdict.rules_fired, verdict.rules_fired


def test_a_vendors_api_doc_is_still_its_offer(clf: Classifier) -> None:
    """(guard) a code-receiving vendor's quick start (black_card_and_prose_f): a // comment after
    its JSON is prose, the offer before it is not."""
    verdict = _verdict(clf, "Quick Start", "Get a verified SMS code in 2 API calls: Step 1 — Register. Step 2 — "
                       "One-Call Verify {\"platform\": \"instagram\"} // Waits for SMS, returns code automatically.",
                       platform="ebay")
    assert verdict.takedown and "verification_service" in verdict.violations, verdict.reasons


def test_a_fee_and_data_that_ship_are_a_card(clf: Classifier) -> None:
    """Issue #16's plan-style class (brand卡 + fee + data + minutes + where it ships) without an
    issuer: fee + data + shipping (a data pack for one's own number is never shipped). Written from
    the issue's description; no gathered text needed it (none changed)."""
    verdict = _verdict(clf, "19元155G通用流量 全国包邮", platform="taobao")
    assert verdict.sim_listing and "sim:plan" in verdict.rules_fired, verdict.reasons


@pytest.mark.parametrize("title", ["19.9元 64G内存卡 包邮", "移动流量包 10元 5G通用流量 包邮"])
def test_shipped_storage_or_a_data_pack_is_no_plan(clf: Classifier, title: str) -> None:
    """(guard) a bare 64G is a memory card's size too; a data pack names itself."""
    assert not _verdict(clf, title, platform="taobao").sim_listing


@pytest.mark.parametrize(("title", "description"), [
    ("eSIM 东南亚多国套餐", "涵盖东南亚多国的eSIM套餐"),  # gather_AF: a shop-admin demo's travel eSIMs
    ("eSIM 全球数据套餐", "覆盖全球50多个国家，提供稳定高速的数据服务"),
    ("印度eSIM套餐选择", "印度eSIM套餐在亚洲中价格最实惠。"),
])
def test_foreign_travel_esims_are_not_unauthorised(clf: Classifier, title: str, description: str) -> None:
    """POLICY §3: a foreign card is checked against no domestic list (多国, N多个国家, a destination
    right before the card word)."""
    verdict = _verdict(clf, title, description, platform="taobao")
    assert verdict.sim_listing and verdict.foreign and "unauthorised_seller" not in verdict.violations, verdict.reasons


@pytest.mark.parametrize("title", ["内蒙古移动流量卡", "资料填写"])
def test_domestic_cards_with_place_words_stay_domestic(clf: Classifier, title: str) -> None:
    """(guard) 内蒙古 holds 蒙古; a 号卡 order page names 国际/港澳台漫游 as a feature and 10天内激活."""
    description = "" if title != "资料填写" else ("请选择号码 您已选择靓号 国际/港澳台漫游和国际/港澳台长途功能将于号码激活时同步"
                                                  "生效 立即提交，免费送货上门 请在收到卡后的10天内激活使用")
    verdict = _verdict(clf, title, description, platform="taobao")
    assert verdict.takedown and "unauthorised_seller" in verdict.violations, verdict.reasons


def test_a_question_about_ones_own_card_waits_for_a_reviewer(clf: Classifier) -> None:
    """A customer's question (gather_AF: 联通卡怎么注销, to a 号卡 support bot)."""
    verdict = _verdict(clf, "联通卡怎么注销", platform="xianyu")
    assert not verdict.takedown and "review:prose" in verdict.rules_fired, verdict.rules_fired


def test_a_sellers_activation_hint_is_no_question(clf: Classifier) -> None:
    """(guard) the question must end the field: a seller's 收到卡怎么激活看详情 is its own title."""
    assert _verdict(clf, "移动流量卡 收到卡怎么激活看详情", platform="taobao").takedown


def test_a_data_card_voucher_is_no_card(clf: Classifier) -> None:
    """流量卡券 (gather_AF, a carrier's data pack with monthly vouchers) is a voucher, not a 流量卡."""
    verdict = _verdict(clf, "四川移动6GB畅享流量包·22.9元/月（5G-A+赠流量卡券）",
                       "22.9元/月享6GB通用流量+5G-A服务，每月获赠流量卡券（最高加享4GB/月）。", platform="taobao")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", ["大圣卡BPS-快手", "39元小魔卡", "畅视卡", "联通2233卡2022.11"])
def test_plan_card_names_of_the_gathered_catalogues(clf: Classifier, title: str) -> None:
    """Card names from a 号卡 order backend, a number shop and China Unicom's store (gather_AF), and a
    carrier's co-branded card with digits in its name."""
    verdict = _verdict(clf, title, platform="taobao")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


def test_a_carriers_top_up_card_is_still_no_card(clf: Classifier) -> None:
    """(guard) digits inside a carrier card name do not make a top-up card one."""
    assert not _verdict(clf, "移动100元话费充值卡", platform="taobao").sim_listing


@pytest.mark.parametrize(("title", "description"), [
    ("手机卡（包括虚拟运营商、物联网卡）：出租、出售、收购手机卡20张以上",
     "根据法发〔2021〕22号意见：银行卡：出租、出售、收购信用卡5张以上"),  # gather_AJ: a legal threshold
    ("国内用户注册Claude账号的流程需要海外手机号（接码平台可解决），升级Pro（$20/月）后可完整使用。", ""),
])
def test_legal_thresholds_and_advice_wait_for_a_reviewer(clf: Classifier, title: str, description: str) -> None:
    """Three trade verbs in a row (出租、出售、收购) are the law's wording; 可以用…接码 / 接码平台可解决
    is advice to the reader."""
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert not verdict.takedown and "review:prose" in verdict.rules_fired, verdict.rules_fired


def test_our_own_code_service_is_an_offer(clf: Classifier) -> None:
    """(guard) 你可以使用我们的短信接码服务 (numbers_and_codes_n) is the seller's own service."""
    verdict = _verdict(clf, "Vercel账号需要绑定你的手机号，你可以使用我们的短信接码服务来保护自己的隐私。", platform="xianyu")
    assert verdict.takedown and "verification_service" in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("Gere números virtuais para receber códigos de verificação SMS do Google e outros serviços.",
     "Rápido, seguro e sem complicação."),  # gather_AI: Portuguese landing copy
    ("Número virtual - Receba SMS online sem precisar de chip físico.",
     "Números virtuais para criação e verificação de contas e proteção de privacidade."),
    ("Terima OTP SMS dengan nomor virtual", "Pilih negara dan layanan, beli nomor, lalu terima kode verifikasi."),
])
def test_code_receiving_in_portuguese_spanish_and_indonesian(clf: Classifier, title: str, description: str) -> None:
    verdict = _verdict(clf, title, description, platform="ebay")
    assert verdict.takedown and "verification_service" in verdict.violations, verdict.reasons


def test_a_tools_flow_diagram_is_no_code_service(clf: Classifier) -> None:
    """(guard) sea_latam_marketplaces_m: an OTP tool's README steps (terima OTP without a number sold)."""
    verdict = _verdict(clf, "🧠 Cara Kerja", "1. sewa nomor ──► 2. kirim OTP 3. terima OTP 4. validate OTP 5. login sukses",
                       platform="shopee")
    assert not verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("What to do if you are not receiving SMS verification codes",
     "If you are unable to receive SMS verification codes, try these steps: Ensure you have a stable signal."),
    ("Can't receive verification code with SMART/TNT mobile number", ""),
])
def test_not_receiving_ones_own_codes_is_no_code_service(clf: Classifier, title: str, description: str) -> None:
    """Help pages: unable to / can't receive a code negates the code service's words."""
    verdict = _verdict(clf, title, description, platform="ebay")
    assert "verification_service" not in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("Pre-activated SIM cards pose a significant security threat as they bypass the strict identity verification", ""),
    ("NTC seeks tougher penalties vs SIM law violators",
     "They highlighted the prohibition on selling pre-registered SIM cards and other irregular practices."),
    ("How Do You Register a New SIM Card?",
     "After receiving a new SIM card, contact your cellular service provider to have the SIM card activated."),
    ("Fake-SMS", "A simple command line tool using which you can skip phone number based SMS verification by "
                 "using a temporary phone number."),
])
def test_news_guides_and_tools_wait_for_a_reviewer(clf: Classifier, title: str, description: str) -> None:
    """Regulator news (penalties, violators, prohibition on selling, poses a threat), how-do-you
    questions and an open-source tool's README (gather_AI)."""
    verdict = _verdict(clf, title, description, platform="ebay")
    assert not verdict.takedown, verdict.rules_fired


def test_a_sim_the_buyer_has_activated_is_not_pre_activated(clf: Classifier) -> None:
    """reference.com (gather_AI): "contact your provider to have the SIM card activated" is the
    buyer's own activation; a seller's "SIM card activated" is still a claim (guard)."""
    verdict = _verdict(clf, "Register a New SIM Card", "After receiving a new SIM card, contact your cellular service "
                       "provider to have the SIM card activated.", platform="ebay")
    assert "pre_activated" not in verdict.violations, verdict.reasons
    assert "pre_activated" in _verdict(clf, "Pre-activated SIM card, SIM card activated, ready", platform="ebay").violations


@pytest.mark.parametrize(("title", "description"), [
    ("挂饰解锁逻辑支持绑定具体打卡源，不再只依赖完成数量；旧的新手挂饰仍保留数量解锁。", ""),  # gather_AG: 打卡源
    ("<param name=\"data\">关卡源数据; 为 null 时清空视口。</param>", "绑定关卡数据并重建绘制缓存。"),  # 关卡源
    ("<el-dropdown-item @click.native=\"setCardVisible = true\">收卡费</el-dropdown-item>", ""),  # a card fee
    ("第2节 · ASIN 定位与流量卡位", ""),  # an ads course: traffic positioning
    ("保存用户签发给龙虾的一次性交接码。", "CREATE TABLE agent_handoff_codes"),  # a handoff code
    ("<title>手机号码归属地查询</title>", ""),  # a number-location lookup tool
    ("自动养号控制器", "@RequestMapping(\"/api/auto-nurture\")"),
])
def test_card_and_code_words_inside_other_words(clf: Classifier, title: str, description: str) -> None:
    """卡源 inside 打卡源/关卡源, 收卡 inside 收卡费, 流量卡 inside 流量卡位, 接码 inside 交接码, a
    number lookup, and 养号 of an automation tool: no card offered, no takedown."""
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert not verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("一手卡源 流量卡批发", ""),
    ("高价收卡 收各类手机卡", ""),
])
def test_card_sources_and_card_buying_stay(clf: Classifier, title: str, description: str) -> None:
    """(guard) the trade's own 卡源 and 收卡."""
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("甲方申请入网时，在中国电信全国范围内登记在同一个个人用户名下的移动电话卡达到5张的，乙方根据国家相关规定不再为其开办新的移动电话卡。",
     ""),  # gather_AG: a subscriber agreement
    ("录取通知书夹3张手机卡 学校称未与运营商合作", ""),  # a news headline
    ("{ id: 'sms', keywords: ['接码', '收码', '验证码', '手机号', '实卡接码', 'sms'] }", ""),
    ("余额不足，无法领取授权接码号码", "暂无待用接码卡密 / 接码会话不存在或已结束"),
])
def test_contracts_reports_code_and_messages_wait(clf: Classifier, title: str, description: str) -> None:
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert not verdict.takedown and "review:prose" in verdict.rules_fired, verdict.rules_fired


def test_a_long_prose_title_without_a_price_heads_a_post(clf: Classifier) -> None:
    """A sentence-long title whose offer words are all prose, with no price or plan figure anywhere,
    is a post or an article (zh_iot_wifi_plans_w: an app's bug report, fqrouter issue 300)."""
    verdict = _verdict(clf, "L39t 4G下fqrouter无法使用，打开后SIM卡无法识别。",
                       "他的L39t在插入移动4G卡后，原本能在2、3G正常工作的fqrouter无法正常工作，无论任何一个网络都会提示找不到SIM卡。",
                       platform="xianyu")
    assert not verdict.takedown and not verdict.sim_listing and "review:prose" in verdict.rules_fired, verdict.reasons


def test_a_text_whose_every_signal_is_prose_is_no_listing(clf: Classifier) -> None:
    """POLICY §8: news about the trade is no SIM listing (sim_listing false); its violations stay on
    the verdict and the takedown is held, so a reviewer who finds an offer can still confirm it."""
    verdict = _verdict(clf, "NTC seeks tougher penalties vs SIM law violators",
                       "They highlighted the prohibition on selling pre-registered SIM cards.", platform="ebay")
    assert not verdict.sim_listing and not verdict.takedown and verdict.needs_review, verdict.reasons
    assert "pre_registered" in verdict.violations and "review:prose" in verdict.rules_fired, verdict.rules_fired


def test_a_prose_faq_without_violations_is_no_listing_either(clf: Classifier) -> None:
    """(gather_AI) a help page naming a SIM, no violation to hold: still not a listing."""
    verdict = _verdict(clf, "How Do You Register a New SIM Card?",
                       "After receiving a new SIM card, contact your cellular service provider.", platform="ebay")
    assert not verdict.sim_listing and verdict.needs_review and "review:prose" in verdict.rules_fired, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("根据账号及msisdn 查询物联网卡基本信息", ""),  # gather_AG: an SDK's method doc
    ("查询流量卡订购套餐记录", "请求地址：http://api.qwtong.me/v1/member/package/order"),  # an API doc heading
])
def test_query_api_names_wait_for_a_reviewer(clf: Classifier, title: str, description: str) -> None:
    verdict = _verdict(clf, title, description, platform="xianyu")
    assert not verdict.takedown and "review:prose" in verdict.rules_fired, verdict.rules_fired


@pytest.mark.parametrize(("platform", "title", "description", "code"), [
    ("shopee", "Lucky Store — Kartu Perdana Siap Pakai Tanpa Registrasi", "Tanpa registrasi, langsung aktif",
     "no_real_name"),  # gather_AL: an Indonesian starter-card shop
    ("shopee", "Sim 4G Vinaphone du lieu", "Sim chuyen dung cho thiet bi dinh vi, da kich hoat.", "pre_activated"),
])
def test_indonesian_and_unaccented_vietnamese_black_card_words(clf: Classifier, platform: str, title: str,
                                                               description: str, code: str) -> None:
    verdict = _verdict(clf, title, description, platform=platform)
    assert verdict.takedown and code in verdict.violations, verdict.reasons


def test_without_registration_you_cannot_activate_is_no_offer(clf: Classifier) -> None:
    """(guard) kompas.com: "Tanpa registrasi, pelanggan baru … tidak akan bisa mengaktifkan kartu"."""
    verdict = _verdict(clf, "Kartu Prabayar", "Tanpa registrasi, pelanggan baru yang membeli kartu SIM prabayar pada "
                       "tanggal 31 Oktober 2017 atau setelahnya tidak akan bisa mengaktifkan kartu.", platform="shopee")
    assert "no_real_name" not in verdict.violations, verdict.reasons


def test_a_device_after_para_is_where_the_card_works(clf: Classifier) -> None:
    """gather_AL (an Amazon Brazil inventory): "Kit De Cartão Sim Para Smartphones" sells the SIM kit."""
    verdict = _verdict(clf, "SpeedTalk Mobile Kit De Cartão Sim Para Smartphones E Celulares", platform="amazon")
    assert verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", ["深圳灵星雨经销发送卡、接收卡海量库存",  # gather_AM: LED controller cards
                                   "大额资金短拆，手机靓号质押贷款"])  # a loan against a vanity number
def test_led_control_cards_and_number_backed_loans_are_no_card_sale(clf: Classifier, title: str) -> None:
    verdict = _verdict(clf, title, platform="xianyu")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", ["Keep your registered SIM card secure at all times.",  # gather_AL: a safety tip
                                   "Messages are routed through your verified SIM card."])  # an SMS gateway's doc
def test_the_readers_own_registered_sim_is_no_offer(clf: Classifier, title: str) -> None:
    verdict = _verdict(clf, title, platform="ebay")
    assert not verdict.takedown and not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", ["钉钉宝卡精选", "京东强卡"])
def test_co_branded_cards_of_more_apps(clf: Classifier, title: str) -> None:
    """A 王卡 agent's card list (zh_listings_with_details_l) and a card family name (gather_AF)."""
    assert _verdict(clf, title, platform="taobao").takedown


@pytest.mark.parametrize("title", ["京东E卡 100元", "美团月卡"])
def test_app_gift_and_member_cards_stay_lawful(clf: Classifier, title: str) -> None:
    """(guard) a gift card and a membership of the same apps."""
    assert not _verdict(clf, title, platform="taobao").sim_listing


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("shopee", "Masukkan Kartu SIM dan pastikan memiliki paket data aktif.", ""),  # gather_AI: a kit's setup step
    ("ebay", "En el teléfono, inserte la tarjeta SIM.", "En el teléfono, instale la aplicación WhatsApp Business."),
])
def test_setup_instructions_are_no_listing(clf: Classifier, platform: str, title: str,
                                                              description: str) -> None:
    verdict = _verdict(clf, title, description, platform=platform)
    assert not verdict.sim_listing and "review:prose" in verdict.rules_fired, verdict.rules_fired


def test_a_sellers_instructions_under_its_title_stay_an_offer(clf: Classifier) -> None:
    """(guard) "insert the SIM" in the description of a titled SIM listing."""
    verdict = _verdict(clf, "Prepaid SIM Card USA 30 days unlimited", "Insert the SIM into your unlocked phone and "
                       "it works at once.", platform="ebay")
    assert verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("ebay", "Prepaid SIM Card USA 30 days", "Return policy: 30 days money back. Ships from California."),
    ("ebay", "Prepaid SIM Card USA 30 days unlimited", "Insert the SIM into your unlocked phone and it works at once."),
    ("taobao", "移动流量卡 纯流量", "可以用在各大视频平台"),
])
def test_what_sellers_write_too_never_makes_a_titled_listing_an_article(clf: Classifier, platform: str, title: str,
                                                                        description: str) -> None:
    """(guard) a body without offer words of its own makes a title a headline only through an
    article's prose (news, court papers, code); advice, instructions and a return policy are what
    sellers write too (rules.json offer_words_only)."""
    assert _verdict(clf, title, description, platform=platform).sim_listing


def test_a_pocket_wifi_that_takes_a_card_is_a_device(clf: Classifier) -> None:
    """A JD title (gather_AK, the GAIIC title-NER data): 插卡 — the buyer inserts a card — and
    无限流量 is what that card may give; no fee or allowance is sold with it."""
    verdict = _verdict(clf, "华为（HUAWEI）E5885移动随身wifi三网4g无线路由器无限流量上网插卡车载mifi三网通移动联通电信（黑金色）",
                       platform="jd")
    assert not verdict.sim_listing, verdict.reasons


def test_a_pocket_wifi_with_a_stated_plan_has_a_card(clf: Classifier) -> None:
    """(guard) a stated allowance is a plan sold with the device (POLICY §1)."""
    verdict = _verdict(clf, "随身wifi 插卡 无限流量 月租29元 100G通用流量", platform="taobao")
    assert verdict.sim_listing, verdict.reasons


def test_an_allowance_per_month_is_a_plan(clf: Classifier) -> None:
    """gather_AK: a pocket WiFi that takes a card, sold with 465GB/1个月 — a stated allowance."""
    verdict = _verdict(clf, "华为e5573全国流量4G无线路由器移动随身wifi车载mifi无线上网卡插卡笔记本e5572联通电 EE5573-852(移动3G版) "
                       "465GB/1个月", platform="jd")
    assert verdict.sim_listing and verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("platform", "title", "description"), [
    ("taobao", "移动流量卡", "// 下单必读 // 本卡为移动正规卡，月租19元，包含100G全国通用流量，收到后自助激活。"),
    ("taobao", "电信流量卡", "可以通过官方APP查询流量使用量，月租29元"),
    ("taobao", "流量卡券后9.9 全国通用", ""),
    ("taobao", "移动流量卡 全国可用 自选号码 包邮", ""),
    ("ebay", "Prepaid SIM Card", "No penalties, no contract. Pre-activated SIM, no ID required."),
])
def test_seller_wording_that_looks_like_prose_stays_an_offer(clf: Classifier, platform: str, title: str,
                                                             description: str) -> None:
    """(guard) decorations and phrases a seller writes — "// 下单必读 //", 查询流量使用量, 券后, 全国可用,
    "no penalties" — found by the session's review on realistic seller texts: still takedowns."""
    assert _verdict(clf, title, description, platform=platform).takedown


@pytest.mark.parametrize("title", ["Prepaid 5G DataSIM", "WatchSIM"])  # gather_AP: carriers' product pages
def test_sim_glued_to_its_kind_is_a_sim(clf: Classifier, title: str) -> None:
    assert _verdict(clf, title, platform="ebay").sim_listing


def test_anonymous_data_only_esim_without_pii_is_no_real_name(clf: Classifier) -> None:
    """gather_AP: a privacy shop's eSIM ("Anonymous data-only eSIM … No PII required")."""
    verdict = _verdict(clf, "Privacy SIM — Recharge", "Anonymous data-only eSIM. No PII required.", platform="ebay")
    assert verdict.takedown and "no_real_name" in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    ("What Is A Prepaid SIM Card", "In this digital age, staying connected is more important than ever. Whether you're a "
     "frequent traveler or a student, a prepaid SIM card can be a game-changer."),  # gather_AP: an explainer
])
def test_an_explainer_is_no_listing(clf: Classifier, title: str, description: str) -> None:
    assert not _verdict(clf, title, description, platform="ebay").sim_listing


def test_a_tour_that_gives_a_phone_card_abroad_gives_a_foreign_card(clf: Classifier) -> None:
    """zh_pages_and_numbers: a Phuket tour with 赠电话卡 — the card is foreign (POLICY §3)."""
    verdict = _verdict(clf, "广州直飞普吉岛6天5晚精致游", "含往返机票、酒店，赠电话卡", platform="taobao")
    assert "unauthorised_seller" not in verdict.violations, verdict.reasons


def test_my_data_vouchers_in_an_app_are_no_card(clf: Classifier) -> None:
    """gather_AN: a data voucher's description, 登录app后在【我的流量卡】内充值 — an app page's name."""
    verdict = _verdict(clf, "", "登录app后在【我的流量卡】内充值", platform="taobao")  # the row's description
    assert not verdict.sim_listing, verdict.reasons


def test_a_table_and_chairs_set_is_no_plan(clf: Classifier) -> None:
    """A real JD capture (../shared/fixtures/jd, a furniture search): 一桌四椅套餐 is a furniture set."""
    verdict = _verdict(clf, "芙尼星北欧伊姆斯椅子现代简约木休闲餐椅 一桌四椅套餐DDDD全灰色", platform="jd")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", ["第一次抽中，兴奋了很久。但收到后，币靓号差，又郁闷了很久。",  # gather_AN: coin reviews
                                   "品相好、吉祥号、很满意。"])
def test_a_coins_lucky_serial_number_is_no_phone_number(clf: Classifier, title: str) -> None:
    assert not _verdict(clf, title, platform="xianyu").sim_listing
