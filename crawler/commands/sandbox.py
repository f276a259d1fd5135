"""``simwatch sandbox serve|whitelist``: the local marketplace for tests and the demo."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _serve(args: argparse.Namespace) -> int:
    from sandbox.server import run

    try:
        run(args.host, args.port, args.seed, faults=not args.no_faults)
    except OSError as exc:  # port in use, address not available
        print(f"simwatch sandbox serve: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"simwatch sandbox serve: {exc}", file=sys.stderr)
        return 2
    return 0


def _whitelist(args: argparse.Namespace) -> int:
    from sandbox.catalogue import build_catalogue, write_whitelist

    out = Path(args.out)
    fmt = args.format or (out.suffix.lstrip(".").lower() if out.suffix else "csv")
    if fmt not in ("csv", "xlsx"):
        print(f"simwatch sandbox whitelist: cannot tell the format of {out}; use --format csv|xlsx",
              file=sys.stderr)
        return 2
    rows = build_catalogue(args.seed).whitelist_rows()
    write_whitelist(rows, out, fmt)
    print(f"wrote {len(rows)} whitelist rows to {out}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sandbox", help="local marketplace sandbox (tests, demo)")
    sub = parser.add_subparsers(dest="sandbox_command", required=True)

    serve = sub.add_parser("serve", help="serve the sandbox marketplace until Ctrl-C")
    serve.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 = any free port)")
    serve.add_argument("--seed", type=int, default=7, help="catalogue seed (default 7)")
    serve.add_argument("--no-faults", action="store_true",
                       help="no planned blocks (503, captcha) and no rate limit")
    serve.set_defaults(func=_serve)

    whitelist = sub.add_parser("whitelist", help="write the sandbox's published whitelist")
    whitelist.add_argument("--out", required=True, help="output file (.csv or .xlsx)")
    whitelist.add_argument("--format", choices=("csv", "xlsx"), help="default: from the file suffix")
    whitelist.add_argument("--seed", type=int, default=7, help="catalogue seed (default 7)")
    whitelist.set_defaults(func=_whitelist)
