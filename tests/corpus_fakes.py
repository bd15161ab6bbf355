"""Detectors for the corpus tests, loadable by spec (``tests.corpus_fakes:slow``) in a subprocess.

They follow the Detector protocol and find one span per document (its first word), so
results are easy to predict. ``SlowDetector`` waits a little per document and appends
each id it analyses to the file named by ``SPINSCOPE_TEST_LOG``, so that a test can
count how often each document was analysed across a killed and a resumed run.

``KeywordDetector`` marks keywords wherever they occur, and ``find_quotes`` / ``voice_of``
stand in for the quote finder (a placeholder on this branch): ``quoting`` installs them in
``spinscope.pipeline`` of the process that loads it, which is how Dask workers get them.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from pathlib import Path

from spinscope import techniques
from spinscope.document import Analysis, Document, Span
from spinscope.quotes import Quote

FIRST_WORD = re.compile(r"\w+")
SECONDS_PER_DOCUMENT = float(os.environ.get("SPINSCOPE_TEST_DELAY", "0.02"))


def first_word_span(document: Document) -> tuple[Span, ...]:
    match = FIRST_WORD.search(document.text)
    return (Span(match.start(), match.end(), techniques.TECHNIQUE_IDS[0], 0.5),) if match else ()


class FirstWordDetector:
    """Marks the first word of every document with the catalogue's first technique."""

    name = "first-word"
    version = "1"

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        return [Analysis(d, first_word_span(d), detector=self.name) for d in documents]

    def classify(self, analyses: Sequence[Analysis]) -> list[Analysis]:
        return list(analyses)

    def save(self, folder: Path) -> None:
        raise NotImplementedError


class SlowDetector(FirstWordDetector):
    """Slow enough to be killed mid-run; logs every document id it analyses."""

    name = "slow"

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        log = os.environ.get("SPINSCOPE_TEST_LOG")
        for document in documents:
            time.sleep(SECONDS_PER_DOCUMENT)
            if log:
                with open(log, "a", encoding="utf-8") as handle:
                    handle.write(document.id + "\n")
        return super().predict(documents)


class FragileDetector(FirstWordDetector):
    """Raises on any document that contains the word BOOM (a model crashing on one input)."""

    name = "fragile"

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        if any("BOOM" in d.text for d in documents):
            raise RuntimeError("the model fell over")
        return super().predict(documents)


def slow() -> SlowDetector:
    return SlowDetector()


QUOTED = re.compile(r'(?P<speaker>[A-Z][a-z]+(?: [A-Z][a-z]+)+) said "(?P<words>[^"]+)"')
REPORTED = re.compile(r"(?P<speaker>[A-Z][a-z]+(?: [A-Z][a-z]+)+) claimed that (?P<words>[^.]+)")
SCARE = re.compile(r"'(?P<words>[^']+)'")
KEYWORDS = {"traitors": ("name_calling", 0.8, (("loaded_language", 0.15),)),
            "shameful": ("loaded_language", 0.7, ())}


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Stand-in finder: ``A Name said "..."`` is quoted, ``A Name claimed that ...`` reported,
    ``'...'`` a scare quote."""
    found = [Quote(m.start("words"), m.end("words"), kind, m.groupdict().get("speaker"))
             for pattern, kind in ((QUOTED, "quoted"), (REPORTED, "reported"), (SCARE, "scare"))
             for m in pattern.finditer(text)]
    return tuple(sorted(found, key=lambda q: (q.start, q.end)))


def voice_of(quotes, start: int, end: int) -> tuple[str, str | None]:
    """The kind and speaker of the quoted or reported range holding [start, end), else the outlet's."""
    for quote in quotes:
        if quote.kind != "scare" and quote.start <= start and end <= quote.end:
            return quote.kind, quote.speaker
    return "outlet", None


class KeywordDetector(FirstWordDetector):
    """Marks every occurrence of the words in KEYWORDS, with their technique and alternatives."""

    name = "keywords"

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        return [Analysis(d, tuple(self._spans(d.text)), detector=self.name) for d in documents]

    @staticmethod
    def _spans(text: str):
        for match in FIRST_WORD.finditer(text):
            if match[0].lower() in KEYWORDS:
                technique, score, alternatives = KEYWORDS[match[0].lower()]
                yield Span(match.start(), match.end(), technique, score, alternatives=alternatives)


def quoting() -> KeywordDetector:
    """A KeywordDetector, with the stand-in quote finder installed in this process's pipeline."""
    import spinscope.pipeline

    spinscope.pipeline.find_quotes = find_quotes
    spinscope.pipeline.voice_of = voice_of
    return KeywordDetector()
