"""OFSI ConList.xlsx reader (2022 format): the real 2023 and 2025 workbooks, broken variants."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import openpyxl
import pytest

from sanctio.exceptions import FormatError
from sanctio.model import Entity, Problem
from sanctio.sources.base import ParsedList
from sanctio.sources.uk.ofsi_layout import REQUIRED
from sanctio.sources.uk.ofsi_xlsx import READER

DATES = ("2023-06-05", "2025-04-14")


@pytest.fixture(scope="module")
def parsed(lists_dir: Path) -> dict[str, ParsedList]:
    return {d: READER.read([lists_dir / "uk-ofsi" / d / "ConList.xlsx"], "uk-ofsi") for d in DATES}


def _by_id(parsed_list: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in parsed_list.entities}


def test_counts_and_dates_match_sources_md(parsed: dict[str, ParsedList]) -> None:
    p23, p25 = parsed["2023-06-05"], parsed["2025-04-14"]
    assert (p23.published, p25.published) == (dt.date(2023, 6, 5), dt.date(2025, 4, 14))
    assert len(p23.entities) == 3993  # distinct Group IDs
    assert len(p25.entities) == 4688
    for p in (p23, p25):
        assert len({e.id for e in p.entities}) == len(p.entities)
        assert p.format == "uk-ofsi-xlsx"
    assert Counter(e.schema for e in p25.entities) == {
        "Person": 3663, "LegalEntity": 1010, "Vessel": 15
    }  # fmt: skip


@pytest.mark.parametrize("date", DATES)
def test_putin(parsed: dict[str, ParsedList], date: str) -> None:
    putin = _by_id(parsed[date])["uk-ofsi:14196"]
    assert putin.schema == "Person"
    assert putin.get("name") == ("Vladimir Vladimirovich PUTIN",)
    assert "Владимир Владимирович Путин" in putin.get("alias")
    assert putin.get("birthDate") == ("1952-10-07",)
    assert putin.get("nationality") == ("ru",)
    assert putin.get("birthCountry") == ("ru",)
    assert putin.get("gender") == ("male",)
    assert putin.get("programId") == ("RUS0251",)  # (UK Sanctions List Ref)
    assert putin.get("position") == ("President of the Russian Federation",)
    assert putin.get("createdAt") == ("2022-02-25",)
    assert putin.get("modifiedAt") == ("2023-03-21",)
    assert putin.get("program") == ("Russia",)


def test_lukashenka_2025(parsed: dict[str, ParsedList]) -> None:
    luka = _by_id(parsed["2025-04-14"])["uk-ofsi:13918"]
    assert luka.get("name") == ("Alexander Ryhorovich LUKASHENKO",)  # the `Primary name` row
    assert "Aliaksandr Grigorievich LUKASHENKA" in luka.get("alias")  # a variation
    assert "ЛУКАШЭНКА, Аляксандр Рыгоравіч" in luka.get("alias")  # Name Non-Latin Script
    assert "ЛУКАШЕНКО, Александр Григорьевич" in luka.get("alias")
    assert luka.get("birthDate") == ("1954-08-30",)
    assert luka.get("nationality") == ("by",)
    assert luka.get("program") == ("Belarus", "Global Human Rights")
    assert luka.get("programId") == ("BEL0045", "GHR0050")
    assert luka.get("createdAt") == ("2020-09-29",)  # earliest listing of the two regimes
    assert "Minsk" in luka.get("address")[0]


def test_ship_with_imo_number(parsed: dict[str, ParsedList]) -> None:
    ships = [e for e in parsed["2025-04-14"].entities if e.schema == "Vessel"]
    assert len(ships) == 15 and all(s.get("imoNumber") for s in ships)
    sam = _by_id(parsed["2025-04-14"])["uk-ofsi:13651"]
    assert sam.get("name") == ("SAM JONG 2",)
    assert "RAINBOW CHASER" in sam.get("alias")
    assert sam.get("imoNumber") == ("7408873",)
    assert sam.get("flag") == ("kp",)
    assert sam.get("pastFlags") == ("ru",)
    assert sam.get("type") == ("Oil tanker",)
    assert sam.get("buildDate") == ("1975",)
    assert [(r.kind, r.target_name) for r in sam.relations] == [("owner", "Korea Samjong Shipping")]


def test_low_quality_aliases_are_weak(parsed: dict[str, ParsedList]) -> None:
    by_id = _by_id(parsed["2025-04-14"])
    assert "1-P" in by_id["uk-ofsi:13378"].get("weakAlias")
    assert "1-P" not in by_id["uk-ofsi:13378"].get("alias")
    assert "Ahmed A" in by_id["uk-ofsi:6925"].get("weakAlias")
    weak = sum(len(e.get("weakAlias")) for e in parsed["2025-04-14"].entities)
    assert 150 < weak < 1286  # 1286 low-quality rows, exploded and deduplicated


def test_groups_without_primary_name_take_a_variation(parsed: dict[str, ParsedList]) -> None:
    by_id = _by_id(parsed["2025-04-14"])
    assert by_id["uk-ofsi:16601"].get("name") == ("33RD SCIENTIFIC RESEARCH AND TESTING INSTITUTE",)
    assert by_id["uk-ofsi:16601"].get("alias") == (
        "33RD TSNIII",
        "FEDERAL STATE BUDGETARY ESTABLISHMENT 27 SCIENTIFIC CENTRE OF THE MINISTRY OF DEFENCE "
        "OF THE RUSSIAN FEDERATION",
    )
    assert by_id["uk-ofsi:16789"].get("name") == ("PREMERA (H.K.) INTERNATIONAL CO, LIMITED",)


def test_other_information_fields(parsed: dict[str, ParsedList]) -> None:
    salyut = _by_id(parsed["2025-04-14"])["uk-ofsi:16767"]
    assert salyut.schema == "LegalEntity"
    assert salyut.get("ogrnCode") == ("1125261000040",)
    assert salyut.get("innCode") == ("5261079332",)
    assert "5261079332" in salyut.get("registrationNumber")
    assert salyut.get("website") == ("https://nppsalut.ru/",)
    assert salyut.get("email") == ("salut@nppsalut.ru",)
    assert salyut.get("legalForm") == ("Joint-Stock Company",)
    assert len(salyut.get("phone")) == 3  # `(1) ... (2) ... (3) ...`
    kinds = Counter(r.kind for r in salyut.relations)
    assert kinds == {"subsidiary": 2, "parent": 1}
    # A false key such as `(United States of America):` stays inside the text.
    notes = [n for e in parsed["2025-04-14"].entities for n in e.get("notes")]
    assert any("(United States of America): 36-" in n for n in notes)


@pytest.mark.parametrize("date", DATES)
def test_valid_followthemoney(
    parsed: dict[str, ParsedList],
    date: str,
    assert_ftm_valid: Callable[[Iterable[Entity]], list[Problem]],
) -> None:
    dropped = assert_ftm_valid(parsed[date].entities)
    assert len(dropped) < 400  # mostly phone numbers written as `00375(17)7762032`


@pytest.mark.parametrize("date", DATES)
def test_problems_are_few_and_located(parsed: dict[str, ParsedList], date: str) -> None:
    problems = parsed[date].problems
    assert len(problems) <= 5
    for problem in problems:
        assert problem.location.startswith("row ")
        assert problem.file.endswith("ConList.xlsx")


def test_sniff(lists_dir: Path, tmp_path: Path) -> None:
    real = lists_dir / "uk-ofsi" / "2025-04-14" / "ConList.xlsx"
    assert READER.sniff(real, real.read_bytes()[:4096]) == "uk-ofsi"
    # Renamed: recognised by the header in its shared strings.
    renamed = tmp_path / "ofsi-list.xlsx"
    renamed.write_bytes(real.read_bytes())
    assert READER.sniff(renamed, renamed.read_bytes()[:4096]) == "uk-ofsi"
    dfat = lists_dir / "au-dfat" / "2024-11-11" / "regulation8_consolidated.xlsx"
    assert READER.sniff(dfat, dfat.read_bytes()[:4096]) is None
    csv_file = lists_dir / "uk-ofsi" / "2018-04-13" / "sanctionsconlist.csv"
    assert READER.sniff(csv_file, csv_file.read_bytes()[:4096]) is None


def _workbook(path: Path, sheet: str, rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_tiny_workbook_maps_by_header_name(tmp_path: Path) -> None:
    header = ["Alias Quality", *reversed(REQUIRED)]  # order differs from OFSI's
    values = {"Name 6": "SHIP ONE", "Group Type": "Ship", "Alias Type": "Primary name",
              "Regime": "Test", "Listed On": "01/01/2020", "Last Updated": "02/01/2020",
              "Other Information": "(IMO number):1234567 (Flag of ship):Panama",
              "Group ID": "42"}  # fmt: skip
    path = _workbook(
        tmp_path / "ConList.xlsx",
        "Data",
        [["Last Updated", "03/01/2020"], header, [values.get(h, "") for h in header]],
    )
    parsed = READER.read([path], "uk-ofsi")
    assert parsed.published == dt.date(2020, 1, 3)
    (ship,) = parsed.entities
    assert (ship.id, ship.schema, ship.get("imoNumber"), ship.get("flag")) == (
        "uk-ofsi:42",
        "Vessel",
        ("1234567",),
        ("pa",),
    )


def test_without_data_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "ConList.xlsx", "Sheet1", [["Last Updated", "03/01/2020"]])
    with pytest.raises(FormatError, match="no sheet named 'Data'") as err:
        READER.read([path], "uk-ofsi")
    assert err.value.path == str(path)
    assert err.value.location == "sheet 'Data'"


def test_without_header(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "ConList.xlsx", "Data", [["Last Updated", "03/01/2020"], ["Name", "DOB"]]
    )
    with pytest.raises(FormatError, match="missing Name 6") as err:
        READER.read([path], "uk-ofsi")
    assert err.value.location == "sheet 'Data' row 2"


def test_without_title_row(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "ConList.xlsx", "Data", [list(REQUIRED)])
    with pytest.raises(FormatError, match="Last Updated") as err:
        READER.read([path], "uk-ofsi")
    assert err.value.location == "sheet 'Data' row 1"


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 truncated", b"Name 6,Name 1\n"])
def test_not_a_workbook(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "ConList.xlsx"
    path.write_bytes(content)
    with pytest.raises(FormatError, match="not a readable xlsx") as err:
        READER.read([path], "uk-ofsi")
    assert err.value.path == str(path)
