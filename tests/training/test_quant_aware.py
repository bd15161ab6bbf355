"""Quantisation-aware training: the rounding matches onnxruntime's dynamic int8, and the model is plain after it."""

from __future__ import annotations

from dataclasses import replace

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


def test_train_quant_aware_epochs_round_only_the_last_epochs(ptc_folder, tmp_path, tiny_encoder):
    """With ``quant_aware_epochs`` 1 of 2, the first epoch's weights are those of a plain run with the
    same seed, the second's differ, and the saved weights carry plain tensor names."""
    import torch
    from safetensors.torch import load_file

    from spinscope.training.config import TrainConfig
    from spinscope.training.train import epoch_file, train

    config = TrainConfig(name="tiny", train=(str(ptc_folder),), dev=None, base_model=str(base_folder()),
                         window=16, stride=8, eval_stride=8, epochs=2, batch_size=8, learning_rate=3e-3,
                         head_learning_rate=1e-2, warmup=0.0, hidden_dropout=0.0, threads=1, average_last=2)
    runs = {}
    for rounded in (0, 1):
        runs[rounded] = tmp_path / f"run{rounded}"
        torch.manual_seed(0)  # the same random encoder for both runs
        train(replace(config, quant_aware_epochs=rounded), runs[rounded], encoder=tiny_encoder())

    def same(epoch: int) -> bool:
        plain, tuned = (load_file(str(epoch_file(runs[r], epoch))) for r in (0, 1))
        assert plain.keys() == tuned.keys()
        return all(np.array_equal(plain[k].numpy(), tuned[k].numpy()) for k in plain)

    assert same(1) and not same(2)
    saved = [load_file(str(runs[r] / "weights.safetensors")).keys() for r in (0, 1)]
    assert saved[0] == saved[1]


@pytest.mark.parametrize("epochs", [-1, 7])
def test_train_config_rejects_quant_aware_epochs_outside_the_run(epochs):
    from spinscope.errors import ConfigError
    from spinscope.training.config import TrainConfig

    with pytest.raises(ConfigError, match="quant_aware_epochs"):
        TrainConfig(epochs=6, quant_aware_epochs=epochs)
