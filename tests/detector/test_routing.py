"""``auto``: each document goes to the detector for its language; an unsupported language or a
missing model is refused before any model runs; every analysis names the detector that ran."""

from __future__ import annotations

import pytest

from spinscope import language
from spinscope.detector.contract import check_detector
from spinscope.detector.loading import DEFAULT_DETECTOR, load_detector
from spinscope.detector.routing import (
    AUTO,
    ENGLISH_DETECTOR,
    MULTILINGUAL_DETECTOR,
    LanguageRouter,
    route,
)
from spinscope.document import Document
from spinscope.errors import ModelNotInstalledError, UnsupportedLanguageError
from spinscope.pipeline import Pipeline
from tests.support.detectors import fake_router
from tests.support.languages import DUTCH, ONE_LINE


def fakes(installed=(ENGLISH_DETECTOR, MULTILINGUAL_DETECTOR)):
    return fake_router(installed)


def documents(*codes):
    return [Document(id=f"{code}-{i}", text=ONE_LINE[code]) for i, code in enumerate(codes)]


def test_route_english_to_the_english_model_and_the_others_to_multilingual():
    assert route("en") == ENGLISH_DETECTOR
    assert {route(code) for code in language.SUPPORTED if code != "en"} == {MULTILINGUAL_DETECTOR}
    with pytest.raises(UnsupportedLanguageError, match="Dutch"):
        route("nl")


def test_router_sends_each_document_to_its_language_detector_in_order():
    router, loaded = fakes()
    analyses = router.predict(documents("en", "ru", "de", "en", "uk"))
    assert [a.document.id for a in analyses] == ["en-0", "ru-1", "de-2", "en-3", "uk-4"]
    assert [a.detector for a in analyses] == ["fake-minilm-ptc", "fake-multilingual", "fake-multilingual",
                                              "fake-minilm-ptc", "fake-multilingual"]
    assert loaded[ENGLISH_DETECTOR].batches == [2] and loaded[MULTILINGUAL_DETECTOR].batches == [3]
    assert all(a.spans for a in analyses)


def test_router_analyses_match_predict_for_one_language_and_for_several():
    router, _ = fakes()
    for docs in (documents("en", "en", "en"), documents("en", "ru", "en")):
        assert list(router.analyses(docs)) == router.predict(docs)


def test_router_uses_the_language_given_with_a_document(monkeypatch):
    router, _ = fakes()
    monkeypatch.setattr("spinscope.detector.routing.detect", lambda text: pytest.fail("detected again"))
    document = Document(id="d", text=ONE_LINE["en"], language="ru")
    assert router.predict([document])[0].detector == "fake-multilingual"


def test_router_refuses_an_unsupported_language_before_any_model_runs():
    router, loaded = fakes()
    with pytest.raises(UnsupportedLanguageError) as caught:
        router.predict([*documents("en"), Document(id="nl", text=DUTCH)])
    assert caught.value.language == "nl" and "Dutch (nl)" in str(caught.value)
    assert all(not d.batches for d in loaded.values())


def test_router_without_the_multilingual_model_says_so_and_english_still_works():
    router, loaded = fakes(installed=(ENGLISH_DETECTOR,))
    assert router.predict(documents("en"))[0].detector == "fake-minilm-ptc"
    with pytest.raises(ModelNotInstalledError, match="the multilingual model is not installed") as caught:
        router.predict(documents("ru"))
    assert caught.value.name == MULTILINGUAL_DETECTOR and "\n" not in str(caught.value)
    assert list(loaded) == [ENGLISH_DETECTOR] and router.installed() == [ENGLISH_DETECTOR]


def test_router_loads_each_detector_once_and_only_when_needed():
    router, loaded = fakes()
    router.predict(documents("en"))
    first = loaded[ENGLISH_DETECTOR]
    router.predict(documents("en", "en"))
    assert list(loaded) == [ENGLISH_DETECTOR] and loaded[ENGLISH_DETECTOR] is first


def test_router_classifies_by_language_too():
    router, _ = fakes()
    analyses = router.predict(documents("pl", "en"))
    assert [a.detector for a in router.classify(analyses)] == ["fake-multilingual", "fake-minilm-ptc"]


def test_router_keeps_the_detector_contract():
    router = LanguageRouter(lambda name: load_detector("lexicon"), lambda name: True)
    check_detector(router, round_trip=False)


def test_auto_is_the_default_and_a_pipeline_over_it_detects_each_language_once(monkeypatch):
    assert DEFAULT_DETECTOR == AUTO and isinstance(load_detector(), LanguageRouter)
    calls = []
    monkeypatch.setattr("spinscope.pipeline.detect", lambda text: calls.append(text) or language.detect(text))
    router, _ = fakes()
    analyses = Pipeline(router).predict(documents("en", "it"))
    assert [a.document.language for a in analyses] == ["en", "it"] and len(calls) == 2
    assert [a.run_label() for a in analyses] == ["English, fake-minilm-ptc model", "Italian, fake-multilingual model"]
