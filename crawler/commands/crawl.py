"""``simwatch crawl``: search platforms, classify, index; print what the run met."""

from __future__ import annotations

import argparse

from crawler.commands._common import platform_arg
from crawler.errors import error_text


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "crawl",
        help="crawl platforms for SIM listings, classify and index them",
        description=(
            "Crawls the given platforms (default: all) with the keywords from the keywords file "
            "(or --keyword), classifies every listing against the imported whitelist snapshots "
            "and indexes the results. Browser platforms need a saved session (simwatch login). "
            "Uses ELASTICSEARCH_URL, or the embedded server when it is not set."
        ),
    )
    p.add_argument("--platform", "-p", action="append", dest="platforms", metavar="NAME",
                   type=platform_arg(),
                   help="platform to crawl (repeatable; default: all)")
    p.add_argument("--keyword", "-k", action="append", dest="keywords", metavar="WORD",
                   help="search keyword (repeatable; default: the keywords file)")
    p.add_argument("--max-pages", type=int, default=None, help="result pages per keyword")
    p.add_argument("--base-url", action="append", default=[], metavar="PLATFORM=URL",
                   help="point a platform at another site (e.g. a sandbox front)")
    p.add_argument("--sandbox", metavar="URL",
                   help="point every platform at a sandbox marketplace base URL")
    p.add_argument("--whitelist", action="append", default=[], metavar="FILE",
                   help="whitelist file to use besides the imported snapshots")
    p.add_argument("--run-id", help="crawl run id (default: generated); workers of one "
                   "distributed crawl share it")
    p.add_argument("--redis", metavar="URL", default=None,
                   help="share the frontier and dupefilter with other workers through Redis "
                   "(default: REDIS_URL when --worker is given)")
    p.add_argument("--worker", action="store_true",
                   help="run as a distributed worker (needs --run-id and Redis)")
    p.add_argument("--jobdir", metavar="DIR",
                   help="resumable crawl: its state lives in DIR; after a crash (even SIGKILL) "
                   "run the same command again to finish it, losing and duplicating nothing")
    p.add_argument("--no-model", action="store_true", help="rules-only classification")
    p.add_argument("--json", action="store_true", help="print the run report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json
    import os
    from urllib.parse import urlsplit

    from crawler.commands._common import elasticsearch_for_run
    from crawler.platforms import PLATFORMS
    from crawler.reporting import print_summary
    from crawler.runner import run_crawl
    from crawler.settings import REDIS_URL, SIMWATCH_HOME, SIMWATCH_WHITELIST_FILES
    from sandbox.server import is_loopback

    platforms = args.platforms or sorted(PLATFORMS)
    base_urls: dict[str, str] = {}
    overrides: dict[str, object] = {}
    if args.sandbox:
        base_urls = {p: f"{args.sandbox.rstrip('/')}/{p}" for p in platforms}
        if is_loopback(urlsplit(args.sandbox).hostname or "") \
                and "SIMWATCH_PLATFORM_DELAY" not in os.environ:
            # The platforms' politeness delays protect real sites, not our own sandbox: with
            # them a two-page sandbox crawl waited ~4 minutes (pinduoduo's 3 s per request).
            from crawler.settings import SANDBOX_PLATFORM_DELAY

            overrides["SIMWATCH_PLATFORM_DELAY"] = SANDBOX_PLATFORM_DELAY
    for item in args.base_url:
        name, sep, url = item.partition("=")
        if not sep or not url:
            raise SystemExit(f"simwatch crawl: error: --base-url {item!r}: expected PLATFORM=URL")
        from crawler.errors import platform_name

        base_urls[platform_name(name)] = url
    whitelists = [os.path.abspath(f) for f in args.whitelist] or SIMWATCH_WHITELIST_FILES
    if args.whitelist:
        overrides["SIMWATCH_WHITELIST_FILES"] = whitelists
    if args.no_model:
        overrides["SIMWATCH_USE_MODEL"] = False
    redis_url = args.redis or (REDIS_URL if args.worker else None)
    if args.worker and not (redis_url and args.run_id):
        raise SystemExit("simwatch crawl: error: --worker needs --run-id and --redis URL (or REDIS_URL)")
    if redis_url:
        _check_redis(redis_url)
    run_id = args.run_id
    if args.jobdir:
        if redis_url:
            raise SystemExit("simwatch crawl: error: --jobdir and --redis exclude each other: "
                             "a Redis frontier already survives a worker's crash")
        run_id = _resumable_run_id(args.jobdir, args.run_id)
        overrides["SIMWATCH_JOBDIR"] = os.path.abspath(args.jobdir)
    _check_whitelists(whitelists)
    with elasticsearch_for_run(SIMWATCH_HOME) as es_url:
        overrides["ELASTICSEARCH_URL"] = es_url
        if not os.environ.get("ELASTICSEARCH_URL"):  # for the summary's replay command
            overrides["SIMWATCH_EMBEDDED_HOME"] = SIMWATCH_HOME
        report = run_crawl(
            platforms,
            keywords=args.keywords,
            max_pages=args.max_pages,
            base_urls=base_urls,
            settings_overrides=overrides,
            run_id=run_id,
            redis_url=redis_url,
        )
    if args.json:
        print(json.dumps(report.to_document(), ensure_ascii=False, indent=1))
    else:
        print_summary(report)
    return 0 if report.status == "succeeded" else 1


def _check_whitelists(paths: list[str]) -> None:
    """Fail before crawling on a whitelist file that cannot be read: the classify pipeline's own
    load, when the crawl starts, ended in Twisted's traceback."""
    from crawler.classifiers import load_matcher
    from whitelist.model import WhitelistFileError

    try:
        load_matcher(paths)
    except WhitelistFileError as exc:
        raise SystemExit(error_text("crawl", str(exc))) from None


def _resumable_run_id(jobdir: str, requested: str | None) -> str:
    """The run id kept in the job directory, so a resumed run counts as the same run."""
    from pathlib import Path

    from crawler.runner import new_run_id

    path = Path(jobdir) / "run_id"
    if path.is_file():
        stored = path.read_text(encoding="utf-8").strip()
        if requested and requested != stored:
            raise SystemExit(error_text("crawl", f"{jobdir} belongs to run {stored}, not {requested}"))
        return stored
    path.parent.mkdir(parents=True, exist_ok=True)
    run_id = requested or new_run_id()
    path.write_text(run_id + "\n", encoding="utf-8")
    return run_id


def _check_redis(url: str) -> None:
    """Fail before crawling when the shared frontier is unreachable (Scrapy would log CRITICAL
    tracebacks and exit 0 with nothing crawled)."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=5)
    try:
        client.ping()
    finally:
        client.close()
