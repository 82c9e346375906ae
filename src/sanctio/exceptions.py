"""Errors raised by sanctio.

Every error derives from one root so adapters (CLI, API) can map them to exit codes
and HTTP statuses in one table each; no HTTP or exit codes live here::

    SanctioError
    ├── InputError              bad user input (query fields, options, dates)
    │   └── BudgetError         a request asks for more work than one request may
    ├── FormatError             a list file is not in the expected format
    │   ├── UnknownFormatError  no reader recognises the file
    │   └── ShrinkError         a new version lost too many entities: held for confirmation
    ├── StoreError              the store is missing, locked or inconsistent
    │   ├── StoreMissingError   no store there yet (no file, no sanctio tables on the server)
    │   └── NotFoundError       a version or entity id does not exist
    ├── FetchError              downloading an official list failed
    ├── NotReadyError           screening refused: lists missing, stale or loading
    └── ConflictError           a change refused: the record was closed or changed meanwhile
"""

from __future__ import annotations


class SanctioError(Exception):
    """Root of every error sanctio raises on purpose."""


class InputError(SanctioError):
    """A user-supplied value is invalid; names the field and what was expected."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class BudgetError(InputError):
    """A request asks for more matching work than one request may (screening.budget)."""


class FormatError(SanctioError):
    """A list file does not have the structure its format requires."""

    def __init__(self, path: str, location: str, message: str) -> None:
        where = f"{path}: {location}" if location else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.location = location
        self.message = message


class UnknownFormatError(FormatError):
    """No reader recognises the file's name or content."""


class ShrinkError(FormatError):
    """A new version has lost more than the allowed share of its source's entities.

    Held rather than loaded: a cut-off or partial export looks like a valid, smaller list.
    The operator confirms a real shrink with `--allow-shrink`.
    """


class StoreError(SanctioError):
    """The store cannot be opened, read or written as asked."""


class StoreMissingError(StoreError):
    """No store exists at the place named (nothing loaded yet), as opposed to one failing."""


class NotFoundError(StoreError):
    """A requested version, source or entity is not in the store."""


class FetchError(SanctioError):
    """Downloading an official list failed (offline, HTTP error, bad checksum)."""


class NotReadyError(SanctioError):
    """Screening is refused because lists are missing, stale or still loading."""


class ConflictError(SanctioError):
    """A change is refused because its target is closed or was changed by someone else."""
