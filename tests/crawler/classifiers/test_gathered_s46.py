"""Real texts gathered in session 46 (gathered/*_na …) and earlier texts the session's rules read
now. Each text with its source; every test but the guards failed before its rule."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier
from tests.crawler.classifiers.test_real_corpus import verdict_of


@pytest.mark.parametrize(("title", "description"), [
    # https://telenumerus.com/llms.txt (gathered/en_verification_bulk_nc.jsonl)
    ("Telenumerus — AI Agent Integration Guide",
     "> SMS verification API. Get phone numbers and verification codes for 33 platforms. Self-service."),
    # https://www.indiehackers.com/product/virtualsms/revenue (gathered/en_verification_bulk_nc.jsonl)
    ("SMS Verification API with Real SIM Cards",
     "All SMS APIs were either VoIP (blocked by services that matter) or legacy formats AI agents can't use. "
     "We needed real SIMs, found nothing, built it. REST API + MCP from day one."),
])
def test_numbers_and_codes_for_platforms_are_a_verification_service(
        clf: Classifier, title: str, description: str) -> None:
    verdict = verdict_of(clf, title, description, platform="ebay")
    assert "verification_service" in verdict.violations, verdict.reasons


@pytest.mark.parametrize(("title", "description"), [
    # https://www.gogoai.xin/article/openai-phone-number-limits-one-number-one-account (gathered)
    ("OpenAI Phone Number Limits: One Number, One Account",
     "Users attempting to register multiple accounts with the same mobile number will face immediate "
     "verification failures. The system detects duplicate numbers during the SMS verification phase."),
    ("Twilio SMS verification API for your app", "Send one-time codes to your users"),  # a sender's API
    ("Verify API", "Get started with phone verification. Your app gets numbers and codes sent by SMS"),
])
def test_a_verification_step_or_a_senders_api_is_no_service_sold(
        clf: Classifier, title: str, description: str) -> None:  # guards
    assert not verdict_of(clf, title, description, platform="ebay").takedown
