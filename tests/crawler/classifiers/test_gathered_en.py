"""English and other non-Chinese black-card wording, and its lawful look-alikes (issue #16, en helper,
second round).

Each text is quoted (trimmed) from the public source named next to it: the real corpus's dev rows
r1800-r1899 (SOURCES.md names them; none of its test part) and a few sibling texts of the same
sources that are not corpus rows. Labels follow POLICY.md and data/real/README.md.
"""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import all_lists_loaded


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(all_lists_loaded(), use_model=False)


def classify(clf: Classifier, platform: str, title: str, description: str = "") -> object:
    return clf.classify({"platform": platform, "listing_id": "en2", "title": title, "description": description})


_IDX = "search index file id "  # the index named no repository for these files (SOURCES.md)

# (source, platform, title, description, the black-card code it must carry)
BLACK_CARD = [
    # "receive text SMS", "verify your social accounts" (ekrptsms home page metadata)
    (_IDX + "21687697646", "ebay", "Receive Text SMS & OTP Online - US Phone Numbers",
     "Get Real US Phone Numbers to Verify Your Social Accounts Online", "verification_service"),
    # Indonesian: a virtual number for WhatsApp registration (the shop's name_id / description_id)
    (_IDX + "67432108921", "shopee", "Nomor Virtual WhatsApp – 1 Bulan",
     "Nomor virtual khusus untuk registrasi WhatsApp. Tersedia untuk semua negara besar.", "verification_service"),
    # Russian: numbers for registration / SMS verification (site metadata, a bot's welcome text and its service table)
    (_IDX + "53381260605", "ebay", "VirtualSim - Виртуальные номера для SMS верификации",
     "Получите виртуальные номера для регистрации в Telegram, WhatsApp, Google и других сервисах.",
     "verification_service"),
    (_IDX + "55557047143", "ebay", "HeroSMS — Премиум номера",
     "Виртуальные номера для регистрации в любых сервисах мира. 500+ сервисов 180+ стран Мгновенная аренда",
     "verification_service"),
    (_IDX + "69858131522", "ebay", "MAX", "Получение номера для регистрации MAX", "verification_service"),
    # buying Google Voice (numbers or accounts) is buying verified accounts of a number service
    (_IDX + "54009454568", "ebay", "Buy Google Voice", "USA/UK verified Google Voice numbers for calling and texting.",
     "pre_registered"),
    (_IDX + "63448382364", "ebay", "Buy Google Voice Gmail Accounts",
     "USA Google Voice Numbers Bulk PVA Gmail with Google Voice US Virtual Phone Inboxes", "pre_registered"),
]


@pytest.mark.parametrize(("source", "platform", "title", "description", "code"), BLACK_CARD)
def test_black_card_wording(clf: Classifier, source: str, platform: str, title: str, description: str,
                            code: str) -> None:
    verdict = classify(clf, platform, title, description)
    assert verdict.sim_listing and verdict.takedown and code in verdict.violations, (source, verdict.rules_fired)


# (source, platform, title, description): lawful texts sharing the words; never taken down, and
# (where the text offers no card or number at all) no SIM listing either
LOOKALIKES = [
    # hardware guides: the user's own activated SIM, a board that sends and receives SMS
    (_IDX + "24215310726", "amazon", "Insert activated SIM card into EC800K", ""),
    (_IDX + "31202364922", "amazon", "Insert an activated SIM card into the GSM shield.", ""),
    (_IDX + "14985136722", "amazon",
     "Arduino Integration: An Arduino with a SIM card adapter to send and receive SMS messages.", ""),
    # an operator's own tooling and fraud research on bulk SIMs
    (_IDX + "16614681423", "ebay", "For adding sim cards in bulk to the provisioning system for Xtreme.", ""),
    (_IDX + "56256249157", "ebay", "Gray market farms operate differently but create identical problems. These "
     "operations buy bulk SIM cards and cheap Android devices, then route proxy traffic through them 24/7.", ""),
    (_IDX + "46698238775", "ebay", "Burner Phone Networks",
     "Prepaid SIM cards in bulk Android phones with custom ROMs Automated SIM swapping"),
    (_IDX + "71573823020", "ebay", "Forged Identity KYC Overriding",
     "These forged documents are then used to bypass 'Know Your Customer' (KYC) checks when procuring SIM cards "
     "in bulk or opening digital wallets."),
    # a first-person story, advice articles
    (_IDX + "62237786016", "ebay", "I got myself an EE unlimited data SIM card. I am going to put it into my Z Flip 5 "
     "and see if I can catch a 5G Standalone signal.", ""),
    ("https://joltsms.com/blog/temporary-phone-numbers-fraud-platforms-detect-abuse", "ebay",
     "Temporary Phone Numbers and Fraud: How Platforms Detect Abuse", ""),
    ("https://numbercheck.live/blog/how-to-detect-virtual-voip-phone-numbers.html", "ebay",
     "How to Detect Virtual & VoIP Phone Numbers — Stop Fake Accounts & SMS Fraud", ""),
    # Russian: a ChatGPT bot usable *without* a foreign number
    (_IDX + "240141002", "ebay",
     "я бот который поможет тебе опробовать chatGPT без зарубежного номера для регистрации.", ""),
    # news and official warnings on the registered-SIM trade
    ("https://mb.com.ph/2024/11/5/cops-seize-400-registered-sim-cards-in-manila", "shopee",
     "Cops seize 400 registered SIM cards, arrest 3 people in Manila operation", ""),
    ("https://dailytrust.com/concerns-as-illegal-sales-of-pre-registered-sims-persist-in-kano/", "ebay",
     "Mobile phone users in Kano are increasingly steering clear of pre-registered SIM cards, citing concerns over "
     "their legality and associated risks.", ""),
    ("https://maharlika.tv/2023/05/19/buying-pre-registered-sim-cards-from-online-sellers-defeats-the-purpose-of-ra-"
     "11934-philtracomm/", "shopee", "“We heard this on the radio this week that is why we’re back again in warning "
     "the public not to patronize or buy pre-registered SIM cards,” Aio Bautista, PhilTraComm president, said.", ""),
]


