"""The front door: ``load()`` builds a Pipeline once; calling it turns text into an Analysis.

A Pipeline wraps a detector and adds what every caller needs beyond the spans: the
quoted and reported speech of the document (``spinscope.quotes``) and each span's voice
(the outlet's own words, a quoted speaker's, or reported speech). The CLI, the web app
and the corpus job all analyse through a Pipeline, so their results agree. It follows
the Detector protocol itself (``predict`` / ``classify`` / ``save`` / ``name``), so it
can stand wherever a detector is expected.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import islice
from pathlib import Path

from spinscope.detector.base import Detector, stream_analyses
from spinscope.document import Analysis, Document
from spinscope.errors import ContractError, InputError
from spinscope.io.text import check_text
from spinscope.language import detect


def with_voices(analysis: Analysis) -> Analysis:
    """The analysis with the document's quotes and each span's voice and speaker."""
    from spinscope.quotes.finder import find_quotes, voice_of  # see ``load``

    quotes = find_quotes(analysis.document.text)
    spans = []
    for span in analysis.spans:
        voice, speaker = voice_of(quotes, span.start, span.end)
        same = voice == span.voice and speaker == span.speaker
        spans.append(span if same else replace(span, voice=voice, speaker=speaker))
    return replace(analysis, spans=tuple(spans), quotes=quotes)


def with_language(document: Document) -> Document:
    """The document with its language: as given, or detected now (once per document)."""
    return document if document.language else replace(document, language=detect(document.text))


def as_document(item: str | Document) -> Document:
    """A Document for a text (checked: not empty, no NUL) or the Document itself."""
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document.from_text(check_text(item, source="text"))
    raise InputError(f"expected a text (str) or a spinscope.Document, got {type(item).__name__}")


class Pipeline:
    """A loaded detector plus voice attribution; see the module docstring."""

    def __init__(self, detector: Detector) -> None:
        self.detector: Detector = detector.detector if isinstance(detector, Pipeline) else detector
        predict, name = getattr(self.detector, "predict", None), getattr(self.detector, "name", None)
        if not (callable(predict) and isinstance(name, str)):
            raise ContractError(f"not a detector: {type(self.detector).__name__} {self.detector!r:.60} has no "
                                "name and predict(); a module:factory spec must name a callable that returns one")
        self.name = self.detector.name
        self.version = getattr(self.detector, "version", None)  # what a corpus store records

    def __repr__(self) -> str:
        return f"<spinscope.Pipeline detector={self.name!r}>"

    def __call__(self, item: str | Document) -> Analysis:
        """The analysis of one text or document."""
        return self.predict([as_document(item)])[0]

    def pipe(self, items: Iterable[str | Document], batch_size: int = 16) -> Iterator[Analysis]:
        """Analyses of a stream of texts or documents, in order, ``batch_size`` at a time."""
        if batch_size < 1:
            raise InputError(f"batch_size must be at least 1, got {batch_size}")
        iterator = iter(items)
        while batch := [as_document(item) for item in islice(iterator, batch_size)]:
            yield from self.predict(batch)

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        """One analysis per document, in order, with the text's language, quotes and voices.
        A detector that streams its analyses (``analyses``) encodes the next documents while
        this one finds the quotes of those already done."""
        documents = [with_language(d) for d in documents]
        return [with_voices(a) for a in stream_analyses(self.detector, documents)]

    def classify(self, analyses: Sequence[Analysis]) -> list[Analysis]:
        """The detector's technique for each given span (the TC setting; no voices added)."""
        return self.detector.classify(analyses)

    def save(self, folder: Path) -> None:
        self.detector.save(folder)

    def ready(self) -> None:
        """Wait until the detector can run (its model's session built; ModelError if it cannot be)."""
        ready = getattr(self.detector, "ready", None)
        if ready is not None:
            ready()

    def close(self) -> None:
        """Stop the detector's encoder threads, if it has any."""
        close = getattr(self.detector, "close", None)
        if close is not None:
            close()


def load(name_or_path: str | None = None, *, threads: int | None = None, wait: bool = True) -> Pipeline:
    """A Pipeline around a shipped detector (by name, default the best model) or a model folder;
    ``threads``: encoder calls at once (default: one per core this process may use).

    onnxruntime builds the model's session on a thread of its own (it releases the GIL there);
    meanwhile the quote finder is imported. ``wait=False`` returns before the session is built,
    so a caller can do its own start-up work too, then call ``Pipeline.ready``."""
    from spinscope.detector.loading import load_detector

    if threads is not None and threads < 1:
        raise InputError(f"threads must be at least 1, got {threads}")
    pipeline = Pipeline(load_detector(name_or_path, threads or 0, wait=False))
    import spinscope.quotes.finder  # noqa: F401  (imported now, while the session is being built)

    if wait:
        pipeline.ready()
    return pipeline
