"""The shipped detector: an ONNX encoder run by onnxruntime, with no torch anywhere.

A model folder holds ``model.onnx`` (inputs ``input_ids`` and ``attention_mask``;
outputs ``token_logits`` and ``hidden``), ``tokenizer.json``, ``tc_head.npz`` and
``spinscope.json`` (the model card).
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import numpy as np
import onnxruntime as ort

from spinscope.detector.card import ModelCard
from spinscope.detector.inference import Runner
from spinscope.detector.neural import NeuralDetector
from spinscope.detector.span_classifier import TcHead
from spinscope.detector.windows import load_tokenizer
from spinscope.errors import ModelError
from spinscope.resources import usable_cores

MODEL_FILES = ("model.onnx", "tokenizer.json", "tc_head.npz")
OUTPUTS = ("token_logits", "hidden")


_PREFETCHED: dict[Path, Callable[[], Runner]] = {}
_PREFETCH_LOCK = threading.Lock()


def prefetch(path: Path) -> None:
    """Start building the session of ``path`` now, for the next ``opening(path)`` to take: a
    command that will load this model starts the build before its own imports and argument
    parsing, which then overlap it (the CLI's cold start)."""
    with _PREFETCH_LOCK:
        if path not in _PREFETCHED:
            _PREFETCHED[path] = _start_building(path)


def opening(path: Path) -> Callable[[], Runner]:
    """Start building ``onnx_runner(path)`` on a side thread (or take the build ``prefetch``
    started) and return a function that waits for it (raising its ModelError, if any).
    onnxruntime releases the GIL while it reads and optimises the graph, so a caller that
    loads the tokenizer meanwhile starts sooner (the CLI's cold start)."""
    with _PREFETCH_LOCK:
        started = _PREFETCHED.pop(path, None)
    return started or _start_building(path)


def _start_building(path: Path) -> Callable[[], Runner]:
    built: Future[Runner] = Future()

    def build() -> None:
        try:
            built.set_result(onnx_runner(path))
        except ModelError as error:
            built.set_exception(error)

    # not a daemon: an interpreter that ends (an error before the model was needed) waits for the
    # build, since tearing it down while onnxruntime builds aborts the process
    threading.Thread(target=build, name="spinscope-onnx-load").start()
    return built.result


def onnx_runner(path: Path) -> Runner:
    """A Runner backed by an onnxruntime CPU session that computes each call on the
    calling thread, so that several threads can call it at once, one core each (on two
    cores this gives more articles/s than one call spread over both cores)."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    try:
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as error:  # onnxruntime raises its own untyped errors
        raise ModelError(f"{path}: onnxruntime cannot load this model ({error})") from None

    def run(input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        logits, hidden = session.run(list(OUTPUTS), {"input_ids": input_ids, "attention_mask": attention_mask})
        return logits, hidden

    return run


class OnnxDetector(NeuralDetector):
    """A trained span + technique model loaded from a folder; ``threads`` encoder calls
    run at once (0: one per core). With ``wait=False`` the ONNX session is still being built
    when the detector is returned: ``ready`` waits for it (and raises a ModelError if it cannot
    be built), and so does the first encoder call."""

    def __init__(self, folder: Path, card: ModelCard, threads: int = 0, wait: bool = True) -> None:
        self.folder = Path(folder)
        self._session = opening(self.folder / "model.onnx")  # built while the tokenizer loads
        tokenizer, head = load_tokenizer(self.folder / "tokenizer.json"), TcHead.load(self.folder / "tc_head.npz")
        super().__init__(self._run, tokenizer, head, card, threads or usable_cores())
        if wait:
            self.ready()

    def _run(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self._session()(input_ids, attention_mask)

    def ready(self) -> None:
        """Wait until the ONNX session is built (ModelError if it cannot be)."""
        self._session()

    @classmethod
    def load(cls, folder: Path, threads: int = 0, wait: bool = True) -> OnnxDetector:
        folder = Path(folder)
        missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
        if missing:
            raise ModelError(f"{folder}: incomplete model folder, missing {', '.join(missing)}")
        return cls(folder, ModelCard.load(folder), threads, wait)

    def save(self, folder: Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name in MODEL_FILES:
            if (self.folder / name).resolve() != (folder / name).resolve():
                shutil.copyfile(self.folder / name, folder / name)
        self.card.save(folder)
