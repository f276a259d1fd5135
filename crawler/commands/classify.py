"""``simwatch classify``: JSONL listings in, JSONL verdicts out (a stable contract).

    simwatch classify [--whitelist FILE [--carrier NAME]] --input listings.jsonl \\
                      --output results.jsonl [--no-model]
    simwatch classify train            # retrain the text model (same as python -m crawler.classifiers.train)

``-`` means stdin/stdout. A malformed line is reported on stderr with its line number and
skipped; every good line is still written; the exit status is 1 when any line was bad.
Listings are checked against the active imported whitelist snapshots (``simwatch whitelist
import``) plus any ``--whitelist`` file; every verdict names the snapshots it was checked
against (a file as ``file:<name>@<sha256>``). A carrier without a list is warned about once
(its listings' authorisation is ``unchecked``). Whitelist rows that cannot identify a shop are
reported with file and row number; a list of which every row is rejected is an error (exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from typing import IO, Any

from crawler import jsonl
from crawler.errors import print_error

REQUIRED = ("platform", "listing_id", "title")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("classify", help="classify listings (JSONL) against POLICY and whitelists")
    parser.add_argument("action", nargs="?", choices=["train", "eval"],
                        help="'train': retrain the text model; 'eval': precision from --labels")
    parser.add_argument("--labels", metavar="FILE",
                        help="eval: labelled examples from `simwatch reviews export`")
    parser.add_argument("--whitelist", action="append", default=[], metavar="FILE",
                        help="carrier whitelist (CSV/XLSX/HTML/PDF) besides the imported "
                        "snapshots; repeatable")
    parser.add_argument("--carrier", metavar="NAME",
                        help="carrier of a per-carrier --whitelist file without a carrier column")
    parser.add_argument("--snapshots", metavar="DIR",
                        help="imported snapshots directory (default: SIMWATCH_WHITELIST_DIR)")
    parser.add_argument("--no-snapshots", action="store_true",
                        help="check against the --whitelist files only")
    parser.add_argument("--input", default="-", help="listings JSONL ('-' = stdin)")
    parser.add_argument("--output", default="-", help="results JSONL ('-' = stdout)")
    parser.add_argument("--no-model", action="store_true", help="rules only (neither the spaCy text model nor the second opinion)")
    parser.set_defaults(func=run)


def _read(stream: IO[str], name: str, bad: list[int]) -> Iterator[dict[str, Any]]:
    from crawler.errors import UnknownPlatformError
    from whitelist.platforms import PLATFORMS, normalise_platform

    unknown: set[str] = set()
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:  # the stream decodes with surrogateescape: a bad byte costs its line, not the file
            line.encode("utf-8")
        except UnicodeEncodeError as exc:
            _bad(name, number, f"not UTF-8 text at character {exc.start + 1}", bad)
            continue
        try:
            item = jsonl.loads(line)
        except json.JSONDecodeError as exc:
            _bad(name, number, f"not valid JSON ({exc.msg} at column {exc.colno})", bad)
            continue
        if not isinstance(item, dict):
            _bad(name, number, "not a JSON object", bad)
            continue
        missing = [k for k in REQUIRED if item.get(k) in (None, "")]
        if missing:
            _bad(name, number, f"missing required field(s): {', '.join(missing)}", bad)
            continue
        wrong = [k for k in REQUIRED if not isinstance(item[k], str | int)]
        if wrong:
            _bad(name, number, f"field(s) {', '.join(wrong)} must be a string", bad)
            continue
        observed = item.get("observed_at")
        if observed not in (None, "") and not _is_date(observed):
            _bad(name, number, f"observed_at {observed!r} is not YYYY-MM-DD", bad)
            continue
        platform = str(item["platform"])
        if normalise_platform(platform) is None and platform not in unknown:
            # Judged under the China profile (POLICY §7), which a typo should not silently get.
            unknown.add(platform)
            print(f"{name}:{number}: warning: {UnknownPlatformError(platform, PLATFORMS)}; its "
                  f"listings are judged under the China profile", file=sys.stderr)
        yield item


def _is_date(value: Any) -> bool:
    from datetime import date

    try:
        date.fromisoformat(str(value)[:10])
    except ValueError:
        return False
    return len(str(value)) >= 10


def _bad(name: str, number: int, message: str, bad: list[int]) -> None:
    bad.append(number)
    print(f"{name}:{number}: skipped: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    if getattr(args, "action", None) == "train":
        from crawler.classifiers.train import main as train_main

        return train_main([])
    if getattr(args, "action", None) == "eval":
        from crawler.console.reviews import eval_command

        return eval_command(args.labels)
    from crawler.classifiers import Classifier
    from crawler.ops.coverage import load_whitelists, warning_lines
    from crawler.settings import SIMWATCH_WHITELIST_DIR
    from whitelist.matcher import Matcher
    from whitelist.model import WhitelistFileError

    if args.input != "-":  # before any warning: a missing input is the one line to show
        open(args.input, encoding="utf-8").close()  # noqa: SIM115
    snapshots = None if args.no_snapshots else (args.snapshots or SIMWATCH_WHITELIST_DIR)
    try:
        lists = load_whitelists(snapshots, args.whitelist, carrier=args.carrier)
    except (WhitelistFileError, OSError) as exc:
        print_error("classify", f"cannot read whitelist: {exc}")
        return 2
    for row in lists.rejected:
        print(f"{row.file}:row {row.row}: whitelist row skipped: {row.reason}", file=sys.stderr)
    if lists.empty_files:
        hint = "" if args.carrier else " (a per-carrier list without a carrier column needs --carrier)"
        print_error("classify", f"every row of {', '.join(lists.empty_files)} was rejected; "
                    f"nothing in it could be checked against{hint}")
        return 2
    for line in warning_lines(lists.carriers):
        print(f"warning: {line}", file=sys.stderr)
    matcher = Matcher(lists.entries)
    try:
        classifier = Classifier(matcher=matcher, use_model=not args.no_model)
    except FileNotFoundError as exc:
        print_error("classify", f"{exc} (or pass --no-model)")
        return 2

    bad: list[int] = []
    with ExitStack() as stack:
        if args.input == "-" and hasattr(sys.stdin, "reconfigure"):
            sys.stdin.reconfigure(errors="surrogateescape")
        source = sys.stdin if args.input == "-" else stack.enter_context(
            open(args.input, encoding="utf-8", errors="surrogateescape"))  # noqa: SIM115
        sink = sys.stdout if args.output == "-" else stack.enter_context(
            open(args.output, "w", encoding="utf-8"))  # noqa: SIM115
        name = "<stdin>" if args.input == "-" else args.input
        items = list(_read(source, name, bad)) if args.input == "-" else _read(source, name, bad)
        pending: list[dict[str, Any]] = []

        def flush() -> None:
            for item, verdict in zip(pending, classifier.classify_many(pending), strict=True):
                sink.write(json.dumps({**item, **verdict.to_dict()}, ensure_ascii=False) + "\n")
            pending.clear()

        for item in items:
            pending.append(item)
            if len(pending) >= 512:
                flush()
        flush()
    if bad:
        print(f"{len(bad)} malformed line(s) skipped", file=sys.stderr)
        return 1
    return 0
