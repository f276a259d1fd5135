"""``simwatch login PLATFORM``: save a logged-in browser session for the spiders to reuse."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.commands._common import platform_arg
from crawler.errors import failing_as, print_error

LOGIN_URLS = {
    "taobao": "https://login.taobao.com/",
    "tmall": "https://login.taobao.com/",
    "xianyu": "https://www.goofish.com/",
    "jd": "https://passport.jd.com/new/login.aspx",
    "pinduoduo": "https://mobile.yangkeduo.com/login.html",
    "douyin": "https://www.douyin.com/",
    "shopee": "https://shopee.co.id/buyer/login",
    "ebay": "https://signin.ebay.com/",
    "amazon": "https://www.amazon.com/ap/signin",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "login",
        help="log in to a platform once and save the session",
        description=(
            "Opens Chromium at the platform's login page; log in (QR code or password), then "
            "press Enter here. On a server without a display, export the cookies from your own "
            "browser and use --import FILE (Playwright storage state, cookie-editor JSON list or "
            "Netscape cookies.txt). --check reports whether the saved session is still usable."
        ),
    )
    p.add_argument("platform", type=platform_arg(LOGIN_URLS), help=", ".join(sorted(LOGIN_URLS)))
    p.add_argument("--import", dest="import_file", type=Path, help="cookie export or storage state")
    p.add_argument("--url", help="login page (default: the platform's)")
    p.add_argument("--check", action="store_true", help="only report the saved session's state")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scrapy.utils.project import get_project_settings

    from crawler.sessions import SessionError, check_session, import_session, session_file

    settings = get_project_settings()
    session_dir = settings.get("SIMWATCH_SESSIONS_DIR")
    if args.check:
        check = check_session(session_dir, args.platform)
        verdict = ("looks logged in (offline checks only)" if check.plausible
                   else "not usable: " + "; ".join(check.problems))
        print(f"{args.platform} session {check.path}: {verdict}")
        if check.verified:
            print("  verified offline: " + "; ".join(check.verified))
        print("  not verified: " + "; ".join(check.not_verified))
        return 0 if check.plausible else 1
    if args.import_file:
        with failing_as(SessionError):
            path = import_session(args.import_file, session_dir, args.platform)
        print(f"saved {args.platform} session to {path} (mode 0600)")
        return 0
    return _interactive(args.platform, args.url or LOGIN_URLS[args.platform],
                        session_file(session_dir, args.platform), settings)


def _interactive(platform: str, url: str, target: Path, settings: object) -> int:
    import os

    from playwright.sync_api import sync_playwright

    from crawler.sessions import write_storage_state

    if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
        print_error("login", "no display for a browser window. Log in on a machine with a "
                    f"screen, or export your cookies and run `simwatch login {platform} --import "
                    "FILE`.")
        return 2
    launch = dict(settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS"))  # type: ignore[attr-defined]
    launch["headless"] = False
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch)
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        page.goto(url)
        input(f"Log in to {platform} in the browser window, then press Enter here… ")
        state = context.storage_state()
        browser.close()
    write_storage_state(target, state)
    print(f"saved {platform} session to {target} (mode 0600)")
    return 0
