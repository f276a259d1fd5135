"""``python -m crawler.classifiers.train``: train the sim_listing text model on the corpus.

Deterministic (fixed seeds, fixed corpus order); writes crawler/classifiers/model/ (~2 MB).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from crawler.classifiers.corpus import CORPUS_PATH, load_corpus
from crawler.classifiers.model import MODEL_DIR, model_hash, model_text, train
from crawler.classifiers.rules import surface


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.classifiers.train", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS_PATH)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--epochs", type=int, default=12)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = load_corpus(args.corpus, part="train")
    examples = [(model_text(surface(r["title"]), surface(r.get("description") or "")), bool(r["sim_listing"]))
                for r in rows]
    started = time.perf_counter()
    out = train(examples, args.out, epochs=args.epochs)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"trained on {len(examples)} rows in {time.perf_counter() - started:.1f}s; "
          f"saved {out} ({size / 1e6:.1f} MB, model-{model_hash(out)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
