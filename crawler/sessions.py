"""Logged-in browser sessions: Playwright storage states under ``.simwatch/sessions``.

``simwatch login PLATFORM`` saves one after the user logs in by hand; ``--import`` accepts a
storage state or a cookie export from the user's own browser (JSON list as written by cookie
editor extensions, or a Netscape ``cookies.txt``). ``simwatch sandbox session`` writes the same
files for a local sandbox (its test account, never a real platform's). Files are written with
mode 0600: they are credentials.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class SessionError(ValueError):
    """A session file that cannot be used, with the reason."""


def session_file(session_dir: str | os.PathLike[str], platform: str) -> Path:
    return Path(session_dir) / f"{platform}.json"


def storage_state_path(session_dir: str | os.PathLike[str] | None, platform: str) -> Path | None:
    if not session_dir:
        return None
    path = session_file(session_dir, platform)
    return path if path.is_file() else None


def write_storage_state(path: Path, state: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(state, fh, ensure_ascii=False, indent=1)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path


def expired_cookies(state: dict[str, Any], now: float | None = None) -> list[str]:
    """Names of cookies in a storage state whose expiry has passed (session cookies never do)."""
    now = time.time() if now is None else now
    return [
        c.get("name", "?")
        for c in state.get("cookies", [])
        if isinstance(c.get("expires"), int | float) and 0 < c["expires"] < now
    ]


def session_status(session_dir: str | os.PathLike[str], platform: str) -> tuple[bool, str]:
    """(usable, explanation) for a platform's saved session."""
    path = session_file(session_dir, platform)
    if not path.is_file():
        return False, f"no saved session for {platform}: run `simwatch login {platform}`"
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return False, f"{path}: unreadable session file ({exc})"
    cookies = state.get("cookies", [])
    if not cookies:
        return False, f"{path}: session holds no cookies"
    expired = expired_cookies(state)
    if expired and len(expired) == len(cookies):
        return False, f"{path}: every cookie has expired; log in again"
    note = f" ({len(expired)} expired cookies)" if expired else ""
    return True, f"{path}: {len(cookies)} cookies{note}"


def _cookie_from_export(raw: dict[str, Any], where: str) -> dict[str, Any]:
    try:
        name, value, domain = raw["name"], raw["value"], raw["domain"]
    except KeyError as exc:
        raise SessionError(f"{where}: cookie lacks {exc.args[0]!r}") from None
    expires = raw.get("expires", raw.get("expirationDate", -1))
    same_site = str(raw.get("sameSite") or "Lax").capitalize()
    if same_site not in {"Strict", "Lax", "None"}:
        same_site = "None" if same_site.lower() == "no_restriction" else "Lax"
    return {
        "name": str(name),
        "value": str(value),
        "domain": str(domain),
        "path": str(raw.get("path") or "/"),
        "expires": float(expires) if expires not in (None, "") else -1,
        "httpOnly": bool(raw.get("httpOnly", False)),
        "secure": bool(raw.get("secure", False)),
        "sameSite": same_site,
    }


def _netscape_cookies(text: str, source: str) -> list[dict[str, Any]]:
    cookies = []
    for lineno, line in enumerate(text.splitlines(), 1):
        http_only = line.startswith("#HttpOnly_")
        if http_only:
            line = line[len("#HttpOnly_") :]
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 7:
            raise SessionError(f"{source}:{lineno}: expected 7 tab-separated fields, got {len(parts)}")
        domain, _flag, path, secure, expires, name, value = parts
        cookies.append(
            {
                "name": name,
                "value": value,
                "domain": domain,
                "path": path,
                "expires": float(expires) if expires.strip() not in ("", "0") else -1,
                "httpOnly": http_only,
                "secure": secure.upper() == "TRUE",
                "sameSite": "Lax",
            }
        )
    return cookies


