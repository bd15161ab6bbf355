"""The corpus report: aggregates by outlet and month, escaping, and charts that render."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.document import Span
from spinscope.errors import StoreError
from spinscope.io.records import record_from_text
from spinscope.report import build_report, month_of, phrase_of, write_report
from spinscope.store import DetectorId, Outcome, Store, utc_now

DETECTOR = DetectorId("first-word", "1")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
FILLER = " and the committee met again on Tuesday to discuss the budget" * 6
HOSTILE = "<script>window.__xss = 1</script>"


def add_analysed(store: Store, text: str, spans: tuple[Span, ...], error: str | None = None, **metadata):
    store.add_records([record_from_text(text, origin=metadata.get("title") or "t", **metadata)])
    (record,) = store.pending(DETECTOR).records
    store.write_outcomes(DETECTOR, [Outcome(record.document.id, spans, error)], utc_now())


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "c.db") as store:
        for month in ("2024-01-15", "2024-02-15"):
            add_analysed(store, f"Traitors! Traitors!{FILLER} {month}", (Span(0, 8, "name_calling"),
                         Span(10, 18, "name_calling")), outlet="Herald", published=month, title=f"H {month}")
        add_analysed(store, f"Shameful lies.{FILLER}", (Span(0, 8, "loaded_language"),),
                     outlet=HOSTILE, published="Tue, 05 Mar 2024 10:00:00 +0000", title=HOSTILE)
        add_analysed(store, "   ", (), error="the text is empty", outlet="Herald", title="empty one")
        yield store


def test_month_of_reads_iso_and_rfc2822_dates():
    assert month_of("2024-03-05T10:00:00Z") == "2024-03"
    assert month_of("Tue, 05 Mar 2024 10:00:00 +0000") == "2024-03"
    assert month_of("last week") == "unknown" and month_of(None) == "unknown"


def test_phrase_of_normalises_and_drops_long_spans():
    assert phrase_of('  "Shameful   LIES!" ') == "shameful lies"
    assert phrase_of("one two three four five six seven") is None


def test_build_report_counts_and_rates_per_outlet_and_month(store):
    report = build_report(store)
    herald = report.outlets["Herald"]
    assert (herald.documents, herald.failed, herald.spans) == (3, 1, 4)
    assert herald.rate("name_calling") == pytest.approx(1000 * 4 / herald.words)
    assert herald.densities == [pytest.approx(16 / len(f"Traitors! Traitors!{FILLER} 2024-01-15"))] * 2
    assert set(report.months) == {"2024-01", "2024-02", "2024-03", "unknown"}
    assert report.top_phrases("Herald") == [("traitors", 4, "name_calling")]
    assert [a.outlet for a in report.top] == ["Herald", "Herald", HOSTILE]
    assert [f.error for f in report.failures] == ["the text is empty"]


def test_build_report_without_analyses_says_what_to_do(tmp_path):
    with Store(tmp_path / "empty.db") as empty, pytest.raises(StoreError, match="corpus analyze"):
        build_report(empty)


def test_write_report_is_self_contained_and_escapes_corpus_text(store, tmp_path):
    out = tmp_path / "report.html"
    write_report(store, out)
    html = out.read_text(encoding="utf-8")
    assert HOSTILE not in html and "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    assert html.count('src="data:image/png;base64,') == 4
    assert "http://" not in html and "https://" not in html


@pytest.mark.browser
def test_report_charts_render_in_chromium(store, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    out = tmp_path / "report.html"
    write_report(store, out)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(out.as_uri())
            page.wait_for_load_state("load")
            sizes = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth,"
                                  " i.naturalHeight, i.getBoundingClientRect().width])")
            injected = page.evaluate("window.__xss")
        finally:
            browser.close()
    assert len(sizes) == 4
    assert all(complete and w > 0 and h > 0 and shown > 0 for complete, w, h, shown in sizes)
    assert injected is None
