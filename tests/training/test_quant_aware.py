"""Quantisation-aware fine-tuning: the rounding matches onnxruntime's dynamic int8, and the model is plain after it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.training.conftest import base_folder


def test_round_weight_gives_each_row_65_levels_of_its_own_scale_and_passes_gradients_through():
    import torch

    from spinscope.training.quant_aware import round_weight

    weight = torch.randn(3, 50, requires_grad=True)
    rounded = round_weight(weight)
    for row, original in zip(rounded.detach(), weight.detach()):
        step = original.abs().max() / 64
        levels = row / step
        assert torch.allclose(levels, levels.round(), atol=1e-4)
        assert levels.abs().max() == pytest.approx(64, abs=1e-4)
        assert (row - original).abs().max() <= step / 2 + 1e-6
    rounded.sum().backward()
    assert torch.equal(weight.grad, torch.ones_like(weight))


def test_round_activation_scales_each_window_alone_and_keeps_zero_exact():
    import torch

    from spinscope.training.quant_aware import round_activation

    x = torch.stack((torch.linspace(-1, 3, 40).reshape(4, 10), torch.linspace(0.5, 100, 40).reshape(4, 10)))
    rounded = round_activation(x)
    for window, original in zip(rounded, x):
        step = (original.max().clamp(min=0) - original.min().clamp(max=0)) / 255
        assert len(torch.unique(window)) <= 256
        assert (window - original).abs().max() <= step / 2 + 1e-5
    assert round_activation(torch.tensor([[0.0, -2.0, 5.0]]))[0, 0] == 0


def test_rounded_linear_matches_onnxruntime_dynamic_int8(tmp_path):
    """A Linear under ``rounding_like_int8`` gives what the ONNX graph gives once ``quantize_int8``
    has quantised it (within int8 accumulation's float error)."""
    import torch

    from spinscope.training.onnx_conversion import quantize_int8
    from spinscope.training.quant_aware import rounding_like_int8

    torch.manual_seed(0)
    holder = torch.nn.Module()
    holder.encoder = torch.nn.Linear(64, 32)
    holder.token_head = torch.nn.Identity()
    x = torch.randn(1, 20, 64) * 3 + 0.5
    torch.onnx.export(holder.encoder, (x,), str(tmp_path / "fp32.onnx"), dynamo=False, opset_version=17,
                      input_names=["x"], output_names=["y"])
    quantize_int8(tmp_path / "fp32.onnx", tmp_path / "int8.onnx")
    import onnxruntime as ort

    int8 = ort.InferenceSession(str(tmp_path / "int8.onnx"), providers=["CPUExecutionProvider"])
    got = int8.run(None, {"x": x.numpy()})[0]
    with torch.no_grad():
        plain = holder.encoder(x).numpy()
        with rounding_like_int8(holder):
            rounded = holder.encoder(x).numpy()
    assert np.abs(got - rounded).max() < 1e-4 < np.abs(got - plain).max()


def test_rounding_like_int8_leaves_a_plain_model_with_the_same_tensors(tiny_encoder):
    import torch

    from spinscope.training.model import SpanTechniqueModel
    from spinscope.training.quant_aware import rounding_like_int8

    model = SpanTechniqueModel(tiny_encoder()).eval()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    ids = torch.randint(1000, 2000, (1, 12))
    mask = torch.ones_like(ids)
    with torch.no_grad():
        plain = model(ids, mask)[0]
        with rounding_like_int8(model):
            rounded = model(ids, mask)[0]
        again = model(ids, mask)[0]
    assert not torch.equal(plain, rounded)
    assert torch.equal(plain, again)
    assert model.state_dict().keys() == before.keys()
    assert all(torch.equal(model.state_dict()[k], v) for k, v in before.items())


def test_train_quant_aware_epochs_continue_a_finished_run_once(ptc_folder, tmp_path, tiny_encoder):
    """A finished run given quantisation-aware epochs tunes its final weights at the low rate,
    exports them, logs it, and a second call changes nothing."""
    from spinscope.training.config import TrainConfig
    from spinscope.training.model import load_state
    from spinscope.training.train import train

    config = TrainConfig(name="tiny", train=(str(ptc_folder),), dev=None, base_model=str(base_folder()),
                         window=16, stride=8, eval_stride=8, epochs=2, batch_size=8, learning_rate=3e-3,
                         head_learning_rate=1e-2, warmup=0.0, hidden_dropout=0.0, threads=1)
    run = tmp_path / "run"
    train(config, run, encoder=tiny_encoder())
    trained = load_state(run / "weights.safetensors")
    tuned_config = TrainConfig(**{**json.loads((run / "config.json").read_text()), "train": config.train,
                                  "quant_aware_epochs": 1, "quant_aware_learning_rate": 1e-3})
    train(tuned_config, run, encoder=tiny_encoder())
    tuned = load_state(run / "weights.safetensors")
    assert tuned.keys() == trained.keys()
    assert any(not np.array_equal(tuned[k].numpy(), trained[k].numpy()) for k in trained)
    assert "quantisation-aware: 1 epoch(s)" in (run / "train.log").read_text()
    train(tuned_config, run, encoder=tiny_encoder())
    assert all(np.array_equal(load_state(run / "weights.safetensors")[k].numpy(), tuned[k].numpy()) for k in tuned)


def test_train_config_rejects_negative_quant_aware_epochs():
    from spinscope.errors import ConfigError
    from spinscope.training.config import TrainConfig

    with pytest.raises(ConfigError, match="quant_aware_epochs"):
        TrainConfig(quant_aware_epochs=-1)
