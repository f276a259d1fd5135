"""SIM-listing classifier (POLICY.md): rules + whitelist + spaCy text model. No Scrapy imports.

normalise (normalise.py) → text views → one automaton per view (rules.py, from data/rules.json)
→ context filters → policy table (rules.json ``codes``) → Verdict (classifier.py).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from crawler.classifiers.classifier import Classifier
from crawler.classifiers.loading import load_matcher
from crawler.classifiers.normalise import RULES_PATH

#: Version of the rule set; a Classifier's ``version`` adds the model hash when a model is used.
RULES_VERSION: str = json.loads(RULES_PATH.read_text(encoding="utf-8"))["version"]
CLASSIFIER_VERSION = f"rules-{RULES_VERSION}"
#: risk_score weight per violation code (the ``codes`` table of rules.json).
RISK_WEIGHTS: dict[str, int] = {
    code: spec["weight"] for code, spec in json.loads(RULES_PATH.read_text(encoding="utf-8"))["codes"].items()
    if not code.startswith("_")}


@lru_cache(maxsize=1)
def _rules_only() -> Classifier:
    return Classifier(use_model=False)


def classify(listing: Any, matcher: Any = None) -> Any:
    """One listing → Verdict, rules only (a convenience for notebooks; build a Classifier to use
    the text model or to classify many)."""
    return (_rules_only() if matcher is None else Classifier(matcher, use_model=False)).classify(listing)


def classify_many(listings: Any, matcher: Any = None) -> Any:
    return (_rules_only() if matcher is None else Classifier(matcher, use_model=False)).classify_many(listings)


__all__ = ["CLASSIFIER_VERSION", "RISK_WEIGHTS", "RULES_VERSION", "Classifier", "classify",
           "classify_many", "load_matcher"]
