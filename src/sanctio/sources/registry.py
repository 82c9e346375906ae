"""Which reader handles which file: detection by name and content, then reading."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from sanctio.exceptions import FormatError, UnknownFormatError
from sanctio.runtime import memo
from sanctio.sources.base import SOURCES, ParsedList, Reader

#: Modules that each export one `READER`; order is the order of sniffing.
READER_MODULES: tuple[str, ...] = (
    "sanctio.sources.ofac.csv_reader",
    "sanctio.sources.ofac.enhanced_xml",
    "sanctio.sources.un.reader",
    "sanctio.sources.uk.ofsi_csv",
    "sanctio.sources.uk.ofsi_xlsx",
    "sanctio.sources.uk.fcdo",
    "sanctio.sources.uk.fcdo_csv",
    "sanctio.sources.eu.reader",
    "sanctio.sources.au.reader",
    "sanctio.sources.ca.reader",
    "sanctio.sources.ftm.reader",
)

_HEAD = 4096
_SKIP_NAMES = {"SOURCES.md", "README.md", ".DS_Store"}


@memo(None)
def readers() -> tuple[Reader, ...]:
    return tuple(importlib.import_module(name).READER for name in READER_MODULES)


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, plus every file below each folder named, in a stable order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.name not in _SKIP_NAMES and not p.name.startswith(".")
            )
        elif path.is_file():
            out.append(path)
        else:
            raise FormatError(str(path), "", "no such file or folder")
    return out


def detect(path: Path, source: str | None = None) -> tuple[Reader, str] | None:
    """The reader and source name for a main list file; None for a companion file."""
    if source is not None and source not in SOURCES:
        raise UnknownFormatError(
            str(path), "", f"unknown source {source!r}; expected one of " + ", ".join(SOURCES)
        )
    with path.open("rb") as fh:
        head = fh.read(_HEAD)
    if not head.strip():
        raise FormatError(str(path), "", "file is empty; expected an official list file")
    for reader in readers():
        found = reader.sniff(path, head)
        if found is not None:
            return reader, (source or found)
    if any(reader.companion(path) for reader in readers()):
        return None
    raise UnknownFormatError(
        str(path),
        "",
        "format not recognised; expected one of the official list formats "
        "(OFAC CSV/enhanced XML, UN XML, UK OFSI CSV/xlsx, UK FCDO XML, EU FSF XML, "
        "DFAT xlsx, SEMA XML, FtM JSON lines), or pass --source",
    )


def plan(paths: Sequence[Path], source: str | None = None) -> list[tuple[Reader, str, Path]]:
    """Detect every main file under `paths`; companions are read with their main file."""
    files = expand(paths)
    if not files:
        raise FormatError(", ".join(str(p) for p in paths), "", "no files found")
    jobs: list[tuple[Reader, str, Path]] = []
    companions: list[Path] = []
    for path in files:
        found = detect(path, source)
        if found is None:
            companions.append(path)
        else:
            jobs.append((found[0], found[1], path))
    main_dirs = {p.parent for _, _, p in jobs}
    orphans = [p for p in companions if p.parent not in main_dirs]
    if orphans:
        raise FormatError(
            str(orphans[0]),
            "",
            "companion file without its main list file beside it "
            "(load the folder, or the main file such as sdn.csv / cons_prim.csv)",
        )
    return jobs


def read_all(paths: Sequence[Path], source: str | None = None) -> list[ParsedList]:
    """Read every list found under `paths` (pure apart from reading the files)."""
    return [reader.read([path], name) for reader, name, path in plan(paths, source)]
