"""``simwatch evidence verify RUN [--dir D]``: recompute an evidence run's hashes and chain.

Every file's SHA-256 and every manifest link (each entry holds the previous entry's hash) is
checked; each mismatch is printed as ``<file>: <what is wrong>`` and the exit status is 1.
The directory defaults to ``SIMWATCH_EVIDENCE_DIR`` (``$SIMWATCH_HOME/evidence``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evidence", help="verify evidence captured for flagged listings",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])
    actions = parser.add_subparsers(dest="evidence_command", metavar="ACTION")
    verify = actions.add_parser("verify", help="recompute file hashes and the manifest chain")
    verify.add_argument("run", metavar="RUN", help="run id (a directory under --dir)")
    verify.add_argument("--dir", type=Path, help="evidence directory (default: SIMWATCH_EVIDENCE_DIR)")
    verify.set_defaults(func=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    from crawler.takedowns.evidence import MANIFEST, verify

    directory = args.dir
    if directory is None:
        import crawler.settings as settings  # the only module that reads the environment

        directory = Path(settings.SIMWATCH_EVIDENCE_DIR)
    try:
        problems = verify(directory, args.run)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
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
