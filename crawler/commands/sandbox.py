"""``simwatch sandbox serve|whitelist|session``: the local marketplace for tests and the demo."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.errors import print_error


def _serve(args: argparse.Namespace) -> int:
    from sandbox.server import run

    try:
        run(args.host, args.port, args.seed, faults=not args.no_faults)
    except OSError as exc:  # port in use, address not available
        print_error("sandbox serve", f"cannot listen on {args.host}:{args.port}: {exc}")
        return 1
    except ValueError as exc:
        print_error("sandbox serve", str(exc))
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


def _session(args: argparse.Namespace) -> int:
    """Log in to a running sandbox with its test account and save the browser platforms'
    sessions where ``simwatch login`` saves them, checked as ``simwatch login --check`` does.

    Sandbox only: the base URL must be a loopback address, and a session file that holds a real
    platform's cookies is never replaced (real logins stay interactive: ``simwatch login``).
    """
    import urllib.error
    from urllib.parse import urlsplit

    from crawler.platforms import PLATFORMS
    from crawler.sessions import (
        check_session,
        real_session_domains,
        session_file,
        write_storage_state,
    )
    from crawler.settings import SIMWATCH_SESSIONS_DIR
    from sandbox.server import FRONTS, check_loopback, login_storage_state

    command = "sandbox session"
    base = args.base_url.rstrip("/")
    parts = urlsplit(base)
    try:
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("not an http URL")
        check_loopback(parts.hostname)
    except ValueError:
        print_error(command, f"--base-url {args.base_url!r}: not a sandbox on a loopback address "
                    "(http://127.0.0.1:PORT); log in to real platforms with `simwatch login PLATFORM`")
        return 2
    platforms = args.platforms or [p for p in FRONTS if PLATFORMS[p].NEEDS_BROWSER]
    for platform in platforms:
        real = real_session_domains(SIMWATCH_SESSIONS_DIR, platform)
        if real:
            print_error(command, f"{session_file(SIMWATCH_SESSIONS_DIR, platform)} holds a real "
                        f"{platform} session ({', '.join(real)}); not replaced. Use the demo's "
                        "sessions (simwatch --demo sandbox session …) or another SIMWATCH_SESSIONS_DIR")
            return 1
    try:
        state = login_storage_state(base)
    except (OSError, RuntimeError, urllib.error.URLError) as exc:
        reason = getattr(exc, "reason", None) or exc
        print_error(command, f"cannot log in to the sandbox at {base}: {reason} (is "
                    "`simwatch sandbox serve` running there?)")
        return 1
    unusable = 0
    for platform in platforms:
        write_storage_state(session_file(SIMWATCH_SESSIONS_DIR, platform), state)
        check = check_session(SIMWATCH_SESSIONS_DIR, platform)
        verdict = "; ".join(check.verified) if check.plausible else "not usable: " + "; ".join(check.problems)
        unusable += not check.plausible
        print(f"saved {platform} session to {check.path} (mode 0600): {verdict}")
    # The sandbox signs sessions with a secret of the running server: a restarted sandbox meets
    # these sessions with its login wall.
    print("valid while this sandbox runs; after restarting it, run this command again")
    return 1 if unusable else 0


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

    from crawler.commands._common import platform_arg

    session = sub.add_parser(
        "session", help="save sandbox login sessions for the browser platforms (sandbox only)",
        description="Logs in to a running sandbox marketplace with its test account and saves "
        "each browser platform's session where `simwatch login` saves it. Only for a sandbox on "
        "a loopback address; real platforms are logged in to with `simwatch login PLATFORM`.")
    session.add_argument("--base-url", required=True, metavar="URL",
                         help="the sandbox's base URL, as `simwatch sandbox serve` prints it")
    session.add_argument("--platform", "-p", action="append", dest="platforms", metavar="NAME",
                         type=platform_arg(), help="platform (repeatable; default: every browser "
                         "platform the sandbox serves)")
    session.set_defaults(func=_session)
