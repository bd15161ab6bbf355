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
    score: float
    definition: str
    colour: str
    techniques: list[TechniqueProbability] = Field(
        description="Every technique the detector gives this range, strongest first (the first is `technique`).")
    voice: str = Field(description='Whose words the span is in: "outlet" (the article\'s own), "quoted" '
                                   '(inside a quotation) or "reported" (reported speech).')
    speaker: str | None = Field(description="The quoted or reported speaker, where the text names one; else null.")


class SummaryOut(BaseModel):
    counts: dict[str, int] = Field(description="Spans per technique id, every technique listed.")
    spans: int
    characters: int
    density: float = Field(description="Share of characters inside at least one span (0 to 1).")


class AnalyzeResponse(BaseModel):
    detector: str
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
