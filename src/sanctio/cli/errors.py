"""One table from error class to exit code; every command reports errors the same way."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from sanctio.exceptions import (
    ConflictError,
    FetchError,
    FormatError,
    InputError,
    NotFoundError,
    NotReadyError,
    SanctioError,
    StoreError,
)

#: Most specific class first. 2 is also what Typer uses for usage errors.
EXIT_CODES: tuple[tuple[type[SanctioError], int], ...] = (
    (InputError, 2),
    (ConflictError, 2),
    (FormatError, 3),
    (NotFoundError, 4),
    (StoreError, 5),
    (FetchError, 6),
    (NotReadyError, 7),
    (SanctioError, 1),
)


def exit_code(error: SanctioError) -> int:
    for cls, code in EXIT_CODES:
        if isinstance(error, cls):
            return code
    return 1


@contextmanager
def reported() -> Iterator[None]:
    """Turn a SanctioError into a one-line message on stderr and its exit code."""
    try:
        yield
    except SanctioError as exc:
        Console(stderr=True).print(
            f"[bold red]error:[/] {exc}", highlight=False, markup=True, soft_wrap=True
        )
        raise typer.Exit(exit_code(exc)) from None
