"""A small corpus store for the explorer tests: three outlets, two months, hostile metadata."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spinscope.document import Span
from spinscope.io.records import record_from_text
from spinscope.quotes import Quote
from spinscope.corpus.store import DetectorId, Outcome, Store, utc_now

DETECTOR = DetectorId("phrases", "1")
OTHER_DETECTOR = DetectorId("other", "9")
FILLER = " The committee met again on Tuesday to discuss the budget and the roads."
XSS_TITLE = '<script>window.__xss=1</script>Headline'
XSS_OUTLET = '<img src=x onerror="window.__xss=2">Gazette'
XSS_URL = "javascript:window.__xss=3"
XSS_TEXT = 'Traitors wrote <img src=x onerror="window.__xss=4"> into the text.'


@dataclass(frozen=True)
class Stored:
    id: str
    title: str
    outlet: str
    published: str


def spans_of(text: str, phrases: dict[str, tuple[str, float]]) -> tuple[Span, ...]:
    found = []
    for phrase, (technique, score) in phrases.items():
        start = text.find(phrase)
        while start != -1:
            voice = "quoted" if text[:start].count('"') % 2 else "outlet"
            found.append(Span(start, start + len(phrase), technique, score, voice, "Ann Lee" if voice == "quoted" else None))
            start = text.find(phrase, start + 1)
    return tuple(found)


PHRASES = {"Traitors": ("name_calling", 0.9), "shameful": ("loaded_language", 0.6),
           "our glorious nation": ("flag_waving", 0.3), "<img src=x onerror=\"window.__xss=4\">": ("doubt", 0.5)}


def article_specs() -> list[tuple[str, dict[str, str]]]:
    """(text, metadata) of every article; each text is distinct."""
    specs = []
    for i in range(6):
        specs.append((f"Traitors! shameful deals, number {i}.{FILLER}",
                      {"outlet": "Herald", "published": f"2024-0{1 + i % 2}-1{i}", "title": f"Herald story {i}",
                       "url": f"https://herald.example/{i}"}))
    for i in range(4):
        specs.append((f"Ann Lee said \"our glorious nation is shameful\" in speech {i}.{FILLER}",
                      {"outlet": "Courier", "published": f"2024-02-0{i + 1}", "title": f"Courier piece {i}",
                       "url": f"https://courier.example/{i}"}))
    specs.append((XSS_TEXT + FILLER, {"outlet": XSS_OUTLET, "published": "2024-01-20", "title": XSS_TITLE,
                                      "url": XSS_URL}))
    specs.append(("A calm report about zebras and the weather." + FILLER,
                  {"outlet": "Herald", "published": "2024-01-25", "title": "Zebra weather", "url": "https://herald.example/z"}))
    return specs


def build_store(path: Path) -> list[Stored]:
    """A store at ``path`` with every article analysed by ``DETECTOR`` (and one by another detector)."""
    stored = []
    with Store(path) as store:
        for text, metadata in article_specs():
            store.add_records([record_from_text(text, origin=metadata["title"], **metadata)])
            (record,) = store.pending(DETECTOR).records
            quotes = (Quote(text.index('"') + 1, text.index('"', text.index('"') + 1), "quoted", "Ann Lee"),) \
                if '"' in text[:60] else ()
            store.write_outcomes(DETECTOR, [Outcome(record.document.id, spans_of(text, PHRASES), None, quotes)],
                                 utc_now())
            stored.append(Stored(record.document.id, metadata["title"], metadata["outlet"], metadata["published"]))
        first = store.pending(OTHER_DETECTOR).records[0]
        store.write_outcomes(OTHER_DETECTOR, [Outcome(first.document.id, (Span(0, 3, "doubt", 0.99),))], utc_now())
    return stored
