"""``corpus add``: read sources into the store; documents already there (same text) are skipped."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from spinscope.corpus.store import Store
from spinscope.io.corpus_sources import SourceOptions, read_source
from spinscope.io.records import Failure, Record

ADD_CHUNK = 500


@dataclass(frozen=True)
class AddResult:
    """What ``add`` did: items read, documents new to the store, and items that gave no text."""

    read: int
    added: int
    failures: tuple[Failure, ...]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def add(store: Store, sources: Sequence[str], options: SourceOptions = SourceOptions()) -> AddResult:
    """Read every source into the store; documents already there (same text) are skipped."""
    read, added, failures = 0, 0, []
    for source in sources:
        for chunk in _chunks(read_source(source, options), ADD_CHUNK):
            records = [item for item in chunk if isinstance(item, Record)]
            failures.extend(item for item in chunk if isinstance(item, Failure))
            read += len(chunk)
            added += store.add_records(records)
    return AddResult(read, added, tuple(failures))
