"""The folder rules of the input layer: which files in a folder are articles, when a folder
is a PTC folder, and what id a document gets.

* **Article files**: every file under the folder, at any depth, whose suffix is a text
  (``.txt``, ``.text``, ``.md``) or HTML (``.html``, ``.htm``) suffix, in order of their
  path relative to the folder. Skipped: hidden files and anything in a hidden folder (a
  name starting with ``.``), and README*, LICENSE*, LICENCE* and COPYING* files, which
  describe a folder rather than belong to it. Symbolic links to folders are not followed.
* **PTC folder**: a folder whose article files are all named ``article<digits>.txt`` and
  all lie directly in one folder, either the folder itself or its ``articles/``
  subfolder (label files such as ``tc.labels`` beside it are not article files). One
  other article file anywhere makes it an ordinary folder, read in full: nothing is
  skipped for looking almost like PTC.
* **Document id**: a PTC article's id is the id in its file name (the SemEval label and
  submission files refer to articles by it); every other document's id is the hash of
  its text (``spinscope.document.content_id``), whether it came from a file, a row, a URL,
  stdin or the web, so re-reading it gives the same id and a corpus skips it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from spinscope.document import content_id
from spinscope.io.text import TEXT_SUFFIXES

HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
NOT_ARTICLES = ("readme", "license", "licence", "copying")
PTC_ARTICLE = re.compile(r"^article(?P<id>\d+)\.txt$")


def is_article_file(name: str) -> bool:
    """True for a file name the article-file rule admits (suffix, not hidden, not a README)."""
    lowered = name.lower()
    return (not name.startswith(".") and lowered.endswith(ARTICLE_SUFFIXES)
            and not lowered.startswith(NOT_ARTICLES))


def article_files(folder: Path) -> list[Path]:
    """Every article file under ``folder`` (see the module docstring), in relative-path order."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, name) for name in files if is_article_file(name) and Path(root, name).is_file())
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def ptc_articles_folder(folder: Path) -> Path | None:
    """The folder holding a PTC folder's articles, or None when ``folder`` is not a PTC folder."""
    files = article_files(folder)
    if not files:
        return None
    parents = {path.parent for path in files}
    if len(parents) != 1 or not all(PTC_ARTICLE.match(path.name) for path in files):
        return None
    (parent,) = parents
    return parent if parent in (folder, folder / "articles") else None


def is_ptc_folder(folder: Path) -> bool:
    """True when ``folder`` really is a PTC folder (see the module docstring)."""
    return folder.is_dir() and ptc_articles_folder(folder) is not None


def ptc_article_id(path: Path) -> str | None:
    """The article id in a PTC file name (``article123.txt`` → ``123``), or None."""
    match = PTC_ARTICLE.match(path.name)
    return match["id"] if match else None


def document_id(text: str, ptc_article: Path | None = None) -> str:
    """The one id rule: a PTC article (pass its path) keeps its article id; anything else is its text's hash."""
    article_id = ptc_article_id(ptc_article) if ptc_article is not None else None
    return article_id if article_id is not None else content_id(text)
