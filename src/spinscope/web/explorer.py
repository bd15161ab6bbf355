"""The corpus explorer: pages under ``/explorer`` and their JSON API under ``/api/corpus``.

Served only when ``spinscope serve --db PATH`` names a store, which is opened read-only
(``corpus.explorer``). Routes parse, call one query and render; the pages are small
shells whose script fetches the API and writes every value with ``textContent``.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse
from fastapi.templating import Jinja2Templates

from spinscope import techniques
from spinscope.language import name_of
from spinscope.corpus.explorer import ArticleRow, Explorer
from spinscope.corpus.explorer_overview import INTERVAL_METHOD, Overview, OverviewCache
from spinscope.corpus.intervals import Rate
from spinscope.corpus.store import DetectorId
from spinscope.web.explorer_schemas import (ArticleResponse, ArticleRowOut, DetectorOut, DocumentQuery,
                                            DocumentsResponse, ExampleOut, ExampleQuery, ExamplesResponse,
                                            OutletOut, OutletsResponse, RateOut, TechniqueRateOut, TrendOut,
                                            TrendPointOut, TrendsResponse, known_technique)
from spinscope.web.payload import analysis_response
from spinscope.web.schemas import ErrorOut

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
ERRORS = {code: {"model": ErrorOut} for code in (404, 422)}
CSV_COLUMNS = ("id", "title", "outlet", "published", "url", "words", "spans", "spans_per_1000_words", "top_score",
               "language")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NO_ANALYSES = "this store has no analyses yet; run `spinscope corpus analyze` on it first"

api = APIRouter(prefix="/api/corpus", tags=["corpus explorer"])
pages = APIRouter(prefix="/explorer", include_in_schema=False)


class Corpus:
    """The explorer and its cached overview, shared by all requests of one app."""

    def __init__(self, path: str | Path) -> None:
        self.explorer = Explorer(path)
        self.cache = OverviewCache(self.explorer)

    def overview(self) -> Overview:
        return self.cache.get()

    def detector(self) -> DetectorId | None:
        return self.overview().detector

    def warm(self) -> None:
        """Compute the overview in the background, so that the first visitor does not wait for it."""
        threading.Thread(target=self.cache.get, name="explorer-overview", daemon=True).start()


def corpus(request: Request) -> Corpus:
    return request.app.state.corpus


CorpusDep = Annotated[Corpus, Depends(corpus)]


def detector_out(detector: DetectorId | None) -> DetectorOut | None:
    return DetectorOut(name=detector.name, version=detector.version) if detector else None


def rate_out(rate: Rate) -> RateOut:
    return RateOut(**rate.to_dict())


def technique_or_404(technique: str) -> str:
    try:
        return known_technique(technique)
    except ValueError as problem:
        raise HTTPException(404, str(problem)) from None


# -- API ----------------------------------------------------------------------------------

@api.get("/outlets", response_model=OutletsResponse, responses=ERRORS)
def outlets(state: CorpusDep) -> OutletsResponse:
    """Every outlet: articles, spans per 1,000 words with a 95% interval, overall and per technique."""
    overview = state.overview()
    return OutletsResponse(
        detector=detector_out(overview.detector), articles=overview.articles, interval=INTERVAL_METHOD,
        message=None if overview.detector else NO_ANALYSES,
        outlets=[OutletOut(outlet=o.outlet, articles=o.articles, words=o.words, spans=o.spans,
                           rate=rate_out(o.rate),
                           techniques=[TechniqueRateOut(technique=t.technique, name=techniques.get(t.technique).name,
                                                        spans=t.spans, rate=rate_out(t.rate)) for t in o.techniques])
                 for o in overview.outlets])


@api.get("/trends", response_model=TrendsResponse, responses=ERRORS)
def trends(state: CorpusDep, technique: Annotated[str | None, Query(description="A technique id; "
           "none: all spans.")] = None, outlet: Annotated[str | None, Query(max_length=500)] = None
           ) -> TrendsResponse:
    """Spans per 1,000 words per month and outlet (articles without a usable date are left out)."""
    try:
        technique = known_technique(technique or None)
    except ValueError as problem:
        raise HTTPException(422, f"malformed request: query.technique: {problem}") from None
    overview = state.overview()
    series = overview.trends(technique, outlet or None)
    return TrendsResponse(technique=technique, months=list(overview.months),
                          series=[TrendOut(outlet=s.outlet, points=[TrendPointOut(**vars(p)) for p in s.points])
                                  for s in series])


@api.get("/documents", response_model=DocumentsResponse, responses=ERRORS)
def documents(state: CorpusDep, query: Annotated[DocumentQuery, Query()]) -> DocumentsResponse:
    """One page of the analysed articles that match the filters (keyset pagination: pass next_cursor)."""
    detector = state.detector()
    page = state.explorer.documents(detector, query.filters(), query.decoded_cursor(), query.limit)
    return DocumentsResponse(detector=detector_out(detector), next_cursor=page.next_cursor,
                             documents=[ArticleRowOut(**vars(row)) for row in page.articles])


@api.get("/documents.csv", responses={200: {"content": {"text/csv": {}}}, **ERRORS})
def documents_csv(state: CorpusDep, query: Annotated[DocumentQuery, Query()]) -> StreamingResponse:
    """Every article that matches the filters (cursor and limit are ignored), as CSV."""
    rows = state.explorer.iter_documents(state.detector(), query.filters())
    return StreamingResponse(csv_lines(rows), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="spinscope-articles.csv"'})


@api.get("/documents/{document_id}", response_model=ArticleResponse, responses=ERRORS)
def document(state: CorpusDep, document_id: str) -> ArticleResponse:
    """One article with its spans (by the detector shown), as POST /api/analyze answers."""
    found = state.explorer.article(state.detector(), document_id)
    if found is None:
        raise HTTPException(404, f"no article with id {document_id!r} in this store")
    answer = analysis_response(found.analysis)
    return ArticleResponse(**answer.model_dump(), status=found.status, error=found.error)


@api.get("/techniques/{technique}/examples", response_model=ExamplesResponse, responses=ERRORS)
def examples(state: CorpusDep, technique: str, query: Annotated[ExampleQuery, Query()]) -> ExamplesResponse:
    """Distinct phrases flagged with the technique (in one outlet), strongest first, with their articles."""
    entry = techniques.get(technique_or_404(technique))
    found = state.explorer.examples(state.detector(), entry.id, query.outlet or None, query.limit)
    return ExamplesResponse(technique=entry.id, name=entry.name, definition=entry.definition,
                            outlet=query.outlet or None, examples=[ExampleOut(**vars(e)) for e in found])


def csv_cell(value: object) -> object:
    """A value as a spreadsheet shows it, never as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(rows: Iterator[ArticleRow]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for count, row in enumerate(rows, 1):
        writer.writerow([csv_cell(row.id), csv_cell(row.title), csv_cell(row.outlet), csv_cell(row.published),
                         csv_cell(row.url), row.words, row.spans, round(row.density, 4), row.top_score,
                         row.language])
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# -- pages --------------------------------------------------------------------------------

def shell(request: Request, template: str, status: int = 200, **context: object) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, template, {"techniques": techniques.TECHNIQUES, **context},
                                      status_code=status)


