"""Held-out metrics of the full classifier (rules + shipped model) on the labelled corpus."""

from __future__ import annotations

from typing import Any

from crawler.classifiers.corpus import load_corpus


def test_heldout_takedown_precision_recall(model_classifier: Any, capsys: Any) -> None:
    rows = load_corpus(part="test")
    assert len(rows) >= 250
    tp = fp = fn = sim_ok = violations_ok = 0
    for row, verdict in zip(rows, model_classifier.classify_many(rows), strict=True):
        tp += verdict.takedown and row["takedown"]
        fp += verdict.takedown and not row["takedown"]
        fn += (not verdict.takedown) and row["takedown"]
        sim_ok += verdict.sim_listing == row["sim_listing"]
        violations_ok += sorted(verdict.violations) == row["violations"]
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    accuracy = sim_ok / len(rows)
    with capsys.disabled():
        print(f"\n[classifier held-out, n={len(rows)}] takedown precision={precision:.3f} "
              f"recall={recall:.3f}; sim_listing accuracy={accuracy:.3f}; "
              f"exact violations={violations_ok / len(rows):.3f}")
    assert precision >= 0.97 and recall >= 0.97
    assert accuracy >= 0.97
