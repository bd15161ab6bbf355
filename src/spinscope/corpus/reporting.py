"""Corpus report: aggregates of one detector's analyses per outlet and per month.

``build_report`` streams the store once and keeps only counts, so a large corpus is
summarised without holding its texts: technique counts and rates per 1,000 words,
propaganda density (the share of an article's characters inside at least one span),
the phrases flagged most often per outlet, and the articles with the highest density.
Every group keeps its per-article span and word counts, so that each rate comes with
its number of articles and a 95% interval over articles (``intervals.rate_interval``):
an outlet with one article is not compared with one of 75 as if both were equally sure.
A flagged phrase is counted once per place it occurs, however many technique spans
cover those words, and phrases made only of function words ("our", "the") are skipped.
Rates are also split by language (with the detector that ran for it: under ``auto`` the
English model for English, multilingual for the others). Rates are also split by voice: spans in the outlet's own words versus spans inside quoted
or reported speech (both per 1,000 words of the articles, so the two add up to the total),
and per outlet the most-quoted speakers with the techniques found inside their quotes.
``write_report`` renders it as one self-contained HTML file (see ``report_html``).
"""

from __future__ import annotations

import functools
import heapq
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from spinscope.document import Analysis, Span
from spinscope.errors import StoreError
from spinscope.quotes import Quote
from spinscope.corpus.intervals import Rate, rate_interval
from spinscope.corpus.store import DetectorId, StoredAnalysis, Store, utc_now
from spinscope.corpus.schema import count_words
from spinscope.detector.shape import FUNCTION_WORDS, words_for
from spinscope.language import run_label

UNKNOWN = "unknown"
TOP_ARTICLES = 20
TOP_PHRASES = 10
PHRASE_MAX_WORDS = 6
MIN_WORDS_FOR_TOP = 50
TOP_SPEAKERS = 10
SPEECH = ("quoted", "reported")
"""The voices (and quote kinds) that are someone else's words; scare quotes are the outlet's own."""
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})")
_EDGE_PUNCTUATION = " \t\r\n\"'“”‘’.,;:!?()[]«»—–-"
_WORD = re.compile(r"[^\W\d_]+")
PHRASE_FUNCTION_WORDS = FUNCTION_WORDS | {
    "not", "all", "some", "any", "each", "every", "more", "most", "very", "such", "just", "also", "only",
    "own", "other", "ours", "theirs", "yours", "mine", "hers", "here", "how", "why", "both", "few", "many",
    "much", "s", "t", "d", "ll", "re", "ve", "m", "no"}
"""Words that alone never make a phrase worth listing ("our", "the", "we"): the shape rules' function
words plus quantifiers and the pieces of contractions."""


def month_of(published: str | None) -> str:
    """``YYYY-MM`` of an ISO or RFC 2822 date, or ``unknown``."""
    if not published:
        return UNKNOWN
    match = _ISO_MONTH.match(published)
    if match:
        return f"{match[1]}-{match[2]}"
    try:
        return parsedate_to_datetime(published).strftime("%Y-%m")
    except (TypeError, ValueError, IndexError):
        return UNKNOWN


def phrase_of(text: str) -> str | None:
    """A span's text as a phrase to count (lower case, spaces collapsed), or None if too long."""
    phrase = " ".join(text.split()).strip(_EDGE_PUNCTUATION).lower()
    return phrase if phrase and len(phrase.split()) <= PHRASE_MAX_WORDS else None


@functools.lru_cache(maxsize=16)
def phrase_function_words(language: str | None) -> frozenset[str]:
    """``PHRASE_FUNCTION_WORDS``, plus the function words of the text's language where it has its own."""
    return frozenset(PHRASE_FUNCTION_WORDS | words_for(language).function)


def function_words_only(phrase: str, language: str | None = None) -> bool:
    """True when a phrase holds no word outside the function words of English and of ``language``
    (or no word at all)."""
    allowed = phrase_function_words(language)
    return all(word in allowed for word in _WORD.findall(phrase.lower()))


