"""Issue #16's error classes, each on real seller texts from data/real/ (dev part, cited by id).

The rows are read from the corpus by id, so each test runs on exactly what the seller wrote. The
issue's contact example ("…WeChat Alipay Verification Code Service") is tested with the contacts
(tests/crawler/takedowns/test_contacts.py, test_network.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import all_lists_loaded, load_real

ROWS = {row["id"]: row for row in load_real("dev")}


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(all_lists_loaded(), use_model=False)


def judge(clf: Classifier, row_id: str) -> tuple[dict[str, Any], Any]:
    row = ROWS[row_id]
    assert row["split"] == "dev"  # never a test-part row
    return row, clf.classify(row)


# Evasion readings inside ordinary words: Latin letters of a model number (SM-G9730, PLK-AL10)
# are not pinyin initials of a black-card phrase (sm = 实名).
@pytest.mark.parametrize("row_id", ["r0045", "r0046", "r0048", "r0074", "r0241", "r0242"])
def test_evasion_inside_model_numbers(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert row["error_class"] == "evasion_in_word"
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons
    assert not any(r.startswith("evasion:") for r in verdict.rules_fired)


# Lawful look-alikes: accessories, modules/dev boards, devices taking a card, memberships' 月卡.
@pytest.mark.parametrize("row_id", ["r0212", "r0213",  # SIM card tray / holder
                                    "r0089", "r0090", "r0093", "r0095", "r0096",  # modules, boards
                                    "r0035", "r0037", "r0038", "r0070",  # phones and a child's watch
                                    "r0138", "r0139", "r0140", "r0141", "r0143", "r0144",  # 月卡/年卡
                                    "r0201"])  # a gift card "为不记名卡"
def test_lawful_lookalikes_are_not_sim_listings(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert row["error_class"] in ("lookalike_accessory", "lookalike_module", "lookalike_device",
                                  "lookalike_membership", "new_blackcard_wording")
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons


# Missed SIM listings: plan-style titles (brand卡 + fee + data + minutes + where it ships).
@pytest.mark.parametrize("row_id", ["r0011", "r0013", "r0014", "r0016", "r0017", "r0019"])
def test_plan_style_titles_are_sim_listings(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert row["error_class"] == "plan_style"
    assert verdict.sim_listing and verdict.violations == ["unauthorised_seller"], verdict.reasons


def test_plan_style_without_a_card_word() -> None:
    # carrier + monthly fee + data + minutes, no SIM noun at all (the shape of r0011 without 卡)
    verdict = Classifier(all_lists_loaded(), use_model=False).classify(
        {"platform": "taobao", "listing_id": "p", "title": "移动 29元/月 245G通用流量 100分钟 仅发上海"})
    assert verdict.sim_listing and "sim:plan" in verdict.rules_fired


# 先激活充值后发货 is how the card is fulfilled, not a top-up product.
@pytest.mark.parametrize("row_id", ["r0015", "r0107", "r0110", "r0112", "r0116", "r0118"])
def test_fulfilment_topup_is_a_card_sale(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert row["error_class"] == "fulfilment_topup"
    assert verdict.sim_listing and sorted(verdict.violations) == sorted(row["violations"]), verdict.reasons


# English verification phrasing; and English help requests that are not listings.
@pytest.mark.parametrize("row_id", ["r0053", "r0058", "r0059", "r0069", "r0199", "r0200"])
def test_english_verification_phrasing(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert row["error_class"] == "english_verification"
    assert verdict.sim_listing == row["sim_listing"], verdict.reasons
    assert verdict.takedown == row["takedown"], verdict.reasons


def test_english_buying_question_is_not_a_listing(clf: Classifier) -> None:
    row, verdict = judge(clf, "r0061")
    assert row["error_class"] == "english_buying" and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize("row_id", ["r0155",  # a Japanese shop buying old telephone cards (テレカ)
                                    "r0290", "r0291", "r0292"])  # 高價收購 gold, cars, app accounts
def test_buying_without_a_card_is_not_card_buying(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert not row["sim_listing"] and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize("row_id", ["r0304", "r0305"])
def test_fake_contacts_are_neither_contacts_nor_sim_listings(clf: Classifier, row_id: str) -> None:
    # "微信支付宝均可开通使用" names payment apps, not a WeChat id (issue: wechat:alipay)
    from crawler.takedowns.contacts import extract_contacts

    row, verdict = judge(clf, row_id)
    assert row["error_class"] == "fake_contact" and not verdict.sim_listing, verdict.reasons
    text = f"{row['title']} {row.get('description') or ''}"
    assert not [i for i in extract_contacts(text) if i.kind in ("wechat", "qq", "telegram")]


# Black-card wording real sellers use: account-registration offers, 实名 accounts, card farming.
@pytest.mark.parametrize("row_id", ["r0008", "r0009", "r0230", "r0237", "r0330", "r0345"])
def test_new_black_card_wording(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert verdict.takedown
    black = set(row["violations"]) - {"unauthorised_seller"}
    assert black & set(verdict.violations), (row["violations"], verdict.reasons)


@pytest.mark.parametrize(("title", "code"), [
    ("不记名卡 流量卡 全国通用", "no_real_name"),
    ("高價收購電話卡 有多少收多少", "bulk_trading"),  # a buying ad in traditional characters
    ("激活一张流量卡就可以挣20元", "bulk_trading"),  # card-farming pay per card
])
def test_black_card_wording_beyond_the_old_lexicon(clf: Classifier, title: str, code: str) -> None:
    verdict = clf.classify({"platform": "xianyu", "listing_id": "w", "title": title})
    assert code in verdict.violations, verdict.reasons


def test_every_error_class_of_the_corpus_is_tested() -> None:
    tested = {"evasion_in_word", "lookalike_accessory", "lookalike_module", "lookalike_device",
              "lookalike_membership", "plan_style", "fulfilment_topup", "english_verification",
              "english_buying", "english_bulk", "new_blackcard_wording", "fake_contact"}
    assert {row["error_class"] for row in ROWS.values() if row.get("error_class")} <= tested


# Second-round rows (corpus2): brand-less plan names, pocket WiFi / CPE with a plan, verification
# services without a SIM noun, and lawful look-alikes (tariffs, app vanity ids, a card-swap note).
@pytest.mark.parametrize("row_id", ["r0381", "r0385", "r0386",  # 春风卡280G: a card name + data + minutes
                                    "r0488",  # 专业接收各种验证码Telegram
                                    "r0514"])  # CPE 免插卡
def test_second_round_sim_listings(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert row["sim_listing"] and verdict.sim_listing, verdict.reasons
    assert verdict.takedown == row["takedown"] and set(verdict.violations) >= set(row["violations"]) - {
        "bulk_trading"}, verdict.reasons


@pytest.mark.parametrize("row_id", ["r0414",  # 卡券 of a carrier's promotion (流量日包)
                                    "r0475", "r0479",  # the carrier's own tariffs, no card
                                    "r0492",  # 换卡说明: swapping the buyer's own card
                                    "r0553",  # 续费靓号: an app's vanity account id
                                    "r0393", "r0556"])  # 云空间年卡500G, 内存卡: not card names
def test_second_round_lookalikes(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert not row["sim_listing"]
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons


@pytest.mark.parametrize(("title", "sim"), [
    ("4G随身WiFi 月租19元 100G全国流量", True),  # a data device sold with a plan: built-in card
    ("随身WiFi 包年套餐 免费试用", True),
    ("随身WiFi 不含卡 需自备卡 包月套餐可选", False),  # the card excluded
    ("随身WiFi 三网通 便携路由", False),  # a device alone
    ("内存卡 64G 39元 100分钟", False),  # a word of another sense is no card name
    ("车载WiFi 100G全国流量", True),
    ("咔咔通信 29元/月 100G通用流量 100分钟", True),  # an MVNO-shaped brand issues the plan
    ("云空间年卡500G 100分钟 29元/月", False),  # a membership period is no card name
])
def test_plans_without_a_sim_noun(title: str, sim: bool) -> None:
    verdict = Classifier(all_lists_loaded(), use_model=False).classify(
        {"platform": "taobao", "listing_id": "w", "title": title})
    assert verdict.sim_listing is sim, verdict.reasons


@pytest.mark.parametrize(("title", "code"), [
    ("Prepaid SIM cards available in bulk", "bulk_trading"),  # POLICY §7: bulk SIMs
    ("Travel eSIM - bulk pricing for agencies", "bulk_trading"),
    ("Pack of 50 SIM cards, unactivated", "bulk_trading"),
    ("Sell us your unused SIM cards - cash paid", "bulk_trading"),  # buying cards from the public
    ("Temporary phone numbers for any app", "verification_service"),  # OTP / number rental
    ("Real SIM verification numbers, 100+ countries", "verification_service"),
])
def test_english_bulk_buying_and_verification_phrasing(title: str, code: str) -> None:
    verdict = Classifier(all_lists_loaded(), use_model=False).classify(
        {"platform": "ebay", "listing_id": "e", "title": title})
    assert verdict.sim_listing and code in verdict.violations, verdict.reasons


# Third round. A carrier's voice/data/benefit pack (语音月包, 流量特惠包, 权益包) is recharged onto
# one's own number: a top-up, even with a carrier, a monthly fee and minutes (plan-like features).
@pytest.mark.parametrize("row_id", ["r0724", "r0731", "r0732", "r0733"])
def test_carrier_packs_are_top_ups_not_cards(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert not row["sim_listing"]
    assert not verdict.sim_listing and not verdict.takedown, verdict.reasons


# 卡套餐 is a card's plan, not the accessory 卡套: the rules (not the model alone) read these.
@pytest.mark.parametrize("row_id", ["r0751", "r0767"])
def test_card_plan_titles_are_sim_listings_by_rule(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert row["sim_listing"] and row["takedown"]
    assert verdict.takedown and "sim:model" not in verdict.rules_fired, verdict.reasons


# Google Voice accounts are numbers registered to someone else: pre-registered (POLICY §4, §7).
@pytest.mark.parametrize("row_id", ["r0664", "r0665"])
def test_buying_google_voice_accounts_is_pre_registered(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert row["violations"] == ["pre_registered"]
    assert verdict.takedown and "pre_registered" in verdict.violations, verdict.reasons


# POLICY §1's registration services however they are worded: bulk registration after the app name,
# a purchase of 白号 (fresh phone-registered accounts), an SMS-activation site's "choose the country
# and the service"; real-name accounts for sale are pre-registered.
@pytest.mark.parametrize("row_id", ["r0066", "r0643", "r0834", "r0837", "r0841"])
def test_registration_services_in_any_order(clf: Classifier, row_id: str) -> None:
    row, verdict = judge(clf, row_id)
    assert "verification_service" in row["violations"]
    assert verdict.takedown and "verification_service" in verdict.violations, verdict.reasons


def test_real_name_accounts_for_sale_are_pre_registered(clf: Classifier) -> None:
    row, verdict = judge(clf, "r0634")
    assert "pre_registered" in row["violations"] and "pre_registered" in verdict.violations
    assert verdict.takedown, verdict.reasons


def test_real_name_system_notice_is_not_pre_registered(clf: Classifier) -> None:
    # 实名制 is the registration rule itself, not a registered card or account for sale
    verdict = clf.classify({"platform": "taobao", "title": "手机卡实名制手机号购买须知 本人身份证办理"})
    assert "pre_registered" not in verdict.violations, verdict.reasons
