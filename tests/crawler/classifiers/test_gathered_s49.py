"""Real texts gathered in session 49 (gathered/*_qa … *_qd) and earlier texts the session's rules
read now. Each text with its source; every test but the guards failed before its rule."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import assert_taken_down_for, verdict_of


@pytest.mark.parametrize(("platform", "title", "description"), [
    # a real number bought or rented for incoming verification texts:
    # https://glama.ai/mcp/servers/rchanllc/joltsms-mcp-server/tools/joltsms_provision_number (gathered)
    ("ebay", "Rent a dedicated real-SIM US phone number for inbound SMS and OTP extraction.", ""),
    # https://glama.ai/mcp/connectors/com.buyukesim/mcp/tools/purchase_uk_number (gathered)
    ("ebay", "Buy a UK +44 Number eSIM (a real UK mobile line for incoming verification SMS and calls)", ""),
    # virtual numbers ordered, provided or sold in Indonesian and Russian:
    # Sumiartoni/nokoshub backend/bot tele/bot.ts@35c0e89e (bot description, gathered)
    ("shopee", "Order nomor OTP otomatis, deposit saldo, dan cek riwayat langsung dari Telegram.", ""),
    # kangruwet717/nokos-web2 resources/views/welcome.blade.php@dd45d1e2 (countries section, gathered)
    ("shopee", "Nomor Virtual dari Berbagai Negara", "Pilih negara sesuai kebutuhan verifikasi dan testing Anda."),
    # kangruwet717/nokos-web2 resources/views/legal/terms.blade.php@dd45d1e2 (doubtful there, a test here)
    ("shopee", "Blueline OTP menyediakan nomor virtual untuk kebutuhan verifikasi, testing, QA, dan kebutuhan "
     "bisnis yang sah.", ""),
    # m1kkyqqq/-TgBotSaleVirtualsNumbers- README.md@1a025412 (header, gathered)
    ("shopee", "**Продажа виртуальных номеров через Telegram**", ""),
    # a Telegram account on an app-store region's number, or registered for you:
    # MarkIvory2973/tg-spam ml/data/tg-spam/train.csv@fdd4796d (records 14615 and 15068, gathered)
    ("xianyu", "大家不要用+86了，美区飞机号绝对安全特价购买联系：@JHSW888I$OUJ", ""),
    ("xianyu", "需要注册飞机号请进频道：https://t.me/hhjiema", ""),
    # paying per number for a registration code (the trade's worker side):
    # zjunlp/ChineseHarm-bench benchmark/黑产广告.json@5e81bc49 (items 37 and 1019, gathered)
    ("xianyu", "微信注册，接个验证码即可 一个号80，秒结算不墨迹", ""),
    ("xianyu", "手机号码注册美团民宿15一个，现结", ""),
])
def test_numbers_and_codes_offered_are_a_code_service(clf: Classifier, platform: str, title: str,
                                                       description: str) -> None:
    assert_taken_down_for(clf, "verification_service", title, description, platform=platform)


@pytest.mark.parametrize("title", [
    "Buy a local phone number for inbound SMS marketing campaigns",
    "Business number for incoming calls and texts, 1 month",
])
def test_a_business_number_for_incoming_texts_is_no_code_service(clf: Classifier, title: str) -> None:  # guards
    assert "verification_service" not in verdict_of(clf, title, platform="ebay").violations


@pytest.mark.parametrize("title", [
    # gathered en_underground_ph.jsonl (Korean SIM-buying spam, session 48's known misses)
    "선불유심내구제 당일지급",
    "선불유심매입",
])
def test_korean_prepaid_usim_buying_spam_trades_cards(clf: Classifier, title: str) -> None:
    assert_taken_down_for(clf, "bulk_trading", title, platform="ebay")


@pytest.mark.parametrize("title", [
    # windshock/pointpivot data/campaigns.md@de4c04cb: an investigator's report that names the spam
    "[선불유심 내구제] → 현금 필요한 사람 대상 스팸 광고",
    "SKT 유심 교체 Q&A",
])
def test_a_report_on_usim_spam_or_a_usim_swap_is_no_offer(clf: Classifier, title: str) -> None:  # guards
    assert not verdict_of(clf, title, platform="ebay").takedown


def test_a_sign_up_bonus_for_ones_own_number_is_no_code_trade(clf: Classifier) -> None:  # guard
    assert not verdict_of(clf, "新用户手机号注册送20元红包，秒到账", platform="xianyu").takedown


@pytest.mark.parametrize("title", [
    # https://github.com/sky22333/sky22333.github.io/issues/15 (gathered): a list of sites
    "免费接码网站合集",
    # beike2020/ChineseDarkWebCrawler db.sqlite3@4307fb01 (Topic_id 7f85a768…, gathered): a list sold
    "国内38个接码平台+4个扫码平台",
    # beike2020/ChineseDarkWebCrawler db.sqlite3@4307fb01 (Topic_id 751a4b0c…, gathered): a tutorial
    "微信个人养号30天成号教程",
    # MarkIvory2973/tg-spam train.csv@fdd4796d (record 15797): laundering crews (车队) buy bank cards
    "车队收卡，司法包处理",
])
def test_a_list_of_code_sites_a_tutorial_or_a_bank_card_crew_sells_no_number(clf: Classifier, title: str) -> None:
    assert not verdict_of(clf, title, platform="xianyu").sim_listing


@pytest.mark.parametrize("title", ["专业接码平台，各类验证码秒收", "收卡，高价收电话卡"])
def test_a_code_platform_or_a_phone_card_buyer_stays_an_offer(clf: Classifier, title: str) -> None:  # guards
    assert verdict_of(clf, title, platform="xianyu").takedown


@pytest.mark.parametrize("title", [
    # https://smartsimregistration.net/paano-mag-register-ng-sim-card/ (gathered)
    "Paano Mag Register ng SIM Card: Isang Gabay sa Hakbang-Hakbang",
    # gathered ph_th_my_pd.jsonl (session 48's known miss)
    "Paano Mag-register Ng DITO SIM: Gabay Para Sa Lahat",
])
def test_a_tagalog_how_to_headline_is_no_listing(clf: Classifier, title: str) -> None:
    assert not verdict_of(clf, title, platform="shopee").sim_listing


def test_a_perdana_card_for_sale_stays_a_listing(clf: Classifier) -> None:  # guard
    assert verdict_of(clf, "Kartu Perdana Telkomsel 50GB", platform="shopee").sim_listing


# The session's two reviews (second agents' probes, written to POLICY): look-alikes the first versions
# of the rules took down — aircraft registrations and flight look-ups (美国飞机号), model-plane decals,
# a tutorial, sign-up bonuses and job ads paid daily, Korean police news, a victim's question and a
# phone buyer that does not buy USIMs, enterprise short codes, business virtual numbers (PBX, 0800,
# 8-800) and a Duma ban — and offers the rules must keep: a laundering crew buying phone cards too,
# a Tagalog seller's how-to-order line; then CPaaS docs and bank notices on the number for incoming OTPs,
# Korean fraud warnings and questions, a user's own Telegram account, a sign-up step, an office line and
# Indonesian warnings on virtual numbers.
@pytest.mark.parametrize(("platform", "title", "sim", "takedown"), [
    ("ebay", "Programmable numbers for inbound SMS and verification codes - Verify API quickstart for developers",
     False, False),
    ("ebay", "HDFC Bank: the mobile number for incoming OTPs can be changed at any branch with your ID", False, False),
    ("ebay", "Update the customer's number for incoming OTPs in the CRM before enabling 2FA (admin guide)", False, False),
    ("ebay", "중고폰 매입합니다. 유심 매입 안 합니다, 폰만 보내주세요", False, False),
    ("ebay", "유심 내구제 사기 주의보 — 통신사 직원이 알려주는 수법", False, False),
    ("ebay", "금융감독원 '선불폰 내구제' 대출 광고 주의, 명의도용 우려", False, False),
    ("ebay", "중고나라 글에 나오는 '유심 매입'은 무슨 뜻이에요?", False, False),
    ("xianyu", "求助：美区飞机号被双向了怎么办", False, False),
    ("xianyu", "需要注册飞机号请先下载Telegram官方客户端，再按步骤操作", False, False),
    ("xianyu", "需要注册飞机号联系客服？小心是骗子，官方从不收费", False, False),
    ("shopee", "Sedia nomor virtual +62 21 untuk kantor: IP phone, PABX, call forwarding (bukan untuk OTP)", None, False),
    ("shopee", "Waspada penipuan lewat telepon dari nomor virtual dari berbagai negara, OJK minta masyarakat blokir",
     None, False),
    ("shopee", "WhatsApp kini memblokir nomor virtual untuk kebutuhan verifikasi akun baru", None, False),
    ("xianyu", "台区纸飞机号 稳定不封 私聊", True, True),
    ("xianyu", "美国飞机号N字头注册信息怎么查？航空爱好者必看", False, False),
    ("xianyu", "国外飞机号查询：输入航班号CA981查看实时动态", False, False),
    ("xianyu", "航模水贴 美国飞机号码贴纸 N字头 1:72", False, False),
    ("xianyu", "注册飞机号被封怎么办？Telegram新号防封教程", False, False),
    ("xianyu", "手把手教你用国内手机注册whatsapp账号 图文步骤", False, False),
    ("xianyu", "新用户手机号注册即送10元，邀请好友每日结算佣金", False, False),
    ("xianyu", "手机号码注册即享会员价，5元一个月", False, False),
    ("xianyu", "外卖骑手招聘：手机号注册APP即可接单，日结工资", False, False),
    ("ebay", "경찰, 유심 내구제 조직 검거…대포폰 3천여대 유통", False, False),
    ("ebay", "유심 매입 제안 받았는데 대포폰 명의대여인가요? 처벌 받나요", False, False),
    ("ebay", "중고폰 고가 매입 — 유심 매입은 하지 않습니다, 유심은 빼고 보내주세요", False, False),
    ("ebay", "Short code lines for inbound SMS and verification of opt-ins — enterprise CPaaS, API docs", False, False),
    ("shopee", "Sedia nomor virtual kantor (IP PBX) untuk call center perusahaan, bukan kartu SIM", None, False),
    ("shopee", "Menyediakan nomor virtual 0800 bebas pulsa untuk layanan pelanggan bisnis Anda", None, False),
    ("ebay", "Госдума может запретить продажу виртуальных номеров без идентификации абонента", None, False),
    ("ebay", "Ростелеком: продажа виртуальных номеров для бизнеса — многоканальный номер в облачной АТС", None, False),
    ("xianyu", "车队收卡 银行卡+电话卡两件套 高价回收", True, True),
    ("shopee", "Paano po mag-order: DITO SIM 5G, P49 lang, free shipping", True, False),
    ("shopee", "Sedia nomor virtual WhatsApp & Telegram, proses 1 menit, garansi kode masuk", True, True),
    ("shopee", "Order nomor virtual +1 via bot Telegram kami, saldo otomatis", True, True),
    ("ebay", "선불유심 고가매입 / 명의 상관없음 / 텔레 문의", True, True),
    ("ebay", "선불폰 내구제 삽니다 유심 개통만 해주세요", True, True),
    ("xianyu", "招兼职：接一个验证码20块一个，日结", True, True),
])
def test_the_reviews_probes(clf: Classifier, platform: str, title: str, sim: bool | None, takedown: bool) -> None:
    verdict = verdict_of(clf, title, platform=platform)
    # sim None: a business number still reads as a SIM listing (as before this session); what the
    # review asked is that it is no takedown
    assert (sim is None or verdict.sim_listing == sim) and verdict.takedown == takedown, verdict.reasons


@pytest.mark.parametrize("title", [
    # https://pypi.org/project/temp-sms (doubtful in the helper's file, a test here): a hobby library
    "Temporary phone numbers for receiving SMS in python.",
    # https://packagist.org/packages/gogo188166/telegram-account-parser (gathered): a file-format library
    "PHP library for parsing and generating Telegram tdata and session files",
    # https://github.com/rgordeev/smsactivate (gathered): a wrapper a third party wrote for a code service
    "Wrapper for SMS activation service http://sms-activate.ru",
])
def test_a_third_party_library_sells_no_number_or_account(clf: Classifier, title: str) -> None:
    assert not verdict_of(clf, title, platform="ebay").takedown


@pytest.mark.parametrize(("title", "description"), [
    ("Official Python SDK for Tell-a-bot API: automate your SMS verification", ""),
    # the third review's probes: a vendor naming its own clients beside its offer
    ("Disposable numbers for SMS verification. Ruby client gem and Golang module available. Top up with crypto", ""),
    ("Receive SMS online: code examples in Python, PHP and Node.js. Numbers for OTP from $0.08", ""),
    ("SMS verification numbers - 5000+ services",
     "Receive codes for WhatsApp, Telegram, Google. Python client and PHP wrapper on GitHub."),
    ("Virtual numbers API", "Receive SMS verification codes in python with one call. Rent numbers for 4 hours or 30 days."),
])
def test_a_code_vendors_own_sdk_or_client_stays_its_service(clf: Classifier, title: str, description: str) -> None:  # guards
    assert_taken_down_for(clf, "verification_service", title, description, platform="ebay")


@pytest.mark.parametrize(("platform", "title"), [
    # Cypher-Z/FBS_SMS_Dataset (AD:Loan, gathered, stored tokenised): a vanity number as a loan's collateral
    ("xianyu", "专业 解决 资金周转 难题 车辆 房产 NAME 靓号 抵押 贷款 利率 低 审核 快 放款 快 额度 高 咨询 热线 PHONE"),
    # lylcst/GAIIC_project_NER preliminary_test_a (gathered): a renewal with bonus credit for one's own line
    ("jd", "中国移动上海移动手机卡续约上海移动手机卡赠费老用户特惠无需新办号码上海移动存20送200（108元档）"),
])
def test_a_pledged_vanity_number_or_a_lines_renewal_sells_no_card(clf: Classifier, platform: str, title: str) -> None:
    assert not verdict_of(clf, title, platform=platform).takedown


@pytest.mark.parametrize("title", ["移动手机卡 赠费100元 新卡包邮", "新办移动手机卡赠费50元 包邮", "联通手机卡赠费100元月租19元",
                                   "手机卡赠费100元 新老用户均可办理 包邮到家",  # the third review
                                   "手机靓号出售 AAAA豹子号 可过户"])
def test_a_new_card_with_bonus_credit_or_a_vanity_number_sold_stays_an_offer(clf: Classifier, title: str) -> None:  # guards
    assert verdict_of(clf, title, platform="xianyu").takedown
