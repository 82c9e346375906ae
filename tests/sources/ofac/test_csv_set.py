"""A tiny hand-made SDN set: companions by name (any case), mapping of every column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sanctio.model import Entity
from sanctio.sources.base import ParsedList
from sanctio.sources.ofac.csv_reader import READER


def by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in parsed.entities}


@pytest.fixture
def fixture_set(fixtures_dir: Path) -> Path:
    return fixtures_dir / "ofac" / "set"


def test_upper_case_names(fixture_set: Path, tmp_path: Path) -> None:
    for name in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"):
        shutil.copy(fixture_set / name, tmp_path / name.upper())
    main = tmp_path / "SDN.CSV"
    assert READER.sniff(main, main.read_bytes()[:4096]) == "ofac-sdn"
    assert READER.companion(tmp_path / "SDN_COMMENTS.CSV")
    parsed = READER.read([main], "ofac-sdn")
    assert [p.name for p in parsed.files] == ["SDN.CSV", "SDN_COMMENTS.CSV", "ALT.CSV", "ADD.CSV"]
    assert by_id(parsed)["ofac-sdn:306"].get("alias") == ("NATIONAL BANK OF CUBA",)


def test_main_file_alone(fixture_set: Path, tmp_path: Path) -> None:
    shutil.copy(fixture_set / "sdn.csv", tmp_path / "sdn.csv")
    parsed = READER.read([tmp_path / "sdn.csv"], "ofac-sdn")
    assert [p.name for p in parsed.files] == ["sdn.csv"]
    assert len(parsed.entities) == 7
    # the 1000-character remark has no continuation here: its last segment is reported
    [problem] = parsed.problems
    assert problem.location == "line 7 (ent_num 12300)"
    assert problem.value == "P"


def test_companions_passed_explicitly(fixture_set: Path) -> None:
    paths = [fixture_set / "alt.csv", fixture_set / "sdn.csv"]
    parsed = READER.read(paths, "ofac-sdn")
    assert parsed.files[0].name == "sdn.csv"
    assert len(parsed.files) == 4


def test_every_column_mapped(fixture_set: Path) -> None:
    parsed = READER.read([fixture_set / "sdn.csv"], "ofac-sdn")
    assert parsed.problems == []
    entities = by_id(parsed)

    person = entities["ofac-sdn:9760"]
    assert person.schema == "Person"
    assert person.get("lastName") == ("TESTENKA",)
    assert person.get("firstName") == ("Alyaksandr Hryhoryavich",)
    assert person.get("position") == ("President",)
    assert person.get("alias") == ("TESTENKO, Aliaksandr Hryhoryavich",)
    [link] = person.relations
    assert (link.kind, link.target_name, link.target_id) == (
        "linkedTo",
        "BANCO NACIONAL DE CUBA",
        "ofac-sdn:306",
    )

    vessel = entities["ofac-sdn:4234"]
    assert vessel.schema == "Vessel"
    assert vessel.get("program") == ("CUBA", "SDGT")
    assert vessel.get("callSign") == ("CL2685",)
    assert vessel.get("type") == ("General Cargo",)
    assert vessel.get("tonnage") == ("2,597",)
    assert vessel.get("grossRegisteredTonnage") == ("1,098",)
    assert vessel.get("flag") == ("cu",)
    assert vessel.get("imoNumber") == ("IMO7406784",)
    assert vessel.get("mmsi") == ("572469210",)
    assert vessel.get("alias") == ("HERMANN II",)  # nka
    assert "Vessel owner: Compania Navegacion Golfo S.A." in vessel.get("notes")

    plane = entities["ofac-sdn:15431"]
    assert plane.schema == "Airplane"
    assert plane.get("buildDate") == ("1992",)
    assert plane.get("model") == ("IL76-TD",)
    assert plane.relations[0].target_id == "ofac-sdn:36"

    bank = entities["ofac-sdn:306"]
    assert bank.schema == "LegalEntity"
    assert bank.get("weakAlias") == ("BNC",)
    assert bank.get("address") == ("Zweierstrasse 35, Zurich CH-8022, Switzerland",)  # -0- row
    assert bank.get("country") == ("ch",)
    assert entities["ofac-sdn:36"].get("address") == ("Cuba",)

    logarcheo = entities["ofac-sdn:8214"]
    assert logarcheo.get("previousName") == ("LOGARCHEO AG",)
    assert logarcheo.get("taxNumber") == ("CH-217-0-431-423-3",)
    # `undetermined` is no country: neither a code nor part of the address
    assert logarcheo.get("address") == ("Chemin du Carmel, 1661 Le Paquier-Montbarry",)
    assert logarcheo.get("country") == ()


def test_remarks_continuation(fixture_set: Path) -> None:
    parsed = READER.read([fixture_set / "sdn.csv"], "ofac-sdn")
    rec = by_id(parsed)["ofac-sdn:12300"]
    [notes] = rec.get("notes")
    assert notes.endswith("; Phone Number 8613314257947; a.k.a. 'BIG TEST'.")
    assert rec.get("phone") == ("8613314257947",)
    assert rec.get("weakAlias") == ("BIG TEST",)
    assert rec.get("birthDate") == ("1970-01-01",)
    assert len(rec.relations) == 22
    assert all(r.target_id is None for r in rec.relations)  # names not in the file
