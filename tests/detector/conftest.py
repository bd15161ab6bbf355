"""Fixtures for detector tests: a tiny hand-built WordPiece tokenizer (no model files)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

WORDS = ["the", "they", "are", "traitors", "and", "war", "##mon", "##gers", "hello", "world",
         "a", "shameful", "decision", "cafe", "!", ",", ".", "'", "s"]


def build_tokenizer() -> Tokenizer:
    """An uncased BERT-style tokenizer over a handful of words."""
    vocab = {token: i for i, token in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", *WORDS])}
    tokenizer = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True, clean_text=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    return tokenizer


PIECES = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("\u2581they", -2.0),
          ("\u2581are", -2.0), ("\u2581trait", -3.0), ("ors", -3.0), (",", -2.0), ("!", -2.0),
          ("\u2581", -2.0), ("\u2581«", -3.0), ("»", -3.0), ("\u2581предатели", -3.0),
          ("'", -2.0), ("re", -2.0)] + [(c, -8.0) for c in "abcdefghijklmnopqrstuvwxyz"]


def build_unigram_tokenizer() -> Tokenizer:
    """A SentencePiece-style (XLM-R) tokenizer: Unigram pieces, metaspace, <s> … </s>."""
    tokenizer = Tokenizer(models.Unigram(PIECES, unk_id=3, byte_fallback=False))
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    return tokenizer


@pytest.fixture
def unigram_tokenizer() -> Tokenizer:
    return build_unigram_tokenizer()


@pytest.fixture
def tokenizer() -> Tokenizer:
    return build_tokenizer()


@pytest.fixture
def tokenizer_file(tmp_path: Path) -> Path:
    path = tmp_path / "tokenizer.json"
    build_tokenizer().save(str(path))
    return path
