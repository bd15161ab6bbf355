"""BoundedRunner: results and errors pass through; refusals are 503s, slow jobs 504s."""

from __future__ import annotations

import asyncio
import threading

import pytest

from spinscope.errors import EmptyTextError

# spinscope.web.runner and fastapi are imported in the tests: collecting them does not import FastAPI


def test_bounded_runner_returns_the_result():
    from spinscope.web.runner import BoundedRunner

    runner = BoundedRunner(workers=1, max_waiting=0, timeout_s=30)
    assert asyncio.run(runner.run(sum, [1, 2, 3])) == 6
    assert runner.pending == 0


def test_bounded_runner_passes_library_errors_through():
    from spinscope.web.runner import BoundedRunner

    def fail() -> None:
        raise EmptyTextError("empty")

    runner = BoundedRunner(workers=1, max_waiting=0, timeout_s=30)
    with pytest.raises(EmptyTextError):
        asyncio.run(runner.run(fail))
    assert runner.pending == 0


def test_bounded_runner_keeps_a_timed_out_job_counted_until_it_ends():
    from fastapi import HTTPException

    from spinscope.web.runner import BoundedRunner

    release = threading.Event()
    runner = BoundedRunner(workers=1, max_waiting=0, timeout_s=0.1)
    try:
        with pytest.raises(HTTPException) as timed_out:
            asyncio.run(runner.run(release.wait, 30))
        assert timed_out.value.status_code == 504
        assert runner.pending == 1
        with pytest.raises(HTTPException) as refused:
            asyncio.run(runner.run(sum, [1]))
        assert refused.value.status_code == 503
    finally:
        release.set()


def test_bounded_runner_after_shutdown_is_503():
    from fastapi import HTTPException

    from spinscope.web.runner import BoundedRunner

    runner = BoundedRunner(workers=1, max_waiting=4, timeout_s=30)
    runner.shutdown()
    with pytest.raises(HTTPException) as refused:
        asyncio.run(runner.run(sum, [1]))
    assert refused.value.status_code == 503 and runner.pending == 0
