"""The trained detector's logic, independent of the engine that runs the encoder.

``NeuralDetector`` turns an encoder ``Runner`` (onnxruntime when shipped, torch while
training), a tokenizer, the numpy TC head and a model card into the Detector protocol:
``predict`` finds spans and names them, ``classify`` names given spans. Three decoding
rules: ``per_technique`` reads spans off each technique's column; ``span_then_classify``
finds regions where a token's strongest column is high and lets the TC head name them;
``per_technique_and_regions`` keeps the technique spans and adds the regions that touch
none of them (propaganda the model sees without one technique column being sure).
"""

from __future__ import annotations

import copy
import threading
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

import numpy as np
from tokenizers import Tokenizer

from spinscope.detector import calibration, shape
from spinscope.detector.card import ModelCard
from spinscope.detector.decode import mean, technique_spans, to_span
from spinscope.detector.inference import EncodedDocument, PendingEncoding, Runner, encode_documents
from spinscope.detector.span_classifier import TcHead, rank_for_duplicates, span_features_of
from spinscope.detector.streaming import RegionRule, encode_streamed, strongest  # noqa: F401 (strongest: re-export)
from spinscope.document import Analysis, Document, Span
from spinscope.errors import ModelError
from spinscope.resources import share_the_interpreter


CHUNK = 16  # documents encoded together: enough to fill batches, little memory
STREAM_FROM_CHARS = 60_000  # longer articles are encoded streamed (see ``start_for_spans``)


def token_range(offsets: np.ndarray, start: int, end: int) -> tuple[int, int]:
    """``[first, last)``: the tokens wholly inside the characters ``[start, end)`` (offsets are sorted)."""
    return (int(np.searchsorted(offsets[:, 0], start, side="left")),
            int(np.searchsorted(offsets[:, 1], end, side="right")))


def apart_from(spans: Sequence[Span], others: Sequence[Span]) -> list[Span]:
    """The spans that overlap none of ``others``."""
    if not spans or not others:
        return list(spans)
    bounds = np.array(sorted((s.start, s.end) for s in others))
    reach = np.maximum.accumulate(bounds[:, 1])  # the furthest end among the others started so far
    starts, ends = np.array([(s.start, s.end) for s in spans]).T
    before = np.searchsorted(bounds[:, 0], ends, side="left")  # how many others start before each span ends
    touching = (before > 0) & (reach[np.maximum(before - 1, 0)] > starts)
    return [span for span, touches in zip(spans, touching.tolist()) if not touches]