def phrase_occurrences(text: str, spans: Iterable[Span],
                       language: str | None = None) -> dict[tuple[int, int], tuple[str, set[str]]]:
    """The flagged phrases of one article, once per place: (start, end) of the words without edge
    punctuation → (phrase, techniques of every span on exactly those words). Phrases that are too
    long or made only of function words are left out."""
    found: dict[tuple[int, int], tuple[str, set[str]]] = {}
    for span in spans:
        start, end = span.start, min(span.end, len(text))
        while start < end and text[start] in _EDGE_PUNCTUATION:
            start += 1
        while end > start and text[end - 1] in _EDGE_PUNCTUATION:
            end -= 1
        if (start, end) in found:
            found[(start, end)][1].add(span.technique)
            continue
        phrase = phrase_of(text[start:end])
        if phrase and not function_words_only(phrase, language):
            found[(start, end)] = (phrase, {span.technique})
    return found


def speaker_of(name: str | None) -> str | None:
    """A speaker's name as the report counts it (spaces collapsed), or None when there is none."""
    collapsed = " ".join(name.split()) if name else ""
    return collapsed or None


def speech_words(text: str, quotes: tuple[Quote, ...]) -> int:
    """Words of the text inside quoted or reported speech (overlapping ranges counted once)."""
    words, reach = 0, 0
    for quote in sorted((q for q in quotes if q.kind in SPEECH), key=lambda q: (q.start, q.end)):
        start = max(quote.start, reach)
        if quote.end > start:
            words += count_words(text[start:quote.end])
            reach = quote.end
    return words


@dataclass
class Group:
    """Running totals for one outlet or one month, and the per-article counts behind its intervals."""

    key: str
    documents: int = 0
    failed: int = 0
    words: int = 0
    spans: int = 0
    speech_spans: int = 0
    speech_words: int = 0
    techniques: Counter = field(default_factory=Counter)
    densities: list[float] = field(default_factory=list)
    article_words: list[int] = field(default_factory=list, repr=False)
    """Words of each analysed article, in the order added (failed articles have none)."""
    article_spans: list[int] = field(default_factory=list, repr=False)
    article_speech_spans: list[int] = field(default_factory=list, repr=False)
    article_techniques: dict[str, dict[int, int]] = field(default_factory=dict, repr=False)
    """Technique → {article index: spans of that technique}; articles without any are left out."""
    _intervals: dict[tuple[str, str | None], Rate] = field(default_factory=dict, repr=False, compare=False)

    def add(self, item: StoredAnalysis, density: float, speech_words: int = 0) -> None:
        """Count one analysed document; ``speech_words``: its words inside quoted or reported speech."""
        self.documents += 1
        if item.error:
            self.failed += 1
            return
        index, speech = len(self.article_words), sum(1 for s in item.spans if s.voice in SPEECH)
        self.words += item.words
        self.spans += len(item.spans)
        self.speech_spans += speech
        self.speech_words += speech_words
        counts = Counter(s.technique for s in item.spans)
        self.techniques.update(counts)
        for technique, count in counts.items():
            self.article_techniques.setdefault(technique, {})[index] = count
        self.densities.append(density)
        self.article_words.append(item.words)
        self.article_spans.append(len(item.spans))
        self.article_speech_spans.append(speech)
        self._intervals.clear()

    @property
    def n(self) -> int:
        """Articles analysed without error: the n behind every rate of this group."""
        return len(self.article_words)

    @property
    def own_spans(self) -> int:
        """Spans in the outlet's own voice."""
        return self.spans - self.speech_spans

    def rate(self, technique: str | None = None) -> float:
        """Spans (of one technique, or all) per 1,000 words."""
        count = self.spans if technique is None else self.techniques[technique]
        return self._per_1000(count)

    def own_rate(self) -> float:
        """Spans in the outlet's own voice per 1,000 words of its articles."""
        return self._per_1000(self.own_spans)

    def speech_rate(self) -> float:
        """Spans inside quoted or reported speech per 1,000 words of the articles."""
        return self._per_1000(self.speech_spans)

    def rate_interval(self, technique: str | None = None) -> Rate:
        """``rate`` with its n and 95% interval over this group's articles."""
        return self._interval("technique", technique)

    def own_interval(self) -> Rate:
        """``own_rate`` with its n and 95% interval."""
        return self._interval("own", None)

    def speech_interval(self) -> Rate:
        """``speech_rate`` with its n and 95% interval."""
        return self._interval("speech", None)

    def _interval(self, what: str, technique: str | None) -> Rate:
        key = (what, technique)
        if key not in self._intervals:
            self._intervals[key] = rate_interval(self._article_counts(what, technique), self.article_words)
        return self._intervals[key]

    def _article_counts(self, what: str, technique: str | None) -> list[int]:
        if what == "own":
            return [a - b for a, b in zip(self.article_spans, self.article_speech_spans)]
        if what == "speech":
            return self.article_speech_spans
        if technique is None:
            return self.article_spans
        counts = [0] * self.n
        for index, count in self.article_techniques.get(technique, {}).items():
            counts[index] = count
        return counts

    def speech_share(self) -> float:
        """Share of the articles' words that lie inside quoted or reported speech."""
        return self.speech_words / self.words if self.words else 0.0

    def _per_1000(self, count: int) -> float:
        return 1000.0 * count / self.words if self.words else 0.0

    def mean_density(self) -> float:
        return statistics.fmean(self.densities) if self.densities else 0.0

    def median_density(self) -> float:
        return statistics.median(self.densities) if self.densities else 0.0


