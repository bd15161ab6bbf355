"""A per-character normalisation map as SentencePiece's "precompiled charsmap".

``tokenizers`` applies such a map with its ``Precompiled`` normaliser (as XLM-R's own
tokenizer does), keeping every character's offset into the original text. The map is a
double-array trie (darts-clone's unit layout) over the UTF-8 bytes of each mapped
character, whose leaves point into a blob of NUL-terminated replacements:

- a unit is a 32-bit word: bits 0-7 the label (the byte that leads to it), bit 8 "has a
  leaf", bits 10-30 the offset from its position to its children's base; a leaf unit
  has bit 31 set and holds the replacement's offset in the blob in bits 0-30;
- the child reached by byte ``c`` from a node at ``p`` sits at ``p ^ offset ^ c``, its leaf
  at ``p ^ offset``;
- the serialised form is the trie's size in bytes (u32), the units, then the blob.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from spinscope.errors import ModelError

LEAF_FLAG = 1 << 8
VALUE_FLAG = 1 << 31
MAX_OFFSET = 1 << 21


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    value: int | None = None  # offset of the replacement in the blob


def _trie(mapping: Mapping[int, Sequence[int]]) -> tuple[_Node, bytes]:
    """The byte trie of the mapped characters, and the blob of replacements."""
    root, blob = _Node(), bytearray()
    for code in sorted(mapping):
        node = root
        for byte in chr(code).encode("utf-8"):
            node = node.children.setdefault(byte, _Node())
        node.value = len(blob)
        blob += "".join(map(chr, mapping[code])).encode("utf-8") + b"\0"
    return root, bytes(blob)


class _Builder:
    """Places trie nodes in a double array, breadth first, each with a base of its own."""

    def __init__(self) -> None:
        self.units: list[int] = [0]
        self.used = bytearray(b"\1")
        self.bases: set[int] = set()
        self.first_free = 1

    def grow(self, size: int) -> None:
        if size > len(self.units):
            self.units += [0] * (size - len(self.units))
            self.used += bytes(size - len(self.used))

    def base_for(self, labels: Sequence[int]) -> int:
        """The lowest unused base whose slots ``base ^ label`` are all free."""
        while self.first_free < len(self.used) and self.used[self.first_free]:
            self.first_free += 1
        position = self.first_free
        while True:
            base = position ^ labels[0]
            self.grow((base | 0xFF) + 1)
            if base not in self.bases and all(not self.used[base ^ label] for label in labels):
                return base
            position += 1
            while position < len(self.used) and self.used[position]:
                position += 1

    def place(self, node: _Node, position: int) -> list[tuple[_Node, int]]:
        """Give ``node`` (already at ``position``) its base, leaf and children; returns the children."""
        labels = ([0] if node.value is not None else []) + sorted(node.children)
        if not labels:
            return []
        base = self.base_for(labels)
        offset = position ^ base
        if offset >= MAX_OFFSET:
            raise ModelError("normalisation map: too large for the charsmap's offsets")
        self.bases.add(base)
        self.units[position] |= offset << 10
        if node.value is not None:
            self.units[base] = node.value | VALUE_FLAG
            self.used[base] = 1
        placed = []
        for label, child in sorted(node.children.items()):
            slot = base ^ label
            self.units[slot] = label | (LEAF_FLAG if child.value is not None else 0)
            self.used[slot] = 1
            placed.append((child, slot))
        return placed


def precompiled_charsmap(mapping: Mapping[int, Sequence[int]]) -> bytes:
    """The serialised charsmap replacing each code point of ``mapping`` by its code points
    (an empty sequence deletes the character)."""
    root, blob = _trie(mapping)
    builder = _Builder()
    queue = [(root, 0)]
    while queue:
        node, position = queue.pop(0)
        queue += builder.place(node, position)
    units = struct.pack(f"<{len(builder.units)}I", *builder.units)
    return struct.pack("<I", len(units)) + units + blob


def lookup(charsmap: bytes, text: str) -> str | None:
    """The replacement the charsmap holds for ``text`` (one character), or None: the search
    ``tokenizers`` runs, for checking a built map."""
    (size,) = struct.unpack_from("<I", charsmap)
    units = struct.unpack_from(f"<{size // 4}I", charsmap, 4)
    blob = charsmap[4 + size:]
    position = units[0] >> 10
    for byte in text.encode("utf-8"):
        position ^= byte
        unit = units[position] if position < len(units) else 0
        if unit & (VALUE_FLAG | 0xFF) != byte:
            return None
        position ^= unit >> 10 & (MAX_OFFSET - 1)
        if unit & LEAF_FLAG:
            start = units[position] & (VALUE_FLAG - 1)
            return blob[start:blob.index(b"\0", start)].decode("utf-8")
    return None
