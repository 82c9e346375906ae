"""Load the latest version of every shared list, cached as JSON lines under benchmarks/out/."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from sanctio import sources
from sanctio.model import Entity
from sanctio.sources.registry import read_all

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "benchmarks" / "out"
DEFAULT_LISTS = (ROOT / ".." / "shared" / "data" / "lists").resolve()

#: The latest version of each source (what `store.in_force()` gives after loading all).
LATEST: dict[str, str] = {
    "ofac-sdn": "ofac-sdn/2024-05-03",
    "ofac-cons": "ofac-cons/2025-12-19",
    "uk-ofsi": "uk-ofsi/2025-04-14",
    "au-dfat": "au-dfat/2024-11-11",
    "un-sc": "un-sc/2026-02-27",
    "ca-sema": "ca-sema/2020-04-15",
}
#: Read only for its non-Latin translations (queries); the index holds the 2025-12-19 CSV.
OFAC_CONS_ENHANCED = "ofac-cons/2025-01-10"


def lists_dir() -> Path:
    """SANCTIO_LISTS_DIR or ../shared/data/lists beside the repo."""
    return Path(os.environ.get("SANCTIO_LISTS_DIR", str(DEFAULT_LISTS))).resolve()


def _fingerprint(folder: Path) -> str:
    """The list files' names, sizes and times, and the parsers' code: a cache read by
    older parsers is not served."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            st = path.stat()
            h.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    parsers = Path(sources.__file__).parent
    for path in sorted(parsers.rglob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def load_version(relative: str, base: Path | None = None) -> list[Entity]:
    """Entities of one list folder, read once then served from a JSON-lines cache."""
    folder = (base or lists_dir()) / relative
    cache = OUT / "cache" / f"{relative.replace('/', '_')}-{_fingerprint(folder)}.jsonl"
    if cache.is_file():
        with cache.open(encoding="utf-8") as fh:
            return [Entity.from_dict(json.loads(line)) for line in fh]
    entities = [e for parsed in read_all([folder]) for e in parsed.entities]
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for entity in entities:
            fh.write(entity.to_json() + "\n")
    tmp.replace(cache)
    return entities


def load_latest(base: Path | None = None) -> dict[str, list[Entity]]:
    """Source name -> entities of its latest shared version."""
    return {source: load_version(rel, base) for source, rel in LATEST.items()}


def versions() -> dict[str, str]:
    """Source -> version label, for the index identity."""
    return {source: rel.split("/", 1)[1] for source, rel in LATEST.items()}
