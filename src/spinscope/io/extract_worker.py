"""The extraction worker process: ``python -m spinscope.io.extract_worker``.

It imports trafilatura once, then answers requests on stdin with results on stdout,
each message a pickle behind an 8-byte length, until stdin closes (its parent ended
or let it go). Anything trafilatura prints goes to stderr, never into the protocol.
Only its parent (``spinscope.io.extract``) talks to it, so the pickles are trusted.
"""

from __future__ import annotations

import os
import pickle
import sys


def read_exactly(stream, size: int) -> bytes | None:
    data = stream.read(size)
    return data if len(data) == size else None


def main() -> None:
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints from libraries go to stderr
    import trafilatura  # noqa: F401 (imported before the first request, while the worker is idle)

    from spinscope.io.extract import extract_here

    requests = sys.stdin.buffer
    while (header := read_exactly(requests, 8)) is not None:
        body = read_exactly(requests, int.from_bytes(header, "big"))
        if body is None:
            return
        html, url = pickle.loads(body)
        reply = pickle.dumps(extract_here(html, url))
        replies.write(len(reply).to_bytes(8, "big") + reply)
        replies.flush()


if __name__ == "__main__":
    main()
