"""Fine-tune the span + technique model on PTC, with dev figures and checkpoints per epoch.

A run lives in one folder: ``config.json`` (the TrainConfig), ``train.log`` (progress
and one dev line per epoch), ``metrics.jsonl``, ``checkpoint.pt`` (model, optimiser and
scheduler after the last finished epoch) and the exportable ``weights.safetensors``,
``encoder_config.json``, ``tokenizer.json`` and ``tc_head.npz``. With ``average_last`` N > 1
the last N epochs' weights are kept in ``epochs/`` and the exported weights are their mean
(averaging the tail of a run smooths out the last epochs' noise). Calling ``train`` on a
folder with a checkpoint resumes after its last epoch; a finished, averaged run is left as
it is. Seeds depend only on the config's seeds and the epoch number, so a resumed run repeats
the uninterrupted one. ``device`` cuda trains on a GPU (fp32 with TF32 matmuls). With
``quant_aware_epochs`` N the last N epochs train rounding as the shipped int8 graph will (``quant_aware``).
"""

from __future__ import annotations

import json
import random
import shutil
import time
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch
from torch import nn

from spinscope.detector.card import ModelCard
from spinscope.detector.neural import NeuralDetector
from spinscope.detector.windows import load_tokenizer, special_ids
from spinscope.document import Analysis
from spinscope.errors import ConfigError
from spinscope.io.ptc import read_gold
from spinscope.training import data
from spinscope.training.config import TrainConfig, is_run_folder
from spinscope.training.metrics import evaluate_detector, headline
from spinscope.training.model import (
    SpanTechniqueModel, base_model_folder, keep_layers, load_base_encoder, load_weights, mean_state, save_state,
    save_weights,
)
from spinscope.training.quant_aware import rounding_like_int8

CHECKPOINT = "checkpoint.pt"
EPOCHS_DIR = "epochs"
AVERAGED = "averaged"  # which epochs the exported weights are the mean of, once averaged
LOG_EVERY = 25


@dataclass(frozen=True)
class TrainResult:
    run_dir: Path
    epochs_done: int
    dev: dict[str, float]


def cpu_has_bf16() -> bool:
    """True where the CPU runs bf16 matmuls natively (avx512_bf16 or AMX)."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def use_bf16(precision: str, device: str = "cpu") -> bool:
    """bf16 autocast: asked for, or (auto) on a CPU that runs it natively; a GPU trains in fp32."""
    if device != "cpu":
        return precision == "bf16"
    if precision == "bf16" and not cpu_has_bf16():
        raise ConfigError("precision bf16 asked for, but this CPU has neither avx512_bf16 nor AMX; use auto")
    return precision == "bf16" or (precision == "auto" and cpu_has_bf16())


def check_device(device: str) -> str:
    """``cpu`` or ``cuda``, where torch can use it."""
    if device not in ("cpu", "cuda"):
        raise ConfigError(f"device must be cpu or cuda, not {device!r}")
    if device == "cuda" and not torch.cuda.is_available():
        raise ConfigError("device cuda asked for, but torch sees no CUDA GPU here")
    return device


def autocast(device: str, bf16: bool):
    return torch.autocast(device, dtype=torch.bfloat16) if bf16 else nullcontext()


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


class RunLog:
    """Appends timestamped lines to ``train.log`` and echoes them."""

    def __init__(self, path: Path, echo: Callable[[str], None] | None = None) -> None:
        self.path, self.echo = path, echo

    def __call__(self, message: str) -> None:
        line = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {message}"
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
        if self.echo:
            self.echo(line)


def read_folders(folders: Sequence[str], limit: int | None) -> list[Analysis]:
    gold = [a for folder in folders for a in read_gold(folder)]
    return gold[:limit] if limit else gold


def model_device(model: nn.Module) -> str:
    return next(model.parameters()).device.type


def torch_runner(model: SpanTechniqueModel, bf16: bool):
    """A detector Runner over the torch model (eval mode, no gradients), on its device."""
    device = model_device(model)

    def run(input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with torch.inference_mode(), autocast(device, bf16):
            logits, hidden = model(torch.from_numpy(input_ids).to(device),
                                   torch.from_numpy(attention_mask).to(device))
        return logits.float().cpu().numpy(), hidden.float().cpu().numpy()
    return run


def torch_detector(model: SpanTechniqueModel, config: TrainConfig, tokenizer, bf16: bool) -> NeuralDetector:
    """The shipped detector's code over the torch model, with a default card."""
    card = ModelCard(config.name, window=config.window, stride=config.eval_stride, batch_size=32)
    return NeuralDetector(torch_runner(model, bf16), tokenizer, model.numpy_tc_head(), card)


