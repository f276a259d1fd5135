"""SIM-listing classifier (POLICY.md): rules + whitelist + spaCy text model. No Scrapy imports."""

from __future__ import annotations

from crawler.classifiers.classifier import RISK_WEIGHTS, Classifier
from crawler.classifiers.loading import load_matcher
from crawler.classifiers.rules import RULES_VERSION

#: Version of the rule set; a Classifier's ``version`` adds the model hash when a model is used.
CLASSIFIER_VERSION = f"rules-{RULES_VERSION}"

__all__ = ["CLASSIFIER_VERSION", "RISK_WEIGHTS", "RULES_VERSION", "Classifier", "load_matcher"]
