"""spinscope's exceptions.

Library code raises these; only the CLI and the web layer turn them into messages
and status codes. Every message says what went wrong and what to do about it.
"""

from __future__ import annotations


class SpinscopeError(Exception):
    """Base class of every error spinscope raises on purpose."""


class InputError(SpinscopeError):
    """The text, file, folder or URL given to spinscope cannot be used."""


class MissingInputError(InputError):
    """A file or folder that does not exist."""


class BinaryInputError(InputError):
    """A file that holds binary data rather than text."""


class EncodingError(InputError):
    """Bytes that cannot be decoded with the encoding that was tried."""


class EmptyTextError(InputError):
    """A document with no text (or only whitespace) to analyse."""


class InputTooLargeError(InputError):
    """A text longer than the configured limit."""


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


class ContractError(SpinscopeError):
    """A detector that breaks the contract of ``spinscope.detector.contract.check_detector``."""


class ConfigError(SpinscopeError):
    """An invalid setting (training configuration, detector options)."""


class SourceError(InputError):
    """A corpus source (JSONL, CSV, URL list) with a malformed row; the message names the line."""


class StoreError(SpinscopeError):
    """A corpus database that cannot be opened, is not spinscope's, or is from a newer version."""


class OutputError(SpinscopeError):
    """A place to write results (an export, a report) whose folder is missing or not writable."""