@dataclass(frozen=True)
class TopArticle:
    """An article among the densest in the corpus."""

    density: float
    title: str
    outlet: str
    published: str
    words: int
    spans: int
    techniques: tuple[tuple[str, int], ...]
    example: str


@dataclass(frozen=True)
class Failed:
    origin: str
    error: str


@dataclass
class CorpusReport:
    """Everything the HTML report shows, computed from the store."""

    detector: DetectorId
    generated: str
    overall: Group
    outlets: dict[str, Group]
    months: dict[str, Group]
    outlet_months: dict[tuple[str, str], Group]
    phrases: dict[str, Counter]
    """Per outlet: how many times each phrase was flagged, once per place it occurs."""
    phrase_techniques: dict[tuple[str, str], Counter]
    """Per (outlet, phrase): in how many of its occurrences each technique was found."""
    top: list[TopArticle]
    failures: list[Failed]
    speakers: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    """Per outlet: how many quoted or reported passages are attributed to each speaker."""
    speaker_techniques: dict[tuple[str, str], Counter] = field(default_factory=lambda: defaultdict(Counter))
    """Per (outlet, speaker): technique spans found inside that speaker's words."""
    languages: dict[str, Group] = field(default_factory=dict)
    """Per language and the detector that ran for it ("Russian, multilingual model"), most articles first."""

    def top_phrases(self, outlet: str, n: int = TOP_PHRASES) -> list[tuple[str, int, str]]:
        """(phrase, count, most frequent technique) for an outlet's most flagged phrases."""
        return [(p, c, self.phrase_techniques[(outlet, p)].most_common(1)[0][0])
                for p, c in self.phrases[outlet].most_common(n)]

    def top_speakers(self, outlet: str, n: int = TOP_SPEAKERS) -> list[tuple[str, int, list[tuple[str, int]]]]:
        """(speaker, quotes, [(technique, spans), ...] most frequent first) for an outlet's most-quoted."""
        return [(name, count, self.speaker_techniques[(outlet, name)].most_common())
                for name, count in self.speakers.get(outlet, Counter()).most_common(n)]


