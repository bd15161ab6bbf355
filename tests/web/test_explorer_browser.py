"""The corpus explorer end to end, in Debian's chromium driven by Playwright."""

from __future__ import annotations

import csv
from collections.abc import Iterator

import pytest

from spinscope.web import WebSettings

from .explorer_support import XSS_OUTLET, XSS_TEXT, XSS_TITLE, XSS_URL, build_store
from tests.support.browser import ARTIFACTS, expect
from tests.support.detectors import PhraseDetector
from tests.support.http import LiveServer, create_app, start_server, stop_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("explorer-browser") / "news.db"
    build_store(path)
    live = start_server(create_app(PhraseDetector(), WebSettings(workers=1), corpus=path))
    yield live
    stop_server(live)


ROWS = "#documents tbody tr"


def test_explorer_filter_list_article_and_back(page, console_errors, server):
    page.goto(server.url + "/explorer/articles")
    expect(page.locator(ROWS)).to_have_count(12)
    page.select_option("#filter-outlet", "Courier")
    page.select_option("#filter-technique", "flag_waving")
    page.click("#filter-button")
    expect(page.locator(ROWS)).to_have_count(4)
    expect(page.locator("#filter-outlet")).to_have_value("Courier")
    page.locator("a.article-link", has_text="Courier piece 3").click()
    expect(page.locator("#result-title")).to_have_text("Courier piece 3")
    expect(page.locator("#article-meta")).to_contain_text("Courier · 2024-02-04")
    expect(page.locator("#article mark[data-techniques~='flag_waving']")).to_have_count(1)
    page.locator("#article mark.not-outlet").first.hover()
    expect(page.locator("#details")).to_contain_text("quoted: Ann Lee")
    expect(page.locator("a.source-link")).to_have_attribute("href", "https://courier.example/3")
    page.click("#back-link")
    expect(page.locator(ROWS)).to_have_count(4)
    expect(page.locator("#filter-outlet")).to_have_value("Courier")
    expect(page.locator("#filter-technique")).to_have_value("flag_waving")
    assert "outlet=Courier" in page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-articles.png"), full_page=True)
    assert console_errors == []


def test_explorer_search_and_pages(page, console_errors, server):
    page.goto(server.url + "/explorer/articles")
    page.fill("#filter-q", "zebras")
    page.click("#filter-button")
    expect(page.locator(ROWS)).to_have_count(1)
    expect(page.locator(ROWS)).to_contain_text("Zebra weather")
    page.goto(server.url + "/explorer/articles?limit=5&sort=density")
    expect(page.locator(ROWS)).to_have_count(5)
    page.click("#next-page")
    expect(page.locator(ROWS)).to_have_count(5)
    expect(page.locator("#first-page")).to_be_visible()
    assert console_errors == []


def test_explorer_csv_download_has_the_current_filter(page, server, tmp_path):
    page.goto(server.url + "/explorer/articles?outlet=Herald&limit=2")
    expect(page.locator(ROWS)).to_have_count(2)
    with page.expect_download() as download_info:
        page.click("#csv-link")
    saved = tmp_path / "articles.csv"
    download_info.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert len(rows) == 7 and {r["outlet"] for r in rows} == {"Herald"}  # every match, not one page


def test_explorer_overview_draws_rates_and_trends(page, console_errors, server):
    page.goto(server.url + "/explorer")
    expect(page.locator("#outlets tbody tr")).to_have_count(3)
    expect(page.locator("#trend-chart svg polyline")).to_have_count(3)
    page.select_option("#trend-technique", "flag_waving")
    expect(page.locator("#trend-legend li")).to_have_count(3)
    expect(page.locator("#technique-rates tbody tr")).to_have_count(14)
    page.locator("#outlets a", has_text="Courier").click()
    expect(page.locator(ROWS)).to_have_count(4)
    ARTIFACTS.mkdir(exist_ok=True)
    assert console_errors == []


def test_explorer_technique_examples_link_to_articles(page, console_errors, server):
    page.goto(server.url + "/explorer/techniques/loaded_language")
    expect(page.locator("#examples li")).to_have_count(1)
    page.locator("#examples a").first.click()
    expect(page.locator("#article mark[data-techniques~='loaded_language']").first).to_be_visible()
    assert console_errors == []


def test_explorer_hostile_title_outlet_url_and_text_stay_text(page, server):
    page.goto(server.url + "/explorer")
    expect(page.locator("#outlets")).to_contain_text(XSS_OUTLET)
    page.goto(server.url + "/explorer/articles")
    expect(page.locator(ROWS).filter(has_text=XSS_TITLE)).to_have_count(1)
    page.locator("a.article-link", has_text=XSS_TITLE).click()
    expect(page.locator("#result-title")).to_have_text(XSS_TITLE)
    expect(page.locator("#article")).to_contain_text(XSS_TEXT)
    expect(page.locator("#article-meta")).to_contain_text(XSS_URL)
    assert page.locator("a.source-link").count() == 0  # a javascript: URL is never a link
    page.goto(server.url + "/explorer/techniques/doubt")
    expect(page.locator("#examples li")).to_have_count(1)
    expect(page.locator("#examples")).to_contain_text('<img src=x onerror="window.__xss=4">')
    for path in ("/explorer", "/explorer/articles", "/explorer/techniques/doubt"):
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("main script, main img").count() == 0
        assert page.evaluate("() => window.__xss") is None
