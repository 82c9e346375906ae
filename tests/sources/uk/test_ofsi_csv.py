"""OFSI ConList CSV reader: the real 2018 file (pre-2022 layout) and broken variants."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from sanctio.exceptions import FormatError
from sanctio.model import Entity, Problem
from sanctio.sources.base import ParsedList
from sanctio.sources.uk.ofsi_csv import READER

HEADER_2018 = (
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,"
    "Nationality,Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address 4,"
    "Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,"
    "Listed On,Last Updated,Group ID"
)


@pytest.fixture(scope="module")
def path_2018(lists_dir: Path) -> Path:
    return lists_dir / "uk-ofsi" / "2018-04-13" / "sanctionsconlist.csv"


@pytest.fixture(scope="module")
def parsed_2018(path_2018: Path) -> ParsedList:
    return READER.read([path_2018], "uk-ofsi")


@pytest.fixture(scope="module")
def by_id(parsed_2018: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in parsed_2018.entities}


def _row(**cells: str) -> str:
    names = HEADER_2018.split(",")
    values = [cells.get(n.replace(" ", "_").replace("/", "_"), "") for n in names]
    return ",".join(f'"{v}"' if "," in v else v for v in values)


def _write(
    tmp_path: Path, text: str, name: str = "sanctionsconlist.csv", enc: str = "cp1252"
) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(enc))
    return path


def test_counts_and_date_match_sources_md(parsed_2018: ParsedList) -> None:
    assert parsed_2018.published == dt.date(2018, 4, 13)
    assert len(parsed_2018.entities) == 2106  # distinct Group IDs (SOURCES.md)
    assert len({e.id for e in parsed_2018.entities}) == 2106
    assert Counter(e.schema for e in parsed_2018.entities) == {"Person": 1426, "LegalEntity": 680}
    assert parsed_2018.format == "uk-ofsi-csv" and parsed_2018.source == "uk-ofsi"


def test_person_folded_from_rows(by_id: dict[str, Entity]) -> None:
    kim = by_id["uk-ofsi:13562"]
    assert kim.schema == "Person"
    assert kim.get("name") == ("Kim Kyong IL",)  # given names first; spaces cleaned
    assert kim.get("alias") == ("Kim KYO'NG-IL",)
    assert kim.get("firstName") == ("Kim Kyong", "Kim")
    assert kim.get("lastName") == ("IL", "KYO'NG-IL")
    assert kim.get("birthDate") == ("1979-08-01",)
    assert kim.get("passportNumber") == ("836210029",)  # picked out of `Passport No. 836210029`
    assert kim.get("programId") == ("KPI.067",)  # `UN Ref.KPI.067.` in Other Information
    assert kim.get("createdAt") == ("2017-12-22",)
    assert kim.get("modifiedAt") == ("2018-01-09",)
    assert kim.get("program") == ("North Korea (Democratic People's Republic of Korea)",)
    assert kim.get("publisher") == ("OFSI",)


def test_rows_exploded_per_dob_are_deduplicated(by_id: dict[str, Entity]) -> None:
    qahtani = by_id["uk-ofsi:13349"]
    assert qahtani.get("birthDate") == ("1980", "1981")  # `00/00/1980`, `00/00/1981`
    assert qahtani.get("nationality") == ("sa", "qa")  # `1) Saudi Arabia 2) Qatar`
    assert len(qahtani.get("notes")) == len(set(qahtani.get("notes")))


def test_windows_1252_text_is_decoded(by_id: dict[str, Entity]) -> None:
    assert "Abdallah AL-MU’AYYAD" in by_id["uk-ofsi:13190"].names()


def test_fka_becomes_previous_name(by_id: dict[str, Entity]) -> None:
    assert "AL-QAIDA IN YEMEN (AQY)" in by_id["uk-ofsi:11044"].get("previousName")


def test_valid_followthemoney(
    parsed_2018: ParsedList, assert_ftm_valid: Callable[[Iterable[Entity]], list[Problem]]
) -> None:
    assert assert_ftm_valid(parsed_2018.entities) == []


def test_problems_are_few_and_located(parsed_2018: ParsedList) -> None:
    # Country cells holding towns or regions (`Tartous`, `Autonomous SSR`), one per value.
    assert 0 < len(parsed_2018.problems) <= 15
    for problem in parsed_2018.problems:
        assert problem.location.startswith("line ")
        assert problem.field in {"Nationality", "Country", "Country of Birth"}


def test_sniff(path_2018: Path, lists_dir: Path) -> None:
    assert READER.sniff(path_2018, path_2018.read_bytes()[:4096]) == "uk-ofsi"
    sdn = lists_dir / "ofac-sdn" / "2021-07-07" / "sdn.csv"
    assert READER.sniff(sdn, sdn.read_bytes()[:4096]) is None
    xlsx = lists_dir / "uk-ofsi" / "2025-04-14" / "ConList.xlsx"
    assert READER.sniff(xlsx, xlsx.read_bytes()[:4096]) is None


def test_tiny_file_in_utf8_with_bom(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "Last Updated,01/02/2020" + "," * 27,
            HEADER_2018,
            _row(Name_6="ZYX", Name_1="Ann", DOB="00/00/1970", Group_Type="Individual",
                 Alias_Type="Prime Alias", Regime="Test", Listed_On="01/01/2019",
                 Last_Updated="02/01/2019", Group_ID="1"),
            "",
        ]
    )  # fmt: skip
    path = tmp_path / "ConList.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert READER.sniff(path, path.read_bytes()[:4096]) == "uk-ofsi"
    parsed = READER.read([path], "uk-ofsi")
    assert parsed.published == dt.date(2020, 2, 1)
    (entity,) = parsed.entities
    assert (entity.id, entity.first("name"), entity.get("birthDate")) == (
        "uk-ofsi:1",
        "Ann ZYX",
        ("1970",),
    )


def test_empty_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "")
    with pytest.raises(FormatError, match="empty") as err:
        READER.read([path], "uk-ofsi")
    assert err.value.path == str(path)


def test_wrong_column_count_names_the_line(tmp_path: Path) -> None:
    good = _row(Name_6="A", Group_Type="Entity", Alias_Type="Prime Alias", Group_ID="7")
    text = "\n".join(["Last Updated,13/04/2018", HEADER_2018, good, "B,,,Entity,7", ""])
    path = _write(tmp_path, text)
    with pytest.raises(FormatError) as err:
        READER.read([path], "uk-ofsi")
    assert err.value.path == str(path)
    assert err.value.location == "line 4"
    assert "5 columns; expected 29" in err.value.message


def test_broken_quoting_names_the_line(tmp_path: Path) -> None:
    text = "\n".join(["Last Updated,13/04/2018", HEADER_2018, '"A,,unterminated', ""])
    with pytest.raises(FormatError) as err:
        READER.read([_write(tmp_path, text)], "uk-ofsi")
    assert err.value.location == "line 3"


def test_missing_title_row(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER_2018 + "\n")
    with pytest.raises(FormatError, match="Last Updated") as err:
        READER.read([path], "uk-ofsi")
    assert err.value.location == "line 1"


def test_missing_header_column(tmp_path: Path) -> None:
    header = HEADER_2018.replace(",Group ID", "")
    path = _write(tmp_path, "Last Updated,13/04/2018\n" + header + "\n")
    with pytest.raises(FormatError, match="missing Group ID") as err:
        READER.read([path], "uk-ofsi")
    assert err.value.location == "line 2"


def test_bytes_in_neither_encoding(tmp_path: Path) -> None:
    path = tmp_path / "sanctionsconlist.csv"
    # 0x81 is undefined in Windows-1252 and invalid as UTF-8.
    path.write_bytes(b"Last Updated,13/04/2018\n" + HEADER_2018.encode() + b"\nA\x81B\n")
    with pytest.raises(FormatError, match="UTF-8 or Windows-1252") as err:
        READER.read([path], "uk-ofsi")
    assert err.value.location.startswith("byte ")
