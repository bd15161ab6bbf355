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
from tests.training.conftest import base_folder


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


@pytest.mark.slow
def test_train_average_last_ships_the_mean_of_the_last_epochs(ptc_folder, tmp_path, tiny_encoder):
    from safetensors.torch import load_file

    from spinscope.training.train import epoch_file

    config = TrainConfig(name="tiny", train=(str(ptc_folder),), dev=None, base_model=str(base_folder()),
                         window=16, stride=8, eval_stride=8, epochs=3, batch_size=8, learning_rate=3e-3,
                         head_learning_rate=1e-2, warmup=0.0, hidden_dropout=0.0, threads=1, average_last=2)
    run = tmp_path / "run"
    train(config, run, encoder=tiny_encoder())
    assert not epoch_file(run, 1).exists()
    second, third = load_file(str(epoch_file(run, 2))), load_file(str(epoch_file(run, 3)))
    shipped = load_file(str(run / "weights.safetensors"))
    key = "token_head.weight"
    assert not np.allclose(second[key].numpy(), third[key].numpy())
    assert np.allclose(shipped[key].numpy(), (second[key].numpy() + third[key].numpy()) / 2, atol=1e-6)


def test_train_config_rejects_averaging_more_epochs_than_it_trains():
    from spinscope.errors import ConfigError

    with pytest.raises(ConfigError, match="average_last"):
        TrainConfig(epochs=2, average_last=3)
