from __future__ import annotations

import signal
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from crawler.ops.schedule import (
    JobLock,
    ScheduleFileError,
    ScheduleJob,
    Scheduler,
    ScheduleState,
    load_schedules,
    next_runs,
)
from tests.conftest import ROOT

T0 = datetime(2024, 5, 1, 0, 0, tzinfo=UTC)


class FakeES:
    """Records index calls; ``down`` makes every call fail like an unreachable cluster."""

    def __init__(self) -> None:
        self.docs: dict[str, dict[str, Any]] = {}
        self.calls: list[dict[str, Any]] = []
        self.down = False

    def index(self, *, index: str, id: str, document: dict[str, Any], **kw: Any) -> None:
        if self.down:
            raise ConnectionError("connection refused")
        self.calls.append({"index": index, "id": id, "status": document["status"]})
        self.docs[id] = document


class Recorder:
    """Stands in for crawler.store.crawls.RunRecorder (the sink-backed writer, tested there)."""

    def __init__(self, es: FakeES) -> None:
        self.es = es

    def write(self, record: dict[str, Any]) -> bool:
        self.es.index(index="simwatch-crawls", id=record["run_id"], document=dict(record))
        return True


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_scheduler(tmp_path: Path, jobs: list[ScheduleJob], runner: Any, clock: Clock,
                   es: FakeES | None = None, **kw: Any) -> Scheduler:
    recorder = Recorder(es if es is not None else FakeES())
    return Scheduler(jobs, runner, recorder, tmp_path / "state", clock=clock, **kw)


def hourly(name: str = "hourly", **kw: Any) -> ScheduleJob:
    return ScheduleJob(name=name, cron="0 * * * *", platforms=("jd",), **kw)


def collect(futures: list) -> list:
    return [f.result(timeout=10) for f in futures]


# --- schedules file ----------------------------------------------------------------------------

