"""The contract every list reader fulfils: files in, entities and problems out (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sanctio.model import Entity, Problem

#: Stable source names (public contract, see DESIGN.md).
SOURCES: tuple[str, ...] = (
    "ofac-sdn",
    "ofac-cons",
    "un-sc",
    "uk-ofsi",
    "uk-fcdo",
    "eu-fsf",
    "au-dfat",
    "ca-sema",
    "ftm",
)


@dataclass(slots=True)
class ParsedList:
    """One list version as read from its file(s), before it is stored."""

    source: str
    format: str
    files: tuple[Path, ...]
    published: dt.date | None
    entities: list[Entity] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class Reader(Protocol):
    """Reads one native format.

    `sniff` looks at a file's name and first bytes and returns the source name it
    belongs to, or None. Companion files (OFAC `add.csv`, `alt.csv`, ...) are not
    sniffed as lists of their own: `companion` says so, and `read` finds them beside
    the main file. `read` raises `FormatError` for structural failures and records
    record-level problems in the result.
    """

    format: str

    def sniff(self, path: Path, head: bytes) -> str | None: ...

    def companion(self, path: Path) -> bool: ...

    def read(self, paths: Sequence[Path], source: str) -> ParsedList: ...


class ProblemLog:
    """Collects record-level problems for one file while a reader works through it."""

    def __init__(self, file: Path | str) -> None:
        self.file = str(file)
        self.problems: list[Problem] = []

    def add(self, location: str, field_name: str, value: object, message: str) -> None:
        self.problems.append(Problem(self.file, location, field_name, str(value), message))


class FileReader:
    """Base for readers whose list is one file with no companions: subclasses implement
    `sniff` and `read_file`; reading several files merges them into one version."""

    format: str = ""

    def companion(self, path: Path) -> bool:
        return False

    def read_file(
        self, path: Path, source: str, log: ProblemLog
    ) -> tuple[dt.date | None, list[Entity]]:
        raise NotImplementedError

    def read(self, paths: Sequence[Path], source: str) -> ParsedList:
        result = ParsedList(source, self.format, tuple(paths), None)
        for path in paths:
            log = ProblemLog(path)
            published, entities = self.read_file(path, source, log)
            if published is not None and (result.published is None or published > result.published):
                result.published = published
            result.entities.extend(entities)
            result.problems.extend(log.problems)
        return result
