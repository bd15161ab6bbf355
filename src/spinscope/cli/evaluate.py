"""``spinscope evaluate``: the SemEval-2020 Task 11 figures for a detector or a submission file."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from spinscope import techniques
from spinscope.cli.app import app, console
from spinscope.detector.loading import load_detector
from spinscope.evaluation import evaluate_detector, evaluate_file
from spinscope.io.ptc import read_gold


def scores_table(scores: dict[str, float]) -> Table:
    table = Table(title="SemEval-2020 Task 11")
    table.add_column("measure")
    for column in ("precision", "recall", "F1"):
        table.add_column(column, justify="right")
    for label, prefix in (("SI (span identification)", "si_"), ("TC micro (technique classification)", "tc_micro_"),
                          ("end-to-end span + technique", "e2e_")):
        if f"{prefix}f1" in scores:
            table.add_row(label, *(f"{scores[prefix + k]:.4f}" for k in ("precision", "recall", "f1")))
    return table


def technique_table(scores: dict[str, float]) -> Table:
    table = Table(title="F1 per technique")
    for column, justify in (("technique", "left"), ("TC F1", "right"), ("end-to-end F1", "right")):
        table.add_column(column, justify=justify)
    for technique in techniques.TECHNIQUES:
        table.add_row(technique.name, f"{scores[f'tc_{technique.id}_f1']:.4f}",
                      f"{scores[f'e2e_{technique.id}_f1']:.4f}")
    return table


@app.command()
def evaluate(
    gold: Path = typer.Option(..., "--gold", help="PTC folder with articles/ and tc.labels."),
    pred: Path = typer.Option(None, "--pred", help="Submission file to score (TC or SI format); without it, run the detector."),
    detector: str = typer.Option(None, "--detector", "-d", help="Detector to run when no --pred is given."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
) -> None:
    """Score predictions against gold labels with the SemEval-2020 Task 11 metrics."""
    gold_analyses = read_gold(gold)
    if pred is not None:
        scores = evaluate_file(gold_analyses, pred)
    else:
        scores = evaluate_detector(load_detector(detector), gold_analyses)
    if as_json:
        typer.echo(json.dumps({k: round(v, 6) for k, v in scores.items()}, indent=2))
    else:
        console.print(scores_table(scores))
        if "tc_micro_f1" in scores:
            console.print(technique_table(scores))
