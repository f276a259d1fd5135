"""A JOBDIR crawl killed with SIGKILL mid-way and restarted loses nothing and re-crawls little."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from scrapy import Request, Spider

from crawler.ops.resume import FrontierJournal, JournalError, decode_request, encode_request
from tests.crawler.ops.conftest import read_items, start_crawl
from tests.crawler.ops.tinysite import TinySite

CONCURRENCY = 4
KILL_AFTER = 30  # pages fetched


def test_sigkill_then_resume_fetches_every_page_once_more_at_most(tiny_site: TinySite, tmp_path: Path) -> None:
    tiny_site.delay = 0.05
    out = tmp_path / "items.jsonl"
    jobdir = tmp_path / "job"
    args = ("--start", f"{tiny_site.url}/page/0", "--jobdir", str(jobdir),
            "--concurrency", str(CONCURRENCY))

    first = start_crawl(out, tmp_path / "run1.log", *args)
    deadline = time.monotonic() + 30
    while tiny_site.total_hits() < KILL_AFTER:
        assert first.poll() is None, (tmp_path / "run1.log").read_text()[-3000:]
        assert time.monotonic() < deadline, "first crawl never got going"
        time.sleep(0.005)
    first.send_signal(signal.SIGKILL)
    assert first.wait(10) == -signal.SIGKILL
    hits_first = tiny_site.total_hits()
    done_first = {item["id"] for item in read_items(out)}
    assert 0 < len(done_first) < 100
    # What plain JOBDIR would rely on is gone: Scrapy writes the queue index only on close.
    assert not (jobdir / "requests.queue" / "active.json").exists()

    second = start_crawl(out, tmp_path / "run2.log", *args)
    assert second.wait(60) == 0, (tmp_path / "run2.log").read_text()[-3000:]
    log = (tmp_path / "run2.log").read_text()
    assert "resuming from" in log

    items = read_items(out)
    by_id = {item["id"]: item for item in items}
    assert set(by_id) == {str(n) for n in range(100)}  # nothing lost
    assert set(tiny_site.snapshot()) == {f"/page/{n}" for n in range(100)}  # every page fetched
    # At-least-once only around the kill: pages in flight (<= CONCURRENCY) plus the start page,
    # which start() yields again. Everything finished before the kill is not fetched again.
    hits_second = tiny_site.total_hits() - hits_first
    assert hits_second <= (100 - len(done_first)) + CONCURRENCY + 1
    assert len(items) - len(by_id) <= CONCURRENCY + 1  # duplicates collapse by id in the sink


def test_journal_load_replays_pending_and_compacts(tmp_path: Path) -> None:
    spider = Spider(name="s")
    journal = FrontierJournal(tmp_path / "frontier.journal")
    journal.open()
    journal.enqueued("a", "fa", encode_request(Request("http://x/a", meta={"k": 1}), spider))
    journal.enqueued("b", "fb", encode_request(Request("http://x/b"), spider))
    journal.done("a")
    journal.close()
    seen, pending = journal.load()
    assert seen == {"fa", "fb"} and list(pending) == ["b"]
    assert decode_request(pending["b"]["r"], spider).url == "http://x/b"

    journal.compact(seen, pending)
    assert journal.load() == (seen, pending)
    assert len(journal.path.read_text().splitlines()) == 2  # {"s": "fa"} and b's entry


def test_torn_last_line_ignored_but_damage_elsewhere_named(tmp_path: Path) -> None:
    path = tmp_path / "frontier.journal"
    path.write_text('{"e":"a","fp":"fa","r":null}\n{"d":"a"')
    seen, pending = FrontierJournal(path).load()
    assert seen == {"fa"} and pending == {"a": {"e": "a", "fp": "fa", "r": None}}

    path.write_text('{"e":"a","fp":"fa","r":null}\nnot json\n{"d":"a"}\n')
    with pytest.raises(JournalError, match=r"frontier.journal:2: damaged"):
        FrontierJournal(path).load()
