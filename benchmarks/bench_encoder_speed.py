"""Encoder speed before training: a base encoder cut to N layers, with a silent head, shipped
the way ``spinscope ship`` ships (ONNX in a subprocess, dynamic int8), against model folders,
all timed on the PTC dev articles in one process.

    python benchmarks/bench_encoder_speed.py --base .cache/e5-small --layers 12 6 5 4 \\
        --against minilm-ptc [--dev ../shared/data/ptc/dev] [--work runs/speed]

The head's logits are held far below every threshold, so no span is decoded: what is timed
is tokenising, windowing and the encoder. Each detector predicts all articles once to warm
up, then the detectors take turns, ``--repeats`` times; the median is reported.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / ".." / "shared" / "data" / "ptc" / "dev"
SILENT_BIAS = -20.0


def silent_model_folder(base: Path, layers: int, work: Path) -> Path:
    """An int8 model folder of the base encoder's first ``layers`` layers and a silent head."""
    import shutil

    import torch

    from spinscope.detector.card import ModelCard
    from spinscope.detector.loading import shipped_folder
    from spinscope.training.model import (
        SpanTechniqueModel,
        keep_layers,
        load_base_encoder,
        save_weights,
    )
    from spinscope.training.onnx_conversion import convert_to_onnx, quantize_int8

    run, folder = work / f"run-l{layers}", work / f"l{layers}"
    folder.mkdir(parents=True, exist_ok=True)
    model = SpanTechniqueModel(keep_layers(load_base_encoder(str(base), 0.0, 0.0), layers))
    with torch.no_grad():
        model.token_head.weight.zero_()
        model.token_head.bias.fill_(SILENT_BIAS)
    save_weights(model, run)
    convert_to_onnx(run, run / "model.onnx")
    quantize_int8(run / "model.onnx", folder / "model.onnx")
    model.numpy_tc_head().save(folder / "tc_head.npz")
    shutil.copyfile(base / "tokenizer.json", folder / "tokenizer.json")
    reference = ModelCard.load(shipped_folder("minilm-ptc"))  # same window, stride, decoding
    reference.with_changes(name=f"{base.name}-l{layers}", about={}).save(folder)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--layers", type=int, nargs="+", default=[12, 6, 4])
    parser.add_argument("--against", nargs="*", default=["minilm-ptc"])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--work", type=Path, default=REPO / "runs" / "speed")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from spinscope.detector.loading import load_detector, load_from_folder
    from spinscope.io.ptc import read_gold

    documents = [g.document for g in read_gold(args.dev)]
    detectors = {name: load_detector(name) for name in args.against}
    for layers in args.layers:
        folder = silent_model_folder(args.base, layers, args.work)
        size = (folder / "model.onnx").stat().st_size / 2**20
        detectors[f"{args.base.name}, {layers} layers ({size:.0f} MB int8)"] = load_from_folder(folder)
    times: dict[str, list[float]] = {name: [] for name in detectors}
    for detector in detectors.values():
        detector.predict(documents)
    for _ in range(args.repeats):
        for name, detector in detectors.items():
            started = time.perf_counter()
            detector.predict(documents)
            times[name].append(time.perf_counter() - started)
    print("| detector | articles/s (median) | runs, s |\n| --- | --- | --- |")
    for name, seconds in times.items():
        print(f"| {name} | {len(documents) / statistics.median(seconds):.1f} | "
              f"{', '.join(f'{s:.1f}' for s in seconds)} |")
    print(json.dumps({name: seconds for name, seconds in times.items()}))


if __name__ == "__main__":
    main()
