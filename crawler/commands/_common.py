"""Pieces shared by the commands that run crawls (``crawl``, ``demo``)."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def elasticsearch_for_run(home: str | os.PathLike[str]) -> Iterator[str]:
    """Yield the Elasticsearch URL to use: ``ELASTICSEARCH_URL`` if set, else the embedded server.

    The embedded ``noida-db`` server keeps its data under ``<home>/es`` and is stopped on exit,
    so a second run sees the documents of the first.
    """
    url = os.environ.get("ELASTICSEARCH_URL")
    if url:
        yield url
        return
    from crawler.store.embedded import EmbeddedElasticsearch

    with EmbeddedElasticsearch(Path(home) / "es") as server:
        logger.info("embedded Elasticsearch-compatible server at %s", server.url)
        yield server.url


def platform_choices() -> list[str]:
    from crawler.platforms import PLATFORMS

    return sorted(PLATFORMS)
