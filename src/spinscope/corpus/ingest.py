"""``corpus add``: read sources into the store; documents already there (same text) are skipped.

One ``add`` stores all of its documents or none: every source is read and checked first
(the store stages the rows without locking the database), and the documents are stored
in one transaction at the end. A bad row (malformed JSON or CSV, a text over
``max_chars``) stops the whole add with an error naming its file and line, unless
``skip_bad`` is set: then bad rows are returned as failures and the rest is stored.
URLs that give no text are always reported as failures, not errors.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spinscope.corpus.store import Store
from spinscope.errors import InputTooLargeError, SourceError
from spinscope.io.corpus_sources import SourceOptions, read_source
from spinscope.io.records import Failure, Record


BAD_ROW_ERRORS = (InputTooLargeError, SourceError)
"""What makes an item a bad row, which stops an add unless ``skip_bad`` is set (an unreachable URL
is no bad row: it is reported and the rest is stored)."""


@dataclass(frozen=True)
class AddResult:
    """What ``add`` did: items read, documents new to the store, and items not stored
    (URLs that gave no text, bad rows skipped with ``skip_bad``)."""

    read: int
    added: int
    failures: tuple[Failure, ...]


@dataclass
class _Tally:
    read: int = 0
    failures: list[Failure] = field(default_factory=list)


def _too_long(record: Record, max_chars: int) -> InputTooLargeError | None:
    length = len(record.document.text)
    if length <= max_chars:
        return None
    return InputTooLargeError(f"{record.origin}: the text has {length:,} characters, over the limit of "
                              f"{max_chars:,}; split it or raise the limit (--max-chars)")


def _checked(sources: Sequence[str], options: SourceOptions, tally: _Tally) -> Iterator[Record]:
    """The records to store, counting what was read and setting aside failures."""
    for source in sources:
        for item in read_source(source, options):
            tally.read += 1
            if isinstance(item, Record) and (error := _too_long(item, options.max_chars)):
                if not options.skip_bad:
                    raise error
                item = Failure.of(error, item.origin)
            if isinstance(item, Failure) and not options.skip_bad and isinstance(item.error, BAD_ROW_ERRORS):
                raise item.error
            if isinstance(item, Failure):
                tally.failures.append(item)
            else:
                yield item


def add(store: Store, sources: Sequence[str], options: SourceOptions = SourceOptions()) -> AddResult:
    """Read every source into the store, all or nothing; see the module docstring."""
    tally = _Tally()
    added = store.add_records(_checked(sources, options, tally))
    return AddResult(tally.read, added, tuple(tally.failures))
