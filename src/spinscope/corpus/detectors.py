"""Which detector a corpus run uses, and the name and version stored with its analyses.

A corpus detector is given by a spec: a shipped model name, a model folder, or
``module:factory`` for a custom detector (which is how Dask workers, and tests, load one
by name), or ``auto`` (the default: the shipped detector for each text's language). The
version recorded with each analysis is the detector's own ``version`` attribute when it has
one; otherwise, for a model loaded from a folder, a fingerprint of the folder's files (for
``auto``, of the folders of the shipped detectors it chooses from), so that a retrained model shipped under the same name counts as new
and its documents are analysed again; otherwise "0".
"""

from __future__ import annotations

import hashlib
import importlib
import re
from pathlib import Path

from spinscope.detector.base import Detector
from spinscope.detector.loading import DEFAULT_DETECTOR, load_detector, shipped_folder
from spinscope.detector.routing import LanguageRouter
from spinscope.errors import ModelError
from spinscope.pipeline import Pipeline
from spinscope.corpus.store import DetectorId

CHUNK = 1 << 20
_FACTORY = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*:[A-Za-z_]\w*$")


def is_factory_spec(spec: str | None) -> bool:
    """True for ``package.module:callable`` (not a path, not a shipped name)."""
    return bool(spec) and _FACTORY.match(spec) is not None and not Path(spec).exists()


def resolve_detector(spec: str | None, threads: int = 0) -> Detector:
    """A detector from a shipped name, a model folder, or ``module:factory`` (a custom detector);
    ``threads``: encoder calls at once for a shipped or folder model (0: one per core)."""
    if is_factory_spec(spec):
        module_name, _, attribute = spec.partition(":")
        try:
            factory = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as error:
            raise ModelError(f"cannot load detector {spec!r}: {error}") from None
        return factory() if callable(factory) else factory
    return load_detector(spec, threads)


def model_folder(spec: str | None) -> Path | None:
    """The folder a name or path spec loads from, the way ``load_detector`` finds it."""
    if is_factory_spec(spec):
        return None
    name = spec or DEFAULT_DETECTOR
    for folder in (shipped_folder(name), Path(name)):
        if folder.is_dir():
            return folder
    return None


def fingerprint(folder: Path) -> str:
    """A short hash of every file in a model folder (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        with open(path, "rb") as handle:
            while block := handle.read(CHUNK):
                digest.update(block)
    return digest.hexdigest()[:12]


def router_version(router: LanguageRouter) -> str:
    """``auto``'s version: the fingerprints of the shipped detectors it can choose from here, so that
    installing or retraining one of them counts as a new version."""
    return "+".join(f"{name}@{fingerprint(shipped_folder(name))}" for name in router.installed())


def detector_id(detector: Detector, folder: Path | None = None) -> DetectorId:
    """The name and version stored with each analysis; ``folder``: where it was loaded from, if known."""
    version = getattr(detector, "version", None) or (fingerprint(folder) if folder else None)
    if not version and isinstance(detector, LanguageRouter):
        version = router_version(detector)
    return DetectorId(str(detector.name), str(version or "0"))


def load_for_corpus(spec: str | None) -> tuple[Pipeline, DetectorId]:
    """The pipeline for a detector spec, and the identity its analyses are stored under."""
    detector = resolve_detector(spec)
    return Pipeline(detector), detector_id(detector, model_folder(spec))
