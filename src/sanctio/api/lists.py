"""sanctio's own list routes: versions, diffs, and (admin) loading a new version by upload."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import shutil
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile

from sanctio.api.auth import AdminKey, ScreenKey, api_state
from sanctio.api.errors import ApiError
from sanctio.api.schemas import ERRORS, UPLOAD_ERRORS
from sanctio.exceptions import InputError, NotFoundError, NotReadyError
from sanctio.ingest.importer import import_paths
from sanctio.sources.base import SOURCES
from sanctio.store.diff import default_pair, diff_versions
from sanctio.store.versions import Version

router = APIRouter(tags=["Lists"])

Source = Annotated[str, Path(max_length=40, description="A sanctio source name, e.g. ofac-sdn")]
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def public(version: Version) -> dict[str, Any]:
    """A version as clients see it: its files by name, size and hash, never a server path."""
    data = version.to_dict()
    data["files"] = [
        {"name": FilePath(f.path).name, "sha256": f.sha256, "size": f.size} for f in version.files
    ]
    return data


def check_source(source: str) -> None:
    if source not in SOURCES:
        raise ApiError(
            404,
            "not_found",
            f"unknown source {source!r}; expected one of: {', '.join(SOURCES)}",
            "source",
        )


@router.get("/lists", responses=ERRORS, summary="Versions in force and every loaded version")
def lists(request: Request, _key: ScreenKey) -> dict[str, Any]:
    state = api_state(request)
    with state.open_store() as store:
        versions = store.versions()
        in_force = store.in_force()
    return {
        "in_force": {s: public(v) for s, v in sorted(in_force.items())},
        "versions": [public(v) for v in versions],
    }


@router.get("/lists/{source}", responses=ERRORS, summary="The loaded versions of one list")
def versions(request: Request, source: Source, _key: ScreenKey) -> dict[str, Any]:
    check_source(source)
    state = api_state(request)
    with state.open_store() as store:
        found = store.versions(source)
    if not found:
        raise NotFoundError(f"no {source} version is loaded")
    return {"source": source, "versions": [public(v) for v in found]}


@router.get("/lists/{source}/diff", responses=ERRORS, summary="What changed between two versions")
def diff(
    request: Request,
    source: Source,
    _key: ScreenKey,
    old: Annotated[str | None, Query(max_length=60, description="id or YYYY-MM-DD")] = None,
    new: Annotated[str | None, Query(max_length=60, description="id or YYYY-MM-DD")] = None,
) -> dict[str, Any]:
    """Entities added, removed and changed; the two latest versions unless named."""
    check_source(source)
    state = api_state(request)
    with state.open_store() as store:
        if old is None and new is None:
            v1, v2 = default_pair(store, source)
        elif old is None or new is None:
            raise InputError("old" if old is None else "new", "name both versions or neither")
        else:
            v1, v2 = store.resolve(old, source), store.resolve(new, source)
        return diff_versions(store, v1, v2).to_dict()


def _safe_name(name: str | None, index: int) -> str:
    base = _UNSAFE.sub("_", FilePath(name or "").name).strip("._")
    return base or f"upload-{index}"


@router.post(
    "/lists/{source}",
    responses=UPLOAD_ERRORS,
    status_code=201,
    summary="Load a new list version from uploaded files (admin)",
)
def upload(
    request: Request,
    response: Response,
    source: Source,
    _key: AdminKey,
    files: Annotated[list[UploadFile], File(description="The list file(s), as published")],
    published: Annotated[
        str | None, Form(max_length=10, description="YYYY-MM-DD when the file has no date")
    ] = None,
    allow_shrink: Annotated[
        bool,
        Form(
            description="Load even if the version lost more than SANCTIO_MAX_SHRINK "
            "(default 10%) of the previous version's entities (else 422 `shrink_held`)"
        ),
    ] = False,
) -> dict[str, Any]:
    """Import the files as one version, then swap the served index to it."""
    check_source(source)
    state = api_state(request)
    day: dt.date | None = None
    if published:
        try:
            day = dt.date.fromisoformat(published)
        except ValueError:
            raise InputError(
                "published", f"{published!r} is not a date; expected YYYY-MM-DD"
            ) from None
    if not files:
        raise InputError("files", "no file uploaded")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    uploads = state.config.uploads(state.settings.db_path)
    folder = uploads / source / f"{stamp}-{secrets.token_hex(3)}"
    folder.mkdir(parents=True, exist_ok=False)
    try:
        for i, upload_file in enumerate(files):
            with (folder / _safe_name(upload_file.filename, i)).open("wb") as out:
                shutil.copyfileobj(upload_file.file, out, 1 << 20)
        with state.open_store(create=True) as store:
            outcomes = import_paths(
                store,
                [folder],
                source=source,
                published=day,
                max_shrink=state.settings.max_shrink,
                allow_shrink=allow_shrink,
            )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if not any(o.created for o in outcomes):
        shutil.rmtree(folder, ignore_errors=True)  # the store keeps the earlier copy's paths
        response.status_code = 200
    state.warm()
    try:
        serving = state.snapshot().describe()
    except NotReadyError as exc:
        serving = {"not_ready": str(exc)}
    return {
        "loaded": [
            {
                "created": o.created,
                **public(o.version),
                "problems": [p.to_dict() for p in o.problems[:100]],
            }
            for o in outcomes
        ],
        "serving": serving,
    }
