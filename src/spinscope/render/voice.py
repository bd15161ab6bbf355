"""How a span's voice reads to a person, the same in the terminal, HTML and the web page."""

from __future__ import annotations

from spinscope.document import Span


def voice_label(span: Span) -> str:
    """Whose words: "outlet", or "quoted: Vladimir Putin", or "reported" when no speaker is named."""
    return f"{span.voice}: {span.speaker}" if span.speaker else span.voice
