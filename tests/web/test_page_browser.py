"""The page at ``/`` end to end, in Debian's chromium driven by Playwright."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from spinscope import techniques
from spinscope.web import WebSettings

from tests.support.detectors import ARTICLE, PHRASES, LeveledPhraseDetector
from tests.support.browser import ARTIFACTS, expect
from tests.support.http import LiveServer, create_app, start_server, stop_server

REPO = Path(__file__).resolve().parents[2]

XSS_TEXT = ("The shameful traitors wrote <script>window.__xss=1</script> into the page, and "
            'then <img src=x onerror="window.__xss=1"> as well.')

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_default_server() -> Iterator[LiveServer]:
    live = start_server(create_app(settings=WebSettings(workers=1)))
    yield live
    stop_server(live)


def analyse_text(page, server: LiveServer, text: str) -> None:
    page.goto(server.url + "/")
    page.fill("#text-input", text)
    page.click("#analyse-button")
    expect(page.locator("#result")).to_be_visible()


def test_page_example_article_highlights_spans_and_shows_definition(page, live_default_server,
                                                                     example_article):
    analyse_text(page, live_default_server, example_article.read_text(encoding="utf-8"))
    page.check("#possible-toggle")  # every span, whichever level the model gives them
    marks = page.locator("#article mark")
    expect(marks.first).to_be_visible()
    first = marks.first
    first.scroll_into_view_if_needed()
    first.hover()
    technique = techniques.get(first.get_attribute("data-techniques").split()[0])
    expect(page.locator("#details")).to_contain_text(technique.definition)
    expect(page.locator("#details")).to_contain_text(technique.name)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-example-article.png"), full_page=True)


def test_page_overlapping_spans_stay_visible(page, console_errors, live_phrase_server):
    analyse_text(page, live_phrase_server, ARTICLE)
    overlap = page.locator("#article mark.overlap").first
    expect(overlap).to_have_text("traitors")
    overlap.hover()
    details = page.locator("#details .detail-name")
    expect(details).to_have_text([techniques.get("loaded_language").name,
                                  techniques.get("name_calling").name])
    expect(page.locator("#legend li[data-technique='name_calling'] .legend-count")).to_have_text("2")
    expect(page.locator("#article")).to_have_text(ARTICLE)
    assert console_errors == []


def test_page_score_slider_hides_low_scoring_spans(page, live_phrase_server):
    analyse_text(page, live_phrase_server, ARTICLE)
    flag_waving = "#article mark[data-techniques~='flag_waving']"
    expect(page.locator(flag_waving)).to_have_count(1)
    page.fill("#score-slider", "0.5")
    expect(page.locator(flag_waving)).to_have_count(0)
    expect(page.locator("#legend li[data-technique='flag_waving'] .legend-count")).to_have_text("0")
    expect(page.locator("#score-value")).to_have_text("0.50")
    expect(page.locator("#article")).to_have_text(ARTICLE)


def test_page_download_json_saves_the_result(page, live_phrase_server, tmp_path):
    analyse_text(page, live_phrase_server, ARTICLE)
    with page.expect_download() as download_info:
        page.click("#download-button")
    saved = tmp_path / "result.json"
    download_info.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["document"]["text"] == ARTICLE
    assert len(data["spans"]) == sum(ARTICLE.count(phrase) for phrase in PHRASES)


def test_page_script_and_onerror_in_article_do_not_run(page, live_phrase_server):
    analyse_text(page, live_phrase_server, XSS_TEXT)
    payload = page.locator("#article mark[data-techniques~='doubt']")
    expect(payload).to_have_text('<img src=x onerror="window.__xss=1">')
    payload.hover()
    expect(page.locator("#details blockquote")).to_have_text('<img src=x onerror="window.__xss=1">')
    expect(page.locator("#article")).to_have_text(XSS_TEXT)
    assert page.locator("#article script, #article img, #details img").count() == 0
    assert page.evaluate("() => window.__xss") is None


def test_page_error_message_is_shown_as_text(page, live_phrase_server):
    page.goto(live_phrase_server.url + "/")
    page.fill("#url-input", "http://127.0.0.1:1/<img/src=x/onerror=window.__xss=1>")
    page.click("#analyse-button")
    error = page.locator("#error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("<img/src=x/onerror=window.__xss=1>")
    assert page.locator("#error img").count() == 0
    assert page.evaluate("() => window.__xss") is None


def test_page_empty_text_shows_the_api_error(page, live_phrase_server):
    page.goto(live_phrase_server.url + "/")
    page.click("#analyse-button")
    expect(page.locator("#error")).to_contain_text("empty")
    expect(page.locator("#result")).to_be_hidden()


def test_page_offsets_count_code_points_not_utf16_units(page, live_phrase_server):
    text = "Emoji 🙂🙂 first, then the traitors speak."
    analyse_text(page, live_phrase_server, text)
    expect(page.locator("#article mark")).to_have_text(["traitors"])
    expect(page.locator("#article")).to_have_text(text)


@pytest.fixture(scope="module")
def live_leveled_server() -> Iterator[LiveServer]:
    live = start_server(create_app(LeveledPhraseDetector(), WebSettings(workers=1)))
    yield live
    stop_server(live)


def test_page_hides_possible_spans_until_asked_and_the_summary_follows(page, live_leveled_server):
    analyse_text(page, live_leveled_server, ARTICLE)
    flag_waving = "#article mark[data-techniques~='flag_waving']"
    expect(page.locator(flag_waving)).to_have_count(0)
    expect(page.locator("#possible-line")).to_contain_text("1 more possible span")
    expect(page.locator("#result-summary")).to_contain_text("3 likely spans shown")
    expect(page.locator("#result-summary")).to_contain_text("percentile among PTC articles")
    expect(page.locator("#result-summary")).to_contain_text("English, leveled-phrases model")
    page.click("#possible-button")
    expect(page.locator(flag_waving)).to_have_count(1)
    expect(page.locator("#possible-line")).to_be_hidden()
    expect(page.locator("#result-summary")).to_contain_text("4 spans shown")
    page.fill("#score-slider", "0.95")
    expect(page.locator("#article mark")).to_have_count(0)
    expect(page.locator("#result-summary")).to_contain_text("0 spans shown")
    expect(page.locator("#article")).to_have_text(ARTICLE)


def test_html_file_shows_likely_spans_and_its_switch_shows_the_rest(page, tmp_path):
    from spinscope.document import Analysis, Document, Scale, Span
    from spinscope.render.html import page as html_page

    spans = (Span(4, 12, "name_calling", 0.8), Span(54, 73, "flag_waving", 0.3, level="possible"))
    analysis = Analysis(Document("d", ARTICLE), spans, detector="test", scale=Scale(0.5))
    path = tmp_path / "page.html"
    path.write_text(html_page([analysis]), encoding="utf-8")
    page.goto(path.as_uri())
    expect(page.locator("mark:visible")).to_have_count(1)
    expect(page.locator(".switch")).to_contain_text("1 more possible spans")
    page.click(".switch label")
    expect(page.locator("mark:visible")).to_have_count(2)
    page.click(".switch label")
    expect(page.locator("mark:visible")).to_have_count(1)


def test_page_russian_article_runs_the_multilingual_model(page, live_default_server):
    russian = (REPO / "examples" / "rally-speech.ru.txt").read_text(encoding="utf-8")
    analyse_text(page, live_default_server, russian)
    expect(page.locator("#result")).to_contain_text("Russian, multilingual model")
    page.check("#possible-toggle")  # Russian scores sit below the likely cut: show every span
    marks = page.locator("#article mark")
    expect(marks.first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-russian-article.png"), full_page=True)
