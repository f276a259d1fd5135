"""Versioned whitelist snapshots: import, list, diff, the active view, and explained checks.

Every import stores an immutable snapshot (id, carrier, source URL, published date, file
SHA-256, row count, entries) under a local directory, so ``classify`` works offline, and
optionally indexes it into Elasticsearch (client injected by the caller; this package imports
nothing from ``crawler``). The *active* view is the latest snapshot per (carrier, source).

Atomicity: a snapshot is committed by writing its metadata file last, each file via a temp
file and ``os.replace``. A failed import (unreadable file, too many rejected rows, Elasticsearch
error) commits nothing, so the active view is never half-applied.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from whitelist.carriers import parse_carriers
from whitelist.loaders import detect_format, load, parse_date
from whitelist.matcher import FUZZY_THRESHOLD, Matcher, MatchResult
from whitelist.model import (
    PROVENANCE_FIELDS,
    RejectedRow,
    WhitelistEntry,
    WhitelistError,
    WhitelistFileError,
)

__all__ = [
    "DEFAULT_DIR",
    "DEFAULT_MAX_REJECTED_SHARE",
    "ES_INDEX",
    "Snapshot",
    "SnapshotDiff",
    "WhitelistImportError",
    "active_entries",
    "active_snapshots",
    "check",
    "diff_snapshots",
    "import_file",
    "list_snapshots",
    "load_matcher",
    "load_snapshot",
]

DEFAULT_DIR = Path(".simwatch/whitelist")
ES_INDEX = "simwatch-whitelist"
DEFAULT_MAX_REJECTED_SHARE = 0.20
_META_SUFFIX = ".meta.json"
_DATA_SUFFIX = ".entries.json"


class WhitelistImportError(WhitelistError):
    """An import that was refused; nothing was stored. ``rejected`` lists the bad rows."""

    def __init__(self, message: str, rejected: Iterable[RejectedRow] = ()):
        super().__init__(message)
        self.rejected = list(rejected)


@dataclass
class Snapshot:
    id: str
    carrier: str
    source: str | None
    published: str | None  # YYYY-MM-DD
    sha256: str  # of the imported file's bytes
    content_sha256: str  # of the entries without provenance: equal lists → equal hash
    file_name: str
    format: str
    imported_at: str  # ISO-8601 UTC
    row_count: int  # data rows read (entries + rejected)
    rejected: list[str] = field(default_factory=list)  # "file:row: reason"
    entries: list[WhitelistEntry] = field(default_factory=list)

    def meta(self) -> dict[str, Any]:
        """Snapshot metadata; field names follow the ``simwatch-whitelist`` index mapping
        (crawler/store/mappings.py: ``rejected`` is a count, the rows are in ``rejected_rows``)."""
        return {
            "id": self.id,
            "snapshot_id": self.id,
            "carrier": self.carrier,
            "carriers": sorted({c for e in self.entries for c in e.carriers}),
            "source": self.source,
            "published": self.published,
            "sha256": self.sha256,
            "content_sha256": self.content_sha256,
            "file_name": self.file_name,
            "format": self.format,
            "loaded_at": self.imported_at,
            "rows": self.row_count,
            "entry_count": len(self.entries),
            "rejected": len(self.rejected),
            "rejected_rows": self.rejected,
        }

    def to_document(self) -> dict[str, Any]:
        """The Elasticsearch document: metadata plus every entry."""
        return {**self.meta(), "entries": [e.to_dict() for e in self.entries]}

    @classmethod
    def from_document(cls, meta: dict[str, Any], entries: list[dict[str, Any]]) -> Snapshot:
        return cls(
            id=meta["id"], carrier=meta["carrier"], source=meta.get("source"),
            published=meta.get("published"), sha256=meta["sha256"],
            content_sha256=meta["content_sha256"], file_name=meta["file_name"],
            format=meta["format"], imported_at=meta["loaded_at"], row_count=meta["rows"],
            rejected=list(meta.get("rejected_rows") or []),
            entries=[WhitelistEntry.from_dict(e) for e in entries],
        )

    @property
    def rows(self) -> int:
        return self.row_count


_CONTENT_FIELDS = [f for f in WhitelistEntry.__dataclass_fields__ if f not in PROVENANCE_FIELDS]


def content_hash(entries: Iterable[WhitelistEntry]) -> str:
    """SHA-256 of the entries' content in a canonical order, independent of file format.

    repr() of a tuple of str/None/date values is deterministic and far cheaper than JSON.
    """
    rows = sorted(repr(tuple(getattr(e, f) for f in _CONTENT_FIELDS)) for e in entries)
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# Storage


def _snapshot_dir(directory: str | Path) -> Path:
    return Path(directory) / "snapshots"


def _write_atomic(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        # json.dumps uses the C encoder; json.dump to a file falls back to pure Python (5x slower).
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WhitelistError(f"{path}: unreadable snapshot file ({exc})") from exc


def list_snapshots(directory: str | Path = DEFAULT_DIR) -> list[dict[str, Any]]:
    """Metadata of every committed snapshot, oldest first (by published date, then import time)."""
    folder = _snapshot_dir(directory)
    if not folder.is_dir():
        return []
    metas = [_read_json(p) for p in folder.glob("*" + _META_SUFFIX)]
    return sorted(metas, key=lambda m: (m.get("published") or "", m["loaded_at"], m["id"]))


def load_snapshot(snapshot_id: str, directory: str | Path = DEFAULT_DIR) -> Snapshot:
    """A snapshot by id or unique id prefix."""
    matches = [m for m in list_snapshots(directory) if m["id"] == snapshot_id] or \
        [m for m in list_snapshots(directory) if m["id"].startswith(snapshot_id)]
    if not matches:
        raise WhitelistError(f"no whitelist snapshot {snapshot_id!r} in {directory}")
    if len(matches) > 1:
        raise WhitelistError(f"snapshot id {snapshot_id!r} is ambiguous: "
                             f"{', '.join(m['id'] for m in matches)}")
    meta = matches[0]
    entries = _read_json(_snapshot_dir(directory) / (meta["id"] + _DATA_SUFFIX))
    return Snapshot.from_document(meta, entries)


def active_snapshots(directory: str | Path = DEFAULT_DIR) -> list[Snapshot]:
    """The latest snapshot of each (carrier, source): what the classifier checks against."""
    latest: dict[tuple[str, str | None], dict[str, Any]] = {}
    for meta in list_snapshots(directory):  # oldest first, so later ones win
        latest[(meta["carrier"], meta.get("source"))] = meta
    return [load_snapshot(m["id"], directory) for m in latest.values()]


def active_entries(directory: str | Path = DEFAULT_DIR) -> list[WhitelistEntry]:
    return [e for snapshot in active_snapshots(directory) for e in snapshot.entries]


def load_matcher(directory: str | Path = DEFAULT_DIR,
                 fuzzy_threshold: float = FUZZY_THRESHOLD) -> Matcher:
    """A ``Matcher`` over the active entries; ``matcher.snapshot_ids`` names the snapshots."""
    return Matcher(active_entries(directory), fuzzy_threshold=fuzzy_threshold)


# --------------------------------------------------------------------------------------------
# Import


def _published(value: str | date | None) -> str | None:
    if value is None or value == "":
        return None
    try:
        parsed = parse_date(value)
    except ValueError as exc:
        raise WhitelistError(f"--published: {exc}") from exc
    return parsed.isoformat() if parsed else None


def import_file(path: str | Path, *, carrier: str | None = None, source: str | None = None,
                published: str | date | None = None, directory: str | Path = DEFAULT_DIR,
                client: Any = None, max_rejected_share: float = DEFAULT_MAX_REJECTED_SHARE,
                fmt: str | None = None, es: Any = None) -> Snapshot:
    """Load a carrier list and store it as a new snapshot (and index it when ``es`` is given).

    ``client`` (or its alias ``es``) is an ``elasticsearch.Elasticsearch`` client; the snapshot
    document goes to index ``simwatch-whitelist`` before the local commit, so an indexing error
    fails the import cleanly. Raises ``WhitelistFileError`` when the file cannot be read and ``WhitelistImportError`` when
    more than ``max_rejected_share`` of its rows are rejected or none is usable; in both cases
    nothing is stored. Rejected rows of a successful import are kept in ``Snapshot.rejected``.
    """
    path = Path(path)
    client = client if client is not None else es
    published_day = _published(published)
    fmt = fmt or detect_format(path)
    carrier_label = "、".join(parse_carriers(carrier)[0]) if carrier else ""
    try:
        file_sha = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise WhitelistFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    imported_at = datetime.now(UTC).isoformat(timespec="microseconds")
    # Deterministic id: re-importing the same file for the same carrier and source is idempotent.
    digest = hashlib.sha256(f"{file_sha}|{carrier_label}|{source or ''}|{published_day or ''}"
                            .encode()).hexdigest()[:12]
    snapshot_id = f"wl-{(published_day or imported_at[:10]).replace('-', '')}-{digest}"

    result = load(path, fmt=fmt, carrier=carrier, snapshot_id=snapshot_id)
    if not result.entries:
        raise WhitelistImportError(
            f"{path.name}: no usable rows ({len(result.rejected)} rejected); snapshot not stored",
            result.rejected)
    if result.rejected_share > max_rejected_share:
        raise WhitelistImportError(
            f"{path.name}: {len(result.rejected)} of {result.rows} rows rejected "
            f"({result.rejected_share:.0%} > {max_rejected_share:.0%} allowed); snapshot not stored",
            result.rejected)
    entries = result.entries
    if not carrier_label:
        carrier_label = "、".join(sorted({c for e in entries for c in e.carriers}))
    snapshot = Snapshot(
        id=snapshot_id, carrier=carrier_label, source=source, published=published_day,
        sha256=file_sha, content_sha256=content_hash(entries), file_name=path.name, format=fmt,
        imported_at=imported_at, row_count=result.rows,
        rejected=[str(r) for r in result.rejected], entries=entries,
    )

    folder = _snapshot_dir(directory)
    data_path = folder / (snapshot_id + _DATA_SUFFIX)
    _write_atomic(data_path, [e.to_dict() for e in entries])
    try:
        if client is not None:
            client.index(index=ES_INDEX, id=snapshot_id, document=snapshot.to_document())
        _write_atomic(folder / (snapshot_id + _META_SUFFIX), snapshot.meta())  # the commit
    except BaseException:
        # Not committed: drop the data file unless an earlier identical import committed it.
        if not (folder / (snapshot_id + _META_SUFFIX)).exists():
            with contextlib.suppress(FileNotFoundError):
                data_path.unlink()
        raise
    return snapshot


# --------------------------------------------------------------------------------------------
# Diff and check


@dataclass
class SnapshotDiff:
    added: list[WhitelistEntry] = field(default_factory=list)
    removed: list[WhitelistEntry] = field(default_factory=list)
    # (before, after, names of the fields that differ)
    changed: list[tuple[WhitelistEntry, WhitelistEntry, list[str]]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"+ {_label(e)}" for e in self.added]
        out += [f"- {_label(e)}" for e in self.removed]
        for before, after, names in self.changed:
            changes = "; ".join(
                f"{n}: {_show(getattr(before, n))} → {_show(getattr(after, n))}" for n in names)
            out.append(f"~ {after.describe()}: {changes}")
        return out


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return "、".join(value) or "-"
    if isinstance(value, date):
        return value.isoformat()
    return "-" if value in (None, "") else str(value)


def _label(entry: WhitelistEntry) -> str:
    name = f" {entry.shop_name}" if entry.shop_name and entry.shop_id else ""
    until = f" until {entry.valid_to}" if entry.valid_to else ""
    return f"{entry.describe()}{name} ({'、'.join(entry.carriers)}{until})"


_COMPARED = [f for f in WhitelistEntry.__dataclass_fields__ if f not in PROVENANCE_FIELDS]


def _merge(entries: list[WhitelistEntry]) -> WhitelistEntry:
    """One entry per shop for diffing: a shop listed once per carrier becomes one entry with
    all its carriers (rows that differ otherwise keep the first row's fields)."""
    if len(entries) == 1:
        return entries[0]
    carriers = tuple(dict.fromkeys(c for e in entries for c in e.carriers))
    first = entries[0]
    return WhitelistEntry(**{**{n: getattr(first, n) for n in WhitelistEntry.__dataclass_fields__},
                             "carriers": carriers})


def diff_snapshots(before: Snapshot | Iterable[WhitelistEntry],
                   after: Snapshot | Iterable[WhitelistEntry]) -> SnapshotDiff:
    """Agents added, removed and changed from ``before`` to ``after``, keyed by platform + shop."""

    def by_identity(entries: Iterable[WhitelistEntry]) -> dict[tuple[str, str], WhitelistEntry]:
        groups: dict[tuple[str, str], list[WhitelistEntry]] = {}
        for entry in entries:
            groups.setdefault(entry.identity, []).append(entry)
        return {key: _merge(group) for key, group in groups.items()}

    old = by_identity(before.entries if isinstance(before, Snapshot) else before)
    new = by_identity(after.entries if isinstance(after, Snapshot) else after)
    diff = SnapshotDiff()
    for key, entry in new.items():
        if key not in old:
            diff.added.append(entry)
            continue
        previous = old[key]
        names = [n for n in _COMPARED if _comparable(getattr(previous, n)) != _comparable(getattr(entry, n))]
        if names:
            diff.changed.append((previous, entry, names))
    diff.removed = [entry for key, entry in old.items() if key not in new]
    return diff


def _comparable(value: Any) -> Any:
    return tuple(sorted(value)) if isinstance(value, tuple) else value


def check(platform: str, *, shop_id: str | None = None, shop_url: str | None = None,
          shop_name: str | None = None, carrier: str | None = None,
          observed: str | date | None = None, directory: str | Path = DEFAULT_DIR,
          matcher: Matcher | None = None) -> tuple[MatchResult, list[str]]:
    """Explain the match or the miss for one shop against the active snapshots.

    Returns the result and the snapshot ids it was checked against.
    """
    matcher = matcher or load_matcher(directory)
    carriers: list[str] = []
    if carrier:
        carriers, unknown = parse_carriers(carrier)
        if unknown:
            raise WhitelistError(f"--carrier: unknown carrier {'、'.join(unknown)!r}")
    day = parse_date(observed) if observed else None
    result = matcher.match(platform, shop_id=shop_id, shop_url=shop_url, shop_name=shop_name,
                           carriers=carriers, observed=day)
    return result, matcher.snapshot_ids
