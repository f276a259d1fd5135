"""Whitelist data types: entries, rejected rows, load results and errors."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from whitelist.normalise import normalise_name
from whitelist.platforms import platform_family
from whitelist.urls import canonical_shop_url

__all__ = [
    "PROVENANCE_FIELDS",
    "LoadResult",
    "RejectedRow",
    "WhitelistEntry",
    "WhitelistError",
    "WhitelistFileError",
]


class WhitelistError(Exception):
    """Base class of whitelist errors."""


class WhitelistFileError(WhitelistError):
    """A whitelist file that cannot be read at all (corrupt, wrong format, no header row)."""


#: Fields that say where an entry came from, not what it authorises.
PROVENANCE_FIELDS = frozenset({"source", "row", "snapshot_id"})


@dataclass(frozen=True, slots=True)
class WhitelistEntry:
    """One authorised shop of one or more carriers on one platform."""

    carriers: tuple[str, ...]
    platform: str
    shop_id: str | None = None
    shop_url: str | None = None
    shop_name: str | None = None
    company_name: str | None = None
    credit_code: str | None = None
    agent_code: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    source: str = ""  # file (and table) the row was read from, e.g. "list.html[table 2]"
    row: int = 0  # row number within that file/table, as a person counts it (1-based)
    snapshot_id: str | None = None

    @property
    def identity(self) -> tuple[str, str]:
        """(platform family, shop key): the key diff and duplicate detection use.

        Shop id beats canonical URL beats normalised name, mirroring the matcher's order.
        """
        family = platform_family(self.platform)
        if self.shop_id:
            return family, "id:" + self.shop_id.lower()
        url = canonical_shop_url(self.shop_url)
        if url:
            return family, "url:" + url
        return family, "name:" + normalise_name(self.shop_name)

    def describe(self) -> str:
        """Short human form of the shop: ``jd shop 12345`` / ``taobao shop 某某店``."""
        shop = self.shop_id or canonical_shop_url(self.shop_url) or self.shop_name or "?"
        return f"{self.platform} shop {shop}"

    def content(self) -> dict[str, Any]:
        """The entry without provenance: equal across file formats of the same list."""
        data = self.to_dict()
        for name in PROVENANCE_FIELDS:
            data.pop(name)
        return data

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name) for name in _ENTRY_FIELDS}
        data["carriers"] = list(self.carriers)
        for key in ("valid_from", "valid_to"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WhitelistEntry:
        values = {k: v for k, v in data.items() if k in _ENTRY_FIELDS}
        values["carriers"] = tuple(values.get("carriers") or ())
        for key in ("valid_from", "valid_to"):
            if values.get(key):
                values[key] = date.fromisoformat(values[key])
        return cls(**values)


_ENTRY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(WhitelistEntry))


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that was not imported, and why."""

    file: str
    row: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.reason}"


@dataclass
class LoadResult:
    entries: list[WhitelistEntry] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """Data rows seen (accepted + rejected); blank rows and repeated headers not counted."""
        return len(self.entries) + len(self.rejected)

    @property
    def rejected_share(self) -> float:
        return len(self.rejected) / self.rows if self.rows else 0.0
