"""``spinscope corpus add | analyze | export | report`` as a user runs them."""

from __future__ import annotations

import hashlib
import json
import sqlite3

from spinscope.corpus.store import Store
from spinscope.io.records import record_from_text

from tests.support.cli import assert_one_line_error, invoke_ok as invoke, run_cli, run_main
from tests.support.http import ARTICLE_HTML
from tests.support.ptc import write_ptc
from tests.support.stores import version_1_store
ROWS = [
    {"body": "These traitors will destroy our great nation.", "source": "Herald", "date": "2024-01-02"},
    {"body": "A shameful and barbaric attack shocked everyone.", "source": "Courier", "date": "2024-02-03"},
    {"body": "", "source": "Courier", "date": "2024-02-04"},
]


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
    result = run_cli("corpus", "analyze", tmp_path / "absent.db")
    assert result.returncode == 2
    assert "no such corpus database" in result.stderr and "Traceback" not in result.stderr


def test_corpus_add_bad_jsonl_row_names_the_line(tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text('{"text": "fine"}\n{"text": \n', encoding="utf-8")
    result = run_cli("corpus", "add", tmp_path / "c.db", source)
    assert result.returncode == 2 and "line 2: not valid JSON" in result.stderr


def test_corpus_add_url_list_on_loopback_needs_allow_private_urls(tmp_path, local_site):
    local_site.pages["/story"] = (200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8"))
    listing, db = tmp_path / "links.urls", tmp_path / "c.db"
    listing.write_text(f"{local_site.url}/story\n", encoding="utf-8")
    refused = invoke("corpus", "add", str(db), str(listing))
    assert "added 0 new" in refused and "loopback" in refused and local_site.hits == []
    assert "added 1 new" in invoke("corpus", "add", str(db), str(listing), "--allow-private-urls")


def fingerprint(path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def news_with_a_bad_line(path, good: int = 600, bad_line: int = 601):
    lines = [json.dumps({"text": f"Article {i} about traitors."}) for i in range(good)]
    lines.insert(bad_line - 1, '{"text": "cut off')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def analysed_store(tmp_path):
    source, db = tmp_path / "news.jsonl", tmp_path / "c.db"
    source.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    invoke("corpus", "add", str(db), str(source), "--text-column", "body", "--outlet-column", "source")
    invoke("corpus", "analyze", str(db), "--detector", "tests.support.detectors:FirstWordDetector")
    return db


def test_corpus_add_one_bad_row_adds_nothing_and_exits_2(tmp_path, monkeypatch, capsys):
    source, db = news_with_a_bad_line(tmp_path / "news.jsonl"), tmp_path / "c.db"
    code, _, err = run_main(monkeypatch, capsys, "corpus", "add", db, source)
    assert code == 2 and f"{source}, line 601: not valid JSON" in err and "nothing was added" in err
    assert "Traceback" not in err
    code, out, err = run_main(monkeypatch, capsys, "corpus", "info", db)
    assert code == 0 and "0 documents" in out


def test_corpus_add_skip_bad_stores_600_and_lists_the_bad_row(tmp_path, monkeypatch, capsys):
    source, db = news_with_a_bad_line(tmp_path / "news.jsonl"), tmp_path / "c.db"
    code, out, err = run_main(monkeypatch, capsys, "corpus", "add", db, source, "--skip-bad")
    assert code == 0 and "added 600 new" in out
    assert f"skipped {source}, line 601: not valid JSON" in err.replace("\n", "")


def test_corpus_add_max_chars_names_the_file(tmp_path, monkeypatch, capsys):
    article = tmp_path / "long.txt"
    article.write_text("word " * 30, encoding="utf-8")
    code, _, err = run_main(monkeypatch, capsys, "corpus", "add", tmp_path / "c.db", article, "--max-chars", "100")
    assert code == 2 and f"{article}: the text has 150 characters, over the limit of 100" in err


def test_corpus_commands_leave_a_foreign_sqlite_file_untouched(tmp_path, monkeypatch, capsys):
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('keep me')")
    connection.commit()
    connection.close()
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"text": "Traitors!"}) + "\n", encoding="utf-8")
    before = fingerprint(other)
    for command in (["info", other], ["add", other, source], ["analyze", other, "--detector", "lexicon"],
                    ["export", other, "--out", tmp_path / "x.csv"]):
        code, _, err = run_main(monkeypatch, capsys, "corpus", *command)
        assert code == 2 and "not a spinscope corpus store" in err, (command, err)
    assert fingerprint(other) == before and not (tmp_path / "x.csv").exists()


