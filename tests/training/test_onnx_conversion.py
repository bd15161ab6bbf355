"""int8 quantisation: which MatMuls stay fp32."""

import numpy as np
import pytest

from spinscope.training.onnx_conversion import last_feed_forward, quantize_int8

onnx = pytest.importorskip("onnx")  # onnx alone is light; onnxruntime is imported by the test that quantises

from onnx import TensorProto, helper, numpy_helper  # noqa: E402

NAMES = [
    "/encoder/encoder/layer.0/attention/output/dense/MatMul",
    "/encoder/encoder/layer.0/intermediate/dense/MatMul",
    "/encoder/encoder/layer.0/output/dense/MatMul",
    "/encoder/encoder/layer.1/attention/output/dense/MatMul",
    "/encoder/encoder/layer.1/intermediate/dense/MatMul",
    "/encoder/encoder/layer.1/output/dense/MatMul",
    "/token_head/MatMul",
]


def chain_of_matmuls(path):
    """x (1, 8) through one 8x8 MatMul per name, in order: a graph named as an exported encoder's."""
    rng = np.random.default_rng(0)
    nodes, weights, previous = [], [], "x"
    for i, name in enumerate(NAMES):
        weights.append(numpy_helper.from_array(rng.normal(size=(8, 8)).astype(np.float32), f"w{i}"))
        output = "y" if i == len(NAMES) - 1 else f"h{i}"
        nodes.append(helper.make_node("MatMul", [previous, f"w{i}"], [output], name=name))
        previous = output
    graph = helper.make_graph(nodes, "chain", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 8])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8])], weights)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.save(model, str(path))
    return model


def test_last_feed_forward_names_the_top_layers_feed_forward_only(tmp_path):
    model = chain_of_matmuls(tmp_path / "chain.onnx")
    assert last_feed_forward(model) == NAMES[4:6]


def test_last_feed_forward_is_empty_for_a_graph_without_layers():
    graph = helper.make_graph([helper.make_node("MatMul", ["a", "b"], ["c"], name="/head/MatMul")], "g", [], [])
    assert last_feed_forward(helper.make_model(graph)) == []


@pytest.mark.parametrize("float_last", [False, True])
def test_quantize_int8_keeps_the_last_feed_forward_in_fp32_only_when_asked(tmp_path, float_last):
    pytest.importorskip("onnxruntime.quantization")
    chain_of_matmuls(tmp_path / "chain.onnx")
    out = quantize_int8(tmp_path / "chain.onnx", tmp_path / "int8.onnx", float_last_feed_forward=float_last)
    kept = {node.name for node in onnx.load(str(out)).graph.node if node.op_type == "MatMul"}
    assert kept == (set(NAMES[4:6]) if float_last else set())
    assert not (tmp_path / "int8.pre.onnx").exists()
