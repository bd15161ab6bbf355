"""Quantisation-aware training: epochs in which the encoder sees the int8 rounding it will ship with.

``ship`` quantises the exported graph with onnxruntime's dynamic int8 (``onnx_conversion.quantize_int8``):
each MatMul's weights per output channel, symmetric, 7 bits (``reduce_range``), and its input per call, one
asymmetric uint8 scale for the whole tensor (one window, as the detector runs one window a call). While
``rounding_like_int8`` is on, every ``nn.Linear`` of the graph (encoder and token head) computes with its
weights and its input rounded the same way, and the gradients pass the rounding unchanged (the
straight-through estimator), so the last epochs of a run (config ``quant_aware_epochs``) move the weights to
where that rounding costs least. The weights are still saved and exported in fp32, and quantised by ``ship``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch
from torch import nn
from torch.nn.utils import parametrize

WEIGHT_LEVELS = 64  # QInt8 with reduce_range: [-64, 64]
ACTIVATION_LEVELS = 255  # uint8


def _straight_through(exact: torch.Tensor, rounded: torch.Tensor) -> torch.Tensor:
    """``rounded``'s values with ``exact``'s gradient."""
    return exact + (rounded - exact).detach()


def round_weight(weight: torch.Tensor) -> torch.Tensor:
    """Symmetric per-output-channel rounding of a Linear weight (rows are output channels)."""
    scale = weight.detach().abs().amax(dim=1, keepdim=True).clamp(min=1e-12) / WEIGHT_LEVELS
    return _straight_through(weight, torch.round(weight / scale).clamp(-WEIGHT_LEVELS, WEIGHT_LEVELS) * scale)


def round_activation(x: torch.Tensor) -> torch.Tensor:
    """Asymmetric uint8 rounding with one scale per batch row (one window), its range holding 0, as
    onnxruntime's DynamicQuantizeLinear does for a tensor."""
    values = x.detach().float()
    dims = tuple(range(1, values.dim()))
    low = values.amin(dim=dims, keepdim=True).clamp(max=0.0)
    high = values.amax(dim=dims, keepdim=True).clamp(min=0.0)
    scale = ((high - low) / ACTIVATION_LEVELS).clamp(min=1e-12)
    zero = torch.round(-low / scale).clamp(0, ACTIVATION_LEVELS)
    levels = torch.round(values / scale + zero).clamp(0, ACTIVATION_LEVELS)
    return _straight_through(x, ((levels - zero) * scale).to(x.dtype))


class _RoundedWeight(nn.Module):
    def forward(self, weight: torch.Tensor) -> torch.Tensor:
        return round_weight(weight)


def _round_input(_module: nn.Module, inputs: tuple[torch.Tensor, ...]) -> tuple[torch.Tensor, ...]:
    return (round_activation(inputs[0]), *inputs[1:])


def quantised_linears(model: nn.Module) -> list[nn.Linear]:
    """The Linear layers onnxruntime quantises in the exported graph: the encoder's and the token head."""
    return [m for m in (*model.encoder.modules(), model.token_head) if isinstance(m, nn.Linear)]


@contextmanager
def rounding_like_int8(model: nn.Module) -> Iterator[None]:
    """Within the block, the model's quantised Linear layers round weights and inputs as int8 will;
    afterwards they are plain again, holding the (trained) unrounded weights."""
    linears = quantised_linears(model)
    hooks = []
    try:
        for linear in linears:
            parametrize.register_parametrization(linear, "weight", _RoundedWeight())
            hooks.append(linear.register_forward_pre_hook(_round_input))
        yield
    finally:
        for hook in hooks:
            hook.remove()
        for linear in linears:
            if parametrize.is_parametrized(linear, "weight"):
                parametrize.remove_parametrizations(linear, "weight", leave_parametrized=False)
