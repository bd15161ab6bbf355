"""Article extraction from HTML (trafilatura), in a process that can be stopped.

Extraction is pure CPU in C code (lxml) and some pages make it superlinear: 2 MB of
``<span>w</span>`` kept a worker busy for minutes. A thread cannot be stopped, so when a
deadline is given the extraction runs in a worker process (``extract_worker``) that
is killed when the deadline passes. Workers are started with ``subprocess`` and kept
warm in a small pool (trafilatura imported once per worker); a killed one is replaced
at once. Not ``multiprocessing``: its spawn and forkserver start methods re-import the
user's ``__main__`` in the child (a script without a main guard would run again), and
fork from the threaded web server is unsafe. Replies are awaited with ``select``, so
this path needs a POSIX system. Without a deadline (a local file, read by a user who
can press Ctrl+C) extraction runs in-process.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from spinscope.errors import DeadlineError, NoArticleTextError
from spinscope.io.deadline import Deadline


@dataclass(frozen=True)
class Extracted:
    """What trafilatura found in a page: the article text and the page's metadata."""

    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None


def extract_here(html: str, url: str | None) -> Extracted:
    """Extraction in this process."""
    import trafilatura  # imported here: it is slow to import and only HTML input needs it

    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                        include_tables=False)
    if not found:
        return Extracted("")
    return Extracted((found.text or "").strip(), found.title or None,
                     found.sitename or found.hostname or None, found.date or None)


class Worker:
    """One worker process (``extract_worker``) and the pipes to it."""

    def __init__(self) -> None:
        package_root = str(Path(__file__).resolve().parents[2])  # this spinscope, whatever sys.path says
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen([sys.executable, "-m", "spinscope.io.extract_worker"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)

    def ask(self, html: str, url: str | None, deadline: Deadline) -> Extracted | None:
        """The extraction, or None when the deadline passed first."""
        request = pickle.dumps((html, url))
        self.process.stdin.write(len(request).to_bytes(8, "big") + request)
        self.process.stdin.flush()
        return _reply(self.process.stdout.fileno(), deadline)

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=5)
        for pipe in (self.process.stdin, self.process.stdout):
            pipe.close()


def _reply(fd: int, deadline: Deadline) -> Extracted | None:
    """One length-prefixed pickle from ``fd``, waiting at most until ``deadline``."""
    buffer = bytearray()
    while len(buffer) < 8 or len(buffer) < 8 + int.from_bytes(buffer[:8], "big"):
        ready, _, _ = select.select([fd], [], [], deadline.remaining())
        if not ready:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            raise EOFError("the extraction worker ended")
        buffer += chunk
    return pickle.loads(bytes(buffer[8:]))


class WorkerPool:
    """Idle workers kept warm (trafilatura imported); a worker past its deadline is killed and
    replaced at once, so that the next request finds a warm one."""

    def __init__(self, max_idle: int = 4) -> None:
        self.max_idle, self._idle, self._lock = max_idle, [], threading.Lock()
        atexit.register(self.close)

    def take(self) -> Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.poll() is None:
                    return worker
        return Worker()

    def give(self, worker: Worker) -> None:
        with self._lock:
            if len(self._idle) < self.max_idle:
                self._idle.append(worker)
                return
        worker.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.close()


POOL = WorkerPool()


def extract_within(html: str, url: str | None, deadline: Deadline, source: str) -> Extracted:
    """Extraction in a worker process, killed (DeadlineError) when ``deadline`` passes."""
    worker = POOL.take()
    try:
        result = worker.ask(html, url, deadline)
    except (OSError, EOFError, pickle.UnpicklingError):
        worker.close()
        raise NoArticleTextError(f"{source}: the HTML extractor failed on this page") from None
    if result is None:
        worker.close()
        POOL.give(Worker())
        raise DeadlineError(f"{source}: extracting the article took longer than "
                            f"{deadline.seconds:g} s and was stopped")
    POOL.give(worker)
    return result


def extract(html: str, url: str | None, deadline: Deadline | None, source: str) -> Extracted:
    """The article in ``html``; bounded by ``deadline`` when one is given (see the module docstring)."""
    if deadline is None:
        return extract_here(html, url)
    deadline.check(source)
    return extract_within(html, url, deadline, source)
