"""Shared fixtures: one rules-only and one model classifier per session (model load ~1 s)."""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier, load_matcher
from crawler.classifiers.corpus import TEST_WHITELIST


@pytest.fixture(scope="session")
def test_matcher():
    matcher, rejected = load_matcher([TEST_WHITELIST])
    assert rejected == []
    return matcher


@pytest.fixture(scope="session")
def rules_classifier() -> Classifier:
    return Classifier(use_model=False)


@pytest.fixture(scope="session")
def model_classifier(test_matcher) -> Classifier:
    return Classifier(matcher=test_matcher, use_model=True)
