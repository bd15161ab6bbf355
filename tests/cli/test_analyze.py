"""``spinscope analyze`` and ``spinscope techniques`` as a user runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from spinscope.detector.loading import is_shipped
from spinscope.detector.routing import MULTILINGUAL_DETECTOR
from spinscope.document import content_id

from tests.support.cli import REPO, assert_one_line_error, invoke, run_cli
from tests.support.http import ARTICLE_HTML
from tests.support.languages import DUTCH, RUSSIAN_ARTICLE
from tests.support.ptc import write_ptc

TEXT = "This harsh criticism was frightening, and the hysteria is a catastrophe."


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_analyze_table_shows_spans_and_legend(article):
    result = invoke("analyze", str(article), "--detector", "lexicon")
    assert result.exit_code == 0, result.output
    assert "harsh criticism" in result.output and "Loaded language" in result.output
    assert "Words or phrases chosen" in result.output  # the definition, in the legend


def test_analyze_json_has_spans_with_definitions(article):
    result = invoke("analyze", str(article), "-d", "lexicon", "--format", "json")
    data = json.loads(result.output)
    assert data["document"]["id"] == content_id(TEXT) and data["document"]["title"] == "story"
    texts = {s["text"] for s in data["spans"]}
    assert "harsh criticism" in texts
    assert all(s["definition"] and 0 <= s["score"] <= 1 for s in data["spans"])
    assert data["summary"]["counts"]["loaded_language"] == len(data["spans"])


def test_analyze_min_score_hides_weak_spans(article):
    result = invoke("analyze", str(article), "-d", "lexicon", "-f", "json", "--min-score", "0.9")
    assert all(s["score"] >= 0.9 for s in json.loads(result.output)["spans"])


def test_analyze_ptc_format_is_a_valid_submission(article, tmp_path):
    out = tmp_path / "pred.txt"
    result = invoke("analyze", str(article), "-d", "lexicon", "-f", "ptc", "--out", str(out))
    assert result.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(line.split("\t")[0] == content_id(TEXT) and len(line.split("\t")) == 4 for line in lines)


def test_analyze_html_escapes_article_text(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("<script>alert(1)</script> The harsh criticism was frightening.", encoding="utf-8")
    result = invoke("analyze", str(path), "-d", "lexicon", "-f", "html")
    assert "<script>alert(1)</script>" not in result.output
    assert "&lt;script&gt;" in result.output and "<mark" in result.output


def test_analyze_reads_stdin():
    result = run_cli("analyze", "-", "-d", "lexicon", "-f", "json", stdin=TEXT)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["spans"]


@pytest.mark.parametrize("content, message", [
    (b"", "the text is empty"),
    (b"\x00\x01\x02binary", "binary file"),
    ("caf\xe9".encode("latin-1"), "cannot decode as utf-8"),
])
def test_analyze_bad_input_gives_message_not_traceback(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run_cli("analyze", str(path), "-d", "lexicon")
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_analyze_missing_file_and_unknown_detector(tmp_path):
    assert "no such file or folder" in run_cli("analyze", str(tmp_path / "nope.txt")).stderr
    result = run_cli("analyze", "-", "-d", "nope", stdin=TEXT)
    assert result.returncode == 2 and "unknown detector 'nope'" in result.stderr


def test_analyze_oversized_input(article):
    result = run_cli("analyze", str(article), "-d", "lexicon", "--max-chars", "10")
    assert result.returncode == 2 and "limit of 10 characters" in result.stderr


def test_analyze_example_article(example_article):
    result = invoke("analyze", str(example_article), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["spans"] and data["document"]["characters"] > 1000


def test_techniques_lists_the_catalogue():
    result = invoke("techniques")
    assert result.exit_code == 0
    for name in ("Loaded language", "Flag-waving", "Whataboutism"):
        assert name in result.output


QUOTED = ("The harsh criticism was frightening. “This hysteria is a catastrophe for everyone,” "
          "Vladimir Putin said.")


def test_analyze_json_says_whose_voice_each_span_is_in(tmp_path):
    path = tmp_path / "quoted.txt"
    path.write_text(QUOTED, encoding="utf-8")
    data = json.loads(invoke("analyze", str(path), "-d", "lexicon", "-f", "json").output)
    voices = {s["text"]: (s["voice"], s["speaker"]) for s in data["spans"]}
    assert voices["harsh criticism"] == ("outlet", None)
    assert voices["catastrophe"] == ("quoted", "Vladimir Putin")
    assert {"kind": "quoted", "speaker": "Vladimir Putin"}.items() <= data["quotes"][0].items()
    assert all(s["techniques"][0]["technique"] == s["technique"] for s in data["spans"])


@pytest.mark.parametrize("voice, expected", [("outlet", {"harsh criticism"}), ("quoted", {"catastrophe"})])
def test_analyze_voice_option_filters_spans(tmp_path, voice, expected):
    path = tmp_path / "quoted.txt"
    path.write_text(QUOTED, encoding="utf-8")
    result = invoke("analyze", str(path), "-d", "lexicon", "-f", "json", "--voice", voice)
    texts = {s["text"] for s in json.loads(result.output)["spans"]}
    assert expected <= texts and all(s["voice"] == voice for s in json.loads(result.output)["spans"])


def test_analyze_table_has_a_voice_column_naming_the_speaker(tmp_path):
    path = tmp_path / "quoted.txt"
    path.write_text(QUOTED, encoding="utf-8")
    result = invoke("analyze", str(path), "-d", "lexicon", "--show-possible", terminal_width=200)
    cells = " ".join(result.output.replace("│", " ").split())  # the table wraps long cells
    assert "voice" in cells and "quoted:" in cells and cells.count("Putin") >= 3  # the text, and two cells


def test_analyze_the_shipped_example_needs_no_shared_folder():
    example = Path(__file__).resolve().parents[2] / "examples" / "rally-speech.txt"
    result = invoke("analyze", str(example), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["spans"] and data["document"]["title"] == "rally-speech"


def test_analyze_url_on_loopback_is_refused_without_allow_private_urls(local_site):
    local_site.pages["/story"] = (200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8"))
    result = run_cli("analyze", local_site.url + "/story", "-d", "lexicon")
    assert result.returncode == 2 and "loopback" in result.stderr and "--allow-private-urls" in result.stderr
    assert local_site.hits == []
    reached = invoke("analyze", local_site.url + "/story", "-d", "lexicon", "-f", "json",
                                  "--allow-private-urls")
    assert reached.exit_code == 0, reached.output
    assert json.loads(reached.output)["document"]["url"] == local_site.url + "/story"


def test_analyze_oversized_input_advises_max_chars(article):
    assert_one_line_error(run_cli("analyze", str(article), "-d", "lexicon", "--max-chars", "10"),
                          "limit of 10", "--max-chars")


def test_analyze_undecodable_file_advises_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 society".encode("latin-1"))
    assert_one_line_error(run_cli("analyze", str(path), "-d", "lexicon"), "latin.txt: cannot decode", "--encoding")


@pytest.mark.parametrize("encoding", ["klingon", "rot13"])
def test_analyze_bad_encoding_is_a_one_line_error(article, encoding):
    assert_one_line_error(run_cli("analyze", str(article), "-d", "lexicon", "--encoding", encoding),
                          f"unknown encoding {encoding!r}")


def test_analyze_detector_module_factory_is_a_one_line_error(article):
    assert_one_line_error(run_cli("analyze", str(article), "-d", "os:getcwd"), "unknown detector 'os:getcwd'")


def test_analyze_out_to_missing_folder_fails_before_any_work(tmp_path, local_site):
    local_site.pages["/story"] = (200, "text/html; charset=utf-8", b"<html><body><p>words</p></body></html>")
    out = tmp_path / "missing" / "result.json"
    result = run_cli("analyze", local_site.url + "/story", "-d", "lexicon", "--allow-private-urls",
                     "-f", "json", "--out", str(out))
    assert_one_line_error(result, "no such folder", "--out")
    assert local_site.hits == [] and not out.parent.exists()


def test_analyze_out_to_a_folder_is_a_one_line_error(article, tmp_path):
    assert_one_line_error(run_cli("analyze", str(article), "-d", "lexicon", "--out", str(tmp_path)), "is a folder")


def test_analyze_ptc_folder_with_a_bad_article_names_it(tmp_path):
    write_ptc(tmp_path, {"1": TEXT, "2": b"\xff\xfe\xfa not utf-8 at all"})
    assert_one_line_error(run_cli("analyze", str(tmp_path), "-d", "lexicon"), "article2.txt", "cannot decode")


def test_analyze_mixed_folder_with_one_article_file_reads_every_file(tmp_path):
    for name in ("article123.txt", "a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"{TEXT} ({name})", encoding="utf-8")
    (tmp_path / "README.md").write_text("About these files.", encoding="utf-8")
    result = invoke("analyze", str(tmp_path), "-d", "lexicon", "-f", "json")
    assert result.exit_code == 0, result.output
    titles = [item["document"]["title"] for item in json.loads(result.output)]
    assert titles == ["a", "article123", "b", "c"]


def test_analyze_deeply_nested_jsonl_is_a_one_line_error(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": ' + "[" * 200_000 + "]" * 200_000 + "}\n", encoding="utf-8")
    assert_one_line_error(run_cli("analyze", str(path), "-d", "lexicon"), "line 1", "nested too deeply")


def test_analyze_nul_after_8kb_is_refused(tmp_path):
    path = tmp_path / "late-nul.txt"
    path.write_bytes(b"word " * 2000 + b"\x00 tail")
    assert_one_line_error(run_cli("analyze", str(path), "-d", "lexicon"), "late-nul.txt", "NUL byte")


def test_analyze_table_hides_possible_spans_by_default(article):
    result = invoke("analyze", str(article), "-d", "lexicon")
    assert result.exit_code == 0, result.output
    assert "harsh criticism[1]" in result.output  # a likely span, numbered as in the table
    assert "hysteria[" not in result.output and "2 more possible spans" in result.output
    assert "--show-possible" in result.output


def test_analyze_show_possible_shows_every_span(article):
    result = invoke("analyze", str(article), "-d", "lexicon", "--show-possible")
    assert result.exit_code == 0, result.output
    assert "hysteria[3]" in result.output and "catastrophe[4]" in result.output
    assert "possible" in result.output and "more possible spans" not in result.output


def test_analyze_min_score_still_filters_the_table(article):
    result = invoke("analyze", str(article), "-d", "lexicon", "--show-possible", "--min-score", "0.35")
    assert "hysteria[3]" in result.output and "catastrophe[" not in result.output


def test_analyze_json_keeps_every_span_with_its_level_and_a_summary(article):
    data = json.loads(invoke("analyze", str(article), "-d", "lexicon", "-f", "json").output)
    assert [s["level"] for s in data["spans"]] == ["likely", "likely", "possible", "possible"]
    assert all("technique_score" in s for s in data["spans"])
    summary = data["summary"]
    assert (summary["spans"], summary["likely"], summary["possible"], summary["likely_cut"]) == (4, 2, 2, 0.6)
    assert summary["likely_density"] < summary["density"]


def test_analyze_html_shows_likely_spans_with_a_switch_for_possible_ones(article, tmp_path):
    out = tmp_path / "page.html"
    invoke("analyze", str(article), "-d", "lexicon", "-f", "html", "--out", str(out))
    page = out.read_text(encoding="utf-8")
    likely = page[page.index('class="view-likely"'):page.index('class="view-all"')]
    assert "harsh criticism</mark>" in likely and "hysteria</mark>" not in likely
    assert "hysteria</mark>" in page[page.index('class="view-all"'):]
    assert "2 more possible spans" in page and 'type="checkbox" class="show-possible"' in page
    assert "probability that the span is propaganda" in page


def test_analyze_shipped_model_reports_a_ptc_percentile(article):
    data = json.loads(invoke("analyze", str(article), "-f", "json").output)
    summary = data["summary"]
    assert 0 <= summary["percentile"] <= 100 and 0 <= summary["likely_percentile"] <= 100
    assert all(s["level"] in ("likely", "possible") and 0 <= s["technique_score"] <= 1 for s in data["spans"])


def test_analyze_help_explains_the_score():
    result = invoke("analyze", "--help")
    assert "probability that the span is propaganda" in re.sub(r"[│\s]+", " ", result.output)


def test_analyze_json_names_the_language_and_the_detector_that_ran_under_auto(article):
    data = json.loads(invoke("analyze", str(article), "-f", "json").output)
    assert (data["language"], data["detector"]) == ("en", "minilm-ptc")


def test_analyze_an_unsupported_language_is_one_line_naming_it_and_the_supported_ones(tmp_path):
    path = tmp_path / "nl.txt"
    path.write_text(DUTCH, encoding="utf-8")
    assert_one_line_error(run_cli("analyze", str(path)), "Dutch (nl)", "supported: English, Russian, Ukrainian",
                          "--detector")


@pytest.mark.skipif(is_shipped(MULTILINGUAL_DETECTOR), reason="the multilingual model is installed")
def test_analyze_russian_without_the_multilingual_model_says_it_is_not_installed(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_text(RUSSIAN_ARTICLE, encoding="utf-8")
    assert_one_line_error(run_cli("analyze", str(path)), "the multilingual model is not installed", "Russian")


def test_analyze_an_explicit_detector_overrides_auto(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_text(RUSSIAN_ARTICLE, encoding="utf-8")
    data = json.loads(invoke("analyze", str(path), "-d", "lexicon", "-f", "json").output)
    assert (data["language"], data["detector"]) == ("ru", "lexicon")
    table = invoke("analyze", str(path), "-d", "lexicon", terminal_width=200).output
    assert "Russian, lexicon model" in table


def test_a_russian_article_runs_the_multilingual_model_end_to_end():
    result = run_cli("analyze", REPO / "examples" / "rally-speech.ru.txt", "-f", "json")
    assert result.returncode == 0, result.stderr
    analysis = json.loads(result.stdout)
    assert (analysis["language"], analysis["detector"]) == ("ru", "multilingual")
    assert analysis["spans"] and {s["voice"] for s in analysis["spans"]} >= {"quoted", "outlet"}
    assert any(q["kind"] == "quoted" for q in analysis["quotes"])
    table = run_cli("analyze", REPO / "examples" / "rally-speech.ru.txt", "--show-possible")
    assert table.returncode == 0 and "Russian, multilingual model" in table.stdout
