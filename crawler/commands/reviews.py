"""``simwatch reviews``: reviewers' decisions as labelled examples.

    simwatch reviews export [--output labels.jsonl] [--all]

One JSON line per reviewed listing: ``listing`` (its text and shop as reviewed), ``verdict``
(the classifier's verdict at the time of the decision), ``label`` (confirmed / rejected), who,
when and the note. ``--all`` keeps every decision instead of each listing's latest.
``simwatch classify eval --labels labels.jsonl`` turns them into precision per rule and code.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack

from crawler.commands._common import add_action, add_command_group


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _, actions = add_command_group(
        subparsers, "reviews", "export reviewers' decisions as labelled examples", __doc__
    )
    export = add_action(actions, "export", cmd_export,
                        help="decisions as labelled examples (JSONL)")
    export.add_argument("--output", default="-", help="JSONL file ('-' = stdout)")
    export.add_argument("--all", action="store_true", help="every decision, not only the latest")
    export.add_argument("--url", help="Elasticsearch URL (default: ELASTICSEARCH_URL or embedded)")
    export.add_argument("--home", help="simwatch data directory (default: SIMWATCH_HOME)")


def cmd_export(args: argparse.Namespace) -> int:
    from crawler.commands.es import connect
    from crawler.console.reviews import iter_decisions, labelled_examples, write_examples

    with connect(args) as client:
        examples = labelled_examples(iter_decisions(client), latest_only=not args.all)
    with ExitStack() as stack:
        out = sys.stdout if args.output == "-" else stack.enter_context(
            open(args.output, "w", encoding="utf-8"))  # noqa: SIM115
        count = write_examples(examples, out)
    print(f"{count} labelled examples written to {args.output}", file=sys.stderr)
    return 0
