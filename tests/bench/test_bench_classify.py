"""The classifier benchmark starts every timed round from cold caches."""

from __future__ import annotations

from bench import bench_classify
from crawler.classifiers import classifier, evidence


def test_clearing_empties_the_hand_rolled_and_the_lru_caches() -> None:
    c = classifier.Classifier(use_model=False)
    c.classify({"platform": "taobao", "listing_id": "1", "title": "移动 流量卡 免实名"})
    assert evidence._PIECES.entries and classifier._TITLE_VERDICTS.entries
    assert classifier._text_verdict.cache_info().currsize
    bench_classify._clear_caches()
    assert not evidence._PIECES.entries and not classifier._PIECE_KEYS.entries
    assert not classifier._TITLE_VERDICTS.entries
    assert classifier._text_verdict.cache_info().currsize == 0
