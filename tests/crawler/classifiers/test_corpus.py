from __future__ import annotations

from collections import Counter

from crawler.classifiers.corpus import CORPUS_PATH, generate, load_corpus, split


def test_corpus_size_categories_and_split() -> None:
    rows = load_corpus()
    assert len(rows) >= 1500
    categories = Counter(r["category"] for r in rows)
    for needed in ("domestic_clean", "domestic_blackcard", "foreign", "negation", "special", "whitelisted",
                   "english_blackcard", "english_non_sim", "non_sim_accessory", "non_sim_device",
                   "non_sim_topup", "non_sim_collectible", "non_sim_power_bank"):
        assert categories[needed] > 0, needed
    assert sum(1 for c in categories if c.startswith("evasion_")) >= 6
    parts = Counter(r["split"] for r in rows)
    assert 0.15 < parts["test"] / len(rows) < 0.25
    train_titles = {r["title"] for r in rows if r["split"] == "train"}
    assert not any(r["title"] in train_titles for r in rows if r["split"] == "test")
    assert all(r["split"] == split(r) for r in rows)
    assert all({"sim_listing", "carriers", "foreign", "violations", "takedown"} <= r.keys() for r in rows)


def test_corpus_file_is_reproducible() -> None:
    titles = []
    seen = set()
    for row in generate():
        if row["title"] not in seen:
            seen.add(row["title"])
            titles.append(row["title"])
    assert titles == [line["title"] for line in load_corpus(CORPUS_PATH)]
