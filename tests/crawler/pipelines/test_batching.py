"""BatchWorker: work in a worker thread, batches gathered while one is in work, results per item."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from crawler.pipelines.batching import BatchWorker


class GatedWork:
    """Doubles each value; the first batch waits for ``release`` so others can gather."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.threads: set[int] = set()
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, values: list[int]) -> list[int]:
        self.threads.add(threading.get_ident())
        self.batches.append(list(values))
        self.started.set()
        self.release.wait()
        return [v * 2 for v in values]


def test_values_arriving_during_a_batch_form_the_next_batch_off_the_loop_thread() -> None:
    work = GatedWork()
    worker: BatchWorker[int, int] = BatchWorker(work, max_batch=3)

    async def scenario() -> list[int]:
        first = asyncio.ensure_future(worker.submit(0))
        await asyncio.to_thread(work.started.wait)  # batch [0] is in the worker thread
        rest = [asyncio.ensure_future(worker.submit(v)) for v in range(1, 6)]
        await asyncio.sleep(0)
        assert len(worker) == 5 and not first.done()
        work.release.set()
        return await asyncio.gather(first, *rest)

    assert asyncio.run(scenario()) == [0, 2, 4, 6, 8, 10]
    assert work.batches == [[0], [1, 2, 3], [4, 5]]  # at most max_batch per batch, in order
    assert threading.get_ident() not in work.threads


def test_a_failing_batch_fails_only_its_own_items() -> None:
    def work(values: list[int]) -> list[int]:
        if 13 in values:
            raise ValueError("unlucky batch")
        return values

    worker: BatchWorker[int, int] = BatchWorker(work, max_batch=2)

    async def scenario() -> list[Any]:
        return await asyncio.gather(*(worker.submit(v) for v in (12, 13, 14, 15)), return_exceptions=True)

    results = asyncio.run(scenario())
    assert [type(r) for r in results[:2]] == [ValueError, ValueError]
    assert results[2:] == [14, 15]


def test_drain_returns_once_every_submitted_value_is_done() -> None:
    work = GatedWork()
    worker: BatchWorker[int, int] = BatchWorker(work, max_batch=10)

    async def scenario() -> tuple[bool, bool]:
        pending = [asyncio.ensure_future(worker.submit(v)) for v in range(4)]
        await asyncio.sleep(0)
        drained = asyncio.ensure_future(worker.drain())
        await asyncio.to_thread(work.started.wait)
        before = drained.done()
        work.release.set()
        await drained
        return before, all(p.done() for p in pending)

    assert asyncio.run(scenario()) == (False, True)
    asyncio.run(worker.drain())  # nothing queued: returns at once


def test_work_must_answer_each_value() -> None:
    worker: BatchWorker[int, int] = BatchWorker(lambda values: values[:-1], max_batch=5)
    with pytest.raises(RuntimeError, match="returned 0 results for 1 values"):
        asyncio.run(worker.submit(1))
    with pytest.raises(ValueError, match="at least 1"):
        BatchWorker(lambda values: values, max_batch=0)


def test_a_large_batch_is_handed_back_in_slices_each_item_its_own_result() -> None:
    worker: BatchWorker[int, int] = BatchWorker(lambda values: [v + 1 for v in values], max_batch=500)

    async def scenario() -> list[int]:
        return await asyncio.gather(*(worker.submit(v) for v in range(200)))

    assert asyncio.run(scenario()) == list(range(1, 201))
