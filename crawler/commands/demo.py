"""``simwatch demo``: the whole pipeline against the local sandbox marketplace.

sandbox marketplace → spiders (plain HTTP and logged-in browser) → classifier → Elasticsearch
→ takedown lists under ``out/demo/`` → a summary table. Everything runs locally; a second run
updates the same documents instead of adding new ones.

The demo is sealed off from real data: it keeps its state under ``$SIMWATCH_HOME/demo`` (its own
embedded store, whitelist, sessions, spool, evidence and run history) and writes only to the
``simwatch-demo-*`` indices, so no real command ever exports, counts or compares its listings.
It refuses an ``ELASTICSEARCH_URL`` (a real cluster) unless given ``--force``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sandbox.server import SandboxServer


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "demo",
        help="run the whole pipeline against the local sandbox marketplace",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--seed", type=int, default=7, help="sandbox catalogue seed")
    p.add_argument("--max-pages", type=int, default=20, help="result pages per keyword")
    p.add_argument("--out", type=Path, default=Path("out/demo"), help="takedown lists directory")
    p.add_argument("--evidence", type=int, default=20, metavar="N",
                   help="capture evidence for the N riskiest new flagged listings (0: none)")
    p.add_argument("--platform", "-p", action="append", dest="platforms", type=_front_arg,
                   help="sandbox platform to crawl (repeatable; default: every sandbox front)")
    p.add_argument("--force", action="store_true",
                   help="write the demo into the cluster at ELASTICSEARCH_URL (simwatch-demo-* "
                   "indices) instead of refusing")
    p.set_defaults(func=run)


def _front_arg(value: str) -> str:
    from crawler.commands._common import platform_arg
    from sandbox.server import FRONTS

    return str(platform_arg(FRONTS)(value))


# Settings derived from SIMWATCH_HOME: the sealed demo derives them from its own home instead.
_HOME_DERIVED = ("SIMWATCH_SESSIONS_DIR", "SIMWATCH_WHITELIST_DIR", "SIMWATCH_EVIDENCE_DIR",
                 "SIMWATCH_SPOOL_PATH", "SIMWATCH_DEAD_LETTER_PATH", "SIMWATCH_WHITELIST_FILES",
                 "SIMWATCH_MONITOR_HISTORY_FILE", "SIMWATCH_JOB", "SIMWATCH_WEBHOOK_URL")


def sealed_environment(environ: dict[str, str], home: str, force: bool) -> dict[str, str]:
    """The environment the demo runs in: its own home and index prefix, no real cluster."""
    from crawler.store.indices import DEMO_PREFIX

    env = {k: v for k, v in environ.items() if k not in _HOME_DERIVED}
    env["SIMWATCH_HOME"] = str(Path(home) / "demo")
    env["SIMWATCH_INDEX_PREFIX"] = DEMO_PREFIX
    if not force:
        env.pop("ELASTICSEARCH_URL", None)
    return env


def run(args: argparse.Namespace) -> int:
    import os
    import subprocess
    import sys

    from crawler.settings import ELASTICSEARCH_URL, SIMWATCH_HOME
    from crawler.store.client import masked_url
    from crawler.store.indices import DEMO_PREFIX, PREFIX

    if PREFIX == DEMO_PREFIX:
        return run_sealed(args)
    if ELASTICSEARCH_URL and not args.force:
        print(f"simwatch demo: error: ELASTICSEARCH_URL is set ({masked_url(ELASTICSEARCH_URL)}); "
              "the demo uses its own embedded store: unset it, or pass --force to write the demo "
              f"there under {DEMO_PREFIX}-* indices", file=sys.stderr)
        return 2
    # Settings are read once per process, so the sealed demo runs in a child with its own.
    env = sealed_environment(dict(os.environ), SIMWATCH_HOME, args.force)
    argv = getattr(args, "argv", None) or sys.argv[1:]
    return subprocess.call([sys.executable, "-m", "crawler.cli", *argv], env=env)


def run_sealed(args: argparse.Namespace) -> int:


    import logging
    import time

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from crawler.commands._common import elasticsearch_for_run
    from crawler.reporting import print_summary
    from crawler.runner import run_crawl
    from crawler.sessions import write_storage_state
    from crawler.settings import SANDBOX_PLATFORM_DELAY, SIMWATCH_EVIDENCE_DIR, SIMWATCH_HOME
    from crawler.store.indices import DEMO_PREFIX
    from sandbox.server import FRONTS, SandboxServer, login_storage_state

    console = Console()
    home = Path(SIMWATCH_HOME)  # the demo's own (sealed_environment)
    demo_dir = home
    log_file = demo_dir / "crawl.log"
    demo_dir.mkdir(parents=True, exist_ok=True)
    # Scrapy's log goes to a file; the terminal shows progress and the summary.
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().handlers[:] = [handler]
    logging.getLogger().setLevel(logging.INFO)
    platforms = args.platforms or list(FRONTS)
    started = time.monotonic()

    sandbox = SandboxServer(seed=args.seed)
    with elasticsearch_for_run(home) as es_url, sandbox:
        console.print(f"[bold]Elasticsearch[/] {es_url}   [bold]sandbox[/] {sandbox.base_url}")
        snapshot_dir, whitelist_note = _import_sandbox_whitelist(sandbox, demo_dir, es_url)
        console.print(whitelist_note)
        # The demo's own sessions (logged in to the sandbox like a user would be), so a user's
        # real saved sessions are never touched.
        sessions = demo_dir / "sessions"
        state = login_storage_state(sandbox.base_url)
        for name in platforms:
            write_storage_state(sessions / f"{name}.json", state)

        progress = Progress(
            TextColumn("[bold]{task.fields[platform]:<10}"),
            BarColumn(bar_width=None),
            TextColumn("{task.fields[pages]} pages · {task.fields[items]} listings"),
            TimeElapsedColumn(),
            console=console,
        )
        tasks = {
            name: progress.add_task(name, total=None, platform=name, pages=0, items=0)
            for name in platforms
        }
        counts = {name: {"pages": 0, "items": 0} for name in platforms}

        def on_progress(platform: str, event: str, amount: int) -> None:
            if platform not in tasks:
                return
            if event == "closed":
                progress.update(tasks[platform], total=1, completed=1)
                return
            key = "pages" if event == "page" else "items"
            counts[platform][key] += amount
            progress.update(tasks[platform], **counts[platform])

        with progress:
            report = run_crawl(
                platforms,
                max_pages=args.max_pages,
                base_urls={name: f"{sandbox.base_url}/{name}" for name in platforms},
                settings_overrides={
                    "ELASTICSEARCH_URL": es_url,
                    "SIMWATCH_SESSIONS_DIR": str(sessions),
                    "SIMWATCH_WHITELIST_DIR": str(snapshot_dir),
                    "SIMWATCH_PLATFORM_DELAY": SANDBOX_PLATFORM_DELAY,
                    # The sandbox puts a captcha in every platform's way: the demo counts it
                    # and goes on with the platform's other pages, so every run covers the same
                    # pages and a second run updates exactly the documents of the first.
                    # (Real crawls stop a platform at its first captcha.)
                    "SIMWATCH_STOP_PLATFORM_ON_CAPTCHA": False,
                    # Scrapy adds no handler of its own: the file handler above has it all.
                    "LOG_ENABLED": False,
                },
                progress=on_progress,
            )
        evidence = _capture_evidence(es_url, sandbox.base_url or "", report.run_id,
                                     Path(SIMWATCH_EVIDENCE_DIR), args.evidence)
        files = _export(es_url, platforms, args.out)

    print_summary(report, console)
    console.print(f"takedown lists: {len(files)} files under {args.out}/")
    for path in files:
        console.print(f"  {path}")
    console.print(evidence)
    console.print(f"crawl log: {log_file}   wall time: {time.monotonic() - started:.0f} s")
    console.print(f"the demo's data ({DEMO_PREFIX}-* indices, {home}) is kept apart from real "
                  "data; look at it with `simwatch --demo COMMAND`, e.g. `simwatch --demo runs`",
                  markup=False)
    return 0 if report.status == "succeeded" else 1


def _import_sandbox_whitelist(
    sandbox: SandboxServer, demo_dir: Path, es_url: str
) -> tuple[Path, str]:
    """Write the sandbox's published agent list and import it as a whitelist snapshot."""
    from crawler.store.client import make_client
    from crawler.store.mappings import setup
    from sandbox.catalogue import write_whitelist
    from whitelist.registry import import_file

    # CSV rather than XLSX: byte-identical on every run, so a second demo run finds the same
    # snapshot instead of importing a new one.
    published = write_whitelist(sandbox.catalogue.whitelist_rows(),
                                demo_dir / "sandbox-whitelist.csv")
    client = make_client(es_url)
    setup(client)
    snapshot_dir = demo_dir / "whitelist"
    snapshot = import_file(
        published,
        directory=snapshot_dir,
        source=f"{sandbox.base_url}/whitelist",
        client=client,
    )
    return snapshot_dir, f"whitelist snapshot {snapshot.id}: {snapshot.rows} agents"


