"""The HTTP API, in process: answers, summaries and every error status."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from spinscope import techniques
from spinscope.detector.loading import DEFAULT_DETECTOR
from spinscope.errors import ConfigError
from spinscope.web import WebSettings

from tests.support.detectors import ARTICLE, BlockingDetector, LeveledPhraseDetector, PhraseDetector, fake_router
from tests.support.http import LOCAL, create_app, local_client
from tests.support.languages import DUTCH, ONE_LINE

if TYPE_CHECKING:
    import httpx
    from fastapi.testclient import TestClient


def analyze(client: TestClient, **body: object) -> httpx.Response:
    return client.post("/api/analyze", json=body)


def test_analyze_text_returns_spans_with_catalogue_entries(client):
    response = analyze(client, text=ARTICLE)
    assert response.status_code == 200
    data = response.json()
    assert data["document"]["text"] == ARTICLE
    assert data["detector"] == "phrases"
    first = data["spans"][0]
    technique = techniques.get(first["technique"])
    assert ARTICLE[first["start"]:first["end"]] == first["text"]
    assert (first["name"], first["definition"], first["colour"]) == (
        technique.name, technique.definition, technique.colour)


def test_analyze_overlapping_spans_are_all_returned(client):
    spans = analyze(client, text=ARTICLE).json()["spans"]
    found = {(s["text"], s["technique"]) for s in spans}
    assert ("shameful traitors", "loaded_language") in found
    assert ("traitors", "name_calling") in found
    assert len(spans) == 4


def test_analyze_summary_counts_every_technique_and_density(client):
    summary = analyze(client, text=ARTICLE).json()["summary"]
    assert list(summary["counts"]) == list(techniques.TECHNIQUE_IDS)
    assert summary["counts"]["name_calling"] == 2
    assert summary["counts"]["repetition"] == 0
    covered = len("shameful traitors") + len("our glorious nation") + len("traitors")
    assert summary["density"] == round(covered / len(ARTICLE), 4)
    assert summary["spans"] == 4 and summary["characters"] == len(ARTICLE)


def test_analyze_text_without_spans_is_an_empty_list(client):
    data = analyze(client, text="The weather was mild on Tuesday.").json()
    assert data["spans"] == [] and data["summary"]["density"] == 0.0


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_analyze_empty_text_is_400(client, text):
    response = analyze(client, text=text)
    assert response.status_code == 400
    assert "empty" in response.json()["error"]


def test_analyze_oversized_body_is_413():
    app = create_app(PhraseDetector(), WebSettings(max_body_bytes=1000))
    with local_client(app) as client:
        response = analyze(client, text="word " * 500)
    assert response.status_code == 413
    assert "1,000 bytes" in response.json()["error"]


def test_analyze_oversized_chunked_body_is_413():
    app = create_app(PhraseDetector(), WebSettings(max_body_bytes=1000))
    chunks = (b'{"text": "' + b"x" * 400 for _ in range(5))
    with local_client(app) as client:
        response = client.post("/api/analyze", content=chunks,
                               headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_analyze_text_over_max_chars_is_413():
    with local_client(create_app(PhraseDetector(), WebSettings(max_chars=50))) as client:
        response = analyze(client, text=ARTICLE)
    assert response.status_code == 413
    assert "over the limit of 50" in response.json()["error"]


@pytest.mark.parametrize("headers", [{"content-type": "text/plain"},
                                     {"content-type": "application/x-www-form-urlencoded"},
                                     {}])
def test_analyze_wrong_content_type_is_415(client, headers):
    response = client.post("/api/analyze", content=b'{"text": "hello"}', headers=headers)
    assert response.status_code == 415
    assert "application/json" in response.json()["error"]


def test_analyze_json_with_charset_is_accepted(client):
    response = client.post("/api/analyze", content=b'{"text": "hello"}',
                           headers={"content-type": "application/json; charset=utf-8"})
    assert response.status_code == 200


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"', b'{"text": 42}', b"{}",
                                  b'{"text": "a", "url": "http://example.org"}',
                                  b'{"txt": "typo in the key"}', b'{"url": "ftp://example.org/a"}',
                                  b'{"url": "http://[bad/"}', b'{"url": "http://example.org/a b"}',
                                  b'{"url": "http:///no-host"}'])
def test_analyze_malformed_request_is_422(client, body):
    response = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"].startswith("malformed request")


def test_analyze_two_inputs_names_the_problem(client):
    error = analyze(client, text="a", html="<p>b</p>").json()["error"]
    assert "exactly one of text, url or html" in error


def test_analyze_get_is_405_json(client):
    response = client.get("/api/analyze")
    assert response.status_code == 405 and "error" in response.json()


def test_unknown_route_is_404_json(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.json() == {"error": "Not Found"}


def test_analyze_detector_failure_is_500_json():
    class BrokenDetector(PhraseDetector):
        def predict(self, documents):
            raise RuntimeError("boom")

    with local_client(create_app(BrokenDetector()), raise_server_exceptions=False) as client:
        response = analyze(client, text=ARTICLE)
    assert response.status_code == 500
    assert "internal error" in response.json()["error"]


def test_analyze_slow_detector_is_504():
    detector = BlockingDetector()
    app = create_app(detector, WebSettings(timeout_s=0.2, workers=1))
    try:
        with local_client(app) as client:
            response = analyze(client, text=ARTICLE)
    finally:
        detector.release.set()
    assert response.status_code == 504
    assert "longer than 0.2 s" in response.json()["error"]


def test_analyze_beyond_queue_is_503_and_first_request_completes():
    import httpx

    detector = BlockingDetector()
    app = create_app(detector, WebSettings(workers=1, max_waiting=0))

    async def two_requests() -> tuple[httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
            first = asyncio.create_task(client.post("/api/analyze", json={"text": ARTICLE}))
            assert await asyncio.to_thread(detector.started.wait, 60)
            second = await client.post("/api/analyze", json={"text": ARTICLE})
            detector.release.set()
            return await first, second

    try:
        first, second = asyncio.run(two_requests())
    finally:
        detector.release.set()
    assert first.status_code == 200
    assert second.status_code == 503
    assert second.headers["retry-after"] and "busy" in second.json()["error"]


def test_analyze_waiting_requests_are_queued_not_refused():
    import httpx

    app = create_app(PhraseDetector(), WebSettings(workers=1, max_waiting=8))

    async def many_requests() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
            return await asyncio.gather(*(client.post("/api/analyze", json={"text": ARTICLE})
                                          for _ in range(9)))

    assert [r.status_code for r in asyncio.run(many_requests())] == [200] * 9


def test_techniques_lists_the_catalogue(client):
    data = client.get("/api/techniques").json()
    assert [t["id"] for t in data] == list(techniques.TECHNIQUE_IDS)
    assert data[0]["definition"] == techniques.TECHNIQUES[0].definition


def test_healthz_names_the_detector(client):
    assert client.get("/healthz").json()["detector"] == "phrases"
    assert "/healthz" in client.get("/openapi.json").json()["paths"]


def test_openapi_documents_the_analyze_route(client):
    schema = client.get("/openapi.json").json()
    assert "/api/analyze" in schema["paths"]
    assert "AnalyzeRequest" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_page_lists_every_technique(client):
    response = client.get("/")
    assert response.status_code == 200
    for technique in techniques.TECHNIQUES:
        assert f'data-technique="{technique.id}"' in response.text
    assert client.get("/static/app.js").status_code == 200


def test_page_allows_only_its_own_scripts(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_create_app_without_detector_uses_the_default():
    app = create_app(settings=WebSettings(workers=1))
    with local_client(app) as client:
        assert client.get("/healthz").json()["detector"] == DEFAULT_DETECTOR
        assert analyze(client, text=ARTICLE).status_code == 200


def test_web_settings_rejects_impossible_limits():
    with pytest.raises(ConfigError):
        WebSettings(workers=0)
    with pytest.raises(ConfigError):
        WebSettings(timeout_s=0)


def test_analyze_reports_quotes_and_span_voices(client):
    text = "Critics spoke. “The shameful traitors must go,” Vladimir Putin said. Only the traitors profit."
    data = analyze(client, text=text).json()
    voices = {(s["start"], s["voice"], s["speaker"]) for s in data["spans"]}
    quoted_at = text.index("shameful")
    assert (quoted_at, "quoted", "Vladimir Putin") in voices
    assert (text.rindex("traitors"), "outlet", None) in voices
    assert data["quotes"][0]["speaker"] == "Vladimir Putin" and data["quotes"][0]["kind"] == "quoted"


def test_openapi_describes_voice_speaker_and_quotes(client):
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    span = schemas["SpanOut"]["properties"]
    assert "outlet" in span["voice"]["description"] and "speaker" in span
    assert "quotes" in schemas["AnalyzeResponse"]["properties"]
    assert "reported" in schemas["QuoteOut"]["properties"]["kind"]["description"]


def test_docs_page_works_offline(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn." not in page.text and "unpkg" not in page.text
    script = page.text.split('src="')[1].split('"')[0]
    asset = client.get(script)
    assert asset.status_code == 200 and "SwaggerUIBundle" in asset.text


@pytest.mark.parametrize("field", ["text", "html"])
def test_analyze_lone_surrogate_is_4xx_not_500(client, field):
    body = '{"%s": "The traitors \\ud800 lied again and again in the capital today."}' % field
    response = client.post("/api/analyze", content=body.encode("ascii"), headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500, response.text
    assert "surrogate" in response.json()["error"] or field == "html"


def test_analyze_text_over_max_chars_gives_the_web_remedy():
    with local_client(create_app(PhraseDetector(), WebSettings(max_chars=50))) as client:
        response = analyze(client, text=ARTICLE)
    assert "up to 50 characters" in response.json()["error"] and "--max-chars" not in response.json()["error"]


def test_analyze_keeps_every_span_with_its_level_and_technique_score():
    with local_client(create_app(LeveledPhraseDetector())) as leveled:
        data = analyze(leveled, text=ARTICLE).json()
    levels = {s["text"]: s["level"] for s in data["spans"]}
    assert levels["our glorious nation"] == "possible" and levels["traitors"] == "likely"
    assert all(s["technique_score"] == 0.5 for s in data["spans"])
    summary = data["summary"]
    assert (summary["spans"], summary["likely"], summary["possible"], summary["likely_cut"]) == (4, 3, 1, 0.5)
    assert summary["likely_counts"]["flag_waving"] == 0 and summary["counts"]["flag_waving"] == 1
    assert 0 < summary["likely_percentile"] <= summary["percentile"] <= 100
    assert len(summary["reference_densities"]) == 101


def test_openapi_explains_each_score_in_one_line(client):
    fields = client.get("/openapi.json").json()["components"]["schemas"]["SpanOut"]["properties"]
    assert "probability that the span is propaganda" in fields["score"]["description"]
    assert "probability that the technique named is the right one" in fields["technique_score"]["description"]
    assert '"likely"' in fields["level"]["description"]


def test_page_legend_explains_the_score_and_offers_possible_spans(client):
    page = client.get("/").text
    assert 'id="score-help"' in page and "probability that a span is propaganda" in page
    assert 'id="possible-toggle"' in page


def test_analyze_names_the_language_and_the_detector_that_ran(client):
    body = analyze(client, text=ARTICLE).json()
    assert (body["language"], body["detector"], body["run"]) == ("en", "phrases", "English, phrases model")


def test_analyze_under_auto_routes_by_language_and_names_the_detector_that_ran():
    router, _ = fake_router()
    with local_client(create_app(router, WebSettings(workers=1))) as auto_client:
        assert auto_client.get("/healthz").json()["detector"] == "auto"
        body = analyze(auto_client, text=ONE_LINE["ru"]).json()
        assert (body["language"], body["detector"], body["run"]) == (
            "ru", "fake-multilingual", "Russian, fake-multilingual model")
        assert analyze(auto_client, text=ONE_LINE["en"]).json()["detector"] == "fake-minilm-ptc"


def test_analyze_an_unsupported_language_is_422_naming_it():
    router, _ = fake_router()
    with local_client(create_app(router, WebSettings(workers=1))) as auto_client:
        response = analyze(auto_client, text=DUTCH)
    assert response.status_code == 422 and response.json()["language"] == "nl"
    assert "Dutch (nl)" in response.json()["error"] and "supported: English, Russian" in response.json()["error"]


def test_analyze_without_the_multilingual_model_is_422_saying_so():
    router, _ = fake_router(installed=("minilm-ptc",))
    with local_client(create_app(router, WebSettings(workers=1))) as auto_client:
        response = analyze(auto_client, text=ONE_LINE["uk"])
    assert response.status_code == 422 and "the multilingual model is not installed" in response.json()["error"]


def test_openapi_describes_the_language_and_the_detector(client):
    properties = client.get("/openapi.json").json()["components"]["schemas"]["AnalyzeResponse"]["properties"]
    assert "ISO 639-1" in properties["language"]["description"]
    assert "auto" in properties["detector"]["description"] and "Russian" in properties["run"]["description"]
