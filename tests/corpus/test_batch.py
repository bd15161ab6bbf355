"""Corpus ingestion and analysis: idempotent adds, failures recorded, voices and quotes kept,
kill and resume, Dask."""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from spinscope.quotes import finder
from spinscope import corpus
from spinscope.corpus.outcomes import analyse_records
from spinscope.corpus.store import DetectorId, Store
from spinscope.detector.lexicon import LexiconDetector
from spinscope.errors import ConfigError
from spinscope.io.corpus_sources import SourceOptions
from spinscope.io.records import record_from_text
from spinscope.pipeline import Pipeline

from tests.support import detectors as fakes
from tests.support.cli import cli_env, start_cli
from tests.support.detectors import FirstWordDetector, FragileDetector, KeywordDetector
from tests.support.languages import DUTCH, ONE_LINE

DOCS_FOR_KILL = 150
BATCH_FOR_KILL = 5


def write_folder(folder: Path, texts: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        path = folder / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


QUOTING = 'Ann Lee said "the traitors lie". Bo Ek claimed that shameful deals were made. The traitors!'


def spans_by_document(store: Store, detector: DetectorId) -> dict[str, tuple]:
    return {a.record.document.id: (a.error, a.spans) for a in store.analysed(detector)}


def voices_by_document(store: Store, detector: DetectorId) -> dict[str, tuple]:
    return {a.record.document.id: (a.error, a.spans, a.quotes) for a in store.analysed(detector)}


@pytest.fixture
def quote_finder(monkeypatch):
    """The stand-in quote finder in this process's pipeline, removed again after the test."""
    monkeypatch.setattr(finder, "find_quotes", fakes.find_quotes)
    monkeypatch.setattr(finder, "voice_of", fakes.voice_of)


def test_add_same_folder_twice_adds_nothing_the_second_time(tmp_path):
    folder = write_folder(tmp_path / "texts", {"a.txt": "Traitors!", "b.txt": "Heroes.", "c.md": "Traitors!"})
    with Store(tmp_path / "c.db") as store:
        first = corpus.add(store, [str(folder)], SourceOptions(outlet="Herald"))
        second = corpus.add(store, [str(folder)])
        assert (first.read, first.added) == (3, 2)  # c.md has the same text as a.txt
        assert (second.read, second.added) == (3, 0)
        assert {r["outlet"] for r in store.query("SELECT outlet FROM documents")} == {"Herald"}


def test_analyze_records_failing_documents_and_goes_on(tmp_path):
    folder = write_folder(tmp_path / "texts", {
        "good.txt": "Traitors everywhere.", "empty.txt": "  \n", "latin1.txt": "Caf\xe9 traitors".encode("latin-1"),
        "boom.txt": "BOOM goes the model.", "fine.txt": "Heroes everywhere.",
    })
    with Store(tmp_path / "c.db") as store:
        corpus.add(store, [str(folder)])
        result = corpus.analyze(store, FragileDetector(), batch_size=10)
        outcomes = {a.record.origin.rsplit("/", 1)[-1]: a for a in store.analysed(result.detector)}
    assert (result.analysed, result.failed) == (5, 3)
    assert "empty" in outcomes["empty.txt"].error
    assert "cannot decode as utf-8" in outcomes["latin1.txt"].error
    assert "the model fell over" in outcomes["boom.txt"].error
    assert outcomes["good.txt"].error is None and len(outcomes["good.txt"].spans) == 1
    assert outcomes["fine.txt"].error is None and len(outcomes["fine.txt"].spans) == 1


def test_analyse_records_carries_quotes_and_voices_from_the_pipeline(quote_finder):
    good, empty = record_from_text(QUOTING, origin="good"), record_from_text("  ", origin="empty")
    outcome, failed = analyse_records(Pipeline(KeywordDetector()), [good, empty])
    assert [(q.kind, q.speaker, QUOTING[q.start:q.end]) for q in outcome.quotes] == [
        ("quoted", "Ann Lee", "the traitors lie"), ("reported", "Bo Ek", "shameful deals were made")]
    assert [(QUOTING[s.start:s.end], s.voice, s.speaker) for s in outcome.spans] == [
        ("traitors", "quoted", "Ann Lee"), ("shameful", "reported", "Bo Ek"), ("traitors", "outlet", None)]
    assert outcome.spans[0].alternatives == (("loaded_language", 0.15),)
    assert failed.error and failed.quotes == () and failed.spans == ()


def test_analyze_stores_the_pipelines_voices_and_quotes(tmp_path, quote_finder):
    folder = write_folder(tmp_path / "texts", {"q.txt": QUOTING, "plain.txt": "Shameful traitors."})
    with Store(tmp_path / "c.db") as store:
        corpus.add(store, [str(folder)])
        result = corpus.analyze(store, KeywordDetector(), batch_size=1)
        stored = {a.record.document.text: a for a in store.analysed(result.detector)}
    expected = Pipeline(KeywordDetector())(QUOTING)
    assert (stored[QUOTING].spans, stored[QUOTING].quotes) == (expected.spans, expected.quotes)
    assert {s.voice for s in stored[QUOTING].spans} == {"outlet", "quoted", "reported"}
    assert stored["Shameful traitors."].quotes == ()
    assert {s.voice for s in stored["Shameful traitors."].spans} == {"outlet"}


def test_analyze_stores_detector_name_and_version_and_is_a_noop_when_done(tmp_path):
    folder = write_folder(tmp_path / "texts", {f"{i}.txt": f"Article number {i}." for i in range(7)})
    with Store(tmp_path / "c.db") as store:
        corpus.add(store, [str(folder)])
        first = corpus.analyze(store, FirstWordDetector(), batch_size=3)
        again = corpus.analyze(store, FirstWordDetector(), batch_size=3)
        versions = {(r["detector"], r["detector_version"]) for r in store.query("SELECT * FROM analyses")}
    assert first.detector == DetectorId("first-word", "1") and first.analysed == 7
    assert again.analysed == 0
    assert versions == {("first-word", "1")}


def test_analyze_progress_reports_total_then_each_batch(tmp_path):
    folder = write_folder(tmp_path / "texts", {f"{i}.txt": f"Article number {i}." for i in range(7)})
    calls = []
    with Store(tmp_path / "c.db") as store:
        corpus.add(store, [str(folder)])
        corpus.analyze(store, FirstWordDetector(), batch_size=3, progress=lambda n, total: calls.append((n, total)))
    assert calls == [(0, 7), (3, 7), (3, 7), (1, 7)]


def test_analyze_rejects_a_detector_object_with_dask(tmp_path):
    with Store(tmp_path / "c.db") as store, pytest.raises(ConfigError, match="by name or folder"):
        corpus.analyze(store, FirstWordDetector(), dask="local")


def run_analyze(database: Path, log: Path) -> subprocess.Popen:
    return start_cli("corpus", "analyze", database, "--detector", "tests.support.detectors:slow",
                     "--batch-size", BATCH_FOR_KILL, env=cli_env(SPINSCOPE_TEST_LOG=str(log), SPINSCOPE_TEST_DELAY="0.03"),
                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def committed(database: Path) -> int:
    with Store(database) as store:
        return next(iter(store.query("SELECT count(*) AS n FROM analyses")))["n"]


def wait_for_first_batches(process: subprocess.Popen, database: Path) -> None:
    while committed(database) < 2 * BATCH_FOR_KILL:
        assert process.poll() is None, process.stderr.read().decode()
        time.sleep(0.05)


def test_analyze_killed_with_sigkill_then_rerun_loses_nothing(tmp_path):
    folder = write_folder(tmp_path / "texts", {f"{i:03}.txt": f"Article {i} about traitors." for i in range(DOCS_FOR_KILL)})
    database, log = tmp_path / "c.db", tmp_path / "predicted.log"
    with Store(database) as store:
        corpus.add(store, [str(folder)])
    process = run_analyze(database, log)
    wait_for_first_batches(process, database)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=60) == -signal.SIGKILL
    done_before_rerun = committed(database)
    assert 0 < done_before_rerun < DOCS_FOR_KILL, "the run was not killed mid-way"

    rerun = run_analyze(database, log)
    assert rerun.wait(timeout=120) == 0, rerun.stderr.read().decode()
    with Store(database) as store:
        per_document = Counter(r["document_id"] for r in store.query("SELECT document_id FROM analyses"))
        stored = spans_by_document(store, DetectorId("slow", "1"))
        expected = {r.document.id: (None, FirstWordDetector().predict([r.document])[0].spans)
                    for r in store.pending(DetectorId("never", "0"), limit=DOCS_FOR_KILL).records}
    predicted = Counter(log.read_text().split())
    assert len(per_document) == DOCS_FOR_KILL and set(per_document.values()) == {1}
    assert stored == expected
    assert sum(n - 1 for n in predicted.values()) <= BATCH_FOR_KILL  # at most one batch redone


@pytest.mark.slow
def test_analyze_on_dask_local_cluster_matches_single_process(tmp_path, small_gold):
    model = tmp_path / "lexicon"
    LexiconDetector(min_count=1).fit(small_gold).save(model)
    texts = {f"{i}.txt": f"Story {i}: the traitors made a shameful and barbaric decision. "
                         f"Nobody can really trust them{'!' * (i % 3)}" for i in range(40)}
    folder = write_folder(tmp_path / "texts", texts | {"empty.txt": ""})
    results = {}
    for name, options in {"single": {}, "dask": {"dask": "local", "workers": 2}}.items():
        with Store(tmp_path / f"{name}.db") as store:
            corpus.add(store, [str(folder)])
            result = corpus.analyze(store, str(model), batch_size=4, **options)
            results[name] = (result.analysed, result.failed, spans_by_document(store, result.detector))
    assert results["dask"] == results["single"]
    assert results["single"][:2] == (41, 1)
    assert sum(len(spans) for _, spans in results["single"][2].values()) > 40


@pytest.mark.slow
def test_analyze_on_dask_local_cluster_carries_voices_and_quotes(tmp_path, quote_finder):
    texts = {f"{i}.txt": f"Story {i}: {QUOTING}{'!' * i}" for i in range(12)}
    folder = write_folder(tmp_path / "texts", texts | {"empty.txt": ""})
    results = {}
    for name, options in {"single": {}, "dask": {"dask": "local", "workers": 2}}.items():
        with Store(tmp_path / f"{name}.db") as store:
            corpus.add(store, [str(folder)])
            result = corpus.analyze(store, "tests.support.detectors:quoting", batch_size=4, **options)
            results[name] = (result.analysed, result.failed, voices_by_document(store, result.detector))
    assert results["dask"] == results["single"]
    assert results["dask"][:2] == (13, 1)
    stored = [(spans, quotes) for error, spans, quotes in results["dask"][2].values() if error is None]
    assert len(stored) == 12
    assert all([(s.voice, s.speaker) for s in spans] == [("quoted", "Ann Lee"), ("reported", "Bo Ek"),
                                                          ("outlet", None)] for spans, _ in stored)
    assert all([q.speaker for q in quotes] == ["Ann Lee", "Bo Ek"] for _, quotes in stored)


@pytest.mark.slow
def test_analyze_against_a_running_scheduler_address(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    texts = {f"{i}.txt": f"Article {i} about traitors." for i in range(12)}
    folder = write_folder(tmp_path / "texts", texts)
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster, \
            Store(tmp_path / "c.db") as store:
        corpus.add(store, [str(folder)])
        result = corpus.analyze(store, "tests.support.detectors:FirstWordDetector", batch_size=5,
                                dask=cluster.scheduler_address)
        stored = spans_by_document(store, result.detector)
    assert result.detector == DetectorId("first-word", "1") and result.analysed == 12
    assert all(error is None and len(spans) == 1 for error, spans in stored.values())


def test_analyze_under_auto_routes_each_row_and_fails_an_unsupported_language_cleanly(tmp_path):
    folder = write_folder(tmp_path / "texts", {"en.txt": ONE_LINE["en"], "ru.txt": ONE_LINE["ru"], "nl.txt": DUTCH})
    router, _ = fakes.fake_router()
    with Store(tmp_path / "c.db") as store:
        corpus.add(store, [str(folder)])
        result = corpus.analyze(store, router, batch_size=10)
        outcomes = {a.record.origin.rsplit("/", 1)[-1]: a for a in store.analysed(result.detector)}
    assert result.detector.name == "auto" and (result.analysed, result.failed) == (3, 1)
    assert outcomes["nl.txt"].error.startswith("the text is in Dutch (nl), which spinscope does not analyse")
    assert {name: (o.record.document.language, o.detector_ran) for name, o in outcomes.items()} == {
        "en.txt": ("en", "fake-minilm-ptc"), "ru.txt": ("ru", "fake-multilingual"), "nl.txt": ("nl", "auto")}
