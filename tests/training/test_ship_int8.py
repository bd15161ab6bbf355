"""ship's choice of int8 form: the fastest within tolerance, else fp32."""

from types import SimpleNamespace

import pytest

FP32_SCORES = {"si_f1": 0.45, "tc_micro_f1": 0.58, "e2e_f1": 0.28}


def scripted(monkeypatch, si_by_form):
    """Make tuning answer ``si_by_form[float_last_feed_forward]``, its model file naming the form; returns
    the forms tuned, in order."""
    from spinscope.training import ship

    tried = []

    def tune_int8(staging, folder, card, gold, float_ff, log):
        tried.append(float_ff)
        folder.mkdir(exist_ok=True)
        (folder / "model.onnx").write_text(f"int8, fp32 feed-forward: {float_ff}")
        return SimpleNamespace(scores=dict(FP32_SCORES, si_f1=si_by_form[float_ff]))

    monkeypatch.setattr(ship, "_tune_int8", tune_int8)
    return tried


ALL_INT8 = "int8 (dynamic, per channel, onnxruntime)"
FLOAT_FF = "int8 (dynamic, per channel, onnxruntime; the last layer's feed-forward in fp32)"


@pytest.mark.parametrize("si_by_form, precision, tried", [
    ({False: 0.445, True: 0.449}, ALL_INT8, [False]),
    ({False: 0.43, True: 0.445}, FLOAT_FF, [False, True]),
    ({False: 0.43, True: 0.435}, "fp32", [False, True]),
])
def test_try_int8_keeps_the_first_form_within_tolerance(monkeypatch, tmp_path, si_by_form, precision, tried):
    from spinscope.training import ship

    (tmp_path / "model.onnx").write_text("fp32")
    calls = scripted(monkeypatch, si_by_form)
    chosen, tuned = ship.try_int8(tmp_path, card=None, gold=None, fp32=FP32_SCORES)
    assert chosen == precision and calls == tried
    in_place = (tmp_path / "model.onnx").read_text()
    assert in_place == (f"int8, fp32 feed-forward: {ship.INT8_FORMS[precision]}" if precision != ship.FP32 else "fp32")
    assert not (tmp_path / "int8").exists()
    assert tuned.scores["si_f1"] == si_by_form[tried[-1]]


@pytest.mark.parametrize("tolerance, precision", [(0.01, FLOAT_FF), (0.015, ALL_INT8)])
def test_a_wider_tolerance_keeps_a_form_that_drops_more(monkeypatch, tmp_path, tolerance, precision):
    from spinscope.training import ship

    (tmp_path / "model.onnx").write_text("fp32")
    scripted(monkeypatch, {False: 0.437, True: 0.445})  # all-int8 drops 0.013, the other 0.005
    chosen, _ = ship.try_int8(tmp_path, card=None, gold=None, fp32=FP32_SCORES, tolerance=tolerance)
    assert chosen == precision


@pytest.mark.parametrize("tolerance", [-0.01, 1.0])
def test_ship_refuses_a_tolerance_out_of_range(tmp_path, tolerance):
    from spinscope.errors import ModelError
    from spinscope.training.ship import ship

    with pytest.raises(ModelError, match="int8 tolerance"):
        ship(tmp_path / "no-run", tmp_path / "out", dev=None, int8_tolerance=tolerance)
