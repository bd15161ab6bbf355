"""The shipped ONNX models load, find loaded language and name given spans; importing spinscope and
analysing an article with them never imports torch or transformers."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from spinscope.detector.card import ModelCard
from spinscope.detector.loading import DEFAULT_DETECTOR, load_detector, shipped_folder
from spinscope.detector.routing import AUTO, ENGLISH_DETECTOR
from spinscope.document import Analysis, Document, Span
from tests.conftest import shared_path

if TYPE_CHECKING:  # onnxruntime is imported when a test runs, not when this module is collected
    from spinscope.detector.onnx import OnnxDetector

NAMES = ("minilm-ptc", "minilm-ptc-fast", "multilingual", "mpnet-ptc")
"""The shipped ONNX models; the default's English model is one of them (checked below, so it is never left out)."""
SENTENCE = ("The corrupt, treasonous elites have launched a vicious, disgusting attack on our "
            "brave patriots, and these evil traitors will stop at nothing to destroy our great nation.")


@pytest.fixture(scope="module", params=NAMES)
def detector(request) -> OnnxDetector:
    if not (shipped_folder(request.param) / "model.onnx").is_file():
        pytest.skip(f"the trained model {request.param} is not shipped in this checkout")
    return load_detector(request.param)


def test_onnx_shipped_model_finds_spans_in_loaded_language(detector):
    [analysis] = detector.predict([Document.from_text(SENTENCE)])
    assert analysis.spans
    assert {"loaded_language", "name_calling"} & {s.technique for s in analysis.spans}
    assert all(0 <= s.score <= 1 and SENTENCE[s.start:s.end].strip() for s in analysis.spans)


RUSSIAN = ("Коррумпированные, предательские элиты начали злобную, отвратительную атаку на наших храбрых "
           "патриотов, и эти злые предатели ни перед чем не остановятся, чтобы уничтожить нашу великую нацию.")


def test_onnx_multilingual_model_finds_loaded_language_in_russian():
    if not (shipped_folder("multilingual") / "model.onnx").is_file():
        pytest.skip("the multilingual model is not shipped in this checkout")
    [analysis] = load_detector("multilingual").predict([Document.from_text(RUSSIAN)])
    assert {"loaded_language", "name_calling"} & {s.technique for s in analysis.spans}
    assert all(RUSSIAN[s.start:s.end] == RUSSIAN[s.start:s.end].strip() for s in analysis.spans)


def test_onnx_shipped_model_classifies_every_given_span(detector):
    document = Document.from_text(SENTENCE)
    start = SENTENCE.index("evil traitors")
    gold = Analysis(document, (Span(start, start + 13, "doubt"), Span(start, start + 13, "slogans")))
    [named] = detector.classify([gold])
    assert len(named.spans) == 2
    assert named.spans[0].technique != named.spans[1].technique  # a doubled span gets two names


def test_onnx_shipped_model_handles_empty_and_long_documents(detector):
    long_text = (SENTENCE + "\r\n") * 40
    empty, long = detector.predict([Document("empty", " "), Document("long", long_text)])
    assert empty.spans == ()
    assert long.spans and max(s.end for s in long.spans) > len(long_text) // 2


def test_onnx_save_then_load_keeps_the_card(detector, tmp_path):
    from spinscope.detector.onnx import OnnxDetector

    detector.save(tmp_path / "copy")
    again = OnnxDetector.load(tmp_path / "copy")
    assert again.card == ModelCard.load(shipped_folder(detector.name))


def test_onnx_shipped_model_gives_the_same_spans_on_one_core_or_several(detector):
    """Windows run one per call, several calls at once: scheduling must not change a score."""
    from spinscope.detector.onnx import OnnxDetector

    long = Document("long", (SENTENCE + " ") * 30)
    one_core = OnnxDetector.load(detector.folder, threads=1)
    two_cores = OnnxDetector.load(detector.folder, threads=2)
    assert (one_core.workers, two_cores.workers) == (1, 2)
    assert two_cores.predict([long])[0].spans == one_core.predict([long])[0].spans


HEADER = "Title of the piece\nPublished 3 May 2017\n\n"


@pytest.mark.parametrize("example", ["rt-2017-novosibirsk-rally.txt", "pravda-2023-shoigu-dprk.txt"])
def test_onnx_shipped_model_body_spans_ignore_a_header(detector, example):
    """A title and date line in front of an article shift its spans and change nothing else."""
    text = shared_path("examples", example).read_text(encoding="utf-8")
    [alone, headed] = detector.predict([Document("alone", text), Document("headed", HEADER + text)])
    shift = len(HEADER)
    moved = [(s.start - shift, s.end - shift, s.techniques()) for s in headed.spans if s.start >= shift]
    assert alone.spans
    assert moved == [(s.start, s.end, s.techniques()) for s in alone.spans]


