"""The fake detectors of the tests, all on one base: each follows the Detector protocol, marks
spans by a fixed rule, so results are easy to predict, and records the size of each batch it
is given (``batches``).

The corpus tests load some by spec in a subprocess or a Dask worker
(``tests.support.detectors:slow``), so this module imports nothing but spinscope.

* ``PhraseDetector`` marks every occurrence of a few fixed phrases (``PHRASES``);
  ``LeveledPhraseDetector`` adds levels, ``BlockingDetector`` holds each call until released.
* ``FirstWordDetector`` marks the first word of every document; ``SlowDetector`` waits a little
  per document and appends each id it analyses to the file named by ``SPINSCOPE_TEST_LOG``
  (to count how often each document was analysed across a killed and a resumed run);
  ``FragileDetector`` raises on a document holding BOOM.
* ``KeywordDetector`` marks the words in ``KEYWORDS`` wherever they occur, with alternatives;
  ``find_quotes`` / ``voice_of`` stand in for the quote finder, and ``quoting`` installs them in
  ``spinscope.pipeline`` of the process that loads it, which is how Dask workers get them.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from spinscope import techniques
from spinscope.document import Analysis, Document, Scale, Span
from spinscope.quotes import Quote


class FakeDetector:
    """The base: spans from ``spans(text)`` (none here), nothing to classify, nothing to save."""

    name = "fake"

    def __init__(self) -> None:
        self.batches: list[int] = []

    def spans(self, text: str) -> Iterable[Span]:
        return ()

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        self.batches.append(len(documents))
        return [Analysis(d, tuple(self.spans(d.text)), detector=self.name) for d in documents]

    def classify(self, analyses: Sequence[Analysis]) -> list[Analysis]:
        return list(analyses)

    def save(self, folder: Path) -> None:
        raise NotImplementedError("a test detector is not saved")


# --- phrases (the web and pipeline tests) -------------------------------------------------------------------

# Phrase → (technique id, score). "shameful traitors" and "traitors" overlap on purpose;
# the <img> payload is marked so that the XSS test also covers text inside a highlight.
PHRASES = {
    "shameful traitors": ("loaded_language", 0.6),
    "traitors": ("name_calling", 0.9),
    "our glorious nation": ("flag_waving", 0.3),
    '<img src=x onerror="window.__xss=1">': ("doubt", 0.5),
}
ARTICLE = ("The shameful traitors in the capital want to sell out our glorious nation.\n"
           "Only the traitors profit from it.")


class PhraseDetector(FakeDetector):
    """Marks every occurrence of a few fixed phrases (case-sensitive)."""

    name = "phrases"

    def __init__(self, phrases: dict[str, tuple[str, float]] | None = None) -> None:
        super().__init__()
        self.phrases = PHRASES if phrases is None else phrases

    def spans(self, text: str) -> list[Span]:
        spans = []
        for phrase, (technique, score) in self.phrases.items():
            start = text.find(phrase)
            while start != -1:
                spans.append(Span(start, start + len(phrase), technique, score))
                start = text.find(phrase, start + 1)
        return spans


class LeveledPhraseDetector(PhraseDetector):
    """The phrase detector with levels: spans scored below 0.5 are "possible" (here only
    "our glorious nation"), and PTC densities spread evenly from 0 to 0.5."""

    name = "leveled-phrases"
    scale = Scale(0.5, tuple(i / 200 for i in range(101)), tuple(i / 200 for i in range(101)))

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        self.batches.append(len(documents))
        return [Analysis(d, tuple(replace(s, level=self.scale.level(s.score), technique_score=0.5)
                                  for s in self.spans(d.text)), self.name, scale=self.scale)
                for d in documents]


class BlockingDetector(PhraseDetector):
    """Holds every prediction until the test releases it, to fill the queue or hit the timeout."""

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()
        self.release = threading.Event()

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        self.started.set()
        self.release.wait(timeout=60)
        return super().predict(documents)


# --- first words and keywords (the corpus tests) ------------------------------------------------------------

WORD = re.compile(r"\w+")
SECONDS_PER_DOCUMENT = float(os.environ.get("SPINSCOPE_TEST_DELAY", "0.02"))


def first_word_span(text: str) -> tuple[Span, ...]:
    match = WORD.search(text)
    return (Span(match.start(), match.end(), techniques.TECHNIQUE_IDS[0], 0.5),) if match else ()


class FirstWordDetector(FakeDetector):
    """Marks the first word of every document with the catalogue's first technique."""

    name = "first-word"
    version = "1"

    def spans(self, text: str) -> tuple[Span, ...]:
        return first_word_span(text)


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

    def spans(self, text: str) -> list[Span]:
        spans = []
        for match in WORD.finditer(text):
            if match[0].lower() in KEYWORDS:
                technique, score, alternatives = KEYWORDS[match[0].lower()]
                spans.append(Span(match.start(), match.end(), technique, score, alternatives=alternatives))
        return spans


def quoting() -> KeywordDetector:
    """A KeywordDetector, with the stand-in quote finder installed where this process's pipeline
    looks it up (``spinscope.quotes.finder``)."""
    from spinscope.quotes import finder

    finder.find_quotes = find_quotes
    finder.voice_of = voice_of
    return KeywordDetector()


# --- auto: a language router over fakes (the routing, web and corpus tests) -----------------------------


def fake_router(installed: tuple[str, ...] = ("minilm-ptc", "multilingual")):
    """``auto`` over fake detectors named ``fake-<shipped name>`` (``FirstWordDetector``s), as if only
    ``installed`` were shipped; and the fakes it has loaded, by shipped name."""
    from spinscope.detector.routing import LanguageRouter

    detectors: dict[str, FirstWordDetector] = {}

    def load(name: str) -> FirstWordDetector:
        detectors[name] = FirstWordDetector()
        detectors[name].name = f"fake-{name}"
        return detectors[name]

    return LanguageRouter(load, lambda name: name in installed), detectors
