"""How the command line phrases spinscope's errors: the library's message, then the remedy
in terms of this command line's options (the library's errors carry the data, not the advice)."""

from __future__ import annotations

from spinscope.errors import (EncodingError, InputTooLargeError, ModelNotInstalledError, OutputError,
                              SourceError, SpinscopeError, UnsupportedLanguageError)


def remedy(error: BaseException) -> str | None:
    """What to do about an error, in terms of CLI options, or None when the message says enough."""
    if isinstance(error, InputTooLargeError):
        return "split it or raise the limit (--max-chars)"
    if isinstance(error, EncodingError) and error.position is not None:
        return "give the right encoding with --encoding, e.g. --encoding cp1252"
    if isinstance(error, SourceError) and error.column is not None:
        return "name the text column with --text-column"
    if isinstance(error, SourceError) and "not utf" in str(error).lower():
        return "give the file's encoding with --encoding"
    if isinstance(error, UnsupportedLanguageError):
        return "to analyse it anyway, untested, name a detector with --detector (e.g. --detector multilingual)"
    if isinstance(error, ModelNotInstalledError):
        return "install a spinscope that ships it, or name another detector with --detector"
    if isinstance(error, OutputError):
        return "give --out a file in a folder that exists"
    return None


def one_line(text: str) -> str:
    """A message on one line (a file name or a quoted value may hold a newline)."""
    return " ".join(text.split())


def describe(error: SpinscopeError) -> str:
    """The one-line message the CLI prints for a library error."""
    advice = remedy(error)
    message = str(error)
    return one_line(f"{message}; {advice}" if advice and advice not in message else message)
