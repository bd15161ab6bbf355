"""The trainable model: a BERT-style encoder with a token head and a TC head (torch).

``forward`` returns what the ONNX graph exports: per-token logits (one column per
technique plus the "any technique" column) and the last hidden states. The TC head
pools the hidden states of a span (mean and max, as the numpy head does at inference)
and adds the span's text features; it is trained here and shipped as ``tc_head.npz``.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn
from transformers import AutoConfig, AutoModel, BertModel

from spinscope.detector.span_classifier import N_TEXT_FEATURES, TcHead
from spinscope.errors import ConfigError
from spinscope.training.data import N_CHANNELS, N_LABELS


def base_model_folder(base_model: str) -> Path:
    """The folder of weights and tokenizer: an installed package's ``model/`` or a path."""
    path = Path(base_model)
    if path.is_dir():
        return path
    spec = importlib.util.find_spec(base_model)
    if spec is None or spec.origin is None:
        raise ConfigError(f"base model {base_model!r}: neither a folder nor an installed package "
                          "(install the 'train' extra)")
    folder = Path(spec.origin).parent / "model"
    if not (folder / "config.json").is_file():
        raise ConfigError(f"base model package {base_model!r} has no model/config.json")
    return folder


class SpanTechniqueModel(nn.Module):
    """Encoder + token head (multi-label) + span head (one technique per span)."""

    def __init__(self, encoder: BertModel, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        size = encoder.config.hidden_size
        self.dropout = nn.Dropout(dropout)
        self.token_head = nn.Linear(size, N_CHANNELS)
        self.tc_head = nn.Linear(2 * size + N_TEXT_FEATURES, N_LABELS)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.token_head(self.dropout(hidden)), hidden

    def span_logits(self, hidden: torch.Tensor, spans: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        """TC logits for spans given as rows (batch row, first, last, label)."""
        pooled = []
        for row, first, last, _ in spans.tolist():
            states = hidden[row, first:last]
            pooled.append(torch.cat((states.mean(dim=0), states.max(dim=0).values)))
        inputs = torch.cat((torch.stack(pooled), features), dim=1)
        return self.tc_head(self.dropout(inputs))

    def numpy_tc_head(self) -> TcHead:
        weight = self.tc_head.weight.detach().float().cpu().numpy()
        return TcHead(np.ascontiguousarray(weight), self.tc_head.bias.detach().float().cpu().numpy())


def load_base_encoder(base_model: str, attention_dropout: float, hidden_dropout: float) -> BertModel:
    """The pretrained encoder with eager attention (what the ONNX exporter handles)."""
    return AutoModel.from_pretrained(
        str(base_model_folder(base_model)), attn_implementation="eager", add_pooling_layer=False,
        attention_probs_dropout_prob=attention_dropout, hidden_dropout_prob=hidden_dropout,
    )


def keep_layers(encoder: BertModel, count: int | None) -> BertModel:
    """The encoder with only its first ``count`` layers (``None``: all of them)."""
    layers = encoder.encoder.layer
    if count is None or count == len(layers):
        return encoder
    if count > len(layers):
        raise ConfigError(f"layers: the base encoder has only {len(layers)} layers, not {count}")
    encoder.encoder.layer = nn.ModuleList(list(layers)[:count])
    encoder.config.num_hidden_layers = count
    return encoder


def save_state(model: SpanTechniqueModel, path: Path) -> None:
    """All of the model's tensors (encoder and heads) as one safetensors file."""
    from safetensors.torch import save_file

    save_file({k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}, str(path))


def mean_state(paths: Sequence[Path]) -> dict[str, torch.Tensor]:
    """The element-wise mean of the tensors in several safetensors files (each keeps its dtype)."""
    from safetensors.torch import load_file

    states = [load_file(str(path)) for path in paths]
    return {k: (sum(s[k].float() for s in states) / len(states)).to(states[0][k].dtype) for k in states[0]}


def save_weights(model: SpanTechniqueModel, folder: Path) -> None:
    """``encoder_config.json`` + ``weights.safetensors``: enough to rebuild the model anywhere."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "encoder_config.json").write_text(model.encoder.config.to_json_string(), encoding="utf-8")
    save_state(model, folder / "weights.safetensors")


def load_weights(folder: Path) -> SpanTechniqueModel:
    """Rebuild a model saved by ``save_weights`` (random init is overwritten)."""
    from safetensors.torch import load_file

    folder = Path(folder)
    settings = json.loads((folder / "encoder_config.json").read_text(encoding="utf-8"))
    settings["attn_implementation"] = "eager"
    config = AutoConfig.for_model(settings.pop("model_type", "bert"), **settings)  # BERT, MPNet, ...
    encoder = AutoModel.from_config(config, add_pooling_layer=False)
    model = SpanTechniqueModel(encoder)
    model.load_state_dict(load_file(str(folder / "weights.safetensors")))
    return model.eval()
