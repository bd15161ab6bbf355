"""``auto``: the detector chosen by each text's language.

English goes to the English model (``ENGLISH_DETECTOR``), the other supported languages
(``spinscope.language.SUPPORTED``) to ``multilingual``; a text in any other language is
refused with ``UnsupportedLanguageError`` before any model runs. Each detector is loaded
the first time a text needs it, so an English-only run never loads the multilingual model,
and one that needs a model this installation lacks fails with ``ModelNotInstalledError``.
Every analysis names the detector that actually ran (``Analysis.detector``), never "auto".
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from spinscope.detector.base import Detector, stream_analyses
from spinscope.document import Analysis, Document
from spinscope.errors import ModelError, ModelNotInstalledError
from spinscope.language import ENGLISH, check_supported, detect, name_of

AUTO = "auto"
ENGLISH_DETECTOR = "minilm-ptc"
MULTILINGUAL_DETECTOR = "multilingual"
T = TypeVar("T", Document, Analysis)


def route(language: str) -> str:
    """The shipped detector for a language (UnsupportedLanguageError for one not supported)."""
    return ENGLISH_DETECTOR if check_supported(language) == ENGLISH else MULTILINGUAL_DETECTOR


def language_of(document: Document) -> str:
    return document.language or detect(document.text)


class LanguageRouter:
    """The Detector protocol over the shipped detectors, choosing one per document by its language.

    ``load`` turns a shipped detector's name into the detector; ``installed`` says whether
    a name can be loaded (both injectable, so tests route to fakes)."""

    name = AUTO

    def __init__(self, load: Callable[[str], Detector], installed: Callable[[str], bool]) -> None:
        self._load, self._installed = load, installed
        self._detectors: dict[str, Detector] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<LanguageRouter loaded={sorted(self._detectors)}>"

    def detector_for(self, language: str) -> Detector:
        """The detector for a language, loaded on first use."""
        name = route(language)
        with self._lock:
            if name not in self._detectors:
                if not self._installed(name):
                    raise ModelNotInstalledError(
                        f"the {name} model is not installed; it is needed for {name_of(language)} "
                        f"({language}) text", name=name)
                self._detectors[name] = self._load(name)
            return self._detectors[name]

    def _each_loaded(self, method: str) -> None:
        """Call ``method`` of every detector loaded so far that has one."""
        with self._lock:
            loaded = list(self._detectors.values())
        for detector in loaded:
            call = getattr(detector, method, None)
            if call is not None:
                call()

    def ready(self) -> None:
        """Wait until every detector loaded so far can run (see ``OnnxDetector.ready``)."""
        self._each_loaded("ready")

    def installed(self) -> list[str]:
        """The shipped detectors this router can use here (what a corpus run's version is made of)."""
        return [n for n in (ENGLISH_DETECTOR, MULTILINGUAL_DETECTOR) if self._installed(n)]

    def _groups(self, documents: Sequence[Document]) -> list[tuple[Detector, list[int]]]:
        """The documents' positions per detector; every language is checked before any model runs."""
        detectors = [self.detector_for(language_of(d)) for d in documents]
        groups: dict[int, tuple[Detector, list[int]]] = {}
        for i, detector in enumerate(detectors):
            groups.setdefault(id(detector), (detector, []))[1].append(i)
        return list(groups.values())

    def _dispatch(self, items: Sequence[T], groups: list[tuple[Detector, list[int]]],
                  call: Callable[[Detector, list[T]], list[Analysis]]) -> list[Analysis]:
        """``call`` once per detector with its share of ``items`` (``_groups``); the results back in order."""
        results: list[Analysis | None] = [None] * len(items)
        for detector, positions in groups:
            for i, analysis in zip(positions, call(detector, [items[i] for i in positions])):
                results[i] = analysis
        return results  # type: ignore[return-value]

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        """One analysis per document, in order, each by the detector for its language."""
        return self._dispatch(documents, self._groups(documents), lambda detector, share: detector.predict(share))

    def analyses(self, documents: Sequence[Document]) -> Iterator[Analysis]:
        """``predict``'s analyses one by one; streamed by the detector when one detector takes
        every document (the usual case: one language), so its encoder overlaps the caller's work."""
        groups = self._groups(documents)
        if len(groups) != 1:
            yield from self._dispatch(documents, groups, lambda detector, share: detector.predict(share))
            return
        yield from stream_analyses(groups[0][0], documents)

    def classify(self, analyses: Sequence[Analysis]) -> list[Analysis]:
        """The given spans named by the detector for each document's language."""
        return self._dispatch(analyses, self._groups([a.document for a in analyses]),
                              lambda detector, share: detector.classify(share))

    def save(self, folder: Path) -> None:
        raise ModelError(f"{AUTO} chooses among the shipped detectors and is not saved; save one of them")

    def close(self) -> None:
        """Stop the encoder threads of every detector loaded so far."""
        self._each_loaded("close")
