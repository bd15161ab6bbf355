"""The terminal view: one style per technique, span numbers, likely spans first."""

from __future__ import annotations

from itertools import combinations

from rich.color import Color
from rich.console import Console
from rich.style import Style

from spinscope import techniques
from spinscope.document import Analysis, Document, Scale, Span
from spinscope.render.terminal import STYLES, highlighted_text, render

TEXT = "They are traitors and a shameful decision, says everyone."


def plain(renderable) -> str:
    console = Console(width=200, color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def analysis() -> Analysis:
    spans = (Span(9, 17, "name_calling", 0.8), Span(24, 32, "loaded_language", 0.7),
             Span(24, 41, "exaggeration_minimisation", 0.3, level="possible"))
    return Analysis(Document("d", TEXT), spans, scale=Scale(0.5, (0.0, 0.5), (0.0, 0.5)))


def test_terminal_styles_differ_for_every_pair_of_the_fourteen_techniques():
    parsed = {t: Style.parse(STYLES[t]) for t in techniques.TECHNIQUE_IDS}
    assert len(parsed) == 14
    for a, b in combinations(techniques.TECHNIQUE_IDS, 2):
        assert parsed[a] != parsed[b], (a, b)


def test_terminal_styles_set_look_alike_colours_apart_by_weight_or_slant():
    """Backgrounds closer than 60 (RGB distance) must differ in bold or italic as well."""
    parsed = {t: Style.parse(STYLES[t]) for t in techniques.TECHNIQUE_IDS}
    for a, b in combinations(techniques.TECHNIQUE_IDS, 2):
        ca, cb = (parsed[t].bgcolor.get_truecolor() for t in (a, b))
        if sum((x - y) ** 2 for x, y in zip(ca, cb)) ** 0.5 < 60:
            assert (parsed[a].bold, parsed[a].italic) != (parsed[b].bold, parsed[b].italic), (a, b)


def test_terminal_styles_are_black_on_light_backgrounds():
    for technique, style in STYLES.items():
        parsed = Style.parse(style)
        assert parsed.color == Color.parse("black")
        r, g, b = parsed.bgcolor.get_truecolor()
        assert 0.2126 * r + 0.7152 * g + 0.0722 * b > 150, technique  # dark text stays readable


def test_terminal_highlight_numbers_each_span_like_the_table():
    text = highlighted_text(analysis()).plain
    assert "traitors[1]" in text and "shameful[2][3]" not in text and "shameful[2]" in text
    assert "decision[3]" in text


def test_terminal_render_hides_possible_spans_by_default_and_says_how_many():
    hidden, shown = plain(render(analysis())), plain(render(analysis(), show_possible=True))
    assert "Exaggeration" not in hidden and "1 more possible spans" in hidden
    assert "Exaggeration" in shown and "decision[3]" in shown
    assert "probability that the span is propaganda" in hidden  # the score explained