@pytest.mark.parametrize(("source", "platform", "title", "description"), LOOKALIKES)
def test_lookalikes_stay_clean(clf: Classifier, source: str, platform: str, title: str, description: str) -> None:
    verdict = classify(clf, platform, title, description)
    assert not verdict.sim_listing and not verdict.takedown, (source, verdict.violations, verdict.rules_fired)


def test_business_api_number_is_no_verification_number(clf: Classifier) -> None:
    # a WhatsApp Business API provider's number add-on (index file id 57423984586), sold with KYC
    verdict = classify(clf, "amazon", "UK virtual number",
                       "Buy UK virtual number for WhatsApp business API (Requires tax documents for KYC)")
    assert not verdict.takedown and "verification_service" not in verdict.violations


def test_news_sentence_keeps_card_words_outside_its_clause(clf: Classifier) -> None:
    # Manila Standard (manilastandard.net/?p=314366727): the crime clause voids the card words near it
    verdict = classify(clf, "shopee", "DICT Secretary Ivan Uy, quoted by reports, said criminal syndicates have bought "
                       "pre-registered SIMs (subscriber identity modules) from individuals who were willing to sell these")
    assert not verdict.takedown and "pre_registered" not in verdict.violations
    # ... but an offer in its own sentence is still read (r0315's vendor quote, an Abuja market)
    offer = classify(clf, "ebay", "I sell SIM. It has been registered")
    assert offer.takedown and "pre_registered" in offer.violations


def test_travel_esim_without_kyc_is_no_bypass(clf: Classifier) -> None:
    # PRIVASIM's metadata (index file id 63184700396): N+ countries names a travel eSIM, so "No KYC"
    # is the truthful travel wording (POLICY §3), not no_real_name
    verdict = classify(clf, "ebay", "PRIVASIM — Buy eSIM with Crypto | 190+ Countries, No KYC",
                       "Buy eSIMs for 190+ countries with Monero or Ethereum. No email. No KYC. No tracking.")
    assert verdict.sim_listing and verdict.foreign and not verdict.violations


def test_sim_pins_and_adapters_are_accessories(clf: Classifier) -> None:
    # a demo shop's seed (index file id 70102260019) and a telephony catalogue (70518384784)
    for title, description in (("SIM Card Ejector Pin Tool (5 Pack)", "Universal SIM tray ejector tools."),
                               ("SIM Card Adapter Kit", "Multi-size SIM card adapter set with eject tool")):
        verdict = classify(clf, "amazon", title, description)
        assert not verdict.sim_listing and not verdict.violations, title


_LOGS = _IDX + "51901319752"  # a Nigerian 'Social Logs' account marketplace's product list


@pytest.mark.parametrize(("title", "description"), [
    ("TextNow Accounts", "Active TextNow accounts with US numbers, email verified."),
    ("Talkatone Accounts", "Phone-verified Talkatone with US number, ready to use."),
    ("TextPlus Accounts", "Verified TextPlus accounts with dedicated US/CA numbers."),
    ("NextPlus Accounts", "NextPlus with US virtual number, SMS-ready, full access."),
])
def test_number_app_accounts_are_registered_numbers(clf: Classifier, title: str, description: str) -> None:
    # an account of TextNow / Talkatone / TextPlus / NextPlus *is* a phone number (source: _LOGS)
    verdict = classify(clf, "ebay", title, description)
    assert verdict.takedown and "pre_registered" in verdict.violations, (_LOGS, verdict.rules_fired)


