"""Finding and loading a detector by name: a shipped model, a model folder, or the lexicon."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from spinscope.detector.base import Detector
from spinscope.detector.routing import AUTO, LanguageRouter
from spinscope.errors import ModelError
from spinscope.language import ENGLISH

DEFAULT_DETECTOR = AUTO
"""The default: the detector chosen by each text's language (``routing``)."""


def shipped_folder(name: str) -> Path:
    """The folder of a model that ships inside the package (``spinscope/models/<name>``)."""
    return Path(str(resources.files("spinscope") / "models" / name))


def shipped_names() -> list[str]:
    root = Path(str(resources.files("spinscope") / "models"))
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


def prefetch_default() -> None:
    """Start building the session of the model ``auto`` loads first (the English one), for a
    command about to load the default detector (see ``onnx.prefetch``)."""
    from spinscope.detector.onnx import prefetch
    from spinscope.detector.routing import ENGLISH_DETECTOR

    model = shipped_folder(ENGLISH_DETECTOR) / "model.onnx"
    if model.is_file():
        prefetch(model)


def load_from_folder(folder: Path, threads: int = 0, wait: bool = True) -> Detector:
    """Load whichever kind of detector the folder holds (``threads``: encoder calls at once,
    0 for one per usable core; the lexicon has no use for it; ``wait=False``: an ONNX model's
    session may still be being built, see ``OnnxDetector``)."""
    if (folder / "lexicon.json").is_file():
        from spinscope.detector.lexicon import LexiconDetector  # only for a lexicon folder

        return LexiconDetector.load(folder)
    if (folder / "model.onnx").is_file():
        from spinscope.detector.onnx import OnnxDetector

        return OnnxDetector.load(folder, threads, wait)
    raise ModelError(f"{folder}: no model here (expected model.onnx or lexicon.json)")


def is_shipped(name: str) -> bool:
    return shipped_folder(name).is_dir()


def language_router(threads: int = 0, wait: bool = True) -> LanguageRouter:
    """``auto``: the shipped detector for each text's language. The English model is loaded now (as
    the default always was); the multilingual one when a text first needs it."""
    router = LanguageRouter(lambda name: load_from_folder(shipped_folder(name), threads, wait=False), is_shipped)
    router.detector_for(ENGLISH)
    if wait:
        router.ready()
    return router


def model_folder(name: str) -> Path | None:
    """The folder a detector name stands for: a shipped model's, else a folder at that path; None if neither."""
    shipped = shipped_folder(name)
    if shipped.is_dir():
        return shipped
    path = Path(name)
    return path if path.is_dir() else None


def load_detector(name: str | None = None, threads: int = 0, wait: bool = True) -> Detector:
    """A shipped detector by name, a model folder path, or (the default) ``auto``: the shipped
    detector for each text's language. ``wait=False`` returns while an ONNX session is still
    being built (the caller does other work, then calls the detector's ``ready``)."""
    name = name or DEFAULT_DETECTOR
    if name == AUTO:
        return language_router(threads, wait)
    folder = model_folder(name)
    if folder is not None:
        return load_from_folder(folder, threads, wait)
    raise ModelError(
        f"unknown detector {name!r}: give {AUTO}, one of {', '.join(shipped_names())} or a model folder"
    )
