"""The JSON shapes of the corpus explorer's API (``/api/corpus/*``), and its filters."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from spinscope import techniques
from spinscope.corpus.explorer import PAGE_SIZE, Cursor, Filters, decode_cursor
from spinscope.web.schemas import AnalyzeResponse


def known_technique(value: str | None) -> str | None:
    if value is not None and value not in techniques.TECHNIQUE_IDS:
        raise ValueError(f"unknown technique {value!r}; the ids are listed by GET /api/techniques")
    return value


class DocumentQuery(BaseModel):
    """Filters of the article list; every one is optional and they combine (AND)."""

    model_config = ConfigDict(populate_by_name=True)

    outlet: str | None = Field(None, max_length=500, description="Only this outlet's articles (exact name).")
    technique: str | None = Field(None, description="Only articles with at least one span of this technique.")
    q: str | None = Field(None, max_length=500, description="Full-text search over title and text: "
                          "every word must occur (case and accents ignored).")
    start: date | None = Field(None, alias="from", description="Published on or after this day (YYYY-MM-DD).")
    end: date | None = Field(None, alias="to", description="Published on or before this day (YYYY-MM-DD).")
    min_score: float | None = Field(None, ge=0.0, le=1.0, description="Only articles with a span scored at "
                                    "least this (of the technique and voice, when those are given).")
    voice: Literal["outlet", "quoted", "reported"] | None = Field(
        None, description="Only articles with a span in this voice (with the technique, when given).")
    sort: Literal["date", "density"] = Field("date", description="Newest first, or most spans per 1,000 "
                                             "words first.")
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$", description="Only articles in this language "
                                 "(an ISO 639-1 code as detected when the article was added: en, ru, uk, ...).")
    cursor: str | None = Field(None, max_length=500, description="The next_cursor of the previous page.")
    limit: int = Field(PAGE_SIZE, ge=1, le=500, description="Articles per page.")

    @field_validator("technique")
    @classmethod
    def technique_known(cls, value: str | None) -> str | None:
        return known_technique(value)

    @field_validator("outlet", "q", "cursor", "technique", "language", mode="before")
    @classmethod
    def blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def consistent(self) -> DocumentQuery:
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"from ({self.start}) is after to ({self.end})")
        if self.cursor is not None:
            decode_cursor(self.cursor, self.sort)
        return self

    def filters(self) -> Filters:
        return Filters(self.outlet, self.technique, self.q, self.start, self.end, self.min_score, self.voice,
                       self.sort, self.language)

    def decoded_cursor(self) -> Cursor | None:
        return decode_cursor(self.cursor, self.sort) if self.cursor else None


class ExampleQuery(BaseModel):
    outlet: str | None = Field(None, max_length=500, description="Only this outlet's articles.")
    limit: int = Field(PAGE_SIZE, ge=1, le=200, description="Distinct phrases to return.")


class DetectorOut(BaseModel):
    name: str
    version: str


class RateOut(BaseModel):
    rate: float = Field(description="Spans per 1,000 words (all spans over all words of the articles).")
    low: float | None = Field(description="Lower end of the 95% interval; null for a single article.")
    high: float | None
    n: int = Field(description="Articles.")
    method: str = Field(description='"bootstrap", "delta" or "none".')


class TechniqueRateOut(BaseModel):
    technique: str
    name: str
    spans: int
    rate: RateOut


class OutletOut(BaseModel):
    outlet: str = Field(description='The outlet\'s name ("unknown" for articles without one).')
    articles: int
    words: int
    spans: int
    rate: RateOut
    techniques: list[TechniqueRateOut]


class OutletsResponse(BaseModel):
    detector: DetectorOut | None = Field(description="Whose analyses are shown: the most used detector.")
    articles: int
    interval: str = Field(description="How the intervals are computed.")
    message: str | None = Field(description="Why there is nothing to show, when there is not.")
    outlets: list[OutletOut]


class TrendPointOut(BaseModel):
    month: str
    articles: int
    words: int
    spans: int
    rate: float


class TrendOut(BaseModel):
    outlet: str
    points: list[TrendPointOut]


class TrendsResponse(BaseModel):
    technique: str | None = Field(description="The technique counted; null for all spans.")
    months: list[str]
    series: list[TrendOut]


class ArticleRowOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    words: int
    spans: int
    density: float = Field(description="Spans per 1,000 words.")
    top_score: float | None
    language: str | None = Field(None, description="The article's language (ISO 639-1), as detected.")


class DocumentsResponse(BaseModel):
    detector: DetectorOut | None
    documents: list[ArticleRowOut]
    next_cursor: str | None = Field(description="Pass as cursor= for the next page; null on the last page.")


class ArticleResponse(AnalyzeResponse):
    """The analyser page's answer for a stored article, with the state of its analysis."""

    status: str = Field(description='"ok", "error" or "not analysed" (by the detector shown).')
    error: str | None


class ExampleOut(BaseModel):
    text: str
    score: float
    voice: str
    speaker: str | None
    start: int
    end: int
    document_id: str
    title: str | None
    outlet: str | None
    published: str | None


class ExamplesResponse(BaseModel):
    technique: str
    name: str
    definition: str
    outlet: str | None
    examples: list[ExampleOut]