@pytest.mark.parametrize(("title", "description"), [
    ("TikTok Fresh Starter", "Clean TikTok accounts, phone verified, ready to use."),
    ("UK Gmail PVA", "Phone verified UK Gmail accounts, full access."),
    ("Snapchat Verified Accounts", "Phone-verified Snapchat accounts ready for outreach."),
])
def test_accounts_of_other_apps_sell_no_number(clf: Classifier, title: str, description: str) -> None:
    # the same shop's accounts of apps that are no number service (corpus convention: negatives)
    verdict = classify(clf, "ebay", title, description)
    assert not verdict.sim_listing and not verdict.takedown, (_LOGS, verdict.rules_fired)


def test_account_creator_tool_offers_no_account(clf: Classifier) -> None:
    # a TextNow account-creation tool's docstring (index file id 96448957)
    verdict = classify(clf, "ebay", "Creates TextNow accounts using Android emulation and the TextNow mobile app")
    assert not verdict.sim_listing and not verdict.takedown


def test_whatsapp_hash_channels_are_registered_accounts(clf: Classifier) -> None:
    # wwebjs/whatsapp-web.js#2573, a comment buying and selling WhatsApp 'channel hash' accounts
    verdict = classify(clf, "ebay", "Needt:whatsapp channel hash",
                       "USA, South Africa, Indonesia, and other countries at the right price, Requirements: 20000+ "
                       "At the same time, I also sell these accounts, and you can contact me if necessary.")
    assert verdict.takedown and "pre_registered" in verdict.violations


def test_forum_question_offers_nothing(clf: Classifier) -> None:
    # tgalal/yowsup#1204: the question's clause is void; its title alone names no SIM product
    verdict = classify(clf, "ebay", "Service to get valid phone numbers",
                       "Does anyone know of a service to get (real) phone numbers that can be registered to use with WA")
    assert not verdict.sim_listing and not verdict.takedown


def test_smartwatch_with_esim_is_a_device(clf: Classifier) -> None:
    # a customs worklist item name (index file id 69323809857)
    verdict = classify(clf, "amazon", "Smartwatch with eSIM, 44 mm")
    assert not verdict.sim_listing and not verdict.takedown


@pytest.mark.parametrize(("source", "title"), [
    (_IDX + "59018829735", "The most underrated tool was `tc`. It let us simulate real 3G/2G conditions without "
     "buying SIM cards or renting slow networks."),
    (_IDX + "24286079569", "Used to enable services such as opening bank accounts, buying SIM cards, receiving "
     "entitlements from the government, signing forms electronically"),
    (_IDX + "51769863472", "Actually knowing people Charlie knows — which requires real relationships with his specific "
     "network, costly in a fundamentally different way than buying SIM cards"),
])
def test_buying_sim_cards_in_prose_is_no_buying_ad(clf: Classifier, source: str, title: str) -> None:
    verdict = classify(clf, "ebay", title)
    assert not verdict.takedown and "bulk_trading" not in verdict.violations, source


def test_buying_ad_is_still_read(clf: Classifier) -> None:
    # the verb form of the same words keeps its reading (test_gathered_texts.py's buying ads)
    verdict = classify(clf, "ebay", "We are buying registered SIM cards, any network")
    assert verdict.takedown and "bulk_trading" in verdict.violations


@pytest.mark.parametrize(("source", "title", "description", "sim"), [
    # a Brazilian carrier store's stock (index file id 68419715812): "chip pré-pago" is a prepaid SIM
    (_IDX + "68419715812", "Chip pré-pago Vivo", "", True),
    # a kids' watch comparison (index file id 56706230414): the watch uses the buyer's own SIM
    (_IDX + "56706230414", "Usa tarjeta SIM prepago propia", "", False),
    # an account marketplace's feed (index file id 29448031436): a number for one verification
    (_IDX + "29448031436", "USA WhatsApp number", "One-time verification number, works worldwide.", True),
    # an SMS classifier's OTP sample (index file id 59964530784): the code itself, not a number sold
    (_IDX + "59964530784", "Your one-time verification number is 852963.", "", False),
])
def test_other_languages_and_verification_numbers(clf: Classifier, source: str, title: str, description: str,
                                                  sim: bool) -> None:
    verdict = classify(clf, "ebay", title, description)
    assert verdict.sim_listing is sim and not (verdict.takedown and not sim), (source, verdict.rules_fired)
