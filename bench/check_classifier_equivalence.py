"""Behaviour check for classifier speed work: every verdict must stay identical.

``save`` classifies a fixed input set with the rules-only and the model classifier and writes
every ``Verdict.to_dict()`` (one JSON line per listing and path) to a file; ``compare`` does the
same with the current code and reports every field that differs from the saved file.

Inputs: the labelled corpus, the review set, the 100,000 bench listings (bench whitelist), plus
two sets that stress what the bench does not: every string literal of the classifier tests (the
evasion and context examples), and recombinations of corpus/review titles (segments of different
titles joined by spaces, clause breaks or nothing, some as descriptions) and titles with spaces
inserted at random places, so that signals, splits and negation scopes cross segment boundaries.

Run: ``.venv/bin/python -m bench.check_classifier_equivalence save|compare [--out FILE]``.
Not a test: it takes a few minutes and compares against a snapshot taken before a change.
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.bench_classify import _clear_caches, make_listings, make_whitelist
from crawler.classifiers import Classifier, load_matcher
from crawler.classifiers.corpus import TEST_WHITELIST

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "crawler" / "classifiers" / "data"
TEST_DIR = ROOT / "tests" / "crawler" / "classifiers"
DEFAULT_OUT = Path("/tmp/classifier_equivalence.jsonl")
_JOINERS = [" ", " ", " ", "，", "", "  ", "|", "、", "\n"]


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _test_strings() -> list[str]:
    """Every string literal in the classifier tests that has a letter or CJK character."""
    found: list[str] = []
    for path in sorted(TEST_DIR.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    any(ch.isalpha() for ch in node.value) and len(node.value) < 400:
                found.append(node.value)
    return sorted(set(found))


def _recombined(titles: list[str], n: int, seed: int = 3) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    segments = sorted({s for t in titles for s in t.split() if s})
    rows = []
    for i in range(n):
        parts = rng.sample(segments, rng.randint(2, 5))
        title = "".join(p + rng.choice(_JOINERS) for p in parts).strip()
        description = None
        if i % 4 == 0:
            description = rng.choice(_JOINERS).join(rng.sample(segments, rng.randint(1, 6)))
        rows.append({"platform": rng.choice(["taobao", "xianyu", "shopee", "ebay"]), "listing_id": f"mix{i}",
                     "title": title, "description": description, "shop_id": str(rng.randint(1, 5)),
                     "observed_at": "2025-06-01"})
    return rows


def _spaced(titles: list[str], n: int, seed: int = 4) -> list[dict[str, Any]]:
    """Titles with single spaces inserted at random places: every signal, negation scope and
    phrase is cut apart somewhere, which is what per-segment composition must notice."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        chars = list(rng.choice(titles))
        for _ in range(rng.randint(1, 4)):
            chars.insert(rng.randint(1, max(1, len(chars) - 1)), " ")
        title = " ".join("".join(chars).split())  # single spaces only: the composable form
        rows.append({"platform": rng.choice(["taobao", "jd", "shopee"]), "listing_id": f"sp{i}",
                     "title": title, "description": title if i % 5 == 0 else None,
                     "shop_id": str(rng.randint(1, 5)), "observed_at": "2025-06-01"})
    return rows


def _sets() -> Iterator[tuple[str, Any, list[dict[str, Any]]]]:
    test_matcher, rejected = load_matcher([TEST_WHITELIST])
    assert not rejected, rejected
    corpus = _jsonl(DATA / "corpus.jsonl")
    review = _jsonl(DATA / "review_set.jsonl")
    strings = _test_strings()
    literal_rows = [{"platform": "taobao", "listing_id": f"lit{i}", "title": s, "observed_at": "2025-06-01"}
                    for i, s in enumerate(strings)]
    literal_rows += [{"platform": "taobao", "listing_id": f"litd{i}", "title": "流量卡", "description": s}
                     for i, s in enumerate(strings)]
    yield "corpus", test_matcher, corpus
    yield "review", test_matcher, review
    yield "test_literals", test_matcher, literal_rows
    yield "recombined", test_matcher, _recombined([r["title"] for r in corpus + review], 20_000)
    yield "spaced", test_matcher, _spaced([r["title"] for r in corpus + review] + strings, 20_000)
    yield "bench", make_whitelist(), make_listings()


def _records() -> Iterator[dict[str, Any]]:
    for name, matcher, listings in _sets():
        for path, use_model in (("rules", False), ("model", True)):
            _clear_caches()
            classifier = Classifier(matcher=matcher, use_model=use_model)
            for index, verdict in enumerate(classifier.classify_many(listings)):
                yield {"set": name, "path": path, "index": index, "verdict": verdict.to_dict()}
            print(f"{name} {path}: {len(listings):,} listings", file=sys.stderr)


def save(out: Path) -> int:
    with out.open("w", encoding="utf-8") as handle:
        for record in _records():
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"saved to {out}")
    return 0


def compare(out: Path) -> int:
    with out.open(encoding="utf-8") as handle:
        saved = [json.loads(line) for line in handle]
    differences = 0
    count = 0
    for count, (old, new) in enumerate(zip(saved, _records(), strict=True), start=1):
        if (old["set"], old["path"], old["index"]) != (new["set"], new["path"], new["index"]):
            raise SystemExit(f"record {count}: input order changed ({old['set']} vs {new['set']})")
        for field in sorted(set(old["verdict"]) | set(new["verdict"])):
            # Through JSON on both sides so tuples/lists compare as saved.
            before = old["verdict"].get(field)
            after = json.loads(json.dumps(new["verdict"].get(field), ensure_ascii=False))
            if before != after:
                differences += 1
                if differences <= 30:
                    print(f"{old['set']}/{old['path']}#{old['index']} {field}: {before!r} -> {after!r}")
    print(f"{count:,} verdicts compared, {differences} differences")
    return 1 if differences else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    return save(args.out) if args.action == "save" else compare(args.out)


if __name__ == "__main__":
    sys.exit(main())
