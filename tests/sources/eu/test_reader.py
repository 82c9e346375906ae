"""EU FSF XML 1.1: the fixture built from the documented structure and the real 2018 excerpt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from followthemoney import model

from sanctio.exceptions import FormatError
from sanctio.model import Entity, Problem
from sanctio.sources.base import ParsedList
from sanctio.sources.eu.reader import READER
from sanctio.sources.ftm.export import export_entities

FIXTURE = "eu/xmlFullSanctionsList_1_1.xml"
NS = "http://eu.europa.ec/fpi/fsd/export"


@pytest.fixture(scope="module")
def parsed(fixtures_dir: Path) -> ParsedList:
    return READER.read([fixtures_dir / FIXTURE], "eu-fsf")


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in parsed.entities}


def _export(path: Path, entities: str, generated: str = "2024-05-06T10:00:00.000+02:00") -> Path:
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<export xmlns="{NS}" '
        f'generationDate="{generated}" globalFileId="1">{entities}</export>\n',
        encoding="utf-8",
    )
    return path


def test_fixture_counts_and_published(parsed: ParsedList, fixtures_dir: Path) -> None:
    path = fixtures_dir / FIXTURE
    assert READER.sniff(path, path.read_bytes()[:4096]) == "eu-fsf"
    assert parsed.format == "eu-fsf-xml"
    assert parsed.published == dt.date(2018, 12, 21)  # export@generationDate
    assert [e.id for e in parsed.entities] == [
        "eu-fsf:EU.36.64",
        "eu-fsf:EU.3523.13",
        "eu-fsf:EU.9001.77",
        "eu-fsf:EU.9002.15",
        "eu-fsf:logical-140300",  # no euReferenceNumber: keyed on logicalId
    ]
    assert [e.schema for e in parsed.entities] == [
        "Person", "Organization", "Person", "Organization", "Person",
    ]  # fmt: skip
    assert all(e.get("topics") == ("sanction",) for e in parsed.entities)


def test_real_2018_excerpt_mugabe(parsed: ParsedList) -> None:
    mugabe = _by_id(parsed)["eu-fsf:EU.36.64"]
    assert mugabe.get("name") == ("Robert Gabriel Mugabe",)
    assert mugabe.get("firstName") == ("Robert",)
    assert mugabe.get("middleName") == ("Gabriel",)
    assert mugabe.get("lastName") == ("Mugabe",)
    assert mugabe.get("gender") == ("male",)
    assert mugabe.get("position") == ("Former President",)
    assert mugabe.get("birthDate") == ("1924-02-21",)
    assert mugabe.get("birthPlace") == ()  # countryIso2Code="00" / UNKNOWN dropped
    assert mugabe.get("birthCountry") == ()
    assert mugabe.get("passportNumber") == ("AD001095",)
    assert mugabe.get("program") == ("ZWE",)
    assert mugabe.get("createdAt") == ("2018-02-16",)  # the amendment's entryIntoForceDate


def test_language_variants_are_aliases(parsed: ParsedList) -> None:
    ibda = _by_id(parsed)["eu-fsf:EU.3523.13"]
    assert ibda.get("name") == ("İslami Büyük Doğu Akıncılar Cephesi",)  # first nameAlias
    assert ibda.get("alias") == (
        "Great Islamic Eastern Warriors Front",
        "Фронт на великите ислямски източни воини",
        "Grande Frente Islâmica Oriental de Combatentes",
        "Μέγα Ισλαµικό Μέτωπο των Πολεµιστών της Ανατολής",
        "Front islamique des combattants du Grand Orient",
        "IBDA-C",
    )
    assert ibda.get("program") == ("TERR",)


def test_partial_dates_weak_aliases_and_identifiers(parsed: ParsedList) -> None:
    petrov = _by_id(parsed)["eu-fsf:EU.9001.77"]
    assert petrov.get("name") == ("Ivan Ivanovich Petrov",)
    assert petrov.get("alias") == ("Иван Иванович Петров", "Ioannis Petrov")
    # strong="false", and a strong one whose remark says "Low quality alias".
    assert petrov.get("weakAlias") == ("Ivan the Terrible", "Vanya")
    # year only; a circa range 1962-1963; year + unpadded month; a place-only birthdate.
    assert petrov.get("birthDate") == ("1961", "1962", "1963", "1960-04")
    assert petrov.get("birthPlace") == ("Donetsk, UKRAINE", "Makiivka")
    assert petrov.get("birthCountry") == ("ua",)
    assert petrov.get("nationality") == ("ru",)  # the "00"/UNKNOWN citizenship dropped
    assert petrov.get("title") == ("Colonel", "Dr.")
    assert petrov.get("position") == ("Commander", "Deputy Minister")
    assert petrov.get("passportNumber") == ("7512345678",)
    assert petrov.get("taxNumber") == ("771234567890",)
    assert petrov.get("phone") == ("+7 495 000 00 00", "+7 495 000 00 01")
    assert petrov.get("email") == ("petrov@example.org",)
    assert petrov.get("address") == ("Tverskaya Street 1, 125009, Moscow, RUSSIAN FEDERATION",)
    # designationDate and the earliest regulation; the latest regulation as modifiedAt.
    assert petrov.get("createdAt") == ("2022-02-25",)
    assert petrov.get("modifiedAt") == ("2023-03-15",)
    assert petrov.get("notes") == ("Associated with an armed group.", "Head of a militia.")


def test_enterprise_identifications(parsed: ParsedList) -> None:
    company = _by_id(parsed)["eu-fsf:EU.9002.15"]
    assert company.get("registrationNumber") == ("1027800000000",)
    assert company.get("swiftBic") == ("EXSHRUMM",)
    assert company.get("imoNumber") == ("9123456",)
    assert company.get("country") == ("ru",)
    assert company.get("website") == ("www.example-shipping.ru",)
    assert company.get("address") == (
        "Nevsky Prospekt 10, PO Box 45, 191186, Saint Petersburg, RUSSIAN FEDERATION",
    )
    assert company.get("createdAt") == ("2022-04-08",)  # designationDate before 2022-04-09
    assert "Shipping and maritime transport" in company.get("notes")  # @function


def test_bad_values_are_problems(parsed: ParsedList) -> None:
    abu = _by_id(parsed)["eu-fsf:logical-140300"]
    assert abu.get("title") == ("Mullah", "Maulavi")
    assert abu.get("birthDate") == ()
    assert "UN reference number: QDe.999" in abu.get("notes")
    assert [(p.location, p.field, p.value) for p in parsed.problems] == [
        ("sanctionEntity 5 (line 104, logicalId 140300)", "citizenship/countryDescription",
         "ATLANTIS"),
        ("sanctionEntity 5 (line 104, logicalId 140300)", "birthdate", 'birthdate="1975-02-30"'),
    ]  # fmt: skip


def test_fixture_validates_with_followthemoney(parsed: ParsedList) -> None:
    dropped: list[Problem] = []
    for data in export_entities(parsed.entities, dropped=dropped):
        schema = model.get(data["schema"])
        assert schema is not None
        model.get_proxy(data, cleaned=False)
        for name, values in data["properties"].items():
            prop = schema.get(name)
            assert prop is not None, (data["id"], name)
            assert all(prop.type.validate(v) for v in values), (data["id"], name, values)
    assert dropped == []


def test_duplicate_reference_falls_back_to_logical_id(tmp_path: Path) -> None:
    entry = (
        '<sanctionEntity euReferenceNumber="EU.1.1" logicalId="{id}">'
        '<subjectType code="person" classificationCode="P"/>'
        '<nameAlias wholeName="Name {id}" strong="true"/></sanctionEntity>'
    )
    path = _export(tmp_path / "x.xml", entry.format(id=10) + entry.format(id=11))
    parsed = READER.read([path], "eu-fsf")
    assert [e.id for e in parsed.entities] == ["eu-fsf:EU.1.1", "eu-fsf:logical-11"]
    assert parsed.published == dt.date(2024, 5, 6)
    (problem,) = parsed.problems
    assert problem.field == "euReferenceNumber"


def test_malformed_xml_names_the_line(tmp_path: Path, fixtures_dir: Path) -> None:
    data = (fixtures_dir / FIXTURE).read_bytes()
    path = tmp_path / "xmlFullSanctionsList_1_1.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(FormatError) as info:
        READER.read([path], "eu-fsf")
    assert info.value.location.startswith("line ")
    assert "malformed XML" in info.value.message
    path.write_bytes(data.replace(b"</nameAlias>", b"</nameAlia>", 1))
    with pytest.raises(FormatError, match="malformed XML"):
        READER.read([path], "eu-fsf")


def test_wrong_root_empty_and_no_entries(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<?xml version='1.0'?>\n<data-set><record/></data-set>\n", encoding="utf-8")
    assert READER.sniff(other, other.read_bytes()) is None
    with pytest.raises(FormatError, match="expected the root element <export"):
        READER.read([other], "eu-fsf")
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    with pytest.raises(FormatError, match="empty"):
        READER.read([empty], "eu-fsf")
    with pytest.raises(FormatError, match="no <sanctionEntity> elements"):
        READER.read([_export(tmp_path / "none.xml", "")], "eu-fsf")
