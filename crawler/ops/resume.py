"""Crash-safe resume of a crawl killed with SIGKILL (OOM killer, ``docker kill``, power cut).

Why Scrapy's JOBDIR alone is not enough: it persists the pending-request queue's index
(``requests.queue/active.json``) only in ``Scheduler.close()``, and the seen-fingerprint file
``requests.seen`` through a buffered file object. After SIGKILL the queue index is missing (the
restart starts with an empty queue) while some fingerprints did reach disk, so requests that were
scheduled but not yet fetched are both forgotten and filtered as "seen": pages are lost.

The design here keeps JOBDIR (same directory, disk queues for memory, spider state) and adds a
write-ahead frontier journal, ``<JOBDIR>/frontier.journal``:

- every request the scheduler accepts is appended (id, fingerprint, serialized request)
  *before* it enters Scrapy's queue, with one ``write()`` on an ``O_APPEND`` descriptor, so it is
  in the kernel the moment it is scheduled and survives SIGKILL (``SIMWATCH_RESUME_FSYNC`` also
  fsyncs, for power loss);
- a request is marked done only after its callback's output was consumed and every item it
  produced left the item pipelines (``item_scraped``/``item_dropped``/``item_error``), so its
  children are journaled and its items are in the sink's hands;
- on start, the journal is the source of truth: Scrapy's (possibly stale) disk queue is
  discarded, the seen set is rebuilt from the journal, pending requests are re-queued, and the
  journal is compacted.

Fetches are at-least-once: pages in flight at the kill are fetched again after the restart.
Duplicates are harmless because documents are written with idempotent ids
(``platform:listing_id``), and the sink's spool keeps documents that were accepted while
Elasticsearch was unreachable. The sink must not acknowledge an item (let it leave the pipeline)
before it is either in Elasticsearch or in its spool; an in-memory bulk buffer loses up to one
buffer of items on SIGKILL unless it is spooled first.

Settings: :func:`resume_settings` (``JOBDIR`` + this scheduler + middleware).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import pickle
import shutil
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itemadapter import is_item
from scrapy import Request, signals
from scrapy.core.scheduler import Scheduler
from scrapy.utils.request import request_from_dict

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.internet.defer import Deferred

log = logging.getLogger(__name__)

RESUME_ID = "simwatch_resume_id"  # request.meta key; survives retries and redirects (meta is copied)
JOURNAL_NAME = "frontier.journal"
request_done = object()  # signal: (request_id) all output of a request has been handled


def resume_settings(jobdir: str | Path, fsync: bool = False) -> dict[str, Any]:
    """Settings overlay for a resumable crawl in ``jobdir`` (same directory on every restart)."""
    return {
        "JOBDIR": str(jobdir),
        "SCHEDULER": "crawler.ops.resume.ResumableScheduler",
        # The journal is the dupefilter: a second, buffered one (requests.seen) could only disagree.
        "DUPEFILTER_CLASS": "scrapy.dupefilters.BaseDupeFilter",
        "SPIDER_MIDDLEWARES": {"crawler.ops.resume.ResumeMiddleware": 50},
        "SIMWATCH_RESUME_FSYNC": fsync,
    }


class JournalError(ValueError):
    """The journal is damaged somewhere other than a torn last line."""


class FrontierJournal:
    """Append-only JSON lines: ``{"e": id, "fp": fp, "r": request}``, ``{"d": id}``, ``{"s": fp}``."""

    def __init__(self, path: str | Path, fsync: bool = False) -> None:
        self.path = Path(path)
        self.fsync = fsync
        self._fd: int | None = None

    def load(self) -> tuple[set[str], dict[str, dict[str, Any]]]:
        """Seen fingerprints and pending (enqueued, not done) entries by id."""
        seen: set[str] = set()
        pending: dict[str, dict[str, Any]] = {}
        if not self.path.exists():
            return seen, pending
        lines = self.path.read_bytes().split(b"\n")
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except json.JSONDecodeError as exc:
                if number == len(lines):
                    # A write torn by power loss at the very end: that request never reached the
                    # queue either, and its parent is not done, so it will be found again.
                    log.warning("%s:%d: torn last line ignored", self.path, number)
                    continue
                raise JournalError(f"{self.path}:{number}: damaged journal line ({exc})") from exc
            if "e" in entry:
                seen.add(entry["fp"])
                pending[entry["e"]] = entry
            elif "d" in entry:
                pending.pop(entry["d"], None)
            elif "s" in entry:
                seen.add(entry["s"])
            else:
                raise JournalError(f"{self.path}:{number}: unknown journal entry {entry!r}")
        return seen, pending

    def compact(self, seen: set[str], pending: dict[str, dict[str, Any]]) -> None:
        """Rewrite as seen-only lines plus pending entries (atomic rename)."""
        pending_fps = {entry["fp"] for entry in pending.values()}
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for fp in sorted(seen - pending_fps):
                fh.write(json.dumps({"s": fp}) + "\n")
            for entry in pending.values():
                fh.write(json.dumps(entry) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def _append(self, entry: dict[str, Any]) -> None:
        if self._fd is None:
            raise RuntimeError(f"{self.path}: journal not open")
        # One write() per line: unbuffered, so a SIGKILL right after loses nothing.
        os.write(self._fd, (json.dumps(entry, separators=(",", ":")) + "\n").encode())
        if self.fsync:
            os.fsync(self._fd)

    def enqueued(self, request_id: str, fingerprint: str, payload: str | None) -> None:
        self._append({"e": request_id, "fp": fingerprint, "r": payload})

    def done(self, request_id: str) -> None:
        self._append({"d": request_id})

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def encode_request(request: Request, spider: Spider) -> str:
    """Pickled ``Request.to_dict`` (what Scrapy's disk queues store), base64 for JSON."""
    return base64.b64encode(pickle.dumps(request.to_dict(spider=spider), protocol=4)).decode()


def decode_request(payload: str, spider: Spider) -> Request:
    return request_from_dict(pickle.loads(base64.b64decode(payload)), spider=spider)


class ResumableScheduler(Scheduler):
    """Scrapy's scheduler plus the frontier journal (see the module docstring)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ResumableScheduler:
        scheduler = super().from_crawler(crawler)
        if not scheduler.dqdir:
            raise ValueError("ResumableScheduler needs JOBDIR (use crawler.ops.resume.resume_settings)")
        scheduler.journal = FrontierJournal(
            Path(scheduler.dqdir).parent / JOURNAL_NAME,
            fsync=crawler.settings.getbool("SIMWATCH_RESUME_FSYNC"),
        )
        scheduler.seen = set()
        crawler.signals.connect(scheduler._request_done, signal=request_done)
        return scheduler

    journal: FrontierJournal
    seen: set[str]

    def open(self, spider: Spider) -> Deferred[None] | None:
        seen, pending = self.journal.load()
        if self.dqdir and (seen or pending):
            # Scrapy's disk queue is stale after a kill (and redundant after a clean stop): the
            # journal's pending entries are exactly the requests still owed.
            shutil.rmtree(self.dqdir, ignore_errors=True)
            Path(self.dqdir).mkdir(parents=True)
        result = super().open(spider)
        self.journal.compact(seen, pending)
        self.journal.open()
        self.seen = seen
        replayed = 0
        for request_id, entry in pending.items():
            if entry.get("r") is None:
                continue  # was unserializable; its parent page is not done either, so it recurs
            request = decode_request(entry["r"], spider)
            request.meta[RESUME_ID] = request_id
            super().enqueue_request(request.replace(dont_filter=True))
            replayed += 1
        if seen or replayed:
            log.info("resuming from %s: %d seen, %d pending re-queued", self.journal.path,
                     len(seen), replayed)
        assert self.stats is not None
        self.stats.set_value("resume/replayed", replayed)
        return result

    def enqueue_request(self, request: Request) -> bool:
        assert self.crawler is not None and self.stats is not None
        fingerprint = self.crawler.request_fingerprinter.fingerprint(request).hex()
        if not request.dont_filter and fingerprint in self.seen:
            self.stats.inc_value("dupefilter/filtered")
            return False
        request_id = uuid.uuid4().hex
        request.meta[RESUME_ID] = request_id
        try:
            payload: str | None = encode_request(request, self.spider)
        except (ValueError, TypeError, AttributeError, pickle.PicklingError) as exc:
            # e.g. a callback that is not a spider method: the request cannot be replayed
            log.warning("request %s cannot be journaled (%s); it is not resumable", request, exc)
            self.stats.inc_value("resume/unserializable")
            payload = None
        self.journal.enqueued(request_id, fingerprint, payload)  # before the queue: write-ahead
        self.seen.add(fingerprint)
        return super().enqueue_request(request)

    def _request_done(self, request_id: str) -> None:
        self.journal.done(request_id)

    def close(self, reason: str) -> Deferred[None] | None:
        self.journal.close()
        return super().close(reason)


class ResumeMiddleware:
    """Tells the scheduler when everything a response produced has been handled."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.items_in_pipeline: defaultdict[str, int] = defaultdict(int)
        self.output_consumed: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ResumeMiddleware:
        mw = cls(crawler)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(mw.item_finished, signal=signal)
        return mw

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        request_id = response.meta.get(RESUME_ID)
        async for output in result:
            if request_id and not isinstance(output, Request) and is_item(output):
                self.items_in_pipeline[request_id] += 1
            yield output
        if request_id:
            self.output_consumed.add(request_id)
            self._maybe_done(request_id)

    def item_finished(self, item: Any, response: Response | None = None, **kwargs: Any) -> None:
        request_id = response.meta.get(RESUME_ID) if response is not None else None
        if not request_id:
            return
        self.items_in_pipeline[request_id] -= 1
        self._maybe_done(request_id)

    def _maybe_done(self, request_id: str) -> None:
        if request_id in self.output_consumed and self.items_in_pipeline.get(request_id, 0) <= 0:
            self.output_consumed.discard(request_id)
            self.items_in_pipeline.pop(request_id, None)
            self.crawler.signals.send_catch_log(request_done, request_id=request_id)
