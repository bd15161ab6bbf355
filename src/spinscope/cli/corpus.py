"""``spinscope corpus``: add articles to a corpus store, analyse them, export, report."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from spinscope import corpus as corpus_lib
from spinscope.cli.app import app, console, errors
from spinscope.cli.messages import describe
from spinscope.io.corpus_sources import KINDS, SourceOptions
from spinscope.io.output import check_output
from spinscope.io.records import Columns
from spinscope.io.text import MAX_CHARS
from spinscope.corpus.store import Store
from spinscope.errors import SourceError, InputTooLargeError

corpus_app = typer.Typer(name="corpus", no_args_is_help=True,
                         help="Analyse whole corpora: add articles to a store, analyse, export, report.")
app.add_typer(corpus_app, name="corpus")


class RateColumn(ProgressColumn):
    """Documents per second, as rich measures it."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "– docs/s", style="cyan")


@corpus_app.command("add")
def add(
    database: Path = typer.Argument(..., help="The corpus store (created if missing)."),
    sources: list[str] = typer.Argument(..., help="PTC folder, folder of .txt, .txt, .jsonl, .csv, or a URL list."),
    kind: str = typer.Option("auto", help=f"Source kind: {', '.join(KINDS)}."),
    text_column: str = typer.Option("text", help="JSONL/CSV field holding the article text."),
    title_column: str = typer.Option("title", help="JSONL/CSV field holding the title."),
    url_column: str = typer.Option("url", help="JSONL/CSV field holding the URL."),
    outlet_column: str = typer.Option("outlet", help="JSONL/CSV field holding the outlet."),
    published_column: str = typer.Option("published", help="JSONL/CSV field holding the date (ISO)."),
    outlet: Optional[str] = typer.Option(None, help="Outlet for articles whose source names none."),
    encoding: str = typer.Option("utf-8", help="Encoding of text files and tables."),
    timeout: float = typer.Option(15.0, help="Seconds to wait for each URL."),
    allow_private_urls: bool = typer.Option(False, "--allow-private-urls",
                                            help="Fetch listed URLs on loopback and private networks "
                                                 "(an intranet); refused by default."),
    max_chars: int = typer.Option(MAX_CHARS, "--max-chars", min=1, help="Refuse texts longer than this."),
    skip_bad: bool = typer.Option(False, "--skip-bad",
                                  help="Skip (and list) bad rows and too-long texts, and store the rest; "
                                       "by default one bad row stores nothing."),
) -> None:
    """Add articles, all or none; an article already in the store (same text) is skipped."""
    columns = Columns(text_column, title_column, url_column, outlet_column, published_column)
    options = SourceOptions(kind=kind, columns=columns, outlet=outlet, encoding=encoding, timeout=timeout,
                            allow_private_urls=allow_private_urls, max_chars=max_chars, skip_bad=skip_bad)
    with Store(database, "create") as store:
        try:
            result = corpus_lib.add(store, sources, options)
        except (SourceError, InputTooLargeError) as error:
            raise type(error)(f"{error}; nothing was added (--skip-bad adds the other rows)") from None
        total = store.count_documents()
    for failure in result.failures:
        message = describe(failure.error) if failure.error is not None else f"{failure.origin}: {failure.message}"
        errors.print(f"[yellow]skipped[/] {escape(message)}", highlight=False)
    console.print(f"read {result.read}, added {result.added} new, "
                  f"{result.read - result.added - len(result.failures)} already stored; "
                  f"{total} documents in {database}", highlight=False)


def _progress_bar() -> Progress:
    return Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console.real())


@corpus_app.command("analyze")
def analyze(
    database: Path = typer.Argument(..., help="The corpus store."),
    detector: Optional[str] = typer.Option(None, help=(
        "auto (default: the detector for each text's language), a shipped detector name, a model folder, "
        "or module:factory.")),
    batch_size: int = typer.Option(corpus_lib.DEFAULT_BATCH_SIZE, help="Documents per committed batch."),
    workers: int = typer.Option(1, help="Worker processes (more than 1 starts a local Dask cluster)."),
    dask: Optional[str] = typer.Option(None, help="'local' or a Dask scheduler address, e.g. tcp://host:8786."),
) -> None:
    """Analyse every document not yet analysed by this detector; safe to stop and rerun."""
    with Store(database, "write") as store, _progress_bar() as bar:
        task = bar.add_task("analyse", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, total=total, advance=done)

        result = corpus_lib.analyze(store, detector, batch_size, dask, workers, progress)
    console.print(f"{result.analysed} documents analysed by {result.detector.name} "
                  f"{result.detector.version} in {result.seconds:.1f} s; {result.failed} failed",
                  highlight=False)


@corpus_app.command("export")
def export(
    database: Path = typer.Argument(..., help="The corpus store."),
    format: str = typer.Option("csv", help="csv, parquet or jsonl."),
    table: str = typer.Option("spans", help="spans, quotes, analyses or documents."),
    out: Optional[str] = typer.Option(None, help="Output file ('-' for standard output); default beside DB."),
) -> None:
    """Export spans (with their voice and speaker), quotes, analyses or documents as a flat table."""
    from spinscope.corpus.tables import default_path, export as export_table

    target = out or str(default_path(database, table, format))
    check_output(target)
    with Store(database, "read") as store:
        count = export_table(store, format, target, table)
    if target != "-":
        console.print(f"{count} rows written to {target}", highlight=False)


@corpus_app.command("report")
def report(
    database: Path = typer.Argument(..., help="The corpus store."),
    out: Path = typer.Option(Path("report.html"), help="The HTML file to write."),
    detector: Optional[str] = typer.Option(None, help="Report this detector's analyses (default: the most used)."),
) -> None:
    """Write a self-contained HTML report: outlets, voices and speakers, months, techniques, density."""
    from spinscope.corpus import write_report

    check_output(out)
    with Store(database, "read") as store:
        write_report(store, out, detector)
    console.print(f"report written to {out}", highlight=False)


@corpus_app.command("info")
def info(database: Path = typer.Argument(..., help="The corpus store.")) -> None:
    """How many documents the store holds, and what each detector has analysed (and failed on)."""
    from rich.table import Table

    with Store(database, "read") as store:
        documents, runs = store.count_documents(), store.detectors()
        table = Table("detector", "version", "analysed", "failed", "pending")
        for run in runs:
            table.add_row(run.detector.name, run.detector.version, str(run.ok + run.errors), str(run.errors),
                          str(store.count_pending(run.detector)))
    console.print(f"{documents} documents in {database}", highlight=False)
    if runs:
        console.print(table)


@corpus_app.command("upgrade")
def upgrade(database: Path = typer.Argument(..., help="The corpus store.")) -> None:
    """Bring a store written by an older spinscope up to this one's schema (read-only commands need it)."""
    version = corpus_lib.upgrade(database)
    console.print(f"{database} is at schema version {version}", highlight=False)
