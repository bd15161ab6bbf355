"""An article's summary: propaganda density, counts per technique, and where it stands
among the PTC articles (a percentile), the same in the CLI, JSON, HTML and web page.

Density is the share of the text's characters inside at least one span. The percentile
places it among the PTC train+dev articles as the same detector analysed them (the
quantiles in its model card): of likely spans when only likely spans are shown, of every
span when possible ones are shown too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: document's to_dict imports the renderers, which use this module
    from spinscope.document import Analysis

SCORE_HELP = ("score: the probability that the span is propaganda (calibrated on PTC dev: "
              "the expected share of its characters inside annotated spans)")
TECHNIQUE_SCORE_HELP = ("technique score: the probability that the technique named is the right "
                        "one, where the span is propaganda (calibrated on PTC dev)")


def percentile(density: float, quantiles: tuple[float, ...]) -> float | None:
    """Where ``density`` stands among the articles the quantiles describe (0-100; ties
    count half, so an article as dense as the median is at 50); None without quantiles or
    when they are all equal (e.g. no PTC article had a likely span: nothing to compare)."""
    if not quantiles or quantiles[0] == quantiles[-1]:
        return None
    below = sum(q < density for q in quantiles)
    equal = sum(q == density for q in quantiles)
    return round(100 * (below + equal / 2) / len(quantiles), 1)


def likely_help(analysis: Analysis) -> str:
    """One line on the two levels, with this detector's cut."""
    cut = analysis.scale.likely_cut if analysis.scale else 0.0
    return (f'"likely": score at least {cut:.2f}, where at least 60% of the characters of such '
            f'spans were propaganda on PTC dev; "possible": the rest')


def summary_dict(analysis: Analysis) -> dict[str, Any]:
    """Counts and density of every span and of likely spans, with their PTC percentiles."""
    likely = analysis.likely()
    scale = analysis.scale
    density, likely_density = analysis.density(), likely.density()
    return {
        "counts": analysis.technique_counts(), "likely_counts": likely.technique_counts(),
        "spans": len(analysis.spans), "likely": len(likely.spans), "possible": analysis.possible_count(),
        "density": round(density, 4), "likely_density": round(likely_density, 4),
        "percentile": percentile(density, scale.densities) if scale else None,
        "likely_percentile": percentile(likely_density, scale.likely_densities) if scale else None,
        "likely_cut": scale.likely_cut if scale else None,
    }


def ordinal(value: float) -> str:
    number = int(round(value))
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def summary_line(analysis: Analysis, show_possible: bool = False) -> str:
    """What a person reads: spans shown, density, percentile among PTC articles, hidden spans."""
    data = summary_dict(analysis)
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
