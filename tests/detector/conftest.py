"""Fixtures for detector tests: a tiny hand-built WordPiece tokenizer (no model files)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

WORDS = ["the", "they", "are", "traitors", "and", "war", "##mon", "##gers", "hello", "world",
         "a", "shameful", "decision", "cafe", "!", ",", ".", "'", "s"]


def build_tokenizer() -> Tokenizer:
    """An uncased BERT-style tokenizer over a handful of words."""
    vocab = {token: i for i, token in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", *WORDS])}
    tokenizer = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True, clean_text=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    return tokenizer


@pytest.fixture
def tokenizer() -> Tokenizer:
    return build_tokenizer()


@pytest.fixture
def tokenizer_file(tmp_path: Path) -> Path:
    path = tmp_path / "tokenizer.json"
    build_tokenizer().save(str(path))
    return path
