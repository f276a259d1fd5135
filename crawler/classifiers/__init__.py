"""SIM-listing classifier (POLICY.md): rules + whitelist + spaCy text model. No Scrapy imports."""

from __future__ import annotations

from crawler.classifiers import compiled

compiled.choose()  # before the first import of a compiled module (see compiled.py)

from crawler.classifiers.classifier import RISK_WEIGHTS, Classifier  # noqa: E402
from crawler.classifiers.loading import load_matcher  # noqa: E402
from crawler.classifiers.rules import RULES_VERSION  # noqa: E402

#: Version of the rule set; a Classifier's ``version`` adds the model hash when a model is used.
CLASSIFIER_VERSION = f"rules-{RULES_VERSION}"

__all__ = ["CLASSIFIER_VERSION", "RISK_WEIGHTS", "RULES_VERSION", "Classifier", "load_matcher"]
