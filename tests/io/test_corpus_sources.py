"""What ``spinscope corpus add`` accepts: kinds told apart, PTC folders, URL lists, problems kept."""

from __future__ import annotations

import pytest

from spinscope.errors import ConfigError, MissingInputError, SourceError
from spinscope.io.corpus_sources import SourceOptions, detect_kind, read_source
from spinscope.io.records import Failure, Record

from tests.support.http import ARTICLE_HTML
from tests.support.ptc import write_ptc


@pytest.mark.parametrize("name, content, kind", [
    ("a.jsonl", '{"text": "x"}\n', "jsonl"),
    ("a.csv", "text\nx\n", "csv"),
    ("a.tsv", "text\nx\n", "csv"),
    ("a.urls", "http://127.0.0.1/a\n", "urls"),
    ("links.txt", "# my links\nhttp://127.0.0.1/a\nhttps://127.0.0.1/b\n", "urls"),
    ("story.txt", "An article that mentions http://127.0.0.1/a in passing.\n", "text"),
])
def test_detect_kind_from_name_and_content(tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_kind(path) == kind


def test_detect_kind_tells_ptc_folders_from_text_folders(tmp_path):
    write_ptc(tmp_path / "ptc", {"1": "Words."})
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "article1.txt").write_text("Words.", encoding="utf-8")
    (tmp_path / "plain" / "story.txt").write_text("Words.", encoding="utf-8")
    assert detect_kind(tmp_path / "ptc") == "ptc" and detect_kind(tmp_path / "plain") == "folder"
    with pytest.raises(MissingInputError):
        detect_kind(tmp_path / "absent")


def test_read_source_ptc_folder_titles_from_first_line_and_default_outlet(tmp_path):
    articles = tmp_path / "ptc" / "articles"
    articles.mkdir(parents=True)
    (articles / "article111.txt").write_text("Headline here\n\nBody text.", encoding="utf-8")
    (record,) = read_source(tmp_path / "ptc", SourceOptions(outlet="PTC"))
    assert record.document.title == "Headline here" and record.document.outlet == "PTC"
    assert record.document.id == "111"


def test_read_source_keeps_undecodable_file_with_its_problem(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Caf\xe9 society".encode("latin-1"))
    (record,) = read_source(path)
    assert "cannot decode as utf-8" in record.problem and record.document.text.startswith("Caf")
    (decoded,) = read_source(path, SourceOptions(encoding="latin-1"))
    assert decoded.problem is None and decoded.document.text == "Café society"


def test_read_source_url_list_fetches_pages_and_reports_failures(tmp_path, local_site):
    local_site.pages["/story"] = (200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8"))
    listing = tmp_path / "links.urls"
    listing.write_text(f"# two links\n{local_site.url}/story\n\n{local_site.url}/gone\n", encoding="utf-8")
    good, bad = read_source(listing, SourceOptions(allow_private_urls=True))
    assert isinstance(good, Record) and "warmongers" in good.document.text
    assert good.document.url == f"{local_site.url}/story"
    assert isinstance(bad, Failure) and bad.origin.endswith("line 4") and "404" in bad.message


def test_read_source_url_list_refuses_loopback_without_the_opt_in(tmp_path, local_site):
    local_site.pages["/story"] = (200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8"))
    listing = tmp_path / "links.urls"
    listing.write_text(f"{local_site.url}/story\n", encoding="utf-8")
    (refused,) = read_source(listing)
    assert isinstance(refused, Failure) and "loopback" in refused.message and "--allow-private-urls" in refused.message
    assert local_site.hits == []


def test_read_source_url_list_line_that_is_not_a_url_names_it(tmp_path):
    listing = tmp_path / "links.urls"
    listing.write_text("http://127.0.0.1/a\nftp://example/b\n", encoding="utf-8")
    with pytest.raises(SourceError, match="line 2: not an http"):
        list(read_source(listing))


def test_source_options_reject_unknown_kind():
    with pytest.raises(ConfigError, match="unknown source kind"):
        SourceOptions(kind="xml")
