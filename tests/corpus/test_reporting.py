"""The corpus report: aggregates by outlet and month, voices and speakers, n and intervals, phrases,
escaping, charts that render, tables that fit the page."""

from __future__ import annotations

import os
import re
from html import unescape
from pathlib import Path

import pytest

from spinscope import techniques
from spinscope.document import Span
from spinscope.errors import StoreError
from spinscope.io.records import record_from_text
from spinscope.quotes import Quote
from spinscope.corpus.intervals import rate_interval
from spinscope.corpus.report_html import rate_text, write_report
from spinscope.corpus.reporting import build_report, function_words_only, month_of, phrase_of, speech_words
from spinscope.corpus.store import DetectorId, Outcome, Store, utc_now
from spinscope.corpus.schema import count_words

from tests.support.browser import chromium
from tests.support.languages import ONE_LINE, RUSSIAN_ARTICLE

DETECTOR = DetectorId("first-word", "1")
FILLER = " and the committee met again on Tuesday to discuss the budget" * 6
HOSTILE = "<script>window.__xss = 1</script>"
HOSTILE_SPEAKER = '<img src=x onerror="window.__xss = 2">'
QUOTING = ("Traitors rule. Ann Lee said \"the traitors lie\". Bo Ek claimed that shameful deals were made."
           " A 'shameful' plan.")


def add_analysed(store: Store, text: str, spans: tuple[Span, ...], error: str | None = None,
                 quotes: tuple[Quote, ...] = (), **metadata):
    store.add_records([record_from_text(text, origin=metadata.get("title") or "t", **metadata)])
    (record,) = store.pending(DETECTOR).records
    store.write_outcomes(DETECTOR, [Outcome(record.document.id, spans, error, quotes)], utc_now())


def at(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    """The [start, end) of the ``occurrence``-th (0-based) ``phrase`` in ``text``."""
    starts = [m.start() for m in re.finditer(re.escape(phrase), text)]
    return starts[occurrence], starts[occurrence] + len(phrase)


def table_after(html: str, *headings: str) -> list[list[str]]:
    """The body rows (cell texts, tags stripped) of the first table after ``headings``, found in turn."""
    for heading in headings:
        html = html[html.index(heading):]
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table)]


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


def add_quoting_articles(store: Store) -> None:
    """Herald: one article with own, quoted, reported and scare-quoted spans, one quoting Ann Lee again;
    Courier: an article in its own voice, and one quoting a speaker with a hostile name."""
    said, claimed, scare = at(QUOTING, "the traitors lie"), at(QUOTING, "shameful deals were made"), \
        at(QUOTING, "shameful", 1)
    spans = (Span(*at(QUOTING, "Traitors"), "name_calling"),
             Span(*at(QUOTING, "traitors"), "name_calling", voice="quoted", speaker="Ann Lee"),
             Span(*at(QUOTING, "shameful"), "loaded_language", voice="reported", speaker="Bo Ek"),
             Span(*scare, "loaded_language"))
    quotes = (Quote(*said, "quoted", "Ann Lee"), Quote(*claimed, "reported", "Bo Ek"), Quote(*scare, "scare"))
    add_analysed(store, QUOTING + FILLER, spans, quotes=quotes, outlet="Herald", title="quoting")
    again = f'Ann  Lee said "no traitors here".{FILLER}'
    add_analysed(store, again, (Span(*at(again, "traitors"), "doubt", voice="quoted", speaker="Ann  Lee"),),
                 quotes=(Quote(*at(again, "no traitors here"), "quoted", "Ann  Lee"),), outlet="Herald")
    own = f"Shameful lies.{FILLER}"
    add_analysed(store, own, (Span(0, 8, "loaded_language"),), outlet="Courier", title="own voice")
    hostile = f'They said "nothing at all".{FILLER}'
    add_analysed(store, hostile, (), quotes=(Quote(*at(hostile, "nothing at all"), "quoted", HOSTILE_SPEAKER),),
                 outlet="Courier", title="hostile speaker")


@pytest.fixture
def quoting_store(tmp_path):
    with Store(tmp_path / "q.db") as store:
        add_quoting_articles(store)
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


def test_speech_words_counts_quoted_and_reported_words_once_and_skips_scare_quotes():
    text = "one two three four five six"
    quotes = (Quote(0, 13, "quoted"), Quote(4, 18, "reported"), Quote(19, 27, "scare"))
    assert speech_words(text, quotes) == 4  # "one two three four"; "five six" is a scare quote


