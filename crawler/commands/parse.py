"""``simwatch parse --platform P FILE``: the listings of a saved search response, as JSON lines
in the ``simwatch classify`` input format. A saved response is either the live page (HTML, or
the script/JSONP the page receives) or the bare JSON an API returns; an amazon product page
gives its one listing with the seller. A block page is reported on stderr (exit 2); a body the
parser cannot read is one error line (exit 1), never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from crawler.commands._common import platform_arg
from crawler.errors import print_error
from crawler.platforms import PARSERS
from crawler.platforms.base import PageFormatError, ParseResult, keep_platform_urls, parse_page

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_BLOCKED = 2


def parse_file(
    platform: str, path: Path, url: str | None = None, observed_at: str | None = None,
    base_url: str | None = None,
) -> ParseResult:
    """Parse a saved response with ``platform``'s parser. ``url`` defaults to the file's URI.
    A product page (platforms with ``is_item_page``/``parse_item``) gives its one listing."""
    module = PARSERS[platform]
    body = path.read_bytes()
    url = url or path.resolve().as_uri()
    observed = observed_at or date.today().isoformat()
    is_item_page = getattr(module, "is_item_page", None)
    if is_item_page is not None and is_item_page(body, url):
        try:
            listing = module.parse_item(body, url, observed)
        except PageFormatError:
            raise
        except Exception as exc:  # noqa: BLE001 - one line, like parse_page
            raise PageFormatError(f"{url}: unexpected product page ({type(exc).__name__})") from exc
        result = ParseResult(listings=[listing], has_next=False)
        result.dropped_urls = keep_platform_urls(result.listings)
        return result
    return parse_page(module, body, url, observed, base_url)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    path = Path(args.file)
    try:
        result = parse_file(args.platform, path, url=args.url, observed_at=args.observed_at,
                            base_url=getattr(args, "base_url", None))
    except OSError as exc:
        print_error("parse", f"cannot read {path}: {exc.strerror or exc}", err)
        return EXIT_ERROR
    except PageFormatError as exc:
        print_error("parse", f"{path} is not a {args.platform} results page: {exc}", err)
        return EXIT_ERROR
    if result.blocked:
        print(
            f"simwatch parse: {path} is a BLOCKED page ({args.platform}: {result.blocked}); no listings read",
            file=err,
        )
        return EXIT_BLOCKED
    for listing in result.listings:
        if args.keyword:
            listing.keyword = args.keyword
        out.write(json.dumps(listing.to_dict(), ensure_ascii=False) + "\n")
    more = "more pages follow" if result.has_next else "last page"
    dropped = f"; {result.dropped_urls} URLs not on the platform's hosts dropped" if (
        result.dropped_urls) else ""
    print(f"simwatch parse: {len(result.listings)} listings from {path} ({more}{dropped})",
          file=err)
    return EXIT_OK


def _iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "parse",
        help="print the listings of a saved search response as JSON lines",
        description=__doc__,
    )
    # Case-insensitive with a did-you-mean, like every other command's platform argument.
    parser.add_argument(
        "--platform", required=True, type=platform_arg(PARSERS), metavar="PLATFORM",
        help="parser to use: " + ", ".join(sorted(PARSERS)),
    )
    parser.add_argument("file", help="saved search response (HTML or JSON)")
    parser.add_argument("--url", help="URL the response came from (default: the file's URI)")
    parser.add_argument(
        "--base-url",
        help="a front's base URL whose host listing URLs may also use (e.g. the sandbox)",
    )
    parser.add_argument(
        "--observed-at", type=_iso_date, help="observation date YYYY-MM-DD (default: today)"
    )
    parser.add_argument("--keyword", help="search keyword to record in each listing")
    parser.set_defaults(func=run)
