"""Load an ownership file as a new ownership version: read, check, write in one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
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
    store: Store, paths: Path | Sequence[Path], *, fmt: str | None = None, strict: bool = False
) -> OwnershipLoad:
    """One new version from the files (read together: parties merged by key), unless they
    are exactly the version in use already.

    Bad rows are left out and reported; with `strict`, any problem refuses the load.
    """
    files = [paths] if isinstance(paths, Path) else list(paths)
    if not files:
        raise InputError("file", "no ownership file given")
    for path in files:
        if not path.is_file():
            raise InputError("file", f"{path}: no such file")
    owned = OwnershipStore(store)
    digest = hashlib.sha256()
    for sha in sorted(_sha256(p) for p in files):
        digest.update(sha.encode())
    sha = digest.hexdigest()
    latest = owned.latest()
    if latest is not None and latest.sha256 == sha:
        return OwnershipLoad(latest, False, tuple(owned.problems(latest.id)))
    kinds = [fmt or detect(p) for p in files]
    for kind in kinds:
        if kind not in ("ftm", "csv"):
            raise InputError("format", f"{kind!r}: expected ftm or csv")
    try:
        rows = [
            row for path, kind in zip(files, kinds, strict=True) for row in read_rows(path, kind)
        ]
        data, problems = build(rows, owned.known_entity)
    except FormatError as exc:  # an ownership file is user input: exit 2, not 3
        raise InputError("file", str(exc)) from None
    except UnicodeDecodeError as exc:
        raise InputError("file", f"not UTF-8 text ({exc.reason})") from None
    if strict and problems:
        raise InputError(
            "file",
            f"{len(problems)} problem(s), nothing loaded (--strict); first: {problems[0]}",
        )
    version = owned.add(
        fmt="+".join(sorted(set(kinds))),
        path="; ".join(str(p) for p in files),
        sha256=sha,
        data=data,
        problems=problems,
    )
    return OwnershipLoad(version, True, tuple(problems))
