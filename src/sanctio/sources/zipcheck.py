"""Bounded inflation of zip containers (xlsx workbooks) before a reader opens them.

A hostile workbook can be a zip bomb: a few MB that inflate to GB. The reader libraries
inflate whole sheets into memory, so a workbook is checked first, in bounded memory:
the central directory must be there (a truncated download has none), every member's
declared size must fit the limits, and every member is then inflated as a stream, in
chunks, refusing the moment it yields more than its declared size or the limit, and
checking its CRC. Only then does the reader open it.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from sanctio.exceptions import FormatError

#: Largest total inflated size of one workbook. The real ones are 6.6-17 MB inflated.
MAX_INFLATED = 256 * 1024 * 1024
#: Largest inflated/compressed ratio of one member (real workbooks: at most 10.2).
MAX_RATIO = 200
_CHUNK = 1 << 16
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_MAGIC = b"PK\x03\x04"


def check_zip(path: Path, *, limit: int = MAX_INFLATED, ratio: int = MAX_RATIO) -> None:
    """Refuse (FormatError) a zip that is truncated, corrupt, or inflates beyond bounds."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise FormatError(
            str(path),
            "",
            f"not a readable xlsx workbook: not a complete zip container ({exc}); "
            "a truncated or damaged file",
        ) from exc
    declared = sum(m.file_size for m in members)
    if declared > limit:
        raise FormatError(
            str(path), "", f"declares {declared} bytes inflated; the limit is {limit} bytes"
        )
    for member in members:
        if member.file_size > ratio * max(member.compress_size, 1024):
            raise FormatError(
                str(path),
                member.filename,
                f"inflates {member.compress_size} bytes to {member.file_size} (more than "
                f"{ratio}x): refused as a possible zip bomb",
            )
    with path.open("rb") as fh:
        for member in members:
            _inflate(path, fh, member)


def _inflate(path: Path, fh: BinaryIO, member: zipfile.ZipInfo) -> None:
    """Stream one member through zlib in chunks; its size and CRC must be as declared."""
    where = member.filename
    fh.seek(member.header_offset)
    header = fh.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != _LOCAL_MAGIC:
        raise FormatError(str(path), where, "local file header missing; a damaged zip")
    fields = _LOCAL_HEADER.unpack(header)
    fh.seek(fields[-2] + fields[-1], 1)  # file name and extra field
    if member.compress_type == zipfile.ZIP_STORED:
        inflate = None
    elif member.compress_type == zipfile.ZIP_DEFLATED:
        inflate = zlib.decompressobj(-15)
    else:
        raise FormatError(
            str(path), where, f"compression method {member.compress_type}; expected deflate"
        )
    left, out, crc = member.compress_size, 0, 0
    while left > 0 or (inflate is not None and inflate.unconsumed_tail):
        if inflate is not None and inflate.unconsumed_tail:
            data = inflate.unconsumed_tail
        else:
            data = fh.read(min(_CHUNK, left))
            if not data:
                raise FormatError(str(path), where, "compressed data cut short; a truncated zip")
            left -= len(data)
        if inflate is None:
            piece = data
        else:
            try:
                piece = inflate.decompress(data, _CHUNK)
            except zlib.error as exc:
                raise FormatError(str(path), where, f"corrupt deflate data ({exc})") from exc
        out += len(piece)
        if out > member.file_size:
            raise FormatError(
                str(path),
                where,
                f"inflates past its declared {member.file_size} bytes: refused (zip bomb?)",
            )
        crc = zlib.crc32(piece, crc)
    if inflate is not None:
        rest = inflate.flush()
        out += len(rest)
        crc = zlib.crc32(rest, crc)
    if out != member.file_size or crc != member.CRC:
        raise FormatError(
            str(path),
            where,
            f"inflates to {out} bytes (declared {member.file_size}) with "
            f"{'a wrong' if crc != member.CRC else 'the right'} CRC; a damaged zip",
        )
