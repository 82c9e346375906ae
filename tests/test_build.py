"""The compiled code is the source's: setup.py builds the C extensions and the matcher's
mypyc-compiled modules in place, and Python imports a compiled module before its source."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

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


def _instances() -> list[Any]:
    """One real instance of each frozen dataclass whose __init__ is written out."""
    from tests.match.entities import LUKASHENKA, PUTIN

    from sanctio.index import NameIndex
    from sanctio.match.names import align
    from sanctio.match.query import sims_for
    from sanctio.screening.query import Query
    from sanctio.screening.screen import Screener

    index = NameIndex.build([LUKASHENKA, PUTIN])
    screener = Screener(index)
    query = Query(names=("Alexander Lukashenko",), birth_dates=())
    result = screener.screen(query)
    pq = screener.prepare(query)
    pe = index.prepared[0]
    alignment = align(pq.names[0], pe.names[0], sims_for(pq, index.similar)[0], True)
    hit = result.results[0]
    return [result, hit, hit.features[0], pq, pq.names[0], alignment]


def test_written_out_constructors_take_the_fields_in_order_with_their_defaults() -> None:
    import dataclasses

    from sanctio.runtime import field_values

    for obj in _instances():
        cls = type(obj)
        values = field_values(obj)
        names = [f.name for f in dataclasses.fields(cls)]
        assert cls(*values) == obj, cls
        assert cls(**dict(zip(names, values, strict=True))) == obj, cls
        required = {
            f.name: getattr(obj, f.name)
            for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING
        }
        bare = cls(**required)
        for f in dataclasses.fields(cls):
            if f.default is not dataclasses.MISSING:
                assert getattr(bare, f.name) == f.default, (cls, f.name)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, names[0], values[0])
