"""The corpus report as one self-contained HTML page: inline CSS, charts as data URIs.

Nothing is loaded from elsewhere (no CDN, no scripts), so the file can be mailed or
archived. Every string that comes from the corpus — titles, outlets, phrases, errors —
is HTML-escaped. Every rate per outlet or month is shown with its n (articles) and 95%
interval, "4.1 (3.2–5.0)", or "(n = 1, no interval)" where one article cannot give one.
Every table sits in its own horizontally scrolling box, so that a wide table scrolls
inside the page instead of running past its edge.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from spinscope import techniques
from spinscope.corpus import charts as report_charts
from spinscope.corpus.intervals import Rate
from spinscope.corpus.reporting import UNKNOWN, CorpusReport, Group, build_report
from spinscope.corpus.store import Store
from spinscope.io.output import check_output

STYLE = """
*, *::before, *::after { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; margin: 2rem auto; padding: 0 1rem; max-width: 74rem; color: #222; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
h1, h2, h3, p, li, summary { overflow-wrap: anywhere; }
.meta { color: #666; } table { border-collapse: collapse; margin: 0; font-size: 0.9rem; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.text { min-width: 14rem; overflow-wrap: anywhere; }
.ci { color: #666; font-size: 0.85em; white-space: nowrap; }
.count { display: block; color: #666; font-size: 0.85em; white-space: nowrap; }
img.chart { max-width: 100%; height: auto; display: block; margin: 1rem 0; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; border-radius: 2px; }
.phrases { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(20rem, 100%), 1fr)); gap: 1rem; }
.phrases > div { min-width: 0; }
.wide { overflow-x: auto; max-width: 100%; margin: 1rem 0; }
blockquote { margin: 0.3rem 0; color: #444; font-style: italic; overflow-wrap: anywhere; }
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], numeric: set[int] = frozenset(),
           prose: set[int] = frozenset()) -> str:
    """A table in its own scrolling box; ``numeric`` columns align right, ``prose`` columns (titles,
    errors) break long words rather than widen the table."""
    def kind(i: int) -> str:
        return "n" if i in numeric else "text" if i in prose else ""

    head = "".join(f'<th class="{kind(i)}">{_e(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td class="{kind(i)}">{cell}</td>' for i, cell in enumerate(row))
        + "</tr>" for row in rows)
    return f'<div class="wide"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def interval_text(rate: Rate, digits: int = 1) -> str:
    """The interval of a rate as shown: "(3.2–5.0)", or "(n = 1, no interval)" for fewer than two articles."""
    if rate.low is None or rate.high is None:
        return f"(n = {rate.n:,}, no interval)"
    return f"({rate.low:.{digits}f}–{rate.high:.{digits}f})"


def rate_text(rate: Rate, digits: int = 1) -> str:
    """A rate with its 95% interval as plain text: "4.1 (3.2–5.0)"."""
    return f"{rate.value:.{digits}f} {interval_text(rate, digits)}"


def _rate(rate: Rate, digits: int = 1) -> str:
    return f'{rate.value:.{digits}f} <span class="ci">{_e(interval_text(rate, digits))}</span>'


def n_text(group: Group) -> str:
    """The analysed articles behind a group's figures, as "n = 12 articles"."""
    return f"n = {group.n:,} article{'' if group.n == 1 else 's'}"


def _key(group: Group) -> str:
    """A group's name with its n beneath it."""
    return f'{_e(group.key)} <span class="count">{_e(n_text(group))}</span>'


def _chart(uri: str | None, alt: str, missing: str = "no data") -> str:
    if uri is None:
        return f'<p class="meta">No {_e(alt)} chart: {_e(missing)}.</p>'
    return f'<img class="chart" src="{uri}" alt="{_e(alt)}">'


def _group_rows(groups: Iterable[Group]) -> list[list[str]]:
    return [[_key(g), str(g.documents), str(g.failed), f"{g.words:,}", str(g.spans), _rate(g.rate_interval()),
             f"{100 * g.mean_density():.1f}%", f"{100 * g.median_density():.1f}%"] for g in groups]


