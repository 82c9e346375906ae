"""DFAT consolidated list: the real 2024-11-11 workbook, the Nov 2025+ layout, bad input."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from openpyxl import Workbook

from sanctio.exceptions import FormatError
from sanctio.model import Entity, Problem
from sanctio.sources.au.reader import READER
from sanctio.sources.base import ParsedList
from sanctio.sources.ftm.export import export_entities

REAL = "au-dfat/2024-11-11/regulation8_consolidated.xlsx"


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> ParsedList:
    return READER.read([lists_dir / REAL], "au-dfat")


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in parsed.entities}


def _ftm_invalid(entities: list[Entity]) -> list[tuple[str, str, str]]:
    """Export to FtM; every property name must exist. Returns values FtM calls invalid."""
    dropped: list[Problem] = []
    invalid: list[tuple[str, str, str]] = []
    for data in export_entities(entities, dropped=dropped):
        schema = model.get(data["schema"])
        assert schema is not None
        model.get_proxy(data, cleaned=False)
        for name, values in data["properties"].items():
            prop = schema.get(name)
            assert prop is not None, (data["id"], name)
            invalid.extend((data["id"], name, v) for v in values if not prop.type.validate(v))
    assert dropped == []
    return invalid


def test_real_file_counts(real: ParsedList, lists_dir: Path) -> None:
    # 9553 name rows; every leading integer has exactly one Primary Name row once Name
    # Type is normalised (SOURCES.md's 3057 counts only the spellings starting with
    # "Primary", missing `primary Name` x4 and `primary name` x1): 3062 parties.
    assert len(real.entities) == 3062
    assert len({e.id for e in real.entities}) == 3062
    assert Counter(e.schema for e in real.entities) == {"Person": 2316, "LegalEntity": 746}
    assert real.published == dt.date(2024, 11, 11)
    assert real.format == "au-dfat-xlsx"
    assert READER.sniff(lists_dir / REAL, (lists_dir / REAL).read_bytes()[:4096]) == "au-dfat"
    assert all(e.get("topics") == ("sanction",) for e in real.entities)
    assert all(len(e.get("name")) == 1 for e in real.entities)


def test_putin_and_lukashenko(real: ParsedList) -> None:
    by_name = {e.first("name"): e for e in real.entities}
    putin = by_name["Vladimir Vladimirovich PUTIN"]
    assert putin.id == "au-dfat:6678"
    assert putin.schema == "Person"
    assert putin.get("birthDate") == ("1952-10-07",)
    assert putin.get("birthPlace") == ("Saint Petersburg, Russia",)
    assert putin.get("program") == ("Autonomous (Russia)",)
    assert putin.get("modifiedAt") == ("2022-02-28",)
    assert "President of the Russian Federation" in putin.get("notes")
    # The 2024-11-11 file lists no other name for either of them.
    assert putin.get("alias") == ()
    luka = by_name["Alexander Ryhoravich LUKASHENKO"]
    assert luka.id == "au-dfat:6824"
    assert luka.get("birthDate") == ("1954-08-30",)
    assert luka.get("alias") == ()


def test_aliases_original_script_and_previous_names(real: ParsedList) -> None:
    by_id = _by_id(real)
    akhund = by_id["au-dfat:2"]
    assert akhund.first("name") == "MOHAMMAD HASSAN AKHUND"
    assert akhund.get("alias") == ("محمد حسن أخوند",)  # Original Script row 2a
    assert akhund.get("nationality") == ("af",)
    # `a) Approximately 1955- 1958 b) Approximately 1945-1950`
    assert akhund.get("birthDate") == tuple(
        str(y) for y in [*range(1955, 1959), *range(1945, 1951)]
    )
    assert akhund.get("createdAt") == (
        "2001-01-25",
    )  # "Listed by UN 1267 Committee on 25 January 2001"
    adf = by_id["au-dfat:2943"]
    assert set(adf.get("previousName")) == {"ADF/NALU", "NALU", adf.get("previousName")[0]}
    assert len(adf.get("previousName")) == 3
    assert by_id["au-dfat:2954"].get("previousName") == ("Qari Rahmat",)


def test_reference_2940_blocks_are_merged_with_a_problem(real: ParsedList) -> None:
    entity = _by_id(real)["au-dfat:2940"]
    assert entity.first("name") == "Chernomorneftegaz"
    assert "Chernomorneftegaz CJSC" in entity.get("alias")  # 2940j, 186 rows after 2940i
    assert len(entity.get("alias")) == 10
    assert "au-dfat:2940-2" not in _by_id(real)
    (gap,) = [p for p in real.problems if p.field == "Reference"]
    assert gap.location == "Sheet1!row 4331"
    assert gap.value == "2940j"
    assert "merged into 2940" in gap.message


def test_dirty_dates_parse(real: ParsedList) -> None:
    by_id = _by_id(real)
    dates = {e.id: e.get("birthDate") for e in real.entities}
    assert sum(1 for d in dates.values() if d) == 2222
    # Excel date cells, bare int years, `a) ... b) ...` with `;`, Hijri dates dropped.
    assert by_id["au-dfat:6678"].get("birthDate") == ("1952-10-07",)
    with_hijri = [e for e in real.entities if "1982-04-19" in e.get("birthDate")]
    assert with_hijri and all("1982-04-18" in e.get("birthDate") for e in with_hijri)
    assert all(not d.startswith("1402") for e in with_hijri for d in e.get("birthDate"))


def test_real_file_problems_are_few_and_named(real: ParsedList) -> None:
    fields = Counter(p.field for p in real.problems)
    assert fields == {"Date of Birth": 4, "Citizenship": 3, "Reference": 1}
    dob = {p.value for p in real.problems if p.field == "Date of Birth"}
    assert dob == {"1965, 29 March", "29-Aprl-1967", "Approximately (30-35 years old)", "10/061962"}
    assert {p.value for p in real.problems if p.field == "Citizenship"} == {
        "Belarussian",
        "Türkiyish",
    }
    assert all(p.file.endswith("regulation8_consolidated.xlsx") for p in real.problems)
    assert all(p.location.startswith("Sheet1!row ") for p in real.problems)


def test_real_file_validates_with_followthemoney(real: ParsedList) -> None:
    # FtM caps addresses at 250 characters; one DFAT address (with phones and an e-mail
    # in it) is longer. It is kept as DFAT wrote it.
    invalid = _ftm_invalid(real.entities)
    assert [(i, p, v[:24]) for i, p, v in invalid] == [
        ("au-dfat-2544", "address", "Branch Office 6: Shop nu")
    ]


# --- the Nov 2025+ layout (`Australian_Sanctions_Consolidated_List.xlsx`) ---------------

NEW_HEADER = [
    "Reference",
    "Name of Individual or Entity",
    "Type",
    "Name Type",
    "Alias Strength",
    "Date of Birth",
    "Place of Birth",
    "Citizenship",
    "Address",
    "Additional Information",
    "Listing Information",
    "IMO Number",
    "Committees",
    "Control Date",
    "Instrument of Designation",
    "Targeted Financial Sanction",
    "Travel Ban",
    "Arms Embargo",
    "Maritime Restriction",
]
D = dt.datetime
NEW_ROWS: list[list[object]] = [
    [8577, "Mohammad Salah JOKAR", "Individual", "Primary Name", None, "5 May 1957", "Yazd",
     "Iranian", None, "Commander_x000D_\nof the Basij", "Autonomous Sanctions List 2012", None,
     "Autonomous (Iran)", D(2026, 2, 2), "Amendment Instrument 2026", True, True, False, False],
    ["8577a", "Mohammad Saleh JOKAR", "Individual", "Alias", "Strong", "5 May 1957", "Yazd",
     "Iranian", None, None, "Autonomous Sanctions List 2012", None, "Autonomous (Iran)",
     D(2026, 2, 2), "Amendment Instrument 2026", True, True, False, False],
    ["8577b ", "Jokar", "Individual", "alias ", "Weak", "5 May 1957", "Yazd", "Iranian", None,
     None, "Autonomous Sanctions List 2012", None, "Autonomous (Iran)", D(2026, 2, 2),
     "Amendment Instrument 2026", True, True, False, False],
    ["8577c", "محمد صالح جوکار", "Individual", "Original Script", None, "5 May 1957", "Yazd",
     "Iranian", None, None, "Autonomous Sanctions List 2012", None, "Autonomous (Iran)",
     D(2026, 2, 2), "Amendment Instrument 2026", True, True, False, False],
    [8556, "SAFETY EQUIPMENT PROCUREMENT", "Entity", "Primary Name", None, None, None, None,
     "N/A", None, "Listed on 12 Dec. 2025", None, "1737 (Iran)", D(2025, 12, 12),
     "Charter Regulations 2025", True, False, False, False],
    [8230, "MOCHA", "Vessel", "Primary Name", None, None, None, None, None, None,
     "Designated vessel", 9271951, "Autonomous (Vessels)", D(2025, 6, 18),
     "Vessel Designation 2025", False, False, False, True],
    ["8230a", "MOKHA", "Vessel", "Previously listed as", None, None, None, None, None, None,
     "Designated vessel", 9271951, "Autonomous (Vessels)", D(2025, 6, 18),
     "Vessel Designation 2025", False, False, False, True],
    [None] * 19,
]  # fmt: skip


def _write(path: Path, header: Sequence[Any], rows: list[list[Any]], title: str) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_new_layout(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "Australian_Sanctions_Consolidated_List.xlsx",
        NEW_HEADER,
        NEW_ROWS,
        "Consolidated List",
    )
    assert READER.sniff(path, path.read_bytes()[:4096]) == "au-dfat"
    parsed = READER.read([path], "au-dfat")
    assert parsed.problems == []
    assert isinstance(parsed.published, dt.date)  # openpyxl stamps `modified` on save
    by_id = _by_id(parsed)
    assert sorted(by_id) == ["au-dfat:8230", "au-dfat:8556", "au-dfat:8577"]
    jokar = by_id["au-dfat:8577"]
    assert jokar.schema == "Person"
    assert jokar.get("name") == ("Mohammad Salah JOKAR",)
    assert jokar.get("alias") == ("Mohammad Saleh JOKAR", "محمد صالح جوکار")
    assert jokar.get("weakAlias") == ("Jokar",)
    assert jokar.get("birthDate") == ("1957-05-05",)
    assert jokar.get("nationality") == ("ir",)
    assert jokar.get("birthPlace") == ("Yazd",)
    assert "Commander\nof the Basij" not in jokar.get("notes")
    assert "Commander of the Basij" in jokar.get("notes")  # `_x000D_` artefact removed
    assert "Amendment Instrument 2026" in jokar.get("notes")
    assert jokar.get("modifiedAt") == ("2026-02-02",)
    entity = by_id["au-dfat:8556"]
    assert entity.schema == "LegalEntity"
    assert entity.get("createdAt") == ("2025-12-12",)
    assert entity.get("address") == ()
    assert entity.get("program") == ("1737 (Iran)",)
    vessel = by_id["au-dfat:8230"]
    assert vessel.schema == "Vessel"
    assert vessel.get("imoNumber") == ("9271951",)
    assert vessel.get("previousName") == ("MOKHA",)
    assert vessel.get("program") == ("Autonomous (Vessels)",)
    assert _ftm_invalid(parsed.entities) == []


def test_headers_match_regardless_of_case_spacing_and_slugs(tmp_path: Path) -> None:
    header = [
        "REFERENCE ",
        "name_of_individual_or_entity",
        "type",
        " Name  Type",
        "alias_strength",
        "Date of birth",
    ]
    rows: list[list[Any]] = [
        ["Australian Sanctions Consolidated List"],  # a title row above the header
        header,
        [12, "Ivan PETROV", "individual ", "primary name", None, 1969],
        ["12a", "Vanya", "Individual", "AKA", "weak", 1969],
    ]
    path = _write(tmp_path / "dfat-renamed.xlsx", rows[0], rows[1:], "Sheet1")
    # Renamed file: recognised by DFAT's header texts inside the workbook.
    assert READER.sniff(path, path.read_bytes()[:4096]) == "au-dfat"
    (petrov,) = READER.read([path], "au-dfat").entities
    assert petrov.id == "au-dfat:12"
    assert petrov.get("birthDate") == ("1969",)
    assert petrov.get("weakAlias") == ("Vanya",)


def test_reused_reference_with_its_own_primary_name_is_split(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [5, "First Party", "Entity", "Primary Name"],
        ["5a", "First Alias", "Entity", "aka"],
        [6, "Between", "Entity", "Primary Name"],
        ["5", "Unrelated Party", "Individual", "Primary Name"],
    ]
    path = _write(tmp_path / "regulation8_consolidated.xlsx", NEW_HEADER[:4], rows, "Sheet1")
    parsed = READER.read([path], "au-dfat")
    by_id = _by_id(parsed)
    assert sorted(by_id) == ["au-dfat:5", "au-dfat:5-2", "au-dfat:6"]
    assert by_id["au-dfat:5"].get("alias") == ("First Alias",)
    assert by_id["au-dfat:5-2"].schema == "Person"
    (problem,) = parsed.problems
    assert problem.location == "Sheet1!row 5"
    assert "separate party with id 5-2" in problem.message


def test_bad_cells_are_problems_not_failures(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [
            7,
            "Someone",
            "Individual",
            "Primary Name",
            None,
            "sometime last spring",
            None,
            "Atlantis",
        ],
        ["x", "No Reference", "Individual", "aka"],
        [8, "Mystery", "Thing", "Primary Name"],
    ]
    path = _write(tmp_path / "regulation8_consolidated.xlsx", NEW_HEADER[:8], rows, "Sheet1")
    parsed = READER.read([path], "au-dfat")
    assert [e.id for e in parsed.entities] == ["au-dfat:7", "au-dfat:8"]
    assert parsed.entities[1].schema == "LegalEntity"
    found = {(p.location, p.field, p.value) for p in parsed.problems}
    assert found == {
        ("Sheet1!row 2, Reference 7", "Date of Birth", "sometime last spring"),
        ("Sheet1!row 2, Reference 7", "Citizenship", "Atlantis"),
        ("Sheet1!row 3", "Reference", "x"),
        ("Sheet1!row 4, Reference 8", "Type", "Thing"),
    }


def test_missing_header_names_sheet_and_expected_columns(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "regulation8_consolidated.xlsx",
        ["Reference", "Name", "Type"],
        [[1, "X", "Entity"]],
        "Data",
    )
    with pytest.raises(FormatError) as info:
        READER.read([path], "au-dfat")
    err = info.value
    assert "'Data'" in err.location and "rows 1-10" in err.location
    assert "Reference, Name of Individual or Entity, Type, Name Type" in err.message
    assert "missing Name of Individual or Entity, Name Type" in err.message


def test_empty_and_non_xlsx_files(tmp_path: Path) -> None:
    empty = tmp_path / "regulation8_consolidated.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(FormatError, match="empty"):
        READER.read([empty], "au-dfat")
    text = tmp_path / "Australian_Sanctions_Consolidated_List.xlsx"
    text.write_text("Reference,Name\n1,X\n", encoding="utf-8")
    assert READER.sniff(text, text.read_bytes()) is None
    with pytest.raises(FormatError, match="not a readable xlsx workbook"):
        READER.read([text], "au-dfat")
    header_only = _write(tmp_path / "regulation8_consolidated.xlsx", NEW_HEADER, [], "Sheet1")
    with pytest.raises(FormatError, match="no name rows below the header") as info:
        READER.read([header_only], "au-dfat")
    assert info.value.location == "sheet 'Sheet1', rows 2-"
    blank = _write(tmp_path / "blank.xlsx", [], [], "Sheet1")
    assert READER.sniff(blank, blank.read_bytes()[:4096]) is None
    with pytest.raises(FormatError, match="no header row"):
        READER.read([blank], "au-dfat")
