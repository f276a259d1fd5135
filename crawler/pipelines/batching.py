"""Run a pipeline's batch work in a worker thread, off the reactor, one batch at a time.

Each item awaits its own result; items that arrive while a batch is being worked gather into
the next batch (group commit), so batches are as large as the load makes them and no timer is
needed. Back-pressure is Scrapy's own: an item waiting here keeps its response in the scraper's
slot, and once ``SCRAPER_SLOT_MAX_ACTIVE_SIZE`` is reached the engine stops fetching, so the
queue stays bounded however slow the work (or the store behind it) becomes.

Hand-written rather than a library because it is the few lines of glue between Scrapy's
coroutine pipelines and ``asyncio.to_thread``; the worker itself is the standard executor.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

HAND_BACK = 32  # items resumed per turn of the event loop

T = TypeVar("T")
R = TypeVar("R")


class BatchWorker(Generic[T, R]):
    """``await worker.submit(x)`` → ``work([..., x, ...])[i]``, computed in a worker thread.

    ``work`` receives at most ``max_batch`` values and returns one result per value, in order;
    if it raises, every item of that batch gets the exception. ``drain()`` waits until all
    submitted work is done.
    """

    def __init__(self, work: Callable[[list[T]], Sequence[R]], max_batch: int) -> None:
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        self.work = work
        self.max_batch = max_batch
        self._queue: list[tuple[T, asyncio.Future[R]]] = []
        self._runner: asyncio.Task[None] | None = None

    def __len__(self) -> int:
        return len(self._queue)

    async def submit(self, value: T) -> R:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[R] = loop.create_future()
        self._queue.append((value, future))
        if self._runner is None:
            self._runner = loop.create_task(self._run())
        return await future

    async def drain(self) -> None:
        while self._runner is not None:
            await asyncio.shield(self._runner)

    async def _run(self) -> None:
        try:
            while self._queue:
                batch = self._queue[:self.max_batch]
                del self._queue[:self.max_batch]
                try:
                    results = await asyncio.to_thread(self.work, [value for value, _ in batch])
                    if len(results) != len(batch):
                        raise RuntimeError(f"{self.work!r} returned {len(results)} results "
                                           f"for {len(batch)} values")
                except Exception as exc:  # handed to each waiting item; the worker goes on
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    continue
                for start in range(0, len(batch), HAND_BACK):
                    for (_, future), result in zip(batch[start:start + HAND_BACK],
                                                   results[start:start + HAND_BACK], strict=True):
                        if not future.done():
                            future.set_result(result)
                    # Let the loop run the woken items (and its timers) before waking more: a
                    # batch of 500 handed back at once would be one long turn of the reactor.
                    await asyncio.sleep(0)
        finally:
            self._runner = None
