"""Sessions, CSRF tokens, the login rate limit and permission checks for the console.

Sessions are Starlette's signed cookies (itsdangerous): HttpOnly, SameSite=Strict, Secure when
the console is served over TLS. The session holds only the user name, a CSRF token and the
review queue's skip list; the user's roles are read from the users file on every request, so a
removed user is logged out at their next click.
"""

from __future__ import annotations

import os
import secrets
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from starlette.requests import Request

from crawler.console.users import User, UserStore

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_USER = "user"
SESSION_CSRF = "csrf"


class NotLoggedIn(Exception):
    """No valid session: pages redirect to the login form, the API answers 401."""


class Forbidden(Exception):
    """Logged in, but the user's roles do not grant the permission."""

    def __init__(self, permission: str) -> None:
        super().__init__(permission)
        self.permission = permission


class CsrfError(Exception):
    """A POST without the session's CSRF token."""


def session_secret(path: Path) -> str:
    """The signing key for session cookies: made once (random, mode 0600), then reused."""
    try:
        secret = path.read_text(encoding="ascii").strip()
        if len(secret) >= 32:
            return secret
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secret)
    return secret


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use)."""
    token = request.session.get(SESSION_CSRF)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return str(token)


async def check_csrf(request: Request) -> None:
    """Every state-changing request carries the session's token (form field or header)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    expected = request.session.get(SESSION_CSRF)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()  # Starlette caches it for the endpoint
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not expected or not sent or not secrets.compare_digest(str(expected), sent):
        raise CsrfError()


def current_user(request: Request, users: UserStore) -> User:
    name = request.session.get(SESSION_USER)
    user = users.get(name) if isinstance(name, str) else None
    if user is None:
        request.session.pop(SESSION_USER, None)
        raise NotLoggedIn()
    return user


def start_session(request: Request, user: User) -> None:
    """A fresh session for ``user`` (new CSRF token: nothing from before the login carries over)."""
    request.session.clear()
    request.session[SESSION_USER] = user.name
    request.session[SESSION_CSRF] = secrets.token_urlsafe(32)


class LoginLimiter:
    """At most ``limit`` failed logins per client address and per user name in ``window`` s.

    In memory, per console process: enough to slow password guessing against one console
    (a fleet behind a load balancer would share it in Redis). A handful of deques rather than
    a rate-limit library, since we count failures only, not requests.
    """

    def __init__(self, limit: int = 5, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, key: str) -> deque[float]:
        entries = self._failures.setdefault(key, deque())
        cutoff = self.clock() - self.window
        while entries and entries[0] <= cutoff:
            entries.popleft()
        return entries

    def blocked(self, address: str, name: str) -> float:
        """Seconds until another attempt is allowed (0: allowed now)."""
        wait = 0.0
        for key in (f"ip:{address}", f"user:{name.lower()}"):
            entries = self._recent(key)
            if len(entries) >= self.limit:
                wait = max(wait, entries[0] + self.window - self.clock())
        if len(self._failures) > 10_000:  # forget idle keys so the table cannot grow forever
            for key in [k for k, v in self._failures.items() if not self._recent(k)]:
                del self._failures[key]
        return wait

    def failed(self, address: str, name: str) -> None:
        now = self.clock()
        for key in (f"ip:{address}", f"user:{name.lower()}"):
            self._recent(key).append(now)
