"""Import list files into the store: detect, read, then write every version in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sanctio.exceptions import InputError, ShrinkError
from sanctio.ingest.parsing import Parsed, Parser, worker_count
from sanctio.model import Problem
from sanctio.sources.registry import plan
from sanctio.store.sqlite import Store
from sanctio.store.versions import StoredFile, Version


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """One list version from an import: newly written, or already in the store."""

    version: Version
    created: bool
    problems: tuple[Problem, ...] = field(default=())


def fingerprint(source: str, files: Sequence[StoredFile]) -> str:
    """Same source and same file contents -> same fingerprint, wherever the files lie."""
    digest = hashlib.sha256(source.encode())
    for sha in sorted(f.sha256 for f in files):
        digest.update(sha.encode())
    return digest.hexdigest()


def publication_date(
    parsed: Parsed,
    option: dt.date | None,
    main: Path,
    served: Mapping[Path, dt.date] | None = None,
) -> tuple[dt.date, str]:
    """The file's own date, else --published, else the server's Last-Modified date for a
    fetched file, else a parent folder named YYYY-MM-DD."""
    if parsed.published is not None:
        return parsed.published, "file"
    if option is not None:
        return option, "option"
    if served and main.resolve() in served:
        return served[main.resolve()], "http"
    try:
        return dt.date.fromisoformat(main.parent.name), "folder"
    except ValueError:
        raise InputError(
            "published",
            f"{main}: the file carries no publication date and its folder is not named "
            "YYYY-MM-DD; pass --published YYYY-MM-DD",
        ) from None


Progress = Callable[[str], None]

#: Default share of the previous version's entities a new version may lose (SANCTIO_MAX_SHRINK).
MAX_SHRINK = 0.10


def check_shrink(
    store: Store, source: str, published: dt.date, count: int, main: Path, max_shrink: float
) -> None:
    """Hold a version that lost more than `max_shrink` of the entities of the version it
    follows (the newest of its source published on or before it)."""
    earlier = [v for v in store.versions(source) if v.published <= published]
    if not earlier:
        return
    previous = max(earlier, key=lambda v: (v.published, v.id))
    lost = previous.entity_count - count
    if previous.entity_count and lost > max_shrink * previous.entity_count:
        raise ShrinkError(
            str(main),
            "",
            f"{source} would shrink from {previous.entity_count} entities "
            f"({previous.label}) to {count}, losing {lost / previous.entity_count:.0%} "
            f"(more than the allowed {max_shrink:.0%}): held, nothing was loaded. "
            "A truncated or partial file looks like this; if the publisher really removed "
            "them, load again with --allow-shrink (API: allow_shrink=true)",
        )


def import_paths(
    store: Store,
    paths: Sequence[Path],
    *,
    source: str | None = None,
    published: dt.date | None = None,
    served: Mapping[Path, dt.date] | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    max_shrink: float = MAX_SHRINK,
    allow_shrink: bool = False,
) -> list[ImportOutcome]:
    """Read every list under `paths` and store one version per list, all or nothing.

    A structural error in any file aborts the whole import and leaves the store as it
    was; record-level problems are stored with their version and returned. Files are
    read in worker processes (see `parsing`) while this process writes the versions
    in file order, inside one transaction. `workers`: worker processes to use (0 reads
    in this process); None chooses from the CPUs and the number of files. A version
    losing more than `max_shrink` of its source's entities raises ShrinkError (nothing
    is written) unless `allow_shrink`.
    """
    jobs = plan(paths, source)
    outcomes: list[ImportOutcome] = []
    count = worker_count(len(jobs)) if workers is None else workers
    with Parser(jobs, count) as parser, store.transaction():
        for i, (_, _, main) in enumerate(jobs):
            if progress is not None:
                progress(f"reading {main}")
            parsed = parser.result(i)
            print_ = fingerprint(parsed.source, parsed.files)
            existing = store.find_fingerprint(print_)
            if existing is not None:
                outcomes.append(ImportOutcome(existing, created=False))
                continue
            day, how = publication_date(parsed, published, main, served)
            if not allow_shrink:
                check_shrink(store, parsed.source, day, len(parsed.entities), main, max_shrink)
            version = store.add_version(
                source=parsed.source,
                format=parsed.format,
                published=day,
                published_from=how,
                fingerprint=print_,
                files=parsed.files,
                entities=parsed.entities,
                problems=parsed.problems,
            )
            outcomes.append(ImportOutcome(version, True, tuple(parsed.problems)))
    return outcomes
