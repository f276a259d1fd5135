"""The takedown lifecycle: a state machine over documents in ``simwatch-takedowns``.

``detected → queued → sent → acknowledged → removed | rejected | relisted``

Every transition appends ``{status, at, by, note}`` to ``history`` and sets ``<status>_at`` (so
Kibana can chart e.g. ``sent_at`` → ``removed_at`` without unpacking the history). Invalid
transitions raise :class:`InvalidTransition` naming the takedown, both states and what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from elasticsearch import ConflictError, Elasticsearch, NotFoundError

from crawler.takedowns.indices import LISTINGS, TAKEDOWNS, get_doc, scan_docs

__all__ = [
    "ACTIVE_STATUSES",
    "TRANSITIONS",
    "InvalidTransition",
    "Status",
    "TakedownNotFound",
    "TakedownStore",
    "apply_transition",
    "iso_utc",
    "new_takedown",
    "parse_time",
]


class Status(StrEnum):
    DETECTED = "detected"
    QUEUED = "queued"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    REMOVED = "removed"
    REJECTED = "rejected"
    RELISTED = "relisted"


TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DETECTED: frozenset({Status.QUEUED}),
    Status.QUEUED: frozenset({Status.SENT}),
    # A platform may remove a listing without acknowledging the request first (seen on recheck).
    Status.SENT: frozenset({Status.ACKNOWLEDGED, Status.REMOVED, Status.REJECTED}),
    Status.ACKNOWLEDGED: frozenset({Status.REMOVED, Status.REJECTED}),
    Status.REMOVED: frozenset({Status.RELISTED}),
    # A rejected request can be queued again (e.g. with more evidence).
    Status.REJECTED: frozenset({Status.QUEUED}),
    Status.RELISTED: frozenset(),
}

# Requests the platform still has to act on: what rechecks look at.
ACTIVE_STATUSES = frozenset({Status.SENT, Status.ACKNOWLEDGED})

# Listing fields copied into the takedown so a takedown document stands on its own.
LISTING_FIELDS = (
    "platform",
    "listing_id",
    "title",
    "url",
    "description",
    "price",
    "shop_name",
    "shop_id",
    "shop_url",
    "location",
    "carriers",
    "violations",
    "reasons",
    "risk_score",
    "first_seen",
    "last_seen",
)


class InvalidTransition(ValueError):
    """A status change the lifecycle does not allow."""


class TakedownNotFound(LookupError):
    """No takedown (and no flagged listing to start one from) for the given reference."""


def iso_utc(moment: datetime | None = None) -> str:
    """ISO-8601 UTC with a ``Z`` suffix, second precision (what every ``*_at`` field holds)."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: pass a timezone-aware (UTC) time")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: str | datetime | None) -> datetime | None:
    """Parse an ISO-8601 date/datetime; a bare date or naive time is taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def new_takedown(
    listing: Mapping[str, Any], by: str, at: datetime | None = None, note: str | None = None
) -> dict[str, Any]:
    """A ``detected`` takedown document built from a ``simwatch-listings`` document."""
    stamp = iso_utc(at)
    doc: dict[str, Any] = {name: listing.get(name) for name in LISTING_FIELDS}
    doc.update(
        status=Status.DETECTED.value,
        history=[{"status": Status.DETECTED.value, "at": stamp, "by": by, "note": note}],
        detected_at=stamp,
        status_at=stamp,
        evidence_id=listing.get("evidence_id"),
        evidence_sha256=listing.get("evidence_sha256"),
        batch_id=None,
    )
    return doc


def apply_transition(
    doc: Mapping[str, Any],
    status: Status | str,
    by: str,
    at: datetime | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """A copy of ``doc`` moved to ``status``; raises :class:`InvalidTransition` when not allowed."""
    if not by or not str(by).strip():
        raise InvalidTransition("a transition must be attributed: 'by' is empty")
    try:
        target = Status(status)
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise InvalidTransition(f"unknown status {status!r}; known: {allowed}") from None
    ref = f"{doc.get('platform')}:{doc.get('listing_id')}"
    try:
        current = Status(doc.get("status"))
    except ValueError:
        raise InvalidTransition(f"takedown {ref} has an unknown status {doc.get('status')!r}") from None
    allowed_next = TRANSITIONS[current]
    if target not in allowed_next:
        allowed = ", ".join(sorted(s.value for s in allowed_next)) or "nothing (final state)"
        raise InvalidTransition(
            f"takedown {ref}: cannot go from {current.value} to {target.value}; allowed: {allowed}"
        )
    stamp = iso_utc(at)
    updated = dict(doc)
    updated["history"] = [
        *doc.get("history", []),
        {"status": target.value, "at": stamp, "by": by, "note": note},
    ]
    updated["status"] = target.value
    updated["status_at"] = stamp
    updated[f"{target.value}_at"] = stamp
    sent_at = parse_time(doc.get("sent_at"))
    if target is Status.REMOVED and sent_at is not None:
        # Kept on the document so Kibana can average it without scripting over history.
        removed_at = parse_time(stamp)
        assert removed_at is not None
        updated["hours_to_removal"] = round((removed_at - sent_at).total_seconds() / 3600, 2)
    return updated


class TakedownStore:
    """Takedown documents in Elasticsearch; every write goes through :func:`apply_transition`.

    Writes use optimistic concurrency (``if_seq_no``/``if_primary_term``) so two operators
    marking the same takedown at once cannot silently overwrite each other's history.
    """

    def __init__(self, client: Elasticsearch, refresh: bool | str = "wait_for") -> None:
        self.client = client
        self.refresh = refresh

    def get(self, doc_id: str) -> dict[str, Any] | None:
        return get_doc(self.client, TAKEDOWNS, doc_id)

    def _get_versioned(self, doc_id: str) -> tuple[dict[str, Any], int, int] | None:
        try:
            hit = self.client.get(index=TAKEDOWNS, id=doc_id)
        except NotFoundError:
            return None
        return dict(hit["_source"]), hit["_seq_no"], hit["_primary_term"]

    def resolve(self, ref: str) -> str:
        """A takedown doc id from ``platform:listing_id`` or a bare listing id (must be unique)."""
        if ":" in ref:
            return ref
        matches = sorted(
            {doc_id for doc_id, _ in scan_docs(self.client, TAKEDOWNS, {"term": {"listing_id": ref}})}
            | {doc_id for doc_id, _ in scan_docs(self.client, LISTINGS, {"term": {"listing_id": ref}})}
        )
        if not matches:
            raise TakedownNotFound(f"no takedown or listing with listing id {ref!r}")
        if len(matches) > 1:
            raise TakedownNotFound(
                f"listing id {ref!r} is ambiguous ({', '.join(matches)}): use platform:listing_id"
            )
        return matches[0]

    def ensure(
        self, doc_id: str, by: str, listing: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """The takedown for ``doc_id``, created as ``detected`` from its listing when missing."""
        existing = self.get(doc_id)
        if existing is not None:
            return existing
        if listing is None:
            listing = get_doc(self.client, LISTINGS, doc_id)
        if listing is None:
            raise TakedownNotFound(f"no takedown and no listing with id {doc_id!r}")
        doc = new_takedown(listing, by=by)
        try:
            self.client.create(index=TAKEDOWNS, id=doc_id, document=doc, refresh=self.refresh)
        except ConflictError:  # created concurrently: use theirs
            return self.get(doc_id) or doc
        return doc

    def transition(
        self,
        doc_id: str,
        status: Status | str,
        by: str,
        note: str | None = None,
        at: datetime | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """Move an existing takedown to ``status`` (extra ``fields`` stored alongside) and save it."""
        versioned = self._get_versioned(doc_id)
        if versioned is None:
            raise TakedownNotFound(f"no takedown with id {doc_id!r}")
        doc, seq_no, primary_term = versioned
        updated = apply_transition(doc, status, by=by, at=at, note=note)
        updated.update(fields)
        self.client.index(
            index=TAKEDOWNS,
            id=doc_id,
            document=updated,
            if_seq_no=seq_no,
            if_primary_term=primary_term,
            refresh=self.refresh,
        )
        return updated

    def update_fields(self, doc_id: str, **fields: Any) -> None:
        """Store non-status fields (recheck log, evidence) without touching the lifecycle."""
        self.client.update(index=TAKEDOWNS, id=doc_id, doc=fields, refresh=self.refresh)

    def attach_evidence(
        self, doc_id: str, evidence_id: str, evidence_sha256: str, by: str = "simwatch evidence"
    ) -> None:
        """Link an evidence capture (``EvidenceRecord``) to the takedown, creating it if needed."""
        self.ensure(doc_id, by=by)
        self.update_fields(doc_id, evidence_id=evidence_id, evidence_sha256=evidence_sha256)

    def mark(
        self,
        ref: str,
        status: Status | str,
        by: str,
        note: str | None = None,
        at: datetime | None = None,
    ) -> tuple[str, dict[str, Any]]:
        """``simwatch takedowns mark``: resolve ``ref``, create the takedown if needed, transition."""
        doc_id = self.resolve(ref)
        self.ensure(doc_id, by=by)
        return doc_id, self.transition(doc_id, status, by=by, note=note, at=at)

    def scan(self, query: Mapping[str, Any] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        return scan_docs(self.client, TAKEDOWNS, query)

    def move(self, doc_id: str, status: Status | str, by: str, note: str | None = None,
             at: datetime | None = None) -> tuple[str, dict[str, Any]]:
        """Like :meth:`transition`, but idempotent: ``("changed", doc)``, or ``("unchanged", doc)``
        when the takedown already has ``status`` (a reply imported twice changes nothing)."""
        target = Status(status)
        current = self.get(doc_id)
        if current is None:
            raise TakedownNotFound(f"no takedown with id {doc_id!r}")
        if current.get("status") == target.value:
            return "unchanged", current
        return "changed", self.transition(doc_id, target, by=by, note=note, at=at)

    def mark_batch(self, batch_id: str, status: Status | str, by: str, note: str | None = None,
                   at: datetime | None = None) -> dict[str, list[str]]:
        """Move every takedown of an exported batch (``takedowns export``'s batch id) to
        ``status``: ``{"changed": [...], "unchanged": [...], "problems": ["id: why", ...]}``."""
        outcome: dict[str, list[str]] = {"changed": [], "unchanged": [], "problems": []}
        doc_ids = sorted(doc_id for doc_id, _ in self.scan({"term": {"batch_id": batch_id}}))
        if not doc_ids:
            raise TakedownNotFound(f"no takedown in batch {batch_id!r} (ids look like jd_2026-12-04_001)")
        for doc_id in doc_ids:
            try:
                state, _ = self.move(doc_id, status, by=by, note=note or f"batch {batch_id}", at=at)
            except InvalidTransition as exc:
                outcome["problems"].append(str(exc))
                continue
            outcome[state].append(doc_id)
        return outcome
