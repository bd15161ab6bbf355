"""A tiny random encoder overfits four hand-written articles, saves, reloads and exports."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from spinscope.detector.card import ModelCard
from spinscope.detector.neural import NeuralDetector
from spinscope.detector.onnx import OnnxDetector
from spinscope.detector.windows import load_tokenizer
from spinscope.io.ptc import read_gold
from spinscope.training.config import TrainConfig
from spinscope.training.model import load_weights
from spinscope.training.train import torch_runner, train


def detector_for(model, run: Path, config: TrainConfig) -> NeuralDetector:
    card = ModelCard("tiny", window=config.window, stride=config.eval_stride)
    return NeuralDetector(torch_runner(model, False), load_tokenizer(run / "tokenizer.json"),
                          model.numpy_tc_head(), card)


@pytest.mark.slow
def test_train_tiny_model_overfits_the_training_spans(tiny_run):
    _, result, _ = tiny_run
    assert result.dev["tc_micro_f1"] == 1.0
    assert result.dev["e2e_f1"] > 0.8


@pytest.mark.slow
def test_train_tiny_model_reloads_with_the_same_predictions(tiny_run):
    config, result, ptc = tiny_run
    gold = read_gold(ptc)
    reloaded = detector_for(load_weights(result.run_dir), result.run_dir, config)
    predicted = reloaded.predict([g.document for g in gold])
    spans = {(a.document.id, s.start, s.end, s.technique) for a in predicted for s in a.spans}
    expected = {(g.document.id, s.start, s.end, s.technique) for g in gold for s in g.spans}
    assert expected <= spans


@pytest.mark.slow
def test_train_resumes_after_the_last_checkpoint(tiny_run, tiny_encoder):
    config, result, _ = tiny_run
    log_before = (result.run_dir / "train.log").read_text(encoding="utf-8")
    again = train(config, result.run_dir, encoder=tiny_encoder())
    log_after = (result.run_dir / "train.log").read_text(encoding="utf-8")
    assert again.epochs_done == config.epochs
    assert f"resuming after epoch {config.epochs}" in log_after[len(log_before):]


@pytest.mark.slow
def test_export_onnx_agrees_with_torch(tiny_run, tmp_path):
    from spinscope.training.ship import stage

    config, result, ptc = tiny_run
    folder = stage(result.run_dir, tmp_path / "model", "tiny", config.window, config.eval_stride)
    onnx = OnnxDetector.load(folder)
    torch_model = load_weights(result.run_dir)
    ids = np.array([[101, 1996, 5205, 2003, 102, 0]], dtype=np.int64)
    mask = np.array([[1, 1, 1, 1, 1, 0]], dtype=np.int64)
    onnx_logits, onnx_hidden = onnx.runner(ids, mask)
    torch_logits, torch_hidden = torch_runner(torch_model, False)(ids, mask)
    assert np.allclose(onnx_logits, torch_logits, atol=1e-4)
    assert np.allclose(onnx_hidden, torch_hidden, atol=1e-4)
    gold = read_gold(ptc)
    assert onnx.classify(gold) == [
        a.__class__(a.document, a.spans, detector="tiny") for a in detector_for(torch_model, result.run_dir, config).classify(gold)
    ]


@pytest.mark.slow
def test_ship_tunes_on_dev_then_carries_settings_to_a_retrained_model(tiny_run, tmp_path):
    from spinscope.training.ship import ship

    _, result, ptc = tiny_run
    first = ship(result.run_dir, tmp_path / "tiny", str(ptc), int8=True)
    assert OnnxDetector.load(tmp_path / "tiny").card == first.card
    assert first.card.about["dev_metrics"]["tc_micro_f1"] == pytest.approx(first.dev["tc_micro_f1"], abs=1e-4)
    second = ship(result.run_dir, tmp_path / "again" / "tiny", None, settings_from=tmp_path / "tiny")
    assert second.card.thresholds == first.card.thresholds and second.int8 == first.int8
    assert "train+dev" in second.card.about["note"]
    assert sorted(p.name for p in (tmp_path / "again" / "tiny").iterdir()) == [
        "model.onnx", "spinscope.json", "tc_head.npz", "tokenizer.json"]
