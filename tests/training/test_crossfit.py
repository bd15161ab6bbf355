"""A model trained on train+dev ships with decoding chosen on fold runs' held-out predictions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from spinscope.errors import ModelError
from spinscope.io.ptc import read_gold
from spinscope.training.config import TrainConfig
from tests.support.ptc import phrase_labels, write_ptc
from tests.training.conftest import ARTICLES, LABELS, base_folder, make_tiny_encoder

FOLDS = {"A": ("1", "2"), "B": ("3", "4")}


def write_part(folder: Path, ids) -> Path:
    articles = {i: ARTICLES[i] for i in ids}
    return write_ptc(folder, articles, phrase_labels(articles, [label for label in LABELS if label[0] in ids]))


def tiny_config(train: tuple[str, ...]) -> TrainConfig:
    return TrainConfig(name="tiny", train=train, dev=None, base_model=str(base_folder()), window=16, stride=8,
                       eval_stride=8, epochs=12, batch_size=8, learning_rate=3e-3, head_learning_rate=1e-2,
                       warmup=0.0, hidden_dropout=0.0, threads=1)


@pytest.fixture(scope="module")
def fold_runs(tmp_path_factory):
    """(dev folder, final run, {fold: run}): the final run trained on all four articles, each
    fold run on two of them."""
    from spinscope.training.train import train

    root = tmp_path_factory.mktemp("folds")
    dev = write_part(root / "dev", tuple(ARTICLES))
    runs = {name: train(tiny_config((str(write_part(root / name, ids)),)), root / f"run{name}",
                        encoder=make_tiny_encoder()).run_dir for name, ids in FOLDS.items()}
    final = train(tiny_config((str(dev),)), root / "final", encoder=make_tiny_encoder()).run_dir
    return dev, final, runs


def test_held_out_parts_are_the_dev_articles_each_fold_did_not_train_on(fold_runs):
    from spinscope.training.crossfit import held_out_parts

    dev, final, runs = fold_runs
    gold = read_gold(dev)
    parts = held_out_parts([runs["A"], runs["B"]], gold)
    assert [[gold[i].document.id for i in part] for part in parts] == [["3", "4"], ["1", "2"]]
    with pytest.raises(ModelError, match="exactly once: 2 left out by none, 2 by several"):
        held_out_parts([runs["A"], runs["A"]], gold)
    with pytest.raises(ModelError, match="4 left out by none"):
        held_out_parts([final], gold)


@pytest.mark.slow
def test_ship_with_folds_records_the_folds_held_out_figures(fold_runs, tmp_path):
    from spinscope.detector.onnx import OnnxDetector
    from spinscope.training.metrics import score_predictions
    from spinscope.training.ship import TUNED_KEYS, ship

    dev, final, runs = fold_runs
    report = ship(final, tmp_path / "tiny", str(dev), int8=False, folds=[runs["A"], runs["B"]])
    card = OnnxDetector.load(tmp_path / "tiny").card
    assert card == report.card and "cross-fitting: 2 fold runs" in card.about["note"]
    assert card.calibration and len(card.densities) == 101
    assert card.about["density_reference"] == [Path(f).name for f in TrainConfig.load(final / "config.json").train]
    # the recorded figures are those of each fold model, with the shipped settings, on the articles it left out
    gold = read_gold(dev)
    settings = {k: getattr(card, k) for k in TUNED_KEYS}
    predicted = {}
    for name, run in runs.items():
        fold = OnnxDetector.load(run / "package")
        fold = fold.with_card(fold.card.with_changes(**settings))
        left_out = [g for g in gold if g.document.id not in FOLDS[name]]
        for g, analysis in zip(left_out, fold.predict([g.document for g in left_out])):
            predicted[g.document.id] = replace(analysis, detector="tiny")
    scores = score_predictions(gold, [predicted[g.document.id] for g in gold])
    assert card.about["dev_metrics"]["si_f1"] == pytest.approx(scores["si_f1"], abs=1e-4)
    assert card.about["dev_metrics"]["e2e_f1"] == pytest.approx(scores["e2e_f1"], abs=1e-4)
    # the final model decodes with those settings: its own weights, not a fold's
    assert (tmp_path / "tiny" / "model.onnx").read_bytes() != (runs["A"] / "package" / "model.onnx").read_bytes()


def test_ship_with_folds_needs_dev_and_not_settings_from(fold_runs, tmp_path):
    from spinscope.training.ship import ship

    _, final, runs = fold_runs
    with pytest.raises(ModelError, match="needs a dev folder"):
        ship(final, tmp_path / "a" / "tiny", None, folds=[runs["A"]])
    with pytest.raises(ModelError, match="not both"):
        ship(final, tmp_path / "b" / "tiny", None, folds=[runs["A"]], settings_from=tmp_path)


def test_a_cross_fitted_detector_does_not_encode():
    from spinscope.detector.card import ModelCard
    from spinscope.training.crossfit import CrossFitted

    class Member:
        runner = tokenizer = tc_head = None
        card = ModelCard("tiny")

    with pytest.raises(ModelError, match="does not encode"):
        CrossFitted({1: Member()}).encode([])
