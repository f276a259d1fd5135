"""A bulk writer to Elasticsearch that never silently drops an item.

Every item added to a :class:`BulkSink` ends in exactly one of three places:

* **Elasticsearch** (``stats.indexed``) — written through ``elasticsearch.helpers.streaming_bulk``;
  transient per-item failures (429, 409 conflicts, 5xx) are retried with exponential backoff;
* the **dead-letter file** (``stats.dead_lettered``) — per-item failures that will never succeed
  (mapping/parse errors, other 4xx), one JSON line with the action and the server's reason;
* the **spool file** (``stats.spooled``) — items that could not be delivered because Elasticsearch
  was unreachable or kept failing transiently; append-only JSONL, fsynced, replayed later by
  :meth:`BulkSink.replay` (next run) or ``simwatch es replay``. Document ids are deterministic,
  so replaying an item that in fact reached the server is harmless.

If even the spool (or the dead-letter file) cannot be written — disk full, read-only mount —
the item is counted in ``stats.unsaved`` and the flush raises :class:`SpoolWriteError` once the
whole batch is accounted for: never a silent drop. After every flush,
``added == indexed + dead_lettered + spooled + unsaved``.

The sink is synchronous and not thread-safe: one thread at a time uses one sink (the crawl's
pipeline runs it in a worker thread, crawler/pipelines/elasticsearch.py). Appends to the spool
and dead-letter files, and the spool hand-over in :meth:`BulkSink.replay`, hold a process-wide
lock because several sinks (one per platform crawler) share those files.
"""

from __future__ import annotations

import json
import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, SerializationError, TransportError
from elasticsearch import ApiError, Elasticsearch, helpers

from crawler.store.mappings import LISTINGS

log = logging.getLogger(__name__)

Action = dict[str, Any]

# Per-item statuses worth retrying: overload, version conflict under concurrent upserts,
# server-side trouble. Anything else 4xx is the document's fault and goes to the dead letter.
TRANSIENT_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
OPS = ("index", "create", "update", "delete")


def exponential_backoff(initial: float = 0.5, maximum: float = 30.0) -> Callable[[int], float]:
    """Seconds to wait before retry ``attempt`` (1-based): doubling, capped, with full jitter."""

    def delay(attempt: int) -> float:
        ceiling = min(maximum, initial * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)

    return delay


@dataclass
class SinkStats:
    added: int = 0
    indexed: int = 0
    retried: int = 0
    dead_lettered: int = 0
    spooled: int = 0
    unsaved: int = 0  # written nowhere: the spool or dead-letter file could not be written
    replayed: int = 0

    @property
    def sent(self) -> int:  # the name before the sink-stats contract (#20); same count
        return self.indexed

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class SpoolFormatError(ValueError):
    """A spool line could not be read back."""


class SpoolWriteError(OSError):
    """Items could be written neither to Elasticsearch nor to the spool (or dead-letter) file."""

    def __init__(self, unsaved: int, detail: str) -> None:
        super().__init__(f"{unsaved} item(s) not saved anywhere: {detail}")
        self.unsaved = unsaved
        self.detail = detail


# Several sinks in one process (one per platform crawler, each in its own worker thread) append
# to the same spool and dead-letter files: whole records under one lock, so lines never interleave.
_FILES_LOCK = threading.RLock()
_REPLAY_LOCK = threading.Lock()


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _lenient_default(value: Any) -> Any:
    try:
        return _json_default(value)
    except TypeError:
        return repr(value)  # the dead letter keeps what it can of a value JSON cannot hold


def _dumps(record: Mapping[str, Any], lenient: bool = False) -> str:
    default = _lenient_default if lenient else _json_default
    return json.dumps(record, ensure_ascii=False, default=default) + "\n"


def _append_lines(path: Path, lines: list[str]) -> int:
    """Append and fsync: a spooled item must survive the crawler being killed."""
    if not lines:
        return 0
    with _FILES_LOCK:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.writelines(lines)
            handle.flush()
            os.fsync(handle.fileno())
    return len(lines)


def make_action(index: str, doc_id: str, doc: Mapping[str, Any] | None, op: str = "index") -> Action:
    """A ``helpers.bulk`` action. ``update`` merges ``doc`` into the stored one (upsert if new)."""
    if op not in OPS:
        raise ValueError(f"unknown bulk op {op!r}; expected one of {OPS}")
    if not doc_id:
        raise ValueError(f"{index}: a document id is required (ids make writes idempotent)")
    action: Action = {"_op_type": op, "_index": index, "_id": str(doc_id)}
    if op == "update":
        action.update(doc=dict(doc or {}), doc_as_upsert=True, retry_on_conflict=3)
    elif op != "delete":
        action["_source"] = dict(doc or {})
    return action


