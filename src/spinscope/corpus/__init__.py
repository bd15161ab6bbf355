"""The corpus: a SQLite store of articles and their analyses, and the commands that use it.

Each CLI command is a function of the same name here: ``add`` (read sources into the
store), ``analyze`` (run a detector over what it has not analysed, resumably, locally or
on Dask), ``export`` (tables as CSV, JSONL or Parquet), ``write_report`` (the HTML
report of ``corpus report``) and ``upgrade`` (bring an old store's schema up to date).
``Store`` is the one way into the database.
"""

from spinscope.corpus.batch import DEFAULT_BATCH_SIZE, AnalyzeResult, Progress, analyze
from spinscope.corpus.ingest import AddResult, add
from spinscope.corpus.report_html import write_report
from spinscope.corpus.store import Store, upgrade
from spinscope.corpus.tables import export

__all__ = ["DEFAULT_BATCH_SIZE", "AddResult", "AnalyzeResult", "Progress", "Store", "add", "analyze",
           "export", "upgrade", "write_report"]