@pages.get("", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    return shell(request, "explorer_overview.html", page="overview")


@pages.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, state: CorpusDep) -> HTMLResponse:
    return shell(request, "explorer_articles.html", page="articles", outlets=state.explorer.outlets(),
                 languages=[(code, name_of(code)) for code in state.explorer.languages()], query=request.query_params)


@pages.get("/articles/{document_id}", response_class=HTMLResponse)
def article_page(request: Request, state: CorpusDep, document_id: str) -> HTMLResponse:
    exists = state.explorer.exists(document_id)
    return shell(request, "explorer_article.html", 200 if exists else 404, page="article",
                 document_id=document_id, back=request.url.query)


@pages.get("/techniques/{technique}", response_class=HTMLResponse)
def technique_page(request: Request, state: CorpusDep, technique: str) -> HTMLResponse:
    known = technique in techniques.TECHNIQUE_IDS
    return shell(request, "explorer_technique.html", 200 if known else 404, page="technique",
                 technique=techniques.get(technique) if known else None, requested=technique,
                 outlets=state.explorer.outlets(), outlet=request.query_params.get("outlet", ""))


def install_explorer(app: FastAPI, path: str | Path) -> None:
    """Add the explorer over the store at ``path`` (opened read-only) to ``app``."""
    app.state.corpus = Corpus(path)
    app.state.corpus.warm()
    app.include_router(api)
    app.include_router(pages)
