"""SWIFT MT103 / MT202: fields parsed with their spans, parties screened, bad messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio.exceptions import InputError
from sanctio.screening.screen import Screener
from sanctio.screening.text.screen import screen_text
from sanctio.screening.text.swift_mt import looks_like_mt, parse_mt


def read(fixtures_dir: Path, name: str) -> str:
    return (fixtures_dir / "text" / name).read_text()


def test_mt103_fields_and_spans(fixtures_dir: Path) -> None:
    text = read(fixtures_dir, "mt103.txt")
    assert looks_like_mt(text)
    msg = parse_mt(text)
    assert msg.kind == "swift-mt103" and msg.complete
    parties = {p.field: p for p in msg.parties}
    assert sorted(parties) == ["50K", "52A", "57A", "59"]
    assert parties["50K"].names[0] == "HANS MUELLER GMBH"
    assert parties["50K"].role == "ordering customer" and parties["50K"].schema is None
    assert parties["59"].names == ("ALKES TREID OOO",)  # next line has digits: an address
    assert text[parties["59"].start : parties["59"].end] == "ALKES TREID OOO"
    assert parties["52A"].bics == ("DEUTDEFF",) and parties["52A"].schema == "Organization"
    (remittance,) = msg.texts
    assert remittance.field == "70"
    assert text[remittance.start : remittance.end].strip() == "INVOICE 2024-118 BUNKER FUEL"
    assert msg.fields["32A"] == "240513USD125000,00"


def test_mt103_beneficiary_is_a_listed_company(
    history_screener: Screener, fixtures_dir: Path
) -> None:
    report = screen_text(history_screener, (fixtures_dir / "text" / "mt103.txt").read_bytes())
    assert report.kind == "swift-mt103" and report.warnings == ()
    assert [(m.entity_id, m.field, m.text) for m in report.mentions] == [
        ("ofac-sdn:34661", "59", "ALKES TREID OOO")
    ]
    assert report.mentions[0].role == "beneficiary customer"


def test_mt202_bic_and_sender_to_receiver_text(
    history_screener: Screener, fixtures_dir: Path
) -> None:
    report = screen_text(history_screener, read(fixtures_dir, "mt202.txt"))
    assert report.kind == "swift-mt202"
    found = [(m.entity_id, m.field, m.text) for m in report.mentions]
    assert found == [
        ("ofac-sdn:17013", "58A", "VTBRRUMMXXX"),  # listed as SWIFT/BIC VTBRRUMM
        ("ofac-sdn:24306", "72", "VIKTOR VEKSELBERG"),
    ]
    assert report.mentions[0].features[0].detail == "exact BIC"


def test_partial_message_is_screened_as_text_with_warnings(
    history_screener: Screener, fixtures_dir: Path
) -> None:
    report = screen_text(history_screener, read(fixtures_dir, "mt103_truncated.txt"))
    assert any("not closed" in w for w in report.warnings)
    assert any("50a" in w for w in report.warnings)
    assert {m.entity_id for m in report.mentions} == {"ofac-sdn:16807", "ofac-sdn:24283"}


def test_option_f_party_with_birth_date(history_screener: Screener) -> None:
    text = (
        "{1:F01BANKDEFFAXXX0000000000}{2:I103BANKUS33XXXXN}{4:\n:20:REF1\n:32A:240101EUR1,00\n"
        ":50F:/12345\n1/PUTIN VLADIMIR\n2/KREMLIN\n3/RU/MOSCOW\n4/19521007\n"
        ":59:/999\nJOHN SMITH\n-}"
    )
    msg = parse_mt(text)
    party = next(p for p in msg.parties if p.field == "50F")
    assert party.names == ("PUTIN VLADIMIR",) and party.birth_dates == ("1952-10-07",)
    report = screen_text(history_screener, text)
    assert [(m.entity_id, m.field) for m in report.mentions] == [("ofac-sdn:35096", "50F")]
    assert any(f.name == "birth_date" for f in report.mentions[0].features)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{1:F01BANKDEFFAXXX0000000000}{2:I103BANKUS33XXXXN}", "no block 4"),
        ("{1:F01BANKDEFFAXXX0000000000}{4:\nno fields here\n-}", "no fields"),
    ],
)
def test_unreadable_messages_are_errors(
    history_screener: Screener, text: str, message: str
) -> None:
    with pytest.raises(InputError, match=message) as err:
        screen_text(history_screener, text)
    assert err.value.field == "swift"


def test_forced_kind(history_screener: Screener) -> None:
    with pytest.raises(InputError, match="no block 4"):
        screen_text(history_screener, "Oleg Deripaska", kind="swift")
    assert screen_text(history_screener, "{4: Oleg Deripaska", kind="text").kind == "text"
