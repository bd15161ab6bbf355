"""The lexicon baseline: phrases that annotators often marked, matched word for word.

``fit`` collects the short gold spans of a training set (up to ``max_words`` words),
counts how often each phrase occurs anywhere in the training texts, and keeps those
that were inside a span of one technique at least ``min_precision`` of the time. The
phrase's precision is its score, so a match scored 0.6 or more is "likely" (``SCALE``).
For the TC setting it votes with the phrases inside a span, falling back to the technique
most common for spans of that length.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spinscope import techniques
from spinscope.detector.base import read_model_json
from spinscope.document import Analysis, Document, Scale, Span
from spinscope.errors import ConfigError

_WORD = re.compile(r"\w+(?:['’]\w+)*")
FORMAT = "spinscope-lexicon/1"
NAME = "lexicon"
SCALE = Scale(likely_cut=0.6)  # scores are train precisions: "likely" where at least 0.6


def words(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased words with their character offsets."""
    return [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def length_bucket(n_words: int) -> str:
    for limit in (1, 2, 4, 8, 16, 32):
        if n_words <= limit:
            return str(limit)
    return "more"


@dataclass(frozen=True)
class Entry:
    technique: str
    score: float


class LexiconDetector:
    """A transparent, fast baseline with the same interface as the trained model."""

    name = NAME

    def __init__(self, max_words: int = 4, min_count: int = 1, min_precision: float = 0.1,
                 threshold: float = 0.0) -> None:
        if max_words < 1 or min_count < 1 or not 0 <= min_precision <= 1 or not 0 <= threshold <= 1:
            raise ConfigError("lexicon: need max_words >= 1, min_count >= 1 and precisions in [0, 1]")
        self.max_words, self.min_count = max_words, min_count
        self.min_precision, self.threshold = min_precision, threshold
        self.phrases: dict[tuple[str, ...], Entry] = {}
        self.length_prior: dict[str, str] = {}

    def fit(self, gold: Sequence[Analysis]) -> LexiconDetector:
        """Learn phrases and the length prior from gold analyses."""
        in_span: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        by_length: dict[str, Counter[str]] = defaultdict(Counter)
        for analysis in gold:
            for span in analysis.spans:
                phrase = tuple(w for w, _, _ in words(span.text_in(analysis.document)))
                by_length[length_bucket(len(phrase))][span.technique] += 1
                if 0 < len(phrase) <= self.max_words:
                    in_span[phrase][span.technique] += 1
        occurrences = self._count_occurrences(gold, set(in_span))
        self.phrases = {}
        for phrase, counts in in_span.items():
            technique, hits = counts.most_common(1)[0]
            precision = min(1.0, hits / max(occurrences[phrase], 1))
            if hits >= self.min_count and precision >= self.min_precision:
                self.phrases[phrase] = Entry(technique, round(precision, 4))
        self.length_prior = {b: c.most_common(1)[0][0] for b, c in by_length.items()}
        return self

    def _count_occurrences(self, gold: Sequence[Analysis], wanted: set[tuple[str, ...]]) -> Counter:
        counts: Counter[tuple[str, ...]] = Counter()
        for analysis in gold:
            tokens = [w for w, _, _ in words(analysis.document.text)]
            for i in range(len(tokens)):
                for n in range(1, self.max_words + 1):
                    gram = tuple(tokens[i:i + n])
                    if len(gram) == n and gram in wanted:
                        counts[gram] += 1
        return counts

    def _matches(self, text: str) -> list[Span]:
        tokens = words(text)
        found = []
        for i in range(len(tokens)):
            for n in range(min(self.max_words, len(tokens) - i), 0, -1):
                entry = self.phrases.get(tuple(w for w, _, _ in tokens[i:i + n]))
                if entry and entry.score >= self.threshold:
                    found.append(Span(tokens[i][1], tokens[i + n - 1][2], entry.technique, entry.score,
                                      level=SCALE.level(entry.score)))
                    break
        return found

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        return [Analysis(d, tuple(self._matches(d.text)), detector=self.name, scale=SCALE) for d in documents]

    def _classify_span(self, document: Document, span: Span) -> Span:
        votes: Counter[str] = Counter()
        for match in self._matches(span.text_in(document)):
            votes[match.technique] += match.score
        if votes:
            technique, weight = votes.most_common(1)[0]
            return Span(span.start, span.end, technique, min(1.0, weight / sum(votes.values())))
        bucket = length_bucket(len(words(span.text_in(document))))
        fallback = self.length_prior.get(bucket, techniques.TECHNIQUE_IDS[0])
        return Span(span.start, span.end, fallback, 0.0)

    def classify(self, analyses: Sequence[Analysis]) -> list[Analysis]:
        return [
            Analysis(a.document, tuple(self._classify_span(a.document, s) for s in a.spans), self.name)
            for a in analyses
        ]

    def save(self, folder: Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT,
            "settings": {"max_words": self.max_words, "min_count": self.min_count,
                         "min_precision": self.min_precision, "threshold": self.threshold},
            "length_prior": self.length_prior,
            "phrases": [[" ".join(p), e.technique, e.score] for p, e in sorted(self.phrases.items())],
        }
        (folder / "lexicon.json").write_text(json.dumps(data, indent=0, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexiconDetector:
        data = read_model_json(Path(folder) / "lexicon.json", FORMAT, "lexicon")
        detector = cls(**data["settings"])
        detector.length_prior = {b: techniques.get(t).id for b, t in data["length_prior"].items()}
        detector.phrases = {tuple(p.split(" ")): Entry(techniques.get(t).id, s) for p, t, s in data["phrases"]}
        return detector
