"""What ``spinscope corpus add`` reads: the input layer's one reader, leniently.

Sources, kinds and rules are those of ``spinscope.io.reader`` and ``spinscope.io.folders``;
``read_source`` is ``reader.read`` with ``strict`` off, so that a file that was read but
cannot be used becomes a record with its problem noted and an item that gave no text a
``Failure``, and the rest of the source is still read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from spinscope.io.reader import KINDS, SourceOptions, detect_kind, read
from spinscope.io.records import Failure, Record

__all__ = ["KINDS", "SourceOptions", "detect_kind", "read_source"]


def read_source(source: str | Path, options: SourceOptions = SourceOptions()) -> Iterator[Record | Failure]:
    """Every record of one source; ``options.outlet`` fills in the outlet where none is given."""
    return read(source, dataclasses.replace(options, strict=False))