def test_onnx_shipped_model_spans_have_clean_edges_and_one_per_range(detector):
    from spinscope.detector.shape import TRAILING, word_ranges

    text = shared_path("examples", "rt-2017-novosibirsk-rally.txt").read_text(encoding="utf-8")
    [analysis] = detector.predict([Document("rt", text)])
    ranges = [(s.start, s.end) for s in analysis.spans]
    assert len(ranges) == len(set(ranges))
    for span in analysis.spans:
        last = word_ranges(text, span.start, span.end)[-1]
        assert text[slice(*last)].lower() not in TRAILING
        assert text[last[1]:span.end] in ("", "’", "”", "»", '"')  # the word's end, or a quotation's it closes


# --- no torch -------------------------------------------------------------------------------------------------

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


def test_the_default_detector_is_among_the_models_checked():
    assert DEFAULT_DETECTOR == AUTO and ENGLISH_DETECTOR in NAMES  # auto sends English text to it


@pytest.mark.parametrize("name", NAMES)
def test_onnx_analysis_never_imports_torch(name):
    if not (shipped_folder(name) / "spinscope.json").is_file() and not (shipped_folder(name) / "lexicon.json").is_file():
        pytest.skip(f"model {name} is not shipped in this checkout")
    assert run_isolated(name)["heavy"] == []


def broken_model(tmp_path):
    """A copy of the default English model folder whose model.onnx is not a model."""
    folder = tmp_path / "broken"
    folder.mkdir()
    for name in ("tokenizer.json", "tc_head.npz", "spinscope.json"):
        (folder / name).write_bytes((shipped_folder(ENGLISH_DETECTOR) / name).read_bytes())
    (folder / "model.onnx").write_bytes(b"not an onnx graph")
    return folder


def test_a_model_onnxruntime_cannot_build_fails_at_load_whether_or_not_load_waits(tmp_path):
    """The session is built on a side thread; its failure still surfaces as one ModelError from
    load (waiting), from ready() (not waiting), and from the pipeline's load."""
    from spinscope.errors import ModelError
    from spinscope.pipeline import load

    folder = broken_model(tmp_path)
    with pytest.raises(ModelError, match="onnxruntime cannot load"):
        load_detector(str(folder))
    detector = load_detector(str(folder), wait=False)
    with pytest.raises(ModelError, match="onnxruntime cannot load"):
        detector.ready()
    with pytest.raises(ModelError, match="onnxruntime cannot load"):
        load(str(folder))


def test_a_detector_loaded_without_waiting_finds_the_same_spans():
    waited, not_waited = load_detector(ENGLISH_DETECTOR, threads=1), load_detector(ENGLISH_DETECTOR, threads=1, wait=False)
    document = Document("s", SENTENCE)
    assert not_waited.predict([document])[0].spans == waited.predict([document])[0].spans


def test_a_prefetched_session_is_taken_by_the_next_load_of_that_model_only():
    """``prefetch`` starts one build per model file; the next detector loaded from that folder takes
    it (and finds the same spans), a later one builds its own."""
    from spinscope.detector import onnx

    model = shipped_folder(ENGLISH_DETECTOR) / "model.onnx"
    onnx.prefetch(model)
    prefetched = onnx._PREFETCHED[model]
    onnx.prefetch(model)  # already under way: not started twice
    assert onnx._PREFETCHED[model] is prefetched
    taken = load_detector(ENGLISH_DETECTOR, threads=1)
    assert model not in onnx._PREFETCHED
    assert taken._session is prefetched
    again = load_detector(ENGLISH_DETECTOR, threads=1)
    assert again._session is not prefetched
    document = Document("s", SENTENCE)
    assert taken.predict([document])[0].spans == again.predict([document])[0].spans


def test_a_prefetched_model_that_cannot_be_built_fails_at_load(tmp_path):
    from spinscope.detector import onnx
    from spinscope.errors import ModelError

    folder = broken_model(tmp_path)
    onnx.prefetch(folder / "model.onnx")
    with pytest.raises(ModelError, match="onnxruntime cannot load"):
        load_detector(str(folder))
    assert folder / "model.onnx" not in onnx._PREFETCHED
