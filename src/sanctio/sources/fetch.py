"""Downloads the official list files: the only module in sanctio that uses the network.

The `sanctio lists fetch` command wraps::

    fetch(sources: Iterable[str] | None, dest_dir: Path, *,
          base_url_override: Mapping[str, str] | None = None,  # None: $SANCTIO_FETCH_MIRROR
          timeout: float = 60.0, retries: int = 3, backoff: float = 1.0,
          client: httpx.Client | None = None, today: dt.date | None = None,
          ) -> list[FetchResult]

`sources=None` fetches every source in `OFFICIAL`. Files land in
`dest_dir/<source>/<YYYY-MM-DD of download>/<file name>`, a layout `sanctio lists load`
reads by folder. A source is fetched as a unit: its files are staged as hidden temp files
and renamed into place only when all of them arrived, so a failure leaves no partial file
and never half a set (OFAC sdn.csv without alt.csv). When some files of a set changed and
others did not, the unchanged ones are copied beside the new ones so the folder is complete.
Conditional GET (ETag / Last-Modified, kept in `dest_dir/<source>/.<file name>.fetch.json`)
and identical content both give `not-modified`: the existing file is kept, nothing new is
written. `base_url_override` maps a source to a base URL (`<base>/<file name>`), or `"*"` to
a mirror root (`<root>/<source>/<file name>`), e.g. `SANCTIO_FETCH_MIRROR=http://host:8765/`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx

from sanctio import __version__
from sanctio.exceptions import FetchError, InputError


@dataclass(frozen=True, slots=True)
class Download:
    """One official file: where it is published and the name it is saved under."""

    url: str
    name: str


_OFAC = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"

#: Official download locations (research/formats.md sections 1.1, 2.1, 3.1, 4.1, 5.1, 6.1).
#: uk-ofsi is absent: the OFSI Consolidated List closed on 28 January 2026 (use uk-fcdo).
OFFICIAL: dict[str, list[Download]] = {
    "ofac-sdn": [
        Download(_OFAC + "SDN.CSV", "sdn.csv"),
        Download(_OFAC + "ADD.CSV", "add.csv"),
        Download(_OFAC + "ALT.CSV", "alt.csv"),
        Download(_OFAC + "SDN_COMMENTS.CSV", "sdn_comments.csv"),
    ],
    "ofac-cons": [
        Download(_OFAC + "CONS_PRIM.CSV", "cons_prim.csv"),
        Download(_OFAC + "CONS_ADD.CSV", "cons_add.csv"),
        Download(_OFAC + "CONS_ALT.CSV", "cons_alt.csv"),
        Download(_OFAC + "CONS_COMMENTS.CSV", "cons_comments.csv"),
    ],
    "un-sc": [
        Download("https://scsanctions.un.org/resources/xml/en/consolidated.xml", "consolidated.xml")
    ],
    "uk-fcdo": [
        Download(
            "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml", "UK-Sanctions-List.xml"
        )
    ],
    "eu-fsf": [
        Download(
            "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
            "?token=dG9rZW4tMjAxNw",  # a fixed public token (base64 "token-2017"), not a secret
            "xmlFullSanctionsList_1_1.xml",
        )
    ],
    "au-dfat": [
        Download(
            "https://www.dfat.gov.au/sites/default/files/Australian_Sanctions_Consolidated_List.xlsx",
            "Australian_Sanctions_Consolidated_List.xlsx",
        )
    ],
    "ca-sema": [
        Download(
            "https://www.international.gc.ca/world-monde/assets/office_docs/"
            "international_relations-relations_internationales/sanctions/sema-lmes.xml",
            "sema-lmes.xml",
        )
    ],
}

MIRROR_ENV = "SANCTIO_FETCH_MIRROR"
_CHUNK = 1 << 16
_OFFLINE_HINT = "offline? use `sanctio lists load` with a local folder (SANCTIO_LISTS_DIR)"


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One file after a fetch; `last_modified` stands in for a publication date the file lacks."""

    source: str
    url: str
    path: Path
    status: Literal["downloaded", "not-modified"]
    sha256: str
    size: int
    last_modified: dt.datetime | None


