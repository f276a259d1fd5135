"""``simwatch users``: the console's users and their roles.

    simwatch users add alice --role reviewer [--role operator]   # password prompted twice
    echo "$PW" | simwatch users add bot --role analyst --password-stdin
    simwatch users list
    simwatch users remove alice

Roles: analyst (read), reviewer (decide), operator (exports, takedown status), admin (users).
The users file is ``SIMWATCH_HOME/users.json`` (mode 0600) unless ``--users`` names another.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.commands._common import add_action, add_command_group
from crawler.errors import failing_as, print_error


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from crawler.console.users import ROLES

    _, actions = add_command_group(subparsers, "users", "console users and roles", __doc__)

    add = add_action(actions, "add", cmd_add, help="add a user (or --replace one)")
    add.add_argument("name")
    add.add_argument("--role", action="append", required=True, choices=list(ROLES),
                     help="repeatable")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of stdin (no prompt)")
    add.add_argument("--replace", action="store_true", help="replace an existing user")

    listing = add_action(actions, "list", cmd_list, help="users and roles")

    remove = add_action(actions, "remove", cmd_remove, help="remove a user")
    remove.add_argument("name")

    for sub in (add, listing, remove):
        sub.add_argument("--users", type=Path, help="users file (default: SIMWATCH_HOME/users.json)")
        sub.add_argument("--home", help="simwatch data directory (default: SIMWATCH_HOME)")


def _store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from crawler.commands.serve import users_path
    from crawler.console.users import UserStore

    return UserStore(users_path(args))


def _password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n") or None
    import getpass

    first = getpass.getpass(f"password for {args.name}: ")
    if getpass.getpass("again: ") != first:
        print_error("users add", "the passwords differ")
        return None
    return first


def cmd_add(args: argparse.Namespace) -> int:
    from crawler.console.users import UserError

    store = _store(args)
    password = _password(args)
    if not password:
        print_error("users add", "no password given")
        return 2
    with failing_as(UserError):
        user = store.add(args.name, password, args.role, replace=args.replace)
    print(f"user {user.name} ({', '.join(user.roles)}) saved in {store.path}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from crawler.console.users import UserError

    store = _store(args)
    with failing_as(UserError):
        users = store.list()
    if not users:
        print(f"no users in {store.path}")
    for user in users:
        print(f"{user.name:<24} {', '.join(user.roles):<30} {user.created_at}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from crawler.console.users import UserError

    with failing_as(UserError):
        _store(args).remove(args.name)
    print(f"user {args.name} removed")
    return 0
