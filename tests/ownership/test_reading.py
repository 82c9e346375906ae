"""Reading ownership files: both formats, and every bad row reported with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio.exceptions import FormatError
from sanctio.ownership.reading import build, detect, read_rows

KNOWN = {"ofac-sdn:35096", "ofac-sdn:16692", "uk-ofsi:14196"}


def _read(path: Path) -> tuple[object, list[str]]:
    data, problems = build(read_rows(path, detect(path)), KNOWN.__contains__)
    return data, [f"{Path(p.file).name}:{p.location}:{p.field}:{p.message}" for p in problems]


def test_bad_rows_are_reported_with_file_and_line(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ownership" / "bad_rows.csv"
    data, problems = _read(path)
    lines = {p.split(":")[1] for p in problems}
    assert "line 2" in lines and "line 3" in lines and "line 4" in lines  # 120, -5, "a lot"
    assert any(p.startswith("bad_rows.csv:line 2:percentage:outside 0-100") for p in problems)
    assert any("line 4:percentage:expected a number" in p for p in problems)
    assert any("line 6:owner:unknown reference: not a party" in p for p in problems)  # ghost
    assert any("line 7:owner:unknown reference: no list entry" in p for p in problems)
    # BETA: 70% GAMMA + 50% DELTA = 120% (GAMMA and BETA hold each other: a cycle)
    assert any("line 10:percentage:shares held in beta total 120%" in p for p in problems)
    assert any("line 11:start_date:expected a date" in p for p in problems)
    kept = [(h.owner, h.asset, str(h.percentage), h.line) for h in data.holdings]  # type: ignore[attr-defined]
    assert kept == [
        ("ofac-sdn:35096", "alpha", "40", 5),
        ("beta", "gamma", "60", 8),
        ("gamma", "beta", "70", 9),
        ("delta", "beta", "50", 10),
    ]


def test_ftm_lines_with_referents_and_control(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ownership" / "ownership.ftm.json"
    assert detect(path) == "ftm"
    data, problems = _read(path)
    parties = data.parties  # type: ignore[attr-defined]
    assert parties["putin"].listed_ids == ("ofac-sdn:35096", "uk-ofsi:14196")
    assert parties["acme-drilling"].properties["leiCode"] == ("253400ACMEDRILL00001",)
    holdings = [(h.owner, h.asset, h.percentage, h.start, h.control) for h in data.holdings]  # type: ignore[attr-defined]
    assert [h[:2] for h in holdings] == [
        ("putin", "acme-holding"),
        ("ofac-sdn:16692", "acme-holding"),
        ("acme-holding", "acme-drilling"),
    ]
    assert [str(h[2]) for h in holdings] == ["30", "25", "100.00"]
    assert holdings[1][3] == "2015" and holdings[2][3] == "2016-06"
    # the board seat without a control role is no holding; "nobody" is unknown
    assert problems == [
        "ownership.ftm.json:line 8:owner:unknown reference: not a party of the "
        "file (no name given) nor a listed entity id such as ofac-sdn:35096"
    ]


def test_structural_failures_raise(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("owner,asset\na,b\n", encoding="utf-8")
    with pytest.raises(FormatError, match="missing column"):
        list(read_rows(bad, "csv"))
    lines = tmp_path / "x.jsonl"
    lines.write_text('{"id": "a", "schema": "Company", "properties": {}}\nnot json\n')
    with pytest.raises(FormatError, match="line 2"):
        list(read_rows(lines, "ftm"))


def test_ftm_file_gives_the_same_answer_as_the_csv(fixtures_dir: Path) -> None:
    import datetime as dt

    from sanctio.model import Entity
    from sanctio.ownership.derive import derive
    from sanctio.ownership.graph import HoldingTable
    from sanctio.ownership.rules import rules

    path = fixtures_dir / "ownership" / "ownership.ftm.json"
    data, _ = build(read_rows(path, "ftm"), KNOWN.__contains__)
    listed = {
        i: Entity(i, "Person", {"name": (name,)})
        for i, name in (("ofac-sdn:35096", "PUTIN"), ("ofac-sdn:16692", "SECHIN"))
    }
    result = derive(
        HoldingTable.build(data), dt.date(2022, 3, 1), rules("ofac-50"), listed, ["ofac-sdn"]
    )
    assert {d.key: d.explanation for d in result.derivations.values()} == {
        "acme-holding": "55.0% = 30% PUTIN (ofac-sdn:35096) + 25% SECHIN (ofac-sdn:16692)",
        "acme-drilling": "100.0% = 100% ACME ENERGY HOLDING JSC (derived:ofac-50:acme-holding)",
    }
