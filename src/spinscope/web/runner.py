"""Running blocking analyses off the event loop, bounded in number and in time.

A fixed pool of worker threads runs the detector; requests beyond the pool wait in
its queue, and once ``max_waiting`` are waiting new ones are refused with 503. Each
request gets at most ``timeout_s`` from arrival to answer (504 after that); a job
that has not started by then is cancelled, one that has keeps its worker until it
finishes, so a slow request can never cause more work than the pool allows.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from fastapi import HTTPException

Result = TypeVar("Result")
RETRY_AFTER_S = "5"


class BoundedRunner:
    """A thread pool with a bounded queue and a per-call time limit."""

    def __init__(self, workers: int, max_waiting: int, timeout_s: float, name: str = "spinscope-web") -> None:
        self.capacity = workers + max_waiting
        self.timeout_s = timeout_s
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._pending = 0

    @property
    def pending(self) -> int:
        """Jobs running or waiting right now."""
        return self._pending

    def _admit(self) -> None:
        with self._lock:
            if self._pending >= self.capacity:
                raise HTTPException(503, f"the server is busy ({self._pending} analyses running or "
                                         "waiting); try again in a few seconds",
                                    headers={"Retry-After": RETRY_AFTER_S})
            self._pending += 1

    def _release(self, _future: Future | None = None) -> None:
        with self._lock:
            self._pending -= 1

    async def run(self, function: Callable[..., Result], *args: object, timeout_s: float | None = None) -> Result:
        """``function(*args)`` in a worker thread; its exceptions reach the caller unchanged.
        ``timeout_s`` (at most the runner's own) is for a request that has already used some of its time."""
        limit = self.timeout_s if timeout_s is None else max(0.0, min(timeout_s, self.timeout_s))
        self._admit()
        try:
            future = self._executor.submit(function, *args)
        except RuntimeError:
            self._release()
            raise HTTPException(503, "the server is shutting down", headers={"Retry-After": RETRY_AFTER_S})
        future.add_done_callback(self._release)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), limit)
        except asyncio.TimeoutError:
            future.cancel()
            raise HTTPException(504, f"the analysis took longer than {self.timeout_s:g} s; "
                                     "try a shorter article or try again later") from None

    def shutdown(self) -> None:
        """Drop waiting jobs; running ones finish in their threads."""
        self._executor.shutdown(wait=False, cancel_futures=True)
