"""Detectors for the corpus tests, loadable by spec (``tests.corpus_fakes:slow``) in a subprocess.

They follow the Detector protocol and find one span per document (its first word), so
results are easy to predict. ``SlowDetector`` waits a little per document and appends
each id it analyses to the file named by ``SPINSCOPE_TEST_LOG``, so that a test can
count how often each document was analysed across a killed and a resumed run.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from pathlib import Path

from spinscope import techniques
from spinscope.document import Analysis, Document, Span

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
