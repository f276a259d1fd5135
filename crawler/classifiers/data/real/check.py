"""Validate listings.jsonl of the real-text corpus (offline; no network).

Usage: python crawler/classifiers/data/real/check.py [--stats]
Checks each row's fields against POLICY (§1, §3, §4, §5, §7) and that every `source`
has an entry in SOURCES.md; prints one line per problem (file:line: what) and exits 1.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLATFORMS = {"taobao", "tmall", "jd", "pinduoduo", "xianyu", "douyin", "shopee", "ebay", "amazon"}
CHINESE = {"taobao", "tmall", "jd", "pinduoduo", "xianyu", "douyin"}
CODES = {"unauthorised_seller", "no_real_name", "pre_registered", "pre_activated",
         "bulk_trading", "iot_card_misuse", "verification_service"}
DOMESTIC = {"中国移动", "中国联通", "中国电信", "中国广电"}
CLASSES = {"evasion_in_word", "lookalike_accessory", "lookalike_module", "lookalike_device",
           "lookalike_membership", "plan_style", "fulfilment_topup", "english_verification",
           "english_bulk", "english_buying", "new_blackcard_wording", "fake_contact", None}
REQUIRED = {"id": str, "platform": str, "title": str, "source": str, "sim_listing": bool,
            "carriers": list, "foreign": bool, "violations": list, "takedown": bool,
            "split": str, "note": str}


def split_of(title: str) -> str:
    # The split is a stable hash of the title, so a re-build never moves a row between parts.
    return "dev" if hashlib.sha1(title.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def problems(row: dict, sources: str) -> list[str]:
    out = []
    for key, kind in REQUIRED.items():
        if not isinstance(row.get(key), kind):
            out.append(f"field {key!r} missing or not {kind.__name__}")
    if out:
        return out
    if row["platform"] not in PLATFORMS:
        out.append(f"unknown platform {row['platform']!r}")
    if f"## `{row['source']}`" not in sources:
        out.append(f"source {row['source']!r} has no entry in SOURCES.md")
    bad = set(row["violations"]) - CODES
    if bad:
        out.append(f"unknown violation codes {sorted(bad)}")
    if row.get("error_class") not in CLASSES:
        out.append(f"unknown error_class {row.get('error_class')!r}")
    if row["split"] != split_of(row["title"]):
        out.append(f"split {row['split']!r} does not match the title hash")
    if row["takedown"] != (row["sim_listing"] and bool(row["violations"])):
        out.append("takedown must equal sim_listing and any violation (POLICY §5)")
    if not row["sim_listing"] and row["violations"]:
        out.append("a listing that is not a SIM listing carries no violation")
    unauth = "unauthorised_seller" in row["violations"]
    domestic_or_unknown = not row["foreign"] and (not row["carriers"] or bool(set(row["carriers"]) & DOMESTIC))
    if unauth and (row["platform"] not in CHINESE or row["foreign"]):
        out.append("unauthorised_seller only for domestic cards on Chinese platforms (§3, §7)")
    if row["sim_listing"] and row["platform"] in CHINESE and domestic_or_unknown and not unauth:
        out.append("domestic/unknown-carrier SIM listing on a Chinese platform lacks unauthorised_seller")
    return out


def main(argv: list[str]) -> int:
    sources = (HERE / "SOURCES.md").read_text(encoding="utf-8")
    path = HERE / "listings.jsonl"
    rows, failed, ids = [], 0, set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"{path.name}:{n}: not JSON ({exc.msg})")
            failed += 1
            continue
        found = problems(row, sources)
        if row.get("id") in ids:
            found.append(f"duplicate id {row.get('id')!r}")
        ids.add(row.get("id"))
        for p in found:
            print(f"{path.name}:{n}: {row.get('id')}: {p}")
        failed += bool(found)
        rows.append(row)
    if "--stats" in argv:
        pos = sum(r["sim_listing"] for r in rows)
        print(f"rows {len(rows)}  positives {pos}  negatives {len(rows) - pos}")
        print("split", dict(Counter(r["split"] for r in rows)))
        print("platform", dict(Counter(r["platform"] for r in rows)))
        print("error_class", dict(Counter(r.get("error_class") for r in rows)))
        by = Counter((r.get("error_class"), r["split"]) for r in rows)
        print("class x split", {f"{c}/{s}": v for (c, s), v in sorted(by.items(), key=str)})
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
