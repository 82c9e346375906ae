"""Imports read by worker processes store exactly what an in-process import stores,
keep file order, and stay all-or-nothing when one file is broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sanctio.exceptions import FormatError
from sanctio.ingest.importer import import_paths
from sanctio.ingest.parsing import worker_count
from sanctio.store.sqlite import Store

UN_DAYS = ("2018-10-29", "2020-11-24", "2026-02-27")


def _snapshot(store: Store) -> list[tuple[str, str, int, int, dict[str, str]]]:
    return [
        (v.source, v.fingerprint, v.entity_count, v.problem_count, store.hashes(v.id))
        for v in store.versions()
    ]


def test_workers_store_what_one_process_stores(lists_dir: Path, tmp_path: Path) -> None:
    paths = [lists_dir / "un-sc", lists_dir / "ca-sema", lists_dir / "ofac-cons"]
    seen: list[str] = []
    with Store.open(tmp_path / "pool.db") as pool, Store.open(tmp_path / "one.db") as one:
        pooled = import_paths(pool, paths, workers=2, progress=seen.append)
        alone = import_paths(one, paths, workers=0)
        assert _snapshot(pool) == _snapshot(one)
        assert [o.problems for o in pooled] == [o.problems for o in alone]
    # Versions are written, and announced, in the planned (path) order.
    assert [o.version.source for o in pooled] == ["un-sc"] * 3 + ["ca-sema"] + ["ofac-cons"] * 2
    assert [line.split("/")[-2] for line in seen[:3]] == list(UN_DAYS)
    assert all(line.startswith("reading ") for line in seen)


def test_broken_file_among_several_aborts_the_whole_import(lists_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    for day in UN_DAYS:
        (folder / day).mkdir(parents=True)
        shutil.copy(lists_dir / "un-sc" / day / "consolidated.xml", folder / day)
    broken = folder / UN_DAYS[1] / "consolidated.xml"
    broken.write_bytes(broken.read_bytes()[:200_000])  # truncated mid-record
    with Store.open(tmp_path / "s.db") as store:
        with pytest.raises(FormatError) as info:
            import_paths(store, [folder], workers=2)
        assert store.versions() == []
    err = info.value
    assert err.path == str(broken)
    assert err.location and err.message
    assert str(err).startswith(str(broken))
    assert "WorkerError" in type(err.__cause__).__name__  # where in the worker it failed


def test_one_file_or_one_cpu_reads_in_process() -> None:
    assert worker_count(1) == 0
    assert worker_count(0) == 0
