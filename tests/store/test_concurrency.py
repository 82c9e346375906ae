"""Two importers at once are serialised: both land (or find the other's version), never half."""

from __future__ import annotations

import threading
from pathlib import Path

from sanctio.ingest.importer import ImportOutcome, import_paths
from sanctio.store.sqlite import Store


def _import_together(target: str, folders: list[Path]) -> list[list[ImportOutcome]]:
    Store.open(target).close()  # created and migrated before the race
    results: list[list[ImportOutcome]] = [[] for _ in folders]
    errors: list[BaseException] = []
    start = threading.Barrier(len(folders))

    def run(i: int, folder: Path) -> None:
        try:
            with Store.open(target) as store:
                start.wait()
                results[i] = import_paths(store, [folder], workers=0)
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(folders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    return results


def test_two_importers_of_different_versions_both_land(store_target: str, lists_dir: Path) -> None:
    folders = [lists_dir / "un-sc" / "2018-10-29", lists_dir / "un-sc" / "2020-11-24"]
    results = _import_together(store_target, folders)
    assert all(len(r) == 1 and r[0].created for r in results)
    with Store.open(store_target) as store:
        versions = store.versions("un-sc")
        assert len(versions) == 2
        for version in versions:
            count = sum(1 for _ in store.entities([version.id]))
            assert count == version.entity_count > 0


def test_two_importers_of_one_version_store_it_once(store_target: str, lists_dir: Path) -> None:
    folder = lists_dir / "un-sc" / "2018-10-29"
    results = _import_together(store_target, [folder, folder])
    assert sorted(r[0].created for r in results) == [False, True]
    assert results[0][0].version.id == results[1][0].version.id
    with Store.open(store_target) as store:
        assert len(store.versions()) == 1
