"""Two processes on one store: parallel adds both succeed, parallel analyze runs split the work,
and claims left by a dead run are taken over."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter

import pytest

from spinscope import corpus
from spinscope.corpus.claims import Claimant
from spinscope.corpus.store import DetectorId, Store
from spinscope.io.records import record_from_text

from tests.support.cli import cli_env, start_cli
from tests.support.detectors import FirstWordDetector

PROCESS_TIMEOUT_S = 90
ADD_REPEATS = 3
ANALYZE_DOCUMENTS = 120
# Each process imports first, then sleeps until the shared start time, so both open the store at once.
AT_START = ("import sys, time; from spinscope.cli import main; start = float(sys.argv.pop(1)); "
            "time.sleep(max(0.0, start - time.time())); main()")


def run_together(commands: list[list[str]], envs: list[dict[str, str]]) -> list[tuple[int, str]]:
    """Start the CLI commands at the same moment; (exit code, stderr) of each. Never outlives the timeout."""
    start = time.time() + 2.5
    processes = [start_cli(start, *command, entry=AT_START, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
                 for command, env in zip(commands, envs)]
    try:
        return [(p.wait(timeout=PROCESS_TIMEOUT_S), p.stderr.read()) for p in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()


def test_store_parallel_adds_on_a_new_store_both_succeed(tmp_path):
    sources = []
    for name in ("a", "b"):
        source = tmp_path / f"{name}.jsonl"
        source.write_text("".join(json.dumps({"text": f"{name} article {i}."}) + "\n" for i in range(50)))
        sources.append(source)
    for repeat in range(ADD_REPEATS):
        database = tmp_path / f"new-{repeat}.db"
        results = run_together([["corpus", "add", str(database), str(s)] for s in sources], [cli_env()] * 2)
        assert [code for code, _ in results] == [0, 0], results
        with Store(database, "read") as store:
            assert store.count_documents() == 100


def test_analyze_two_processes_split_the_work_and_analyse_each_document_once(tmp_path):
    database = tmp_path / "c.db"
    with Store(database) as store:
        store.add_records([record_from_text(f"Article {i} about traitors.", origin=f"t{i}")
                           for i in range(ANALYZE_DOCUMENTS)])
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    command = ["corpus", "analyze", str(database), "--detector", "tests.support.detectors:slow", "--batch-size", "4"]
    results = run_together([command, command], [cli_env(SPINSCOPE_TEST_LOG=str(log), SPINSCOPE_TEST_DELAY="0.03")
                                                 for log in logs])
    assert [code for code, _ in results] == [0, 0], results
    per_process = [Counter(log.read_text().split()) if log.exists() else Counter() for log in logs]
    predicted = per_process[0] + per_process[1]
    with Store(database, "read") as store:
        analysed = Counter(r["document_id"] for r in store.query("SELECT document_id FROM analyses"))
        claims_left = next(store.query("SELECT count(*) AS n FROM claims"))["n"]
    assert len(analysed) == ANALYZE_DOCUMENTS and set(analysed.values()) == {1}
    assert set(predicted) == set(analysed) and set(predicted.values()) == {1}
    assert all(sum(c.values()) > 0 for c in per_process), [sum(c.values()) for c in per_process]
    assert claims_left == 0
    print("split:", [sum(c.values()) for c in per_process])


def documents(store: Store, count: int) -> None:
    store.add_records([record_from_text(f"Article {i}.", origin=f"t{i}") for i in range(count)])


def test_analyze_skips_live_claims_and_takes_over_expired_ones(tmp_path):
    detector = DetectorId("first-word", "1")
    with Store(tmp_path / "c.db") as store:
        documents(store, 6)
        elsewhere = Claimant(lease_s=0.5, host="another-host")
        claimed = store.claim(detector, elsewhere, limit=4).records
        assert len(claimed) == 4 and len(store.pending(detector).records) == 2
        first = corpus.analyze(store, FirstWordDetector(), batch_size=2)
        assert first.analysed == 2 and store.count_pending(detector) == 4
        time.sleep(0.6)
        second = corpus.analyze(store, FirstWordDetector(), batch_size=2)
        assert second.analysed == 4 and store.count_pending(detector) == 0


def test_analyze_takes_over_the_claims_of_a_dead_process_on_this_host(tmp_path):
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait(timeout=30)
    with Store(tmp_path / "c.db") as store:
        documents(store, 5)
        store.claim(DetectorId("first-word", "1"), Claimant(pid=finished.pid), limit=5)
        assert corpus.analyze(store, FirstWordDetector()).analysed == 5


class Interrupting(FirstWordDetector):
    def predict(self, documents):
        raise KeyboardInterrupt


def test_analyze_stopped_early_releases_its_claims(tmp_path):
    with Store(tmp_path / "c.db") as store:
        documents(store, 5)
        with pytest.raises(KeyboardInterrupt):
            corpus.analyze(store, Interrupting(), batch_size=2)
        assert next(store.query("SELECT count(*) AS n FROM claims"))["n"] == 0
        assert len(store.pending(DetectorId("first-word", "1")).records) == 5
