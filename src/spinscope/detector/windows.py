"""Long documents as overlapping token windows, with exact character offsets.

A document is tokenised once, without special tokens or truncation; every token keeps
the half-open character range ``text[start:end]`` it came from (Python character
offsets, so a leading BOM, ``\\r`` and emoji count exactly as they do in spans).
Windows are then cut from the token sequence and framed with the tokenizer's own start and
end tokens (``[CLS]``/``[SEP]`` for a WordPiece tokenizer, ``<s>``/``</s>`` for a SentencePiece one).

A title, a date line or any other short line at the top is its own segment, and the
body's windows start where the body does: so a header in front of an article (or its
absence) never moves the body's windows, and the spans found in the body stay the same.
Only ``tokenizers`` and numpy are used here, so inference never needs torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from spinscope.errors import ConfigError, ModelError

SPECIAL_TOKENS = 2  # a start and an end token ([CLS] and [SEP], or <s> and </s>) around every window
SPECIAL_NAMES = (("[CLS]", "[SEP]", "[PAD]"), ("<s>", "</s>", "<pad>"))  # start, end, padding
METASPACE = "\u2581"  # SentencePiece's word-start mark
HEAD_LINE_CHARS = 160  # a leading line this short, not ending like a sentence, is a head line
HEAD_LINES = 6  # at most this many head lines; the body starts after them
SENTENCE_END = (".", ",", ";", ":")
CLOSING = "\"'”’)] \t"


@dataclass(frozen=True)
class TokenizedText:
    """The word pieces of one text: ids, character offsets (an ``(n, 2)`` array), whether
    each piece continues the word before it (a ``##`` piece) and whether it is a mark of
    punctuation (no letter or digit)."""

    ids: np.ndarray
    offsets: np.ndarray
    continues: np.ndarray
    punctuation: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Window:
    """Tokens ``[start, end)`` of document ``doc`` (an index into the batch of documents)."""

    doc: int
    start: int
    end: int


@dataclass(frozen=True)
class WindowBatch:
    """Padded model inputs for some windows; row ``i`` holds window ``windows[i]``."""

    windows: tuple[Window, ...]
    input_ids: np.ndarray
    attention_mask: np.ndarray


def load_tokenizer(path: Path) -> Tokenizer:
    """A fast tokenizer from ``tokenizer.json`` with truncation and padding switched off."""
    try:
        tokenizer = Tokenizer.from_file(str(path))
    except Exception as error:  # tokenizers raises a bare Exception on bad files
        raise ModelError(f"{path}: cannot read the tokenizer ({error})") from None
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def special_ids(tokenizer: Tokenizer) -> tuple[int, int, int]:
    """The ids of the start, end and padding tokens: ``[CLS]``, ``[SEP]``, ``[PAD]`` or ``<s>``,
    ``</s>``, ``<pad>``, whichever the tokenizer has; start and end as its post-processor
    frames a text, where it has one."""
    framed = tokenizer.encode("", add_special_tokens=True).ids
    for names in SPECIAL_NAMES:
        ids = [tokenizer.token_to_id(name) for name in names]
        if None not in ids:
            start, end = framed if len(framed) == SPECIAL_TOKENS else ids[:2]
            return start, end, ids[2]
    raise ModelError("the tokenizer lacks one of " + " or ".join(", ".join(n) for n in SPECIAL_NAMES))


def word_piece_prefix(tokenizer: Tokenizer) -> str | None:
    """``##`` for a WordPiece tokenizer; None for a SentencePiece (metaspace) one."""
    return getattr(tokenizer.model, "continuing_subword_prefix", None) or None


class PieceFacts:
    """What the window code needs to know about each word piece of one tokenizer's vocabulary,
    looked up by id and remembered, so that tokenising reads arrays instead of strings: whether
    a piece is punctuation (no letter or digit), is a ``##`` piece, carries the SentencePiece
    word-start mark, and begins and ends with a letter or digit."""

    COLUMNS = 5  # punctuation, prefixed, word start, first alnum, last alnum

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.prefix = word_piece_prefix(tokenizer)
        size = tokenizer.get_vocab_size(with_added_tokens=True)
        self.table = np.zeros((size, self.COLUMNS), dtype=bool)  # row i: the facts of piece i, once learnt
        self.learnt = np.zeros(size, dtype=bool)

    def of(self, ids: np.ndarray) -> np.ndarray:
        """A ``(len(ids), COLUMNS)`` boolean array of the pieces' facts."""
        if len(ids) and ids.max() >= len(self.learnt):  # an id beyond the vocabulary: room for it
            grown = int(ids.max()) + 1 - len(self.learnt)
            self.table = np.concatenate((self.table, np.zeros((grown, self.COLUMNS), dtype=bool)))
            self.learnt = np.concatenate((self.learnt, np.zeros(grown, dtype=bool)))
        for piece_id in np.unique(ids[~self.learnt[ids]]).tolist():
            self.table[piece_id] = self._learn(piece_id)
            self.learnt[piece_id] = True
        return self.table[ids]

    def _learn(self, piece_id: int) -> tuple[bool, ...]:
        piece = self.tokenizer.id_to_token(piece_id) or ""
        return (not any(c.isalnum() for c in piece), bool(self.prefix) and piece.startswith(self.prefix),
                piece.startswith(METASPACE), piece[:1].isalnum(), piece[-1:].isalnum())


_FACTS: dict[int, PieceFacts] = {}


def piece_facts(tokenizer: Tokenizer) -> PieceFacts:
    """The remembered piece facts of a tokenizer (one per tokenizer object)."""
    facts = _FACTS.get(id(tokenizer))
    if facts is None or facts.tokenizer is not tokenizer:
        facts = _FACTS[id(tokenizer)] = PieceFacts(tokenizer)
    return facts


def continuation_flags(facts: np.ndarray, word_piece: bool) -> np.ndarray:
    """Whether each piece continues the word before it: a ``##`` piece (WordPiece), or a piece
    glued to a letter or digit without a word-start mark (SentencePiece, whose punctuation is
    glued too but, as in WordPiece, a word of its own). ``facts``: ``PieceFacts.of`` the pieces."""
    if word_piece:
        return facts[:, 1].copy()
    glued = np.zeros(len(facts), dtype=bool)
    glued[1:] = ~facts[1:, 2] & facts[1:, 3] & facts[:-1, 4]
    return glued


def without_leading_space(text: str, offsets: np.ndarray) -> np.ndarray:
    """Offsets that start after the whitespace a SentencePiece word-start piece covers (its
    mark stands for that space), so spans begin on the word."""
    trimmed = offsets.copy()
    for row in trimmed:
        while row[0] < row[1] and text[row[0]].isspace():
            row[0] += 1
    return trimmed


def tokenize(tokenizer: Tokenizer, texts: Sequence[str]) -> list[TokenizedText]:
    """Word pieces and character offsets of each text (no special tokens)."""
    known = piece_facts(tokenizer)
    encodings = tokenizer.encode_batch(list(texts), add_special_tokens=False)
    result = []
    for text, encoding in zip(texts, encodings):
        ids = np.asarray(encoding.ids, dtype=np.int64)
        pairs = encoding.offsets
        offsets = np.fromiter(chain.from_iterable(pairs), np.int64, 2 * len(pairs)).reshape(-1, 2)
        if known.prefix is None:
            offsets = without_leading_space(text, offsets)
        facts = known.of(ids)
        continues = continuation_flags(facts, known.prefix is not None)
        keep = offsets[:, 1] > offsets[:, 0]  # drop pieces that cover no character
        result.append(TokenizedText(ids[keep], offsets[keep], continues[keep], facts[keep, 0]))
    return result


def window_bounds(n_tokens: int, size: int, stride: int, phase: int = 0) -> list[tuple[int, int]]:
    """Token ranges of windows of at most ``size - 2`` tokens, starting every ``stride``.

    ``phase`` shifts the first cut (training uses a different phase each epoch so the
    model sees every token near a window's centre). The windows cover every token.
    """
    content = size - SPECIAL_TOKENS
    if content < 1 or not 1 <= stride <= content:
        raise ConfigError(f"windows need size > 2 and 1 <= stride <= size - 2, got {size}, {stride}")
    if n_tokens <= content:
        return [(0, n_tokens)] if n_tokens else []
    starts = [0] + list(range(phase % stride or stride, n_tokens - content, stride))
    bounds = [(s, min(s + content, n_tokens)) for s in starts]
    if bounds[-1][1] < n_tokens:
        bounds.append((n_tokens - content, n_tokens))
    return bounds


def is_head_line(line: str) -> bool:
    """A title or date line: short, and not ending like a sentence (a question may)."""
    stripped = line.strip()
    return len(stripped) <= HEAD_LINE_CHARS and not stripped.rstrip(CLOSING).endswith(SENTENCE_END)


def head_starts(text: str) -> list[int]:
    """Character offsets where each head line begins, then where the body begins (blank
    lines skipped): the segments that are windowed apart."""
    starts, position = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            starts.append(position)
            if len(starts) > HEAD_LINES or not is_head_line(line):
                break
        position += len(line)
    return starts


def segment_cuts(text: str, tokens: TokenizedText) -> list[int]:
    """Token indices where the segments of ``head_starts`` begin (0 excluded)."""
    cuts = np.searchsorted(tokens.offsets[:, 0], head_starts(text), side="left") if len(tokens) else []
    return sorted({int(c) for c in cuts if 0 < c < len(tokens)})


def segment_windows(doc: int, n_tokens: int, cuts: Sequence[int], size: int, stride: int,
                    phase: int = 0) -> list[Window]:
    """Windows of one document, none crossing a cut; each segment's grid starts at its cut."""
    edges = [0, *cuts, n_tokens]
    return [Window(doc, first + start, first + end)
            for first, last in zip(edges, edges[1:]) if first < last
            for start, end in window_bounds(last - first, size, stride, phase)]


def make_windows(tokenized: Sequence[TokenizedText], size: int, stride: int, phase: int = 0,
                 cuts: Sequence[Sequence[int]] | None = None) -> list[Window]:
    """All windows of all documents, document by document; ``cuts[doc]`` are token indices
    no window of that document crosses (see ``segment_cuts``)."""
    return [window for doc, text in enumerate(tokenized)
            for window in segment_windows(doc, len(text), cuts[doc] if cuts else (), size, stride, phase)]


def document_windows(tokenizer: Tokenizer, texts: Sequence[str], size: int, stride: int, split_head: bool = False,
                     ) -> tuple[list[TokenizedText], list[Window], list[list[Window]]]:
    """The texts tokenised and cut into windows (``split_head``: each title-like line at the top
    apart from the body, see ``segment_cuts``): the tokens, all windows, and each text's windows."""
    tokenized = tokenize(tokenizer, texts)
    cuts = [segment_cuts(t, tokens) for t, tokens in zip(texts, tokenized)] if split_head else None
    windows = make_windows(tokenized, size, stride, cuts=cuts)
    by_doc: list[list[Window]] = [[] for _ in texts]
    for window in windows:
        by_doc[window.doc].append(window)
    return tokenized, windows, by_doc


def pad_windows(windows: Sequence[Window], tokenized: Sequence[TokenizedText],
                specials: tuple[int, int, int]) -> WindowBatch:
    """``start tokens end`` per window ([CLS]/[SEP] or <s>/</s>), right-padded to the longest in
    the batch."""
    cls_id, sep_id, pad_id = specials
    width = max(w.end - w.start for w in windows) + SPECIAL_TOKENS
    input_ids = np.full((len(windows), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(windows), width), dtype=np.int64)
    for row, window in enumerate(windows):
        pieces = tokenized[window.doc].ids[window.start:window.end]
        n = len(pieces) + SPECIAL_TOKENS
        input_ids[row, :n] = np.concatenate(([cls_id], pieces, [sep_id]))
        mask[row, :n] = 1
    return WindowBatch(tuple(windows), input_ids, mask)


def batches(windows: Sequence[Window], batch_size: int) -> list[list[Window]]:
    """Windows in groups of at most ``batch_size``, never two documents in one group, each
    document's longest first so padding stays small.

    An int8 model quantises its activations with one scale per call, so a window's scores
    depend on the windows batched with it: keeping each document to itself makes its spans
    the same whether it is analysed alone or in a corpus.
    """
    by_doc: dict[int, list[Window]] = {}
    for window in windows:
        by_doc.setdefault(window.doc, []).append(window)
    groups = []
    for mine in by_doc.values():
        ordered = sorted(mine, key=lambda w: w.end - w.start, reverse=True)
        groups += [ordered[i:i + batch_size] for i in range(0, len(ordered), batch_size)]
    return groups


def token_range(offsets: np.ndarray, start: int, end: int) -> tuple[int, int]:
    """The tokens ``[first, last)`` that overlap characters ``[start, end)``.

    A range that covers no token (only spaces, say) gives the nearest token instead,
    so that every span has something to look at.
    """
    firsts, lasts = token_ranges(offsets, [start], [end])
    return int(firsts[0]), int(lasts[0])


def token_ranges(offsets: np.ndarray, starts: Sequence[int], ends: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """``token_range`` of many character ranges at once: arrays of ``first`` and ``last``."""
    if len(offsets) == 0:
        return np.zeros(len(starts), np.int64), np.zeros(len(ends), np.int64)
    firsts = np.searchsorted(offsets[:, 1], starts, side="right")
    lasts = np.searchsorted(offsets[:, 0], ends, side="left")
    empty = firsts >= lasts
    firsts[empty] = np.minimum(firsts[empty], len(offsets) - 1)
    lasts[empty] = firsts[empty] + 1
    return firsts, lasts
