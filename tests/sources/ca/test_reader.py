"""Canada SEMA list: the real 2020 file, the 2025 schema fixture, stable ids, bad input."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from followthemoney import model

from sanctio.exceptions import FormatError
from sanctio.model import Entity, Problem
from sanctio.sources.base import ParsedList
from sanctio.sources.ca import keys
from sanctio.sources.ca.aliases import split_aliases
from sanctio.sources.ca.reader import READER
from sanctio.sources.ftm.export import export_entities

REAL = "ca-sema/2020-04-15/sema-lmes.xml"
FIXTURE = "ca/sema-lmes-2025.xml"


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> ParsedList:
    return READER.read([lists_dir / REAL], "ca-sema")


def _by_name(parsed: ParsedList) -> dict[str, Entity]:
    return {e.first("name") or "": e for e in parsed.entities}


def _assert_ftm_valid(entities: list[Entity]) -> None:
    dropped: list[Problem] = []
    for data in export_entities(entities, dropped=dropped):
        schema = model.get(data["schema"])
        assert schema is not None
        model.get_proxy(data, cleaned=False)
        for name, values in data["properties"].items():
            prop = schema.get(name)
            assert prop is not None, (data["id"], name)
            assert all(prop.type.validate(v) for v in values), (data["id"], name, values)
    assert dropped == []


def _write(path: Path, records: list[str]) -> Path:
    body = "".join(f"<record>{r}</record>" for r in records)
    path.write_text(f'<?xml version="1.0"?>\n<data-set>{body}</data-set>\n', encoding="utf-8")
    return path


def test_real_file_counts(real: ParsedList, lists_dir: Path) -> None:
    # 1369 records, 1369 entities: no two records share regime and name, so no record
    # is merged or disambiguated.
    assert len(real.entities) == 1369
    assert len({e.id for e in real.entities}) == 1369
    assert Counter(e.schema for e in real.entities) == {"Person": 985, "LegalEntity": 384}
    assert real.published is None  # the file carries no date
    assert real.problems == []
    assert real.format == "ca-sema-xml"
    assert READER.sniff(lists_dir / REAL, (lists_dir / REAL).read_bytes()[:4096]) == "ca-sema"
    programs = Counter(e.first("program") for e in real.entities)
    assert programs["Syria"] == 281
    assert programs["Venezuela"] == 96  # `Venezuela ` with a trailing space
    jvcfor = "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)"
    assert programs[jvcfor] == 70
    assert sum(1 for e in real.entities if e.id.startswith("ca-sema:jvcfor-")) == 70


def test_known_person_and_entity(real: ParsedList) -> None:
    by_name = _by_name(real)
    akimov = by_name["Andrey Igorevich AKIMOV"]
    assert akimov.id == "ca-sema:russia-a78bd65ddc"
    assert akimov.schema == "Person"
    assert akimov.get("firstName") == ("Andrey Igorevich",)
    assert akimov.get("lastName") == ("AKIMOV",)
    assert akimov.get("birthDate") == ("1953-09-22",)
    assert akimov.get("program") == ("Russia",)
    assert akimov.get("notes") == ("Russia: Schedule 1, Item 94",)
    # `Aliases` = " Andrei ": a given-name variant, completed with the rest of the name.
    assert akimov.get("alias") == ("Andrei Igorevich AKIMOV",)
    bagan = by_name["Air Bagan"]
    assert bagan.schema == "LegalEntity"
    assert bagan.get("alias") == ("Air Bagan Holdings Pte. Ltd.", "Air Bagan Limited")
    assert bagan.get("program") == ("Burma",)
    htoo = by_name["Htoo Furniture"]
    assert htoo.get("alias") == (
        "Htoo Wood",
        "Htoo Wood Products",
        "Htoo Wood Products Pte. Limited",
        "Htoo Wood-Based Industry",
    )


def test_person_alias_fragments(real: ParsedList) -> None:
    by_name = _by_name(real)
    assert by_name["Natalya Aleksandrovna PASHCHENKO"].get("alias") == (
        "Natalya Aleksandrovna PASHENKO",  # surname variant `PASHENKO`
    )
    salyaev = by_name["Aleksey Mikhailovich SALYAEV"]  # `Aleksei, Oleksii SALYAYEV, SALIAIEV`
    assert salyaev.get("alias") == (
        "Aleksei Mikhailovich SALYAEV",
        "Oleksii SALYAYEV",
        "Aleksey Mikhailovich SALIAIEV",
    )
    pavlov = by_name["Arseny PAVLOV"]
    assert pavlov.get("alias") == ()
    assert pavlov.get("weakAlias") == ("Motorola",)  # a nickname: matched only exactly
    assert by_name["Pavel DREMOV"].get("weakAlias") == ("Batya", "Kazak")
    # Mixed-case surnames (Syria): full-name aliases as written.
    assert by_name["Asma Al Assad"].get("alias") == ("Asma Fawaz Al Akhras",)


def test_dates_titles_and_bilingual_names(real: ParsedList) -> None:
    by_name = _by_name(real)
    dates = [e.get("birthDate") for e in real.entities if e.get("birthDate")]
    assert len(dates) == 212
    assert ("1972-08-10", "1972-08-11") in dates  # `1972-08-10 or 1972-08-11`
    assert ("1964-03",) in dates
    thaung = by_name["Thaung"]  # LastName without GivenName
    assert thaung.get("lastName") == ("Thaung",)
    assert thaung.get("firstName") == ()
    assert thaung.get("birthDate") == ("1937-07-06",)
    army = by_name["Iranian Army"]
    assert army.get("alias") == ("Armée iranienne",)
    mec = by_name["MEC Steel Mills (Hmaw Bi/Pyi/Ywama)"]  # `/` inside brackets: one name
    assert mec.get("alias") == ()
    # `Major General/major-général` x13: both halves kept as titles.
    titled = [e for e in real.entities if e.get("title") == ("Major General", "major-général")]
    assert len(titled) == 13


def test_ids_survive_renumbering_reordering_and_respacing(tmp_path: Path) -> None:
    first = _write(
        tmp_path / "v1.xml",
        [
            "<Country>Russia / Russie</Country><LastName>AKIMOV</LastName>"
            "<GivenName>Andrey Igorevich</GivenName><Schedule>1</Schedule><Item>94</Item>",
            "<Country>Burma / Birmanie</Country><Entity>Air Bagan</Entity>"
            "<Schedule>1</Schedule><Item>1</Item>",
        ],
    )
    second = _write(
        tmp_path / "v2.xml",
        [
            "<Country>Burma / Birmanie </Country><Entity>AIR  BAGAN</Entity>"
            "<Schedule>2</Schedule><Item>7</Item>",
            "<Country>Russia / Russie</Country><LastName>Akimov\xa0</LastName>"
            "<GivenName>Andrey  Igorevich</GivenName><Schedule>1</Schedule><Item>12</Item>",
        ],
    )
    ids1 = {e.id for e in READER.read([first], "ca-sema").entities}
    ids2 = {e.id for e in READER.read([second], "ca-sema").entities}
    assert ids1 == ids2 == {"ca-sema:russia-a78bd65ddc", "ca-sema:burma-e39eb17785"}
    assert keys.party_id("Russia / Russie", "AKIMOV Andrey Igorevich") == "russia-a78bd65ddc"


def test_fixture_2025_schema(fixtures_dir: Path) -> None:
    path = fixtures_dir / FIXTURE
    assert READER.sniff(path, path.read_bytes()[:4096]) == "ca-sema"
    parsed = READER.read([path], "ca-sema")
    assert len(parsed.entities) == 8
    assert len({e.id for e in parsed.entities}) == 8
    by_name = _by_name(parsed)
    medvedev = parsed.entities[0]
    assert medvedev.get("birthDate") == ("1965-09-14",)  # %d-%m-%Y
    assert medvedev.get("createdAt") == ("2022-02-24",)
    assert medvedev.get("title") == ("Deputy Chairman", "vice-président")
    assert medvedev.get("alias") == (
        "Dmitri Anatolyevich MEDVEDEV",
        "Dmitrii Anatolevich MEDVEDEV",
        "Дмитрий Анатольевич Медведев",  # after the `Russian:` label
    )
    mishchanka = by_name["Aleh Ryhoravich MISHCHANKA"]
    assert mishchanka.get("alias") == ("Алег Рыгоравiч МIШЧАНКА", "Олег Григорьевич Мищенко")
    assert mishchanka.get("createdAt") == ("2022-03",)  # %b-%y
    assert mishchanka.get("program") == ("Belarus",)
    bank = by_name["Joint Stock Company Bank Rossiya"]
    assert bank.get("alias") == (
        "Société par actions Bank Rossiya",
        "Bank Rossiya JSC",
        "AB Rossiya",
        "Rossiya Bank",
    )
    sovcomflot = by_name["Sovcomflot Trading Co., Ltd."]
    assert sovcomflot.get("alias") == ("SCF Trading Co., Ltd.", "Sovcomflot Trade")
    ship = by_name["SIG"]
    assert ship.schema == "Vessel"
    assert ship.get("imoNumber") == ("9283112",)
    assert ship.get("buildDate") == ("2004-01-31",)  # Excel serial 38017
    assert ship.get("type") == ("Crude oil tanker",)
    assert ship.id == "ca-sema:" + keys.vessel_id("Russia / Russie", "9283112")
    assert by_name["CHAMPION"].get("buildDate") == ("2005-01",)  # `Jan-05`
    dagalo = by_name["DAGALO"]
    assert dagalo.get("notes") == ("Sudan: Item 7",)  # Schedule N/A left out
    problems = [(p.location, p.field, p.value) for p in parsed.problems]
    assert problems == [
        ("record 7 (line 63)", "DateOfBirthOrShipBuildDate", "born in the early 1970s"),
        ("record 8 (line 71)", "id", "Dmitry Anatolyevich MEDVEDEV"),
    ]
    assert "told apart by date of birth" in parsed.problems[1].message
    namesakes = [e for e in parsed.entities if e.first("name") == "Dmitry Anatolyevich MEDVEDEV"]
    assert len({e.id for e in namesakes}) == 2
    _assert_ftm_valid(parsed.entities)


def test_real_file_validates_with_followthemoney(real: ParsedList) -> None:
    _assert_ftm_valid(real.entities)


def test_alias_splitting_keeps_legal_forms() -> None:
    assert split_aliases("Foo Trading Co., Ltd., Bar Limited; Baz (also known as Qux)") == [
        "Foo Trading Co., Ltd.",
        "Bar Limited",
        "Baz",
        "Qux",
    ]
    assert split_aliases("ALIAS: One; Arabic: اثنان") == ["One", "اثنان"]


def test_truncated_xml_names_the_line(tmp_path: Path, lists_dir: Path) -> None:
    data = (lists_dir / REAL).read_bytes()
    path = tmp_path / "sema-lmes.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(FormatError) as info:
        READER.read([path], "ca-sema")
    assert info.value.location.startswith("line ")
    assert "malformed XML" in info.value.message


def test_wrong_root_empty_file_and_no_records(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<?xml version='1.0'?>\n<CONSOLIDATED_LIST><x/></CONSOLIDATED_LIST>\n")
    assert READER.sniff(other, other.read_bytes()) is None
    with pytest.raises(FormatError, match="expected the root element <data-set>") as info:
        READER.read([other], "ca-sema")
    assert info.value.location == "line 2, element <CONSOLIDATED_LIST>"
    empty = tmp_path / "sema-lmes.xml"
    empty.write_bytes(b"")
    with pytest.raises(FormatError, match="empty"):
        READER.read([empty], "ca-sema")
    bare = _write(tmp_path / "bare.xml", [])
    with pytest.raises(FormatError, match="no <record> elements"):
        READER.read([bare], "ca-sema")


def test_unknown_fields_are_reported_once(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "sema-lmes.xml",
        [
            "<Country>Iran</Country><Entity>A Co.</Entity><Remarks>x</Remarks><Item>1</Item>",
            "<Country>Iran</Country><Entity>B Co.</Entity><Remarks>y</Remarks><Item>2</Item>",
        ],
    )
    parsed = READER.read([path], "ca-sema")
    assert len(parsed.entities) == 2
    assert [(p.location, p.field, p.value) for p in parsed.problems] == [
        ("record 1 (line 2)", "Remarks", "x")
    ]
