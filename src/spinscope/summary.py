"""An article's summary as people read it: the one-line help on scores and levels and the
summary line (spans shown, density, percentile among the PTC articles) of the CLI and HTML.
The figures themselves are ``Analysis.summary()``.

Density is the share of the text's characters inside at least one span. The percentile
places it among the PTC train+dev articles as the same detector analysed them (the
quantiles in its model card): of likely spans when only likely spans are shown, of every
span when possible ones are shown too.
"""

from __future__ import annotations

from spinscope.document import Analysis

SCORE_HELP = ("score: the probability that the span is propaganda (calibrated on PTC dev: "
              "the expected share of its characters inside annotated spans)")
TECHNIQUE_SCORE_HELP = ("technique score: the probability that the technique named is the right "
                        "one, where the span is propaganda (calibrated on PTC dev)")


def likely_help(analysis: Analysis) -> str:
    """One line on the two levels, with this detector's cut."""
    cut = analysis.scale.likely_cut if analysis.scale else 0.0
    return (f'"likely": score at least {cut:.2f}, where at least 60% of the characters of such '
            f'spans were propaganda on PTC dev; "possible": the rest')


def ordinal(value: float) -> str:
    number = int(round(value))
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def summary_line(analysis: Analysis, show_possible: bool = False) -> str:
    """What a person reads: spans shown, density, percentile among PTC articles, hidden spans."""
    data = analysis.summary()
    if show_possible:
        shown, density, rank = data["spans"], data["density"], data["percentile"]
        what = f"{shown} span{'' if shown == 1 else 's'} ({data['likely']} likely, {data['possible']} possible)"
    else:
        shown, density, rank = data["likely"], data["likely_density"], data["likely_percentile"]
        what = f"{shown} likely span{'' if shown == 1 else 's'}"
    line = f"{what}, {density:.0%} of the text"
    if rank is not None:
        line += f" ({ordinal(rank)} percentile among PTC articles)"
    if not show_possible and data["possible"]:
        line += f"; {data['possible']} more possible spans"
    return line + "."
