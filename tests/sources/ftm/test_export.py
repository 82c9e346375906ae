"""FtM export: output validates with followthemoney and reads back to the same entities."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from followthemoney import model

from sanctio.model import Entity, EntityBuilder, PartialDate, Problem
from sanctio.sources.ftm.export import export_entities, export_lines, ftm_id
from sanctio.sources.ftm.reader import READER


def _entities() -> list[Entity]:
    person = EntityBuilder("ofac-sdn", "35096", "Person")
    person.add("name", "PUTIN, Vladimir Vladimirovich")
    person.add("alias", "Путин Владимир Владимирович", "PUTIN, Vladimir")
    person.add("weakAlias", "Vova")
    person.add("firstName", "Vladimir")
    person.add("lastName", "PUTIN")
    person.add("birthDate", PartialDate(1952, 10, 7), PartialDate(1953))
    person.add("birthPlace", "St. Petersburg, Russia")
    person.add("nationality", "ru")
    person.add("citizenship", "ru")
    person.add("gender", "male")
    person.add("title", "President of the Russian Federation")
    person.add("program", "RUSSIA-EO14024")
    person.add("createdAt", PartialDate(2022, 2, 25))
    person.add("topics", "sanction")
    person.add("publisher", "OFAC")
    person.add("notes", "Linked To: ADMINISTRATION OF THE PRESIDENT.")
    person.link("linked-to", "ADMINISTRATION OF THE PRESIDENT", "ofac-sdn:41234")
    person.link("associate-of", "SOMEONE UNRESOLVED")
    vessel = EntityBuilder("un-sc", "KPe.068", "Vessel")
    vessel.add("name", "CHON MA SAN")
    vessel.add("imoNumber", "IMO8660313")
    vessel.add("flag", "kp")
    vessel.add("callSign", "HMZF")
    vessel.add("program", "DPRK")
    vessel.add("topics", "sanction")
    company = EntityBuilder("uk-ofsi", "14876", "Company")
    company.add("name", "BANK ROSSIYA")
    company.add("previousName", "ROSSIYA JOINT STOCK BANK")
    company.add("country", "ru")
    company.add("registrationNumber", "1027800000084")
    company.add("innCode", "7831000122")
    company.add("website", "www.abr.ru")
    company.add("createdAt", PartialDate(2014, 3, 20))
    company.add("program", "Russia")
    odd = EntityBuilder("ca-sema", "Russia/1/Ivan Petrov", "Person")
    odd.add("name", "Ivan PETROV")
    odd.add("birthDate", "sometime in 1960")  # not an FtM date: dropped and reported
    return [person.build(), vessel.build(), company.build(), odd.build()]


def _assert_valid(data: dict[str, Any]) -> None:
    proxy = model.get_proxy(data, cleaned=False)
    assert proxy.id == data["id"]
    schema = model.get(data["schema"])
    assert schema is not None
    assert model.get("Thing") is not None
    for name, values in data["properties"].items():
        prop = schema.get(name)
        assert prop is not None, (data["schema"], name)
        assert values, (data["id"], name)
        for value in values:
            assert prop.type.validate(value), (data["id"], name, value)
    assert model.get("Thing") is not None


def test_export_validates_with_followthemoney() -> None:
    dropped: list[Problem] = []
    out = list(export_entities(_entities(), dropped=dropped))
    for data in out:
        _assert_valid(data)
        assert model.get_proxy(data).schema.name == data["schema"]
    by_id = {d["id"]: d for d in out}
    assert [d["schema"] for d in out] == [
        "Person", "Sanction", "UnknownLink", "Vessel", "Sanction", "Company", "Sanction",
        "Person", "Sanction",
    ]  # fmt: skip
    person = by_id["ofac-sdn-35096"]["properties"]
    assert person["birthDate"] == ["1952-10-07", "1953"]
    assert person["nationality"] == ["ru"]
    sanction = by_id["ofac-sdn-35096-sanction"]["properties"]
    assert sanction == {
        "entity": ["ofac-sdn-35096"],
        "authority": ["Office of Foreign Assets Control (OFAC)"],
        "publisher": ["OFAC"],
        "country": ["us"],
        "program": ["RUSSIA-EO14024"],
        "listingDate": ["2022-02-25"],
    }
    (link,) = [d for d in out if d["schema"] == "UnknownLink"]
    assert link["properties"] == {
        "subject": ["ofac-sdn-35096"],
        "object": ["ofac-sdn-41234"],
        "role": ["linked-to"],
        "description": ["ADMINISTRATION OF THE PRESIDENT"],
    }
    assert by_id["un-sc-KPe.068"]["properties"]["imoNumber"] == ["IMO8660313"]
    assert by_id["un-sc-KPe.068-sanction"]["properties"]["authority"] == [
        "United Nations Security Council"
    ]
    # A native id with characters FtM ids do not allow gets a slug plus a digest.
    odd_id = ftm_id("ca-sema:Russia/1/Ivan Petrov")
    assert odd_id.startswith("ca-sema-Russia-1-Ivan-Petrov-") and odd_id in by_id
    assert "birthDate" not in by_id[odd_id]["properties"]
    assert [(p.location, p.field, p.value) for p in dropped] == [
        ("ca-sema:Russia/1/Ivan Petrov", "birthDate", "sometime in 1960")
    ]


def test_ftm_ids_are_valid_and_stable() -> None:
    entity_type = model.get("Sanction").get("entity").type  # type: ignore[union-attr]
    for sanctio_id in (
        "ofac-sdn:36",
        "un-sc:QDi.001",
        "ftm:Q7747",
        "ftm:a_b",
        "au-dfat:2940",
        "ca-sema:x" + "y" * 300,
    ):
        value = ftm_id(sanctio_id)
        assert entity_type.validate(value), value
        assert ftm_id(sanctio_id) == value
    assert ftm_id("ftm:Q7747") == "Q7747"
    assert ftm_id("ofac-sdn:36") == "ofac-sdn-36"


def test_round_trip_through_json_lines(tmp_path: Path) -> None:
    entities = _entities()[:3]
    path = tmp_path / "export.ftm.json"
    path.write_text("".join(line + "\n" for line in export_lines(entities)), encoding="utf-8")
    assert READER.sniff(path, path.read_bytes()[:4096]) == "ftm"
    parsed, stats = READER.read_with_stats([path], "ftm")
    assert parsed.problems == []
    assert stats.sanctions_applied == 3
    back = {e.id: e for e in parsed.entities}
    assert sorted(back) == ["ftm:ofac-sdn-35096", "ftm:uk-ofsi-14876", "ftm:un-sc-KPe.068"]
    for original in entities:
        again = back["ftm:" + ftm_id(original.id)]
        assert again.schema == original.schema
        assert again.names(weak=True) == original.names(weak=True)
        assert dict(again.properties) == dict(original.properties)
    # The linked party is not in the export: the relation keeps the name it was given.
    (rel,) = back["ftm:ofac-sdn-35096"].relations
    assert (rel.kind, rel.target_name, rel.target_id) == (
        "linked-to",
        "ADMINISTRATION OF THE PRESIDENT",
        None,
    )
    # A second export of what was read is identical apart from the dropped-link relation ids.
    again_lines = list(export_lines(parsed.entities))
    assert len(again_lines) == 6


def test_wallet_holder_is_exported_as_the_holders_ftm_id() -> None:
    from sanctio.sources.ofac.wallets import wallet_entities

    holder = EntityBuilder("ofac-sdn", "27307", "Organization")
    holder.add("name", "LAZARUS GROUP")
    lazarus = holder.build()
    [wallet] = wallet_entities(lazarus, [("ETH", "0x098B716B8Aaf21512996dC57EB0615e2383E2f96")])
    dropped: list[Problem] = []
    out = {d["id"]: d for d in export_entities([lazarus, wallet], dropped=dropped)}
    data = out[ftm_id(wallet.id)]
    _assert_valid(data)
    assert data["schema"] == "CryptoWallet"
    assert data["properties"]["holder"] == [ftm_id(lazarus.id)] == ["ofac-sdn-27307"]
    assert data["properties"]["publicKey"] == ["0x098B716B8Aaf21512996dC57EB0615e2383E2f96"]
    assert dropped == []
