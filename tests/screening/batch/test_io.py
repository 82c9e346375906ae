"""Batch input and output: formats, column mapping, bad input, atomic writes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sanctio.exceptions import FormatError, InputError
from sanctio.screening.batch.input import ColumnMap, open_input
from sanctio.screening.batch.output import COLUMNS, open_output, output_format


def rows_of(
    path: Path, columns: ColumnMap | None = None
) -> list[tuple[int, dict[str, str], str | None]]:
    with open_input(str(path), columns) as source:
        return [(r.line, r.fields, r.error) for r in source.rows()]


def test_csv_rows_with_optional_columns_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        'id,name,birth_date,extra\nc1,Vladimir Putin,1952-10-07,x\nc2,"Smith, John",,y\n',
        encoding="utf-8",
    )
    got = rows_of(path)
    assert got == [
        (2, {"id": "c1", "name": "Vladimir Putin", "birth_date": "1952-10-07"}, None),
        (3, {"id": "c2", "name": "Smith, John", "birth_date": ""}, None),
    ]


def test_blank_lines_are_skipped_but_a_quoted_empty_name_is_a_row(tmp_path: Path) -> None:
    # As Spark's CSV reader sees it: "" is a value (an empty name, reported per row).
    path = tmp_path / "in.csv"
    path.write_text('name\nVladimir Putin\n""\n\nJohn Smith\n', encoding="utf-8")
    assert rows_of(path) == [
        (2, {"name": "Vladimir Putin"}, None),
        (3, {"name": ""}, None),
        (5, {"name": "John Smith"}, None),
    ]


def test_column_mapping_and_missing_name_column(tmp_path: Path) -> None:
    path = tmp_path / "in.tsv"
    path.write_text("cust_no\tfull_name\n7\tAli Hassan\n", encoding="utf-8")
    cols = ColumnMap(id="cust_no", name="full_name")
    assert rows_of(path, cols) == [(2, {"id": "7", "name": "Ali Hassan"}, None)]
    with pytest.raises(InputError, match="no column 'name'"):
        open_input(str(path))
    with pytest.raises(InputError, match="'dob'"):
        open_input(
            str(path),
            ColumnMap(
                id="cust_no",
                name="full_name",
                birth_date="dob",
                required=frozenset({"name", "birth_date"}),
            ),
        )


def test_bad_rows_become_row_errors(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b'id,name\nc1,Good Name\nc2,too,many\nc3,"unterminated\n')
    got = rows_of(path)
    assert got[0] == (2, {"id": "c1", "name": "Good Name"}, None)
    assert got[1][0] == 3 and "expected 2 columns" in (got[1][2] or "")
    assert "quoting" in (got[2][2] or "")


def test_non_utf8_head_fails_up_front_and_late_bytes_per_row(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,name\n1,Jos\xe9 M\xfcller\n".encode("latin-1"))
    with pytest.raises(FormatError, match="not valid UTF-8"):
        open_input(str(latin))
    late = tmp_path / "late.csv"
    late.write_bytes(b"id,name\n" + b"1,Fine Name\n" * 10_000 + b"2,Bad \xe9 Name\n")
    got = rows_of(late)
    assert got[-1][2] == "column 'name' is not valid UTF-8"
    assert all(e is None for _, _, e in got[:-1])


def test_empty_and_unknown_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(FormatError, match="empty"):
        open_input(str(empty))
    with pytest.raises(InputError, match="cannot tell the format"):
        open_input(str(tmp_path / "in.xlsx"))
    with pytest.raises(InputError, match="no such file"):
        open_input(str(tmp_path / "missing.csv"))


def test_jsonl_gzip_and_parquet(tmp_path: Path) -> None:
    jl = tmp_path / "in.jsonl.gz"
    with gzip.open(jl, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": 1, "name": "Ali Hassan"}) + "\n")
        fh.write("{not json\n")
        fh.write(json.dumps({"id": 3, "nom": "x"}) + "\n")
    got = rows_of(jl)
    assert got[0] == (1, {"id": "1", "name": "Ali Hassan"}, None)
    assert "not valid JSON" in (got[1][2] or "")
    assert "no 'name' key" in (got[2][2] or "")
    pq_path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"cid": ["a", "b"], "name": ["Maria Garcia", None]}), pq_path)
    with open_input(str(pq_path), ColumnMap(id="cid")) as source:
        assert source.total_rows == 2
        assert [r.fields for r in source.rows()] == [
            {"id": "a", "name": "Maria Garcia"},
            {"id": "b", "name": ""},
        ]


def test_output_formats_and_atomic_rename(tmp_path: Path) -> None:
    assert output_format("x.csv", None) == "csv"
    assert output_format(None, None) == "jsonl"
    with pytest.raises(InputError, match="unknown output format"):
        output_format("x.xlsx", None)
    with pytest.raises(InputError, match="not an output format"):
        output_format("x", "xml")
    out = tmp_path / "out.jsonl"
    record = {"query_id": "c1", "entity_id": "ofac-sdn:1", "score": 0.9, "match": True}
    with pytest.raises(KeyboardInterrupt), open_output(str(out), "jsonl", COLUMNS, {}) as w:
        w.write([record])
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []  # nothing under the final name, no temp file left
    for fmt in ("jsonl", "csv", "parquet"):
        target = tmp_path / f"out.{fmt}"
        with open_output(str(target), fmt, COLUMNS, {"algorithm": "sanctio-v1"}) as w:
            w.write([record])
        assert target.exists()
    assert json.loads((tmp_path / "out.jsonl").read_text()) == record
    assert (tmp_path / "out.csv").read_text().splitlines()[0] == ",".join(COLUMNS)
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column("score").to_pylist() == [0.9]
    assert json.loads(table.schema.metadata[b"sanctio"])["algorithm"] == "sanctio-v1"
