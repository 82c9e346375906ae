"""FtM JSON lines reader: sniffing, mapping, sanctions and edges, problems, structural errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sanctio.exceptions import FormatError
from sanctio.sources.ftm.reader import READER


def _sniff(path: Path) -> str | None:
    return READER.sniff(path, path.read_bytes()[:4096])


def test_sniff_accepts_ftm_files_by_name_and_content(fixtures_dir: Path, tmp_path: Path) -> None:
    sample = fixtures_dir / "ftm" / "opensanctions_sample.ftm.json"
    assert _sniff(sample) == "ftm"
    assert _sniff(fixtures_dir / "ftm" / "bad_lines.jsonl") == "ftm"
    assert _sniff(fixtures_dir / "ftm" / "not_jsonl.json") is None
    renamed = tmp_path / "sample.csv"
    renamed.write_bytes(sample.read_bytes())
    assert _sniff(renamed) is None
    array = tmp_path / "array.json"
    array.write_text('[{"id": "a", "schema": "Person"}]\n')
    assert _sniff(array) is None
    no_schema = tmp_path / "other.jsonl"
    no_schema.write_text('{"id": "a", "name": "x"}\n')
    assert _sniff(no_schema) is None
    # A first line longer than the 4 KB head is still recognised.
    long = tmp_path / "long.ijson"
    aliases = [f"Alias number {i}" for i in range(400)]
    long.write_text(json.dumps({"id": "a", "schema": "Person", "properties": {"alias": aliases}}))
    assert long.stat().st_size > 4096
    assert _sniff(long) == "ftm"
    assert not READER.companion(sample)


def test_reads_opensanctions_sample(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ftm" / "opensanctions_sample.ftm.json"
    parsed, stats = READER.read_with_stats([path], "ftm")
    assert parsed.format == "ftm-jsonl"
    assert parsed.problems == []
    assert parsed.published is not None and parsed.published.isoformat() == "2024-05-03"
    by_id = {e.id: e for e in parsed.entities}
    assert sorted(by_id) == [
        "ftm:Q7747",
        "ftm:airplane-rf-96018",
        "ftm:imo-9187629",
        "ftm:mod-rus",
        "ftm:ofac-15036",
        "ftm:ofac-kovalchuk",
        "ftm:wallet-1",
    ]
    wallet = by_id["ftm:wallet-1"]
    assert wallet.schema == "CryptoWallet"
    assert wallet.get("publicKey") == ("1FzWLkAahHooV3kzTgyx6qsswXJ6sCXkSR",)
    assert wallet.get("holder") == ("ftm:ofac-15036",)
    putin = by_id["ftm:Q7747"]
    assert putin.schema == "Person"
    assert putin.native_id == "Q7747"
    assert putin.names() == (
        "Vladimir Vladimirovich PUTIN",
        "Путин Владимир Владимирович",
        "Vladimir Putin",
    )
    assert putin.get("birthDate") == ("1952-10-07",)
    assert putin.get("nationality") == ("ru",)
    assert putin.get("gender") == ("male",)
    # Two Sanction records point at him; both programs, one listing date.
    assert putin.get("program") == ("RUSSIA-EO14024", "Russia")
    assert putin.get("createdAt") == ("2022-02-25",)
    # Entity references (addressEntity) are not values: dropped without a problem.
    assert "addressEntity" not in putin.properties
    assert [(r.kind, r.target_name, r.target_id) for r in putin.relations] == [
        ("Supreme Commander", "Ministry of Defence of the Russian Federation", "ftm:mod-rus")
    ]
    bank = by_id["ftm:ofac-15036"]
    assert bank.schema == "Company"
    assert bank.get("program") == ("UKRAINE-EO13661", "RUSSIA-EO14024")
    assert bank.get("createdAt") == ("2014-03-20",)
    assert bank.get("swiftBic") == ("ROSYRU2P",)
    owner = by_id["ftm:ofac-kovalchuk"]
    assert owner.get("weakAlias") == ("Yury Kovalchuk",)
    assert [(r.kind, r.target_id) for r in owner.relations] == [("Ownership", "ftm:ofac-15036")]
    assert by_id["ftm:imo-9187629"].schema == "Vessel"
    assert by_id["ftm:imo-9187629"].get("imoNumber") == ("IMO9187629",)
    assert by_id["ftm:airplane-rf-96018"].schema == "Airplane"
    assert by_id["ftm:mod-rus"].schema == "Organization"  # PublicBody -> nearest kept schema
    assert stats.entities == 7
    assert stats.sanctions_applied == 3
    assert stats.relations == 2
    assert dict(stats.mapped) == {"PublicBody->Organization": 1}
    assert dict(stats.ignored) == {"Address": 1, "Position": 1}


def test_bad_lines_are_problems_not_failures(fixtures_dir: Path) -> None:
    parsed = READER.read([fixtures_dir / "ftm" / "bad_lines.jsonl"], "ftm")
    assert [e.id for e in parsed.entities] == ["ftm:p1", "ftm:p4", "ftm:c1"]
    assert parsed.published is None
    found = [(p.location, p.field, p.value) for p in parsed.problems]
    assert found == [
        (
            "line 3",
            "line",
            '{"id": "p2", "schema": "Person", "properties": {"name": ["Broken Line"]',
        ),
        ("line 4", "line", "[1, 2, 3]"),
        ("line 5", "id", "None"),
        ("line 6", "schema", "Alien"),
        ("line 7", "imoNumber", '["IMO1234567"]'),
        ("line 7", "wingspan", '["40m"]'),
        ("line 7", "birthDate", "yesterday"),
        ("line 7", "nationality", "Narnia"),
        ("line 8", "properties", "['not', 'an', 'object']"),
    ]
    assert "not a property of Person" in parsed.problems[4].message
    odd = parsed.entities[1]
    # Valid values survive beside the invalid ones; country codes are lower-cased.
    assert odd.get("birthDate") == ("1980",)
    assert odd.get("nationality") == ("ru",)


def test_nested_export_sanctions_apply_to_their_owner(fixtures_dir: Path) -> None:
    parsed, stats = READER.read_with_stats([fixtures_dir / "ftm" / "nested.ftm.json"], "ftm")
    assert parsed.problems == []
    (entity,) = parsed.entities
    assert entity.get("program") == ("SDGT",)
    assert entity.get("createdAt") == ("2001-09-23",)
    assert stats.sanctions_applied == 1
    assert dict(stats.ignored) == {"Ownership": 1}  # its asset is not in the file


def test_duplicate_ids_merge_and_conflicting_schema_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "dupes.jsonl"
    lines = [
        {"id": "a", "schema": "Person", "properties": {"name": ["Ann Smith"]}},
        {"id": "a", "schema": "Person", "properties": {"alias": ["Annie"], "name": ["Ann Smith"]}},
        {"id": "a", "schema": "Vessel", "properties": {"name": ["ANN"]}},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    parsed = READER.read([path], "ftm")
    (entity,) = parsed.entities
    assert entity.names() == ("Ann Smith", "Annie")
    assert [(p.location, p.field) for p in parsed.problems] == [("line 3", "schema")]


def test_structural_failures_raise_format_error(fixtures_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(FormatError, match=r"line 1: not JSON"):
        READER.read([fixtures_dir / "ftm" / "not_jsonl.json"], "ftm")
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    with pytest.raises(FormatError, match="empty"):
        READER.read([empty], "ftm")
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n  \n")
    with pytest.raises(FormatError, match="empty"):
        READER.read([blank], "ftm")
    no_id = tmp_path / "no_id.jsonl"
    no_id.write_text('{"schema": "Person"}\n{"id": "a", "schema": "Person"}\n')
    with pytest.raises(FormatError, match="line 1: expected FollowTheMoney JSON lines"):
        READER.read([no_id], "ftm")
    latin1 = tmp_path / "latin1.jsonl"
    latin1.write_bytes(
        '{"id": "a", "schema": "Person", "properties": {"name": ["Jos\xe9"]}}\n'.encode("latin-1")
    )
    with pytest.raises(FormatError, match="not UTF-8"):
        READER.read([latin1], "ftm")


def test_bom_and_blank_lines_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"id": "a", "schema": "Company", "properties": {"name": ["A"]}}\r\n\r\n'
    )
    assert _sniff(path) == "ftm"
    parsed = READER.read([path], "ftm")
    assert [e.id for e in parsed.entities] == ["ftm:a"]
    assert parsed.problems == []


def test_importing_the_ftm_modules_does_not_import_followthemoney() -> None:
    code = (
        "import sys, sanctio, sanctio.sources.ftm.reader, sanctio.sources.ftm.export;"
        "sys.exit('followthemoney' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
