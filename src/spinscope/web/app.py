"""The FastAPI app: the page at ``/`` and the JSON API under ``/api``.

The detector is loaded once, when the app is created, and shared by all requests;
analyses run in a bounded thread pool (see ``runner``), and fetching and extracting pages
(URL and HTML requests) in a second one, so that slow or hostile pages wait on each other
and never on, or in front of, the analyses of plain text. Routes only parse, call one
function and render; errors become JSON in ``errors``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline

from spinscope import __version__, techniques
from spinscope.detector.base import Detector
from spinscope.io.deadline import Deadline
from spinscope.pipeline import Pipeline, load
from spinscope.resources import thread_plan
from spinscope.web.errors import install_error_handlers
from spinscope.web.explorer import install_explorer
from spinscope.web.inputs import analyse_document, analyse_request, document_for
from spinscope.web.limits import BodySizeLimit, require_json
from spinscope.web.payload import analysis_response, catalogue
from spinscope.web.perimeter import Perimeter
from spinscope.web.runner import BoundedRunner
from spinscope.web.schemas import AnalyzeRequest, AnalyzeResponse, ErrorOut, HealthOut, TechniqueOut
from spinscope.web.settings import WebSettings

HERE = Path(__file__).parent
TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))
ERROR_RESPONSES = {code: {"model": ErrorOut} for code in (400, 401, 413, 415, 422, 502, 503, 504)}

api = APIRouter(prefix="/api")
service = APIRouter()
pages = APIRouter(include_in_schema=False)


@api.post("/analyze", response_model=AnalyzeResponse, responses=ERROR_RESPONSES,
          dependencies=[Depends(require_json)])
async def analyze(body: AnalyzeRequest, request: Request) -> AnalyzeResponse:
    """Find the technique spans in an article given as text, HTML or a URL."""
    state = request.app.state
    deadline = Deadline.after(state.settings.timeout_s)  # the work stops when the request times out
    if body.text is not None:
        analysis = await state.runner.run(analyse_request, body, state.detector, state.settings, deadline)
    else:  # a page is fetched and extracted by the page workers: a slow one never holds an analysis worker
        document = await state.pages.run(document_for, body, state.settings, deadline)
        analysis = await state.runner.run(analyse_document, document, state.detector, deadline,
                                          timeout_s=deadline.remaining())
    return analysis_response(analysis)


@api.get("/techniques", response_model=list[TechniqueOut])
async def list_techniques() -> list[TechniqueOut]:
    """The catalogue of techniques, with definitions and display colours."""
    return catalogue()


@service.get("/healthz", response_model=HealthOut)
async def health(request: Request) -> HealthOut:
    """Liveness, and which detector answers."""
    return HealthOut(status="ok", detector=request.app.state.detector.name, version=__version__)


@pages.get("/", response_class=HTMLResponse)
async def page(request: Request) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, "index.html", {
        "techniques": techniques.TECHNIQUES,
        "detector": request.app.state.detector.name,
        "max_chars": request.app.state.settings.max_chars,
    })


def create_app(detector: Detector | None = None, settings: WebSettings | None = None,
               detector_name: str | None = None, corpus: str | Path | None = None) -> FastAPI:
    """The web app around ``detector`` (default: ``load(detector_name)``, loaded now); with
    ``corpus``, the path of a store, also the corpus explorer over it (opened read-only)."""
    settings = settings or WebSettings()
    plan = thread_plan(settings.workers)  # web workers x encoder threads <= usable cores
    detector = Pipeline(detector) if detector is not None else load(detector_name, threads=plan.detector_threads)
    runner = BoundedRunner(settings.workers, settings.max_waiting, settings.timeout_s)
    # page threads mostly wait (on the network, on the extraction subprocess), so they are not
    # counted in the thread plan's cores
    page_runner = BoundedRunner(settings.page_workers, settings.max_waiting, settings.timeout_s, "spinscope-pages")

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        runner.shutdown()
        page_runner.shutdown()
        detector.close()

    # FastAPIOffline serves Swagger UI's and ReDoc's assets from the package, not a CDN
    app = FastAPIOffline(title="spinscope", version=__version__, lifespan=lifespan,
                         description="Find and name propaganda techniques in news articles.")
    app.state.detector, app.state.settings, app.state.runner, app.state.pages = detector, settings, runner, page_runner
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(Perimeter, settings=settings)  # added last, so it runs first (outermost)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for router in (api, service, pages):
        app.include_router(router)
    if corpus is not None:
        install_explorer(app, corpus)
    return app
