"""The explorer's overview: per outlet, spans per 1,000 words with 95% intervals, overall and per
technique, and monthly trends per outlet and technique.

Intervals come from ``intervals.rate_interval`` (resampling articles: a percentile
bootstrap up to 2,000 articles, the delta method above). They need every article's word
and span counts, so the overview reads one row per analysed article from the covering
index and the span tallies (no span rows, no article text), holds the counts as arrays,
and keeps the result until the store changes (its file or write-ahead log is written).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from spinscope import techniques
from spinscope.corpus.explorer import Explorer
from spinscope.corpus.intervals import BOOTSTRAP_MAX_N, REPLICATES, Rate, rate_interval
from spinscope.corpus.reporting import UNKNOWN, month_of
from spinscope.corpus.store import DetectorId

INTERVAL_METHOD = (f"95% interval over articles: percentile bootstrap ({REPLICATES:,} resamples of the "
                   f"articles, fixed seed) up to {BOOTSTRAP_MAX_N:,} articles, the ratio estimator's "
                   "delta-method normal interval above; none for a single article")


@dataclass(frozen=True)
class TechniqueRate:
    technique: str
    spans: int
    rate: Rate


@dataclass(frozen=True)
class OutletSummary:
    outlet: str
    articles: int
    words: int
    spans: int
    rate: Rate
    techniques: tuple[TechniqueRate, ...]


@dataclass(frozen=True)
class TrendPoint:
    month: str
    articles: int
    words: int
    spans: int
    rate: float  # spans per 1,000 words


@dataclass(frozen=True)
class Trend:
    outlet: str
    points: tuple[TrendPoint, ...]


@dataclass(frozen=True)
class Overview:
    """Everything the overview page shows, for one detector's analyses."""

    detector: DetectorId | None
    articles: int
    outlets: tuple[OutletSummary, ...]
    months: tuple[str, ...]
    counts: _Counts | None = field(default=None, repr=False, compare=False)

    def trends(self, technique: str | None = None, outlet: str | None = None) -> list[Trend]:
        """Spans (of ``technique``, or all) per 1,000 words per month, one series per outlet."""
        if self.counts is None:
            return []
        return self.counts.trends(self.months, technique, outlet)


@dataclass(frozen=True)
class _Counts:
    """Per analysed article: outlet and month codes, words, spans in all and per technique."""

    outlets: tuple[str, ...]
    outlet_code: np.ndarray
    month_code: np.ndarray  # -1: no usable date
    words: np.ndarray
    spans: np.ndarray
    per_technique: dict[str, np.ndarray]

    def trends(self, months: tuple[str, ...], technique: str | None, outlet: str | None) -> list[Trend]:
        dated = self.month_code >= 0
        cells = (self.outlet_code * len(months) + self.month_code)[dated]
        size = len(self.outlets) * len(months)
        spans = self.spans if technique is None else self.per_technique[technique]

        def table(values: np.ndarray | None) -> np.ndarray:
            summed = np.bincount(cells, weights=None if values is None else values[dated], minlength=size)
            return summed.reshape(len(self.outlets), len(months))

        articles, words, counts = table(None), table(self.words), table(spans)
        found = []
        for code, name in enumerate(self.outlets):
            if outlet is not None and name != outlet:
                continue
            points = tuple(TrendPoint(month, int(articles[code, m]), int(words[code, m]), int(counts[code, m]),
                                      float(1000.0 * counts[code, m] / words[code, m]) if words[code, m] else 0.0)
                           for m, month in enumerate(months) if articles[code, m])
            found.append(Trend(name, points))
        return found


def build_overview(explorer: Explorer, detector: DetectorId | None) -> Overview:
    """The overview of ``detector``'s analyses (an empty one for a store without analyses)."""
    if detector is None:
        return Overview(None, 0, (), ())
    counts, months = _read_counts(explorer, detector)
    summaries = []
    for code, outlet in enumerate(counts.outlets):
        mask = counts.outlet_code == code
        words = counts.words[mask]
        per_technique = tuple(
            TechniqueRate(t, int(c[mask].sum()), rate_interval(c[mask], words))
            for t, c in counts.per_technique.items())
        summaries.append(OutletSummary(outlet, int(mask.sum()), int(words.sum()), int(counts.spans[mask].sum()),
                                       rate_interval(counts.spans[mask], words), per_technique))
    summaries.sort(key=lambda s: (-s.articles, s.outlet))
    return Overview(detector, len(counts.words), tuple(summaries), months, counts)


def _read_counts(explorer: Explorer, detector: DetectorId) -> tuple[_Counts, tuple[str, ...]]:
    with explorer.connection() as db:
        rows = db.execute(
            "SELECT a.id, d.outlet, d.published, t.words, t.spans FROM documents d"
            " CROSS JOIN analyses a ON a.document_id = d.id JOIN analysis_tallies t ON t.analysis_id = a.id"
            " WHERE a.detector = ? AND a.detector_version = ? AND a.status = 'ok' ORDER BY a.id",
            (detector.name, detector.version)).fetchall()
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        per_technique = {}
        for technique in techniques.TECHNIQUE_IDS:
            tallies = np.array(db.execute("SELECT analysis_id, spans FROM span_tallies WHERE technique = ?",
                                          (technique,)).fetchall(), dtype=np.int64).reshape(-1, 2)
            column = np.zeros(len(rows), dtype=np.float64)
            if len(ids) and len(tallies):
                where = np.searchsorted(ids, tallies[:, 0]).clip(0, len(ids) - 1)
                mine = ids[where] == tallies[:, 0]  # tallies of other detectors' analyses drop out
                np.add.at(column, where[mine], tallies[mine, 1])  # one row per voice
            per_technique[technique] = column
    outlet_names = [r[1] or UNKNOWN for r in rows]
    outlets = tuple(sorted(set(outlet_names)))
    month_names = [month_of(r[2]) for r in rows]
    months = tuple(sorted(set(month_names) - {UNKNOWN}))
    outlet_index = {name: i for i, name in enumerate(outlets)}
    month_index = {name: i for i, name in enumerate(months)}
    counts = _Counts(
        outlets,
        np.fromiter((outlet_index[n] for n in outlet_names), dtype=np.int64, count=len(rows)),
        np.fromiter((month_index.get(m, -1) for m in month_names), dtype=np.int64, count=len(rows)),
        np.fromiter((r[3] for r in rows), dtype=np.float64, count=len(rows)),
        np.fromiter((r[4] for r in rows), dtype=np.float64, count=len(rows)),
        per_technique,
    )
    return counts, months


class OverviewCache:
    """The overview, computed once per state of the store (one computation at a time)."""

    def __init__(self, explorer: Explorer) -> None:
        self.explorer = explorer
        self._lock = threading.Lock()
        self._signature: tuple[int, ...] | None = None
        self._overview: Overview | None = None

    def get(self) -> Overview:
        with self._lock:
            signature = self.explorer.signature()
            if self._overview is None or signature != self._signature:
                self._overview = build_overview(self.explorer, self.explorer.detector())
                self._signature = signature
            return self._overview
