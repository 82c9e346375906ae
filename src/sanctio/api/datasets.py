"""yente dataset names -> sanctio sources: `default` and `sanctions` are every loaded list."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sanctio.api.errors import ApiError
from sanctio.exceptions import InputError, NotReadyError
from sanctio.screening.derived import DERIVED
from sanctio.sources.base import SOURCES

COLLECTIONS: dict[str, str] = {
    "default": "Every loaded list",
    "sanctions": "Every loaded sanctions list",
}


def check_name(dataset: str) -> None:
    """404 for a name that is neither a collection nor a sanctio source."""
    if dataset not in COLLECTIONS and dataset not in SOURCES:
        known = ", ".join([*COLLECTIONS, *SOURCES])
        raise ApiError(
            404, "not_found", f"unknown dataset {dataset!r}; expected one of: {known}", "dataset"
        )


def _expand(name: str, loaded: Iterable[str], field: str) -> set[str]:
    if name in COLLECTIONS:
        # Collections take in the derived designations (ownership rules) over those lists.
        return {*loaded, DERIVED}
    if name in SOURCES:
        return {name}
    known = ", ".join([*COLLECTIONS, *SOURCES])
    raise InputError(field, f"unknown dataset {name!r}; expected one of: {known}")


def scope(
    dataset: str,
    loaded: Mapping[str, object],
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> frozenset[str]:
    """The sources to screen against; refuses (503) a named list that is not loaded."""
    check_name(dataset)
    if dataset in SOURCES and dataset not in loaded:
        # Fail closed: screening "against eu-fsf" with no eu-fsf loaded must not say "no hit".
        raise NotReadyError(f"no {dataset} list is loaded")
    sources = _expand(dataset, loaded, "dataset")
    included = [name for name in include if name]
    if included:
        wanted: set[str] = set()
        for name in included:
            wanted |= _expand(name, loaded, "include_dataset")
        missing = sorted(s for s in wanted if s not in loaded)
        if missing:
            raise NotReadyError(f"no {', '.join(missing)} list is loaded")
        sources &= wanted
    for name in exclude:
        if name:
            sources -= _expand(name, loaded, "exclude_dataset")
    if not sources:
        raise InputError("dataset", "no list left to screen against after include/exclude")
    return frozenset(sources)
