"""The one PTC-folder writer: ``articles/article<ID>.txt`` and, where given, ``tc.labels``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path


def write_ptc(folder: Path, articles: Mapping[str, str | bytes], labels: Iterable[str] | None = None) -> Path:
    """A PTC folder at ``folder``: one article per id, written byte for byte (text as UTF-8 with no
    newline translation, so a BOM and CRLF keep their offsets; bytes as given, to write a bad file),
    and ``tc.labels`` holding ``labels`` (lines without their newline; no file where None)."""
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    for article_id, text in articles.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (folder / "articles" / f"article{article_id}.txt").write_bytes(data)
    if labels is not None:
        (folder / "tc.labels").write_text("".join(line + "\n" for line in labels), encoding="utf-8")
    return folder


def phrase_labels(articles: Mapping[str, str], labels: Iterable[tuple[str, str, str]]) -> list[str]:
    """tc.labels lines for (article id, PTC label, phrase) triples: each phrase's first occurrence."""
    lines = []
    for article_id, label, phrase in labels:
        start = articles[article_id].index(phrase)
        lines.append(f"{article_id}\t{label}\t{start}\t{start + len(phrase)}")
    return lines
