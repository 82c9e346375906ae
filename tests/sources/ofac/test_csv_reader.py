"""The OFAC legacy CSV reader on the real SDN and consolidated files (counts per SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio.model import Entity
from sanctio.sources.base import ParsedList
from sanctio.sources.ofac.csv_reader import READER

#: Listed parties from SOURCES.md, one per list version (their wallets come on top).
SDN_COUNTS = {
    "2021-07-07": 8976,
    "2021-08-18": 9083,
    "2022-02-23": 9121,
    "2022-02-26": 9218,
    "2022-03-01": 9226,
    "2022-06-28": 10409,
    "2023-01-05": 11436,
    "2023-07-11": 12632,
    "2024-05-03": 14965,
}
PUTIN = "ofac-sdn:35096"


@pytest.fixture(scope="module")
def sdn(lists_dir: Path) -> dict[str, ParsedList]:
    """Every SDN version, read once for the module."""
    return {
        date: READER.read([lists_dir / "ofac-sdn" / date / "sdn.csv"], "ofac-sdn")
        for date in SDN_COUNTS
    }


@pytest.fixture(scope="module")
def cons(lists_dir: Path) -> ParsedList:
    return READER.read([lists_dir / "ofac-cons" / "2025-12-19" / "cons_prim.csv"], "ofac-cons")


def by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in parsed.entities}


@pytest.mark.parametrize("date", list(SDN_COUNTS))
def test_sdn_counts(sdn: dict[str, ParsedList], date: str) -> None:
    parsed = sdn[date]
    parties = [e for e in parsed.entities if e.schema != "CryptoWallet"]
    assert len(parties) == SDN_COUNTS[date]
    assert len({e.id for e in parsed.entities}) == len(parsed.entities)
    assert parsed.source == "ofac-sdn"
    assert parsed.format == "ofac-csv"
    assert parsed.published is None
    assert all(e.id.startswith("ofac-sdn:") for e in parsed.entities)


def test_cons_count_and_companions(cons: ParsedList) -> None:
    assert len(cons.entities) == 442
    assert cons.source == "ofac-cons"
    assert [p.name for p in cons.files] == [
        "cons_prim.csv",
        "cons_comments.csv",
        "cons_alt.csv",
        "cons_add.csv",
    ]
    assert cons.problems == []
    with_alias = [e for e in cons.entities if e.get("alias") or e.get("previousName")]
    assert len(with_alias) == 395  # cons_alt.csv covers 395 ent_num
    # cons_add.csv: 574 rows for 442 ent_num, of which 390 have a row with some content
    assert sum(1 for e in cons.entities if e.get("address")) == 390


def test_sniff_and_companion(lists_dir: Path) -> None:
    sdn = lists_dir / "ofac-sdn" / "2024-05-03" / "sdn.csv"
    cons = lists_dir / "ofac-cons" / "2025-12-19" / "cons_prim.csv"
    assert READER.sniff(sdn, sdn.read_bytes()[:4096]) == "ofac-sdn"
    assert READER.sniff(cons, cons.read_bytes()[:4096]) == "ofac-cons"
    alt = lists_dir / "ofac-sdn" / "2021-07-07" / "alt.csv"
    assert READER.sniff(alt, alt.read_bytes()[:4096]) is None
    for name in ("alt.csv", "add.csv", "sdn_comments.csv", "cons_alt.csv", "CONS_COMMENTS.CSV"):
        assert READER.companion(Path(name))
    assert not READER.companion(sdn)
    # right name, wrong content: an 11-column row or a header row is not an OFAC main file
    assert READER.sniff(Path("sdn.csv"), b'36,"X",-0- ,"CUBA"\r\n') is None
    assert READER.sniff(Path("sdn.csv"), b"ent_num,name,a,b,c,d,e,f,g,h,i,j\r\n") is None
    # right content, other name
    assert READER.sniff(Path("list.csv"), sdn.read_bytes()[:4096]) is None


def test_putin_from_2022_02_26(sdn: dict[str, ParsedList]) -> None:
    assert PUTIN not in by_id(sdn["2022-02-23"])
    assert not any("PUTIN, Vladimir" in e.names(weak=True) for e in sdn["2022-02-23"].entities)
    for date in ("2022-02-26", "2022-03-01", "2022-06-28", "2023-01-05", "2024-05-03"):
        putin = by_id(sdn[date])[PUTIN]
        assert putin.schema == "Person"
        assert putin.get("name") == ("PUTIN, Vladimir Vladimirovich",)
        assert putin.get("lastName") == ("PUTIN",)
        assert putin.get("firstName") == ("Vladimir Vladimirovich",)
        assert putin.get("birthDate") == ("1952-10-07",)
        assert putin.get("birthPlace") == ("Leningrad, Russia",)
        assert putin.get("nationality") == ("ru",)
        assert putin.get("citizenship") == ("ru",)
        assert putin.get("gender") == ("male",)
        assert putin.get("position") == ("President of the Russian Federation",)
        assert putin.get("program") == ("RUSSIA-EO14024",)
        assert putin.get("topics") == ("sanction",)
        assert putin.get("publisher") == ("OFAC",)
        # the CSV lists no alias and no weak alias for him
        assert putin.names(weak=True) == ("PUTIN, Vladimir Vladimirovich",)
        assert putin.get("notes")[0].startswith("DOB 07 Oct 1952; POB Leningrad, Russia;")


def test_lukashenka_with_alt_csv(sdn: dict[str, ParsedList]) -> None:
    parsed = sdn["2021-07-07"]
    assert [p.name for p in parsed.files] == ["sdn.csv", "sdn_comments.csv", "alt.csv", "add.csv"]
    luka = by_id(parsed)["ofac-sdn:9760"]
    assert luka.get("name") == ("LUKASHENKA, Alyaksandr Hryhoryavich",)
    assert luka.get("birthDate") == ("1954-08-30",)
    assert luka.get("birthPlace") == ("Kopys, Vitebsk oblast, Belarus",)
    assert luka.get("position") == ("President",)
    aliases = luka.get("alias")
    assert len(aliases) == 31
    assert "LUKASHENKO, Aleksandr Grigoriyevich" in aliases
    assert "LUKASHENKO, Alexander Ryhoravich" in aliases
    assert sum(a.startswith("LUKASHENKO,") for a in aliases) == 16
    # the 2021-08-18 version has no alt.csv beside it, so no aliases
    later = by_id(sdn["2021-08-18"])["ofac-sdn:9760"]
    assert later.get("birthDate") == ("1954-08-30",)
    assert later.get("alias") == ()


def test_alt_types_and_addresses(sdn: dict[str, ParsedList]) -> None:
    entities = by_id(sdn["2021-07-07"])
    bnc = entities["ofac-sdn:306"]
    assert bnc.schema == "LegalEntity"
    assert bnc.get("alias") == ("NATIONAL BANK OF CUBA",)
    assert bnc.get("weakAlias") == ("BNC",)
    assert "Zweierstrasse 35, Zurich CH-8022, Switzerland" in bnc.get("address")
    assert set(bnc.get("country")) >= {"ch", "es", "jp", "pa"}
    logarcheo = entities["ofac-sdn:8214"]
    assert logarcheo.get("previousName") == ("LOGARCHEO AG",)
    counts = {"alias": 0, "previousName": 0}
    for entity in entities.values():
        for prop in counts:
            counts[prop] += len(entity.get(prop))
    # alt.csv: aka 11523 + nka 18 strong aliases, fka 369 (a few repeat a name or each other)
    assert 11400 < counts["alias"] <= 11541
    assert 360 < counts["previousName"] <= 369


def test_remarks_continue_in_comments(sdn: dict[str, ParsedList], lists_dir: Path) -> None:
    entities = by_id(sdn["2021-07-07"])
    # Remarks cut at `...; P`, the comments row goes on with `hone Number 8613314257947; ...`
    rec = entities["ofac-sdn:28264"]
    notes = rec.get("notes")[0]
    assert len(notes) > 1000
    assert "Phone Number 8613314257947" in notes
    assert "8613314257947" in rec.get("phone")
    # the continuation's links are read too
    cifuentes = entities["ofac-sdn:12300"]
    assert "RED MUNDIAL INMOBILIARIA, S.A. DE C.V." in {r.target_name for r in cifuentes.relations}
    # without a comments file the last segment of a 1000-char remark is reported, not parsed
    later = sdn["2021-08-18"]
    cut = [p for p in later.problems if p.field == "Remarks"]
    assert len(cut) == 5
    assert all("1000-character" in p.message for p in cut)


def test_minus_zero_inside_identifier_survives(sdn: dict[str, ParsedList]) -> None:
    for parsed in sdn.values():
        logarcheo = by_id(parsed)["ofac-sdn:8214"]
        assert logarcheo.get("taxNumber") == ("CH-217-0-431-423-3",)
        assert logarcheo.get("notes") == ("US FEIN CH-217-0-431-423-3 (United States).",)
    # `-0-` as a whole field is the empty marker: no entity holds it as a value
    for entity in sdn["2024-05-03"].entities:
        for values in entity.properties.values():
            assert all(v.strip() != "-0-" for v in values)


def test_schemas_and_vessel_columns(sdn: dict[str, ParsedList]) -> None:
    parsed = sdn["2024-05-03"]
    schemas: dict[str, int] = {}
    for entity in parsed.entities:
        schemas[entity.schema] = schemas.get(entity.schema, 0) + 1
    # formats.md 1.2: -0- 6884, individual 6854, vessel 851, aircraft 376; plus the wallets
    # of the 55 parties whose remarks state digital currency addresses.
    wallets = schemas.pop("CryptoWallet")
    assert schemas == {"LegalEntity": 6884, "Person": 6854, "Vessel": 851, "Airplane": 376}
    assert wallets > 280
    vessels = [e for e in parsed.entities if e.schema == "Vessel"]
    assert sum(1 for v in vessels if v.get("imoNumber")) > 800
    imos = [imo for v in vessels for imo in v.get("imoNumber")]
    assert all(len(imo) == 10 and imo.startswith("IMO") for imo in imos)
    multi = by_id(parsed)["ofac-sdn:36"]
    assert multi.get("program") == ("CUBA",)
    programs = [e.get("program") for e in parsed.entities]
    assert max(len(p) for p in programs) == 8
    assert sum(1 for p in programs if "CAATSA - RUSSIA" in p) > 0


def test_links_resolve_within_the_file(sdn: dict[str, ParsedList]) -> None:
    parsed = sdn["2024-05-03"]
    links = [r for e in parsed.entities for r in e.relations]
    assert len(links) == 6375  # formats.md 1.5: 6375 `Linked To:` segments
    resolved = [r for r in links if r.target_id]
    assert len(resolved) / len(links) > 0.99
    ids = {e.id for e in parsed.entities}
    assert all(r.target_id in ids for r in resolved)
    # MINISTRY OF STATE SECURITY names two records: left unresolved rather than guessed
    mss = [r for r in links if r.target_name == "MINISTRY OF STATE SECURITY"]
    assert mss
    assert all(r.target_id is None for r in mss)


def test_problem_counts(sdn: dict[str, ParsedList], cons: ParsedList) -> None:
    counts = {date: len(parsed.problems) for date, parsed in sdn.items()}
    assert counts == {
        "2021-07-07": 12,  # one: sdn_comments.csv lacks the end-of-file byte
        "2021-08-18": 8,
        "2022-02-23": 10,
        "2022-02-26": 10,
        "2022-03-01": 10,
        "2022-06-28": 14,
        "2023-01-05": 17,
        "2023-07-11": 18,
        "2024-05-03": 21,
    }
    assert cons.problems == []


def test_every_entity_validates_with_followthemoney(
    sdn: dict[str, ParsedList], cons: ParsedList
) -> None:
    from followthemoney import model
    from followthemoney.types import registry

    strict = {registry.date, registry.country, registry.gender, registry.topic}
    shapes: dict[tuple[str, frozenset[str]], Entity] = {}
    values: set[tuple[str, str, str]] = set()
    for parsed in [*sdn.values(), cons]:
        for entity in parsed.entities:
            shapes.setdefault((entity.schema, frozenset(entity.properties)), entity)
            for prop_name, vals in entity.properties.items():
                values.update((entity.schema, prop_name, v) for v in vals)
    # get_proxy raises on a property the schema lacks: one entity per property set covers all
    for entity in shapes.values():
        data = {k: list(v) for k, v in entity.properties.items()}
        proxy = model.get_proxy(
            {"id": entity.id, "schema": entity.schema, "properties": data}, cleaned=False
        )
        assert proxy.schema.name == entity.schema
    bad = []
    for schema_name, prop_name, value in values:
        prop = model.get(schema_name).properties[prop_name]  # type: ignore[union-attr]
        if prop.type in strict and not prop.type.validate(value):
            bad.append((schema_name, prop_name, value))
    assert bad == []
    assert len(values) > 90_000
