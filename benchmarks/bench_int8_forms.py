"""Which weights int8 quantisation should leave in fp32: dev figures of one training run quantised several ways.

    python benchmarks/bench_int8_forms.py RUN_DIR [--forms all_int8 last_ff ...] [--dev ../shared/data/ptc/dev]

The run is exported to fp32 ONNX once (``ship.stage``), then quantised as each form says (dynamic, per channel,
7-bit weights, as ``quantize_int8``; the form names the MatMul nodes kept in fp32), and each model's decoding is
tuned on dev on itself, as ``spinscope ship`` does. Prints each form's file size and tuned SI / TC / e2e F1.
The tuning is a grid search, so figures within about 0.005 of each other are within its noise.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "ptc" / "dev"


def form_exclusions(model) -> dict[str, list[str] | None]:
    """Each form's fp32 MatMul names (None: fp32 throughout)."""
    from spinscope.training.onnx_conversion import LAYER, last_feed_forward

    layer_of = lambda name: int(m.group(1)) if (m := LAYER.search(name)) else None  # noqa: E731
    matmuls = [n.name for n in model.graph.node if n.op_type == "MatMul"]
    layers = sorted({layer_of(name) for name in matmuls} - {None})
    head = [name for name in matmuls if layer_of(name) is None]
    in_layers = lambda wanted: [name for name in matmuls if layer_of(name) in wanted]  # noqa: E731
    return {
        "fp32": None,
        "all_int8": [],
        "head": head,
        "last_ff": last_feed_forward(model),
        "last_layer": head + in_layers(layers[-1:]),
        "first_layer": head + in_layers(layers[:1]),
        "last_two_layers": head + in_layers(layers[-2:]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--forms", nargs="+", default=["fp32", "all_int8", "last_ff", "last_layer"])
    parser.add_argument("--dev", default=str(DEV))
    args = parser.parse_args()

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.shape_inference import quant_pre_process

    from spinscope.detector.onnx import OnnxDetector
    from spinscope.io.ptc import read_gold
    from spinscope.training.config import TrainConfig
    from spinscope.training.metrics import headline
    from spinscope.training.ship import stage
    from spinscope.training.tuning import tune

    config = TrainConfig.load(args.run_dir / "config.json")
    gold = read_gold(args.dev)
    with tempfile.TemporaryDirectory() as scratch:
        staged = stage(args.run_dir, Path(scratch) / "fp32", "candidate", config.window, config.eval_stride)
        prepared = Path(scratch) / "prepared.onnx"
        quant_pre_process(str(staged / "model.onnx"), str(prepared), skip_symbolic_shape=True)
        forms = form_exclusions(onnx.load(str(prepared)))
        for name in args.forms:
            folder = Path(scratch) / name
            shutil.copytree(staged, folder)
            if forms[name] is not None:
                quantize_dynamic(str(prepared), str(folder / "model.onnx"), weight_type=QuantType.QInt8,
                                 per_channel=True, reduce_range=True, nodes_to_exclude=forms[name],
                                 extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
            started = time.perf_counter()
            tuned = tune(OnnxDetector.load(folder), gold, None)
            size = (folder / "model.onnx").stat().st_size / 1e6
            print(f"{name:16} {size:5.1f} MB  {headline(tuned.scores)}  ({time.perf_counter() - started:.0f} s)",
                  flush=True)


if __name__ == "__main__":
    main()
