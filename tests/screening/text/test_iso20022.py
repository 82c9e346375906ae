"""ISO 20022 pacs.008: parties, agents and remittance; malformed and unexpected XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio.exceptions import InputError
from sanctio.screening.screen import Screener
from sanctio.screening.text.iso20022 import parse_xml
from sanctio.screening.text.screen import screen_text


@pytest.fixture()
def pacs(fixtures_dir: Path) -> str:
    return (fixtures_dir / "text" / "pacs008.xml").read_text()


def test_parties_agents_and_remittance(pacs: str) -> None:
    msg = parse_xml(pacs)
    assert msg.kind == "iso20022-pacs.008" and msg.complete
    parties = {p.field: p for p in msg.parties}
    assert sorted(parties) == ["Cdtr", "CdtrAgt", "Dbtr", "DbtrAgt"]
    assert parties["Cdtr"].names == ("OOO Transoil",)
    assert pacs[parties["Cdtr"].start : parties["Cdtr"].end] == "OOO Transoil"
    assert parties["DbtrAgt"].bics == ("INGBNL2A",)
    (ustrd,) = msg.texts
    assert pacs[ustrd.start : ustrd.end].startswith("Freight advance")


def test_creditor_is_a_listed_company(history_screener: Screener, pacs: str) -> None:
    report = screen_text(history_screener, pacs)
    assert report.kind == "iso20022-pacs.008" and report.warnings == ()
    assert [(m.entity_id, m.field, m.text) for m in report.mentions] == [
        ("ofac-sdn:16807", "Cdtr", "OOO Transoil"),
        ("ofac-sdn:16692", "Ustrd", "Igor Sechin"),
    ]


def test_malformed_xml_names_line_and_column(history_screener: Screener, pacs: str) -> None:
    broken = pacs.replace("</Cdtr>", "</Cdtrx>")
    with pytest.raises(
        InputError,
        match=r"not well-formed XML at line 23, column 15: Opening and ending tag mismatch",
    ) as err:
        screen_text(history_screener, broken)
    assert err.value.field == "iso20022"
    with pytest.raises(InputError, match="not well-formed"):
        screen_text(history_screener, pacs[: len(pacs) // 2])  # truncated


def test_entities_are_refused(history_screener: Screener) -> None:
    xxe = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
    with pytest.raises(InputError, match="DOCTYPE"):
        screen_text(history_screener, xxe)


def test_other_xml_is_screened_as_text_with_a_warning(history_screener: Screener) -> None:
    xml = "<note><to>Board</to><body>Payment held for Oleg Deripaska</body></note>"
    report = screen_text(history_screener, xml)
    assert report.kind == "iso20022" and "not an ISO 20022 payment" in report.warnings[0]
    assert [(m.entity_id, m.text) for m in report.mentions] == [
        ("ofac-sdn:24283", "Oleg Deripaska")
    ]


def test_pacs008_without_creditor_warns(history_screener: Screener, pacs: str) -> None:
    start, end = pacs.index("<Cdtr>"), pacs.index("</Cdtr>") + len("</Cdtr>")
    report = screen_text(history_screener, pacs[:start] + pacs[end:])
    assert report.warnings == ("pacs.008 without a readable Cdtr/Nm",)
    assert [m.entity_id for m in report.mentions] == ["ofac-sdn:16692"]