class NeuralDetector:
    """Span finding with a token head, span naming with the TC head."""

    def __init__(self, runner: Runner, tokenizer: Tokenizer, tc_head: TcHead, card: ModelCard,
                 workers: int = 1) -> None:
        self.runner, self.tokenizer, self.tc_head, self.card = runner, tokenizer, tc_head, card
        self.workers = workers  # encoder calls at once (threads), for a runner that allows it
        self.name = card.name
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def pool(self) -> ThreadPoolExecutor | None:
        """The encoder's thread pool: created once, on first use, and only for several workers."""
        if self.workers < 2:
            return None
        with self._pool_lock:
            if self._pool is None:
                share_the_interpreter()
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="spinscope-encoder")
            return self._pool

    def close(self) -> None:
        """Stop the encoder's threads (the detector still works after, one call at a time)."""
        with self._pool_lock:
            pool, self._pool, self.workers = self._pool, None, 1
        if pool is not None:
            pool.shutdown(wait=True)

    def with_card(self, card: ModelCard) -> NeuralDetector:
        """The same weights with other settings (thresholds, decoding), sharing the engine."""
        twin = copy.copy(self)
        twin.card, twin.name = card, card.name
        return twin

    def encode(self, documents: Sequence[Document], keep_hidden: bool = True) -> list[EncodedDocument]:
        """Run the encoder over the documents (exposed so that tuning can reuse it)."""
        return encode_documents([d.text for d in documents], self.tokenizer, self.runner,
                                self.card.window, self.card.stride, self.card.batch_size, keep_hidden,
                                self.pool(), self.card.split_head)

    def span_probabilities(self, encoded: EncodedDocument, text: str,
                           ranges: Sequence[tuple[int, int]]) -> np.ndarray:
        """TC head probabilities ``(spans, techniques)`` for character ranges."""
        if not ranges:
            return np.zeros((0, len(self.card.labels)), np.float32)
        return self.tc_head.probabilities(span_features_of(encoded, text, ranges))

    def spans_of(self, encoded: EncodedDocument, text: str, language: str | None = None) -> list[Span]:
        """The spans the card's decoding rule finds, shaped for the text's language (ISO 639-1;
        None: English), with calibrated scores and levels."""
        return self.scored(encoded, text, self.shaped_spans_of(encoded, text, language))

    def shaped_spans_of(self, encoded: EncodedDocument, text: str, language: str | None = None) -> list[Span]:
        """The decoded spans with clean edges and same-range spans merged, when the card says so
        (``tidy``, ``cut_pieces``; see ``shape.tidy``); raw scores. Calibration is fitted on exactly these spans."""
        spans = self.raw_spans_of(encoded, text)
        if not self.card.tidy or not spans:
            return spans
        return shape.tidy(spans, text, language, self.strength(encoded), self.card.cut_pieces)

    @staticmethod
    def strength(encoded: EncodedDocument) -> shape.Strength:
        """The mean of each token's strongest column over the tokens wholly inside a character
        range (0 for none): how sure the model is that some technique is there."""
        offsets, top = encoded.tokens.offsets, strongest(encoded.probs)

        def measure(start: int, end: int) -> float:
            first, last = token_range(offsets, start, end)
            return float(mean(top[first:last])) if first < last else 0.0
        return measure

    def evidence(self, encoded: EncodedDocument, text: str,
                 spans: Sequence[Span]) -> tuple[list[float], list[float | None]]:
        """The raw inputs of the two calibrations, per span: the mean over the span's tokens of
        the card's ``score_feature`` column (each token's strongest, or the span's technique's),
        and the TC head's probability of its technique (None when the encoder pass kept no
        hidden states)."""
        if not spans:
            return [], []
        offsets = encoded.tokens.offsets
        # the tokens wholly inside each span (offsets are sorted)
        firsts = np.searchsorted(offsets[:, 0], [s.start for s in spans], side="left").tolist()
        lasts = np.searchsorted(offsets[:, 1], [s.end for s in spans], side="right").tolist()
        if self.card.score_feature == "technique":
            labels = self.card.labels
            columns = [encoded.probs[:, labels.index(s.technique)] for s in spans]
        else:
            top = strongest(encoded.probs)
            columns = [top] * len(spans)
        propaganda = [float(mean(column[first:last])) if first < last else span.score
                      for span, column, first, last in zip(spans, columns, firsts, lasts)]
        return propaganda, self.technique_probabilities(encoded, text, spans)

    def technique_probabilities(self, encoded: EncodedDocument, text: str,
                                spans: Sequence[Span]) -> list[float | None]:
        """The TC head's probability of each span's technique, in one pass when every span has
        hidden states, else span by span (``technique_probability``)."""
        try:
            rows = self.span_probabilities(encoded, text, [(s.start, s.end) for s in spans])
        except ModelError:
            return [self.technique_probability(encoded, text, s) for s in spans]
        return [float(row[self.card.labels.index(s.technique)]) for s, row in zip(spans, rows)]

    def technique_probability(self, encoded: EncodedDocument, text: str, span: Span) -> float | None:
        """The TC head's probability of the span's technique; None where no hidden states were
        kept for its characters (a streamed long document, outside the pooled regions)."""
        try:
            row = self.span_probabilities(encoded, text, [(span.start, span.end)])[0]
        except ModelError:
            return None
        return float(row[self.card.labels.index(span.technique)])

    def scored(self, encoded: EncodedDocument, text: str, spans: Sequence[Span]) -> list[Span]:
        """The spans with the card's calibrated ``score`` and ``technique_score`` and their
        level (a card without calibration keeps the raw scores and no technique score)."""
        card = self.card
        if not spans:
            return []
        if not card.calibration:
            return [replace(s, level=card.scale.level(s.score)) for s in spans]
        propaganda, technique = self.evidence(encoded, text, spans)
        scores = calibration.apply_all(card.calibration, propaganda).tolist()
        fitted = calibration.apply_all(card.technique_calibration,
                                       [np.nan if t is None else t for t in technique]).tolist()
        scale, scored = card.scale, []
        for span, score, t, f in zip(spans, scores, technique, fitted):
            chosen = round(f, 4) if t is not None and card.technique_calibration else None
            scored.append(replace(span, score=round(score, 4), technique_score=chosen,
                                  level=scale.level(round(score, 4))))
        return scored

    def raw_spans_of(self, encoded: EncodedDocument, text: str) -> list[Span]:
        """The spans the card's decoding rule finds in one encoded document (raw scores)."""
        if len(encoded.tokens) == 0:
            return []
        if self.card.decode == "per_technique":
            return self.technique_spans(encoded)
        if self.card.decode == "span_then_classify":
            return self.region_spans(encoded, text)
        named = self.technique_spans(encoded)
        return named + apart_from(self.region_spans(encoded, text), named)

    def technique_spans(self, encoded: EncodedDocument) -> list[Span]:
        """Spans read off each technique's own column."""
        tokens, card = encoded.tokens, self.card
        return technique_spans(encoded.probs, tokens.offsets, tokens.continues, card.labels,
                               card.thresholds, card.max_gap, card.seeds, tokens.punctuation)

    def region_spans(self, encoded: EncodedDocument, text: str) -> list[Span]:
        """Spans where each token's strongest column is high, named by the TC head."""
        tokens, card = encoded.tokens, self.card
        found = self.region_rule().find(encoded.probs, tokens.continues, tokens.punctuation)
        ranges = [(int(tokens.offsets[s, 0]), int(tokens.offsets[e - 1, 1])) for s, e, _ in found]
        probabilities = self.span_probabilities(encoded, text, ranges)
        spans = []
        for (start, end, score), row in zip(found, probabilities):
            best = int(row.argmax())
            spans.append(to_span(tokens.offsets, start, end, card.labels[best], score * float(row[best])))
        return spans

    def region_rule(self) -> RegionRule:
        """Where the regions rule looks for regions (see ``region_spans``)."""
        card = self.card
        return RegionRule(card.span_threshold, card.max_gap, card.span_seed or None)

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        """Spans of each document, found a chunk of documents at a time, with bounded memory
        (see ``start_for_spans``)."""
        return list(self.analyses(documents))

    def analyses(self, documents: Sequence[Document]) -> Iterator[Analysis]:
        """``predict``'s analyses one by one. The encoder threads always have the next chunk's
        windows queued while this chunk's documents are decoded, and each document is decoded
        as soon as its own windows are done: decoding (and whatever the caller does with each
        analysis before asking for the next) overlaps the encoder's work, and the encoder waits
        neither for a chunk to be tokenised nor for one to be decoded."""
        chunks = [documents[i:i + CHUNK] for i in range(0, len(documents), CHUNK)]
        if not chunks:
            return
        pending = self.start_for_spans(chunks[0])
        for index, chunk in enumerate(chunks):
            encoded = pending
            if index + 1 < len(chunks):
                pending = self.start_for_spans(chunks[index + 1])
            for position, document in enumerate(chunk):
                yield Analysis(document, tuple(self.spans_of(encoded(position), document.text, document.language)),
                               detector=self.name, scale=self.card.scale)

    def start_for_spans(self, chunk: Sequence[Document]) -> Callable[[int], EncodedDocument]:
        """Start encoding for decoding, keeping only the hidden states needed (``streaming``);
        the function returned waits for one document's output (by its position in ``chunk``;
        each asked for once).

        A card with technique calibration needs the TC head's probability of every span's
        technique, so an article of up to ``STREAM_FROM_CHARS`` characters keeps all its
        hidden states, as tuning did, and its windows are queued at once; a longer one is
        streamed (memory bounded) when its output is asked for, and its spans outside the
        regions the stream pools get no ``technique_score``."""
        card = self.card
        rule = None if card.decode == "per_technique" else self.region_rule()
        streamed = [not card.technique_calibration or len(d.text) > STREAM_FROM_CHARS for d in chunk]
        whole = [i for i, s in enumerate(streamed) if not s]
        queued = PendingEncoding([chunk[i].text for i in whole], self.tokenizer, self.runner, card.window,
                                 card.stride, card.batch_size, True, self.pool(), card.split_head) if whole else None
        place = {i: n for n, i in enumerate(whole)}

        def encoded(position: int) -> EncodedDocument:
            if position in place:
                return queued.document(place[position])  # type: ignore[union-attr]
            [found] = encode_streamed([chunk[position].text], self.tokenizer, self.runner, card.window,
                                      card.stride, card.batch_size, rule, self.pool(), card.split_head)
            return found

        return encoded

    def classify_encoded(self, analysis: Analysis, encoded: EncodedDocument) -> Analysis:
        """The analysis's spans, each named by the TC head (duplicates get distinct names)."""
        spans = analysis.spans
        if not spans or len(encoded.tokens) == 0:
            return Analysis(analysis.document, spans, detector=self.name)
        probabilities = self.span_probabilities(encoded, analysis.document.text, [(s.start, s.end) for s in spans])
        chosen = rank_for_duplicates(probabilities, [(s.start, s.end) for s in spans])
        named = tuple(
            Span(s.start, s.end, self.card.labels[c], min(1.0, round(float(p[c]), 4)))
            for s, c, p in zip(spans, chosen, probabilities)
        )
        return Analysis(analysis.document, named, detector=self.name)

    def classify(self, analyses: Sequence[Analysis]) -> list[Analysis]:
        """The given spans named by the TC head, a chunk of documents at a time."""
        named = []
        for start in range(0, len(analyses), CHUNK):
            chunk = analyses[start:start + CHUNK]
            encoded = self.encode([a.document for a in chunk])
            named += [self.classify_encoded(a, e) for a, e in zip(chunk, encoded)]
        return named
