"""Console users: a JSON file of names, roles and argon2 password hashes.

The file (default ``<SIMWATCH_HOME>/users.json``, mode 0600) is managed by ``simwatch users``
and read by ``simwatch serve`` on every login and request, so removing a user or changing a
role takes effect at once, without restarting the console.

Roles grant permissions; a user may hold several roles:

==========  =====================================================
analyst     read every page, search
reviewer    read + confirm / reject listings in the review queue
operator    read + exports + takedown status (mark sent, replies)
admin       everything, including managing users
==========  =====================================================
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from crawler.configfile import read_config

ROLES: dict[str, frozenset[str]] = {
    "analyst": frozenset({"read"}),
    "reviewer": frozenset({"read", "decide"}),
    "operator": frozenset({"read", "export", "takedowns"}),
    "admin": frozenset({"read", "decide", "export", "takedowns", "users"}),
}
MIN_PASSWORD_LENGTH = 10
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so a login takes as long either way. Made on
    first use, not at import: every ``simwatch`` command imports this module for the roles' names,
    and an argon2 hash costs ~0.13 s."""
    return _HASHER.hash("simwatch-no-such-user")


class UserError(ValueError):
    """A user name, role or password that cannot be accepted, or an unreadable users file."""


@dataclass(frozen=True)
class User:
    name: str
    roles: tuple[str, ...]
    password_hash: str = field(repr=False)
    created_at: str = ""

    @property
    def permissions(self) -> frozenset[str]:
        granted: set[str] = set()
        for role in self.roles:
            granted |= ROLES.get(role, frozenset())
        return frozenset(granted)

    def can(self, permission: str) -> bool:
        return permission in self.permissions


def check_name(name: str) -> str:
    if not _NAME.match(name or ""):
        raise UserError(
            f"user name {name!r} must be 1-64 letters, digits, '.', '_', '@' or '-' "
            "(starting with a letter or digit)"
        )
    return name


def check_roles(roles: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(roles))
    if not chosen:
        raise UserError(f"give at least one role ({', '.join(ROLES)})")
    unknown = [role for role in chosen if role not in ROLES]
    if unknown:
        raise UserError(f"unknown role(s) {', '.join(unknown)}; known: {', '.join(ROLES)}")
    return chosen


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    return password


class UserStore:
    """The users file. Every read goes to disk (it is tiny); writes replace it atomically."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def _load(self) -> dict[str, dict[str, Any]]:
        data = read_config(self.path, "json", UserError, "users file", missing={"users": {}})
        users = data.get("users") if isinstance(data, dict) else None
        if not isinstance(users, dict):
            raise UserError(f"{self.path}: expected {{\"users\": {{name: {{...}}}}}}")
        return users

    def _save(self, users: dict[str, dict[str, Any]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".users-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"users": users}, out, ensure_ascii=False, indent=2, sort_keys=True)
            os.chmod(temp, 0o600)  # password hashes: readable by the owner only
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def list(self) -> list[User]:
        return [self._user(name, entry) for name, entry in sorted(self._load().items())]

    def get(self, name: str) -> User | None:
        entry = self._load().get(name)
        return None if entry is None else self._user(name, entry)

    def _user(self, name: str, entry: dict[str, Any]) -> User:
        roles = entry.get("roles")
        if not isinstance(roles, list) or not isinstance(entry.get("password_hash"), str):
            raise UserError(f"{self.path}: user {name!r} needs 'roles' (list) and 'password_hash'")
        return User(name, tuple(str(r) for r in roles), entry["password_hash"],
                    str(entry.get("created_at", "")))

    def add(self, name: str, password: str, roles: Iterable[str], replace: bool = False) -> User:
        check_name(name)
        chosen = check_roles(roles)
        check_password(password)
        users = self._load()
        if name in users and not replace:
            raise UserError(f"user {name!r} already exists (use --replace to change it)")
        entry = {
            "roles": list(chosen),
            "password_hash": _HASHER.hash(password),
            "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        users[name] = entry
        self._save(users)
        return self._user(name, entry)

    def remove(self, name: str) -> None:
        users = self._load()
        if name not in users:
            raise UserError(f"no user {name!r} in {self.path}")
        del users[name]
        self._save(users)

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when ``password`` is right, else None (same work whether or not they exist)."""
        user = self.get(name) if _NAME.match(name or "") else None
        try:
            _HASHER.verify(user.password_hash if user else _dummy_hash(), password)
        except (VerificationError, InvalidHashError):
            return None
        return user
