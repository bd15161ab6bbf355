"""The corpus explorer's API and pages, in process: answers, filters, pagination, errors, escaping."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from spinscope.corpus.store import Store
from spinscope.errors import StoreError

from .explorer_support import XSS_OUTLET, XSS_TEXT, XSS_TITLE, XSS_URL, build_store
from tests.support.detectors import PhraseDetector
from tests.support.http import create_app, local_client


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("explorer") / "news.db"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def stored(store_path):
    from .explorer_support import article_specs
    return article_specs()


@pytest.fixture
def explorer(store_path):
    with local_client(create_app(PhraseDetector(), corpus=store_path)) as client:
        yield client


def ids_of(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [d["id"] for d in response.json()["documents"]]


def titles(client, **params) -> list[str]:
    response = client.get("/api/corpus/documents", params=params)
    assert response.status_code == 200, response.text
    return [d["title"] for d in response.json()["documents"]]


def test_explorer_outlets_have_counts_rates_and_intervals(explorer):
    data = explorer.get("/api/corpus/outlets").json()
    assert data["detector"] == {"name": "phrases", "version": "1"}
    assert data["articles"] == 12 and "bootstrap" in data["interval"]
    herald = next(o for o in data["outlets"] if o["outlet"] == "Herald")
    assert herald["articles"] == 7 and herald["spans"] == 12
    assert herald["rate"]["rate"] == pytest.approx(1000 * herald["spans"] / herald["words"])
    assert herald["rate"]["low"] <= herald["rate"]["rate"] <= herald["rate"]["high"]
    assert herald["rate"]["method"] == "bootstrap"
    by_technique = {t["technique"]: t for t in herald["techniques"]}
    assert by_technique["name_calling"]["spans"] == 6 and by_technique["flag_waving"]["spans"] == 0
    assert [o["outlet"] for o in data["outlets"]][0] == "Herald"  # most articles first


def test_explorer_trends_per_month_and_technique(explorer):
    data = explorer.get("/api/corpus/trends", params={"technique": "name_calling"}).json()
    assert data["months"] == ["2024-01", "2024-02"]
    herald = next(s for s in data["series"] if s["outlet"] == "Herald")
    assert [p["month"] for p in herald["points"]] == ["2024-01", "2024-02"]
    assert sum(p["spans"] for p in herald["points"]) == 6
    assert sum(p["articles"] for p in herald["points"]) == 7


def test_explorer_documents_filter_by_outlet_technique_voice_and_score(explorer):
    assert set(titles(explorer, outlet="Courier")) == {f"Courier piece {i}" for i in range(4)}
    assert set(titles(explorer, technique="flag_waving", voice="quoted")) == {f"Courier piece {i}" for i in range(4)}
    assert titles(explorer, technique="flag_waving", voice="outlet") == []
    assert titles(explorer, technique="flag_waving", min_score=0.5) == []
    assert "Zebra weather" not in titles(explorer, min_score=0.1)
    assert titles(explorer, outlet="No such outlet") == []


def test_explorer_documents_filter_by_date_range_inclusive(explorer):
    found = titles(explorer, **{"from": "2024-02-01", "to": "2024-02-02"})
    assert set(found) == {"Courier piece 0", "Courier piece 1"}


def test_explorer_full_text_search_over_title_and_text(explorer):
    assert titles(explorer, q="zebras") == ["Zebra weather"]
    assert titles(explorer, q="ZEBRA weather") == ["Zebra weather"]  # the title's word, any case
    assert set(titles(explorer, q="speech glorious")) == {f"Courier piece {i}" for i in range(4)}
    assert titles(explorer, q='"unbalanced quote AND (') == []  # user text is never FTS syntax


def test_explorer_documents_sort_by_date_and_density(explorer):
    by_date = explorer.get("/api/corpus/documents").json()["documents"]
    dates = [d["published"] for d in by_date]
    assert dates == sorted(dates, reverse=True)
    by_density = explorer.get("/api/corpus/documents", params={"sort": "density"}).json()["documents"]
    densities = [d["density"] for d in by_density]
    assert densities == sorted(densities, reverse=True) and by_density[-1]["title"] == "Zebra weather"


@pytest.mark.parametrize("sort", ["date", "density"])
def test_explorer_keyset_pages_cover_every_article_once(explorer, sort):
    everything = ids_of(explorer.get("/api/corpus/documents", params={"sort": sort, "limit": 500}))
    seen, cursor = [], None
    while True:
        params = {"sort": sort, "limit": 5, **({"cursor": cursor} if cursor else {})}
        page = explorer.get("/api/corpus/documents", params=params).json()
        seen += [d["id"] for d in page["documents"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == everything and len(seen) == 12


def test_explorer_csv_has_the_filtered_articles_and_no_formulas(explorer):
    response = explorer.get("/api/corpus/documents.csv", params={"outlet": "Herald"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 7 and {r["outlet"] for r in rows} == {"Herald"}
    assert float(rows[0]["spans_per_1000_words"]) >= 0


def test_explorer_csv_cells_never_start_a_formula():
    from spinscope.web.explorer import csv_cell
    assert csv_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert csv_cell("plain") == "plain" and csv_cell(3) == 3


def test_explorer_document_has_its_spans_like_the_analyser(explorer, stored):
    listing = explorer.get("/api/corpus/documents", params={"q": "zebras"}).json()["documents"]
    herald = explorer.get("/api/corpus/documents", params={"outlet": "Herald", "limit": 1}).json()["documents"][0]
    data = explorer.get(f"/api/corpus/documents/{herald['id']}").json()
    assert data["status"] == "ok" and data["detector"] == "phrases"
    assert data["document"]["title"] == herald["title"] and data["document"]["url"].startswith("https://")
    text = data["document"]["text"]
    assert {s["technique"] for s in data["spans"]} == {"name_calling", "loaded_language"}
    assert all(text[s["start"]:s["end"]] == s["text"] for s in data["spans"])
    assert data["summary"]["spans"] == len(data["spans"])
    assert explorer.get(f"/api/corpus/documents/{listing[0]['id']}").json()["spans"] == []


def test_explorer_quoted_spans_keep_voice_and_speaker(explorer):
    courier = explorer.get("/api/corpus/documents", params={"outlet": "Courier", "limit": 1}).json()["documents"][0]
    data = explorer.get(f"/api/corpus/documents/{courier['id']}").json()
    quoted = [s for s in data["spans"] if s["voice"] == "quoted"]
    assert quoted and quoted[0]["speaker"] == "Ann Lee" and data["quotes"][0]["speaker"] == "Ann Lee"


def test_explorer_technique_examples_are_distinct_strongest_first(explorer):
    data = explorer.get("/api/corpus/techniques/loaded_language/examples").json()
    assert data["name"] and data["definition"]
    phrases = [e["text"].lower() for e in data["examples"]]
    assert phrases == ["shameful"]  # six articles, one distinct phrase
    courier = explorer.get("/api/corpus/techniques/flag_waving/examples", params={"outlet": "Herald"}).json()
    assert courier["examples"] == []
    linked = explorer.get(f"/api/corpus/documents/{data['examples'][0]['document_id']}")
    assert linked.status_code == 200


def test_explorer_unknown_ids_are_404_json(explorer):
    for path in ("/api/corpus/documents/nope", "/api/corpus/techniques/nope/examples"):
        response = explorer.get(path)
        assert response.status_code == 404
        assert "nope" in response.json()["error"]
    assert explorer.get("/explorer/articles/nope").status_code == 404
    assert explorer.get("/explorer/techniques/nope").status_code == 404


@pytest.mark.parametrize("params, where", [
    ({"technique": "bogus"}, "technique"),
    ({"from": "2024-13-01"}, "from"),
    ({"to": "yesterday"}, "to"),
    ({"min_score": "high"}, "min_score"),
    ({"min_score": "1.5"}, "min_score"),
    ({"voice": "shouted"}, "voice"),
    ({"sort": "random"}, "sort"),
    ({"cursor": "not-a-cursor"}, "cursor"),
    ({"from": "2024-03-01", "to": "2024-02-01"}, "after"),
    ({"limit": "0"}, "limit"),
])
def test_explorer_bad_filters_are_422_and_say_which(explorer, params, where):
    for path in ("/api/corpus/documents", "/api/corpus/documents.csv"):
        response = explorer.get(path, params=params)
        assert response.status_code == 422, (path, params)
        assert where in response.json()["error"]


def test_explorer_cursor_of_another_sort_is_422(explorer):
    cursor = explorer.get("/api/corpus/documents", params={"limit": 2}).json()["next_cursor"]
    response = explorer.get("/api/corpus/documents", params={"cursor": cursor, "sort": "density"})
    assert response.status_code == 422 and "cursor" in response.json()["error"]


def test_explorer_bad_trend_technique_is_422(explorer):
    response = explorer.get("/api/corpus/trends", params={"technique": "bogus"})
    assert response.status_code == 422 and "technique" in response.json()["error"]


def test_explorer_json_keeps_hostile_metadata_as_data(explorer):
    row = explorer.get("/api/corpus/documents", params={"outlet": XSS_OUTLET}).json()["documents"][0]
    assert (row["title"], row["outlet"], row["url"]) == (XSS_TITLE, XSS_OUTLET, XSS_URL)
    response = explorer.get(f"/api/corpus/documents/{row['id']}")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["document"]["text"].startswith(XSS_TEXT)


def test_explorer_pages_escape_hostile_values(explorer):
    for path, params in (("/explorer/articles", {"outlet": XSS_OUTLET, "q": '"><script>x()</script>'}),
                         ("/explorer/techniques/doubt", {"outlet": XSS_OUTLET}),
                         ("/explorer/articles/%3Cscript%3Ex()%3C%2Fscript%3E", {"q": '"><b>'})):
        page = explorer.get(path, params=params).text
        assert "<script>x()" not in page and '<img src=x' not in page and '"><b>' not in page
        assert "&lt;img src=x onerror=&#34;window.__xss=2&#34;&gt;Gazette" in page or path.startswith("/explorer/articles/")


def test_explorer_pages_have_security_headers_and_load_scripts(explorer):
    for path in ("/explorer", "/explorer/articles", "/explorer/techniques/doubt"):
        response = explorer.get(path)
        assert response.status_code == 200
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"
    api = explorer.get("/api/corpus/outlets")
    assert api.headers["content-security-policy"].startswith("default-src 'none'")


def test_explorer_routes_are_in_the_openapi_schema(explorer):
    paths = explorer.get("/openapi.json").json()["paths"]
    for path in ("/api/corpus/outlets", "/api/corpus/documents", "/api/corpus/documents/{document_id}",
                 "/api/corpus/techniques/{technique}/examples", "/api/corpus/trends", "/api/corpus/documents.csv"):
        assert path in paths, path
    names = {p["name"] for p in paths["/api/corpus/documents"]["get"]["parameters"]}
    assert {"outlet", "technique", "q", "from", "to", "min_score", "voice", "sort", "cursor"} <= names


def test_explorer_browsing_leaves_the_store_file_unchanged(tmp_path):
    path = tmp_path / "news.db"
    build_store(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    with local_client(create_app(PhraseDetector(), corpus=path)) as client:
        first = client.get("/api/corpus/documents", params={"limit": 1}).json()["documents"][0]["id"]
        for url in ("/api/corpus/outlets", "/api/corpus/trends", "/api/corpus/documents?q=zebras&sort=density",
                    f"/api/corpus/documents/{first}", "/api/corpus/techniques/doubt/examples",
                    "/api/corpus/documents.csv", "/explorer", "/explorer/articles", f"/explorer/articles/{first}"):
            assert client.get(url).status_code == 200, url
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


def test_explorer_empty_store_answers_clearly(tmp_path):
    path = tmp_path / "empty.db"
    Store(path).close()
    with local_client(create_app(PhraseDetector(), corpus=path)) as client:
        outlets = client.get("/api/corpus/outlets").json()
        assert outlets["outlets"] == [] and outlets["detector"] is None
        assert "corpus analyze" in outlets["message"]
        assert client.get("/api/corpus/documents").json()["documents"] == []
        assert client.get("/api/corpus/trends").json()["series"] == []
        assert client.get("/api/corpus/techniques/doubt/examples").json()["examples"] == []
        assert client.get("/api/corpus/documents/x").status_code == 404
        assert client.get("/explorer").status_code == 200


def test_explorer_refuses_a_missing_or_foreign_file(tmp_path):
    with pytest.raises(StoreError, match="no such corpus database"):
        create_app(PhraseDetector(), corpus=tmp_path / "missing.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a"):
        create_app(PhraseDetector(), corpus=junk)


def test_explorer_is_absent_without_a_store(client):
    assert client.get("/api/corpus/outlets").status_code == 404
    assert client.get("/explorer").status_code == 404


@pytest.mark.parametrize("params", [
    {"technique": "flag_waving"}, {"technique": "loaded_language", "voice": "quoted"},
    {"technique": "name_calling", "min_score": 0.8}, {"voice": "outlet"}, {"q": "traitors"},
    {"q": "speech", "technique": "flag_waving", "sort": "density"}, {"min_score": 0.55, "sort": "density"},
])
def test_explorer_lists_agree_whichever_part_drives_the_query(explorer, monkeypatch, params):
    narrow = ids_of(explorer.get("/api/corpus/documents", params=params))
    monkeypatch.setattr("spinscope.corpus.explorer.NARROW", 0)  # walk the list's order instead
    assert ids_of(explorer.get("/api/corpus/documents", params=params)) == narrow
    assert narrow


def test_explorer_filters_by_language_and_names_the_detector_that_ran(tmp_path):
    from spinscope.corpus.store import DetectorId, Outcome, utc_now
    from spinscope.io.records import record_from_text
    from tests.support.languages import ONE_LINE

    path, auto = tmp_path / "langs.db", DetectorId("auto", "1")
    with Store(path) as store:
        store.add_records([record_from_text(ONE_LINE[code], origin=code) for code in ("en", "ru")])
        store.write_outcomes(auto, [Outcome(r.document.id, detector={"en": "minilm-ptc", "ru": "multilingual"}[r.origin])
                                    for r in store.pending(auto).records], utc_now())
    with local_client(create_app(PhraseDetector(), corpus=path)) as client:
        (russian,) = client.get("/api/corpus/documents", params={"language": "ru"}).json()["documents"]
        assert russian["language"] == "ru"
        article = client.get(f"/api/corpus/documents/{russian['id']}").json()
        assert (article["language"], article["detector"], article["run"]) == (
            "ru", "multilingual", "Russian, multilingual model")
        assert len(client.get("/api/corpus/documents").json()["documents"]) == 2
        assert client.get("/api/corpus/documents", params={"language": "Russian!"}).status_code == 422
        assert '<option value="ru">Russian</option>' in client.get("/explorer/articles").text
