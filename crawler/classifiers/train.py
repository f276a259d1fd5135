"""``python -m crawler.classifiers.train``: train the sim_listing text model and its second opinion.

The text model (``model/``) decides the listings the rules leave open. It is trained on the
template corpus's train part plus the *dev* part of the real-text corpus (``data/real/listings.jsonl``,
``split == "dev"``; the test part is never read), the real rows repeated ``--real-weight`` times so
that ~270 real texts count against ~1,400 template rows. Grouped-by-source cross-validation on the
dev part (the template-only model: accuracy 0.64, P 0.57 on real dev texts; with the other sources'
dev rows: 0.84-0.86, P 0.77-0.79) chose this.

The second opinion (``data/offer_model.npz``, crawler/classifiers/offer.py) reads only what the rules take for SIM listings and tells an
offer from a text about the trade (news, guides, questions, app messages). It is trained on the
rules' SIM listings among the template corpus's train part, the real corpus's dev part and the
texts gathered from public sources (``--gathered``, the regression texts of
tests/crawler/classifiers/gathered/, each with its source), labelled by POLICY. Retrain it when the
rules change: it reads the rules that fired.

Deterministic (fixed seeds, fixed corpus order); each model is ~1-3 MB.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from crawler.classifiers.corpus import CORPUS_PATH, load_corpus
from crawler.classifiers.model import MODEL_DIR, model_hash, model_text, train
from crawler.classifiers.normalise import DATA_DIR
from crawler.classifiers.offer import OFFER_PATH, offer_hash, offer_text
from crawler.classifiers.offer import train as train_offer
from crawler.classifiers.rules import surface
from crawler.jsonl import JsonlError, jsonl_rows

REAL_PATH = DATA_DIR / "real" / "listings.jsonl"
GATHERED_DIR = Path(__file__).resolve().parents[2] / "tests" / "crawler" / "classifiers" / "gathered"


_PROG = "python -m crawler.classifiers.train"


def _rows(path: Path) -> list[dict[str, Any]]:
    try:
        return [row for _, row in jsonl_rows(path.read_text(encoding="utf-8").splitlines(), path)]
    except JsonlError as exc:
        raise SystemExit(f"{_PROG}: error: {exc}") from None
    except OSError as exc:
        raise SystemExit(f"{_PROG}: error: {path}: {exc.strerror}") from None


def real_dev_rows(path: Path = REAL_PATH) -> list[dict[str, Any]]:
    """The dev part of the real-text corpus (never the test part: it is what we report on)."""
    return [row for row in _rows(path) if row.get("split") == "dev"]


def gathered_rows(directory: Path = GATHERED_DIR) -> list[dict[str, Any]]:
    paths = sorted(directory.glob("*.jsonl"))
    if not paths:  # a mistyped --gathered would otherwise train the second opinion on the corpus alone
        raise SystemExit(f"{_PROG}: error: {directory}: no *.jsonl files of gathered texts")
    return [row for path in paths for row in _rows(path)]


def offer_examples(rows: Iterable[dict[str, Any]]) -> list[tuple[str, bool]]:
    """(offer_text, is a SIM listing) for the rows the rules and the first model take for SIM listings."""
    from crawler.classifiers import Classifier

    rows = list(rows)
    first_opinion = Classifier(None, use_model=True, offer_path=None)
    listings = ({"platform": r["platform"], "listing_id": str(i), "title": r["title"],
                 "description": r.get("description") or ""} for i, r in enumerate(rows))
    examples = []
    for row, verdict in zip(rows, first_opinion.classify_many(listings), strict=True):
        if verdict.sim_listing:
            text = offer_text(verdict.rules_fired, surface(row["title"]), surface(row.get("description") or ""))
            examples.append((text, bool(row["sim_listing"])))
    return examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=_PROG, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS_PATH)
    parser.add_argument("--real", type=Path, default=REAL_PATH, help="real-text corpus (its dev part is used)")
    parser.add_argument("--real-weight", type=int, default=3, help="times each real dev row is repeated (0: none)")
    parser.add_argument("--gathered", type=Path, default=GATHERED_DIR, help="gathered real texts (*.jsonl)")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--offer-out", type=Path, default=OFFER_PATH)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--offer-only", action="store_true",
                        help="retrain only the second opinion (after a rules change), keeping the text model")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = load_corpus(args.corpus, part="train")
    if not args.offer_only:
        real = real_dev_rows(args.real) if args.real_weight > 0 else []
        examples = [(model_text(surface(r["title"]), surface(r.get("description") or "")), bool(r["sim_listing"]))
                    for r in rows + real * args.real_weight]
        started = time.perf_counter()
        out = train(examples, args.out, epochs=args.epochs)
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        print(f"trained on {len(rows)} template rows + {len(real)} real dev rows x{args.real_weight} "
              f"in {time.perf_counter() - started:.1f}s; saved {out} ({size / 1e6:.1f} MB, model-{model_hash(out)})")
    # the second opinion reads the first model's decisions: trained after it
    gathered = gathered_rows(args.gathered)
    offers = offer_examples(rows + real_dev_rows(args.real) + gathered)
    started = time.perf_counter()
    out = train_offer(offers, args.offer_out)
    print(f"second opinion: {len(offers)} SIM listings of the rules ({sum(not y for _, y in offers)} not offers) "
          f"from {len(rows)} template, dev and {len(gathered)} gathered rows in {time.perf_counter() - started:.1f}s; "
          f"saved {out} ({out.stat().st_size / 1e6:.1f} MB, offer-{offer_hash(out)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
