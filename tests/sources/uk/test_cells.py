"""UK cell grammar: numbered multi-values, identifiers, dates, countries, `(Key):value`."""

from __future__ import annotations

import pytest

from sanctio.model import PartialDate
from sanctio.sources.uk.cells import display_name, id_tokens, party_names, split_numbered, uk_dates
from sanctio.sources.uk.other_info import parse_other_info, uk_refs, un_ref, un_refs_in_text
from sanctio.sources.uk.places import uk_country_codes
from sanctio.sources.uk.values import name_prop


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(1) Germany. (2) Morocco", ["Germany", "Morocco"]),
        ("1) Saudi Arabia 2) Qatar", ["Saudi Arabia", "Qatar"]),
        ("(1) Uganda (2) Uganda (3)Uganda", ["Uganda"]),
        ("(1)-(2) Tunisia (3) Libya", ["Tunisia", "Libya"]),
        ("(1-3) Libya", ["Libya"]),
        ("a) General b)Major General", ["General", "Major General"]),
        ("(1) 20645897 (2) -", ["20645897"]),
        ("Russia (since 2009)", ["Russia (since 2009)"]),
        ("", []),
    ],
)
def test_split_numbered(text: str, expected: list[str]) -> None:
    assert split_numbered(text) == expected


def test_id_tokens_and_party_names() -> None:
    assert id_tokens("Passport No: 592667 (Qatari passport issued on 3 May 2007).") == ["592667"]
    assert id_tokens("284173, expires 21 Aug 2005 (Iraq)") == ["284173"]
    assert id_tokens("Issued on 01/02/2003 in 1999") == []
    assert id_tokens("Uganda Passport.") == []
    assert party_names("A LTD; B LLC\n") == ["A LTD", "B LLC"]
    assert display_name(["Vladimir", "Vladimirovich", None, "", None, " PUTIN"]) == (
        "Vladimir Vladimirovich PUTIN"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07/10/1952", [PartialDate(1952, 10, 7)]),
        ("00/00/1980", [PartialDate(1980)]),
        ("00/05/1961", [PartialDate(1961, 5)]),
        ("dd/mm/1957", [PartialDate(1957)]),
        ("09/1962", [PartialDate(1962, 9)]),
        ("1951", [PartialDate(1951)]),
    ],
)
def test_uk_dates(text: str, expected: list[PartialDate]) -> None:
    assert uk_dates(text) == expected


def test_uk_dates_rejects_text() -> None:
    with pytest.raises(ValueError):
        uk_dates("unknown")


@pytest.mark.parametrize(
    ("text", "codes", "unknown"),
    [
        ("(1) Germany. (2) Morocco", ["de", "ma"], []),
        ("Congo (Democratic Republic)", ["cd"], []),
        ("Former USSR now Belarus", ["by"], []),
        ("Ukrainian SSR (now Ukraine)", ["ua"], []),
        ("Afghanistan (previous address)", ["af"], []),
        ("Germany. Russia", ["de", "ru"], []),
        ("Iranian (Iranian citizenship)", ["ir"], []),
        ("Tunisian", ["tn"], []),
        ("Latakia Province, Syria", ["sy"], ["Latakia Province"]),
        ("Atlantis", [], ["Atlantis"]),
    ],
)
def test_uk_country_codes(text: str, codes: list[str], unknown: list[str]) -> None:
    assert uk_country_codes(text) == (codes, unknown)


def test_other_information_grammar() -> None:
    text = (
        "(UK Sanctions List Ref):BEL0045 and GHR0050. Listed under two regimes. "
        "(UK Statement of Reasons):Listed pursuant to resolution 2662 (2022): acts. "
        "Employer Identification Number (United States of America): 36-3823186. "
        "(Gender):Male (Phone number):(Fax): +375 (17) 213 (Tel): +375 (UN Ref):CDi. 038. x"
    )
    pairs = parse_other_info(text)
    assert [k for k, _ in pairs] == [
        "uk sanctions list ref", "uk statement of reasons", "gender", "phone number", "fax",
        "un ref",
    ]  # fmt: skip
    assert "(2022): acts" in pairs[1][1] and "(United States of America): 36-" in pairs[1][1]
    assert pairs[4][1] == "+375 (17) 213 (Tel): +375"
    assert uk_refs(pairs[0][1]) == ["BEL0045", "GHR0050"]
    assert uk_refs("SDi.005. (x") == ["SDi.005"]
    assert un_ref(pairs[5][1]) == "CDi.038"
    assert parse_other_info("Plain remarks only.") == [("", "Plain remarks only.")]


def test_un_refs_in_pre_2022_text() -> None:
    assert un_refs_in_text("UN Ref QDe.004. Emir for the eastern zone") == ["QDe.004"]
    assert un_refs_in_text("UN REF:QE.A.146.14. Also referred to as") == ["QE.A.146.14"]
    assert un_refs_in_text("Annex XIII. UN Listing. UN Ref.KPI.067.") == ["KPI.067"]


@pytest.mark.parametrize(
    ("kind", "quality", "prop"),
    [
        ("Prime Alias", "", "name"),
        ("Primary name", "Good quality", "name"),
        ("Primary name variation", "", "alias"),
        ("Primary Name Variation", "Low quality", "weakAlias"),
        ("AKA", "Good quality", "alias"),
        ("AKA", "Low quality", "weakAlias"),
        ("ALias", "Low quality a.k.a", "weakAlias"),
        ("FKA", "", "previousName"),
        ("Nickname", "", None),
    ],
)
def test_name_prop(kind: str, quality: str, prop: str | None) -> None:
    assert name_prop(kind, quality) == prop
