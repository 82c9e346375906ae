"""The OFAC Remarks grammar parser on the forms found in the real files (formats.md 1.5)."""

from __future__ import annotations

import pytest

from sanctio.model import PartialDate
from sanctio.sources.ofac.identifiers import imo_number, split_document
from sanctio.sources.ofac.remarks import ParsedRemarks, parse_remarks, read_country, segments


def facts(parsed: ParsedRemarks) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for fact in parsed.facts:
        value = fact.value.iso() if isinstance(fact.value, PartialDate) else fact.value
        out.setdefault(fact.prop, []).append(value)
    return out


def test_putin_remarks() -> None:
    parsed = parse_remarks(
        "DOB 07 Oct 1952; POB Leningrad, Russia; nationality Russia; citizen Russia; "
        "Gender Male; President of the Russian Federation."
    )
    assert facts(parsed) == {
        "birthDate": ["1952-10-07"],
        "birthPlace": ["Leningrad, Russia"],
        "nationality": ["ru"],
        "citizenship": ["ru"],
        "gender": ["male"],
    }
    assert parsed.free_text == ("President of the Russian Federation",)
    assert parsed.issues == ()


def test_segments_split_and_final_dot() -> None:
    assert segments("DOB 1946; alt. DOB 1947.") == ["DOB 1946", "alt. DOB 1947"]
    # only one final dot goes: `S.A..` ends a name that itself ends with a dot
    assert segments("Linked To: FOO, S.A..") == ["Linked To: FOO, S.A."]
    assert segments("") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DOB 07 Oct 1952", ["1952-10-07"]),
        ("DOB 1976", ["1976"]),
        ("DOB Mar 1962", ["1962-03"]),
        ("DOB circa 1960", ["1960"]),
        ("DOB 1958 to 1960", ["1958", "1959", "1960"]),
        ("DOB 01 Jan 1961 to 31 Dec 1962", ["1961", "1962"]),
        ("DOB Mar 1962 to Feb 1963", ["1962-03", "1963-02"]),
        ("DOB circa 07 Jul 1966", ["1966-07-07"]),
        ("DOB circa 1979-1982", ["1979", "1980", "1981", "1982"]),
        ("DOB 1946; alt. DOB 1947", ["1946", "1947"]),
        ("Alt. DOB: 15 Jun 1965", ["1965-06-15"]),
    ],
)
def test_dob_forms(text: str, expected: list[str]) -> None:
    parsed = parse_remarks(text)
    assert facts(parsed)["birthDate"] == expected
    assert parsed.issues == ()


def test_bad_date_is_an_issue_not_an_exception() -> None:
    parsed = parse_remarks("DOB sometime in spring; Gender Female.")
    assert facts(parsed) == {"gender": ["female"]}
    assert [(i.field, i.value) for i in parsed.issues] == [("DOB", "sometime in spring")]


def test_identity_documents() -> None:
    parsed = parse_remarks(
        "Passport E590976 (Tunisia) issued 19 Jun 1987 expires 18 Jun 1992; "
        "alt. Passport G 649385 issued 08 Sep 2006 expires 17 Jul 2011; "
        "Diplomatic Passport 008827 (Iran) issued 1999; "
        "National ID No. 660000 73767 (Belgium); "
        "Identification Number AO 2879097 (Italy) expires 30 Oct 2012; "
        "Cedula No. 6068015 (Colombia); C.U.R.P. AIMM67125HCHRRG06 (Mexico) issued 1968; "
        "D.N.I. 78.865.882 (Spain); National ID No. CNIC: 35202-5400413-9 (Pakistan)."
    )
    got = facts(parsed)
    assert got["passportNumber"] == ["E590976", "G 649385", "008827"]
    assert got["idNumber"] == [
        "660000 73767",
        "AO 2879097",
        "6068015",
        "AIMM67125HCHRRG06",
        "78.865.882",
        "35202-5400413-9",
    ]


def test_tax_and_registration_numbers() -> None:
    parsed = parse_remarks(
        "Tax ID No. 100036386 (Serbia); R.F.C. DIB-771110-HQ1 (Mexico); "
        "NIT # 890115794-3 (Colombia); RUC # 20108363101 (Peru); "
        "US FEIN CH-217-0-431-423-3 (United States); "
        "Registration Number 02696754 (United Kingdom); Registration ID 27134614 (Netherlands); "
        "Business Registration Number 1037739709138 (Russia); "
        "Government Gazette Number 09804148 (Russia); "
        "Legal Entity Number 253400V1H6ART1UQ0N98 (Russia); SWIFT/BIC HAVIGB2L; "
        "Unified Social Credit Code (USCC) 91110117663725176G (China); "
        "V.A.T. Number BG 121024920 (Bulgaria)."
    )
    got = facts(parsed)
    assert got["taxNumber"] == [
        "100036386",
        "DIB-771110-HQ1",
        "890115794-3",
        "20108363101",
        "CH-217-0-431-423-3",  # `-0-` inside an identifier is data, not the empty marker
    ]
    assert got["registrationNumber"] == ["02696754", "27134614", "1037739709138", "09804148"]
    assert got["leiCode"] == ["253400V1H6ART1UQ0N98"]
    assert got["swiftBic"] == ["HAVIGB2L"]
    assert got["uscCode"] == ["91110117663725176G"]
    assert got["vatCode"] == ["BG 121024920"]


def test_dutch_legal_entity_number_is_not_an_lei() -> None:
    got = facts(parse_remarks("Legal Entity Number 851683897 (Netherlands)."))
    assert got == {"registrationNumber": ["851683897"]}


