"""What a corpus source yields: a document, where it came from, and any problem reading it.

A source does not stop at a document it could read but not use (empty text, bytes in the
wrong encoding): it yields the record with ``problem`` set, so that the store keeps it
and the analysis step records the problem as that document's error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spinscope.document import Document, content_id
from spinscope.errors import SpinscopeError


@dataclass(frozen=True)
class Record:
    """One article from a corpus source."""

    document: Document
    origin: str
    problem: str | None = None


def record_from_text(text: str, origin: str, problem: str | None = None, **metadata: str | None) -> Record:
    """A record whose document id is the content hash of its text (so re-adding is a no-op)."""
    metadata = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in metadata.items()}
    return Record(Document(id=content_id(text), text=text, **metadata), origin, problem)


def first_line(text: str, limit: int = 200) -> str | None:
    """The first non-blank line, as a title for sources that have none (PTC's first line is the headline)."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:limit]
    return None


@dataclass(frozen=True)
class Failure:
    """An item of a source that gave no text at all (an unreachable URL, a file too large to read),
    or a bad row skipped on request (``skip_bad``): reported, not stored; ``error`` is the library
    error, for callers that phrase a remedy."""

    origin: str
    message: str
    error: SpinscopeError | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, error: Exception, origin: str) -> Failure:
        """The failure for an error whose message starts with ``origin``."""
        error_kept = error if isinstance(error, SpinscopeError) else None
        return cls(origin, str(error).removeprefix(f"{origin}: "), error_kept)


@dataclass(frozen=True)
class Columns:
    """Which field of a JSONL object or CSV row holds each part of an article."""

    text: str = "text"
    title: str = "title"
    url: str = "url"
    outlet: str = "outlet"
    published: str = "published"

    def metadata(self) -> dict[str, str]:
        """Document field name → source column name, for everything except the text."""
        return {"title": self.title, "url": self.url, "outlet": self.outlet, "published": self.published}
