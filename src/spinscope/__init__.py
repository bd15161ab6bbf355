"""spinscope: find and name the propaganda techniques in news articles.

>>> import spinscope
>>> analysis = spinscope.analyze("They are traitors and warmongers!")
>>> [(s.technique, s.text_in(analysis.document)) for s in analysis.spans]  # doctest: +SKIP
"""

from __future__ import annotations

from functools import lru_cache

from spinscope.detector.base import Detector
from spinscope.detector.loading import load_detector
from spinscope.document import Analysis, Document, Span
from spinscope.errors import SpinscopeError
from spinscope.pipeline import Pipeline, load
from spinscope.quotes import Quote
from spinscope.render.html import notebook_html

__all__ = ["Analysis", "Detector", "Document", "Pipeline", "Quote", "Span", "SpinscopeError", "analyze",
           "load", "load_detector"]
__version__ = "0.1.0"

# A notebook shows an Analysis highlighted. The view is attached here, at the package's front,
# so that the value module (document) never imports the renderers that import it.
setattr(Analysis, "_repr_html_", notebook_html)


@lru_cache(maxsize=4)
def _cached_pipeline(name: str | None) -> Pipeline:
    return load(name)


def analyze(text: str | Document, detector: str | None = None) -> Analysis:
    """Find the technique spans in one text with a shipped detector (loaded once, then reused)."""
    return _cached_pipeline(detector)(text)
