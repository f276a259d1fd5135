"""Pieces shared by the commands: one way to reach Elasticsearch, platform arguments."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def _settings() -> Any:
    import crawler.settings as settings  # the only module that reads the environment

    return settings


def add_command_group(
    subparsers: argparse._SubParsersAction, name: str, help: str, doc: str | None  # type: ignore[type-arg]
) -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:  # type: ignore[type-arg]
    """``simwatch NAME ACTION``: the command's parser (the module's doc as its description) and
    its actions; without an action it prints its help and exits 2."""
    parser = subparsers.add_parser(
        name, help=help, description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])
    return parser, parser.add_subparsers(dest=f"{name}_command", metavar="ACTION")


def add_action(
    actions: argparse._SubParsersAction, name: str,  # type: ignore[type-arg]
    func: Callable[[argparse.Namespace], int], **options: Any,
) -> argparse.ArgumentParser:
    """One ACTION of a command group: its parser (``options`` as for ``add_parser``), run by
    ``func``."""
    parser: argparse.ArgumentParser = actions.add_parser(name, **options)
    parser.set_defaults(func=func)
    return parser


def add_connection_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", help="Elasticsearch URL (default: ELASTICSEARCH_URL or embedded)")
    parser.add_argument("--home", help="simwatch data directory (default: SIMWATCH_HOME)")


def client_options(args: argparse.Namespace | None = None) -> dict[str, Any]:
    settings = _settings()
    options = {name: getattr(settings, name, None) for name in dir(settings)
               if name.startswith("ELASTICSEARCH_")}
    if getattr(args, "url", None):
        options["ELASTICSEARCH_URL"] = args.url
    return options


def home_dir(args: argparse.Namespace | None = None) -> Path:
    return Path(getattr(args, "home", None) or _settings().SIMWATCH_HOME)


@contextlib.contextmanager
def connect(args: argparse.Namespace | None = None) -> Iterator[Any]:
    """The one way every command reaches Elasticsearch: a client for ``--url`` or
    ``ELASTICSEARCH_URL``, else for the embedded server under ``<home>/es`` started for the
    command (a server a killed run left behind is stopped first: crawler/store/embedded.py)."""
    from crawler.store.client import describe, make_client

    options = client_options(args)
    url = options.get("ELASTICSEARCH_URL")
    if url:
        logger.info("%s", describe(url, api_key=options.get("ELASTICSEARCH_API_KEY"),
                                   username=options.get("ELASTICSEARCH_USERNAME")))
        yield make_client(options)
        return
    with elasticsearch_for_run(home_dir(args)) as embedded_url:
        yield make_client({**options, "ELASTICSEARCH_URL": embedded_url})


@contextlib.contextmanager
def elasticsearch_for_run(home: str | os.PathLike[str]) -> Iterator[str]:
    """Yield the Elasticsearch URL to use: ``ELASTICSEARCH_URL`` if set, else the embedded server.

    The embedded ``noida-db`` server keeps its data under ``<home>/es`` and is stopped on exit,
    so a second run sees the documents of the first.
    """
    url = _settings().ELASTICSEARCH_URL
    if url:
        yield url
        return
    from crawler.store.embedded import EmbeddedElasticsearch

    with EmbeddedElasticsearch(Path(home) / "es") as server:
        logger.info("embedded Elasticsearch-compatible server at %s", server.url)
        yield server.url


def platform_arg(known: Iterable[str] | None = None) -> Any:
    """An argparse ``type``: case-insensitive platform names, a did-you-mean for unknown ones."""
    def parse(value: str) -> str:
        from crawler.errors import UnknownPlatformError, platform_name

        try:
            return platform_name(value, known)
        except UnknownPlatformError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = "platform"
    return parse
