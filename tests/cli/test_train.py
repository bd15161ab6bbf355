"""``spinscope train``, ``ship`` and ``retune``: thin commands over the training library."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.support.cli import run_cli

# checked without importing torch (seconds), so that collecting the suite stays fast
if importlib.util.find_spec("torch") is None:
    pytest.skip("the train commands need the 'train' extra (torch)", allow_module_level=True)


def test_train_cli_bad_config_exits_with_a_message(tmp_path):
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"epochs": 0}), encoding="utf-8")
    done = run_cli("train", "--config", str(config), "--run-dir", str(tmp_path / "run"))
    assert done.returncode == 2
    assert "epochs" in done.stderr


def test_ship_cli_without_weights_exits_with_a_message(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"name": "x"}), encoding="utf-8")
    done = run_cli("ship", str(tmp_path), "--out", str(tmp_path / "out"), "--dev", str(tmp_path))
    assert done.returncode == 2
    assert "weights.safetensors" in done.stderr


def test_retune_cli_on_a_folder_without_a_model_exits_with_a_message(tmp_path):
    done = run_cli("retune", str(tmp_path), "--dev", str(tmp_path))
    assert done.returncode == 2
    assert "missing model.onnx" in done.stderr and "Traceback" not in done.stderr


def test_prune_cli_without_held_texts_for_every_language_exits_with_a_message(tmp_path):
    held = tmp_path / "held.json"
    held.write_text(json.dumps({"texts": {"en": ["a text"]}}), encoding="utf-8")
    done = run_cli("prune", str(tmp_path), "--out", str(tmp_path / "out"), "--held", str(held))
    assert done.returncode == 2
    assert "no held texts for ru" in done.stderr and "Traceback" not in done.stderr


def test_prune_cli_writes_a_pruned_run(tmp_path):
    from tests.training.test_pruning import HELD, write_tiny_run

    run = write_tiny_run(tmp_path / "run")
    done = run_cli("prune", str(run), "--out", str(tmp_path / "out"), "--held", str(HELD))
    assert done.returncode == 0 and "0 ids changed" in done.stdout
    assert (tmp_path / "out" / "weights.safetensors").is_file() and (tmp_path / "out" / "pruning.json").is_file()