def _capture_evidence(es_url: str, base_url: str, run_id: str, directory: Path, limit: int) -> str:
    """Screenshot and raw page of the riskiest flagged listings, hash-chained, then verified."""
    import asyncio

    from crawler.platforms.base import reroot_url
    from crawler.store.client import make_client
    from crawler.store.indices import LISTINGS
    from crawler.takedowns.evidence import capture_flagged, verify

    if limit <= 0:
        return "evidence: skipped (--evidence 0)"
    client = make_client(es_url)
    client.indices.refresh(index=LISTINGS)
    records = asyncio.run(capture_flagged(
        client, directory, run_id, limit=limit, base_url=base_url,
        url_for=lambda doc: reroot_url(str(doc["url"]), f"{base_url}/{doc['platform']}"),
    ))
    if not records:
        return "evidence: no new flagged listings to capture"
    problems = verify(directory, run_id)
    state = "verified" if not problems else f"{len(problems)} problems: {problems[0]}"
    return (f"evidence: {len(records)} flagged listings captured under {directory / run_id} "
            f"(screenshot + raw page, SHA-256 chain {state}; `simwatch --demo evidence verify {run_id}`)")


def _export(es_url: str, platforms: list[str], out: Path) -> list[Path]:
    from crawler.store.client import make_client
    from crawler.store.indices import LISTINGS
    from crawler.takedowns.export import export_takedowns

    client = make_client(es_url)
    client.indices.refresh(index=LISTINGS)
    files: list[Path] = []
    for name in platforms:
        for fmt in ("csv", "xlsx"):
            files.extend(export_takedowns(client, name, fmt, out))
    return files
