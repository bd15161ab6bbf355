"""One thread plan: analyses at once x encoder threads never exceed the usable cores."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from spinscope.detector.loading import load_detector
from spinscope.document import Document
from spinscope.errors import ConfigError
from spinscope.resources import ThreadPlan, thread_plan, usable_cores

TEXT = "They are traitors and warmongers, and everyone knows it. Our great nation will never bow! " * 40


def live(prefix: str, since: frozenset[threading.Thread] = frozenset()) -> int:
    """Live threads whose names start with ``prefix``, not counting those in ``since``."""
    return sum(1 for t in threading.enumerate() if t.name.startswith(prefix) and t not in since)


@pytest.mark.parametrize("cores", [1, 2, 3, 8, 64])
@pytest.mark.parametrize("workers", [None, 1, 2, 4])
def test_thread_plan_never_gives_more_threads_than_cores(cores, workers):
    plan = thread_plan(workers, cores=cores)
    if workers is None:
        assert plan.web_workers == min(cores, 4)
    assert plan.detector_threads >= 1
    assert plan.web_workers * plan.detector_threads <= max(cores, plan.web_workers)


def test_thread_plan_refuses_zero_threads():
    with pytest.raises(ConfigError):
        ThreadPlan(0, 1)


def test_encoder_pool_is_made_once_and_closes():
    detector = load_detector("minilm-ptc", threads=2)
    before = live("spinscope-encoder")
    detector.predict([Document("a", TEXT)])
    pool = detector.pool()
    detector.predict([Document("b", TEXT)])
    assert detector.pool() is pool and live("spinscope-encoder") - before <= 2
    detector.close()
    assert live("spinscope-encoder") == before and detector.pool() is None
    assert detector.predict([Document("c", TEXT)])[0].spans  # still works, one call at a time


def test_live_threads_under_serve_fit_the_cores():
    from fastapi.testclient import TestClient

    from spinscope.web import WebSettings, create_app

    settings = WebSettings()
    before = frozenset(threading.enumerate())  # other tests' apps may still have threads
    with TestClient(create_app(settings=settings), base_url="http://localhost") as client:
        with ThreadPoolExecutor(6) as callers:
            answers = list(callers.map(lambda _: client.post("/api/analyze", json={"text": TEXT}), range(6)))
        web, encoder = live("spinscope-web", before), live("spinscope-encoder", before)
    assert all(a.status_code == 200 for a in answers)
    assert web <= settings.workers
    assert max(web, 1) * max(encoder, 1) <= max(usable_cores(), settings.workers)
    assert live("spinscope-encoder", before) == 0  # closed with the app


@pytest.mark.slow
def test_dask_workers_run_the_detector_with_one_thread(tmp_path):
    pytest.importorskip("dask.distributed")
    from spinscope.corpus.distributed import DaskExecutor
    from spinscope.io.records import record_from_text

    executor = DaskExecutor("minilm-ptc", "local", workers=2)
    try:
        executor.submit([record_from_text(TEXT, origin="t")])
        outcomes, _ = executor.next_done()

        def probe():
            from spinscope.corpus.distributed import worker_pipeline

            encoder = sum(1 for t in threading.enumerate() if t.name.startswith("spinscope-encoder"))
            return worker_pipeline("minilm-ptc").detector.workers, encoder

        per_worker = executor.client.run(probe)
    finally:
        executor.close()
    assert outcomes[0].spans
    assert len(per_worker) == 2
    assert all(workers == 1 and encoder == 0 for workers, encoder in per_worker.values())
