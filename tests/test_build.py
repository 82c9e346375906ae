"""The compiled code is the source's: setup.py builds the C extensions and the matcher's
mypyc-compiled modules in place, and Python imports a compiled module before its source."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import sanctio
from sanctio.match import names

ROOT = Path(sanctio.__file__).parent


def test_no_compiled_module_is_older_than_its_source() -> None:
    stale = []
    for built in ROOT.glob("**/*.so"):
        stem = built.name.split(".")[0]
        for source in (built.with_name(f"{stem}.py"), built.with_name(f"{stem}.c")):
            if source.exists() and source.stat().st_mtime > built.stat().st_mtime:
                stale.append(str(source.relative_to(ROOT)))
    assert not stale, f"edited since they were compiled: {stale}; run: bash scripts/setup.sh"


@pytest.mark.skipif(os.environ.get("SANCTIO_NO_MYPYC") == "1", reason="built without mypyc")
def test_the_matcher_runs_compiled() -> None:
    # What users run is what the tests test (setup.py, SANCTIO_NO_MYPYC).
    assert Path(names.__file__).suffix == ".so"
