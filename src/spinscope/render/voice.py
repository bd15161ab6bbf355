"""How a span's voice reads to a person, the same in the terminal, HTML and the web page."""

from __future__ import annotations

from typing import TYPE_CHECKING
if TYPE_CHECKING:  # types only: document imports the renderers for to_dict and _repr_html_
    from spinscope.document import Span


def voice_label(span: Span) -> str:
    """Whose words: "outlet", or "quoted: Vladimir Putin", or "reported" when no speaker is named."""
    return f"{span.voice}: {span.speaker}" if span.speaker else span.voice
