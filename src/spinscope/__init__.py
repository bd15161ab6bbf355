"""spinscope: find and name the propaganda techniques in news articles.

>>> import spinscope
>>> analysis = spinscope.analyze("They are traitors and warmongers!")
>>> [(s.technique, s.text_in(analysis.document)) for s in analysis.spans]  # doctest: +SKIP
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from spinscope.document import Analysis, Document, Span
from spinscope.errors import SpinscopeError

if TYPE_CHECKING:
    from spinscope.detector.base import Detector
    from spinscope.detector.loading import load_detector
    from spinscope.pipeline import Pipeline, load
    from spinscope.quotes import Quote

__all__ = ["Analysis", "Detector", "Document", "Pipeline", "Quote", "Span", "SpinscopeError", "analyze",
           "load", "load_detector"]
__version__ = "0.1.0"

# The rest of the front is imported when first used, so that ``import spinscope.document``
# (or a worker process, or the CLI) does not pay for the detector and the renderers.
_LAZY = {"Detector": "spinscope.detector.base", "load_detector": "spinscope.detector.loading",
         "Pipeline": "spinscope.pipeline", "load": "spinscope.pipeline", "Quote": "spinscope.quotes"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'spinscope' has no attribute {name!r}")
    return getattr(import_module(_LAZY[name]), name)


def _notebook_html(analysis: Analysis) -> str:
    from spinscope.render.html import notebook_html
    return notebook_html(analysis)


# A notebook shows an Analysis highlighted. The view is attached here, at the package's front,
# so that the value module (document) never imports the renderers that import it.
setattr(Analysis, "_repr_html_", _notebook_html)


@lru_cache(maxsize=4)
def _cached_pipeline(name: str | None) -> Pipeline:
    from spinscope.pipeline import load
    return load(name)


def analyze(text: str | Document, detector: str | None = None) -> Analysis:
    """Find the technique spans in one text with a shipped detector (loaded once, then reused)."""
    return _cached_pipeline(detector)(text)
