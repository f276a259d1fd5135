"""The ``simwatch`` command: one argparse parser assembled from ``crawler/commands/*``.

Each command module exposes ``register(subparsers)`` and sets ``func`` on its parser; command
modules keep heavy imports inside their functions so ``simwatch --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

# Order is the order shown in --help.
COMMAND_MODULES = (
    "demo",
    "crawl",
    "login",
    "classify",
    "parse",
    "whitelist",
    "takedowns",
    "evidence",
    "sellers",
    "es",
    "kibana",
    "schedule",
    "runs",
    "sandbox",
    "serve",
    "users",
    "reviews",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="simwatch",
        description="Find online shops selling SIM cards without the carrier's authorisation.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"crawler.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # The simwatch command works from any directory, not only next to scrapy.cfg.
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
    import jieba  # quiet its dictionary-loading chatter (it resets its level on import)

    jieba.setLogLevel(logging.WARNING)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    return int(func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
