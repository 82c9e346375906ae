"""OFAC legacy CSV sets (SDN.CSV or CONS_PRIM.CSV plus their companions) -> entities."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from sanctio.exceptions import FormatError
from sanctio.model import Problem
from sanctio.sources.base import ParsedList, ProblemLog
from sanctio.sources.ofac.csv_mapping import NameIndex, Record, map_record
from sanctio.sources.ofac.csvfile import ENDING, rows
from sanctio.sources.ofac.memo import MEMO

#: Main file name -> (source, address file, alias file, comments file); names any case.
_SETS: dict[str, tuple[str, str, str, str]] = {
    "sdn.csv": ("ofac-sdn", "add.csv", "alt.csv", "sdn_comments.csv"),
    "cons_prim.csv": ("ofac-cons", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"),
}
_MAIN_BY_SOURCE = {entry[0]: name for name, entry in _SETS.items()}
COMPANIONS = frozenset(name for entry in _SETS.values() for name in entry[1:])

_MAIN_LAYOUT = (
    "OFAC SDN/CONS_PRIM layout: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, "
    "Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks"
)
_ADD_LAYOUT = "OFAC ADD layout: ent_num, add_num, Address, City/State/Province/Postal Code, "
_ADD_LAYOUT += "Country, Add_remarks"
_ALT_LAYOUT = "OFAC ALT layout: ent_num, alt_num, alt_type, alt_name, alt_remarks"
_COMMENTS_LAYOUT = "OFAC COMMENTS layout: ent_num, Remarks_Extended"


class OfacCsvReader:
    """Reads OFAC's legacy CSV set: the main file and whichever companions lie beside it."""

    format = "ofac-csv"

    def sniff(self, path: Path, head: bytes) -> str | None:
        entry = _SETS.get(path.name.lower())
        if entry is None:
            return None
        first = head.removeprefix(b"\xef\xbb\xbf").rstrip(b"\x1a").split(b"\n", 1)[0]
        try:
            row = next(csv.reader([first.decode("ascii", "replace").rstrip("\r")]), [])
        except csv.Error:
            return None
        if len(row) == 12 and row[0].strip().isdigit():
            return entry[0]
        return None

    def companion(self, path: Path) -> bool:
        return path.name.lower() in COMPANIONS

    def read(self, paths: Sequence[Path], source: str) -> ParsedList:
        main = _main_file(paths, source)
        _, add_name, alt_name, comments_name = _SETS.get(
            main.name.lower(), _SETS[_MAIN_BY_SOURCE.get(source, "sdn.csv")]
        )
        log = ProblemLog(main)
        records = _read_main(main, log)
        files = [main]
        companion_problems: list[Problem] = []
        for name, reader in (
            (comments_name, _read_comments),
            (alt_name, _read_aliases),
            (add_name, _read_addresses),
        ):
            path = _find(paths, main, name)
            if path is not None:
                files.append(path)
                companion_problems.extend(reader(path, records))
        names = NameIndex(list(records.values()))
        MEMO.begin()
        entities = [e for rec in records.values() for e in map_record(rec, source, names, log)]
        MEMO.end()
        problems = log.problems + companion_problems
        return ParsedList(source, self.format, tuple(files), None, entities, problems)


def _main_file(paths: Sequence[Path], source: str) -> Path:
    for path in paths:
        if path.name.lower() in _SETS:
            return path
    others = [p for p in paths if p.name.lower() not in COMPANIONS]
    if len(others) == 1:
        return others[0]  # a renamed main file, read because the caller named the source
    raise FormatError(
        ", ".join(str(p) for p in paths),
        "",
        f"no main OFAC CSV file among these ({source}); expected sdn.csv or cons_prim.csv",
    )


def _find(paths: Sequence[Path], main: Path, name: str) -> Path | None:
    """The companion `name` (any case): among `paths` if given there, else beside `main`."""
    for path in paths:
        if path.name.lower() == name:
            return path
    for path in sorted(main.parent.iterdir()):
        if path.name.lower() == name and path.is_file():
            return path
    return None


def _ent_num(path: Path, line: int, value: str) -> str:
    ent_num = value.strip()
    if not ent_num.isdigit():
        raise FormatError(str(path), f"line {line}", f"ent_num {value!r}: expected an integer")
    return ent_num


def _read_main(path: Path, log: ProblemLog) -> dict[str, Record]:
    records: dict[str, Record] = {}
    for line, fields in rows(path, 12, _MAIN_LAYOUT):
        ent_num = _ent_num(path, line, fields[0])
        if ent_num in records:
            log.add(f"line {line}", "ent_num", ent_num, "duplicate ent_num; record skipped")
            continue
        records[ent_num] = Record(line, ent_num, fields)
    return records


def _owner(
    path: Path, line: int, value: str, records: dict[str, Record], log: ProblemLog
) -> Record | None:
    rec = records.get(_ent_num(path, line, value))
    if rec is None:
        log.add(f"line {line}", "ent_num", value, "no record with this ent_num in the main file")
    return rec


def _read_comments(path: Path, records: dict[str, Record]) -> list[Problem]:
    log = ProblemLog(path)
    if not path.read_bytes().endswith(ENDING):
        log.add(
            "end of file",
            "",
            "",
            "no end-of-file byte 0x1a (as some OFAC comments files were published); "
            "accepted because the last record is complete",
        )
    for line, fields in rows(path, 2, _COMMENTS_LAYOUT, marker_optional=True):
        rec = _owner(path, line, fields[0], records, log)
        if rec is not None:
            rec.comments.append(fields[1])
    return log.problems


def _read_aliases(path: Path, records: dict[str, Record]) -> list[Problem]:
    log = ProblemLog(path)
    for line, fields in rows(path, 5, _ALT_LAYOUT):
        rec = _owner(path, line, fields[0], records, log)
        if rec is not None and fields[3].strip():
            rec.aliases.append((fields[2], fields[3]))
    return log.problems


def _read_addresses(path: Path, records: dict[str, Record]) -> list[Problem]:
    log = ProblemLog(path)
    for line, fields in rows(path, 6, _ADD_LAYOUT):
        rec = _owner(path, line, fields[0], records, log)
        if rec is not None and any(f.strip() for f in fields[2:]):
            rec.addresses.append(fields)
    return log.problems


READER = OfacCsvReader()
