"""OFAC digital currency addresses -> CryptoWallet entities, in the CSV and Enhanced XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from followthemoney import model

from sanctio.model import Entity
from sanctio.sources.ofac.csv_reader import READER as CSV
from sanctio.sources.ofac.enhanced_xml import READER as XML
from sanctio.sources.ofac.wallets import wallet_currency

LAZARUS = "ofac-sdn:27307"
LAZARUS_ETH = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"


@pytest.fixture(scope="module")
def sdn_2024(lists_dir: Path) -> list[Entity]:
    return CSV.read([lists_dir / "ofac-sdn" / "2024-05-03" / "sdn.csv"], "ofac-sdn").entities


def _valid_ftm(entity: Entity) -> bool:
    schema = model.get(entity.schema)
    return schema is not None and all(schema.get(p) is not None for p in entity.properties)


def test_real_sdn_wallets_name_their_holders(sdn_2024: list[Entity]) -> None:
    by_id = {e.id: e for e in sdn_2024}
    wallets = [e for e in sdn_2024 if e.schema == "CryptoWallet"]
    holders = {w.first("holder") for w in wallets}
    assert len(holders) == 55  # parties with "Digital Currency Address - ..." remarks
    assert all(h in by_id and by_id[h].schema != "CryptoWallet" for h in holders)
    assert all(_valid_ftm(w) and w.get("publicKey") and w.get("currency") for w in wallets)
    currencies = {w.first("currency") for w in wallets}
    assert {"XBT", "ETH", "USDT", "XMR", "TRX", "LTC"} <= currencies
    lazarus = [w for w in wallets if w.first("holder") == LAZARUS]
    assert LAZARUS_ETH in {w.first("publicKey") for w in lazarus}
    assert by_id[LAZARUS].caption == "LAZARUS GROUP"
    # The holder keeps its remarks verbatim; its addresses are the wallets' only.
    assert "publicKey" not in by_id[LAZARUS].properties


def test_wallet_ids_are_stable_and_unique(sdn_2024: list[Entity]) -> None:
    wallets = [e for e in sdn_2024 if e.schema == "CryptoWallet"]
    ids = [w.id for w in wallets]
    assert len(ids) == len(set(ids))
    for w in wallets:
        holder = w.first("holder") or ""
        assert w.id.startswith(holder + "-") and w.id.endswith(w.first("publicKey") or "?")


def test_wallet_currency_of_identifier_types() -> None:
    assert wallet_currency("Digital Currency Address - XBT") == "XBT"
    assert wallet_currency("Digital Currency Address - USDT") == "USDT"
    assert wallet_currency("Passport") is None


def test_enhanced_xml_features_and_documents_become_wallets(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    text = (fixtures_dir / "ofac_xml" / "small.xml").read_text(encoding="utf-8")
    feature = (
        '<o:feature id="90"><o:type featureTypeId="344">Digital Currency Address - ETH</o:type>'
        f"<o:versionId>1</o:versionId><o:value>{LAZARUS_ETH}</o:value>"
        "<o:isPrimary>true</o:isPrimary></o:feature>"
    )
    document = (
        '<o:identityDocument id="91"><o:type refId="1">Digital Currency Address - XBT</o:type>'
        "<o:documentNumber>12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h</o:documentNumber>"
        "<o:isValid>true</o:isValid></o:identityDocument>"
    )
    person = text.index('<o:entity id="200">')
    at = text.index("<o:features>", person) + len("<o:features>")
    text = text[:at] + feature + text[at:]
    at = text.index("<o:identityDocuments>", person) + len("<o:identityDocuments>")
    text = text[:at] + document + text[at:]
    path = tmp_path / "sdn_advanced_wallets.xml"
    path.write_text(text, encoding="utf-8")
    parsed = XML.read([path], "ofac-sdn")
    wallets = {e.first("publicKey"): e for e in parsed.entities if e.schema == "CryptoWallet"}
    assert set(wallets) == {LAZARUS_ETH, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"}
    assert wallets[LAZARUS_ETH].get("holder") == ("ofac-sdn:200",)
    assert wallets[LAZARUS_ETH].get("currency") == ("ETH",)
    holder = next(e for e in parsed.entities if e.id == "ofac-sdn:200")
    assert not any("12QtD5" in v for v in holder.get("idNumber"))
    assert all(_valid_ftm(w) for w in wallets.values())