class BulkSink:
    """Buffered, retrying, spooling bulk writer. See the module docstring for the guarantees."""

    def __init__(
        self,
        client: Elasticsearch,
        spool_path: str | os.PathLike[str],
        dead_letter_path: str | os.PathLike[str],
        chunk_size: int = 500,
        max_retries: int = 5,
        backoff: Callable[[int], float] | None = None,
        offline_cooldown: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        self.client = client
        self.spool_path = Path(spool_path)
        self.dead_letter_path = Path(dead_letter_path)
        self.chunk_size = chunk_size
        self.max_retries = max_retries
        self.backoff = backoff or exponential_backoff()
        self.offline_cooldown = offline_cooldown
        self.sleep = sleep
        self.stats = SinkStats()
        self._buffer: list[Action] = []
        # While Elasticsearch is known to be down, spool straight away instead of paying the
        # whole retry schedule for every chunk; probe again once the cooldown has passed.
        self._offline_until = 0.0
        self._closed = False
        self._write_errors: list[str] = []  # spool/dead-letter writes that failed in this flush
        self._unsaved_in_flush = 0

    # -- adding --------------------------------------------------------------------------
    def add(self, index: str, doc_id: str, doc: Mapping[str, Any] | None, op: str = "index") -> None:
        self.add_action(make_action(index, doc_id, doc, op))

    def add_action(self, action: Action) -> None:
        """Queue a ready-made bulk action (e.g. a scripted upsert); flushes every chunk_size."""
        if self._closed:
            raise RuntimeError("BulkSink is closed")
        if "_index" not in action or "_id" not in action:
            raise ValueError(f"bulk action needs _index and _id: {action!r}")
        self._buffer.append(action)
        self.stats.added += 1
        if len(self._buffer) >= self.chunk_size:
            self.flush()

    def write(self, actions: Iterable[Action]) -> None:
        """Queue ``actions`` and flush: on return each is indexed, dead-lettered or spooled
        (or :class:`SpoolWriteError` is raised naming how many could not be saved)."""
        for action in actions:
            self.add_action(action)
        self.flush()

    # -- sending -------------------------------------------------------------------------
    def flush(self) -> None:
        """Send everything buffered; on return each item is indexed, dead-lettered or spooled.

        Raises :class:`SpoolWriteError` (after accounting for every item) when some could not
        be written even to the spool or dead-letter file.
        """
        pending, self._buffer = self._buffer, []
        if pending:
            self._deliver(pending)
        self._raise_write_errors()

    def _raise_write_errors(self) -> None:
        if self._write_errors:
            unsaved, detail = self._unsaved_in_flush, "; ".join(dict.fromkeys(self._write_errors))
            self._write_errors, self._unsaved_in_flush = [], 0
            raise SpoolWriteError(unsaved, detail)

    def _append_or_count(self, path: Path, lines: list[str], what: str) -> int:
        """Append; if the file cannot be written, count the items as unsaved (raised at the
        end of the flush, so the rest of the batch is still accounted for)."""
        try:
            return _append_lines(path, lines)
        except OSError as exc:
            self.stats.unsaved += len(lines)
            self._unsaved_in_flush += len(lines)
            self._write_errors.append(f"cannot write the {what} {path}: {exc.strerror or exc}")
            log.error("%d item(s) not saved: cannot write the %s %s (%s)", len(lines), what, path,
                      exc.strerror or exc)
            return 0

    def _deliver(self, pending: list[Action]) -> None:
        if time.monotonic() < self._offline_until:
            self._spool(pending, "elasticsearch offline after a connection error (cooldown before the next try)")
            return
        attempt = 0
        while pending:
            failed, error = self._send_once(pending)
            if not failed:
                self._offline_until = 0.0
                return
            if attempt >= self.max_retries:
                self._spool(failed, f"gave up after {attempt} retries: {error}")
                if error.startswith("connection"):
                    self._offline_until = time.monotonic() + self.offline_cooldown
                return
            attempt += 1
            self.stats.retried += len(failed)
            delay = self.backoff(attempt)
            log.warning("bulk retry %d/%d for %d items in %.2fs: %s",
                        attempt, self.max_retries, len(failed), delay, error)
            self.sleep(delay)
            pending = failed

    def _send_once(self, actions: list[Action]) -> tuple[list[Action], str]:
        """One pass over ``actions``. Returns the ones to retry and why."""
        retry: list[Action] = []
        reason = ""
        position = 0
        try:
            for ok, result in helpers.streaming_bulk(
                self.client,
                (dict(a) for a in actions),  # helpers pop metadata keys: send copies
                chunk_size=self.chunk_size,
                raise_on_error=False,
                raise_on_exception=True,
                max_retries=0,
                yield_ok=True,
            ):
                action = actions[position]
                position += 1
                if ok:
                    self.stats.indexed += 1
                    continue
                _, item = next(iter(result.items()))
                status = int(item.get("status", 500))
                if status in TRANSIENT_STATUSES:
                    retry.append(action)
                    reason = f"status {status}: {_error_text(item.get('error'))}"
                else:
                    self._dead_letter(action, status, item.get("error"))
        except (TransportConnectionError, ConnectionTimeout) as exc:
            retry.extend(actions[position:])
            reason = f"connection error: {exc}"
        except ApiError as exc:
            # The whole request failed (the server answered, but not per item).
            retry.extend(actions[position:])
            reason = f"bulk request failed with status {exc.meta.status}: {exc}"
        except SerializationError:
            # Some document cannot be encoded as JSON: that one is dead-lettered, the rest
            # go round again.
            for action in actions[position:]:
                try:
                    self.client.transport.serializers.dumps(action, mimetype="application/json")
                except SerializationError as exc:
                    self._dead_letter(action, 0, f"not JSON serialisable: {exc}")
                else:
                    retry.append(action)
            reason = "a document was not JSON serialisable"
        except TransportError as exc:
            retry.extend(actions[position:])
            reason = f"connection error: {exc}"
        return retry, reason

    def _dead_letter(self, action: Action, status: int, error: Any) -> None:
        record = {"at": _utc_now(), "status": status, "reason": _error_text(error),
                  "error": error, "action": action}
        self.stats.dead_lettered += self._append_or_count(
            self.dead_letter_path, [_dumps(record, lenient=True)], "dead-letter file")
        log.error("dead-lettered %s/%s (status %s): %s", action.get("_index"), action.get("_id"),
                  status, record["reason"])

    def _spool(self, actions: list[Action], reason: str) -> None:
        at = _utc_now()
        lines = []
        for action in actions:
            try:
                lines.append(_dumps({"at": at, "reason": reason, "action": action}))
            except (TypeError, ValueError) as exc:  # would never replay either
                self._dead_letter(action, 0, f"not JSON serialisable: {exc}")
        spooled = self._append_or_count(self.spool_path, lines, "spool")
        self.stats.spooled += spooled
        if spooled:
            log.warning("spooled %d items to %s: %s", spooled, self.spool_path, reason)

    # -- replay --------------------------------------------------------------------------
    def replay(self) -> int:
        """Send the spooled items again; return how many were read back.

        The spool is first renamed aside, so items that fail again are spooled afresh while the
        old file is deleted only after every one of its items is accounted for. A replay file
        left behind by a crash is picked up the next time.
        """
        self.flush()
        with _REPLAY_LOCK:  # one replay at a time per process: two would claim the same files
            total = self._replay_files()
        if total:
            log.info("replayed %d spooled items", total)
        return total

    def _replay_files(self) -> int:
        with _FILES_LOCK:  # no append lands in the spool between the look and the rename
            files = sorted(self.spool_path.parent.glob(self.spool_path.name + ".replaying-*"))
            if self.spool_path.exists():
                claimed = self.spool_path.with_name(
                    f"{self.spool_path.name}.replaying-{time.time_ns()}"
                )
                os.replace(self.spool_path, claimed)
                files.append(claimed)
        total = 0
        self._offline_until = 0.0
        for path in files:
            chunk: list[Action] = []
            for action in self._read_spool(path):  # streamed: a spool may outgrow memory
                chunk.append(action)
                if len(chunk) >= self.chunk_size:
                    self._replay_chunk(chunk)
                    total += len(chunk)
                    chunk = []
            if chunk:
                self._replay_chunk(chunk)
                total += len(chunk)
            path.unlink()
        return total

    def _replay_chunk(self, chunk: list[Action]) -> None:
        self._deliver(chunk)
        self.stats.replayed += len(chunk)
        # A spool that cannot be re-written: stop before the claimed file is deleted.
        self._raise_write_errors()

    def _read_spool(self, path: Path) -> Iterator[Action]:
        with path.open(encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    action = record["action"]
                    if not isinstance(action, dict) or "_index" not in action:
                        raise SpoolFormatError("no bulk action with _index")
                except (ValueError, KeyError, TypeError) as exc:
                    # A torn last line after a crash, or a hand-edited file: keep the text.
                    # Named as the spool it came from: the claimed ".replaying-N" copy is
                    # deleted once replayed, so its name would lead the reader nowhere.
                    record = {"at": _utc_now(), "status": None,
                              "reason": f"{self.spool_path}:{line_no}: unreadable spool line ({exc})",
                              "line": line.rstrip("\n")}
                    self.stats.dead_lettered += self._append_or_count(
                        self.dead_letter_path, [_dumps(record)], "dead-letter file")
                    log.error("%s", record["reason"])
                    continue
                yield action

    # -- lifecycle -----------------------------------------------------------------------
    def close(self) -> None:
        if not self._closed:
            self.flush()
            self._closed = True

    def __enter__(self) -> BulkSink:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _error_text(error: Any) -> str:
    if isinstance(error, Mapping):
        text = f"{error.get('type', 'error')}: {error.get('reason', '')}"
        caused = error.get("caused_by")
        if isinstance(caused, Mapping):
            text += f" (caused by {caused.get('type')}: {caused.get('reason')})"
        return text
    return str(error)


def spool_count(spool_path: str | os.PathLike[str]) -> int:
    """Items waiting in a spool file and in replay files left by an interrupted replay."""
    path = Path(spool_path)
    files = [path] if path.exists() else []
    files += sorted(path.parent.glob(path.name + ".replaying-*"))
    count = 0
    for file in files:
        with file.open(encoding="utf-8") as handle:
            count += sum(1 for line in handle if line.strip())
    return count


# -- listings ----------------------------------------------------------------------------

# Keeps first_seen (set once), last_seen (never moves back), times_seen (+1 per crawl run,
# so retries and replays within a run do not count twice). Plain painless that both
# Elasticsearch and noida-db run: no elvis operator, no String.compareTo, dates as epoch ms,
# and ctx._source written directly (noida-db copies it into a `def` local).
LISTING_UPSERT_SCRIPT = """
if (ctx._source.crawl_run_id != params.run_id) {
  ctx._source.times_seen = (ctx._source.times_seen == null ? 0 : ctx._source.times_seen) + 1;
}
if (ctx._source.last_seen_ms == null || ctx._source.last_seen_ms <= params.seen_ms) {
  ctx._source.putAll(params.doc);
  ctx._source.last_seen = params.seen_at;
  ctx._source.last_seen_ms = params.seen_ms;
}
if (ctx._source.first_seen == null) {
  ctx._source.first_seen = params.seen_at;
}
""".strip()


def to_utc(seen_at: datetime | str) -> datetime:
    if isinstance(seen_at, str):
        try:
            seen_at = datetime.fromisoformat(seen_at.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValueError(f"seen_at {seen_at!r} is not an ISO-8601 datetime") from exc
    if seen_at.tzinfo is None:
        raise ValueError(f"seen_at {seen_at.isoformat()} has no time zone; pass a UTC datetime")
    return seen_at.astimezone(UTC)


def listing_upsert_action(
    listing: Mapping[str, Any],
    verdict: Mapping[str, Any] | None,
    run_id: str,
    seen_at: datetime | str,
    index: str = LISTINGS,
) -> Action:
    """The scripted-upsert bulk action for one crawled listing (see LISTING_UPSERT_SCRIPT)."""
    platform, listing_id = listing.get("platform"), listing.get("listing_id")
    if not platform or not listing_id:
        raise ValueError(f"listing needs platform and listing_id: {dict(listing)!r}")
    when = to_utc(seen_at)
    seen_iso = when.isoformat(timespec="seconds").replace("+00:00", "Z")
    seen_ms = int(when.timestamp() * 1000)
    doc = {**listing, **(verdict or {}), "crawl_run_id": run_id}
    return {
        "_op_type": "update",
        "_index": index,
        "_id": f"{platform}:{listing_id}",
        "retry_on_conflict": 3,
        "script": {
            "source": LISTING_UPSERT_SCRIPT,
            "lang": "painless",
            "params": {"doc": doc, "run_id": run_id, "seen_at": seen_iso, "seen_ms": seen_ms},
        },
        "upsert": {**doc, "first_seen": seen_iso, "last_seen": seen_iso,
                   "last_seen_ms": seen_ms, "times_seen": 1},
    }


def upsert_listing(
    sink: BulkSink,
    listing: Mapping[str, Any],
    verdict: Mapping[str, Any] | None,
    run_id: str,
    seen_at: datetime | str,
) -> None:
    """Queue a listing (with its verdict) so a re-crawl updates the document, never duplicates it."""
    sink.add_action(listing_upsert_action(listing, verdict, run_id, seen_at))