@dataclass(slots=True)
class _Staged:
    """A file fetched into a temp file (or answered 304) but not yet in place."""

    download: Download
    url: str
    temp: Path | None
    sha256: str
    size: int
    headers: dict[str, str]
    previous: dict[str, Any] | None


def overrides_from_env(env: Mapping[str, str]) -> dict[str, str]:
    """`SANCTIO_FETCH_MIRROR=<root>` -> `{"*": root}`; empty when unset."""
    mirror = env.get(MIRROR_ENV, "").strip()
    return {"*": mirror} if mirror else {}


def url_for(source: str, download: Download, overrides: Mapping[str, str]) -> str:
    """The URL to fetch a file from, after source or mirror overrides."""
    if source in overrides:
        return overrides[source].rstrip("/") + "/" + download.name
    if "*" in overrides:
        return f"{overrides['*'].rstrip('/')}/{source}/{download.name}"
    return download.url


def fetch(
    sources: Iterable[str] | None,
    dest_dir: Path,
    *,
    base_url_override: Mapping[str, str] | None = None,
    timeout: float = 60.0,
    retries: int = 3,
    backoff: float = 1.0,
    client: httpx.Client | None = None,
    today: dt.date | None = None,
) -> list[FetchResult]:
    """Download the official files of `sources` (all when None) into `dest_dir`."""
    names = list(OFFICIAL) if sources is None else list(sources)
    for name in names:
        if name not in OFFICIAL:
            raise InputError(
                "source",
                f"no official download for {name!r}; expected one of " + ", ".join(OFFICIAL),
            )
    overrides = overrides_from_env(os.environ) if base_url_override is None else base_url_override
    day = today or dt.datetime.now(dt.UTC).date()
    own = client is None
    http = client or httpx.Client(
        follow_redirects=True, headers={"User-Agent": f"sanctio/{__version__}"}
    )
    try:
        results: list[FetchResult] = []
        for name in names:
            folder = dest_dir / name / day.isoformat()
            staged: list[_Staged] = []
            try:
                for download in OFFICIAL[name]:
                    url = url_for(name, download, overrides)
                    staged.append(
                        _stage(
                            http, url, download, dest_dir / name, folder, timeout, retries, backoff
                        )
                    )
                results.extend(_commit(name, staged, dest_dir, folder))
            finally:
                for item in staged:
                    if item.temp is not None:
                        item.temp.unlink(missing_ok=True)
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only succeeds when this fetch left the folder empty
        return results
    finally:
        if own:
            http.close()


def _sidecar_path(source_dir: Path, name: str) -> Path:
    return source_dir / f".{name}.fetch.json"


