"""Workbooks are checked in bounded memory before a reader library inflates them."""

from __future__ import annotations

import resource
import zipfile
from pathlib import Path

import pytest

from sanctio.exceptions import FormatError
from sanctio.sources.registry import read_all
from sanctio.sources.zipcheck import check_zip


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bomb(path: Path, inflated: int) -> Path:
    """A workbook-looking zip whose sheet inflates to `inflated` bytes of zeros."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(inflated >> 20):
                fh.write(chunk)
    return path


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = bomb(tmp_path / "ConList.xlsx", (1 << 28) + (16 << 20))  # 272 MB of zeros
    assert path.stat().st_size < 2 << 20
    before = _peak_mb()
    with pytest.raises(FormatError) as err:
        read_all([path], "uk-ofsi")
    assert "zip bomb" in str(err.value) or "limit" in str(err.value)
    assert _peak_mb() - before < 100


def test_lying_sizes_are_caught_while_streaming(tmp_path: Path) -> None:
    """A member declaring a small size but inflating to more is cut off at its size."""
    path = tmp_path / "lie.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", b"<sst>" + b"a" * 100_000 + b"</sst>")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.infolist()[0]
    declared = (1000).to_bytes(4, "little")
    # The central directory's uncompressed size (offset 24 in its entry).
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = declared
    path.write_bytes(bytes(data))
    assert info.file_size > 1000
    with pytest.raises(FormatError) as err:
        check_zip(path)
    assert "declared 1000" in str(err.value) or "past its declared 1000" in str(err.value)


@pytest.mark.parametrize("cut", [100, 50_000, -22, -1])
def test_truncated_workbook_is_refused(lists_dir: Path, tmp_path: Path, cut: int) -> None:
    data = (lists_dir / "au-dfat/2024-11-11/regulation8_consolidated.xlsx").read_bytes()
    path = tmp_path / "regulation8_consolidated.xlsx"
    path.write_bytes(data[:cut])
    with pytest.raises(FormatError):
        check_zip(path)


def test_real_workbooks_pass(lists_dir: Path) -> None:
    files = sorted(lists_dir.glob("*/*/*.xlsx"))
    assert len(files) == 3
    for path in files:
        check_zip(path)
