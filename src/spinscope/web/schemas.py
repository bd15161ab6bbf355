"""The JSON shapes of the HTTP API, as pydantic models (they also make the OpenAPI docs)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from spinscope.errors import UrlError
from spinscope.io.urlcheck import check_url


def url_problem(url: str) -> str | None:
    """Why a URL cannot be fetched as given, or None: the input layer's validator, so that the API
    and the fetcher agree, and a bad URL is a 422 here rather than an error later."""
    try:
        check_url(url)
    except UrlError as error:
        return f"url: {error}"
    return None


class AnalyzeRequest(BaseModel):
    """Exactly one of: the article's text, a URL to fetch it from, or a page's HTML."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article as plain text.")
    url: str | None = Field(None, description="An http(s) URL of an article page to fetch.")
    html: str | None = Field(None, description="The HTML of an article page.")

    @model_validator(mode="after")
    def exactly_one_input(self) -> AnalyzeRequest:
        given = [name for name in ("text", "url", "html") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of text, url or html (got {', '.join(given) or 'none'})")
        problem = url_problem(self.url.strip()) if self.url is not None else None
        if problem:
            raise ValueError(problem)
        return self


class DocumentOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    characters: int
    text: str = Field(description="The text the offsets point into.")


class TechniqueProbability(BaseModel):
    technique: str = Field(description="Technique id from GET /api/techniques.")
    probability: float = Field(description="The detector's probability for this technique on the range.")


class QuoteOut(BaseModel):
    start: int = Field(description="Offset of the quote's first character (quotation marks excluded).")
    end: int = Field(description="Offset just past its last character.")
    speaker: str | None = Field(description="Who is quoted, where the text names them nearby; null if unnamed.")
    kind: str = Field(description='"quoted" (direct speech in quotation marks), "reported" (X said that …, '
                                  'according to X) or "scare" (a short expression in marks, the outlet\'s own voice).')


class SpanOut(BaseModel):
    start: int = Field(description="Python character offset of the first character.")
    end: int = Field(description="Offset just past the last character (half-open).")
    text: str
    technique: str = Field(description="Technique id from GET /api/techniques.")
    name: str
    score: float = Field(description="The probability that the span is propaganda (calibrated on PTC dev: the "
                                     "expected share of its characters inside annotated spans of any technique).")
    technique_score: float | None = Field(description="The probability that the technique named is the right one, "
                                                      "where the span is propaganda (calibrated on PTC dev); null "
                                                      "if the detector does not say.")
    level: str = Field(description='"likely" (score at or above the model\'s cut, where dev precision is at least '
                                   '0.6; see summary.likely_cut) or "possible" (the rest; the page hides them at first).')
    definition: str
    colour: str
    techniques: list[TechniqueProbability] = Field(
        description="Every technique the detector gives this range, strongest first (the first is `technique`).")
    voice: str = Field(description='Whose words the span is in: "outlet" (the article\'s own), "quoted" '
                                   '(inside a quotation) or "reported" (reported speech).')
    speaker: str | None = Field(description="The quoted or reported speaker, where the text names one; else null.")


class SummaryOut(BaseModel):
    counts: dict[str, int] = Field(description="Spans per technique id, every technique listed.")
    likely_counts: dict[str, int] = Field(description="Likely spans per technique id, every technique listed.")
    spans: int
    likely: int = Field(description="Spans whose level is likely.")
    possible: int = Field(description="Spans whose level is possible.")
    characters: int
    density: float = Field(description="Share of characters inside at least one span (0 to 1).")
    likely_density: float = Field(description="Share of characters inside at least one likely span (0 to 1).")
    percentile: float | None = Field(description="Where `density` stands among the PTC train+dev articles as this "
                                                 "detector analyses them (0-100); null if the model has no reference.")
    likely_percentile: float | None = Field(description="The same for `likely_density`.")
    likely_cut: float | None = Field(description="The score from which a span is likely.")
    reference_densities: list[float] = Field(description="101 quantiles of density over the PTC train+dev articles "
                                                         "(what `percentile` compares with; the page uses them).")
    reference_likely_densities: list[float] = Field(description="The same for likely spans.")


class AnalyzeResponse(BaseModel):
    detector: str = Field(description="The detector that ran: under `auto` (the default), the one chosen for the "
                                      "text's language (minilm-ptc for English, multilingual for the others).")
    language: str | None = Field(description="The text's language as detected, an ISO 639-1 code (en, ru, uk, de, "
                                             "fr, es, it, pl are analysed); null where it was not detected.")
    run: str = Field(description='The language and the detector as the page names them, e.g. "Russian, '
                                 'multilingual model".')
    document: DocumentOut
    spans: list[SpanOut]
    quotes: list[QuoteOut] = Field(description="Every quoted, reported and scare-quoted range of the text.")
    summary: SummaryOut


class TechniqueOut(BaseModel):
    id: str
    name: str
    definition: str
    cue: str
    colour: str
    ptc_label: str


class HealthOut(BaseModel):
    status: str
    detector: str
    version: str


class ErrorOut(BaseModel):
    error: str
    language: str | None = Field(None, description="With a 422 for a language this server does not analyse: the "
                                                   "text's language, an ISO 639-1 code.")