def test_example_schedules_file_loads() -> None:
    jobs = load_schedules(ROOT / "config" / "schedules.toml")
    by_name = {j.name: j for j in jobs}
    assert by_name["domestic-nightly"].platforms == ("taobao", "tmall", "jd", "pinduoduo")
    assert by_name["domestic-nightly"].timezone == "Asia/Shanghai"  # from [defaults]
    assert by_name["crossborder-weekly"].keywords[0] == "china sim card"
    assert by_name["douyin-experimental"].enabled is False
    # 02:30 Shanghai is 18:30 UTC the day before
    nxt = by_name["domestic-nightly"].next_slots(T0)[0]
    assert nxt == datetime(2024, 5, 1, 18, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[jobs]]\nname = "a"\ncron = "61 * * * *"\nplatforms = ["jd"]\n', ":1 (job 'a'): cron '61 * * * *'"),
        ('[[jobs]]\nname = "a"\ncron = "0 * * * *"\nplatforms = []\n', "platforms must be a non-empty"),
        ('[[jobs]]\nname = "a b"\ncron = "0 * * * *"\nplatforms = ["jd"]\n', "name 'a b'"),
        ('[[jobs]]\nname = "a"\ncron = "0 * * * *"\nplatforms = ["jd"]\nmax_page = 3\n', "unknown key(s) max_page"),
        ('[[jobs]]\nname = "a"\ncron = "0 * * * *"\nplatforms = ["jd"]\nmax_pages = 0\n', "max_pages 0"),
        ('[[jobs]]\nname = "a"\ncron = "0 * * * *"\nplatforms = ["jd"]\ntimezone = "Mars/Base"\n', "Mars/Base"),
        ('[[jobs]]\nname = "a"\ncron = "0 * * * *"\nplatforms = ["jd"]\n\n'
         '[[jobs]]\nname = "a"\ncron = "0 * * * *"\nplatforms = ["jd"]\n', ":6: job name 'a' is used twice"),
        ('[[jobs]\nname = "a"\n', "not valid TOML"),
        ('title = "x"\n', "no [[jobs]] defined"),
    ],
)
def test_bad_schedules_file_names_file_line_and_problem(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "schedules.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ScheduleFileError) as err:
        load_schedules(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_unknown_platform_rejected_when_registry_given(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('[[jobs]]\nname = "a"\ncron = "0 * * * *"\nplatforms = ["jd", "myspace"]\n')
    with pytest.raises(ScheduleFileError, match="unknown platform.*myspace"):
        load_schedules(path, known_platforms=["jd", "taobao"])


def test_next_runs_lists_upcoming_slots() -> None:
    jobs = [hourly(), hourly("off", enabled=False)]
    rows = dict((j.name, slots) for j, slots in next_runs(jobs, T0 + timedelta(minutes=5), count=2))
    assert rows["hourly"] == [T0 + timedelta(hours=1), T0 + timedelta(hours=2)]
    assert rows["off"] == []


# --- due, missed runs, persistence ---------------------------------------------------------------

def test_missed_slots_run_once_and_state_survives_restart(tmp_path: Path) -> None:
    calls: list[tuple[str, str, Any]] = []

    def runner(job: ScheduleJob, run_id: str, keywords: list[str] | None) -> dict:
        calls.append((job.name, run_id, keywords))
        return {"stats": {"simwatch/jd/pages": 3, "simwatch/jd/listings": 30}}

    clock = Clock(T0 + timedelta(minutes=10))
    sched = make_scheduler(tmp_path, [hourly(keywords=("电话卡",))], runner, clock)
    assert collect(sched.run_pending()) == []  # first sight: baseline only, no immediate run
    clock.now = T0 + timedelta(minutes=50)
    assert collect(sched.run_pending()) == []  # same slot

    # The scheduler is down for ~5 hours (5 missed hourly slots); a new process starts.
    clock.now = T0 + timedelta(hours=5, minutes=20)
    sched2 = make_scheduler(tmp_path, [hourly(keywords=("电话卡",))], runner, clock)
    results = collect(sched2.run_pending())
    assert [r.status for r in results] == ["succeeded"]
    assert len(calls) == 1 and calls[0][2] == ["电话卡"]
    assert results[0].slot == T0 + timedelta(hours=5)
    assert collect(sched2.run_pending()) == []  # caught up: nothing more for the missed slots

    state = ScheduleState(tmp_path / "state" / "schedule-state.json").job("hourly")
    assert state["last_slot"] == (T0 + timedelta(hours=5)).isoformat()
    assert state["last_status"] == "succeeded"
    sched.stop()
    sched2.stop()


def test_disabled_jobs_never_run(tmp_path: Path) -> None:
    runs: list[str] = []
    clock = Clock(T0)
    sched = make_scheduler(tmp_path, [hourly(enabled=False)], lambda j, r, k: runs.append(r), clock)
    sched.run_pending()
    clock.now = T0 + timedelta(hours=3)
    assert collect(sched.run_pending()) == [] and runs == []


# --- overlap -------------------------------------------------------------------------------------

def test_slow_run_makes_next_slot_skip_not_overlap(tmp_path: Path) -> None:
    release = threading.Event()
    started = threading.Event()
    running = 0
    max_running = 0
    guard = threading.Lock()

    def slow_runner(job: ScheduleJob, run_id: str, keywords: Any) -> dict:
        nonlocal running, max_running
        with guard:
            running += 1
            max_running = max(max_running, running)
        started.set()
        release.wait(10)
        with guard:
            running -= 1
        return {"stats": {}}

    clock = Clock(T0 + timedelta(minutes=1))
    sched = make_scheduler(tmp_path, [hourly()], slow_runner, clock)
    sched.run_pending()
    clock.now = T0 + timedelta(hours=1, minutes=1)
    first = sched.run_pending()
    assert started.wait(5)
    clock.now = T0 + timedelta(hours=2, minutes=1)  # next slot while the first run is still going
    skipped = collect(sched.run_pending())
    assert [r.status for r in skipped] == ["skipped"]
    release.set()
    assert [r.status for r in collect(first)] == ["succeeded"]
    assert max_running == 1
    state = ScheduleState(tmp_path / "state" / "schedule-state.json").job("hourly")
    assert state["last_skipped"] == (T0 + timedelta(hours=2)).isoformat()
    sched.stop()


def test_lock_held_by_another_process_skips_slot(tmp_path: Path) -> None:
    lock_file = tmp_path / "state" / "locks" / "hourly.lock"
    lock_file.parent.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl,sys,time; f=open(sys.argv[1],'a+'); fcntl.flock(f, fcntl.LOCK_EX);"
         " print('locked', flush=True); time.sleep(30)", str(lock_file)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        runs: list[str] = []
        clock = Clock(T0 + timedelta(minutes=1))
        sched = make_scheduler(tmp_path, [hourly()], lambda j, r, k: runs.append(r), clock)
        sched.run_pending()
        clock.now = T0 + timedelta(hours=1, minutes=1)
        assert [r.status for r in collect(sched.run_pending())] == ["skipped"]
        assert runs == []
    finally:
        holder.kill()
        holder.wait()
    lock = JobLock(tmp_path / "state" / "locks", "hourly")
    assert lock.acquire()  # released by the holder's death, as flock locks are
    lock.release()


# --- run records ---------------------------------------------------------------------------------

STATS = {
    "item_scraped_count": 57,
    "simwatch/jd/pages": 10,
    "simwatch/jd/listings": 50,
    "simwatch/jd/blocked/captcha": 2,
    "simwatch/jd/blocked/rate_limited": 1,
    "simwatch/taobao/pages": 4,
    "simwatch/taobao/listings": 7,
    "simwatch/taobao/layout_drift": 1,
    "simwatch/taobao/blocked/login": 4,
    "simwatch/blocked_total": 7,
    "simwatch/sink/dead_lettered": 0,
    "simwatch/sink/spooled": 3,
    "simwatch/monitors/passed": 5,
    "simwatch/monitors/failed": 0,
}


def run_one(tmp_path: Path, runner: Any, es: FakeES) -> Any:
    clock = Clock(T0 + timedelta(minutes=1))
    job = ScheduleJob(name="nightly", cron="0 * * * *", platforms=("jd", "taobao"))
    sched = make_scheduler(tmp_path, [job], runner, clock, es=es)
    sched.run_pending()
    clock.now = T0 + timedelta(hours=1, minutes=1)
    (result,) = collect(sched.run_pending())
    sched.stop()
    return result


def test_run_record_running_then_final_with_stats(tmp_path: Path) -> None:
    es = FakeES()
    result = run_one(tmp_path, lambda j, r, k: {"stats": STATS}, es)
    assert [c["status"] for c in es.calls] == ["running", "succeeded"]
    assert {c["index"] for c in es.calls} == {"simwatch-crawls"}
    doc = es.docs[result.run_id]
    assert doc["job"] == "nightly" and doc["kind"] == "run"
    assert doc["pages"] == 14 and doc["listings"] == 57 and doc["items"] == 57
    assert doc["blocked"] == [
        {"platform": "jd", "reason": "captcha", "pages": 2},
        {"platform": "jd", "reason": "rate_limited", "pages": 1},
        {"platform": "taobao", "reason": "login", "pages": 4},
    ]
    assert doc["blocked_by_reason"] == {"captcha": 2, "rate_limited": 1, "login": 4}
    # login walls are 200 pages that reach the spider, so they are also counted as pages
    assert doc["stats"]["taobao"]["blocked_rate"] == 1.0
    assert doc["stats"]["jd"]["blocked_rate"] == 0.3
    assert doc["drift_alarms"] == 1 and doc["drift_by_platform"] == {"taobao": 1}
    assert doc["sink"] == {"indexed": 0, "dead_lettered": 0, "spooled": 3, "unsaved": 0}
    assert doc["monitors"]["passed"] == 5
    assert doc["start"] <= doc["end"]


def test_failed_monitor_marks_run_failed(tmp_path: Path) -> None:
    stats = {**STATS, "simwatch/monitors/failed": 2,
             "simwatch/monitors/failed_names": "Blocked rate,Layout drift"}
    es = FakeES()
    result = run_one(tmp_path, lambda j, r, k: {"stats": stats}, es)
    assert result.status == "failed"
    assert es.docs[result.run_id]["monitors"]["failed_names"] == ["Blocked rate", "Layout drift"]


def test_runner_exception_recorded_and_scheduler_survives(tmp_path: Path) -> None:
    def broken(job: ScheduleJob, run_id: str, keywords: Any) -> None:
        raise RuntimeError("reactor exploded")

    es = FakeES()
    result = run_one(tmp_path, broken, es)
    assert result.status == "failed"
    assert es.docs[result.run_id]["error"] == "RuntimeError: reactor exploded"


def test_store_down_does_not_stop_the_scheduler(tmp_path: Path) -> None:
    """A record that cannot be written is logged; the run's outcome and the scheduler stand.
    (The real writer spools it: crawler/store/crawls.py, tests/crawler/store/test_crawls.py.)"""
    es = FakeES()
    es.down = True
    result = run_one(tmp_path, lambda j, r, k: {"stats": STATS}, es)
    assert result.status == "succeeded" and es.docs == {}


def test_a_self_recording_runner_is_left_to_record_its_runs(tmp_path: Path) -> None:
    """One writer per run record: the crawl process writes its own (crawler.runner)."""
    def runner(job: ScheduleJob, run_id: str, keywords: Any) -> dict[str, Any]:
        return {"stats": STATS, "status": "degraded"}

    runner.records_runs = True  # type: ignore[attr-defined]
    es = FakeES()
    result = run_one(tmp_path, runner, es)
    assert result.status == "degraded"
    assert es.calls == []  # neither "running" nor the outcome: the runner wrote it


def test_run_forever_sleeps_on_injected_clock_and_stops_on_sigterm(tmp_path: Path) -> None:
    clock = Clock(T0 + timedelta(minutes=1))
    runs: list[str] = []
    sleeps: list[float] = []

    def runner(job: ScheduleJob, run_id: str, keywords: Any) -> dict:
        runs.append(run_id)  # (the clock keeps moving in the main thread meanwhile)
        return {"stats": {}}

    def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        # A run takes less than the hour between slots: let the one worker finish what it was
        # given before the clock jumps (else a loaded machine makes the next slot meet the
        # previous run's lock and skip, as it should for a run that really overlaps).
        sched._executor.submit(lambda: None).result(timeout=10)
        clock.now += timedelta(seconds=seconds)
        if clock.now >= T0 + timedelta(hours=3, minutes=30):
            signal.raise_signal(signal.SIGTERM)  # as `docker stop` would

    previous = signal.getsignal(signal.SIGTERM)
    try:
        sched = make_scheduler(tmp_path, [hourly()], runner, clock, sleep=fake_sleep, max_workers=1)
        sched.run_forever()
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert sched.stopped
    assert len(runs) == 3  # slots 01:00, 02:00, 03:00; run_forever waited for them to finish
    state = ScheduleState(tmp_path / "state" / "schedule-state.json").job("hourly")
    assert state["last_slot"] == (T0 + timedelta(hours=3)).isoformat()
    assert state["last_status"] == "succeeded"
    assert all(0 <= s <= 60 for s in sleeps)


def test_crawl_report_with_per_spider_stats_is_merged(tmp_path: Path) -> None:
    """crawler.runner.CrawlReport keeps one stats dict per platform spider."""
    from crawler.runner import CrawlReport

    report = CrawlReport(run_id="x", started="2024-05-01T01:00:00+00:00", status="succeeded", stats={
        "jd": {"item_scraped_count": 50, "simwatch/jd/pages": 10, "simwatch/jd/listings": 50,
               "simwatch/monitors/failed": 1, "simwatch/monitors/failed_names": "Blocked rate",
               "simwatch/jd/blocked/captcha": 3},
        "taobao": {"item_scraped_count": 7, "simwatch/taobao/pages": 4, "simwatch/taobao/listings": 7,
                   "simwatch/monitors/failed": 1,
                   "simwatch/monitors/failed_names": "Blocked rate,Layout drift"},
    })
    es = FakeES()
    result = run_one(tmp_path, lambda j, r, k: report, es)
    doc = es.docs[result.run_id]
    assert result.status == "failed"
    assert doc["items"] == 57 and doc["pages"] == 14
    assert doc["monitors"]["failed"] == 2
    assert doc["monitors"]["failed_names"] == ["Blocked rate", "Layout drift"]
    assert doc["blocked"] == [{"platform": "jd", "reason": "captcha", "pages": 3}]


@pytest.mark.parametrize("status", ["partial", "degraded", "failed"])
def test_runner_status_is_the_run_status(tmp_path: Path, status: str) -> None:
    """The runner's status is the truth: a partial or degraded run is not recorded as a success."""
    result = run_one(tmp_path, lambda j, r, k: {"stats": {}, "status": status}, FakeES())
    assert result.status == status
