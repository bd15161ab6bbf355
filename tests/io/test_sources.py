"""Turning a path, a URL or '-' into documents."""

from __future__ import annotations

import pytest

from spinscope.document import content_id
from spinscope.errors import InputError, MissingInputError, PrivateAddressError
from spinscope.io.fetch import FetchPolicy
from spinscope.io.sources import read_source
from tests.support.http import ARTICLE_HTML
from tests.support.ptc import write_ptc


def test_read_source_folder_of_text_and_html(tmp_path):
    (tmp_path / "a.txt").write_text("The traitors lied again.", encoding="utf-8")
    (tmp_path / "b.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    documents = read_source(str(tmp_path))
    assert [d.title for d in documents] == ["a", "Crisis deepens"]
    assert documents[0].id == content_id("The traitors lied again.")
    assert "warmongers" in documents[1].text and documents[1].title


def test_read_source_ptc_folder_uses_article_ids(tmp_path):
    write_ptc(tmp_path, {"42": "Some words."})
    assert [d.id for d in read_source(str(tmp_path))] == ["42"]


def test_read_source_url_on_loopback_needs_the_opt_in(local_site):
    local_site.pages["/a"] = (200, "text/html", ARTICLE_HTML.encode("utf-8"))
    with pytest.raises(PrivateAddressError, match="loopback"):
        read_source(local_site.url + "/a")
    assert local_site.hits == []
    [document] = read_source(local_site.url + "/a", policy=FetchPolicy(allow_private=True))
    assert "shameful betrayal" in document.text


def test_read_source_missing_path_mentions_urls(tmp_path):
    with pytest.raises(MissingInputError, match="no such file or folder"):
        read_source(str(tmp_path / "nope.txt"))


def test_read_source_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no article files"):
        read_source(str(tmp_path))
