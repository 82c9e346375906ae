"""FCDO UK Sanctions List XML reader on a hand-written fixture (no real file is stored)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from sanctio.exceptions import FormatError
from sanctio.model import Entity, Problem
from sanctio.sources.base import ParsedList
from sanctio.sources.uk.fcdo import READER


@pytest.fixture(scope="module")
def fixture_path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "uk" / "UK-Sanctions-List.xml"


@pytest.fixture(scope="module")
def parsed(fixture_path: Path) -> ParsedList:
    return READER.read([fixture_path], "uk-fcdo")


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in parsed.entities}


def test_designations_become_entities(parsed: ParsedList) -> None:
    assert parsed.published == dt.date(2025, 4, 14)  # <DateGenerated>
    assert parsed.format == "uk-fcdo-xml" and parsed.source == "uk-fcdo"
    assert [(e.id, e.schema) for e in parsed.entities] == [
        ("uk-fcdo:RUS0251", "Person"),
        ("uk-fcdo:AFG0006", "Person"),
        ("uk-fcdo:RUS1430", "LegalEntity"),
        ("uk-fcdo:DPR0100", "Vessel"),
    ]


def test_person(by_id: dict[str, Entity]) -> None:
    putin = by_id["uk-fcdo:RUS0251"]
    assert putin.get("name") == ("Vladimir Vladimirovich PUTIN",)
    assert putin.get("alias") == ("Vladimir PUTIN", "Владимир Владимирович Путин")
    assert putin.get("weakAlias") == ("Vova",)  # `Low quality a.k.a`
    assert putin.get("firstName") == ("Vladimir",)
    assert putin.get("lastName") == ("PUTIN",)
    assert putin.get("birthDate") == ("1952-10-07",)
    assert putin.get("nationality") == ("ru",)
    assert putin.get("birthPlace") == ("St Petersburg (then Leningrad)",)
    assert putin.get("birthCountry") == ("ru",)
    assert putin.get("gender") == ("male",)
    assert putin.get("programId") == ("RUS0251", "14196")  # UniqueID, OFSIGroupID
    assert putin.get("program") == ("Russia",)
    assert putin.get("createdAt") == ("2022-02-25",)
    assert putin.get("modifiedAt") == ("2023-03-21",)
    assert putin.get("address") == ("Moscow, Russia",)
    assert "Sanctions imposed: Asset freeze; Trust services sanctions; Travel Ban" in putin.get(
        "notes"
    )
    assert putin.get("publisher") == ("FCDO",)


def test_person_documents_and_masked_dates(by_id: dict[str, Entity]) -> None:
    akhund = by_id["uk-fcdo:AFG0006"]
    assert akhund.get("birthDate") == ("1945", "1958-03-01")  # `dd/mm/1945` is a year
    assert akhund.get("passportNumber") == ("P04581926",)  # repeated passport once
    assert akhund.get("idNumber") == ("1729765",)
    assert akhund.get("title") == ("Mullah", "Haji")
    assert akhund.get("alias") == (
        "Mohammad Hasan AKHUND", "Haji Mohammad Hassan", "محمد حسن آخوند"
    )  # fmt: skip
    # `Name6` alone is a whole a.k.a., not a surname.
    assert akhund.get("lastName") == ("AKHUND",)
    assert akhund.get("programId") == ("AFG0006", "7172", "TAi.002")
    assert "Passport details: Afghanistan number, issued on 12 Jan. 2010" in akhund.get("notes")


def test_entity(by_id: dict[str, Entity]) -> None:
    avangard = by_id["uk-fcdo:RUS1430"]
    assert avangard.get("name") == ("AVANGARD JSC",)
    assert avangard.get("alias") == ("OAO AVANGARD", "ОАО Авангард")  # `ALias` casing quirk
    assert avangard.get("previousName") == ("AVANGARD PLASTIK",)
    assert avangard.get("ogrnCode") == ("1027802483070",)
    assert avangard.get("innCode") == ("7804001110",)
    assert avangard.get("registrationNumber") == ("1027802483070", "7804001110")
    assert avangard.get("legalForm") == ("Joint Stock Company",)
    assert avangard.get("email") == ("info@avangard-plastik.ru", "sales@avangard-plastik.ru")
    assert avangard.get("website") == ("http://www.avangard-plastik.ru/en/",)
    assert avangard.get("phone") == ("+7 812 545 3767",)
    assert avangard.get("country") == ("ru",)
    assert [(r.kind, r.target_name) for r in avangard.relations] == [
        ("parent", "JSC Military Industrial Corporation NPO Mashinostroyenia")
    ]


def test_ship(by_id: dict[str, Entity]) -> None:
    ship = by_id["uk-fcdo:DPR0100"]
    assert ship.get("name") == ("SAM JONG 2",)
    assert ship.get("alias") == ("AKTIVA", "RAINBOW CHASER")
    assert ship.get("imoNumber") == ("7408873",)
    assert ship.get("flag") == ("kp",)
    assert ship.get("pastFlags") == ("ru",)
    assert ship.get("type") == ("Oil tanker",)
    assert ship.get("tonnage") == ("1676",)
    assert ship.get("buildDate") == ("1975",)
    assert ship.get("programId") == ("DPR0100", "13651", "KPe.064")
    assert [(r.kind, r.target_name) for r in ship.relations] == [
        ("owner", "Korea Samjong Shipping")
    ]


def test_problems(parsed: ParsedList) -> None:
    found = [(p.location, p.field, p.value) for p in parsed.problems]
    assert found == [
        ("/Designations/Designation[2] (AFG0006)", "DOB", "around the war"),
        ("/Designations/Designation[2] (AFG0006)", "Nationality", "Atlantis"),
        ("/Designations/Designation[5]", "UniqueID", ""),
    ]


def test_valid_followthemoney(
    parsed: ParsedList, assert_ftm_valid: Callable[[Iterable[Entity]], list[Problem]]
) -> None:
    assert assert_ftm_valid(parsed.entities) == []


def test_sniff(fixture_path: Path, lists_dir: Path) -> None:
    assert READER.sniff(fixture_path, fixture_path.read_bytes()[:4096]) == "uk-fcdo"
    un = lists_dir / "un-sc" / "2026-02-27" / "consolidated.xml"
    assert READER.sniff(un, un.read_bytes()[:4096]) is None
    assert READER.sniff(Path("x.xml"), b"\xef\xbb\xbf<!-- c --><Designations/>") == "uk-fcdo"


def test_default_namespace_is_read(tmp_path: Path) -> None:
    path = tmp_path / "UK-Sanctions-List.xml"
    path.write_text(
        '<Designations xmlns="urn:x"><DateGenerated>02/09/2026</DateGenerated><Designation>'
        "<UniqueID>AFG0001</UniqueID><IndividualEntityShip>Entity</IndividualEntityShip>"
        "<Names><Name><Name6>HAJI KHAIRULLAH MONEY EXCHANGE</Name6>"
        "<NameType>Primary Name</NameType></Name></Names></Designation></Designations>",
        encoding="utf-8",
    )
    parsed = READER.read([path], "uk-fcdo")
    assert parsed.published == dt.date(2026, 9, 2)
    assert [e.caption for e in parsed.entities] == ["HAJI KHAIRULLAH MONEY EXCHANGE"]


def test_truncated_xml(fixture_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "UK-Sanctions-List.xml"
    data = fixture_path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(FormatError, match="truncated XML") as err:
        READER.read([path], "uk-fcdo")
    assert err.value.path == str(path)
    assert err.value.location.startswith("line ")


def test_wrong_root(tmp_path: Path) -> None:
    path = tmp_path / "list.xml"
    path.write_text("<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>", encoding="utf-8")
    with pytest.raises(FormatError, match="expected <Designations>") as err:
        READER.read([path], "uk-fcdo")
    assert err.value.location == "/CONSOLIDATED_LIST"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "UK-Sanctions-List.xml"
    path.write_bytes(b"")
    with pytest.raises(FormatError, match="empty"):
        READER.read([path], "uk-fcdo")
