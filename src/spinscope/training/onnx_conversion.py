"""Torch → ONNX, in a fresh process, and optional int8 dynamic quantisation.

The export runs ``python -m spinscope.training.onnx_conversion RUN_DIR OUT.onnx`` in a
subprocess: a model exported in the process that trained it was seen to give wrong
outputs. The legacy exporter (``dynamo=False``, opset 17) handles the eager-attention
BERT graph; batch and sequence axes stay dynamic.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from spinscope.errors import ModelError

OPSET = 17


def _export_in_this_process(run_dir: Path, out: Path) -> None:
    """Load weights saved by training and write the ONNX graph (subprocess entry)."""
    import torch

    from spinscope.training.model import load_weights

    model = load_weights(run_dir)
    ids = torch.ones((2, 16), dtype=torch.int64)
    mask = torch.ones((2, 16), dtype=torch.int64)
    with torch.no_grad():
        torch.onnx.export(
            model, (ids, mask), str(out), dynamo=False, opset_version=OPSET,
            input_names=["input_ids", "attention_mask"], output_names=["token_logits", "hidden"],
            dynamic_axes={name: {0: "batch", 1: "sequence"}
                          for name in ("input_ids", "attention_mask", "token_logits", "hidden")},
        )


def convert_to_onnx(run_dir: Path, out: Path, timeout: float = 900) -> Path:
    """Export the run's weights to ``out`` in a separate Python process."""
    run_dir, out = Path(run_dir), Path(out)
    if not (run_dir / "weights.safetensors").is_file():
        raise ModelError(f"{run_dir}: no weights.safetensors (train first, or point at a run folder)")
    out.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "spinscope.training.onnx_conversion", str(run_dir), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not out.is_file():
        raise ModelError(f"ONNX export of {run_dir} failed:\n{done.stderr[-2000:]}")
    return out


LAYER = re.compile(r"/layer\.(\d+)/")


def last_feed_forward(model) -> list[str]:
    """Names of the MatMul nodes of the last encoder layer's feed-forward block (an exported
    BERT or MPNet graph names them ``…/layer.N/intermediate/…`` and ``…/layer.N/output/dense/…``)."""
    nodes = [(int(m.group(1)), node.name) for node in model.graph.node
             if node.op_type == "MatMul" and (m := LAYER.search(node.name))]
    if not nodes:
        return []
    last = max(layer for layer, _ in nodes)
    return [name for layer, name in nodes if layer == last and "/attention/" not in name
            and ("/intermediate/" in name or "/output/dense/" in name)]


def quantize_int8(source: Path, out: Path, float_last_feed_forward: bool = False) -> Path:
    """Dynamic int8 quantisation of the weights (onnxruntime), after its pre-processing.

    Per-channel scales: per-tensor ones cost about 0.02 TC micro-F1 on dev, per-channel
    ones under 0.01. Weights use 7 bits (``reduce_range``): on CPUs without VNNI the
    8-bit products can saturate; on one model 7 bits halved the SI F1 loss (0.022 to 0.010).
    ``float_last_feed_forward`` keeps the last layer's feed-forward weights in fp32: on a distilled
    4-layer MiniLM that kept SI F1 0.4431 of fp32's 0.4465 (all int8: 0.4371), for 3.5 MB and 15% of
    its batch speed (BENCHMARKS.md)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.shape_inference import quant_pre_process

    prepared = Path(out).with_suffix(".pre.onnx")
    try:
        quant_pre_process(str(source), str(prepared), skip_symbolic_shape=True)
        keep = last_feed_forward(onnx.load(str(prepared))) if float_last_feed_forward else []
        quantize_dynamic(str(prepared), str(out), weight_type=QuantType.QInt8, per_channel=True,
                         reduce_range=True, nodes_to_exclude=keep,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    finally:
        prepared.unlink(missing_ok=True)
    return Path(out)


if __name__ == "__main__":
    _export_in_this_process(Path(sys.argv[1]), Path(sys.argv[2]))
