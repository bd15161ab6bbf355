"""Importing spinscope and analysing an article never imports torch or transformers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from spinscope.detector.loading import DEFAULT_DETECTOR, shipped_folder

SCRIPT = """
import json, sys
import spinscope
from spinscope.detector.loading import load_detector
detector = load_detector({name!r})
analysis = detector.predict([spinscope.Document.from_text("They are traitors and warmongers!")])[0]
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "transformers"))
print(json.dumps({{"heavy": heavy, "spans": len(analysis.spans)}}))
"""


def run_isolated(name: str) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT.format(name=name)], capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


ONNX_MODELS = ["minilm-ptc", "minilm-ptc-fast"]
"""The shipped ONNX models; the default is one of them (checked below, so it is never left out)."""


def test_the_default_detector_is_among_the_models_checked():
    assert DEFAULT_DETECTOR in ONNX_MODELS


@pytest.mark.parametrize("name", ONNX_MODELS)
def test_onnx_analysis_never_imports_torch(name):
    if not (shipped_folder(name) / "spinscope.json").is_file() and not (shipped_folder(name) / "lexicon.json").is_file():
        pytest.skip(f"model {name} is not shipped in this checkout")
    assert run_isolated(name)["heavy"] == []