def test_build_report_splits_rates_into_own_voice_and_quoted_speech(quoting_store):
    report = build_report(quoting_store)
    herald, courier = report.outlets["Herald"], report.outlets["Courier"]
    assert (herald.spans, herald.own_spans, herald.speech_spans) == (5, 2, 3)
    assert herald.own_rate() == pytest.approx(1000 * 2 / herald.words)
    assert herald.speech_rate() == pytest.approx(1000 * 3 / herald.words)
    assert herald.own_rate() + herald.speech_rate() == pytest.approx(herald.rate())
    assert herald.speech_share() == pytest.approx(count_words("the traitors lie shameful deals were made "
                                                              "no traitors here") / herald.words)
    assert (courier.own_spans, courier.speech_spans, courier.speech_rate()) == (1, 0, 0.0)


def test_build_report_counts_quotes_and_techniques_of_the_most_quoted_speakers(quoting_store):
    report = build_report(quoting_store)
    assert report.top_speakers("Herald") == [("Ann Lee", 2, [("name_calling", 1), ("doubt", 1)]),
                                             ("Bo Ek", 1, [("loaded_language", 1)])]
    assert report.top_speakers("Courier") == [(HOSTILE_SPEAKER, 1, [])]


def test_write_report_shows_the_voice_split_and_speakers_escaped(quoting_store, tmp_path):
    report = write_report(quoting_store, tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    herald = report.outlets["Herald"]
    voices = {row[0]: row[1:] for row in table_after(html, "<h2>Own voice and quoted speech</h2>")}
    assert voices["Herald n = 2 articles"] == ["5", "2", rate_text(herald.own_interval()), "3",
                                               rate_text(herald.speech_interval()),
                                               f"{100 * herald.speech_share():.1f}%"]
    courier = report.outlets["Courier"]
    assert voices["Courier n = 2 articles"][:5] == ["1", "1", rate_text(courier.own_interval()), "0",
                                                    rate_text(courier.speech_interval())]
    assert set(voices) == {"Herald n = 2 articles", "Courier n = 2 articles", "all n = 4 articles"}
    name_calling, doubt = techniques.get("name_calling").name, techniques.get("doubt").name
    assert table_after(html, "<h2>Most-quoted speakers", "<h3>Herald") == [
        ["Ann Lee", "2", f"{name_calling} (1), {doubt} (1)"],
        ["Bo Ek", "1", f"{techniques.get('loaded_language').name} (1)"]]
    assert '<h3>Herald <span class="meta">(n = 2 articles)</span></h3>' in html
    assert HOSTILE_SPEAKER not in html and "&lt;img src=x onerror=&quot;window.__xss = 2&quot;&gt;" in html
    assert "http://" not in html and "https://" not in html


@pytest.mark.browser
def test_report_charts_render_in_chromium(store, tmp_path):
    out = tmp_path / "report.html"
    write_report(store, out)
    with chromium() as browser:
        page = browser.new_page()
        page.goto(out.as_uri())
        page.wait_for_load_state("load")
        sizes = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth,"
                              " i.naturalHeight, i.getBoundingClientRect().width])")
        injected = page.evaluate("window.__xss")
    assert len(sizes) == 4
    assert all(complete and w > 0 and h > 0 and shown > 0 for complete, w, h, shown in sizes)
    assert injected is None


def row_keys(rows: list[list[str]]) -> dict[str, list[str]]:
    """Rows by their first cell, which is "<name> n = <k> article(s)"."""
    return {row[0]: row[1:] for row in rows}


def test_group_rate_intervals_resample_the_groups_articles(quoting_store):
    herald = build_report(quoting_store).outlets["Herald"]
    words = herald.article_words
    assert herald.n == 2 and len(words) == 2
    assert herald.rate_interval() == rate_interval([4, 1], words)
    assert herald.rate_interval("name_calling") == rate_interval([2, 0], words)
    assert herald.own_interval() == rate_interval([2, 0], words)
    assert herald.speech_interval() == rate_interval([2, 1], words)
    assert herald.rate_interval().value == pytest.approx(herald.rate())
    assert herald.rate_interval().low < herald.rate_interval().high


