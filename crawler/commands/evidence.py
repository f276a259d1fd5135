"""``simwatch evidence``: capture and verify evidence for flagged listings.

``capture --run RUN [--platform P] [--limit N] [--dir D] [--base-url URL]`` loads each flagged
listing without evidence (only http(s) URLs on the listing platform's own hosts, or exactly
``--base-url``; never internal addresses, also after redirects) in headless chromium, stores the raw response and a full-page screenshot under
``<dir>/<RUN>/`` and links the capture to the listing's takedown.

``verify RUN [--dir D]`` recomputes an evidence run's hashes and chain.

Every file's SHA-256 and every manifest link (each entry holds the previous entry's hash) is
checked; each mismatch is printed as ``<file>: <what is wrong>`` and the exit status is 1.
The directory defaults to ``SIMWATCH_EVIDENCE_DIR`` (``$SIMWATCH_HOME/evidence``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.commands._common import add_action, add_command_group
from crawler.errors import failing_as


def register(subparsers: argparse._SubParsersAction) -> None:
    _, actions = add_command_group(
        subparsers, "evidence", "verify evidence captured for flagged listings", __doc__
    )
    verify = add_action(actions, "verify", cmd_verify,
                        help="recompute file hashes and the manifest chain")
    verify.add_argument("run", metavar="RUN", help="run id (a directory under --dir)")
    verify.add_argument("--dir", type=Path, help="evidence directory (default: SIMWATCH_EVIDENCE_DIR)")

    capture = add_action(actions, "capture", cmd_capture,
                         help="capture evidence for flagged listings")
    capture.add_argument("--run", required=True, help="run id (directory name under --dir)")
    capture.add_argument("--platform", help="only this platform")
    capture.add_argument("--limit", type=int, help="at most this many listings (highest risk first)")
    capture.add_argument("--dir", type=Path, help="evidence directory (default: SIMWATCH_EVIDENCE_DIR)")
    capture.add_argument("--base-url", help="also allow exactly this origin (a sandbox front); "
                         "otherwise only the listing platform's own hosts are fetched")
    capture.add_argument("--url", help="Elasticsearch URL (default: ELASTICSEARCH_URL or embedded)")
    capture.add_argument("--home", help="simwatch data directory (default: SIMWATCH_HOME)")


def _evidence_dir(args: argparse.Namespace) -> Path:
    if args.dir is not None:
        return Path(args.dir)
    import crawler.settings as settings  # the only module that reads the environment

    return Path(settings.SIMWATCH_EVIDENCE_DIR)


def cmd_capture(args: argparse.Namespace) -> int:
    import asyncio

    from crawler.commands.es import connect
    from crawler.takedowns.evidence import capture_flagged

    directory = _evidence_dir(args)
    with connect(args) as client, failing_as(ValueError):
        captured = asyncio.run(
            capture_flagged(client, directory, args.run, platform=args.platform,
                            limit=args.limit, base_url=args.base_url)
        )
    for doc_id, record in captured:
        print(f"{doc_id}: {record.evidence_id} {record.sha256}")
    print(f"{len(captured)} captures in {directory / args.run}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from crawler.takedowns.evidence import MANIFEST, verify

    directory = _evidence_dir(args)
    with failing_as(ValueError):
        problems = verify(directory, args.run)
    run_dir = Path(directory) / args.run
    for problem in problems:
        print(f"{run_dir / problem.file.split(':')[0]}{_line(problem.file)}: {problem.reason}")
    if problems:
        print(f"{len(problems)} problem(s) in evidence run {args.run}", file=sys.stderr)
        return 1
    entries = sum(1 for line in (run_dir / MANIFEST).read_text(encoding="utf-8").splitlines() if line.strip())
    print(f"evidence run {args.run}: {entries} captures verified, chain intact")
    return 0


def _line(name: str) -> str:
    # Manifest problems carry a ":<line>" suffix; keep it after the full path.
    return f":{name.split(':', 1)[1]}" if ":" in name else ""
