"""Where paragraphs, lines and sentences of a text begin and end (the finder's map of the text)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spinscope.quotes.patterns import (
    _ABBREV_RE,
    _BLANK_LINE_RE,
    _LINE_BREAK_RE,
    _SENT_END_RE,
)


MAX_SENTENCE = 1200
"""Characters a sentence may hold before it is cut at a space (no sentence of PTC train or dev is longer than 813):
the rules read each speech verb's whole sentence, so a text without sentence ends (a transcript, a list run
together) would cost time growing with the square of its length."""


def _capped(text: str, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
    """The sentences ``[starts[i], ends[i])`` with each one longer than ``MAX_SENTENCE`` cut into pieces at spaces."""
    if all(e - s <= MAX_SENTENCE for s, e in zip(starts, ends)):
        return starts, ends
    cut_starts, cut_ends = [], []
    for start, end in zip(starts, ends):
        while end - start > MAX_SENTENCE:
            space = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
            cut = space if space > start else start + MAX_SENTENCE
            cut_starts.append(start)
            cut_ends.append(cut)
            start = cut + 1 if space > start else cut
        cut_starts.append(start)
        cut_ends.append(end)
    return cut_starts, cut_ends


class _Layout:
    """Where paragraphs and sentences start. A paragraph is a block between blank lines when the text has
    blank lines (PTC puts each sentence on a line of its own), else a line; a line break ends a sentence."""

    def __init__(self, text: str) -> None:
        breaks = _BLANK_LINE_RE if _BLANK_LINE_RE.search(text) else _LINE_BREAK_RE
        self.para_starts = [0] + [m.end() for m in breaks.finditer(text)]
        ends = [m for m in _SENT_END_RE.finditer(text) if "\n" in m.group() or "\r" in m.group()
                or m.end() == len(text) or text[m.end()].isspace()
                and not (m.group()[0] == "." and (_ABBREV_RE.search(text[max(0, m.start() - 6):m.start()])
                                                  or text[m.end() + 1:m.end() + 2].islower()))]
        self.sent_starts, self.sent_ends = _capped(text, [0] + [m.end() for m in ends],
                                                   [m.start() for m in ends] + [len(text)])
        self.breaks = [m.start() for m in re.finditer(r"[\r\n]", text)] + [len(text)]

    def para(self, pos: int) -> int:
        """Index of the paragraph holding ``pos``."""
        return bisect_right(self.para_starts, pos) - 1

    def line(self, pos: int) -> tuple[int, int]:
        """Start and end of the line holding ``pos`` (a line break belongs to the line it ends)."""
        i = bisect_left(self.breaks, pos)
        return (self.breaks[i - 1] + 1 if i else 0), self.breaks[i]

    def sentence(self, pos: int) -> tuple[int, int]:
        """Start and end (before its final punctuation) of the sentence holding ``pos``."""
        i = bisect_right(self.sent_starts, pos) - 1
        return self.sent_starts[i], max(self.sent_ends[i], self.sent_starts[i])
