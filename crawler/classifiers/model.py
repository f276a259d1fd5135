"""The spaCy text model for ``sim_listing``: blank("zh") + jieba segmenter + TextCategorizer.

The model reads the *normalised* text (t2s, half-width, emoji replaced), so it sees the same
characters the rules do. It is a bag-of-words ``TextCatBOW`` over jieba tokens and bigrams:
small (a few MB), fast under ``nlp.pipe`` and trainable deterministically in seconds.
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

MODEL_DIR = Path(__file__).resolve().parent / "model"
LABEL = "SIM"
SEED = 20261101
logger = logging.getLogger(__name__)

_TEXTCAT_CONFIG: dict[str, Any] = {
    "threshold": 0.5,
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": False,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 262144,
    },
}


def blank_pipeline() -> Any:
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    textcat: Any = nlp.add_pipe("textcat_multilabel", config=_TEXTCAT_CONFIG)
    textcat.add_label(LABEL)
    return nlp


def model_text(title: str, description: str | None) -> str:
    # Titles carry the signal; a bounded slice of the description keeps pipe() fast.
    return title if not description else f"{title} {description[:200]}"


def train(examples: list[tuple[str, bool]], out_dir: Path = MODEL_DIR, epochs: int = 12) -> Path:
    """Train deterministically (fixed seeds, fixed order shuffles) and save to ``out_dir``."""
    import spacy
    from spacy.training import Example
    from spacy.util import minibatch

    random.seed(SEED)
    spacy.util.fix_random_seed(SEED)
    nlp = blank_pipeline()
    docs = [
        Example.from_dict(nlp.make_doc(text), {"cats": {LABEL: 1.0 if positive else 0.0}})
        for text, positive in examples
    ]
    optimizer = nlp.initialize(lambda: docs)
    order = list(range(len(docs)))
    rng = random.Random(SEED)
    for epoch in range(epochs):
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch([docs[i] for i in order], size=32):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.1)
        logger.info("epoch %d loss %.4f", epoch, losses.get("textcat_multilabel", 0.0))
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    return out_dir


def model_hash(model_dir: Path = MODEL_DIR) -> str:
    """Short content hash of the trained weights: part of ``classifier_version``."""
    digest = hashlib.sha256()
    for path in sorted((model_dir / "textcat_multilabel").glob("*")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


class TextModel:
    """A trained pipeline loaded from disk; ``probabilities`` batches through ``nlp.pipe``."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        import spacy

        if not (model_dir / "textcat_multilabel").is_dir():
            raise FileNotFoundError(
                f"no trained model in {model_dir}: run `python -m crawler.classifiers.train`"
            )
        self.nlp = spacy.load(model_dir)
        self.hash = model_hash(model_dir)

    def probabilities(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[float]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield float(doc.cats.get(LABEL, 0.0))