def import_session(source: Path, session_dir: str | os.PathLike[str], platform: str) -> Path:
    """Convert a storage state or cookie export into the platform's session file."""
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise SessionError(f"{source}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise SessionError(f"{source}: not a text cookie export (not UTF-8 at byte {exc.start})") from None
    state: dict[str, Any]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if text.lstrip().startswith(("{", "[")):  # meant as JSON (a cookies.txt never starts so)
            raise SessionError(f"{source}:{exc.lineno}: not valid JSON: {exc.msg} "
                               f"(column {exc.colno})") from None
        state = {"cookies": _netscape_cookies(text, str(source)), "origins": []}
    else:
        if isinstance(data, dict) and "cookies" in data:
            state = {
                "cookies": [
                    _cookie_from_export(c, f"{source}: cookies[{i}]")
                    for i, c in enumerate(data["cookies"])
                ],
                "origins": data.get("origins", []),
            }
        elif isinstance(data, list):
            state = {
                "cookies": [
                    _cookie_from_export(c, f"{source}: item {i}") for i, c in enumerate(data)
                ],
                "origins": [],
            }
        else:
            raise SessionError(
                f"{source}: neither a Playwright storage state nor a list of cookies"
            )
    if not state["cookies"]:
        raise SessionError(f"{source}: no cookies found")
    return write_storage_state(session_file(session_dir, platform), state)


# Cookies a platform sets only once someone has logged in (the sandbox fronts set the same ones,
# sandbox/server.py login_storage_state). A session without one is not logged in, whatever else
# it holds. Platforms missing here: no login cookie known, so that part is not judged.
LOGIN_COOKIES: dict[str, tuple[str, ...]] = {
    "taobao": ("cookie2",), "tmall": ("cookie2",), "xianyu": ("cookie2",),
    "pinduoduo": ("PDDAccessToken",), "douyin": ("sessionid", "sessionid_ss"),
    "shopee": ("SPC_EC",), "jd": ("pt_key", "thor"),
}
# Cookie domains that belong to a platform (a cookie for another site does not log in here).
PLATFORM_DOMAINS: dict[str, tuple[str, ...]] = {
    "taobao": ("taobao.com",), "tmall": ("tmall.com", "taobao.com"),
    "xianyu": ("goofish.com", "taobao.com"), "jd": ("jd.com",),
    "pinduoduo": ("yangkeduo.com", "pinduoduo.com"), "douyin": ("douyin.com",),
    "shopee": ("shopee.",), "ebay": ("ebay.",), "amazon": ("amazon.",),
}
LOCAL_HOSTS = ("127.0.0.1", "localhost")  # the sandbox marketplace


@dataclass
class SessionCheck:
    """What ``simwatch login --check`` could and could not verify without going online."""

    path: Path
    verified: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    not_verified: list[str] = field(default_factory=list)

    @property
    def plausible(self) -> bool:
        return not self.problems


def _on_platform(domain: str, platform: str) -> bool:
    host = domain.lstrip(".").lower()
    if host in LOCAL_HOSTS:
        return True
    return any(part in host for part in PLATFORM_DOMAINS.get(platform, ()))


def real_session_domains(session_dir: str | os.PathLike[str], platform: str) -> list[str]:
    """The non-loopback cookie domains of a platform's saved session: a real login, which a
    sandbox session must never replace ([] when there is no file or it is unreadable)."""
    try:
        state = json.loads(session_file(session_dir, platform).read_text(encoding="utf-8"))
        cookies = [c for c in state.get("cookies", []) if isinstance(c, dict)]
    except (OSError, ValueError, AttributeError):
        return []
    domains = {str(c.get("domain", "")).lstrip(".").lower() for c in cookies}
    return sorted(d for d in domains if d and d not in LOCAL_HOSTS)


def check_session(session_dir: str | os.PathLike[str], platform: str,
                  now: float | None = None) -> SessionCheck:
    """The offline checks of a saved session: file, cookies for the platform's own domains, its
    login cookie, expiry. Whether the platform still accepts it can only be seen online."""
    path = session_file(session_dir, platform)
    check = SessionCheck(path)
    check.not_verified.append(
        f"whether {platform} still accepts this session (it may have been logged out, revoked or "
        "bound to another device): only a request to the platform tells, and a crawl reports a "
        "login wall when it does not")
    if not path.is_file():
        check.problems.append(f"no saved session: run `simwatch login {platform}`")
        return check
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        cookies = [c for c in state.get("cookies", []) if isinstance(c, dict)]
    except (OSError, ValueError, AttributeError) as exc:
        check.problems.append(f"unreadable session file ({exc})")
        return check
    if not cookies:
        check.problems.append("the session holds no cookies")
        return check
    own = [c for c in cookies if _on_platform(str(c.get("domain", "")), platform)]
    if not own:
        check.problems.append(f"none of its {len(cookies)} cookies is for {platform}'s own domains "
                              f"({', '.join(PLATFORM_DOMAINS.get(platform, ()))})")
        return check
    check.verified.append(f"{len(own)} of {len(cookies)} cookies are for {platform}")
    if all(str(c.get("domain", "")).lstrip(".").lower() in LOCAL_HOSTS for c in own):
        # `simwatch sandbox session` wrote it: the real platform would meet it with its login wall
        check.verified.append(f"a sandbox session (cookies for {own[0].get('domain')}): it logs in "
                              "to a local sandbox only, never to the real platform")
    wanted = LOGIN_COOKIES.get(platform)
    names = {str(c.get("name")) for c in own if c.get("value")}
    if wanted is None:
        check.not_verified.append(f"that one of them is a login cookie (none known for {platform})")
    elif not names & set(wanted):
        check.problems.append(f"no login cookie ({' or '.join(wanted)}): these cookies are not "
                              "those of a logged-in session")
    else:
        check.verified.append(f"login cookie {', '.join(sorted(names & set(wanted)))} present")
    expired = expired_cookies({"cookies": own}, now)
    if expired and len(expired) == len(own):
        check.problems.append("every cookie has expired: log in again")
    else:
        check.verified.append(f"{len(expired)} expired" if expired else "none has expired")
    return check
