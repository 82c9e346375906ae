"""OFAC Enhanced XML reader: the real CONS_ENHANCED.XML plus tiny edge-case fixtures."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from followthemoney import model

from sanctio.exceptions import FormatError
from sanctio.model import Entity
from sanctio.sources.base import ParsedList
from sanctio.sources.ofac import enhanced_features
from sanctio.sources.ofac.enhanced_xml import READER

CONS = Path("ofac-cons/2025-01-10/CONS_ENHANCED.XML")
_CHECKED_TYPES = {"country", "date", "gender"}


@cache
def _read(path: Path, source: str) -> ParsedList:
    return READER.read([path], source)


@pytest.fixture(scope="module")
def cons(lists_dir: Path) -> ParsedList:
    return _read(lists_dir / CONS, "ofac-cons")


@pytest.fixture(scope="module")
def by_id(cons: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in cons.entities}


@pytest.fixture(scope="module")
def small(fixtures_dir: Path) -> ParsedList:
    return READER.read([fixtures_dir / "ofac_xml" / "small.xml"], "ofac-sdn")


def _ftm_errors(entities: list[Entity]) -> list[str]:
    """Property names unknown to the schema, and country/date/gender values FtM rejects."""
    errors = []
    for entity in entities:
        schema = model.get(entity.schema)
        assert schema is not None, entity.schema
        for name, values in entity.properties.items():
            prop = schema.get(name)
            if prop is None:
                errors.append(f"{entity.id}: {entity.schema} has no property {name}")
                continue
            if prop.type.name in _CHECKED_TYPES:
                errors.extend(
                    f"{entity.id}: {name}={v!r}" for v in values if not prop.type.validate(v)
                )
    return errors


def test_cons_counts_and_publication_date(cons: ParsedList) -> None:
    assert cons.format == "ofac-enhanced-xml"
    assert cons.source == "ofac-cons"
    assert cons.published == dt.date(2025, 1, 10)
    assert len(cons.entities) == 443
    assert Counter(e.schema for e in cons.entities) == {"LegalEntity": 363, "Person": 80}
    assert cons.problems == []


def test_ids_are_the_legacy_ent_num(cons: ParsedList) -> None:
    ids = [e.id for e in cons.entities]
    assert len(set(ids)) == 443
    assert all(re.fullmatch(r"ofac-cons:\d+", i) for i in ids)
    for entity in cons.entities:
        assert entity.get("topics") == ("sanction",)
        assert entity.get("publisher") == ("OFAC",)
        assert len(entity.get("name")) == 1
        assert entity.get("program")
        assert entity.get("createdAt")


def test_individual_dob_citizenship_passport(by_id: dict[str, Entity]) -> None:
    person = by_id["ofac-cons:26182"]
    assert person.schema == "Person"
    assert person.get("name") == ("KAYAKIRAN, Evren",)
    assert person.get("firstName") == ("Evren",)
    assert person.get("lastName") == ("KAYAKIRAN",)
    assert person.get("birthDate") == ("1980-02-08",)
    assert person.get("citizenship") == ("tr",)
    assert person.get("gender") == ("male",)
    assert person.get("passportNumber") == ("U00242309",)
    assert person.get("program") == ("FSE-IR",)
    assert person.get("createdAt") == ("2019-02-07",)


def test_individual_nationality_ids_and_weak_alias(by_id: dict[str, Entity]) -> None:
    person = by_id["ofac-cons:50476"]
    assert person.get("name") == ("MARTELLY, Michel Joseph",)
    assert person.get("middleName") == ("Joseph",)
    assert person.get("nationality") == ("ht",)
    assert person.get("birthDate") == ("1961-02-12",)
    assert person.get("birthPlace") == ("Port-au-Prince, Haiti",)
    assert person.get("alias") == ("MARTELLY, Michael",)
    assert person.get("weakAlias") == ("Sweet Micky",)
    assert set(person.get("idNumber")) == {"0032768386", "M634550610520"}
    assert set(person.get("country")) == {"us", "ht", "do"}


def test_year_only_birth_date_is_a_year(by_id: dict[str, Entity]) -> None:
    person = by_id["ofac-cons:9639"]
    assert person.get("name") == ("HANIYA, Ismail Abdul Salah",)
    assert person.get("birthDate") == ("1962",)
    assert person.get("birthPlace") == ("Shati",)
    assert person.get("createdAt") == ("2006-04-12",)  # earliest list date, not 2014-10-10


def test_entity_registration_numbers_and_names(by_id: dict[str, Entity]) -> None:
    bank = by_id["ofac-cons:17017"]
    assert bank.schema == "LegalEntity"
    assert bank.get("name") == ("BM BANK JSC",)
    assert "1027700159497" in bank.get("registrationNumber")
    assert bank.get("ogrnCode") == ("1027700159497",)
    assert bank.get("okpoCode") == ("29292940",)
    assert bank.get("swiftBic") == ("MOSWRUMM",)
    assert bank.get("country") == ("ru",)
    assert "BANK OF MOSCOW" in bank.get("previousName")
    assert "PAO BM BANK" in bank.get("alias")
    assert bank.get("program") == ("UKRAINE-EO13662", "RUSSIA-EO14024")
    assert bank.get("createdAt") == ("2014-07-29",)
    assert "8/15 Korp. 3 ul. Rozhdestvenka, Moscow, 107996, Russia" in bank.get("address")
    assert any(n.startswith("Sanctions lists: ") and "SDN List" in n for n in bank.get("notes"))
    assert "BIK (RU) 044525219" in bank.get("notes")


def test_cyrillic_translations_are_aliases(by_id: dict[str, Entity]) -> None:
    sber = by_id["ofac-cons:17018"]
    assert "ПАО СБЕРБАНК" in sber.get("alias")
    assert "SBERBANK OF RUSSIA" in sber.get("alias")
    cyrillic = [a for e in by_id.values() for a in e.get("alias") if re.search("[а-яА-Я]", a)]
    assert len(cyrillic) >= 30


def test_low_quality_names_are_weak_aliases(cons: ParsedList) -> None:
    weak = [w for e in cons.entities for w in e.get("weakAlias")]
    # 70 names carry isLowQuality=true; one of them also has a Cyrillic translation.
    assert len(weak) == 71
    assert len([w for w in weak if w.isascii()]) == 70
    assert "ОАО РЖД" in weak


def test_relationships_are_links_resolved_in_the_file(cons: ParsedList) -> None:
    ids = {e.id for e in cons.entities}
    relations = [(e, r) for e in cons.entities for r in e.relations]
    assert len(relations) == 283
    resolved = [r for _, r in relations if r.target_id is not None]
    assert len(resolved) == 282
    assert all(r.target_id in ids for r in resolved)
    assert all(r.target_name for _, r in relations)
    bank = next(e for e in cons.entities if e.id == "ofac-cons:17017")
    assert [(r.kind, r.target_name, r.target_id) for r in bank.relations] == [
        ("Owned or Controlled By", "VTB BANK PUBLIC JOINT STOCK COMPANY", "ofac-cons:17013")
    ]
    unresolved = [(e.id, r.target_name) for e, r in relations if r.target_id is None]
    assert unresolved == [("ofac-cons:9647", "HAMAS")]


def test_every_entity_validates_against_followthemoney(cons: ParsedList) -> None:
    assert _ftm_errors(cons.entities) == []


def test_property_table_matches_followthemoney() -> None:
    for schema, props in enhanced_features.PROPS.items():
        ftm = model.get(schema)
        assert ftm is not None
        assert sorted(p for p in props if ftm.get(p) is None) == [], schema
    assert set(enhanced_features.SCHEMAS.values()) == set(enhanced_features.PROPS)


def test_truncated_copy_raises_format_error(lists_dir: Path, tmp_path: Path) -> None:
    data = (lists_dir / CONS).read_bytes()
    cut = tmp_path / "CONS_ENHANCED.XML"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(FormatError) as info:
        READER.read([cut], "ofac-cons")
    err = info.value
    assert err.path == str(cut)
    last_line = data[: len(data) // 2].count(b"\n") + 1
    assert err.location == f"line {last_line}"
    assert str(cut) in str(err) and "</sanctionsData>" in err.message


def test_truncated_fixture_names_file_and_line(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ofac_xml" / "truncated.xml"
    with pytest.raises(FormatError, match=r"truncated\.xml: line 31: malformed XML"):
        READER.read([path], "ofac-sdn")


def test_wrong_root_raises_format_error(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ofac_xml" / "wrong_root.xml"
    with pytest.raises(FormatError) as info:
        READER.read([path], "ofac-sdn")
    assert info.value.location == "line 2, element <sdnList>"


def test_sniff_by_name_and_content(lists_dir: Path, fixtures_dir: Path, tmp_path: Path) -> None:
    head = (lists_dir / CONS).read_bytes()[:4096]
    assert READER.sniff(lists_dir / CONS, head) == "ofac-cons"
    sdn = tmp_path / "SDN_ENHANCED.XML"
    shutil.copyfile(fixtures_dir / "ofac_xml" / "small.xml", sdn)
    assert READER.sniff(sdn, sdn.read_bytes()[:4096]) == "ofac-sdn"
    small = fixtures_dir / "ofac_xml" / "small.xml"
    assert READER.sniff(small, small.read_bytes()[:4096]) == "ofac-sdn"  # from the filter
    wrong = fixtures_dir / "ofac_xml" / "wrong_root.xml"
    assert READER.sniff(wrong, wrong.read_bytes()[:4096]) is None
    assert READER.sniff(Path("CONS_ENHANCED.XML"), b"<CONSOLIDATED_LIST>") is None
    assert not READER.companion(lists_dir / CONS)


def test_fixture_with_other_namespace_and_prefix(small: ParsedList) -> None:
    assert small.published == dt.date(2024, 3, 1)
    schemas = {e.id: e.schema for e in small.entities}
    assert schemas == {
        "ofac-sdn:100": "Vessel",
        "ofac-sdn:200": "Person",
        "ofac-sdn:300": "Airplane",
        "ofac-sdn:400": "LegalEntity",
    }
    assert _ftm_errors(small.entities) == []


def test_fixture_vessel_and_aircraft(small: ParsedList) -> None:
    vessel, _, plane, _ = small.entities
    assert vessel.get("imoNumber") == ("IMO 1234567",)
    assert vessel.get("mmsi") == ("123456789",)
    assert vessel.get("callSign") == ("ABC123",)
    assert vessel.get("flag") == ("pa",)
    assert vessel.get("type") == ("Crude Oil Tanker",)
    assert vessel.get("previousName") == ("OLD SHIP",)
    assert "Website www.testship.example" in vessel.get("notes")  # no website on Vessel
    assert [(r.target_name, r.target_id) for r in vessel.relations] == [
        ("IVANOVA, Anna Petrovna", "ofac-sdn:200"),
        ("ELSEWHERE LLC", None),
    ]
    assert plane.get("model") == ("Airbus A340-313",)
    assert plane.get("registrationNumber") == ("EP-TST",)


def test_fixture_person_dates_names_and_problems(small: ParsedList) -> None:
    person = small.entities[1]
    assert person.get("birthDate") == ("1958", "1959", "1960", "1970-03")
    assert person.get("alias") == ("ИВАНОВА, Анна Петровна",)
    assert person.get("weakAlias") == ("ANYA",)
    assert person.get("fatherName") == ("Petrovna",)
    assert person.get("nationality") == ("ru",)  # from the referenceValue isoCode
    assert person.get("gender") == ("female",)
    assert person.get("passportNumber") == ("751234567",)
    assert person.get("taxNumber") == ("771234567890",)
    assert person.get("innCode") == ("771234567890",)
    assert person.get("createdAt") == ("2019-11-30",)
    assert person.get("address") == ("1 Test Prospekt, Moscow, Russia",)
    assert [(p.field, p.value) for p in small.problems] == [
        ("address/country", "Ruritania"),
        ("Birthdate", "sometime"),
        ("entityType", "Submarine"),
    ]
    assert all(p.location.startswith("entity ") for p in small.problems)


def test_decode_dates() -> None:
    decode = enhanced_features.decode_dates
    assert [d.iso() for d in decode("1980-02-08", "1980-02-08", "1980-02-08", "1980-02-08")] == [
        "1980-02-08"
    ]
    assert [d.iso() for d in decode("1962-01-01", "1962-01-01", "1962-12-31", "1962-12-31")] == [
        "1962"
    ]
    assert [d.iso() for d in decode("1961-01-01", "", "", "1962-12-31")] == ["1961", "1962"]
    assert [d.iso() for d in decode("1962-03-01", "", "", "1963-02-28")] == ["1962-03", "1963-02"]
    assert [d.iso() for d in decode("1966-07-07", "", "", "1966-07-09")] == [
        "1966-07-07",
        "1966-07-09",
    ]
    with pytest.raises(ValueError):
        decode("", "", "", "")
