"""Shared fixtures: one rules-only and one model classifier per session (model load ~1 s)."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier, load_matcher
from crawler.classifiers.corpus import TEST_WHITELIST
from whitelist.carriers import CARRIERS
from whitelist.matcher import Matcher
from whitelist.model import WhitelistEntry


@pytest.fixture(scope="session")
def test_matcher():
    """The corpus whitelist plus every other domestic carrier's list (one shop none of the
    listings has): the labels assume every domestic list is loaded (POLICY §3 ``unchecked``)."""
    matcher, rejected = load_matcher([TEST_WHITELIST])
    assert rejected == []
    others = WhitelistEntry(carriers=tuple(CARRIERS), platform="taobao", shop_id="0", shop_name="-",
                            source="conftest", row=1, snapshot_id="all-domestic")
    return Matcher([*matcher.entries, others])


@pytest.fixture(scope="session")
def clf() -> Classifier:
    """The rules path with every domestic carrier's list loaded (the gathered texts' labels assume
    it); a module that needs the model or another whitelist defines its own ``clf``."""
    from tests.crawler.classifiers.test_real_corpus import all_lists_loaded

    return Classifier(all_lists_loaded(), use_model=False)


@pytest.fixture(scope="session")
def rules_classifier() -> Classifier:
    return Classifier(use_model=False)


@pytest.fixture(scope="session")
def model_classifier(test_matcher) -> Classifier:
    return Classifier(matcher=test_matcher, use_model=True)
