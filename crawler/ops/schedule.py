"""Scheduled crawls: a schedules file (TOML), a long-running scheduler, per-run records.

Guarantees:
- a missed slot (scheduler down, machine off) runs once when the scheduler comes back, not once
  per missed slot: the last handled slot per job is persisted in ``schedule-state.json``;
- a job never overlaps itself, across threads and across scheduler processes: each run holds a
  non-blocking ``fcntl.flock`` on ``locks/<job>.lock``; a busy lock skips the slot and logs it;
- every run gets a document in ``simwatch-crawls`` (status ``running`` at start, then
  ``succeeded``/``failed`` with stats, blocked pages, drift alarms and monitor results).

Time comes from an injected ``clock`` and waiting from an injected ``sleep``, so tests never sleep.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import re
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import croniter

from crawler.configfile import parse_config, read_config, read_config_text
from crawler.ops.runrecord import (
    Recorder,
    atomic_write,
    build_run_record,
    new_run_id,
    report_stats,
    run_status,
    utc_now,
)

log = logging.getLogger(__name__)

JOB_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")  # becomes a lock-file name
DEFAULT_KEYWORD_SET = "default"  # the spiders' own per-platform keywords
# Upper bound on one wait, so a changed clock or a SIGTERM is noticed reasonably soon.
MAX_SLEEP_SECONDS = 60.0


class ScheduleFileError(ValueError):
    """The schedules file cannot be used; the message names the file, line/job and the problem."""


@dataclass(frozen=True)
class ScheduleJob:
    name: str
    cron: str
    platforms: tuple[str, ...]
    keyword_set: str = DEFAULT_KEYWORD_SET
    keywords: tuple[str, ...] = ()  # inline keywords win over keyword_set
    max_pages: int = 5
    enabled: bool = True
    timezone: str = "UTC"
    settings: Mapping[str, Any] = field(default_factory=dict)  # extra Scrapy settings

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def previous_slot(self, now: datetime) -> datetime:
        """The latest cron slot at or before ``now`` (UTC)."""
        local = now.astimezone(self.tz)
        # croniter's get_prev is strictly before its start; nudge so a slot equal to now counts.
        it = croniter(self.cron, local + timedelta(microseconds=1))
        return it.get_prev(datetime).astimezone(UTC)

    def next_slots(self, now: datetime, count: int = 1) -> list[datetime]:
        """The next ``count`` slots strictly after ``now`` (UTC)."""
        it = croniter(self.cron, now.astimezone(self.tz))
        return [it.get_next(datetime).astimezone(UTC) for _ in range(count)]


def _job_lines(text: str) -> list[int]:
    """Line numbers of the ``[[jobs]]`` headers, so errors can point at the job's line."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith("[[jobs]]")]


def load_schedules(path: str | Path, known_platforms: Sequence[str] | None = None) -> list[ScheduleJob]:
    """Parse and validate a schedules file; raises :class:`ScheduleFileError` on any bad job."""
    path = Path(path)
    text = read_config_text(path, ScheduleFileError, "schedules file") or ""
    data = parse_config(text, path, "toml", ScheduleFileError)

    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise ScheduleFileError(f"{path}: [defaults] must be a table")
    raw_jobs = data.get("jobs", [])
    if not isinstance(raw_jobs, list) or not raw_jobs:
        raise ScheduleFileError(f"{path}: no [[jobs]] defined")
    lines = _job_lines(text)
    jobs: list[ScheduleJob] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_jobs):
        line = lines[index] if index < len(lines) else None
        where = f"{path}:{line}" if line else f"{path}: job #{index + 1}"
        job = _parse_job({**defaults, **raw}, where, known_platforms)
        if job.name in seen:
            raise ScheduleFileError(f"{where}: job name {job.name!r} is used twice")
        seen.add(job.name)
        jobs.append(job)
    return jobs


_JOB_KEYS = {"name", "cron", "platforms", "keyword_set", "keywords", "max_pages", "enabled",
             "timezone", "settings"}