def _previous(source_dir: Path, name: str) -> dict[str, Any] | None:
    """What the last fetch of this file recorded, if its file is still there."""
    try:
        data = json.loads(_sidecar_path(source_dir, name).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not (source_dir.parent / str(data.get("path", ""))).is_file():
        return None
    return data


def _stage(
    http: httpx.Client,
    url: str,
    download: Download,
    source_dir: Path,
    folder: Path,
    timeout: float,
    retries: int,
    backoff: float,
) -> _Staged:
    """GET one file (conditionally when a previous copy exists) into a hidden temp file."""
    previous = _previous(source_dir, download.name)
    headers: dict[str, str] = {}
    if previous and previous.get("etag"):
        headers["If-None-Match"] = str(previous["etag"])
    if previous and previous.get("last_modified"):
        headers["If-Modified-Since"] = str(previous["last_modified"])
    last: str = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            with http.stream("GET", url, headers=headers, timeout=timeout) as resp:
                if resp.status_code == 304 and previous is not None:
                    return _Staged(
                        download,
                        url,
                        None,
                        str(previous["sha256"]),
                        int(previous["size"]),
                        dict(resp.headers),
                        previous,
                    )
                if resp.status_code >= 500 or resp.status_code == 429:
                    last = f"HTTP {resp.status_code} {resp.reason_phrase}"
                    continue
                if resp.status_code != 200:
                    raise FetchError(
                        f"{url}: HTTP {resp.status_code} {resp.reason_phrase}; "
                        "expected the list file (has the publisher moved it?)"
                    )
                folder.mkdir(parents=True, exist_ok=True)
                temp, sha, size = _write_temp(resp, folder, download.name)
                short = _short_of_length(resp)
                if short:
                    temp.unlink()
                    last = f"{url}: {short}; the download was cut off, no file was kept"
                    continue
                if size == 0:
                    temp.unlink()
                    raise FetchError(f"{url}: empty response; expected the list file")
                return _Staged(download, url, temp, sha, size, dict(resp.headers), previous)
        except httpx.ConnectError as exc:
            last = f"cannot reach {urlsplit(url).hostname}: {_OFFLINE_HINT} ({exc})"
        except httpx.TimeoutException:
            last = f"{url}: no answer within {timeout:g} s"
        except httpx.TransportError as exc:
            last = f"{url}: download interrupted ({exc}); no file was written"
    if last.startswith("HTTP"):
        last = f"{url}: {last}"
    raise FetchError(f"{last} (tried {retries + 1} times)")


def _short_of_length(resp: httpx.Response) -> str:
    """Why the body received is not the whole `Content-Length` (bytes on the wire), or ''."""
    declared = resp.headers.get("content-length", "").strip()
    if not declared.isdigit():
        return ""
    got = resp.num_bytes_downloaded
    if got == int(declared):
        return ""
    return f"received {got} of the {declared} bytes its Content-Length declares"


def _write_temp(resp: httpx.Response, folder: Path, name: str) -> tuple[Path, str, int]:
    """Stream a response body into a hidden temp file beside its final place; hash it."""
    fd, raw = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".part")
    temp = Path(raw)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in resp.iter_bytes(_CHUNK):
                fh.write(chunk)
                digest.update(chunk)
                size += len(chunk)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp, digest.hexdigest(), size


def _commit(source: str, staged: list[_Staged], dest_dir: Path, folder: Path) -> list[FetchResult]:
    """Put a fully fetched set in place; results and sidecars for every file."""
    for item in staged:
        prev = item.previous
        if item.temp is not None and prev is not None and prev.get("sha256") == item.sha256:
            item.temp.unlink()  # same bytes under new validators: keep the existing file
            item.temp = None
    changed = any(item.temp is not None for item in staged)
    results: list[FetchResult] = []
    for item in staged:
        prev = item.previous or {}
        if item.temp is not None:
            target = folder / item.download.name
            os.replace(item.temp, target)
            item.temp = None
        else:  # 304 or identical bytes: there is a previous file
            target = dest_dir / str(prev.get("path"))
            if changed and target.parent != folder:
                # Keep the set complete in the new folder, as the loader reads it by folder.
                target = _copy_into(target, folder)
        status: Literal["downloaded", "not-modified"] = (
            "not-modified" if prev.get("sha256") == item.sha256 else "downloaded"
        )
        modified = _http_date(item.headers.get("last-modified")) or _http_date(
            prev.get("last_modified")
        )
        results.append(
            FetchResult(source, item.url, target, status, item.sha256, item.size, modified)
        )
        _write_sidecar(item, dest_dir, target)
    return results


def _copy_into(path: Path, folder: Path) -> Path:
    """Copy an unchanged file of a set into the set's new folder (temp file + rename)."""
    fd, raw = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    try:
        shutil.copyfile(path, raw)
        os.replace(raw, folder / path.name)
    except BaseException:
        Path(raw).unlink(missing_ok=True)
        raise
    return folder / path.name


def _write_sidecar(item: _Staged, dest_dir: Path, target: Path) -> None:
    """Record validators and content hash for the next conditional GET (atomically)."""
    prev = item.previous or {}
    data = {
        "url": item.url,
        "etag": item.headers.get("etag") or prev.get("etag"),
        "last_modified": item.headers.get("last-modified") or prev.get("last_modified"),
        "sha256": item.sha256,
        "size": item.size,
        "path": target.relative_to(dest_dir).as_posix(),
        "fetched_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    sidecar = _sidecar_path(target.parent.parent, item.download.name)
    fd, raw = tempfile.mkstemp(dir=sidecar.parent, prefix=sidecar.name, suffix=".part")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1)
    os.replace(raw, sidecar)


def _http_date(value: object) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
