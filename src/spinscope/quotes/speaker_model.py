"""A learned choice of each quotation's speaker among the names its article gives.

The rules of ``attribution`` and ``speakers`` name a speaker from the words around one quotation. They are right on
the articles they were written on and much less often on new ones (BENCHMARKS.md: 0.56-0.76 of the named speakers of
each labelled half when it was new). This model reads the article as a whole: each candidate (``speaker_features``:
the names nearby, the rules' choice, nobody) gets a linear score, and the best one is taken (a conditional logit).
It overrules the rules only by a margin: ``margin`` to name someone where the rules named nobody, ``override`` to
change a name the rules gave, so that what the rules are sure of (an attribution next to the quotation, a title or
a pronoun they resolved) stays. Its weights are learnt by ``benchmarks/train_speakers.py`` from the hand-labelled
quotes, as the rules read each half before they were changed for it, and ship in ``speaker_weights.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spinscope.quotes.names import presentable
from spinscope.quotes.quote import Quote
from spinscope.quotes.speaker_features import (
    NOBODY,
    SPEECH,
    Article,
    key_of,
    quote_features,
    settled,
)

WEIGHTS = Path(__file__).with_name("speaker_weights.json")


@dataclass(frozen=True)
class SpeakerModel:
    """The weights of the candidate score, by feature name, and the margins needed to overrule the rules."""

    weights: dict[str, float]
    margin: float = 0.0       # how much more a name must score than nobody where the rules named nobody
    override: float = 0.0     # how much more a name or nobody must score than the name the rules gave

    @classmethod
    def from_file(cls, path: Path = WEIGHTS) -> SpeakerModel:
        saved = json.loads(path.read_text(encoding="utf-8"))
        return cls(saved["weights"], saved.get("margin", 0.0), saved.get("override", 0.0))

    def score(self, features: dict[str, float]) -> float:
        weights = self.weights
        return sum(weights.get(name, 0.0) * value for name, value in features.items())

    def pick(self, candidates: dict[str, dict[str, float]], rule: str) -> str:
        """The key of the best candidate (NOBODY for nobody), the rules' ``rule`` unless another beats it by the
        margin."""
        scores = {k: self.score(f) for k, f in candidates.items()}
        best = max(scores, key=lambda k: (scores[k], k == NOBODY))
        needed = self.margin if rule == NOBODY else self.override
        return rule if rule in scores and scores[best] - scores[rule] < needed else best

    def choose(self, text: str, quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
        """``quotes`` with each quoted and reported range's speaker chosen by the model."""
        if not any(q.kind in SPEECH for q in quotes):
            return quotes
        art = Article(text, quotes)
        chosen: dict[tuple[int, int], str | None] = {}
        for i, q in enumerate(art.speech):
            if settled(art, i):
                continue
            rule = key_of(q.speaker) if q.speaker else NOBODY
            best = self.pick(quote_features(art, i), rule)
            chosen[(q.start, q.end)] = q.speaker if best == rule else (
                None if best == NOBODY else presentable(art.names[best]))
        return tuple(replace(q, speaker=chosen[(q.start, q.end)]) if (q.start, q.end) in chosen else q
                     for q in quotes)


@lru_cache(maxsize=1)
def shipped() -> SpeakerModel | None:
    """The model that ships with the package, or None where its weights are absent."""
    return SpeakerModel.from_file() if WEIGHTS.is_file() else None
