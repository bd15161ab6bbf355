"""A file that lists article URLs, one per line (blank lines and ``#`` comments ignored).

Each URL is fetched and its article text extracted; a URL that cannot be fetched is
reported as a failure and the rest are still read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from spinscope.errors import MissingInputError, SourceError, SpinscopeError
from spinscope.io.fetch_policy import FetchPolicy
from spinscope.io.records import Failure, Record, record_from_text

_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
URL_LIST_SUFFIXES = (".urls", ".url", ".lst")


def list_urls(path: Path) -> list[tuple[int, str]]:
    """The (line number, URL) pairs of a URL list; a line that is not a URL raises."""
    if not path.is_file():
        raise MissingInputError(f"{path}: no such URL list")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        raise SourceError(f"{path}: a URL list must be UTF-8 text ({error.reason})") from None
    urls = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not _URL.match(line):
            raise SourceError(f"{path}, line {number}: not an http(s) URL: {line[:80]!r}")
        urls.append((number, line))
    return urls


def looks_like_url_list(path: Path, sample: int = 4096) -> bool:
    """True when the file's first non-comment lines are all URLs (used to tell it from an article)."""
    with open(path, "rb") as handle:
        head = handle.read(sample).decode("utf-8", errors="replace")
    lines = [l.strip() for l in head.splitlines() if l.strip() and not l.strip().startswith("#")]
    return bool(lines) and all(_URL.match(l) for l in lines[:-1] or lines)


def read_url_list(path: str | Path, policy: FetchPolicy | None = None) -> Iterator[Record | Failure]:
    """Fetch every listed URL under ``policy``; unreachable, refused and article-less pages become failures."""
    from spinscope.io.web import fetch_document

    path, policy = Path(path), policy or FetchPolicy()
    for number, url in list_urls(path):
        where = f"{path}, line {number}"
        try:
            document = fetch_document(url, policy)
        except SpinscopeError as error:
            yield Failure(where, str(error), error)
            continue
        yield record_from_text(document.text, origin=url, title=document.title, url=document.url or url,
                               outlet=document.outlet, published=document.published)
