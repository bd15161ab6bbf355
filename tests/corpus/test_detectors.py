"""Detector specs for corpus runs, and the name and version stored with analyses."""

from __future__ import annotations

import pytest

from spinscope import corpus
from spinscope.corpus.detectors import (detector_id, fingerprint, is_factory_spec, load_for_corpus,
                                        model_folder, resolve_detector)
from spinscope.detector.lexicon import LexiconDetector
from spinscope.detector.loading import load_detector
from spinscope.errors import ModelError
from spinscope.io.records import record_from_text
from spinscope.corpus.store import DetectorId, Store
from tests.support.detectors import FirstWordDetector


@pytest.mark.parametrize("spec, expected", [
    ("tests.support.detectors:slow", True), ("lexicon", False), (None, False),
    ("/models/x:y", False), ("./here:x", False), ("C:\\models\\x", False),
])
def test_is_factory_spec_tells_factories_from_names_and_paths(spec, expected):
    assert is_factory_spec(spec) is expected


def test_resolve_detector_loads_module_factory_and_rejects_unknown():
    assert resolve_detector("tests.support.detectors:slow").name == "slow"
    with pytest.raises(ModelError, match="cannot load detector"):
        resolve_detector("tests.support.detectors:no_such_factory")


def test_detector_id_prefers_the_detectors_own_version():
    assert detector_id(FirstWordDetector()) == DetectorId("first-word", "1")
    assert detector_id(LexiconDetector()) == DetectorId("lexicon", "0")


def test_load_for_corpus_fingerprints_the_model_folder(tmp_path, small_gold):
    folder = tmp_path / "lexicon"
    LexiconDetector(min_count=1).fit(small_gold).save(folder)
    detector, identity = load_for_corpus(str(folder))
    assert model_folder(str(folder)) == folder
    assert identity == DetectorId("lexicon", fingerprint(folder)) and len(identity.version) == 12
    LexiconDetector(min_count=1).fit(small_gold[:1]).save(folder)
    assert load_for_corpus(str(folder))[1] != identity


def test_analyze_again_after_the_model_changes(tmp_path, small_gold):
    folder = tmp_path / "lexicon"
    LexiconDetector(min_count=1).fit(small_gold).save(folder)
    with Store(tmp_path / "c.db") as store:
        store.add_records([record_from_text("The traitors lie.", origin="t")])
        assert corpus.analyze(store, str(folder)).analysed == 1
        assert corpus.analyze(store, str(folder)).analysed == 0
        LexiconDetector(min_count=1).fit(small_gold[1:]).save(folder)
        assert corpus.analyze(store, str(folder)).analysed == 1
        assert len(store.detectors()) == 2


def test_detector_id_of_auto_is_made_of_the_shipped_models_it_chooses_from():
    identity = detector_id(load_detector("auto"))
    assert identity.name == "auto" and identity.version.startswith("minilm-ptc@")
    assert identity == load_for_corpus(None)[1]  # auto is the corpus default
