"""`sanctio screen` end to end on real lists: ranking, as-of, bad input exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctio.cli.main import app

runner = CliRunner()


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def db(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("screen") / "s.db"
    for folder in ("ofac-sdn/2022-02-23", "ofac-sdn/2022-02-26"):
        code, out = run(path, "lists", "load", str(lists_dir / folder))
        assert code == 0, out
    return path


def test_putin_ranks_first_and_is_explained(db: Path) -> None:
    code, out = run(db, "screen", "Vladimir Putin", "--json")
    assert code == 0, out
    data = json.loads(out)
    top = data["results"][0]
    assert top["entity_id"] == "ofac-sdn:35096" and top["match"] is True
    assert data["lists"]["versions"] == {"ofac-sdn": "ofac-sdn@2022-02-26"}
    feature = top["features"][0]
    assert feature["query_value"] and feature["list_value"]
    # Only the one party is a match: namesakes sharing "Vladimir" stay below the threshold.
    assert [r["entity_id"] for r in data["results"] if r["match"]] == ["ofac-sdn:35096"]

    code, out = run(db, "screen", "Vladimir Putin")
    assert code == 0 and "PUTIN, Vladimir Vladimirovich" in out and "MATCH" in out

    # Weaker candidates (below the default cutoff 0.5) on request.
    code, out = run(db, "screen", "Vladimir Putin", "--json", "--cutoff", "0")
    assert code == 0, out
    loose = json.loads(out)["results"]
    assert all(r["score"] >= 0.5 for r in data["results"])
    assert len(loose) > len(data["results"]) and min(r["score"] for r in loose) < 0.5


def test_as_of_uses_the_version_in_force(db: Path) -> None:
    code, out = run(db, "screen", "Vladimir Putin", "--as-of", "2022-02-24", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["lists"]["versions"] == {"ofac-sdn": "ofac-sdn@2022-02-23"}
    assert not [r for r in data["results"] if r["entity_id"] == "ofac-sdn:35096"]
    code, out = run(db, "screen", "Vladimir Putin", "--as-of", "2020-01-01")
    assert code == 4 and "no list version" in out and "earliest" in out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["   "], "name"),
        (["!!! ..."], "name"),
        (["x" * 10_000], "name"),
        (["a\x00b"], "name"),
        (["Putin", "--birth-date", "1952-13-45"], "birth"),
        (["Putin", "--schema", "Spaceship"], "schema"),
        (["Putin", "--nationality", "Narnia"], "nationalit"),
        (["Putin", "--as-of", "yesterday"], "--as-of"),
        (["Putin", "--threshold", "2"], "threshold"),
        (["Putin", "--cutoff", "-1"], "cutoff"),
    ],
)
def test_bad_input_exits_2_naming_the_field(db: Path, args: list[str], field: str) -> None:
    code, out = run(db, "screen", *args)
    assert code == 2, out
    assert field in out.lower() or field in out


def test_no_store_is_not_a_silent_empty_answer(tmp_path: Path) -> None:
    code, out = run(tmp_path / "none.db", "screen", "Vladimir Putin")
    assert code in (5, 7), out
    assert "no store" in out or "no sanctions list" in out


POTEKHIN_ETH = "0x7F367cC41522cE07553e823bf3be79A889DEbe1B"


def test_screen_wallet_names_the_holder_address_and_currency(db: Path) -> None:
    code, out = run(db, "screen", "--wallet", POTEKHIN_ETH.lower(), "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["query"]["wallets"] == [POTEKHIN_ETH.lower()]
    [hit] = data["results"]
    assert hit["schema"] == "CryptoWallet" and hit["match"] is True
    assert hit["entity_id"].startswith("ofac-sdn:29584-eth-")
    assert "POTEKHIN, Danil" in hit["caption"]
    assert hit["features"][0]["list_value"] == POTEKHIN_ETH
    code, out = run(db, "screen", "--wallet", "x")
    assert code == 2 and "wallet" in out
    code, out = run(db, "screen")
    assert code == 2 and "name" in out


def test_batch_wallet_column_and_cutoff(db: Path, tmp_path: Path) -> None:
    rows = tmp_path / "in.csv"
    rows.write_text(
        f"cid,full_name,addr\n1,,{POTEKHIN_ETH}\n2,Vladimir Putin,\n3,Vladimir Petrov,\n"
    )
    base = ["batch", str(rows), "--id-column", "cid", "--name-column", "full_name"]
    code, out = run(db, *base, "--wallet-column", "addr", "-o", str(tmp_path / "a.jsonl"))
    assert code == 0, out
    records = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    wallet = [r for r in records if r["query_id"] == "1"]
    assert wallet and wallet[0]["entity_schema"] == "CryptoWallet" and wallet[0]["match"]
    assert wallet[0]["query_name"] == POTEKHIN_ETH
    assert all(r["match"] for r in records)
    # --cutoff writes candidates below the threshold, down to the cutoff (also below 0.5).
    code, out = run(db, *base, "--cutoff", "0.3", "--limit", "20", "-o", str(tmp_path / "c.jsonl"))
    assert code == 0, out
    low = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text().splitlines()]
    scores = [r["score"] for r in low if "score" in r]
    assert min(scores) >= 0.3 and any(s < 0.5 for s in scores)
    assert any(not r["match"] for r in low if "match" in r)
    code, out = run(db, *base, "--cutoff", "2")
    assert code == 2 and "cutoff" in out


def test_english_spelling_finds_the_belarusian_romanisation(db: Path) -> None:
    # OFAC lists "LUKASHENKA, Alyaksandr Ryhorovich"; Alexander / Alyaksandr are one name
    # (rigour's Wikidata items, bridged by the Belarusian Аляксандр).
    code, out = run(db, "screen", "Alexander Lukashenko", "--schema", "Person", "--json")
    assert code == 0, out
    top = json.loads(out)["results"][0]
    assert top["entity_id"] == "ofac-sdn:9760" and top["score"] > 0.7 and top["match"]
    assert "alexander~alyaksandr" in top["features"][0]["detail"]


def test_unpaired_name_syllable_costs(db: Path) -> None:
    # "un" is a French stop word but a syllable of a Korean name: KIM Jong Man and KIM
    # Jong Sik share two of three syllables and must stay below the threshold.
    code, out = run(db, "screen", "Kim Jong Un", "--schema", "Person", "--json")
    assert code == 0, out
    results = json.loads(out)["results"]
    assert results[0]["entity_id"] == "ofac-sdn:20157" and results[0]["match"]
    others = {r["entity_id"]: r for r in results[1:]}
    assert not any(r["match"] for r in others.values()), others
