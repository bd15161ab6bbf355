"""``spinscope.json``: what a trained model needs at inference, and where it came from.

The card names the output columns, the window geometry, the decoding rule and its
thresholds (tuned on dev), and records the base model, training data, recipe and dev
metrics so that a shipped model explains itself.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from spinscope import techniques
from spinscope.detector.base import read_model_json
from spinscope.document import Scale
from spinscope.errors import ModelError

FORMAT = "spinscope-onnx/1"
SPAN_CHANNEL = "any"  # the last token column: "some technique is here"
DECODE_MODES = ("per_technique", "span_then_classify", "per_technique_and_regions")
SCORE_FEATURES = ("strongest", "technique")
LEGACY_CUT_PIECES = 3  # what a card's "cut_pieces": true meant (content words)


@dataclass(frozen=True)
class ModelCard:
    """Inference settings and provenance of one ONNX model."""

    name: str
    labels: tuple[str, ...] = techniques.TECHNIQUE_IDS
    window: int = 256
    stride: int = 192
    decode: str = "per_technique"
    thresholds: tuple[float, ...] = (0.5,) * len(techniques.TECHNIQUE_IDS)
    seeds: tuple[float, ...] = ()  # per technique: a span must peak at this; () = thresholds
    span_threshold: float = 0.5  # span_then_classify and regions: on each token's strongest column
    span_seed: float = 0.0  # span_then_classify and regions: a span must peak at this (0: no extra rule)
    max_gap: int = 0
    # windows per encoder call: with 1 a window's scores depend on its own tokens alone (an
    # int8 model quantises each call's activations with one scale), and one window per call,
    # a call per core at once, was the fastest on 2 cores
    batch_size: int = 1
    # knots (see detector/calibration.py): mean strongest-column probability over a span ->
    # probability that it is propaganda; TC probability of its technique -> probability the
    # technique is right; the score from which a span is "likely" (dev precision >= 0.6);
    # 101 quantiles of article density over PTC train+dev, all spans and likely ones
    calibration: tuple[tuple[float, float], ...] = ()
    technique_calibration: tuple[tuple[float, float], ...] = ()
    likely_cut: float = 0.0
    densities: tuple[float, ...] = ()
    likely_densities: tuple[float, ...] = ()
    split_head: bool = True  # title and date lines windowed apart from the body (windows.py)
    tidy: bool = True  # span edges on whole words, inside one sentence, same-range spans merged (shape.py)
    # with tidy: also cut pieces of a neighbouring sentence with up to this many content words off span
    # edges (shape.without_fragments); 0 for cards fitted before that rule (their score maps fit the spans
    # without it). Cards of that time wrote true, which meant LEGACY_CUT_PIECES
    cut_pieces: int = 0
    # what the score map reads: the mean over the span's tokens of each token's strongest column
    # ("strongest"), or of the column of the span's own technique ("technique"); ``spinscope
    # retune`` keeps the one whose likely spans are more precise on held-out articles
    score_feature: str = "strongest"
    about: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for label in self.labels:
            techniques.get(label)
        if len(self.thresholds) != len(self.labels):
            raise ModelError(f"model card: {len(self.thresholds)} thresholds for {len(self.labels)} labels")
        if self.seeds and len(self.seeds) != len(self.labels):
            raise ModelError(f"model card: {len(self.seeds)} seed thresholds for {len(self.labels)} labels")
        if self.decode not in DECODE_MODES:
            raise ModelError(f"model card: decode must be one of {DECODE_MODES}, got {self.decode!r}")
        if self.score_feature not in SCORE_FEATURES:
            raise ModelError(f"model card: score_feature must be one of {SCORE_FEATURES}, got {self.score_feature!r}")
        if isinstance(self.cut_pieces, bool) or not isinstance(self.cut_pieces, int) or self.cut_pieces < 0:
            raise ModelError(f"model card: cut_pieces must be a count of content words (0 or more), got {self.cut_pieces!r}")
        if not 0.0 <= self.likely_cut <= 1.0:
            raise ModelError(f"model card: likely_cut must be within [0, 1], got {self.likely_cut}")
        if not 2 < self.window <= 512 or not 0 < self.stride <= self.window - 2:
            raise ModelError(f"model card: bad window {self.window} / stride {self.stride}")

    @property
    def scale(self) -> Scale:
        """The likely cut and the PTC densities that every analysis by this model carries."""
        return Scale(self.likely_cut, self.densities, self.likely_densities)

    @property
    def channels(self) -> tuple[str, ...]:
        """Names of the token head's columns: the techniques, then the span channel."""
        return (*self.labels, SPAN_CHANNEL)

    def with_changes(self, **changes: Any) -> ModelCard:
        return replace(self, **changes)

    def save(self, folder: Path) -> None:
        data = {"format": FORMAT, **asdict(self)}
        text = json.dumps(data, indent=2, ensure_ascii=False)
        (Path(folder) / "spinscope.json").write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> ModelCard:
        path = Path(folder) / "spinscope.json"
        data = read_model_json(path, FORMAT, "ONNX model card")
        try:
            data["labels"] = tuple(data["labels"])
            data["thresholds"] = tuple(float(t) for t in data["thresholds"])
            data["seeds"] = tuple(float(t) for t in data.get("seeds", ()))
            for key in ("calibration", "technique_calibration"):
                data[key] = tuple((float(a), float(b)) for a, b in data.get(key, ()))
            for key in ("densities", "likely_densities"):
                data[key] = tuple(float(q) for q in data.get(key, ()))
            if isinstance(data.get("cut_pieces"), bool):
                data["cut_pieces"] = LEGACY_CUT_PIECES if data["cut_pieces"] else 0
            return cls(**data)
        except (KeyError, TypeError) as error:
            raise ModelError(f"{path}: incomplete model card ({error})") from None
