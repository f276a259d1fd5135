"""``simwatch schedule``: run scheduled crawls from a schedules file, or list the next runs.

``simwatch schedule run [--file config/schedules.toml]`` is a long-running process (the
compose ``scheduler`` service). Each due job runs once (also after downtime: missed slots run
once, not once per slot), never overlapping its previous run, in a fresh crawl process; each
run gets a document in ``simwatch-crawls``. SIGTERM stops it after the running crawls finish.
State (last slots, locks, run records not yet indexed) lives under ``$SIMWATCH_HOME``.
"""

from __future__ import annotations

import argparse
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.commands._common import add_action, add_command_group
from crawler.errors import failing_as

log = logging.getLogger(__name__)

DEFAULT_FILE = "config/schedules.toml"


def register(subparsers: argparse._SubParsersAction) -> None:
    _, actions = add_command_group(
        subparsers, "schedule", "scheduled crawls: run the scheduler, list next runs", __doc__
    )

    run = add_action(actions, "run", cmd_run, help="run the scheduler until SIGTERM")
    listing = add_action(actions, "list", cmd_list, help="show the jobs and their next runs")
    listing.add_argument("--count", type=int, default=3, help="next runs shown per job (default 3)")
    for sub in (run, listing):
        sub.add_argument("--file", default=DEFAULT_FILE, help=f"schedules file (default {DEFAULT_FILE})")
        sub.add_argument("--state-dir", help="state directory (default: $SIMWATCH_HOME)")


def _state_dir(args: argparse.Namespace) -> Path:
    from crawler.settings import SIMWATCH_HOME  # the only module that reads the environment

    return Path(args.state_dir or SIMWATCH_HOME)


def _load_jobs(path: str) -> list[Any]:
    """The jobs of the schedules file; a bad file or keyword set ends the command with its one
    error line (``simwatch schedule …: error: FILE:LINE: …``, exit 2)."""
    from crawler.ops.schedule import DEFAULT_KEYWORD_SET, ScheduleFileError, load_schedules
    from crawler.platforms import PLATFORMS
    from crawler.platforms.keywords import KeywordConfigError, load_keyword_set
    from crawler.settings import SIMWATCH_KEYWORDS_FILE

    with failing_as(ScheduleFileError, KeywordConfigError):
        jobs = load_schedules(path, known_platforms=sorted(PLATFORMS) or None)
        for job in jobs:  # a typo in a keyword set fails now, not at 02:30
            if not job.keywords and job.keyword_set != DEFAULT_KEYWORD_SET:
                load_keyword_set(job.keyword_set, SIMWATCH_KEYWORDS_FILE)
    return jobs


def resolve_keywords(job: Any) -> list[str] | None:
    """Inline keywords, a named set from the keywords file, or None (per-platform defaults)."""
    from crawler.ops.schedule import DEFAULT_KEYWORD_SET
    from crawler.platforms.keywords import load_keyword_set
    from crawler.settings import SIMWATCH_KEYWORDS_FILE

    if job.keywords:
        return list(job.keywords)
    if job.keyword_set == DEFAULT_KEYWORD_SET:
        return None
    return load_keyword_set(job.keyword_set, SIMWATCH_KEYWORDS_FILE)


def cmd_run(args: argparse.Namespace) -> int:
    from scrapy.utils.project import get_project_settings

    from crawler.ops.schedule import Scheduler
    from crawler.pipelines.elasticsearch import sink_from_settings
    from crawler.runner import run_crawl_in_subprocess
    from crawler.store.crawls import RunRecorder

    jobs = _load_jobs(args.file)
    state_dir = _state_dir(args)
    _elasticsearch()  # indices ready (or a warning) before the first run
    # The runs record themselves; the scheduler writes only the record of a run whose process
    # died, through the same writer and spool (crawler/store/crawls.py).
    settings = get_project_settings()
    recorder = RunRecorder(lambda: sink_from_settings(settings))
    scheduler = Scheduler(jobs, run_crawl_in_subprocess, recorder, state_dir,
                          keyword_resolver=resolve_keywords)
    scheduler.run_forever()
    return 0


def _elasticsearch() -> Any:
    """Set the indices up; ``None`` if the client cannot even be configured (records spool)."""
    from crawler.store.client import make_client_from_env
    from crawler.store.mappings import setup

    try:
        client = make_client_from_env()
    except Exception as exc:  # bad configuration: run anyway, keep records locally
        log.error("Elasticsearch not configured (%s); run records are kept in the local spool", exc)
        return None
    try:
        setup(client)
    except Exception as exc:  # down at start: the recorder retries on every write
        log.warning("Elasticsearch not reachable at start (%s); will retry per run", exc)
    return client


def cmd_list(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from crawler.ops.schedule import ScheduleState, next_runs

    jobs = _load_jobs(args.file)
    state = ScheduleState(_state_dir(args) / "schedule-state.json")
    known = state.load()
    now = datetime.now(UTC)
    table = Table(title=f"Scheduled crawls ({args.file})")
    for column in ("job", "cron", "tz", "platforms", "keywords", "pages", "enabled",
                   "last run", "next runs (UTC)"):
        table.add_column(column)
    for job, slots in next_runs(jobs, now, args.count):
        last = known.get(job.name, {})
        last_text = f"{last.get('last_start', '-')[:16]} {last.get('last_status', '')}".strip()
        table.add_row(
            job.name, job.cron, job.timezone, ", ".join(job.platforms),
            ", ".join(job.keywords) if job.keywords else job.keyword_set, str(job.max_pages),
            "yes" if job.enabled else "no", last_text,
            "\n".join(f"{s:%Y-%m-%d %H:%M}" for s in slots) or "-",
        )
    Console().print(table)
    return 0
