"""Structural failures in OFAC CSV files raise FormatError naming the file and the line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sanctio.exceptions import FormatError
from sanctio.sources.ofac.csv_reader import READER


def read_error(path: Path) -> FormatError:
    with pytest.raises(FormatError) as info:
        READER.read([path], "ofac-sdn")
    return info.value


def test_wrong_column_count(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ofac" / "bad" / "wrong_columns.csv"
    err = read_error(path)
    assert err.path == str(path)
    assert err.location == "line 2"
    assert "found 11 columns; expected 12" in err.message
    assert "wrong_columns.csv: line 2:" in str(err)


@pytest.mark.parametrize("name", ["broken_quote.csv", "stray_quote.csv"])
def test_broken_quoting(fixtures_dir: Path, name: str) -> None:
    path = fixtures_dir / "ofac" / "bad" / name
    err = read_error(path)
    assert err.path == str(path)
    assert err.location == "line 2"
    assert "broken quoting" in err.message


def test_unclosed_quote_on_the_last_line(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(
        b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"x\r\n'
    )
    err = read_error(path)
    assert err.location == "line 1"
    assert "broken quoting" in err.message


@pytest.mark.parametrize("name", ["empty.csv", "eof_only.csv"])
def test_empty_file(fixtures_dir: Path, name: str) -> None:
    path = fixtures_dir / "ofac" / "bad" / name
    err = read_error(path)
    assert err.path == str(path)
    assert "empty" in err.message


def test_non_ascii_byte(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ofac" / "bad" / "non_ascii.csv"
    err = read_error(path)
    assert err.path == str(path)
    assert err.location == "line 3, byte offset 187"
    assert "0xc9" in err.message


def test_ent_num_must_be_an_integer(fixtures_dir: Path) -> None:
    err = read_error(fixtures_dir / "ofac" / "bad" / "ent_num.csv")
    assert err.location == "line 2"
    assert "'X173'" in err.message


def test_bad_companion_names_the_companion(fixtures_dir: Path, tmp_path: Path) -> None:
    shutil.copy(fixtures_dir / "ofac" / "set" / "sdn.csv", tmp_path / "sdn.csv")
    (tmp_path / "alt.csv").write_bytes(b'306,220,"aka","NATIONAL BANK OF CUBA"\r\n')
    err = read_error(tmp_path / "sdn.csv")
    assert err.path == str(tmp_path / "alt.csv")
    assert err.location == "line 1"
    assert "expected 5" in err.message


def test_companion_row_without_main_record_is_a_problem(fixtures_dir: Path, tmp_path: Path) -> None:
    shutil.copy(fixtures_dir / "ofac" / "set" / "sdn.csv", tmp_path / "sdn.csv")
    (tmp_path / "alt.csv").write_bytes(b'99999,220,"aka","NOBODY",-0- \r\n\x1a')
    parsed = READER.read([tmp_path / "sdn.csv"], "ofac-sdn")
    assert len(parsed.entities) == 7
    [problem] = [p for p in parsed.problems if p.file == str(tmp_path / "alt.csv")]
    assert problem.location == "line 1"
    assert problem.field == "ent_num"


def test_utf8_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    row = '36,"CAFÉ TEST",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    path.write_bytes(row.encode("utf-8") + b"\x1a")
    [entity] = READER.read([path], "ofac-sdn").entities
    assert entity.get("name") == ("CAFÉ TEST",)
