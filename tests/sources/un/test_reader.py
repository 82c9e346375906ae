"""UN Security Council XML reader: the three real consolidated lists plus tiny fixtures."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from followthemoney import model

from sanctio.exceptions import FormatError
from sanctio.model import Entity
from sanctio.sources.base import ParsedList
from sanctio.sources.name_values import split_name_value
from sanctio.sources.un import values
from sanctio.sources.un.reader import READER

#: (folder, individuals, entities, problems) as measured on the real files.
FILES = [
    ("2018-10-29", 703, 390, 8),
    ("2020-11-24", 713, 305, 8),
    ("2026-02-27", 730, 273, 2),
]
_CHECKED_TYPES = {"country", "date", "gender"}


@cache
def _read(path: Path) -> ParsedList:
    return READER.read([path], "un-sc")


def _real(lists_dir: Path, folder: str) -> ParsedList:
    return _read(lists_dir / "un-sc" / folder / "consolidated.xml")


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in parsed.entities}


@pytest.fixture(scope="module")
def small(fixtures_dir: Path) -> ParsedList:
    return READER.read([fixtures_dir / "un" / "small.xml"], "un-sc")


@pytest.mark.parametrize(("folder", "individuals", "entities", "problems"), FILES)
def test_counts_and_publication_date(
    lists_dir: Path, folder: str, individuals: int, entities: int, problems: int
) -> None:
    parsed = _real(lists_dir, folder)
    assert parsed.format == "un-xml"
    assert parsed.source == "un-sc"
    assert parsed.published == dt.date.fromisoformat(folder)
    assert len(parsed.entities) == individuals + entities
    assert Counter(e.schema for e in parsed.entities) == {
        "Person": individuals,
        "LegalEntity": entities,
    }
    assert len(parsed.problems) == problems


@pytest.mark.parametrize("folder", [f[0] for f in FILES])
def test_ids_names_and_common_properties(lists_dir: Path, folder: str) -> None:
    parsed = _real(lists_dir, folder)
    assert len({e.id for e in parsed.entities}) == len(parsed.entities)
    for entity in parsed.entities:
        assert re.fullmatch(r"un-sc:[A-Z]{2}[ie]\.\d{3}", entity.id), entity.id
        assert entity.native_id[2] == ("i" if entity.schema == "Person" else "e")
        assert entity.get("programId") == (entity.native_id,)
        assert len(entity.get("name")) == 1
        assert len(entity.get("program")) == 1
        assert len(entity.get("createdAt")) == 1
        assert entity.get("topics") == ("sanction",)
        assert entity.get("publisher") == ("UN Security Council",)
        for values_ in entity.properties.values():
            assert all(v == v.strip() and v for v in values_)


@pytest.mark.parametrize("folder", [f[0] for f in FILES])
def test_weak_aliases_are_the_low_quality_ones(lists_dir: Path, folder: str) -> None:
    xml = (lists_dir / "un-sc" / folder / "consolidated.xml").read_text(encoding="utf-8")
    # A Low alias value may hold several names ("A; B"): each is a weak alias.
    low = re.findall(
        r"<QUALITY>Low</QUALITY>\s*<ALIAS_NAME>([^<]*)</ALIAS_NAME>"
        r"|<ALIAS_NAME>([^<]*)</ALIAS_NAME>\s*<QUALITY>Low</QUALITY>",
        xml,
    )
    assert low and len(low) == xml.count("<QUALITY>Low</QUALITY>")
    values_ = (" ".join(html.unescape(a or b).split()) for a, b in low)
    names = {n for v in values_ for n in split_name_value(v)[0]}
    parsed = _real(lists_dir, folder)
    weak = {n for e in parsed.entities for n in e.get("weakAlias")}
    assert weak == names
    assert all(not e.get("weakAlias") for e in parsed.entities if e.schema == "LegalEntity")


@pytest.mark.parametrize("folder", [f[0] for f in FILES])
def test_known_individual(lists_dir: Path, folder: str) -> None:
    person = _by_id(_real(lists_dir, folder))["un-sc:QDi.020"]
    assert person.schema == "Person"
    assert person.get("name") == ("MOHAMMAD HAMDI MOHAMMAD SADIQ AL-AHDAL",)
    assert person.get("firstName") == ("MOHAMMAD",)
    assert "lastName" not in person.properties
    assert person.get("birthDate") == ("1971-11-19",)
    assert person.get("birthPlace") == ("Medina, Saudi Arabia",)
    assert person.get("birthCountry") == ("sa",)
    assert person.get("nationality") == ("ye",)
    assert person.get("passportNumber") == ("541939",)
    assert person.get("idNumber") == ("216040",)
    assert person.get("createdAt") == ("2001-10-17",)
    assert person.get("program") == ("Al-Qaida",)
    assert person.get("weakAlias") == ("Abu Asim Al-Makki", "Ahmed")
    assert "Muhammad Muhammad Abdullah Al-Ahdal" in person.get("alias")
    assert "محمد حمدي محمد صادق الأهدل" in person.get("alias")
    assert person.get("modifiedAt")[:2] == ("2009-01-30", "2010-01-25")
    assert person.get("address") == ("Jamal street, Al-Dahima alley, Al-Hudaydah, Yemen",)


def test_known_individual_2026_details(lists_dir: Path) -> None:
    person = _by_id(_real(lists_dir, "2026-02-27"))["un-sc:QDi.001"]
    assert person.get("name") == ("MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE",)
    assert person.get("birthDate") == ("1963-04-11", "1960-04-11")
    assert person.get("weakAlias") == ("Ibrahim al-Madani", "Saif Al-'Adil", "Seif al Adel")
    assert person.get("alias")[:2] == ("Sayf-Al Adl", "Muhamad Ibrahim Makkawi")
    assert person.get("modifiedAt")[-1] == "2022-11-08"
    assert any(n.startswith("Responsible for Usama bin Laden") for n in person.get("notes"))


def test_entity_with_fka(lists_dir: Path) -> None:
    adf = _by_id(_real(lists_dir, "2026-02-27"))["un-sc:CDe.001"]
    assert adf.schema == "LegalEntity"
    assert adf.get("name") == ("ADF",)
    assert adf.get("alias") == ("Allied Democratic Forces",)
    assert set(adf.get("previousName")) >= {"ADF/NALU", "NALU"}
    assert adf.get("country") == ("cd",)
    assert adf.get("program") == ("DRC",)
    assert adf.get("createdAt") == ("2014-06-30",)


def test_timezone_suffixed_listing_dates(lists_dir: Path) -> None:
    xml = (lists_dir / "un-sc" / "2018-10-29" / "consolidated.xml").read_text(encoding="utf-8")
    suffixed = re.findall(r"<LISTED_ON>(\d{4}-\d{2}-\d{2})-\d{2}:\d{2}</LISTED_ON>", xml)
    assert len(suffixed) == 11
    created = Counter(
        d for e in _real(lists_dir, "2018-10-29").entities for d in e.get("createdAt")
    )
    assert all(created[d] for d in suffixed)


def test_problems_2026(lists_dir: Path) -> None:
    problems = _real(lists_dir, "2026-02-27").problems
    assert sorted((p.field, p.value) for p in problems) == [
        ("INDIVIDUAL_DATE_OF_BIRTH/NOTE", "24/06/1402 (Hijri Calendar)"),
        ("INDIVIDUAL_DATE_OF_BIRTH/NOTE", "30-35 years old"),
    ]
    assert all(p.location.startswith("INDIVIDUAL ") and "line " in p.location for p in problems)


def test_unmapped_nationalities_2018_are_problems(lists_dir: Path) -> None:
    problems = _real(lists_dir, "2018-10-29").problems
    nationality = sorted(p.value for p in problems if p.field == "NATIONALITY")
    assert nationality == [
        "Kuwaiti citizenship withdrawn in 2002",
        "Possibly Ethiopian",
        "Sudanese by birth",
        "United States. Also believed to hold Syrian nationality",
    ]


@pytest.mark.parametrize("folder", [f[0] for f in FILES])
def test_every_entity_validates_against_followthemoney(lists_dir: Path, folder: str) -> None:
    errors = []
    for entity in _real(lists_dir, folder).entities:
        schema = model.get(entity.schema)
        assert schema is not None
        for name, values_ in entity.properties.items():
            prop = schema.get(name)
            if prop is None:
                errors.append(f"{entity.id}: no property {name}")
            elif prop.type.name in _CHECKED_TYPES:
                errors.extend(
                    f"{entity.id}: {name}={v}" for v in values_ if not prop.type.validate(v)
                )
    assert errors == []


def test_fixture_individual_edge_cases(small: ParsedList) -> None:
    assert small.published == dt.date(2018, 10, 29)
    person, company = small.entities
    assert person.id == "un-sc:QDi.900"
    assert person.get("name") == ("ABDUL RAHMAN TESTER",)
    assert person.get("createdAt") == ("2015-04-14",)
    assert person.get("gender") == ("male",)
    assert person.get("birthDate") == (
        "1961-02-03",
        "1960-01-01",
        "1962",
        "1963",
        "1964",
        "1973-11",
    )
    assert person.get("alias") == ("Abu Test", "عبد الرحمن")
    assert person.get("weakAlias") == ("The Tester",)
    assert person.get("nationality") == ("sd", "ss")
    assert person.get("passportNumber") == ("A123456",)
    assert person.get("idNumber") == ("99887766",)
    assert person.get("title") == ("Haji",)
    assert person.get("position") == ("Financier",)
    assert person.get("address") == ("Kabul, Afghanistan (as of 2016)",)
    assert person.get("modifiedAt") == ("2016-01-02",)
    assert "Date of birth: 30-35 years old" in person.get("notes")
    assert "NATIONALITY: Atlantis" in person.get("notes")
    assert [(p.field, p.value) for p in small.problems] == [
        ("NATIONALITY", "Atlantis"),
        ("INDIVIDUAL_DATE_OF_BIRTH/NOTE", "30-35 years old"),
    ]
    assert company.get("name") == ("TEST TRADING COMPANY",)
    assert company.get("alias") == ("TTC",)
    assert company.get("previousName") == ("OLD TEST TRADING",)
    assert company.get("country") == ("kp",)
    assert "modifiedAt" not in company.properties


def test_truncated_fixture_raises_format_error(fixtures_dir: Path) -> None:
    path = fixtures_dir / "un" / "truncated.xml"
    with pytest.raises(FormatError) as info:
        READER.read([path], "un-sc")
    assert info.value.path == str(path)
    assert info.value.location == "line 28"
    assert "</CONSOLIDATED_LIST>" in info.value.message


def test_truncated_real_copy_raises_format_error(lists_dir: Path, tmp_path: Path) -> None:
    data = (lists_dir / "un-sc" / "2026-02-27" / "consolidated.xml").read_bytes()
    cut = tmp_path / "consolidated.xml"
    cut.write_bytes(data[:300_000])
    with pytest.raises(FormatError, match=re.escape(f"{cut}: line ")):
        READER.read([cut], "un-sc")


def test_wrong_root_raises_format_error(fixtures_dir: Path) -> None:
    path = fixtures_dir / "un" / "wrong_root.xml"
    with pytest.raises(FormatError) as info:
        READER.read([path], "un-sc")
    assert info.value.location == "line 2, element <SANCTIONS_LIST>"


def test_sniff(lists_dir: Path, fixtures_dir: Path) -> None:
    real = lists_dir / "un-sc" / "2026-02-27" / "consolidated.xml"
    assert READER.sniff(real, real.read_bytes()[:4096]) == "un-sc"
    wrong = fixtures_dir / "un" / "wrong_root.xml"
    assert READER.sniff(wrong, wrong.read_bytes()[:4096]) is None
    assert READER.sniff(Path("consolidated.csv"), real.read_bytes()[:4096]) is None
    assert not READER.companion(real)


def test_values_helpers() -> None:
    assert values.un_date("2015-04-14-04:00").iso() == "2015-04-14"
    assert values.un_date("1980").iso() == "1980"
    assert [d.iso() for d in values.note_dates("Between Aug. and Sep. 1977")] == [
        "1977-08",
        "1977-09",
    ]
    assert values.countries("Libya (in custody)") == (["ly"], [])
    assert values.countries("Sudan/or South Sudan") == (["sd", "ss"], [])
    assert values.countries("na") == ([], [])
    assert values.document_prop("Número de pasaporte", "") == "passportNumber"
    assert values.document_prop("National Identification Number", "Passport") == "idNumber"