def _parse_job(raw: dict[str, Any], where: str, known_platforms: Sequence[str] | None) -> ScheduleJob:
    def fail(message: str) -> ScheduleFileError:
        name = raw.get("name")
        return ScheduleFileError(f"{where}{f' (job {name!r})' if name else ''}: {message}")

    unknown = sorted(set(raw) - _JOB_KEYS)
    if unknown:
        raise fail(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_JOB_KEYS))}")
    name = raw.get("name")
    if not isinstance(name, str) or not JOB_NAME.match(name):
        raise fail(f"name {name!r} must be 1-64 characters of letters, digits, '_', '.', '-'")
    cron = raw.get("cron")
    if not isinstance(cron, str) or not croniter.is_valid(cron):
        raise fail(f"cron {cron!r} is not a valid cron expression (e.g. '0 2 * * *')")
    platforms = raw.get("platforms")
    if (not isinstance(platforms, list) or not platforms
            or not all(isinstance(p, str) and p for p in platforms)):
        raise fail("platforms must be a non-empty list of platform names")
    if known_platforms:
        bad = [p for p in platforms if p not in known_platforms]
        if bad:
            raise fail(f"unknown platform(s) {', '.join(bad)}; known: {', '.join(sorted(known_platforms))}")
    keyword_set = raw.get("keyword_set", DEFAULT_KEYWORD_SET)
    if not isinstance(keyword_set, str) or not keyword_set:
        raise fail("keyword_set must be a non-empty string")
    keywords = raw.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
        raise fail("keywords must be a list of non-empty strings")
    max_pages = raw.get("max_pages", 5)
    if not isinstance(max_pages, int) or isinstance(max_pages, bool) or max_pages < 1:
        raise fail(f"max_pages {max_pages!r} must be a positive integer")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail(f"enabled {enabled!r} must be true or false")
    timezone = raw.get("timezone", "UTC")
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise fail(f"timezone {timezone!r} is not a known IANA time zone") from exc
    settings = raw.get("settings", {})
    if not isinstance(settings, dict):
        raise fail("settings must be a table of Scrapy settings")
    return ScheduleJob(
        name=name, cron=cron, platforms=tuple(platforms), keyword_set=keyword_set,
        keywords=tuple(k.strip() for k in keywords), max_pages=max_pages, enabled=enabled,
        timezone=str(timezone), settings=dict(settings),
    )


# --- state and locks ---------------------------------------------------------------------------

