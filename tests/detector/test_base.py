"""Reading a detector's JSON files."""

from __future__ import annotations

import pytest

from spinscope.detector.base import read_model_json
from spinscope.errors import ModelError


def test_read_model_json_returns_data_without_format(tmp_path):
    path = tmp_path / "m.json"
    path.write_text('{"format": "x/1", "a": 1}', encoding="utf-8")
    assert read_model_json(path, "x/1", "model") == {"a": 1}


def test_read_model_json_rejects_other_formats_and_bad_json(tmp_path):
    path = tmp_path / "m.json"
    path.write_text('{"format": "y/2"}', encoding="utf-8")
    with pytest.raises(ModelError, match="not a spinscope model \\(format 'y/2', expected x/1\\)"):
        read_model_json(path, "x/1", "model")
    path.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(ModelError, match="cannot read the model"):
        read_model_json(path, "x/1", "model")
    with pytest.raises(ModelError, match="cannot read the model"):
        read_model_json(tmp_path / "absent.json", "x/1", "model")
