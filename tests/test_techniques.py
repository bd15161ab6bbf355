"""The technique catalogue."""

from __future__ import annotations

import re

import pytest

from spinscope import techniques
from spinscope.errors import UnknownTechniqueError
from tests.conftest import shared_path


def test_catalogue_has_fourteen_distinct_techniques():
    assert len(techniques.TECHNIQUES) == 14
    for field in ("id", "name", "ptc_label", "colour"):
        assert len({getattr(t, field) for t in techniques.TECHNIQUES}) == 14


def test_catalogue_entries_are_complete():
    for technique in techniques.TECHNIQUES:
        assert re.fullmatch(r"[a-z_]+", technique.id)
        assert re.fullmatch(r"#[0-9a-f]{6}", technique.colour)
        assert len(technique.definition.split()) >= 10
        assert technique.cue and technique.semeval2023


def test_catalogue_matches_the_ptc_label_list():
    names = shared_path("data", "ptc", "propaganda-techniques-names-semeval2020task11.txt")
    labels = set(names.read_text(encoding="utf-8").split())
    assert labels == {t.ptc_label for t in techniques.TECHNIQUES}


def test_from_ptc_label_keeps_commas_in_names():
    assert techniques.from_ptc_label("Name_Calling,Labeling").id == "name_calling"


def test_unknown_technique_is_rejected_by_name():
    with pytest.raises(UnknownTechniqueError, match="Propaganda_Galore"):
        techniques.from_ptc_label("Propaganda_Galore")
    with pytest.raises(UnknownTechniqueError, match="unknown technique id .nope.; known: loaded_language"):
        techniques.get("nope")


def test_index_follows_catalogue_order():
    assert [techniques.index(t) for t in techniques.TECHNIQUE_IDS] == list(range(14))