def test_corpus_zero_byte_file_is_refused_by_info_and_export_and_accepted_by_add(tmp_path, monkeypatch, capsys):
    empty, source = tmp_path / "empty.db", tmp_path / "news.jsonl"
    empty.touch()
    source.write_text(json.dumps({"text": "Traitors!"}) + "\n", encoding="utf-8")
    for command in (["info", empty], ["export", empty]):
        code, _, err = run_main(monkeypatch, capsys, "corpus", *command)
        assert code == 2 and "an empty file" in err
    assert empty.stat().st_size == 0
    code, out, _ = run_main(monkeypatch, capsys, "corpus", "add", empty, source)
    assert code == 0 and "added 1 new" in out


def test_corpus_read_only_commands_leave_the_store_unchanged(tmp_path, monkeypatch, capsys):
    db = analysed_store(tmp_path)
    before = fingerprint(db)
    for command in (["info", db], ["export", db, "--out", tmp_path / "spans.csv"],
                    ["export", db, "--format", "jsonl", "--table", "documents"],
                    ["report", db, "--out", tmp_path / "r.html"]):
        code, _, err = run_main(monkeypatch, capsys, "corpus", *command)
        assert code == 0, (command, err)
    assert fingerprint(db) == before


def test_corpus_damaged_database_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    db = analysed_store(tmp_path)
    with Store(db) as store:
        store.add_records([record_from_text(f"Filler article {i}. " * 40, origin="f") for i in range(200)])
    size = db.stat().st_size
    with open(db, "r+b") as handle:
        handle.seek(4096)
        handle.write(b"\x5a" * (size - 4096))
    for command in (["info", db], ["analyze", db, "--detector", "lexicon"]):
        code, out, err = run_main(monkeypatch, capsys, "corpus", *command)
        assert code == 2 and "malformed" in err and "Traceback" not in err, (command, err)
        assert len(err.strip().splitlines()) == 1


def test_corpus_export_and_report_check_the_out_folder_first(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "no" / "such"
    for command in (["export", tmp_path / "absent.db", "--out", missing / "spans.csv"],
                    ["report", tmp_path / "absent.db", "--out", missing / "r.html"]):
        code, _, err = run_main(monkeypatch, capsys, "corpus", *command)
        assert code == 2 and "no such folder" in err and "Traceback" not in err, (command, err)
    assert not missing.exists() and not (tmp_path / "absent.db").exists()


def test_corpus_upgrade_brings_an_old_store_up_to_date(tmp_path, monkeypatch, capsys):
    from spinscope.corpus.schema import LATEST

    db = tmp_path / "v1.db"
    version_1_store(db)
    code, _, err = run_main(monkeypatch, capsys, "corpus", "info", db)
    assert code == 2 and "corpus upgrade" in err
    code, out, _ = run_main(monkeypatch, capsys, "corpus", "upgrade", db)
    assert code == 0 and f"schema version {LATEST}" in " ".join(out.split())
    assert run_main(monkeypatch, capsys, "corpus", "info", db)[0] == 0

def test_corpus_add_unterminated_csv_quote_names_the_line(tmp_path):
    source = tmp_path / "news.csv"
    source.write_text('text,outlet\nFine.,Herald\n"Never closed,Courier\nSwallowed.,Herald\n', encoding="utf-8")
    assert_one_line_error(run_cli("corpus", "add", str(tmp_path / "c.db"), str(source)),
                          "news.csv, line 3", "never closed")


def test_corpus_add_deeply_nested_jsonl_is_a_one_line_error(tmp_path):
    source = tmp_path / "deep.jsonl"
    source.write_text('{"text": "fine"}\n{"text": ' + "[" * 200_000 + "]" * 200_000 + "}\n", encoding="utf-8")
    assert_one_line_error(run_cli("corpus", "add", str(tmp_path / "c.db"), str(source)), "line 2", "nested too deeply")


def test_corpus_add_bad_encoding_is_a_one_line_error(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Some words.", encoding="utf-8")
    assert_one_line_error(run_cli("corpus", "add", str(tmp_path / "c.db"), str(source), "--encoding", "klingon"),
                          "unknown encoding 'klingon'")


def test_corpus_analyze_detector_that_is_not_a_detector_is_a_one_line_error(tmp_path):
    source, db = tmp_path / "a.txt", tmp_path / "c.db"
    source.write_text("Some words.", encoding="utf-8")
    invoke("corpus", "add", str(db), str(source))
    assert_one_line_error(run_cli("corpus", "analyze", str(db), "--detector", "os:getcwd"), "not a detector")


def test_corpus_add_ptc_folder_with_a_bad_article_keeps_the_rest(tmp_path):
    write_ptc(tmp_path / "ptc", {"1": "Fine words.", "2": b"\xff\xfe\xfa not utf-8"})
    output = invoke("corpus", "add", str(tmp_path / "c.db"), str(tmp_path / "ptc"))
    assert "read 2, added 2 new" in output
