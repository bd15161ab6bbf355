"""The catalogue of the 14 propaganda techniques of the PTC corpus (SemEval-2020 Task 11).

Every other module refers to a technique by its ``id`` from here; the PTC label, the
display name and the SemEval-2023 names are only ever looked up through this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from spinscope.errors import UnknownTechniqueError


@dataclass(frozen=True)
class Technique:
    """One persuasion technique: how spinscope names it, shows it and maps it."""

    id: str
    name: str
    ptc_label: str
    definition: str
    cue: str
    colour: str
    semeval2023: tuple[str, ...]


TECHNIQUES: tuple[Technique, ...] = (
    Technique(
        "loaded_language", "Loaded language", "Loaded_Language",
        "Words or phrases chosen for their strong emotional charge rather than their "
        "meaning, to sway the reader's feelings about the subject.",
        "a 'barbaric' attack, a 'shameful' decision", "#ffb3b3", ("Loaded_Language",),
    ),
    Technique(
        "name_calling", "Name calling / labeling", "Name_Calling,Labeling",
        "Attaching a label to a person or group that the audience fears, hates or "
        "admires, so that the label does the arguing.",
        "'warmongers', 'the regime', 'globalists'", "#ffd480", ("Name_Calling-Labeling",),
    ),
    Technique(
        "repetition", "Repetition", "Repetition",
        "Saying the same message again and again so that it sticks and starts to feel "
        "true through familiarity.", "the same phrase returning paragraph after paragraph",
        "#c2f0c2", ("Repetition",),
    ),
    Technique(
        "exaggeration_minimisation", "Exaggeration / minimisation", "Exaggeration,Minimisation",
        "Making something look far bigger, better or worse than it is, or playing down "
        "something that matters.", "'the worst crisis in history', 'just a few incidents'",
        "#b3d9ff", ("Exaggeration-Minimisation",),
    ),
    Technique(
        "doubt", "Doubt", "Doubt",
        "Questioning the credibility of a person, group or claim without giving "
        "evidence, to leave the reader suspicious.", "'can we really trust what they say?'",
        "#e0c2f0", ("Doubt", "Questioning_the_Reputation"),
    ),
    Technique(
        "appeal_to_fear", "Appeal to fear / prejudice", "Appeal_to_fear-prejudice",
        "Building support for an idea by stirring up anxiety or panic about an "
        "alternative, often by playing on existing prejudices.",
        "'if we do nothing, they will come for our children'", "#ff9f80",
        ("Appeal_to_Fear-Prejudice",),
    ),
    Technique(
        "flag_waving", "Flag-waving", "Flag-Waving",
        "Justifying an idea by appeal to patriotism or to the pride of a group, as if "
        "loyalty settled the question.", "'every true patriot knows'", "#99e6e6",
        ("Flag_Waving", "Appeal_to_Values"),
    ),
    Technique(
        "causal_oversimplification", "Causal oversimplification", "Causal_Oversimplification",
        "Pinning a complex outcome on a single cause, or treating one event that "
        "followed another as its cause.", "'crime rose because of the new mayor'",
        "#f0e68c", ("Causal_Oversimplification", "Consequential_Oversimplification"),
    ),
    Technique(
        "slogans", "Slogans", "Slogans",
        "A short, catchy phrase that stands in for an argument, often with labels and "
        "stereotypes built in.", "'make the nation great again'", "#d9b3ff", ("Slogans",),
    ),
    Technique(
        "appeal_to_authority", "Appeal to authority", "Appeal_to_Authority",
        "Claiming something is true because an authority or expert said so, with no "
        "further evidence.", "'as the general himself said'", "#a3c2c2",
        ("Appeal_to_Authority",),
    ),
    Technique(
        "black_and_white", "Black-and-white fallacy", "Black-and-White_Fallacy",
        "Presenting two options as the only ones possible when more exist, or "
        "demanding a choice between extremes.", "'you are either with us or against us'",
        "#cccccc", ("False_Dilemma-No_Choice",),
    ),
    Technique(
        "thought_terminating_cliches", "Thought-terminating cliché", "Thought-terminating_Cliches",
        "A stock phrase that discourages further thought or discussion by offering a "
        "ready-made conclusion.", "'it is what it is', 'enough said'", "#ffccf2",
        ("Conversation_Killer",),
    ),
    Technique(
        "whataboutism_strawman_red_herring", "Whataboutism / straw man / red herring",
        "Whataboutism,Straw_Men,Red_Herring",
        "Deflecting a criticism by pointing at the opponent's faults, misrepresenting "
        "their position, or steering to an unrelated topic.", "'and what about their own wars?'",
        "#c6e6a3", ("Whataboutism", "Straw_Man", "Red_Herring"),
    ),
    Technique(
        "bandwagon_reductio_ad_hitlerum", "Bandwagon / reductio ad Hitlerum",
        "Bandwagon,Reductio_ad_hitlerum",
        "Urging the reader to join in because everyone else does, or rejecting an idea "
        "because a hated group is said to hold it.", "'everyone already agrees', 'just like the Nazis'",
        "#e6c8a0", ("Appeal_to_Popularity", "Guilt_by_Association"),
    ),
)

TECHNIQUE_IDS: tuple[str, ...] = tuple(t.id for t in TECHNIQUES)
_BY_ID = {t.id: t for t in TECHNIQUES}
_BY_PTC = {t.ptc_label: t for t in TECHNIQUES}


def _lookup(table: dict[str, Technique], key: str, what: str) -> Technique:
    try:
        return table[key]
    except KeyError:
        raise UnknownTechniqueError(f"unknown {what} {key!r}; known: {', '.join(table)}") from None


def get(technique_id: str) -> Technique:
    """The technique with this id; UnknownTechniqueError lists the valid ids."""
    return _lookup(_BY_ID, technique_id, "technique id")


def from_ptc_label(label: str) -> Technique:
    """The technique with this exact PTC label (e.g. ``Name_Calling,Labeling``)."""
    return _lookup(_BY_PTC, label, "PTC technique")


def index(technique_id: str) -> int:
    """Position of the technique in the catalogue (the column in a model's output)."""
    return TECHNIQUE_IDS.index(get(technique_id).id)
