"""A process killed in the middle of an import leaves the store exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sanctio.store.sqlite import Store


def _load(db: str, *paths: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "sanctio", "--db", db, "lists", "load", *map(str, paths)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )


@pytest.mark.slow
def test_kill_mid_import_leaves_store_unchanged(lists_dir: Path, store_target: str) -> None:
    db = store_target
    first = _load(db, lists_dir / "un-sc" / "2026-02-27")
    out, _ = first.communicate(timeout=120)
    assert first.returncode == 0, out
    with Store.open(db) as store:
        before = [v.fingerprint for v in store.versions()]
    assert len(before) == 1

    # The other two UN versions (the third is already stored): small files, so the test
    # takes seconds on both backends; the kill lands while the second version is read,
    # with the first already written inside the open transaction.
    proc = _load(db, lists_dir / "un-sc")
    assert proc.stdout is not None
    reads = 0
    for line in proc.stdout:
        if line.startswith("reading "):
            reads += 1
        if reads == 2:  # one version is written inside the open transaction by now
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL, f"import finished before the kill ({reads} reads)"

    with Store.open(db) as store:
        assert [v.fingerprint for v in store.versions()] == before
        assert store.sources() == ["un-sc"]
