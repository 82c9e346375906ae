"""An OFAC CSV must end as OFAC publishes it: the last record's CRLF, then 0x1a."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sanctio.exceptions import FormatError
from sanctio.sources.ofac.csvfile import check_ending
from sanctio.sources.registry import read_all


def test_cut_at_a_record_boundary_is_refused(lists_dir: Path, tmp_path: Path) -> None:
    """The issue's case: about 1,963,610 of 2,013,896 bytes, cut after a record's CRLF
    (the CSV is then valid, 8,748 records instead of 8,976)."""
    data = (lists_dir / "ofac-sdn/2021-07-07/sdn.csv").read_bytes()
    cut = data.index(b"\r\n", 1_963_609) + 2
    assert len(data) == 2_013_896 and cut - 1_963_610 < 3
    folder = tmp_path / "2021-07-07"
    shutil.copytree(lists_dir / "ofac-sdn/2021-07-07", folder)
    (folder / "sdn.csv").write_bytes(data[:cut])
    with pytest.raises(FormatError) as err:
        read_all([folder])
    assert "truncated" in str(err.value) and "0x1a" in str(err.value)


@pytest.mark.parametrize("tail", [b"\r\n", b'"\r\n', b"\x1a", b'"', b"\r\n\r\n", b"\n\x1a", b""])
def test_only_crlf_then_marker_ends_a_file(tail: bytes) -> None:
    with pytest.raises(FormatError):
        check_ending(Path("sdn.csv"), b'36,"AEROCARIBBEAN AIRLINES",-0-' + tail)
    assert check_ending(Path("sdn.csv"), b"1,x\r\n\x1a")


def test_every_real_ofac_csv_ends_as_published(lists_dir: Path) -> None:
    files = sorted(lists_dir.glob("ofac-*/*/*.csv"))
    assert len(files) >= 16
    for path in files:
        optional = "comments" in path.name.lower()
        check_ending(path, path.read_bytes(), marker_optional=optional)
