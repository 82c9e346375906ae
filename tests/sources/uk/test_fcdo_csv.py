"""FCDO UK Sanctions List CSV reader on a hand-written fixture (no real file is stored)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from sanctio.exceptions import FormatError
from sanctio.model import Entity, Problem
from sanctio.sources.base import ParsedList
from sanctio.sources.uk.fcdo_csv import READER
from sanctio.sources.uk.ofsi_csv import READER as OFSI_CSV


@pytest.fixture(scope="module")
def fixture_path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "uk" / "UK-Sanctions-List.csv"


@pytest.fixture(scope="module")
def parsed(fixture_path: Path) -> ParsedList:
    return READER.read([fixture_path], "uk-fcdo")


def test_rows_fold_by_unique_id(parsed: ParsedList) -> None:
    assert parsed.published == dt.date(2025, 4, 14)  # `Report Date: 14-Apr-2025`
    assert parsed.format == "uk-fcdo-csv"
    assert [(e.id, e.schema) for e in parsed.entities] == [
        ("uk-fcdo:RUS0251", "Person"),
        ("uk-fcdo:RUS1430", "LegalEntity"),
        ("uk-fcdo:DPR0100", "Vessel"),
    ]
    assert parsed.problems == []


def test_same_values_as_the_xml_reader(parsed: ParsedList) -> None:
    by_id = {e.id: e for e in parsed.entities}
    putin = by_id["uk-fcdo:RUS0251"]
    assert putin.get("name") == ("Vladimir Vladimirovich PUTIN",)
    assert putin.get("alias") == ("Vladimir PUTIN", "Владимир Владимирович Путин")
    assert putin.get("weakAlias") == ("Vova",)
    assert putin.get("birthDate") == ("1952-10-07",)
    assert putin.get("nationality") == ("ru",)
    assert putin.get("programId") == ("RUS0251", "14196")
    assert putin.get("createdAt") == ("2022-02-25",)
    entity = by_id["uk-fcdo:RUS1430"]
    assert (entity.get("ogrnCode"), entity.get("innCode")) == (("1027802483070",), ("7804001110",))
    assert [r.kind for r in entity.relations] == ["parent"]
    ship = by_id["uk-fcdo:DPR0100"]
    assert (ship.get("imoNumber"), ship.get("flag")) == (("7408873",), ("kp",))
    assert ship.get("programId") == ("DPR0100", "13651", "KPe.064")


def test_valid_followthemoney(
    parsed: ParsedList, assert_ftm_valid: Callable[[Iterable[Entity]], list[Problem]]
) -> None:
    assert assert_ftm_valid(parsed.entities) == []


def test_sniff(fixture_path: Path, lists_dir: Path) -> None:
    assert READER.sniff(fixture_path, fixture_path.read_bytes()[:4096]) == "uk-fcdo"
    assert OFSI_CSV.sniff(fixture_path, fixture_path.read_bytes()[:4096]) is None
    ofsi = lists_dir / "uk-ofsi" / "2018-04-13" / "sanctionsconlist.csv"
    assert READER.sniff(ofsi, ofsi.read_bytes()[:4096]) is None


def _lines(fixture_path: Path) -> list[str]:
    return fixture_path.read_text(encoding="utf-8").splitlines()


def test_without_report_date_line(fixture_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_text("\n".join(_lines(fixture_path)[1:]) + "\n", encoding="utf-8")
    assert READER.sniff(path, path.read_bytes()[:4096]) == "uk-fcdo"
    parsed = READER.read([path], "uk-fcdo")
    assert parsed.published is None
    assert len(parsed.entities) == 3


def test_wrong_column_count(fixture_path: Path, tmp_path: Path) -> None:
    lines = _lines(fixture_path)
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_text("\n".join([*lines[:3], "RUS9999,Someone", *lines[3:]]) + "\n", encoding="utf-8")
    with pytest.raises(FormatError, match="2 columns") as err:
        READER.read([path], "uk-fcdo")
    assert err.value.location == "line 4"


def test_missing_header_columns(tmp_path: Path) -> None:
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_text("Report Date: 14-Apr-2025\nUnique ID,Name 6\n", encoding="utf-8")
    with pytest.raises(FormatError, match="missing name type, regime name") as err:
        READER.read([path], "uk-fcdo")
    assert err.value.location == "line 2"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_bytes(b"")
    with pytest.raises(FormatError, match="empty"):
        READER.read([path], "uk-fcdo")
