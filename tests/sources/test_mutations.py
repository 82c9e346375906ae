"""Mutations of the real list files: no truncation is ever accepted, nothing gives a traceback.

Each case copies one real file (with its companions), mutates it, and reads it through the
registry as an import would. A truncated file must be refused with a FormatError (the
reader knows how its format ends); a flipped byte or a dropped column may be read or
refused, but only ever with a FormatError. The default run mutates a representative
file of each kind of ending (OFAC CSV end-of-file byte, XML closing root, xlsx central
directory); the slow run covers every real file with an end marker.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sanctio.exceptions import FormatError
from sanctio.sources.registry import read_all

#: Files whose format proves its own end (the formats without one: OFSI's legacy CSV and
#: FtM JSON lines rely on the shrink guard instead; see docs/security.md).
DEFAULT = (
    "ofac-cons/2025-12-19/cons_prim.csv",
    "ca-sema/2020-04-15/sema-lmes.xml",
    "au-dfat/2024-11-11/regulation8_consolidated.xlsx",
)
SLOW = (
    "ofac-sdn/2021-07-07/sdn.csv",
    "ofac-sdn/2024-05-03/sdn.csv",
    "ofac-cons/2025-12-19/cons_alt.csv",
    "ofac-cons/2025-01-10/CONS_ENHANCED.XML",
    "un-sc/2026-02-27/consolidated.xml",
    "uk-ofsi/2025-04-14/ConList.xlsx",
)

Mutation = Callable[[bytes], bytes]


def _end_of_content(data: bytes) -> int:
    """Where the file's meaningful content ends (trailing whitespace after it is not)."""
    return len(data.rstrip(b" \t\r\n"))


def truncations(data: bytes, rng: random.Random, count: int) -> list[tuple[str, Mutation]]:
    """Cuts at record (line) boundaries, including the last one, and at arbitrary bytes."""
    end = _end_of_content(data)
    lines = [i + 1 for i in range(len(data)) if data[i] == 0x0A and i + 1 < end]
    picks = sorted({lines[-1], lines[len(lines) // 2], *rng.sample(lines, min(count, len(lines)))})
    cuts = [*picks, *rng.sample(range(1, end), count), end - 1]
    return [(f"cut at byte {n} of {len(data)}", _cut(n)) for n in cuts]


def _cut(n: int) -> Mutation:
    return lambda d: d[:n]


def _flip(at: int) -> Mutation:
    return lambda d: d[:at] + bytes([d[at] ^ 0xFF]) + d[at + 1 :]


def flips(data: bytes, rng: random.Random, count: int) -> list[tuple[str, Mutation]]:
    return [(f"flip byte {n}", _flip(n)) for n in rng.sample(range(len(data)), count)]


def dropped_columns(data: bytes, rng: random.Random, count: int) -> list[tuple[str, Mutation]]:
    """A CSV line with its last field removed."""
    lines = data.split(b"\n")
    out: list[tuple[str, Mutation]] = []
    for n in rng.sample(range(len(lines) - 1), min(count, len(lines) - 1)):
        if b"," not in lines[n]:
            continue

        def drop(d: bytes, n: int = n) -> bytes:
            rows = d.split(b"\n")
            rows[n] = rows[n].rsplit(b",", 1)[0] + (b"\r" if rows[n].endswith(b"\r") else b"")
            return b"\n".join(rows)

        out.append((f"drop last column of line {n + 1}", drop))
    return out


def _read(lists_dir: Path, relative: str, tmp: Path, mutate: Mutation) -> str:
    """'read' (with its entity count), or 'refused'; anything but a FormatError raises."""
    source_dir = lists_dir / relative
    folder = tmp / "set"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source_dir.parent, folder)
    target = folder / source_dir.name
    target.write_bytes(mutate(source_dir.read_bytes()))
    main = [p for p in folder.iterdir() if p.name.lower() in ("sdn.csv", "cons_prim.csv")]
    try:
        parsed = read_all(main or [target], relative.split("/", maxsplit=1)[0])
    except FormatError:
        return "refused"
    return f"read {sum(len(p.entities) for p in parsed)}"


def _run(lists_dir: Path, relative: str, tmp: Path, count: int) -> dict[str, int]:
    data = (lists_dir / relative).read_bytes()
    rng = random.Random(relative)
    accepted: list[str] = []
    tally = {"truncations": 0, "refused": 0, "read": 0}
    for what, mutate in truncations(data, rng, count):
        tally["truncations"] += 1
        if _read(lists_dir, relative, tmp, mutate) != "refused":
            accepted.append(what)
    others = flips(data, rng, count)
    if relative.lower().endswith(".csv"):
        others += dropped_columns(data, rng, count)
    for _, mutate in others:
        outcome = _read(lists_dir, relative, tmp, mutate)  # a traceback fails the test here
        tally["refused" if outcome == "refused" else "read"] += 1
    assert not accepted, f"{relative}: truncated file accepted: {accepted}"
    return tally


@pytest.mark.parametrize("relative", DEFAULT)
def test_truncations_refused_and_no_traceback(
    lists_dir: Path, tmp_path: Path, relative: str
) -> None:
    tally = _run(lists_dir, relative, tmp_path, count=3)
    assert tally["truncations"] >= 5


@pytest.mark.slow
@pytest.mark.parametrize("relative", DEFAULT + SLOW)
def test_truncations_refused_and_no_traceback_every_file(
    lists_dir: Path, tmp_path: Path, relative: str
) -> None:
    tally = _run(lists_dir, relative, tmp_path, count=12)
    assert tally["truncations"] >= 20


def test_every_real_file_is_read_whole(lists_dir: Path) -> None:
    """The completeness rules refuse no real file: the ofac CSV sets (markers and the one
    comments file without its marker) and the workbooks."""
    for relative in ("ofac-sdn/2021-07-07", "ofac-cons/2025-12-19"):
        (parsed,) = read_all([lists_dir / relative])
        assert len(parsed.entities) > 400
    (parsed,) = read_all([lists_dir / "ofac-sdn/2021-07-07"])
    assert any("end-of-file byte" in p.message for p in parsed.problems)


def test_comments_file_without_marker_is_flagged_and_cut_records_refused(
    lists_dir: Path, tmp_path: Path
) -> None:
    """The one documented exception: an OFAC comments file (remarks only, never a name)
    may lack the end-of-file byte, as OFAC published some; a cut inside a record is still
    refused, and a cut at a record boundary is loaded with a problem saying so."""
    relative = "ofac-cons/2025-12-19/cons_comments.csv"
    data = (lists_dir / relative).read_bytes()
    boundary = data.rstrip(b"\x1a").rstrip(b"\r\n").rfind(b"\r\n") + 2
    assert _read(lists_dir, relative, tmp_path, lambda d: d[: boundary - 5]) == "refused"
    folder = tmp_path / "set"
    (folder / "cons_comments.csv").write_bytes(data[:boundary])
    (parsed,) = read_all([folder / "cons_prim.csv"])
    assert any("end-of-file byte" in p.message for p in parsed.problems)