def test_write_report_shows_n_and_an_interval_next_to_every_outlet_rate(store, tmp_path):
    report = write_report(store, tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    herald, hostile = report.outlets["Herald"], report.outlets[HOSTILE]
    name_calling, loaded = techniques.get("name_calling"), techniques.get("loaded_language")
    by_technique = row_keys(table_after(html, "<h2>Techniques per outlet</h2>"))
    assert by_technique["Herald n = 2 articles"] == [  # columns in catalogue order: loaded language first
        f"0{rate_text(herald.rate_interval(loaded.id), 2)}", f"4{rate_text(herald.rate_interval(name_calling.id), 2)}"]
    assert by_technique[f"{HOSTILE} n = 1 article"][0] == f"1{rate_text(hostile.rate_interval(loaded.id), 2)}"
    outlets = row_keys(table_after(html, "<h2>Outlets</h2>"))
    assert outlets["Herald n = 2 articles"][4] == rate_text(herald.rate_interval())
    low, high = herald.rate_interval().low, herald.rate_interval().high
    assert rate_text(herald.rate_interval()) == f"{herald.rate():.1f} ({low:.1f}–{high:.1f})"
    voices = row_keys(table_after(html, "<h2>Own voice and quoted speech</h2>"))
    assert set(voices) == {"Herald n = 2 articles", f"{HOSTILE} n = 1 article", "all n = 3 articles"}
    for rows in (by_technique, outlets, voices):
        rates = [cell for cells in rows.values() for cell in cells if re.search(r"\d\.\d+ \(", cell)]
        assert rates and all(re.search(r"\d\.\d+ \((\d+\.\d+–\d+\.\d+|n = 1, no interval)\)$", c) for c in rates)
    phrases = html.split("<h2>Most frequent flagged phrases per outlet</h2>", 1)[1]
    assert '<h3>Herald <span class="meta">(n = 2 articles)</span></h3>' in phrases


def test_write_report_gives_a_one_article_outlet_its_rate_without_an_interval(quoting_store, tmp_path):
    with quoting_store as store:
        lone = f"Shameful lies again.{FILLER}"
        add_analysed(store, lone, (Span(0, 8, "loaded_language"),), outlet="Lone Gazette", title="lone")
        report = write_report(store, tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    lone_group = report.outlets["Lone Gazette"]
    assert lone_group.n == 1 and lone_group.rate_interval().method == "none"
    outlets = row_keys(table_after(html, "<h2>Outlets</h2>"))
    assert outlets["Lone Gazette n = 1 article"][4] == f"{lone_group.rate():.1f} (n = 1, no interval)"
    assert lone_group.rate() > 0
    voices = row_keys(table_after(html, "<h2>Own voice and quoted speech</h2>"))
    assert voices["Lone Gazette n = 1 article"][2] == f"{lone_group.own_rate():.1f} (n = 1, no interval)"


def test_build_report_counts_a_phrase_once_per_occurrence(tmp_path):
    text = f"The traitors! They are traitors, and our nation weeps.{FILLER}"
    first, second = at(text, "traitors"), at(text, "traitors", 1)
    spans = (Span(first[0], first[1] + 1, "name_calling"),  # "traitors!" and "traitors": the same words
             Span(*first, "loaded_language"),
             Span(*second, "name_calling"),
             Span(*at(text, "our nation"), "flag_waving"))
    with Store(tmp_path / "p.db") as store:
        add_analysed(store, text, spans, outlet="Herald", title="once")
        report = build_report(store)
    assert report.phrases["Herald"] == {"traitors": 2, "our nation": 1}
    assert report.phrase_techniques[("Herald", "traitors")] == {"name_calling": 2, "loaded_language": 1}
    assert report.top_phrases("Herald")[0] == ("traitors", 2, "name_calling")


def test_build_report_skips_phrases_of_function_words_only(tmp_path):
    text = f"Our people and the nation: we will win for our great country.{FILLER}"
    spans = (Span(*at(text, "Our"), "flag_waving"), Span(*at(text, "the"), "flag_waving"),
             Span(*at(text, "we will"), "slogans"), Span(*at(text, "our great country"), "flag_waving"))
    with Store(tmp_path / "f.db") as store:
        add_analysed(store, text, spans, outlet="Herald", title="function words")
        report = build_report(store)
    assert report.phrases["Herald"] == {"our great country": 1}
    assert function_words_only("our") and function_words_only("we will") and function_words_only("...")
    assert not function_words_only("american") and not function_words_only("our nation")


def test_write_report_has_monthly_rates_per_technique(store, tmp_path):
    report = write_report(store, tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    rows = row_keys(table_after(html, "<h3>Techniques per month</h3>"))
    assert list(rows) == ["2024-01 n = 1 article", "2024-02 n = 1 article", "2024-03 n = 1 article"]
    loaded, name_calling = "loaded_language", "name_calling"
    january, march = report.months["2024-01"], report.months["2024-03"]
    assert rows["2024-01 n = 1 article"] == [rate_text(january.rate_interval(), 2),
                                             rate_text(january.rate_interval(loaded), 2),
                                             rate_text(january.rate_interval(name_calling), 2)]
    assert rows["2024-03 n = 1 article"][1] == rate_text(march.rate_interval(loaded), 2)
    assert january.rate_interval(name_calling).value == pytest.approx(1000 * 2 / january.words)
    header = html.split("<h3>Techniques per month</h3>", 1)[1].split("</thead>", 1)[0]
    assert [unescape(h) for h in re.findall(r"<th(?: [^>]*)?>(.*?)</th>", header)] == [
        "month", "all techniques", techniques.get(loaded).name, techniques.get(name_calling).name]


def test_write_report_puts_every_table_in_a_scroll_container(quoting_store, tmp_path):
    write_report(quoting_store, tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count("<table>") > 5
    assert html.count("<table>") == html.count('<div class="wide"><table>')
    assert re.search(r"\.wide \{[^}]*overflow-x: auto", html)


def add_wide_corpus(store: Store) -> None:
    """Outlets with long names, every technique in every article, a year of months: a wide report."""
    ids = [t.id for t in techniques.TECHNIQUES]
    text = " ".join(f"word{i}" for i in range(len(ids))) + FILLER
    for month in range(1, 13):
        for outlet in ("The Extraordinarily Long-Named Evening Chronicle of Record", "Herald", "Gazette"):
            body = f"{text} {outlet} {month}"
            spans = tuple(Span(*at(body, f"word{i} "), t) for i, t in enumerate(ids))
            add_analysed(store, body, spans, outlet=outlet, published=f"2024-{month:02d}-10",
                         title=f"{outlet} in month {month} " + "unbroken" * 30)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 800])
def test_report_fits_the_page_in_chromium(tmp_path, width):
    out = tmp_path / "report.html"
    with Store(tmp_path / "wide.db") as store:
        add_wide_corpus(store)
        write_report(store, out)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(out.as_uri())
        page.wait_for_load_state("load")
        page_width, view_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        boxes = page.evaluate("Array.from(document.querySelectorAll('table')).map(t => {"
                              " const box = t.parentElement, r = box.getBoundingClientRect();"
                              " return [getComputedStyle(box).overflowX, r.left, r.right,"
                              " box.scrollWidth > box.clientWidth]; })")
        shots = os.environ.get("SPINSCOPE_SCREENSHOTS")
        if shots:
            page.screenshot(path=str(Path(shots) / f"report-{width}.png"), full_page=True)
    assert page_width <= view_width
    assert boxes and all(overflow == "auto" and left >= 0 and right <= view_width
                         for overflow, left, right, _ in boxes)
    assert any(scrolls for *_, scrolls in boxes)  # the technique tables are wider than the page and scroll


def test_report_splits_by_language_and_the_detector_that_ran(tmp_path):
    db, auto = tmp_path / "c.db", DetectorId("auto", "1")
    ran = {"en": "minilm-ptc", "ru": "multilingual", "uk": "multilingual"}
    with Store(db) as store:
        store.add_records([record_from_text(ONE_LINE[code], origin=code) for code in ("en", "ru", "uk")]
                          + [record_from_text(RUSSIAN_ARTICLE, origin="ru")])
        records = store.pending(auto).records
        store.write_outcomes(auto, [Outcome(r.document.id, (Span(0, 4, "doubt"),), detector=ran[r.origin])
                                    for r in records], utc_now())
        report = build_report(store)
        write_report(store, tmp_path / "r.html")
    assert {key: group.documents for key, group in report.languages.items()} == {
        "Russian, multilingual model": 2, "English, minilm-ptc model": 1, "Ukrainian, multilingual model": 1}
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<h2>Languages</h2>" in page and "Russian, multilingual model" in page


def test_function_words_only_knows_the_phrases_language():
    assert function_words_only("наша", "ru") and function_words_only("und die", "de")
    assert not function_words_only("наша страна", "ru") and not function_words_only("наша")
    assert not function_words_only("war") and function_words_only("war", "de")  # German "was"