@contextlib.contextmanager
def _flocked(path: Path) -> Iterator[IO[str]]:
    """Blocking exclusive flock, for short read-modify-write sections shared by schedulers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield fh
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class ScheduleState:
    """Per-job last handled slot and last run, in a JSON file written atomically.

    Two schedulers may share the state directory, so every update re-reads the file under a
    lock (``<state>.lock``) instead of writing back a stale in-memory copy.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")

    def load(self) -> dict[str, dict[str, Any]]:
        try:
            data = read_config(self.path, "json", ScheduleFileError, "schedule state file", missing={})
        except ScheduleFileError as exc:
            raise ScheduleFileError(f"{exc}; fix or delete it (deleting it means missed runs are "
                                    "not caught up)") from None
        return data if isinstance(data, dict) else {}

    def job(self, name: str) -> dict[str, Any]:
        return dict(self.load().get(name, {}))

    def update(self, name: str, **values: Any) -> dict[str, Any]:
        with _flocked(self.lock_path):
            data = self.load()
            entry = {**data.get(name, {}), **values}
            data[name] = entry
            atomic_write(self.path, json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
        return entry

    def claim_slot(self, name: str, slot: datetime) -> bool:
        """Mark ``slot`` handled for ``name``; ``False`` if it (or a later one) already was.

        Done under the state lock so two schedulers cannot both claim the same slot.
        """
        with _flocked(self.lock_path):
            data = self.load()
            entry = data.get(name, {})
            last = entry.get("last_slot")
            if last and datetime.fromisoformat(last) >= slot:
                return False
            data[name] = {**entry, "last_slot": slot.isoformat()}
            atomic_write(self.path, json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
        return True


class JobLock:
    """A non-blocking ``flock`` held for the duration of one run of one job."""

    def __init__(self, lock_dir: str | Path, job: str) -> None:
        self.path = Path(lock_dir) / f"{job}.lock"
        self._fh: IO[str] | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            return False
        self._fh = fh
        return True

    def release(self) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None


# --- the scheduler -----------------------------------------------------------------------------

JobRunner = Callable[[ScheduleJob, str, "list[str] | None"], Any]
KeywordResolver = Callable[[ScheduleJob], "list[str] | None"]


def inline_keywords(job: ScheduleJob) -> list[str] | None:
    """Inline keywords, else ``None`` (the spiders use their per-platform defaults).

    Named keyword sets other than ``default`` need a resolver that knows the keywords file.
    """
    if job.keywords:
        return list(job.keywords)
    if job.keyword_set == DEFAULT_KEYWORD_SET:
        return None
    raise LookupError(f"job {job.name!r}: no resolver for keyword set {job.keyword_set!r}")


@dataclass
class RunResult:
    job: str
    run_id: str | None
    slot: datetime
    status: str  # succeeded | failed | skipped
    record: dict[str, Any] | None = None


class Scheduler:
    """Runs due jobs in worker threads; each run is locked, recorded and remembered."""

    def __init__(
        self,
        jobs: Sequence[ScheduleJob],
        job_runner: JobRunner,
        recorder: Recorder,
        state_dir: str | Path,
        clock: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], None] | None = None,
        keyword_resolver: KeywordResolver = inline_keywords,
        max_workers: int = 4,
    ) -> None:
        self.jobs = [j for j in jobs if j.enabled]
        self.job_runner = job_runner
        self.recorder = recorder
        self.state_dir = Path(state_dir)
        self.state = ScheduleState(self.state_dir / "schedule-state.json")
        self.lock_dir = self.state_dir / "locks"
        self.clock = clock
        self._stop = threading.Event()
        self.sleep = sleep or self._stop.wait
        self.keyword_resolver = keyword_resolver
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="simwatch-job")

    # The decision is separate from running, so `schedule list` and tests can ask "what is due".
    def due(self, now: datetime) -> list[tuple[ScheduleJob, datetime]]:
        """Jobs whose latest slot has not been handled yet.

        A job seen for the first time gets its latest slot recorded as a baseline instead of
        running at once: a new or re-added job waits for its next slot.
        """
        due: list[tuple[ScheduleJob, datetime]] = []
        for job in self.jobs:
            slot = job.previous_slot(now)
            last = self.state.job(job.name).get("last_slot")
            if last is None:
                self.state.update(job.name, last_slot=slot.isoformat())
                log.info("job %s: first seen; next run at %s", job.name, job.next_slots(now)[0])
                continue
            if datetime.fromisoformat(last) < slot:
                due.append((job, slot))
        return due

    def run_pending(self, now: datetime | None = None) -> list[Future[RunResult]]:
        """Start every due job (once, whatever the number of slots missed); returns the futures."""
        now = now or self.clock()
        futures: list[Future[RunResult]] = []
        for job, slot in self.due(now):
            if not self.state.claim_slot(job.name, slot):
                continue  # another scheduler claimed it between due() and now
            lock = JobLock(self.lock_dir, job.name)
            if not lock.acquire():
                log.warning("job %s: slot %s skipped: the previous run still holds %s",
                            job.name, slot.isoformat(), lock.path)
                self.state.update(job.name, last_skipped=slot.isoformat())
                done: Future[RunResult] = Future()
                done.set_result(RunResult(job.name, None, slot, "skipped"))
                futures.append(done)
                continue
            futures.append(self._executor.submit(self._run_locked, job, slot, lock))
        return futures

    def _run_locked(self, job: ScheduleJob, slot: datetime, lock: JobLock) -> RunResult:
        try:
            return self.run_job(job, slot)
        finally:
            lock.release()

    def run_job(self, job: ScheduleJob, slot: datetime) -> RunResult:
        """One run: call the runner, record the outcome. Never raises.

        One writer per run record: a job runner that records its own runs (``records_runs``,
        like ``crawler.runner.run_crawl_in_subprocess``) is left to it, and the scheduler
        writes only the record of a run that died before it could; other job runners' runs
        are recorded here (``running``, then the outcome).
        """
        start = self.clock()
        run_id = new_run_id(job.name, start)
        base = {"run_id": run_id, "job": job.name, "platforms": list(job.platforms),
                "keywords": list(job.keywords) or job.keyword_set, "start": start.isoformat()}
        self_recording = bool(getattr(self.job_runner, "records_runs", False))
        if not self_recording:
            self._record(build_run_record(**base, end=None, status="running"))
        self.state.update(job.name, last_run_id=run_id, last_start=start.isoformat(),
                          last_status="running")
        log.info("job %s: run %s started (slot %s)", job.name, run_id, slot.isoformat())
        stats: dict[str, Any] = {}
        error: str | None = None
        recorded = False
        try:
            keywords = self.keyword_resolver(job)
            report = self.job_runner(job, run_id, keywords)
            stats = report_stats(report)
            status = run_status(stats, report)
            recorded = self_recording
        except Exception as exc:  # the scheduler outlives any single broken run
            status = "failed"
            error = f"{type(exc).__name__}: {exc}"
            log.error("job %s: run %s failed:\n%s", job.name, run_id, traceback.format_exc())
        end = self.clock()
        record = build_run_record(**base, end=end.isoformat(), status=status, stats=stats, error=error)
        if not recorded:
            self._record(record)
        self.state.update(job.name, last_status=status, last_end=end.isoformat())
        log.info("job %s: run %s %s", job.name, run_id, status)
        return RunResult(job.name, run_id, slot, status, record)

    def _record(self, record: Mapping[str, Any]) -> None:
        try:
            self.recorder.write(record)
        except Exception as exc:  # the scheduler outlives a store it cannot even write a spool for
            log.error("run %s: record not written: %s", record.get("run_id"), exc)

    def seconds_until_next(self, now: datetime) -> float:
        if not self.jobs:
            return MAX_SLEEP_SECONDS
        upcoming = min(job.next_slots(now)[0] for job in self.jobs)
        return max(0.0, min(MAX_SLEEP_SECONDS, (upcoming - now).total_seconds()))

    def run_forever(self, install_signal_handlers: bool = True) -> None:
        """Loop until :meth:`stop` (or SIGTERM/SIGINT); running jobs finish before it returns."""
        if install_signal_handlers and threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda signum, frame: self.stop())
        log.info("scheduler started with %d enabled job(s)", len(self.jobs))
        try:
            while not self._stop.is_set():
                now = self.clock()
                self.run_pending(now)
                if self._stop.is_set():
                    break
                self.sleep(self.seconds_until_next(now))
        finally:
            log.info("scheduler stopping; waiting for running jobs")
            self._executor.shutdown(wait=True)

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()


def next_runs(jobs: Sequence[ScheduleJob], now: datetime, count: int = 3) -> list[tuple[ScheduleJob, list[datetime]]]:
    """The next ``count`` run times per job (disabled jobs get an empty list)."""
    return [(job, job.next_slots(now, count) if job.enabled else []) for job in jobs]
