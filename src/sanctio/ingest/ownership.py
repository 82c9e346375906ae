"""Load an ownership file as a new ownership version: read, check, write in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sanctio.exceptions import FormatError, InputError
from sanctio.model import Problem
from sanctio.model.ownership import OwnershipVersion
from sanctio.ownership.reading import build, detect, read_rows
from sanctio.store.ownership import OwnershipStore
from sanctio.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class OwnershipLoad:
    version: OwnershipVersion
    created: bool
    problems: tuple[Problem, ...]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_ownership(
    store: Store, path: Path, *, fmt: str | None = None, strict: bool = False
) -> OwnershipLoad:
    """A new version from `path` (the existing one when the same file was loaded before).

    Bad rows are left out and reported; with `strict`, any problem refuses the load.
    """
    if not path.is_file():
        raise InputError("file", f"{path}: no such file")
    owned = OwnershipStore(store)
    sha = _sha256(path)
    existing = owned.find(sha)
    if existing is not None:
        return OwnershipLoad(existing, False, tuple(owned.problems(existing.id)))
    kind = fmt or detect(path)
    if kind not in ("ftm", "csv"):
        raise InputError("format", f"{kind!r}: expected ftm or csv")
    try:
        data, problems = build(read_rows(path, kind), owned.known_entity)
    except FormatError as exc:  # an ownership file is user input: exit 2, not 3
        raise InputError("file", str(exc)) from None
    except UnicodeDecodeError as exc:
        raise InputError("file", f"{path}: not UTF-8 text ({exc.reason})") from None
    if strict and problems:
        raise InputError(
            "file",
            f"{len(problems)} problem(s), nothing loaded (--strict); first: {problems[0]}",
        )
    version = owned.add(fmt=kind, path=str(path), sha256=sha, data=data, problems=problems)
    return OwnershipLoad(version, True, tuple(problems))