def evaluate_model(model: SpanTechniqueModel, config: TrainConfig, tokenizer, gold: Sequence[Analysis],
                   bf16: bool) -> dict[str, float]:
    """Dev figures with default thresholds, through the same code that ships."""
    model.eval()
    scores = evaluate_detector(torch_detector(model, config, tokenizer, bf16), gold)
    model.train()
    return scores


def column_weights(span_weight: float) -> torch.Tensor:
    """Each token-head column's share of the token loss: 1 per technique, ``span_weight``
    for the last ("any technique") column; they sum to 1."""
    weights = torch.ones(data.N_CHANNELS)
    weights[-1] = span_weight
    return weights / weights.sum()


def losses(model: SpanTechniqueModel, batch: data.Batch, pos_weight: torch.Tensor,
           tc_weight: float, columns: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Masked multi-label token loss (columns weighted by ``columns``) and TC cross-entropy."""
    device = model_device(model)
    logits, hidden = model(torch.from_numpy(batch.input_ids).to(device),
                           torch.from_numpy(batch.attention_mask).to(device))
    targets, mask = torch.from_numpy(batch.targets).to(device), torch.from_numpy(batch.target_mask).to(device)
    bce = nn.functional.binary_cross_entropy_with_logits(
        logits.float(), targets, pos_weight=pos_weight, reduction="none")
    token_loss = ((bce * columns).sum(dim=-1) * mask).sum() / mask.sum().clamp(min=1)
    if len(batch.spans) == 0 or tc_weight == 0:
        return token_loss, torch.zeros(())
    spans = torch.from_numpy(batch.spans)
    span_logits = model.span_logits(hidden.float(), spans, torch.from_numpy(batch.span_features).to(device))
    wanted = spans[:, 3] if batch.span_targets is None else torch.from_numpy(batch.span_targets)
    return token_loss, nn.functional.cross_entropy(span_logits, wanted.to(device))


def make_optimizer(model: SpanTechniqueModel, config: TrainConfig, total_steps: int):
    """AdamW (a higher rate for the fresh heads) with linear warm-up and decay."""
    trained = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    heads = [p for n, p in trained if not n.startswith("encoder.")]
    encoder = [p for n, p in trained if n.startswith("encoder.")]
    optimizer = torch.optim.AdamW(
        [{"params": encoder, "lr": config.learning_rate}, {"params": heads, "lr": config.head_learning_rate}],
        weight_decay=config.weight_decay,
    )
    warmup = max(1, int(total_steps * config.warmup))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def save_checkpoint(run_dir: Path, model, optimizer, scheduler, epoch: int) -> None:
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(),
             "scheduler": scheduler.state_dict(), "epoch": epoch}
    partial = run_dir / (CHECKPOINT + ".partial")
    torch.save(state, partial)
    partial.replace(run_dir / CHECKPOINT)


def load_checkpoint(run_dir: Path, model, optimizer, scheduler) -> int:
    """Restore the last finished epoch; 0 when there is no checkpoint."""
    path = run_dir / CHECKPOINT
    if not path.is_file():
        return 0
    state = torch.load(path, map_location=model_device(model), weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    return int(state["epoch"])


def export_files(run_dir: Path, model: SpanTechniqueModel, config: TrainConfig) -> None:
    """What export.py needs: weights, encoder config, tokenizer, TC head."""
    save_weights(model, run_dir)
    model.numpy_tc_head().save(run_dir / "tc_head.npz")
    shutil.copyfile(base_model_folder(config.base_model) / "tokenizer.json", run_dir / "tokenizer.json")


def check_resumable(run_dir: Path, config: TrainConfig) -> None:
    """A checkpoint may only be resumed by the config that made it (averaging aside)."""
    saved = run_dir / "config.json"
    if saved.is_file() and (run_dir / CHECKPOINT).is_file():
        if replace(TrainConfig.load(saved), average_last=config.average_last) != config:
            raise ConfigError(f"{run_dir} holds a checkpoint of a different config; use a new run folder")


def epoch_file(run_dir: Path, epoch: int) -> Path:
    return run_dir / EPOCHS_DIR / f"{epoch}.safetensors"


def keep_epoch(run_dir: Path, model: SpanTechniqueModel, epoch: int, keep: int) -> None:
    """Save this epoch's weights for averaging; drop those too old to be averaged."""
    epoch_file(run_dir, epoch).parent.mkdir(exist_ok=True)
    save_state(model, epoch_file(run_dir, epoch))
    epoch_file(run_dir, epoch - keep).unlink(missing_ok=True)


def average_epochs(run_dir: Path, model: SpanTechniqueModel, epochs: Sequence[int]) -> None:
    """Load the mean of the given epochs' weights into ``model``."""
    missing = [e for e in epochs if not epoch_file(run_dir, e).is_file()]
    if missing:
        raise ConfigError(f"{run_dir}: no saved weights for epochs {missing} to average")
    model.load_state_dict(mean_state([epoch_file(run_dir, e) for e in epochs]))


def run_epoch(model, docs, config: TrainConfig, epoch: int, optimizer, scheduler, pos_weight,
              specials, bf16: bool, log: RunLog) -> None:
    seed_everything(config.data_order_seed + epoch)
    windows = data.epoch_windows(docs, config.window, config.stride, epoch, config.data_order_seed)
    groups = data.batch_windows(windows, config.batch_size)
    started, total = time.time(), [0.0, 0.0]
    device = model_device(model)
    columns = column_weights(config.span_loss_weight).to(device)
    model.train()
    for step, group in enumerate(groups, 1):
        batch = data.make_batch(docs, group, specials)
        with autocast(device, bf16):
            token_loss, tc_loss = losses(model, batch, pos_weight, config.tc_loss_weight, columns)
        loss = token_loss + config.tc_loss_weight * tc_loss
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        total[0] += token_loss.item()
        total[1] += tc_loss.item()
        if step % LOG_EVERY == 0 or step == len(groups):
            log(f"epoch {epoch + 1} step {step}/{len(groups)} token_loss {total[0] / step:.4f} "
                f"tc_loss {total[1] / step:.4f} {time.time() - started:.0f}s")


def train(config: TrainConfig, run_dir: Path, echo: Callable[[str], None] | None = None,
          encoder=None, device: str = "cpu") -> TrainResult:
    """Train (or resume) a run in ``run_dir`` on ``device`` (cpu or cuda; not part of the
    recipe, so a run may resume on another device); ``encoder`` overrides the base model (tests)."""
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    check_resumable(run_dir, config)
    config.save(run_dir / "config.json")
    log = RunLog(run_dir / "train.log", echo)
    torch.set_num_threads(config.threads)
    bf16 = use_bf16(config.precision, check_device(device))
    if device == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True  # fp32 training, TF32 matmuls
    seed_everything(config.seed)
    tokenizer = load_tokenizer(base_model_folder(config.base_model) / "tokenizer.json")
    specials = special_ids(tokenizer)
    gold = read_folders(config.train, config.limit_articles)
    docs = data.prepare(gold, tokenizer)
    dev = read_folders([config.dev], config.limit_articles) if config.dev else []
    encoder = encoder or load_base_encoder(config.base_model, config.attention_dropout, config.hidden_dropout)
    model = SpanTechniqueModel(keep_layers(encoder, config.layers), config.hidden_dropout).to(device)
    if config.freeze_embeddings:
        model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    steps = len(data.batch_windows(data.epoch_windows(docs, config.window, config.stride, 0, config.data_order_seed),
                                   config.batch_size))
    optimizer, scheduler = make_optimizer(model, config, steps * config.epochs)
    done = load_checkpoint(run_dir, model, optimizer, scheduler)
    if config.teacher and done < config.epochs:  # a finished run needs no teacher to average or export
        docs = taught(docs, gold, dev, config, log, bf16)
    pos_weight = torch.from_numpy(data.positive_weights(docs, config.max_pos_weight)).to(device)
    log(f"start: {len(docs)} articles, {steps} steps/epoch, {device}, bf16={bf16}, resuming after epoch {done}")
    scores: dict[str, float] = {}
    for epoch in range(done, config.epochs):
        with rounding_like_int8(model) if epoch >= config.epochs - config.quant_aware_epochs else nullcontext():
            run_epoch(model, docs, config, epoch, optimizer, scheduler, pos_weight, specials, bf16, log)
        if config.average_last > 1:
            keep_epoch(run_dir, model, epoch + 1, config.average_last)
        save_checkpoint(run_dir, model, optimizer, scheduler, epoch + 1)
        export_files(run_dir, model, config)
        scores = log_dev(model, config, tokenizer, dev, bf16, log, run_dir, epoch + 1)
    epochs = range(config.epochs - config.average_last + 1, config.epochs + 1)
    label = f"{epochs[0]}-{epochs[-1]} averaged"
    marker = run_dir / EPOCHS_DIR / AVERAGED
    if config.average_last > 1 and not (marker.is_file() and marker.read_text(encoding="utf-8") == label):
        average_epochs(run_dir, model, epochs)
        export_files(run_dir, model, config)
        log(f"exported the mean of epochs {epochs[0]}-{epochs[-1]}")
        marker.write_text(label, encoding="utf-8")
        scores = log_dev(model, config, tokenizer, dev, bf16, log, run_dir, label)
    return TrainResult(run_dir, config.epochs, scores)


def load_teacher(name: str, threads: int, bf16: bool) -> NeuralDetector:
    """A teacher: a training run folder (its torch weights, not quantised), or a shipped model's
    name or a model folder (ONNX)."""
    from spinscope.detector.loading import load_detector

    folder = Path(name)
    if is_run_folder(folder):
        model = load_weights(folder)
        return torch_detector(model, TrainConfig.load(folder / "config.json"),
                              load_tokenizer(folder / "tokenizer.json"), bf16)
    teacher = load_detector(name, threads=threads)
    if not isinstance(teacher, NeuralDetector):
        raise ConfigError(f"teacher {name!r} is not a neural model of one language")
    return teacher


def taught(docs: list[data.TrainingDocument], gold: Sequence[Analysis], dev: Sequence[Analysis],
           config: TrainConfig, log: RunLog, bf16: bool) -> list[data.TrainingDocument]:
    """The documents with targets blended towards the config's teacher (``distill.blend``), which
    must not have learnt from the dev articles (``distill.check_unseen``)."""
    from spinscope.training import distill

    distill.check_unseen(config.teacher, dev)
    started = time.time()
    teacher = load_teacher(config.teacher, config.threads, bf16)
    try:
        views = distill.teach(teacher, gold)
    finally:
        teacher.close()
    log(f"teacher {config.teacher}: {len(views)} articles in {time.time() - started:.0f}s")
    return distill.blend(docs, views, config.teacher_weight, config.teacher_tc_weight)


def log_dev(model, config: TrainConfig, tokenizer, dev, bf16: bool, log: RunLog, run_dir: Path,
            epoch: int | str) -> dict[str, float]:
    """Dev figures of the model as it stands, logged and appended to metrics.jsonl."""
    if not dev:
        return {}
    scores = evaluate_model(model, config, tokenizer, dev, bf16)
    log(f"epoch {epoch} dev {json.dumps(headline(scores))}")
    with open(run_dir / "metrics.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"epoch": epoch, **scores}) + "\n")
    return scores
