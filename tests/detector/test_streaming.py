"""Streamed encoding: the same spans as encoding everything at once, with few hidden states kept."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import numpy as np
import pytest

from spinscope import techniques
from spinscope.detector import streaming
from spinscope.detector.card import ModelCard
from spinscope.detector.neural import NeuralDetector
from spinscope.detector.span_classifier import N_TEXT_FEATURES, TcHead
from spinscope.document import Analysis, Document

from .conftest import WORDS

N = len(techniques.TECHNIQUE_IDS)
NAME_CALLING = techniques.index("name_calling")
HIDDEN = 4


def make_detector(tokenizer, workers: int = 1, **card: object) -> NeuralDetector:
    """An encoder whose scores and states depend on the token and on its place in the window,
    so a region pooled from the wrong window, or probabilities merged wrongly, change the spans."""
    traitors, shameful, war = (tokenizer.token_to_id(w) for w in ("traitors", "shameful", "war"))

    def runner(input_ids, attention_mask):
        width = input_ids.shape[1]
        place = np.arange(width, dtype=np.float32)[None, :] / width
        logits = np.full(input_ids.shape + (N + 1,), -6.0, np.float32)
        logits[input_ids == traitors, NAME_CALLING] = 6.0
        logits[..., N] = np.where(input_ids == shameful, 3.0 - 4.0 * place, -3.0)
        logits[..., N] = np.where(input_ids == war, 1.0 + place, logits[..., N])
        hidden = np.stack([input_ids / 30.0, np.broadcast_to(place, input_ids.shape),
                           (input_ids == shameful) * 1.0, (input_ids == war) * 1.0], axis=-1).astype(np.float32)
        return logits, hidden

    weight = np.random.default_rng(3).normal(size=(N, 2 * HIDDEN + N_TEXT_FEATURES)).astype(np.float32)
    settings = {"window": 10, "stride": 6, "decode": "per_technique_and_regions", "span_threshold": 0.5,
                "span_seed": 0.6, "max_gap": 1, **card}
    return NeuralDetector(runner, tokenizer, TcHead(weight, np.zeros(N, np.float32)),
                          ModelCard("fake", **settings), workers)


def random_text(words: int, seed: int) -> str:
    rng = random.Random(seed)
    plain = [w for w in WORDS if not w.startswith("##") and w not in ("'", "s")]
    pieces = [rng.choice(plain + ["warmongers"] * 2 + ["."] * 3) for _ in range(words)]
    return "Head line\nA date line\n" + " ".join(pieces)


def all_at_once(detector: NeuralDetector, documents: list[Document]) -> list[Analysis]:
    """Spans decoded from an encoding that keeps every window's hidden states."""
    encoded = detector.encode(documents, keep_hidden=True)
    return [Analysis(d, tuple(detector.spans_of(e, d.text)), detector.name, scale=detector.card.scale)
            for d, e in zip(documents, encoded)]


@pytest.mark.parametrize("settings", [
    {},
    {"batch_size": 3, "split_head": True},
    {"max_gap": 0, "span_seed": 0.0, "stride": 8},
    {"decode": "span_then_classify", "window": 7, "stride": 3},
])
@pytest.mark.parametrize("workers", [1, 2])
def test_streaming_predict_gives_the_spans_of_encoding_all_at_once(tokenizer, settings, workers):
    detector = make_detector(tokenizer, workers, **settings)
    documents = [Document(f"d{i}", random_text(words, seed=i))
                 for i, words in enumerate([400, 3, 1, 250, 40])]
    try:
        streamed = detector.predict(documents)
        assert streamed == all_at_once(detector, documents)
        assert sum(len(a.spans) for a in streamed) > 50
    finally:
        detector.close()


def test_streaming_encode_keeps_no_hidden_states_for_windows_already_decoded(tokenizer, monkeypatch):
    """A 2,000-word document has about 300 windows; at most a few are held at any time."""
    held: list[int] = []
    add = streaming.DocumentStream.add

    def counting_add(self, window, probs, hidden):
        add(self, window, probs, hidden)
        held.append(len(self.kept))

    monkeypatch.setattr(streaming.DocumentStream, "add", counting_add)
    detector = make_detector(tokenizer)
    card = detector.card
    [encoded] = streaming.encode_streamed([random_text(2000, seed=7)], tokenizer, detector.runner, card.window,
                                          card.stride, card.batch_size, detector.region_rule())
    assert len(encoded.windows) > 250 and len(held) == len(encoded.windows)
    assert encoded.hidden == () and len(encoded.pooled) > 50
    assert max(held) <= 6


def test_streaming_per_technique_keeps_no_hidden_states_at_all(tokenizer):
    detector = make_detector(tokenizer, decode="per_technique")
    card = detector.card
    [encoded] = streaming.encode_streamed([random_text(300, seed=1)], tokenizer, detector.runner, card.window,
                                          card.stride, card.batch_size, None)
    assert encoded.hidden == () and not encoded.pooled
    [analysis] = detector.predict([Document("d", random_text(300, seed=1))])
    assert analysis == all_at_once(detector, [analysis.document])[0]


MEASURE = """
import json, sys
from pathlib import Path
import spinscope
from spinscope.document import Document
paragraph = ("The shameful traitors in the capital want to sell out our glorious nation, the opposition "
             "leader told thousands of supporters on Saturday, warning that the so-called reforms would "
             "destroy everything their grandparents had fought for. Officials declined to comment, but a "
             "spokesman said the agreement had been negotiated openly over two years.\\n\\n")
text = (paragraph * (1_000_000 // len(paragraph) + 1))[:1_000_000]
analysis = spinscope.load().predict([Document.from_text(text)])[0]
# VmHWM, not getrusage: ru_maxrss survives execve, so a child of a large pytest process would
# report its parent's peak; the high-water mark of this process's own memory starts afresh
peak_kib = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                if line.startswith("VmHWM:"))
print(json.dumps({"spans": len(analysis.spans), "peak_mib": peak_kib / 1024}))
"""


@pytest.mark.slow
def test_streaming_one_megabyte_of_text_analyses_in_under_400_mb():
    """Issue 17, part 7: the shipped detector over 1 MB of text, in a fresh process (was 676 MB)."""
    done = subprocess.run([sys.executable, "-c", MEASURE], capture_output=True, text=True, timeout=900, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["spans"] > 0
    assert figures["peak_mib"] < 400, figures


def test_strongest_is_each_tokens_highest_column():
    probs = np.random.default_rng(5).random((50, 15), dtype=np.float32)
    assert np.array_equal(streaming.strongest(probs), probs.max(axis=1))
    assert streaming.strongest(np.zeros((0, 15), np.float32)).shape == (0,)
