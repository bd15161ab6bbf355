"""Documents, spans and analyses: validation and the derived figures."""

from __future__ import annotations

import dataclasses

import pytest

from spinscope.document import Analysis, Document, Scale, Span, content_id, percentile
from spinscope.errors import SpanError, UnknownTechniqueError


def test_span_rejects_empty_or_reversed_offsets():
    with pytest.raises(SpanError, match="start < end"):
        Span(5, 5, "doubt")
    with pytest.raises(SpanError, match="start < end"):
        Span(-1, 3, "doubt")


def test_span_rejects_score_outside_unit_interval():
    with pytest.raises(SpanError, match="score"):
        Span(0, 3, "doubt", 1.5)


def test_span_rejects_unknown_technique_by_name():
    with pytest.raises(UnknownTechniqueError, match="'propaganda'"):
        Span(0, 3, "propaganda")


def test_span_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Span(0, 3, "doubt").start = 1


def test_analysis_rejects_span_past_the_text():
    with pytest.raises(SpanError, match="runs past the end"):
        Analysis(Document("d", "short"), (Span(2, 9, "doubt"),))


def test_analysis_offsets_count_a_leading_bom():
    document = Document("d", "\ufeffTraitors!")
    analysis = Analysis(document, (Span(1, 9, "name_calling"),))
    assert analysis.span_texts() == ["Traitors"]


def test_analysis_density_counts_overlaps_once():
    document = Document("d", "x" * 100)
    analysis = Analysis(document, (Span(0, 20, "doubt"), Span(10, 30, "slogans"), Span(50, 60, "doubt")))
    assert analysis.density() == pytest.approx(0.4)
    assert analysis.technique_counts() == {"doubt": 2, "slogans": 1}


def test_analysis_above_keeps_only_confident_spans():
    document = Document("d", "x" * 10)
    analysis = Analysis(document, (Span(0, 2, "doubt", 0.2), Span(3, 5, "doubt", 0.9)))
    assert [s.score for s in analysis.above(0.5).spans] == [0.9]


def test_document_from_text_id_is_content_hash():
    assert Document.from_text("same text").id == Document.from_text("same text").id == content_id("same text")
    assert Document.from_text("same text").id != Document.from_text("other text").id


def test_analysis_to_json_and_notebook_html_show_the_spans():
    import json

    document = Document(id="d", text="The <b>traitors</b> lied.")
    analysis = Analysis(document, (Span(7, 15, "name_calling", 0.8, voice="quoted", speaker="X"),))
    data = json.loads(analysis.to_json())
    assert data == analysis.to_dict()
    assert data["spans"][0]["text"] == "traitors" and data["spans"][0]["speaker"] == "X"
    page = analysis._repr_html_()
    assert "<mark" in page and "&lt;b&gt;" in page and "<b>" not in page


def test_span_rejects_technique_score_outside_unit_interval():
    with pytest.raises(SpanError):
        Span(0, 3, "doubt", 0.5, technique_score=1.2)


def test_span_rejects_unknown_level():
    with pytest.raises(SpanError):
        Span(0, 3, "doubt", 0.5, level="certain")


def test_scale_level_is_likely_from_the_cut():
    scale = Scale(likely_cut=0.55)
    assert scale.level(0.55) == "likely" and scale.level(0.5499) == "possible"


def test_analysis_likely_keeps_likely_spans_and_counts_the_possible_ones():
    doc = Document("d", "abcdefghij")
    analysis = Analysis(doc, (Span(0, 2, "doubt", 0.7), Span(3, 5, "doubt", 0.2, level="possible"),
                              Span(6, 8, "slogans", 0.3, level="possible")))
    assert [s.start for s in analysis.likely().spans] == [0]
    assert analysis.possible_count() == 2 and analysis.likely().possible_count() == 0


def test_percentile_places_a_density_among_quantiles_ties_counting_half():
    quantiles = (0.0, 0.0, 0.1, 0.2, 0.3)
    assert percentile(0.0, quantiles) == 20.0
    assert percentile(0.25, quantiles) == 80.0
    assert percentile(0.5, quantiles) == 100.0
    assert percentile(0.1, ()) is None and percentile(0.0, (0.0,) * 101) is None
