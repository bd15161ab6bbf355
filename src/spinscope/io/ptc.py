"""The Propaganda Techniques Corpus format, both directions.

A PTC folder holds ``articles/article<ID>.txt`` and label files: ``tc.labels``
(``id<TAB>technique<TAB>start<TAB>end``) and ``si.labels`` (``id<TAB>start<TAB>end``).
Articles are read as UTF-8 bytes, decoded as they are, so that offsets (which count a
leading BOM and every ``\\r``) stay exact; an article that is not UTF-8 text raises an
error naming it. Technique names contain commas: lines are only ever split on tabs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from spinscope import techniques
from spinscope.document import Analysis, Document, Span
from spinscope.errors import LabelFileError, MissingInputError, SpinscopeError
from spinscope.io.text import MAX_CHARS, decode, read_bytes

MAX_ARTICLE_CHARS = MAX_CHARS * 5
"""Gold articles are read whole up to this (far past any PTC article; ~10,000 characters at most)."""

_ARTICLE_NAME = re.compile(r"^article(?P<id>.+)\.txt$")


@dataclass(frozen=True)
class Label:
    """One line of a label or submission file; ``technique`` is None in the SI format."""

    article_id: str
    start: int
    end: int
    technique: str | None


def read_article(path: Path) -> Document:
    """One PTC article; its id is the file name without ``article`` and ``.txt``."""
    match = _ARTICLE_NAME.match(path.name)
    article_id = match["id"] if match else path.stem
    return Document(id=article_id, text=decode(read_bytes(path, MAX_ARTICLE_CHARS), str(path), "utf-8"))


def read_articles(folder: str | Path) -> list[Document]:
    """Every article of a PTC folder (or of its ``articles`` subfolder), sorted by id."""
    folder = Path(folder)
    articles = folder / "articles" if (folder / "articles").is_dir() else folder
    if not articles.is_dir():
        raise MissingInputError(f"{folder}: no such folder of PTC articles")
    paths = sorted(articles.glob("article*.txt"))
    if not paths:
        raise MissingInputError(f"{articles}: no article*.txt files in this folder")
    return [read_article(p) for p in paths]


def parse_label_line(line: str, path: Path | str, number: int) -> Label:
    """Parse one tab-separated line in the TC (4 fields) or SI (3 fields) format."""
    fields = line.rstrip("\r\n").split("\t")
    where = f"{path}, line {number}"
    if len(fields) not in (3, 4):
        raise LabelFileError(
            f"{where}: expected 3 (SI) or 4 (TC) tab-separated fields, found {len(fields)}: {line!r}"
        )
    article_id, *technique, start, end = fields
    try:
        start_i, end_i = int(start), int(end)
    except ValueError:
        raise LabelFileError(f"{where}: start and end must be integers, got {start!r} and {end!r}") from None
    if not 0 <= start_i < end_i:
        raise LabelFileError(f"{where}: offsets must satisfy 0 <= start < end, got {start_i} and {end_i}")
    technique_id = None
    if technique:
        try:
            technique_id = techniques.from_ptc_label(technique[0]).id
        except SpinscopeError as error:
            raise LabelFileError(f"{where}: {error}") from None
    return Label(article_id.strip(), start_i, end_i, technique_id)


def read_labels(path: str | Path) -> list[Label]:
    """Every line of a TC or SI label file; blank lines are skipped, bad ones raise."""
    path = Path(path)
    if not path.is_file():
        raise MissingInputError(f"{path}: no such label file")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise LabelFileError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    return [parse_label_line(line, path, n) for n, line in enumerate(lines, 1) if line.strip()]


def group_labels(labels: Iterable[Label]) -> dict[str, list[Label]]:
    """Labels grouped by article id, in file order."""
    grouped: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        grouped[label.article_id].append(label)
    return dict(grouped)


def labels_to_spans(labels: Iterable[Label], source: str) -> dict[str, list[Span]]:
    """TC labels as spans grouped by article; an SI line (no technique) raises."""
    spans: dict[str, list[Span]] = defaultdict(list)
    for label in labels:
        if label.technique is None:
            raise LabelFileError(f"{source}: expected technique labels (4 fields), found an SI line")
        spans[label.article_id].append(Span(label.start, label.end, label.technique))
    return dict(spans)


def attach(documents: Sequence[Document], spans: Mapping[str, Sequence[Span]], source: str) -> list[Analysis]:
    """Gold analyses: documents paired with their spans from ``source`` (a label file).

    Spans of articles not among the documents, or past an article's text, raise.
    """
    by_id = {d.id: d for d in documents}
    unknown = sorted(set(spans) - set(by_id))
    if unknown:
        raise LabelFileError(f"{source}: labels for articles not in the folder: {', '.join(unknown[:5])}")
    return [Analysis(d, tuple(spans.get(d.id, ())), detector="gold") for d in documents]


def read_gold(folder: str | Path) -> list[Analysis]:
    """A PTC folder with ``tc.labels`` as gold analyses, one per article."""
    folder = Path(folder)
    path = folder / "tc.labels"
    spans = labels_to_spans(read_labels(path), source=str(path))
    return attach(read_articles(folder), spans, source=str(path))


def format_labels(analyses: Iterable[Analysis], with_technique: bool = True) -> str:
    """Submission text: TC lines (with technique) or SI lines, one per span."""
    lines = []
    for analysis in analyses:
        for span in analysis.spans:
            named = [t for t, _ in span.techniques()] if with_technique else [None]
            for technique in named:  # a range with several techniques: one line each
                middle = [techniques.get(technique).ptc_label] if technique else []
                lines.append("\t".join([analysis.document.id, *middle, str(span.start), str(span.end)]))
    return "".join(line + "\n" for line in lines)


def write_labels(analyses: Iterable[Analysis], path: str | Path, with_technique: bool = True) -> None:
    """Write a valid SemEval-2020 Task 11 submission file (TC or SI format)."""
    Path(path).write_text(format_labels(analyses, with_technique), encoding="utf-8")