GROUP_HEADERS = ["", "articles", "failed", "words", "spans", "spans / 1,000 words (95% interval)",
                 "mean density", "median density"]
INTERVAL_NOTE = ("<p class=\"meta\">n: the articles analysed. Rates are spans per 1,000 words, pooled over "
                 "the articles, with a 95% interval over articles in brackets (resampled articles); one "
                 "article gives no interval.</p>")


def _present(report: CorpusReport) -> list[techniques.Technique]:
    return [t for t in techniques.TECHNIQUES if report.overall.techniques[t.id]]


def _technique_table(report: CorpusReport) -> str:
    present = _present(report)
    headers = ["outlet"] + [t.name for t in present]
    rows = [[_key(g)] + [f"{g.techniques[t.id]}<span class=\"count\">{_rate(g.rate_interval(t.id), 2)}</span>"
                         for t in present] for g in report.outlets.values()]
    return _table(headers, rows, set(range(1, len(headers))))


def _monthly_techniques(report: CorpusReport) -> str:
    """Spans per 1,000 words of each technique per month (dated articles first, then ``unknown``)."""
    present = _present(report)
    months = [g for g in report.months.values() if g.n]
    if not months:
        return '<p class="meta">No analysed articles.</p>'
    headers = ["month", "all techniques"] + [t.name for t in present]
    rows = [[_key(g), _rate(g.rate_interval(), 2)] + [_rate(g.rate_interval(t.id), 2) for t in present]
            for g in months]
    return _table(headers, rows, set(range(1, len(headers))))


VOICE_HEADERS = ["", "spans", "own voice", "own voice / 1,000 words (95% interval)", "quoted + reported",
                 "quoted + reported / 1,000 words (95% interval)", "words in quoted + reported speech"]


def _voice_rows(groups: Iterable[Group]) -> list[list[str]]:
    return [[_key(g), str(g.spans), str(g.own_spans), _rate(g.own_interval()), str(g.speech_spans),
             _rate(g.speech_interval()), f"{100 * g.speech_share():.1f}%"] for g in groups]


def _voices(report: CorpusReport) -> str:
    note = ("<p class=\"meta\">Spans in the outlet's own words versus spans inside quoted or reported "
            "speech; both rates are per 1,000 words of the outlet's articles, so they add up to its total. "
            "Scare quotes count as the outlet's own voice.</p>")
    table = _table(VOICE_HEADERS, _voice_rows([*report.outlets.values(), report.overall]), set(range(1, 7)))
    return note + table


def _outlet_heading(report: CorpusReport, outlet: str) -> str:
    return f'<h3>{_e(outlet)} <span class="meta">({_e(n_text(report.outlets[outlet]))})</span></h3>'


def _speakers(report: CorpusReport) -> str:
    blocks = []
    for outlet in report.outlets:
        rows = [[_e(name), str(quotes), _e(", ".join(f"{techniques.get(t).name} ({n})" for t, n in found))]
                for name, quotes, found in report.top_speakers(outlet)]
        if rows:
            table = _table(["speaker", "quotes", "techniques inside their quotes"], rows, {1})
            blocks.append(f"<div>{_outlet_heading(report, outlet)}{table}</div>")
    if not blocks:
        return '<p class="meta">No quoted or reported speech with a named speaker.</p>'
    return f'<div class="phrases">{"".join(blocks)}</div>'


def _phrases(report: CorpusReport) -> str:
    blocks = []
    for outlet in report.outlets:
        if not report.phrases.get(outlet):
            continue
        rows = [[_e(p), str(c), _e(techniques.get(t).name)] for p, c, t in report.top_phrases(outlet)]
        table = _table(["phrase", "times", "technique"], rows, {1})
        blocks.append(f"<div>{_outlet_heading(report, outlet)}{table}</div>")
    return f'<div class="phrases">{"".join(blocks)}</div>' if blocks else '<p class="meta">No phrases.</p>'


