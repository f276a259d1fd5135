"""``simwatch es``: create, migrate and inspect the Elasticsearch indices; replay the spool.

Connection settings come from ``crawler.settings`` (``ELASTICSEARCH_URL``, ``_API_KEY``,
``_USERNAME``/``_PASSWORD``, ``_CA_CERTS``, ``_VERIFY_CERTS``); ``--url`` overrides the URL.
Without any URL the embedded ``noida-db`` server under ``$SIMWATCH_HOME/es`` is started for the
duration of the command, so the commands work on a laptop exactly as in production.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Any

from crawler.commands._common import add_action, add_command_group, add_connection_args, connect
from crawler.errors import print_error

__all__ = ["connect", "register"]

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser, actions = add_command_group(
        subparsers, "es", "Elasticsearch indices: setup, migrate, status, replay the spool", __doc__
    )
    add_connection_args(parser)

    add_action(actions, "setup", cmd_setup,
               help="create templates, indices and aliases (idempotent)")

    migrate = add_action(actions, "migrate", cmd_migrate,
                         help="reindex into <alias>-v<N+1> and swap the alias (stop crawls first)")
    migrate.add_argument("--index", action="append", metavar="ALIAS",
                         help="alias to migrate (repeatable; default: every alias behind the code)")
    migrate.add_argument("--delete-old", action="store_true", help="delete the old index after")

    replay = add_action(actions, "replay", cmd_replay, help="send spooled items (written while ES was down)")

    status = add_action(actions, "status", cmd_status,
                        help="aliases, versions, document and spool counts")
    status.add_argument("--json", action="store_true", help="machine-readable output")

    for sub in (replay, status):
        sub.add_argument("--spool", help="spool file (default: SIMWATCH_SPOOL_PATH)")
        sub.add_argument("--dead-letter",
                         help="dead-letter file (default: SIMWATCH_DEAD_LETTER_PATH)")


def _settings() -> Any:
    import crawler.settings as settings  # the only module that reads the environment

    return settings


def cmd_setup(args: argparse.Namespace) -> int:
    from crawler.store import mappings

    with connect(args) as client:
        for alias, outcome in mappings.setup(client).items():
            print(f"{alias}: {outcome}")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from crawler.store import mappings

    with connect(args) as client:
        if args.index:
            try:
                aliases = [mappings.spec_for(name).alias for name in args.index]
            except KeyError as exc:
                print_error("es migrate", str(exc.args[0]))
                return 2
        else:
            aliases = [row["alias"] for row in mappings.status(client)
                       if row["state"] == "migration needed"]
            if not aliases:
                print("every index is at the code's mapping version; nothing to migrate")
                return 0
        failed = 0
        for alias in aliases:
            try:
                result = mappings.migrate(client, alias, delete_old=args.delete_old)
            except mappings.MigrationError as exc:
                print(f"{alias}: FAILED: {exc}")
                failed += 1
                continue
            print(f"{alias}: {result['from']} -> {result['to']} ({result['documents']} documents,"
                  f" {result['method']}{', old index deleted' if result['old_deleted'] else ''})")
    return 1 if failed else 0


def _sink_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    settings = _settings()
    spool = getattr(args, "spool", None) or settings.SIMWATCH_SPOOL_PATH
    dead = getattr(args, "dead_letter", None) or settings.SIMWATCH_DEAD_LETTER_PATH
    return Path(spool), Path(dead)


def cmd_replay(args: argparse.Namespace) -> int:
    from crawler.store.sink import BulkSink, spool_count

    spool, dead = _sink_paths(args)
    set_aside = quarantine_undecodable(spool, dead)
    waiting = spool_count(spool)
    if not waiting:
        print(f"spool {spool} is empty; nothing to replay")
        return 0
    with connect(args) as client:
        sink = BulkSink(client, spool, dead)
        sink.replay()
        sink.close()
    stats = sink.stats
    dead_lettered = stats.dead_lettered + set_aside
    print(f"replayed {stats.replayed} items from {spool}: {stats.sent} sent, "
          f"{dead_lettered} dead-lettered ({dead}), {stats.spooled} spooled again")
    # Like a degraded crawl: items still outside the store are not a success for a script.
    return 1 if stats.spooled or dead_lettered else 0


def quarantine_undecodable(spool: Path, dead: Path) -> int:
    """Move spool lines that are not UTF-8 (a bad byte from a failing disk or a hand edit) to
    the dead-letter file, each with its file:line, so the replay goes on around them.
    Returns how many were moved."""
    import datetime as dt
    import os

    moved = 0
    for path in [spool, *sorted(spool.parent.glob(spool.name + ".replaying-*"))]:
        if not path.is_file():
            continue
        kept: list[bytes] = []
        bad: list[dict[str, Any]] = []
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    bad.append({"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                                "status": None,
                                "reason": f"{path}:{number}: unreadable spool line ({exc.reason} "
                                          f"at byte {exc.start})",
                                "line": raw.decode("utf-8", errors="replace").rstrip("\n")})
                    raw = b"\n"  # blank, so the other lines keep their numbers
                kept.append(raw)
        if not bad:
            continue
        dead.parent.mkdir(parents=True, exist_ok=True)
        with dead.open("a", encoding="utf-8") as out:
            for record in bad:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                log.error("%s", record["reason"])
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(b"".join(kept))
        os.replace(tmp, path)
        moved += len(bad)
    return moved


def cmd_status(args: argparse.Namespace) -> int:
    from crawler.store import mappings
    from crawler.store.sink import spool_count

    spool, dead = _sink_paths(args)
    with connect(args) as client:
        rows = mappings.status(client)
    files = {"spool": {"path": str(spool), "items": spool_count(spool)},
             "dead_letter": {"path": str(dead), "items": spool_count(dead)}}
    if args.json:
        print(json.dumps({"indices": rows, **files}, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            docs = "-" if row["documents"] is None else row["documents"]
            print(f"{row['alias']:<22} {row['state']:<17} code v{row['code_version']}  "
                  f"indices={','.join(row['indices']) or '-'}  documents={docs}")
        for name, info in files.items():
            print(f"{name}: {info['items']} items in {info['path']}")
    return 0 if all(row["state"] == "ok" for row in rows) else 1
