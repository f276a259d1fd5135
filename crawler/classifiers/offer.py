"""The second opinion: is a text the rules take for a SIM listing an offer, or a text about the trade?

The rules' prose clauses (rules.json ``prose``) know the shapes of news, guides, questions and app
messages they were written from; texts gathered from public sources keep showing new ones. This
model reads only what the rules take for SIM listings — the normalised title, the start of the
description and the rules that fired — and a listing it reads as text about the trade is held for
a reviewer (POLICY §8), never dropped.

A logistic regression over hashed character and word n-grams, written out here rather than taken
from a library: it is a dot product over a few hundred indices, numpy is already loaded, and
scikit-learn or spaCy would add 0.8-2 s to the start-up of ``simwatch classify`` (issue #16's
aim is 1.5 s). Grouped-by-file cross-validation over the gathered texts chose it over spaCy's
bag-of-words model (crawler/classifiers/README.md). Training is deterministic (fixed seed and order).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from crawler.classifiers.model import model_text

OFFER_PATH = Path(__file__).resolve().parent / "data" / "offer_model.npz"
# Below this the listing is held for a reviewer; chosen by the cross-validation above.
OFFER_THRESHOLD = 0.1
_BUCKETS = 1 << 20
_SEED = 20261206
# Latin words and digits as words, every other character as itself.
_TOKEN = re.compile(r"[a-z0-9]+|[^\sa-z0-9]")


def offer_text(rules_fired: Iterable[str], title: str, description: str | None) -> str:
    """What the model reads: the rules that fired (as words) and the text.

    Authorisation and the takedown hold are left out: they depend on the whitelists a run loads,
    not on the text.
    """
    words = ("rf" + re.sub(r"[^a-z]", "", name.lower()) for name in rules_fired
             if name != "unauthorised_seller" and not name.startswith("takedown:"))
    return " ".join([*words, model_text(title, description)])


def features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed word unigrams and bigrams, and trigrams of single characters (Chinese), L2-normed."""
    tokens = _TOKEN.findall(text.lower())
    keys = []
    for i, token in enumerate(tokens):
        keys.append("w" + token)
        if i + 1 < len(tokens):
            keys.append(f"b{token} {tokens[i + 1]}")
            if i + 2 < len(tokens) and len(token) == len(tokens[i + 1]) == len(tokens[i + 2]) == 1:
                keys.append(f"c{token}{tokens[i + 1]}{tokens[i + 2]}")
    indices = np.fromiter((zlib.crc32(key.encode()) & (_BUCKETS - 1) for key in keys), np.int64, len(keys))
    unique, counts = np.unique(indices, return_counts=True)
    values = counts.astype(np.float64)
    if len(values):
        values /= np.sqrt((values * values).sum())
    return unique, values


def train(examples: list[tuple[str, bool]], path: Path = OFFER_PATH, epochs: int = 10,
          rate: float = 0.5, l2: float = 1e-6) -> Path:
    """Logistic regression by AdaGrad over the examples in a fixed shuffled order; saved to ``path``."""
    rows = [features(text) for text, _ in examples]
    labels = np.array([1.0 if positive else 0.0 for _, positive in examples])
    weights, squares, bias, bias_square = np.zeros(_BUCKETS), np.full(_BUCKETS, 1e-8), 0.0, 1e-8
    order = np.arange(len(rows))
    rng = np.random.default_rng(_SEED)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            indices, values = rows[i]
            error = 1.0 / (1.0 + np.exp(-(weights[indices] @ values + bias))) - labels[i]
            gradient = error * values + l2 * weights[indices]
            squares[indices] += gradient * gradient
            weights[indices] -= rate * gradient / np.sqrt(squares[indices])
            bias_square += error * error
            bias -= rate * error / np.sqrt(bias_square)
    kept = np.flatnonzero(weights)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:  # a file object: savez would append ".npz" to a name without it
        np.savez_compressed(handle, indices=kept.astype(np.int32), weights=weights[kept].astype(np.float32),
                            bias=np.float64(bias))
    return path


def offer_hash(path: Path = OFFER_PATH) -> str:
    """Short content hash of the weights: part of ``classifier_version``."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


class OfferModel:
    """The trained weights; ``probabilities(texts)`` → P(an offer) per text."""

    def __init__(self, path: Path = OFFER_PATH) -> None:
        if not path.is_file():
            raise FileNotFoundError(f"no trained model at {path}: run `python -m crawler.classifiers.train`")
        with np.load(path) as saved:
            self.weights = np.zeros(_BUCKETS)
            self.weights[saved["indices"]] = saved["weights"]
            self.bias = float(saved["bias"])
        self.hash = offer_hash(path)

    def probability(self, text: str) -> float:
        indices, values = features(text)
        return float(1.0 / (1.0 + np.exp(-(self.weights[indices] @ values + self.bias))))

    def probabilities(self, texts: Iterable[str]) -> Iterator[float]:
        return (self.probability(text) for text in texts)
