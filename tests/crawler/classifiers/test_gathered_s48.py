"""Real texts gathered in session 48 (gathered/*_pa …), earlier texts the session's rules read now,
and older misses of session 47's review. Each text with its source; every test but the guards
failed before its rule."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of


@pytest.mark.parametrize(("platform", "title", "description"), [
    # johnwesleyquintero/listing-documentation brands/seculife/amazon-listings/B0D2RZVND3.md (gathered):
    # "Includes pre-installed 4G LTE SIM card" — the verb 26 characters before the card word
    ("amazon", "SecuLife GPS Tracker for Vehicles, Kids, Adults, Pets & Bikes",
     "All-in-One Premium Safety App: Includes pre-installed 4G LTE SIM card for use with the SecuLife mobile or "
     "web app. Monitor cars, trucks, pets, kids, bikes, and more in one dashboard."),
    # session 47's review: a hotspot that comes with its card, the card word 30 characters after the verb
    ("ebay", "Netgear Nighthawk M6 Mobile Hotspot Router 5G",
     "Comes with a prepaid T-Mobile SIM card, just insert and activate online."),
    # session 47's review: the card named pre-installed before it, not after ("SIM card pre-installed")
    ("amazon", "4G LTE Router with 1 Year Data Included", "Pre-installed SIM card, 1 year of service included."),
])
def test_a_device_that_comes_with_its_card_a_few_words_on_is_sold_with_it(
        clf: Classifier, platform: str, title: str, description: str) -> None:
    assert verdict_of(clf, title, description, platform=platform).sim_listing


def test_a_device_that_only_takes_a_card_a_few_words_on_stays_the_device(clf: Classifier) -> None:  # guard
    verdict = verdict_of(clf, "Netgear Nighthawk M6 Mobile Hotspot Router 5G",
                         "Works with a prepaid T-Mobile or AT&T SIM card (not included).", platform="ebay")
    assert not verdict.sim_listing, verdict.reasons


@pytest.mark.parametrize("title", [
    # session 47's review: the card's PIN and PUK codes, not an ejector pin
    "New Lyca Mobile SIM Card - PIN/PUK card included",
    "Vodafone Pay As You Go SIM card PIN code and PUK in the pack",
])
def test_a_sim_cards_pin_and_puk_codes_are_no_ejector_pin(clf: Classifier, title: str) -> None:
    assert verdict_of(clf, title, platform="ebay").sim_listing


@pytest.mark.parametrize("title", ["SIM Card Pin Ejector Tool 10 pcs", "Sim Pin for iPhone, 5 pack"])
def test_a_sim_pin_tool_stays_an_accessory(clf: Classifier, title: str) -> None:  # guards
    assert not verdict_of(clf, title, platform="ebay").sim_listing
