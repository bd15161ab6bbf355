"""spinscope's exceptions.

Library code raises these; only the CLI and the web layer turn them into messages
and status codes. A message says what went wrong and where; the facts a remedy needs
(the path, the limit, the size, the encoding, the line) are attributes, and the CLI
(``--max-chars``, ``--encoding``) and the web (its own settings) phrase the remedy.
"""

from __future__ import annotations


class SpinscopeError(Exception):
    """Base class of every error spinscope raises on purpose."""


class InputError(SpinscopeError):
    """The text, file, folder or URL given to spinscope cannot be used; ``source`` names it."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source


class MissingInputError(InputError):
    """A file or folder that does not exist."""


class BinaryInputError(InputError):
    """A file that holds binary data rather than text."""


class EncodingError(InputError):
    """Bytes that cannot be decoded with ``encoding``; ``position`` is the first bad byte (None
    when the encoding itself is unknown)."""

    def __init__(self, message: str, *, source: str | None = None, encoding: str | None = None,
                 position: int | None = None) -> None:
        super().__init__(message, source=source)
        self.encoding, self.position = encoding, position


class EmptyTextError(InputError):
    """A document with no text (or only whitespace) to analyse."""


class InputTooLargeError(InputError):
    """A text longer than the configured limit: ``size`` and ``limit`` in ``unit`` ("characters",
    or "bytes" for a file or stream refused before it was decoded; ``limit`` is then still the
    character limit that allowed ``4 * limit`` bytes)."""

    def __init__(self, message: str, *, source: str | None = None, size: int | None = None,
                 limit: int | None = None, unit: str = "characters") -> None:
        super().__init__(message, source=source)
        self.size, self.limit, self.unit = size, limit, unit


class UrlError(InputError):
    """A URL that cannot be fetched (bad scheme, unreachable, HTTP error)."""


class PrivateAddressError(UrlError):
    """A URL whose host is, or resolves to, an address that is not globally routable
    (loopback, private, link-local, cloud metadata, shared, multicast, ...), refused
    unless private addresses were allowed explicitly."""


class DeadlineError(SpinscopeError):
    """Work (a fetch, an HTML extraction, a request) that ran past its deadline and was stopped."""


class NoArticleTextError(InputError):
    """An HTML page from which no article text could be extracted."""


class LabelFileError(SpinscopeError):
    """A malformed line in a PTC label or submission file."""


class UnknownTechniqueError(SpinscopeError):
    """A technique name or id that is not in the catalogue."""


class SpanError(SpinscopeError):
    """A span whose offsets do not fit the text it belongs to."""


class ModelError(SpinscopeError):
    """A model folder that is missing, incomplete or of an unknown format."""


class ModelNotInstalledError(ModelError):
    """A shipped detector that the automatic choice needs (``name``) but this installation lacks."""

    def __init__(self, message: str, *, name: str) -> None:
        super().__init__(message)
        self.name = name


class UnsupportedLanguageError(SpinscopeError):
    """A text in a language that spinscope does not analyse; ``language`` is its ISO 639-1 code."""

    def __init__(self, message: str, *, language: str) -> None:
        super().__init__(message)
        self.language = language


class ContractError(SpinscopeError):
    """A detector that breaks the contract of ``spinscope.detector.contract.check_detector``."""


class ConfigError(SpinscopeError):
    """An invalid setting (training configuration, detector options)."""


class SourceError(InputError):
    """A corpus source (JSONL, CSV, URL list) with a malformed row; the message names the line.
    ``line`` is that line; ``column`` the text column that was looked for, when it is missing."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 column: str | None = None) -> None:
        super().__init__(message, source=source)
        self.line, self.column = line, column


class OutputError(SpinscopeError):
    """A file that cannot be written where it was asked for (``path``): no such folder, a folder."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class StoreError(SpinscopeError):
    """A corpus database that cannot be opened, is not spinscope's, or is from a newer version."""
