"""``simwatch whitelist``: import carriers' published agent lists as versioned snapshots,
list and diff them, and explain why a shop is or is not authorised.

Snapshots live under ``--dir`` (default: the ``SIMWATCH_WHITELIST_DIR`` setting,
``.simwatch/whitelist``). With ``--es``, imports are also indexed into Elasticsearch using the
``ELASTICSEARCH_*`` environment (``crawler.store.client.make_client_from_env``).

Exit codes: 0 success (``check``: authorised), 1 error or refused import, 2 ``check``: not
authorised.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable
from typing import Any, TextIO

from crawler.errors import print_error

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_NOT_AUTHORISED = 2
_MAX_REJECTED_SHOWN = 100

ClientFactory = Callable[[], Any]


def _default_dir() -> str:
    # crawler.settings is the one module that reads the environment (SIMWATCH_WHITELIST_DIR).
    try:
        from crawler import settings
    except ImportError:
        return ".simwatch/whitelist"
    return str(getattr(settings, "SIMWATCH_WHITELIST_DIR", ".simwatch/whitelist"))




def _print_rejected(rows: list[Any], err: TextIO) -> None:
    for row in rows[:_MAX_REJECTED_SHOWN]:
        print(f"  {row}", file=err)
    if len(rows) > _MAX_REJECTED_SHOWN:
        print(f"  ... and {len(rows) - _MAX_REJECTED_SHOWN} more (use --rejected-out FILE)", file=err)


def run_import(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None,
               client_factory: ClientFactory | None = None) -> int:

    out, err = out or sys.stdout, err or sys.stderr
    with contextlib.ExitStack() as stack:
        client = None
        if args.es:  # the one way commands reach Elasticsearch (embedded when no URL is set)
            from crawler.commands._common import connect

            client = client_factory() if client_factory else stack.enter_context(connect(args))
        return _import(args, client, out, err)


def _import(args: argparse.Namespace, client: Any, out: TextIO, err: TextIO) -> int:
    from whitelist.model import WhitelistError
    from whitelist.registry import WhitelistImportError, import_file

    try:
        snapshot = import_file(args.file, carrier=args.carrier, source=args.source,
                               published=args.published, directory=args.dir, client=client,
                               max_rejected_share=args.max_rejected, fmt=args.format)
    except WhitelistImportError as exc:
        print_error("whitelist import", str(exc), err)
        _write_rejected(args, [str(r) for r in exc.rejected])
        _print_rejected(exc.rejected, err)
        return EXIT_ERROR
    except WhitelistError as exc:
        print_error("whitelist import", f"{exc}; snapshot not stored", err)
        return EXIT_ERROR
    except Exception as exc:  # Elasticsearch errors: the import was not committed
        # "cannot reach Elasticsearch at …", not the chain of exception reprs
        from crawler.errors import describe_error

        print(f"simwatch whitelist import: indexing failed: {describe_error(exc)}; "
              "snapshot not stored", file=err)
        return EXIT_ERROR
    _write_rejected(args, snapshot.rejected)
    print(f"imported snapshot {snapshot.id}: {len(snapshot.entries)} entries from "
          f"{snapshot.row_count} rows ({len(snapshot.rejected)} rejected), carrier {snapshot.carrier}, "
          f"{snapshot.format}, sha256 {snapshot.sha256[:16]}…" + (", indexed" if client else ""), file=out)
    if snapshot.rejected:
        print(f"rejected rows of {snapshot.file_name}:", file=err)
        _print_rejected(snapshot.rejected, err)
    return EXIT_OK


def _write_rejected(args: argparse.Namespace, rows: list[str]) -> None:
    if getattr(args, "rejected_out", None):
        with open(args.rejected_out, "w", encoding="utf-8") as handle:
            handle.writelines(row + "\n" for row in rows)


def run_list(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from whitelist.model import WhitelistError
    from whitelist.registry import list_snapshots

    out, err = out or sys.stdout, err or sys.stderr
    try:
        metas = list_snapshots(args.dir)
    except WhitelistError as exc:
        print_error("whitelist list", str(exc), err)
        return EXIT_ERROR
    active: dict[tuple[str, Any], str] = {}
    for meta in metas:
        active[(meta["carrier"], meta.get("source"))] = meta["id"]
    active_ids = set(active.values())
    if args.json:
        for meta in metas:
            print(json.dumps({**meta, "active": meta["id"] in active_ids}, ensure_ascii=False), file=out)
        return EXIT_OK
    if not metas:
        print(f"no whitelist snapshots in {args.dir}", file=out)
        return EXIT_OK
    for meta in metas:
        mark = "*" if meta["id"] in active_ids else " "
        print(f"{mark} {meta['id']}  published {meta.get('published') or '-':10}  "
              f"{meta['carrier']}  {meta['entry_count']} entries / {meta['rows']} rows "
              f"({meta['rejected']} rejected)  {meta['file_name']}  {meta.get('source') or '-'}", file=out)
    print("* = active (latest per carrier and source)", file=out)
    return EXIT_OK


def run_diff(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from whitelist.model import WhitelistError
    from whitelist.registry import diff_snapshots, load_snapshot

    out, err = out or sys.stdout, err or sys.stderr
    try:
        before, after = load_snapshot(args.a, args.dir), load_snapshot(args.b, args.dir)
    except WhitelistError as exc:
        print_error("whitelist diff", str(exc), err)
        return EXIT_ERROR
    diff = diff_snapshots(before, after)
    for line in diff.lines():
        print(line, file=out)
    print(f"{before.id} → {after.id}: {len(diff.added)} added, {len(diff.removed)} removed, "
          f"{len(diff.changed)} changed", file=out)
    return EXIT_OK


def run_check(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from crawler.errors import UnknownPlatformError
    from whitelist.model import WhitelistError
    from whitelist.platforms import PLATFORMS, normalise_platform
    from whitelist.registry import check

    out, err = out or sys.stdout, err or sys.stderr
    if normalise_platform(args.platform) is None:  # a typo would otherwise read "no entries"
        print_error("whitelist check", str(UnknownPlatformError(args.platform, PLATFORMS)), err)
        return EXIT_ERROR
    try:
        result, snapshot_ids = check(args.platform, shop_id=args.shop_id, shop_url=args.shop_url,
                                     shop_name=args.shop_name, carrier=args.carrier,
                                     observed=args.date, directory=args.dir)
    except (WhitelistError, ValueError) as exc:
        print_error("whitelist check", str(exc), err)
        return EXIT_ERROR
    if args.json:
        print(json.dumps({**result.to_dict(), "snapshots": snapshot_ids,
                          "candidates": [c.to_dict() for c in result.candidates]},
                         ensure_ascii=False), file=out)
    else:
        print(("AUTHORISED: " if result.authorised else "NOT AUTHORISED: ") + result.reason, file=out)
        for entry in result.candidates:
            until = entry.valid_to.isoformat() if entry.valid_to else "no end"
            print(f"  entry {entry.source}:{entry.row} [{entry.snapshot_id}] {entry.describe()} "
                  f"{entry.shop_name or ''} carriers {'、'.join(entry.carriers)} valid "
                  f"{entry.valid_from or '-'} .. {until}", file=out)
        print(f"checked against {len(snapshot_ids)} snapshot(s): {', '.join(snapshot_ids) or 'none'}",
              file=out)
    return EXIT_OK if result.authorised else EXIT_NOT_AUTHORISED


def _share(text: str) -> float:
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a share: {text!r} (e.g. 0.2 or 20%)") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"share must be between 0 and 1: {text!r}")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "whitelist", help="import, list, diff and check carriers' authorised-shop lists",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="whitelist_command", metavar="ACTION", required=True)

    def with_dir(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--dir", default=_default_dir(), help="snapshot directory (default: %(default)s)")
        return p

    p = with_dir(commands.add_parser("import", help="import a published list (csv, xlsx, html, pdf)"))
    p.add_argument("file", help="the carrier's published list")
    p.add_argument("--carrier", help="whose list this is: the carrier of rows without a carrier "
                   "cell; rows whose carrier cell names another carrier are rejected")
    p.add_argument("--source", help="URL the list was published at")
    p.add_argument("--published", help="publication date (YYYY-MM-DD)")
    p.add_argument("--format", choices=["csv", "xlsx", "html", "pdf"], help="override detection")
    p.add_argument("--max-rejected", type=_share, default=0.2, metavar="SHARE",
                   help="refuse the import above this share of rejected rows (default: 0.2)")
    p.add_argument("--rejected-out", metavar="FILE", help="write every rejected row to FILE")
    p.add_argument("--es", action="store_true", help="also index the snapshot into Elasticsearch")
    p.set_defaults(func=run_import)

    p = with_dir(commands.add_parser("list", help="list snapshots; * marks the active ones"))
    p.add_argument("--json", action="store_true", help="one JSON object per snapshot")
    p.set_defaults(func=run_list)

    p = with_dir(commands.add_parser("diff", help="agents added, removed and changed from A to B"))
    p.add_argument("a", help="older snapshot id (or unique prefix)")
    p.add_argument("b", help="newer snapshot id (or unique prefix)")
    p.set_defaults(func=run_diff)

    p = with_dir(commands.add_parser("check", help="explain whether a shop is authorised"))
    p.add_argument("--platform", required=True, help="platform code or name (jd, 京东, tmall ...)")
    ident = p.add_mutually_exclusive_group(required=True)
    ident.add_argument("--shop-id")
    ident.add_argument("--shop-url")
    ident.add_argument("--shop-name")
    p.add_argument("--carrier", help="carrier(s) the listing sells (default: unknown)")
    p.add_argument("--date", help="observation date YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=run_check)
