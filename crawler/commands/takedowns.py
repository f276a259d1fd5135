"""``simwatch takedowns``: export takedown lists, record their lifecycle, re-check, report metrics.

  export   --platform P [--since DATE] --format csv|xlsx|json|pdf [--out DIR]
           batches of at most 300 listings: takedowns_<platform>_<date>_<NNN>.<ext>
  export   --from results.jsonl [--platform P] --format ... [--out DIR]
           the same files from `simwatch classify` output, without Elasticsearch
  mark     LISTING_ID --status S --by NAME [--note TEXT]
           detected → queued → sent → acknowledged → removed | rejected | relisted
  import   FILE --by NAME [--platform P]    a platform's reply file (CSV/XLSX)
  recheck  [--now ISO]                      re-fetch sent listings due at +24 h, +72 h, +7 d
  metrics  [--json] [--no-store]            time to removal, compliance and relist rates

Elasticsearch: ``ELASTICSEARCH_URL`` (or ``--url``); without one, the embedded server under
``$SIMWATCH_HOME/es`` is started for the command.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from crawler.commands._common import add_action, add_command_group, platform_arg
from crawler.commands._common import add_connection_args as _add_connection
from crawler.errors import failing_as, print_error

FORMATS = ("csv", "xlsx", "json", "pdf")
STATUSES = ("detected", "queued", "sent", "acknowledged", "removed", "rejected", "relisted")


def register(subparsers: argparse._SubParsersAction) -> None:
    _, actions = add_command_group(
        subparsers, "takedowns", "takedown lists, lifecycle, re-checks and metrics", __doc__
    )

    export = add_action(actions, "export", cmd_export,
                        help="write the platform's takedown list in batches")
    export.add_argument("--platform", type=platform_arg(), help="platform to export (required without --from)")
    export.add_argument("--from", dest="results", type=Path, metavar="RESULTS_JSONL",
                        help="read flagged listings from `simwatch classify` output, not Elasticsearch")
    export.add_argument("--since", help="only listings last seen on/after this date (YYYY-MM-DD)")
    export.add_argument("--format", dest="fmt", choices=FORMATS, required=True)
    export.add_argument("--out", default="out/takedowns", help="output directory")
    export.add_argument("--no-record", action="store_true",
                        help="do not mark the exported takedowns as queued")

    mark = add_action(actions, "mark", cmd_mark,
                      help="move a takedown, an exported batch or a reply file's listings to a status")
    mark.add_argument("listing", metavar="LISTING_ID", nargs="?",
                      help="platform:listing_id (or a unique id)")
    mark.add_argument("--batch", metavar="BATCH",
                      help="every takedown of an exported batch (e.g. jd_2026-12-04_001)")
    mark.add_argument("--reply", metavar="FILE", type=Path,
                      help="every listing named in a platform's reply file (CSV/XLSX)")
    mark.add_argument("--platform", type=platform_arg(),
                      help="platform of --reply rows without a platform column")
    mark.add_argument("--status", required=True, choices=STATUSES)
    mark.add_argument("--by", required=True, help="who made the change (person or system)")
    mark.add_argument("--note")

    reply = add_action(actions, "import", cmd_import,
                       help="apply a platform's reply file (CSV/XLSX)")
    reply.add_argument("file", type=Path)
    reply.add_argument("--by", required=True, help="who replied, e.g. 'taobao portal'")
    reply.add_argument("--platform", type=platform_arg(),
                       help="platform of rows without a platform column")

    recheck = add_action(actions, "recheck", cmd_recheck,
                         help="re-fetch sent listings that are due")
    recheck.add_argument("--now", help="pretend it is this UTC time (ISO-8601), for replays")
    recheck.add_argument("--concurrency", type=int, default=8)
    recheck.add_argument("--base-url", help="also allow exactly this origin (a sandbox front)")

    metrics = add_action(actions, "metrics", cmd_metrics,
                         help="time to removal, compliance and relist rates")
    metrics.add_argument("--json", action="store_true", help="print JSON")
    metrics.add_argument("--no-store", action="store_true",
                         help="do not write to simwatch-takedowns-metrics")

    for sub in (export, mark, reply, recheck, metrics):
        _add_connection(sub)


def cmd_export(args: argparse.Namespace) -> int:
    if args.results is not None:
        return _export_results(args)
    if not args.platform:
        print_error("takedowns export", "--platform is required (or --from RESULTS_JSONL)")
        return 2
    from crawler.commands.es import connect
    from crawler.takedowns.export import export_takedowns

    with connect(args) as client, failing_as(ValueError):
        paths = export_takedowns(
            client, args.platform, args.fmt, args.out, since=args.since, record=not args.no_record
        )
    if not paths:
        print(f"no flagged {args.platform} listings to export")
    for path in paths:
        print(path)
    return 0


def _export_results(args: argparse.Namespace) -> int:
    from crawler.takedowns.export import export_results

    with failing_as(ValueError):
        paths, problems = export_results(args.results, args.fmt, args.out, args.platform)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not paths:
        print(f"no flagged listings in {args.results}")
    for path in paths:
        print(path)
    return 1 if problems else 0


def cmd_mark(args: argparse.Namespace) -> int:
    from crawler.commands.es import connect
    from crawler.takedowns.lifecycle import InvalidTransition, TakedownNotFound, TakedownStore

    chosen = [x for x in (args.listing, args.batch, args.reply) if x]
    if len(chosen) != 1:
        print("simwatch takedowns mark: error: give one of LISTING_ID, --batch BATCH or "
              "--reply FILE", file=sys.stderr)
        return 2
    if args.reply:
        return _report_import(args, status=args.status)
    with connect(args) as client:
        store = TakedownStore(client)
        with failing_as(InvalidTransition, TakedownNotFound, exit_code=1):
            if args.batch:
                outcome = store.mark_batch(args.batch, args.status, args.by, args.note)
            else:
                doc_id, doc = store.mark(args.listing, args.status, args.by, args.note)
    if not args.batch:
        print(f"{doc_id}: {doc['status']} at {doc['status_at']} by {args.by}")
        return 0
    for problem in outcome["problems"]:
        print(problem, file=sys.stderr)
    print(f"batch {args.batch}: {len(outcome['changed'])} marked {args.status}, "
          f"{len(outcome['unchanged'])} already {args.status}, {len(outcome['problems'])} refused")
    return 1 if outcome["problems"] else 0


def cmd_import(args: argparse.Namespace) -> int:
    return _report_import(args)


def _report_import(args: argparse.Namespace, status: str | None = None) -> int:
    from crawler.commands.es import connect
    from crawler.takedowns.lifecycle import Status
    from crawler.takedowns.replies import ReplyFileError, import_reply_file

    path = getattr(args, "file", None) or args.reply
    with connect(args) as client, failing_as(ReplyFileError):
        result = import_reply_file(client, path, by=args.by, platform=args.platform,
                                   status=Status(status) if status else None)
    for doc_id, new_status in result.applied:
        print(f"{doc_id}: {new_status}")
    for problem in result.problems:
        print(problem, file=sys.stderr)
    again = (f"; {len(result.unchanged)} unchanged (already had that status: this reply was "
             "imported before)") if result.unchanged else ""
    print(f"applied {len(result.applied)} rows, rejected {len(result.problems)}{again}")
    return 1 if result.problems else 0


def cmd_recheck(args: argparse.Namespace) -> int:
    from crawler.commands.es import connect
    from crawler.safefetch import FetchPolicy
    from crawler.takedowns.lifecycle import parse_time
    from crawler.takedowns.recheck import recheck

    try:
        now = parse_time(args.now) if args.now else None
    except ValueError:
        print_error("takedowns recheck", f"--now {args.now!r} is not an ISO-8601 time")
        return 2
    with connect(args) as client:
        report = recheck(client, now=now, concurrency=args.concurrency,
                         policy=FetchPolicy(base_url=args.base_url))
    for doc_id in report.removed:
        print(f"{doc_id}: removed")
    for doc_id in report.relisted:
        print(f"{doc_id}: relisted")
    for doc_id, why in report.inconclusive:
        print(f"{doc_id}: inconclusive ({why})")
    print(report.summary())
    return 0


def cmd_metrics(args: argparse.Namespace) -> int:
    from crawler.commands.es import connect
    from crawler.takedowns.metrics import takedown_metrics, write_metrics

    with connect(args) as client:
        metrics = takedown_metrics(client) if args.no_store else write_metrics(client)
    if args.json:
        print(json.dumps(metrics, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value:.0%}"

    rows = []
    for platform, values in metrics.items():
        median = values["hours_to_removal_median"]
        rows.append({
            "platform": platform, "total": str(values["total"]), "sent": str(values["sent"]),
            "removed": str(values["removed"]), "rejected": str(values["rejected"]),
            "relisted": str(values["relisted"]), "compliance": pct(values["compliance_rate"]),
            "relist rate": pct(values["relist_rate"]),
            "hours to removal (median)": "-" if median is None else f"{median:.1f}",
        })
    console = Console()
    if console.width < 120:  # an 80-column terminal: one line per platform, nothing cut off
        console.print("Takedown metrics", style="bold")
        for row in rows:
            console.print(row.pop("platform") + ": " + " · ".join(f"{k} {v}" for k, v in row.items()),
                          markup=False)
        return 0
    table = Table(title="Takedown metrics")
    for column in rows[0] if rows else ("platform",):
        table.add_column(column)
    for row in rows:
        table.add_row(*row.values())
    console.print(table)
    return 0
