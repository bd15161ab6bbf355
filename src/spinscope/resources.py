"""How much of the machine spinscope uses, decided in one place.

Each analysis runs the encoder on one core per call (onnxruntime computes on the calling
thread), so the unit of work is a thread on a core. A process may use the cores of its
affinity mask; the web server splits them between analyses at once (``web_workers``)
and encoder calls inside one analysis (``detector_threads``), so that the two multiplied
never exceed the cores. Dask workers are processes of their own and load their detector
with one thread: the cluster, not the detector, spreads the work over the cores.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from spinscope.errors import ConfigError

MAX_WEB_WORKERS = 4
DASK_WORKER_THREADS = 1
# seconds a thread may hold the GIL while another waits (Python's default is 0.005): an encoder
# thread needs it for a moment after each call, so while the caller decodes in Python, the
# encoder would otherwise stall up to 5 ms per window (see ``share_the_interpreter``)
SWITCH_INTERVAL = 0.0005


def one_blas_thread() -> None:
    """Ask numpy's BLAS for one thread unless the user chose otherwise: its pool would be one
    more pool beside the plan below (spinscope's own matrix products are small), and without it
    numpy imports 10-15 ms sooner. Takes effect only before numpy is first imported; the
    setting passes on to child processes (Dask workers)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def usable_cores() -> int:
    """The cores this process may run on (fewer than the machine's under a CPU affinity mask)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


@dataclass(frozen=True)
class ThreadPlan:
    """Analyses at once, and encoder calls at once within each; their product fits the cores."""

    web_workers: int
    detector_threads: int

    def __post_init__(self) -> None:
        if self.web_workers < 1 or self.detector_threads < 1:
            raise ConfigError("a thread plan needs at least one web worker and one detector thread")


def share_the_interpreter() -> None:
    """Let encoder threads take the GIL back quickly (``SWITCH_INTERVAL``), for a process
    whose encoder runs in threads beside Python work. Process-wide; it only ever shortens
    the interval, never lengthens one set shorter."""
    if sys.getswitchinterval() > SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)


def thread_plan(web_workers: int | None = None, cores: int | None = None) -> ThreadPlan:
    """The plan for a server: by default one analysis per core (at most four), and the cores
    left to each analysis as its encoder threads."""
    cores = cores or usable_cores()
    workers = web_workers or max(1, min(MAX_WEB_WORKERS, cores))
    return ThreadPlan(workers, max(1, cores // workers))