def test_vessel_and_imo_forms() -> None:
    parsed = parse_remarks(
        "Vessel Registration Identification IMO 7406784; MMSI 572469210; "
        "alt. Vessel Registration Identification IMO  8730455; "
        "Former Vessel Flag Tuvalu; alt. Former Vessel Flag None Identified; "
        "Vessel Registration Identification RS 150443 (Russia)."
    )
    got = facts(parsed)
    assert got["imoNumber"] == ["IMO7406784", "IMO8730455"]
    assert got["mmsi"] == ["572469210"]
    assert got["pastFlags"] == ["tv"]
    assert got["registrationNumber"] == ["RS 150443"]
    assert parsed.issues == ()
    company = facts(parse_remarks("Identification Number IMO 5342883; Company Number IMO 5055293."))
    assert company == {"imoNumber": ["IMO5342883", "IMO5055293"]}


def test_imo_check_digit_for_bare_numbers() -> None:
    assert imo_number("9894387") == "IMO9894387"
    assert imo_number("5777731") is None  # fails the IMO check digit
    assert imo_number("IMO 9256860") == "IMO9256860"
    assert imo_number("15411") is None


def test_split_document() -> None:
    assert split_document("E590976 (Tunisia) issued 19 Jun 1987") == ("E590976", ["Tunisia"])
    assert split_document("HRA 738077 (Stuttgart) (Germany)") == (
        "HRA 738077",
        ["Stuttgart", "Germany"],
    )
    assert split_document("(5777731)") == ("5777731", [])
    assert split_document("RNE: W031645-8 (Brazil)") == ("W031645-8", ["Brazil"])


def test_aliases_and_links() -> None:
    parsed = parse_remarks(
        "a.k.a. 'BNC'; f.k.a. 'SAND SWAN'; n.k.a. 'LGOK'; a.k.a. ''FOOPIE''; "
        "Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE; Linked To: HIZBALLAH."
    )
    assert facts(parsed)["weakAlias"] == ["BNC", "SAND SWAN", "LGOK", "'FOOPIE'"]
    assert parsed.links == ("ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE", "HIZBALLAH")


def test_alias_cut_mid_quote_does_not_crash() -> None:
    parsed = parse_remarks("Gender Male; a.k.a. 'snowsjo")
    assert facts(parsed) == {"gender": ["male"]}
    assert [i.field for i in parsed.issues] == ["a.k.a."]


def test_truncated_remarks_skip_the_last_segment() -> None:
    parsed = parse_remarks("DOB 1960; Passport 12345", truncated=True)
    assert facts(parsed) == {"birthDate": ["1960"]}
    assert parsed.issues[0].value == "Passport 12345"
    assert "1000-character" in parsed.issues[0].message


def test_contacts() -> None:
    got = facts(
        parse_remarks(
            "Website www.bank-maskan.ir; Email Address info@arrai.tv; "
            "Phone Number 982188526300; Telephone (357)(22660766); "
            "Website www.alturath.org. Revival of Islamic Heritage Society Offices Worldwide."
        )
    )
    assert got["website"] == ["www.bank-maskan.ir", "www.alturath.org"]
    assert got["email"] == ["info@arrai.tv"]
    assert got["phone"] == ["982188526300", "(357)(22660766)"]


def test_organisation_and_aircraft_keys() -> None:
    got = facts(
        parse_remarks(
            "Organization Established Date 19 Nov 1991; Aircraft Model IL76-TD; "
            "Aircraft Manufacturer's Serial Number (MSN) 1023409321; "
            "Aircraft Manufacture Date Sep 1984; Aircraft Tail Number EP-MMH; "
            "Nationality of Registration Korea, North."
        )
    )
    assert got == {
        "incorporationDate": ["1991-11-19"],
        "model": ["IL76-TD"],
        "serialNumber": ["1023409321"],
        "buildDate": ["1984-09"],
        "registrationNumber": ["EP-MMH"],
        "country": ["kp"],
    }


def test_free_text_and_unknown_keys_are_ignored() -> None:
    parsed = parse_remarks(
        "Secondary sanctions risk: section 1(b) of Executive Order 13224; all offices worldwide; "
        "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h."
    )
    assert parsed.facts == ()
    assert parsed.issues == ()
    assert len(parsed.free_text) == 2
    assert parsed.wallets == (("XBT", "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"),)


def test_wallet_segments_with_alt_and_every_currency() -> None:
    parsed = parse_remarks(
        "Digital Currency Address - ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96; "
        "alt. Digital Currency Address - ETH 0xa0e1c89Ef1a489c9C7dE96311eD5Ce5D32c20E4B; "
        "Digital Currency Address - USDT TX9dSEaqrXt5tQrEZxk6Zbb4VyU8dZkrc8; "
        "Digital Currency Address - XMR 46yzCCD3Mza9tRj7aqPSaxVbbePtuAeKzf8Ky2eRtcXGcEgCg1iTBio6N"
        "4sPmznfgGEUGDoBz5CLxZ2XPTyZu1yoCAG7zt6."
    )
    assert [c for c, _ in parsed.wallets] == ["ETH", "ETH", "USDT", "XMR"]
    assert parsed.wallets[1][1] == "0xa0e1c89Ef1a489c9C7dE96311eD5Ce5D32c20E4B"
    assert parsed.wallets[3][1].endswith("G7zt6")
    assert parsed.free_text == ()


def test_countries() -> None:
    assert read_country("Korea, North") == ("kp", None)
    assert read_country("Region: Crimea") == ("ua-cri", None)
    assert read_country("None Identified") == (None, None)
    assert read_country("undetermined") == (None, None)
    assert read_country("Netherlands Antilles")[0] is None
    code, problem = read_country("possibly Palestinian;arrested 23 Apr 2002")
    assert code is None
    assert problem == "unknown country name"
