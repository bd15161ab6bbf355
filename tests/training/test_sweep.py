"""benchmarks/sweep.py end to end: two tiny runs and their soup, the best kept and unpacked."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.training.conftest import base_folder, make_tiny_encoder, write_articles

SWEEP = Path(__file__).resolve().parents[2] / "benchmarks" / "sweep.py"


def tiny_base(folder: Path) -> Path:
    """A folder the training code takes as its base model: a tiny encoder and the real tokenizer."""
    make_tiny_encoder().save_pretrained(folder)
    shutil.copyfile(base_folder() / "tokenizer.json", folder / "tokenizer.json")
    return folder


@pytest.mark.slow
def test_sweep_trains_tunes_soups_and_keeps_the_best_for_the_trip_home(tmp_path):
    from safetensors.torch import load_file

    ptc = write_articles(tmp_path / "ptc")
    base = {"train": [str(ptc)], "dev": None, "base_model": str(tiny_base(tmp_path / "base")),
            "window": 16, "stride": 8, "eval_stride": 8, "epochs": 2, "batch_size": 2,
            "learning_rate": 3e-3, "head_learning_rate": 1e-2, "warmup": 0.0, "threads": 1}
    plan = {"base": base, "runs": {"a": {"order_seed": 1}, "b": {"order_seed": 2}}, "soups": {"ab": ["a", "b"]}}
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    runs, keep = tmp_path / "runs", tmp_path / "keep"
    subprocess.run([sys.executable, str(SWEEP), "run", str(tmp_path / "plan.json"), "--runs", str(runs),
                    "--dev", str(ptc), "--parallel", "2", "--keep", str(keep)], check=True, timeout=600)

    lines = [json.loads(line) for line in (runs / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(line["name"] for line in lines) == ["a", "ab", "b"]
    assert all(0 <= line["held_out_si_f1"] <= 1 and "tc_micro_f1" in line for line in lines)
    key = "token_head.weight"
    a, b, ab = (load_file(str(runs / n / "weights.safetensors"))[key].numpy() for n in ("a", "b", "ab"))
    assert np.allclose(ab, (a + b) / 2, atol=1e-6) and not np.allclose(a, b)

    subprocess.run([sys.executable, str(SWEEP), "unpack", str(keep), str(tmp_path / "back"),
                    "--tokenizer", str(base_folder() / "tokenizer.json")], check=True, timeout=120)
    best = max(lines, key=lambda line: line["held_out_si_f1"] + line["held_out_e2e_f1"])
    kept = json.loads((tmp_path / "back" / "tuned.json").read_text(encoding="utf-8"))
    assert kept["held_out_si_f1"] == best["held_out_si_f1"] and kept["si_f1"] == best["si_f1"]
    weights = load_file(str(tmp_path / "back" / "weights.safetensors"))[key].numpy()
    assert np.allclose(weights, {"a": a, "b": b, "ab": ab}[best["name"]], atol=2e-3)  # via fp16
    assert json.loads((tmp_path / "back" / "config.json").read_text(encoding="utf-8"))["window"] == 16
