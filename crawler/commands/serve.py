"""``simwatch serve``: the review console in a browser, over the same Elasticsearch as every command.

    simwatch users add alice --role reviewer      # once; password prompted
    simwatch serve                                 # http://127.0.0.1:8765

Without ``ELASTICSEARCH_URL`` the embedded server under ``$SIMWATCH_HOME/es`` runs for as long
as the console does (its URL is printed: point a crawl at it with ``ELASTICSEARCH_URL`` to crawl
while the console is open). Behind a TLS-terminating proxy, pass ``--proxy IP`` (the proxy's
address: its X-Forwarded-Proto/For headers are trusted) or ``--secure-cookies``: session cookies
are then sent over HTTPS only.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from crawler.errors import print_error

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "serve", help="the review console (search, review, takedowns) in a browser",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--users", type=Path, help="users file (default: SIMWATCH_HOME/users.json)")
    parser.add_argument("--url", help="Elasticsearch URL (default: ELASTICSEARCH_URL or embedded)")
    parser.add_argument("--home", help="simwatch data directory (default: SIMWATCH_HOME)")
    parser.add_argument("--secure-cookies", action="store_true",
                        help="send the session cookie over HTTPS only (set behind TLS)")
    parser.add_argument("--proxy", metavar="IP", action="append", default=[],
                        help="trusted reverse proxy address (repeatable); implies --secure-cookies")
    parser.set_defaults(func=run)


def home(args: argparse.Namespace) -> Path:
    from crawler.settings import SIMWATCH_HOME

    return Path(getattr(args, "home", None) or SIMWATCH_HOME)


def users_path(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "users", None) or home(args) / "users.json")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from crawler.commands.es import connect
    from crawler.console.app import ConsoleConfig, create_app
    from crawler.console.auth import session_secret
    from crawler.console.users import UserStore
    from crawler.settings import SIMWATCH_EVIDENCE_DIR

    if not 0 < args.port < 65536:
        print_error("serve", f"--port {args.port} is not a TCP port")
        return 2
    path = users_path(args)
    if not UserStore(path).list():
        from crawler.store.indices import DEMO_PREFIX, PREFIX

        demo = " --demo" if PREFIX == DEMO_PREFIX else ""  # the demo keeps its own users file
        print_error("serve", f"no console users in {path}; add one first: "
                    f"simwatch{demo} users add NAME --role admin")
        return 2
    base = home(args)
    config = ConsoleConfig(
        users_path=path,
        secret_key=session_secret(base / "console-secret"),
        evidence_dir=Path(SIMWATCH_EVIDENCE_DIR),
        exports_dir=base / "console-exports",
        secure_cookies=bool(args.secure_cookies or args.proxy),
    )
    # uvicorn re-raises SIGTERM after its graceful shutdown; turning it into SystemExit lets
    # the `with` below stop the embedded Elasticsearch instead of dying around it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # One line per Elasticsearch request is noise in a long-running server; never lower than
    # the CLI set it (without -v its retries are not shown: a store that is down is one line).
    transport = logging.getLogger("elastic_transport")
    transport.setLevel(max(transport.getEffectiveLevel(), logging.WARNING))
    with connect(args) as client:
        app = create_app(client, config)
        print(f"simwatch console on http://{args.host}:{args.port}/ "
              f"(Elasticsearch {client.transport.node_pool.get().base_url}); Ctrl-C stops it",
              flush=True)
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning",
                    proxy_headers=bool(args.proxy),
                    forwarded_allow_ips=",".join(args.proxy) if args.proxy else None)
    return 0