def _top_articles(report: CorpusReport) -> str:
    rows = []
    for a in report.top:
        names = ", ".join(f"{techniques.get(t).name} ({n})" for t, n in a.techniques)
        rows.append([f"{100 * a.density:.1f}%", f"{_e(a.title)}<blockquote>“{_e(a.example)}”</blockquote>",
                     _e(a.outlet), _e(a.published), f"{a.words:,}", str(a.spans), _e(names)])
    return _table(["density", "article (and its strongest span)", "outlet", "published", "words", "spans",
                   "main techniques"], rows, {0, 4, 5}, {1})


def _legend() -> str:
    items = "".join(f'<li><span class="swatch" style="background:{t.colour}"></span><b>{_e(t.name)}</b>: '
                    f"{_e(t.definition)}</li>" for t in techniques.TECHNIQUES)
    return f"<details><summary>The techniques</summary><ul>{items}</ul></details>"


def _failures(report: CorpusReport) -> str:
    if not report.failures:
        return ""
    rows = [[_e(f.origin), _e(f.error)] for f in report.failures]
    return f"<h2>Documents that could not be analysed</h2>{_table(['document', 'error'], rows, prose={0, 1})}"


def render_html(report: CorpusReport) -> str:
    """The whole report page."""
    o, d = report.overall, report.detector
    sections = [
        f"<h1>spinscope corpus report</h1><p class=\"meta\">{o.documents:,} articles ({o.failed} failed), "
        f"{o.words:,} words, {o.spans:,} technique spans ({_e(rate_text(o.rate_interval()))} per 1,000 words, "
        f"{_e(n_text(o))}); detector "
        f"{_e(d.name)} {_e(d.version)}; generated {_e(report.generated)}</p>{_legend()}",
        "<h2>Techniques per outlet</h2>", _chart(report_charts.technique_rates(report), "technique rates per outlet"),
        "<p class=\"meta\">Counts, and beneath them spans per 1,000 words with a 95% interval.</p>",
        INTERVAL_NOTE, _technique_table(report),
        "<h2>Outlets</h2>", _table(GROUP_HEADERS, _group_rows(report.outlets.values()), set(range(1, 8))),
        "<h2>Languages</h2><p class=\"meta\">Each language as detected, with the detector that ran for it.</p>",
        _table(GROUP_HEADERS, _group_rows(report.languages.values()), set(range(1, 8))),
        "<h2>Own voice and quoted speech</h2>", _voices(report),
        "<h2>Most-quoted speakers per outlet</h2><p class=\"meta\">Quoted or reported passages attributed "
        "to each speaker, and the technique spans found inside them.</p>", _speakers(report),
        "<h2>Propaganda density</h2><p class=\"meta\">Share of each article's characters inside at least one "
        "technique span.</p>", _chart(report_charts.density_distribution(report), "density per outlet"),
        "<h2>Per month</h2>", _chart(report_charts.monthly_rates(report), "monthly rates", "no article has a date"),
        _table(GROUP_HEADERS, _group_rows(report.months.values()), set(range(1, 8))),
        "<h3>Techniques per month</h3><p class=\"meta\">Spans of each technique per 1,000 words of the month's "
        f"articles, with a 95% interval; articles without a date are under {UNKNOWN}.</p>", _monthly_techniques(report),
        "<h2>Techniques in the whole corpus</h2>", _chart(report_charts.technique_totals(report), "technique totals"),
        "<h2>Most frequent flagged phrases per outlet</h2>", _phrases(report),
        "<h2>Articles with the highest density</h2>", _top_articles(report),
        _failures(report),
    ]
    body = "\n".join(sections)
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>spinscope corpus report</title><style>{STYLE}</style></head><body>\n{body}\n</body></html>\n")


def write_report(store: Store, out: str | Path, detector: str | None = None) -> CorpusReport:
    """``corpus report``: build the report and write it as one self-contained HTML file."""
    check_output(out)
    report = build_report(store, detector)
    Path(out).write_text(render_html(report), encoding="utf-8")
    return report
