from __future__ import annotations

from pathlib import Path

from crawler.classifiers.model import MODEL_DIR, TextModel, model_hash, train


def test_shipped_model_is_small_and_loads() -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 20_000_000
    model = TextModel()
    high, low = model.probabilities(["联通流量卡 月租19元", "苹果手机壳 防摔"])
    assert high > 0.5 > low


def test_training_is_deterministic(tmp_path: Path) -> None:
    examples = [("联通流量卡 月租19元", True), ("手机壳 防摔", False), ("电话卡 免实名", True),
                ("卡托 卡针", False)] * 10
    first = model_hash(train(examples, tmp_path / "a", epochs=2))
    second = model_hash(train(examples, tmp_path / "b", epochs=2))
    assert first == second
