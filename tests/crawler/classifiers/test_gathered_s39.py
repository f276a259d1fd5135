"""Real texts gathered in session 39 (gathered/*_cs … *_cx), each with its source: the rules they
prompted. Every test but the guards failed before its rule."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import all_lists_loaded, verdict_of


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(all_lists_loaded(), use_model=False)  # the rules alone: what these tests are about


@pytest.mark.parametrize(("title", "description"), [
    # index file id 31306167146: "this bot makes virtual numbers for all social networks"
    ("- اولاً: هذا البوت مخصص لعمل ارقام وهمية لجميع مواقع التواصل الإجتماعي.",
     "- ثانياً: هذا البوت لايتحمل مسؤولية الارقام في حالة أنها انسرقت او انحظرت"),
    # index file id 34450894084: "the bot gives you an American number for Telegram"
    ("- في بوت الحصول على ارقام امريكية - ✅",
     "• يقوم البوت بأعطائك رقم امريكي للتليجريام . . . - قم بتجميع نقاط واحصل على رقم الان"),
    # index file id 54525675351: "WhatsApp numbers, pulling codes"
    ("🚀موقع المطريOTP🚀", "👑ارقام واتساب سحب اكواد تطوير مطري 👑 اختر المنصة: اختر الدولة: 🚀 جلب رقم"),
])
def test_arabic_number_bots_sell_a_code_service(clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="ebay")
    assert verdict.sim_listing and "verification_service" in verdict.violations, verdict.reasons


def test_an_arabic_text_naming_a_number_is_no_offer(clf: Classifier) -> None:
    # index file id 45524409293: a bot's prompt, "send the number you want to move the account to"
    verdict = verdict_of(clf, "▾∮ ارسل الرقم الذي تريد تحويل الحساب عليه",
                         "▾∮ ملاحظة:  لا تستخدم رقم امريكي", platform="ebay")
    assert not verdict.sim_listing


@pytest.mark.parametrize(("title", "description"), [
    # https://news.finance.ua/ru/okonchanie-deystviya-sim-karty-ukraincev-predupredili-o-moshennicheskih-soobshheniyah
    ("«Окончание» действия SIM-карты: украинцев предупредили о мошеннических сообщениях",
     "Украинцев предупреждают о новой мошеннической схеме, связанной с мобильной связью."),
    # https://xvojninskaya-r49.gosweb.gosuslugi.ru/dlya-zhiteley/novosti-i-reportazhi/novosti_1595.html
    ("Мошенники представляются сотрудниками операторов связи и сообщают, что срок действия SIM-карты или "
     "договора на предоставление услуг связи заканчивается.",
     "После чего пытаются выманить конфиденциальные и учетные данные от личного кабинета абонента"),
])
def test_russian_fraud_warnings_are_reportage(clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="ebay")
    assert not verdict.sim_listing and "review:prose" in verdict.rules_fired


@pytest.mark.parametrize("title", [
    # repo johnwesleyquintero/listing-documentation, Data_Task/Input/STK_Data_Dump - BR Raw.csv (Amazon BR listing export)
    "SpeedTalk Mobile Cartão Sim Para Relógio Inteligente - Compatível Com Smartwatches E Wearables 5G 4G Lte Gsm, "
    "Serviço De 1 Ano",
    "SpeedTalk Mobile Cartão Sim De Dados - Plano Banda Larga 90 Dias Com Alta Velocidade 6 Gb, Rede 5G 4G Lte "
    "Compatível Dispositivos Iot E M2M, Hotspot Wi-Fi, Computadores Mifi, Corte Triplo (Dados Dia",
    "SpeedTalk Mobile Cartão Sim De Dados - 24 Gb Alta Velocidade, Plano Banda Larga 360 Dias, Rede 5G 4G Lte "
    "Compatível Com Dispositivos Iot E M2M Computadores Hotspot Wi-Fi Mifi, Corte Triplo",
])
def test_devices_a_sim_card_is_compatible_with_are_where_it_works(clf: Classifier, title: str) -> None:
    assert verdict_of(clf, title, platform="amazon").sim_listing


@pytest.mark.parametrize("title", [
    "eSIM Compatible Smart Watch for Kids, 4G Video Call",  # written guard: no break after the SIM word
    "4G LTE Router with SIM Card Slot - Compatible with AT&T, T-Mobile, Hotspot for Home",  # written guard
])
def test_a_device_named_before_the_compatibility_stays_the_thing_sold(clf: Classifier, title: str) -> None:
    assert not verdict_of(clf, title, platform="amazon").sim_listing


@pytest.mark.parametrize(("title", "description"), [
    # https://tass.ru/obschestvo/24925011
    ("Закон, запрещающий передачу sim-карт посторонним, вступил в силу в России.",
     "Устанавливаются штрафы в размере от 30 до 50 тыс. рублей для граждан за передачу пользователем абонентского "
     "номера, выделенного ему на основании договора, иному лицу"),
    # https://tass.ru/obschestvo/25359711
    ("Россиянам рассказали об особенностях штрафов за передачу sim-карт посторонним",
     "Такое действие грозит штрафами, однако есть исключения, отметил член комиссии Общественной палаты по "
     "общественной экспертизе законопроектов Евгений Машаров"),
])
def test_russian_news_of_laws_and_fines_is_reportage(clf: Classifier, title: str, description: str) -> None:
    assert not verdict_of(clf, title, description, platform="ebay").sim_listing


def test_russian_vanity_numbers_are_numbers_on_sale(clf: Classifier) -> None:
    # index file id 59674687423 (MagzGold, a vanity-number shop)
    verdict = verdict_of(clf, "Золотые номера", "Золотые номера телефонов: баланс красоты и цены. Подбор по маске, "
                         "тарифы, бронирование онлайн — MagzGold.", platform="ebay")
    assert verdict.sim_listing and not verdict.takedown


@pytest.mark.parametrize(("title", "description"), [
    # repo VirtualPhoneNumber/sms-activate.app, ru/virtual-phone-numbers.md and ru/free-phone-numbers.md
    ("Виртуальные номера телефона", "Получите виртуальный номер телефона для СМС верификации и бизнеса"),
    ("Бесплатные Виртуальные Номера",
     "Получите бесплатный виртуальный номер телефона для СМС верификации на различных платформах."),
])
def test_russian_virtual_numbers_for_sms_verification_are_a_code_service(clf: Classifier, title: str,
                                                                         description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="ebay")
    assert verdict.takedown and verdict.violations == ["verification_service"]


@pytest.mark.parametrize(("title", "description"), [
    # index file 15405171476: a Russian number shop, "disposable numbers"
    ("Одноразовые номера", "от 1₽ / номер; один номер для одного сервиса; номер активен 20 минут; более 20 стран в наличии"),
    # https://smspva.com/es/arenda.html: "activation of numbers to order"
    ("- números siempre activos", "- activación de números por orden, a partir de 10 minutos - ambos tipos de números, "
     "prioridad para los números siempre activos ... Período máximo de garantía para el alquiler: 90 días."),
    # index file 55388076969: a reseller bot's README, "resells virtual numbers for receiving SMS/OTP"
    ("Bot Reseller de Números Virtuales (HeroSMS + CCPay/USDT)",
     "Bot de Telegram en Python (aiogram 3.x) que revende números virtuales para recepción de SMS/OTP."),
])
def test_number_rental_in_russian_and_spanish_is_a_code_service(clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="ebay")
    assert verdict.takedown and "verification_service" in verdict.violations


def test_a_carriers_number_for_activating_a_service_is_no_code_service(clf: Classifier) -> None:
    # index file 33569364573: an API client's docstring ("the phone number's balance for activating a service")
    verdict = verdict_of(clf, "activateServiceForPhoneNumber", "Если недостаточно средств на счету телефонного номера "
                         "для активации услуги. @return DTO с информацией об активированной услуге для телефонного "
                         "номера.", platform="ebay")
    assert not verdict.takedown


@pytest.mark.parametrize(("title", "description"), [
    # index file 38298048884: an eSIM-access provider client's packages (gathered/travel_data_packs_o)
    ("UAE 7 Days 10GB", "Ideal for business travelers"),
    ("UAE 3 Days 5GB", "Perfect for short trips to Dubai"),
])
def test_an_esim_plan_named_destination_days_data_is_a_travel_sim(clf: Classifier, title: str,
                                                                 description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="ebay")
    assert verdict.sim_listing and not verdict.takedown
