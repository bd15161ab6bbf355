"""The corpus report's charts, drawn with matplotlib and returned as PNG data URIs.

Figures are built with matplotlib's object API on the Agg canvas, so drawing a report
never changes the global pyplot backend of the process that asked for it. Colours and
names of techniques come from the catalogue. Outlets are labelled with their n (articles
analysed), and rates carry their 95% intervals as error bars where there are two articles
or more.
"""

from __future__ import annotations

import base64
import io
import textwrap

from spinscope import techniques
from spinscope.corpus.intervals import Rate
from spinscope.corpus.reporting import UNKNOWN, CorpusReport

MAX_OUTLETS = 15
MAX_OUTLET_LINES = 6
DPI = 100
LABEL_WIDTH = 32


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    return figure, figure.add_subplot()


def _data_uri(figure) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _outlets(report: CorpusReport) -> list[str]:
    return [o for o, g in report.outlets.items() if g.words][:MAX_OUTLETS]


def _label(report: CorpusReport, outlet: str) -> str:
    """An outlet's axis label with its n, long names wrapped: "Herald (n = 12)"."""
    name, n = textwrap.fill(outlet, LABEL_WIDTH), f"(n = {report.outlets[outlet].n:,})"
    return f"{name}\n{n}" if "\n" in name else f"{name} {n}"


def _errors(rates: list[Rate]) -> list[list[float]]:
    """Matplotlib's asymmetric error lengths [[below...], [above...]]; 0 where there is no interval."""
    return [[r.value - r.low if r.low is not None else 0.0 for r in rates],
            [r.high - r.value if r.high is not None else 0.0 for r in rates]]


def technique_rates(report: CorpusReport) -> str | None:
    """Stacked bars: spans of each technique per 1,000 words, one bar per outlet, with the 95%
    interval of the outlet's total rate as an error bar."""
    outlets = _outlets(report)
    if not outlets:
        return None
    figure, axes = _figure(10, 1.6 + 0.45 * len(outlets))
    rows = range(len(outlets))  # positions, not labels: two names may wrap to the same label
    left = [0.0] * len(outlets)
    for technique in techniques.TECHNIQUES:
        rates = [report.outlets[o].rate(technique.id) for o in outlets]
        if any(rates):
            axes.barh(rows, rates, left=left, color=technique.colour, label=technique.name,
                      edgecolor="white", linewidth=0.5)
            left = [a + b for a, b in zip(left, rates)]
    totals = [report.outlets[o].rate_interval() for o in outlets]
    axes.errorbar([r.value for r in totals], rows, xerr=_errors(totals), fmt="none",
                  ecolor="#222222", capsize=3, linewidth=1, label="95% interval (all techniques)")
    axes.set_yticks(rows, [_label(report, o) for o in outlets])
    axes.invert_yaxis()
    axes.set_xlabel("technique spans per 1,000 words")
    axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    return _data_uri(figure)


def technique_totals(report: CorpusReport) -> str | None:
    """Bars: how many spans of each technique the whole corpus has."""
    counts = [(t, report.overall.techniques[t.id]) for t in techniques.TECHNIQUES]
    counts = [(t, c) for t, c in counts if c]
    if not counts:
        return None
    figure, axes = _figure(10, 1.2 + 0.35 * len(counts))
    axes.barh([t.name for t, _ in counts], [c for _, c in counts], color=[t.colour for t, _ in counts],
              edgecolor="#555555", linewidth=0.5)
    axes.invert_yaxis()
    axes.set_xlabel("spans in the corpus")
    return _data_uri(figure)


def density_distribution(report: CorpusReport) -> str | None:
    """Box plots of propaganda density (share of characters inside spans), one per outlet."""
    outlets = [o for o in _outlets(report) if report.outlets[o].densities]
    if not outlets:
        return None
    figure, axes = _figure(10, 1.6 + 0.45 * len(outlets))
    data = [[100 * d for d in report.outlets[o].densities] for o in outlets]
    axes.boxplot(data, orientation="horizontal", patch_artist=True,
                 boxprops={"facecolor": "#cfe2f3"}, medianprops={"color": "#c0392b"})
    axes.set_yticks(range(1, len(outlets) + 1), [_label(report, o) for o in outlets])
    axes.invert_yaxis()
    axes.set_xlabel("propaganda density: % of characters inside a technique span")
    return _data_uri(figure)


def monthly_rates(report: CorpusReport) -> str | None:
    """Lines: spans per 1,000 words per month with 95% intervals, for the largest outlets (dated
    articles only)."""
    months = [m for m in report.months if m != UNKNOWN]
    if not months:
        return None
    figure, axes = _figure(10, 4)
    for outlet in _outlets(report)[:MAX_OUTLET_LINES]:
        points = [(m, report.outlet_months[(outlet, m)].rate_interval()) for m in months
                  if (outlet, m) in report.outlet_months and report.outlet_months[(outlet, m)].words]
        if points:
            rates = [r for _, r in points]
            axes.errorbar([months.index(m) for m, _ in points], [r.value for r in rates], yerr=_errors(rates),
                          marker="o", capsize=2, label=_label(report, outlet))
    axes.set_xticks(range(len(months)), months, rotation=45, ha="right", fontsize=8)
    axes.set_ylabel("technique spans per 1,000 words")
    axes.legend(fontsize=8, frameon=False)
    return _data_uri(figure)
