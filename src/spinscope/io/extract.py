"""Article extraction from HTML (trafilatura), in a process that can be stopped.

Extraction is pure CPU in C code (lxml) and some pages make it superlinear: 2 MB of
``<span>w</span>`` kept a worker busy for minutes. A thread cannot be stopped, so when a
deadline is given the extraction runs in a child process that is killed when the
deadline passes. Children come from a *forkserver* that has trafilatura imported
already: starting one costs a fork of a small single-threaded process (milliseconds),
not a fresh interpreter, and forking never happens from the threaded web server
itself. Where there is no forkserver (Windows) children are spawned. Without a
deadline (a local file, read by a user who can press Ctrl+C) extraction runs in-process.
"""

from __future__ import annotations

import functools
import multiprocessing
from dataclasses import dataclass
from multiprocessing.connection import Connection

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


def _child(html: str, url: str | None, sender: Connection) -> None:
    """The child process's work: extract, send the result, exit."""
    sender.send(extract_here(html, url))
    sender.close()


@functools.cache
def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["spinscope.io.extract", "trafilatura"])
        return context
    return multiprocessing.get_context("spawn")


def extract_within(html: str, url: str | None, deadline: Deadline, source: str) -> Extracted:
    """Extraction in a child process, killed (DeadlineError) when ``deadline`` passes."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(html, url, sender), daemon=True,
                              name="spinscope-extract")
    process.start()
    sender.close()
    try:
        if not receiver.poll(deadline.remaining()):
            raise DeadlineError(f"{source}: extracting the article took longer than "
                                f"{deadline.seconds:g} s and was stopped")
        return receiver.recv()
    except EOFError:
        raise NoArticleTextError(f"{source}: the HTML extractor failed on this page") from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(timeout=5)


def extract(html: str, url: str | None, deadline: Deadline | None, source: str) -> Extracted:
    """The article in ``html``; bounded by ``deadline`` when one is given (see the module docstring)."""
    if deadline is None:
        return extract_here(html, url)
    deadline.check(source)
    return extract_within(html, url, deadline, source)
