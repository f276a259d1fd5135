"""The ``simwatch`` command: one argparse parser assembled from ``crawler/commands/*``.

Each command module exposes ``register(subparsers)`` and sets ``func`` on its parser; command
modules keep heavy imports inside their functions so ``simwatch --help`` stays fast.

Errors a user can meet (a store or Redis that is down, a missing file, a bad platform name, a
malformed cookie file) end in one line on stderr and a non-zero exit; ``-v`` adds the traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import warnings
from collections.abc import Sequence
from typing import NoReturn

from crawler.errors import CommandError, print_error

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
LEVELS = {0: logging.WARNING, 1: logging.INFO}  # -v INFO, -vv (or more) DEBUG
LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


class Parser(argparse.ArgumentParser):
    """argparse with a one-line error: the usage block is one ``--help`` away."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="simwatch",
        description="Find online shops selling SIM cards without the carrier's authorisation.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="more output: -v progress (INFO) and tracebacks, -vv debug")
    parser.add_argument("--demo", action="store_true",
                        help="run COMMAND on the demo's data (its own store and indices)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"crawler.commands.{name}")
        module.register(subparsers)
    _name_commands(parser)
    return parser


def _name_commands(parser: argparse.ArgumentParser) -> None:
    """Give every (sub)command parser its path as ``command_path`` (``whitelist import``), for
    the one-line error of whatever it raises (the deepest parser's default wins)."""
    for action in parser._actions:  # argparse keeps no public list of subcommands
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                sub.set_defaults(command_path=sub.prog.removeprefix("simwatch "))
                _name_commands(sub)


class OneLineFormatter(logging.Formatter):
    """Log records without their tracebacks (``-v`` shows them): a library that logs an error
    with ``exc_info`` still gives one line."""

    def formatException(self, ei: object) -> str:  # noqa: N802 (logging's naming)
        return ""

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 (logging's naming)
        return ""


class SpidermonReportFilter(logging.Filter):
    """Spidermon logs failed monitors as a unittest report, tracebacks included; the run summary
    already gives each failed monitor and its reason in one line (``-v`` shows the report)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("[Spidermon]")


def configure_logging(verbosity: int) -> None:
    """One handler on the root logger (Scrapy adds none: the runner asks it not to)."""
    level = LEVELS.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT) if verbosity else OneLineFormatter(LOG_FORMAT))
    # On the handler too: Scrapy sets its own loggers to DEBUG, and records that propagate to
    # the root are filtered by the root's handlers, not by the root's level.
    handler.setLevel(level)
    if not verbosity:
        handler.addFilter(SpidermonReportFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Libraries' deprecation notices are for their users' developers, not for ours.
    if verbosity < 2:
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", category=PendingDeprecationWarning)
        warnings.filterwarnings("ignore", message=".*[Dd]eprecat.*")
    # Retry warnings (with tracebacks) of the Elasticsearch transport: the outcome is what counts,
    # and the CLI says it in one line.
    for noisy in ("elastic_transport", "urllib3", "asyncio", "filelock", "jieba"):
        logging.getLogger(noisy).setLevel(level if verbosity else logging.ERROR)


def error_line(exc: BaseException) -> str:
    """One line saying what went wrong, for the errors a user can meet and fix."""
    from crawler.errors import describe_error

    return describe_error(exc)


def _run_on_demo_data(argv: list[str], command: str | None) -> int:
    """``simwatch --demo COMMAND``: COMMAND in the demo's sealed environment (a new program,
    since settings are read once per process). exec, not a child: ``kill PID`` of
    ``simwatch --demo serve`` must stop the console, not orphan it with its port and store."""
    from crawler.commands.demo import sealed_environment
    from crawler.settings import SIMWATCH_HOME

    rest = [a for a in argv if a != "--demo"]
    if command == "crawl" and not any(a == "--sandbox" or a.startswith("--sandbox=") for a in rest):
        # the demo's indices hold sandbox data only: real platforms never crawl into them
        print_error("crawl", "the demo's data is sandbox data only; pass --sandbox URL (or crawl "
                    "without --demo)")
        return 2
    env = sealed_environment(dict(os.environ), SIMWATCH_HOME, force=command == "demo" and "--force" in rest)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, "-m", "crawler.cli", *rest], env)
    return 1  # not reached: execve replaces this process or raises


def _warnings_and_above(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.WARNING


def main(argv: Sequence[str] | None = None) -> int:
    # The simwatch command works from any directory, not only next to scrapy.cfg.
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = argv  # for a command that re-runs itself in a sealed environment (demo)
    if args.demo:
        return _run_on_demo_data(argv, args.command)
    configure_logging(args.verbose)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    # Quiet jieba's dictionary-loading chatter whenever the text model loads it: it sets its logger's
    # level on import, but a filter stays (and importing it here cost every command 0.15 s).
    logging.getLogger("jieba").addFilter(_warnings_and_above)
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print("simwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader left (`simwatch … | head`): not an error to report. stdout now points at
        # devnull so the interpreter's final flush does not fail again (Python's signal docs).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a command whose reader left
    except SystemExit:
        raise
    except CommandError as exc:
        if args.verbose:
            logging.getLogger("simwatch").exception("%s failed", args.command)
        print_error(getattr(args, "command_path", args.command), str(exc))
        return exc.exit_code
    except Exception as exc:  # noqa: BLE001  # the one place every error becomes one line
        if args.verbose:
            logging.getLogger("simwatch").exception("%s failed", args.command)
        print_error(getattr(args, "command_path", args.command), error_line(exc)
                    + ("" if args.verbose else " (-v shows the traceback)"))
        return 1


if __name__ == "__main__":
    sys.exit(main())
