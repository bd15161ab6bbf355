"""``spinscope corpus add | analyze | export | report`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from spinscope.cli import register_commands
from spinscope.cli.app import app

register_commands()
runner = CliRunner()
ROWS = [
    {"body": "These traitors will destroy our great nation.", "source": "Herald", "date": "2024-01-02"},
    {"body": "A shameful and barbaric attack shocked everyone.", "source": "Courier", "date": "2024-02-03"},
    {"body": "", "source": "Courier", "date": "2024-02-04"},
]


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_corpus_add_analyze_export_report(tmp_path):
    source, db = tmp_path / "news.jsonl", tmp_path / "c.db"
    source.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    columns = ["--text-column", "body", "--outlet-column", "source", "--published-column", "date"]
    assert "added 3 new" in invoke("corpus", "add", str(db), str(source), *columns)
    assert "added 0 new, 3 already stored" in invoke("corpus", "add", str(db), str(source), *columns)
    output = invoke("corpus", "analyze", str(db), "--detector", "lexicon", "--batch-size", "2")
    assert "3 documents analysed by lexicon" in output and "1 failed" in output
    assert "0 documents analysed" in invoke("corpus", "analyze", str(db), "--detector", "lexicon")
    info = invoke("corpus", "info", str(db))
    assert "3 documents" in info and "lexicon" in info
    invoke("corpus", "export", str(db), "--format", "jsonl", "--table", "analyses")
    rows = [json.loads(l) for l in (tmp_path / "c.analyses.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["status"] for r in rows) == ["error", "ok", "ok"]
    invoke("corpus", "export", str(db), "--format", "csv")
    header = (tmp_path / "c.spans.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"voice", "speaker"} <= set(header)
    invoke("corpus", "report", str(db), "--out", str(tmp_path / "r.html"))
    assert "Courier" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_corpus_analyze_missing_database_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-c", "from spinscope.cli import main; main()", "corpus",
                             "analyze", str(tmp_path / "absent.db")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "no such corpus database" in result.stderr and "Traceback" not in result.stderr


def test_corpus_add_bad_jsonl_row_names_the_line(tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text('{"text": "fine"}\n{"text": \n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", "from spinscope.cli import main; main()", "corpus", "add",
                             str(tmp_path / "c.db"), str(source)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "line 2: not valid JSON" in result.stderr


def test_corpus_add_url_list_on_loopback_needs_allow_private_urls(tmp_path, local_site):
    from tests.conftest import ARTICLE_HTML

    local_site.pages["/story"] = (200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8"))
    listing, db = tmp_path / "links.urls", tmp_path / "c.db"
    listing.write_text(f"{local_site.url}/story\n", encoding="utf-8")
    refused = invoke("corpus", "add", str(db), str(listing))
    assert "added 0 new" in refused and "loopback" in refused and local_site.hits == []
    assert "added 1 new" in invoke("corpus", "add", str(db), str(listing), "--allow-private-urls")


def run_main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from spinscope.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=120)


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if line.startswith("error: ")]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert all(fragment in lines[0] for fragment in fragments), lines[0]


def test_corpus_add_unterminated_csv_quote_names_the_line(tmp_path):
    source = tmp_path / "news.csv"
    source.write_text('text,outlet\nFine.,Herald\n"Never closed,Courier\nSwallowed.,Herald\n', encoding="utf-8")
    assert_one_line_error(run_main("corpus", "add", str(tmp_path / "c.db"), str(source)),
                          "news.csv, line 3", "never closed")


def test_corpus_add_deeply_nested_jsonl_is_a_one_line_error(tmp_path):
    source = tmp_path / "deep.jsonl"
    source.write_text('{"text": "fine"}\n{"text": ' + "[" * 200_000 + "]" * 200_000 + "}\n", encoding="utf-8")
    assert_one_line_error(run_main("corpus", "add", str(tmp_path / "c.db"), str(source)), "line 2", "nested too deeply")


def test_corpus_add_bad_encoding_is_a_one_line_error(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Some words.", encoding="utf-8")
    assert_one_line_error(run_main("corpus", "add", str(tmp_path / "c.db"), str(source), "--encoding", "klingon"),
                          "unknown encoding 'klingon'")


def test_corpus_analyze_detector_that_is_not_a_detector_is_a_one_line_error(tmp_path):
    source, db = tmp_path / "a.txt", tmp_path / "c.db"
    source.write_text("Some words.", encoding="utf-8")
    invoke("corpus", "add", str(db), str(source))
    assert_one_line_error(run_main("corpus", "analyze", str(db), "--detector", "os:getcwd"), "not a detector")


def test_corpus_add_ptc_folder_with_a_bad_article_keeps_the_rest(tmp_path):
    (tmp_path / "ptc" / "articles").mkdir(parents=True)
    (tmp_path / "ptc" / "articles" / "article1.txt").write_text("Fine words.", encoding="utf-8")
    (tmp_path / "ptc" / "articles" / "article2.txt").write_bytes(b"\xff\xfe\xfa not utf-8")
    output = invoke("corpus", "add", str(tmp_path / "c.db"), str(tmp_path / "ptc"))
    assert "read 2, added 2 new" in output