def choose_detector(store: Store, name: str | None) -> DetectorId:
    """The detector to report on: the most used one, or the most used version of ``name``."""
    runs = [r for r in store.detectors() if name is None or r.detector.name == name]
    if not runs:
        wanted = f" by {name!r}" if name else ""
        raise StoreError(f"{store.path}: no analyses{wanted} yet; run `spinscope corpus analyze` first")
    return runs[0].detector


def _top_article(item: StoredAnalysis, analysis: Analysis, density: float) -> TopArticle:
    document = item.record.document
    strongest = max(analysis.spans, key=lambda s: (s.score, s.end - s.start))
    return TopArticle(
        density, document.title or item.record.origin or document.id, document.outlet or UNKNOWN,
        document.published or "", item.words, len(analysis.spans),
        tuple(Counter(s.technique for s in analysis.spans).most_common(3)),
        strongest.text_in(document)[:300],
    )


def _count_phrases(report: CorpusReport, outlet: str, analysis: Analysis) -> None:
    document = analysis.document
    for phrase, found in phrase_occurrences(document.text, analysis.spans, document.language).values():
        report.phrases[outlet][phrase] += 1
        report.phrase_techniques[(outlet, phrase)].update(sorted(found))


def _count_speakers(report: CorpusReport, outlet: str, item: StoredAnalysis) -> None:
    for quote in item.quotes:
        name = speaker_of(quote.speaker)
        if name and quote.kind in SPEECH:
            report.speakers[outlet][name] += 1
    for span in item.spans:
        name = speaker_of(span.speaker)
        if name and span.voice in SPEECH:
            report.speaker_techniques[(outlet, name)][span.technique] += 1


def language_key(item: StoredAnalysis) -> str:
    """The language group of an analysis: its language and the detector that ran ("Russian, multilingual
    model"); ``unknown`` for a document whose language was never detected."""
    return run_label(item.record.document.language or UNKNOWN, item.detector_ran or "")


def _add(report: CorpusReport, item: StoredAnalysis, top: list) -> None:
    document = item.record.document
    outlet, month, language = document.outlet or UNKNOWN, month_of(document.published), language_key(item)
    analysis = Analysis(document, item.spans)
    density = 0.0 if item.error else analysis.density()
    quoted_words = speech_words(document.text, item.quotes)
    for group in (report.overall, report.outlets.setdefault(outlet, Group(outlet)),
                  report.months.setdefault(month, Group(month)),
                  report.outlet_months.setdefault((outlet, month), Group(month)),
                  report.languages.setdefault(language, Group(language))):
        group.add(item, density, quoted_words)
    if item.error:
        if len(report.failures) < 50:
            report.failures.append(Failed(item.record.origin or document.id, item.error))
        return
    _count_phrases(report, outlet, analysis)
    _count_speakers(report, outlet, item)
    if analysis.spans and item.words >= MIN_WORDS_FOR_TOP:
        entry = (density, document.id, _top_article(item, analysis, density))
        (heapq.heappush if len(top) < TOP_ARTICLES else heapq.heappushpop)(top, entry)


def build_report(store: Store, detector: str | None = None) -> CorpusReport:
    """Aggregate one detector's analyses (the most used detector unless one is named)."""
    identity = choose_detector(store, detector)
    report = CorpusReport(identity, utc_now(), Group("all"), {}, {}, {}, defaultdict(Counter),
                          defaultdict(Counter), [], [])
    top: list = []
    for item in store.analysed(identity):
        _add(report, item, top)
    report.top = [entry[2] for entry in sorted(top, reverse=True)]
    report.outlets = dict(sorted(report.outlets.items(), key=lambda kv: (-kv[1].documents, kv[0])))
    report.months = dict(sorted(report.months.items()))
    report.languages = dict(sorted(report.languages.items(), key=lambda kv: (-kv[1].documents, kv[0])))
    return report
