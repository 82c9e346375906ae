"""Turn submitted bytes into text, refusing binaries, bad encodings and oversized input."""

from __future__ import annotations

import codecs

from sanctio.exceptions import InputError

#: 1 MiB: a long news article is 30-60 KB and a payment message a few KB, so this leaves
#: ample room for "a few hundred KB" while bounding the time and memory one request takes.
MAX_TEXT_BYTES = 1024 * 1024

#: Leading bytes of common binary formats, so the error can say what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x1a")  # tab, newlines, form feed, DOS end-of-file


def _line_col(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column} (byte {offset})"


def _check_binary(data: bytes, field: str) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(field, f"this is {what}, not text; extract its text first")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(field, f"binary data: NUL byte at {_line_col(data, nul)}; expected text")
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    if head and controls > max(8, len(head) // 100):
        raise InputError(
            field, f"binary data: {controls} control bytes in the first {len(head)}; expected text"
        )


def decode_text(data: bytes | str, *, field: str = "text", limit: int = MAX_TEXT_BYTES) -> str:
    """UTF-8 (BOM optional) or BOM-marked UTF-16 -> str; InputError saying what is wrong."""
    if isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))
        if size > limit:
            raise InputError(field, f"{size} bytes is over the limit of {limit} bytes")
        if "\x00" in data:
            raise InputError(field, "binary data: NUL character; expected text")
        if not data.strip():
            raise InputError(field, "empty; expected a text, a SWIFT MT or an ISO 20022 message")
        return data
    if len(data) > limit:
        raise InputError(field, f"{len(data)} bytes is over the limit of {limit} bytes")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(field, f"invalid UTF-16 at byte {exc.start}: {exc.reason}") from None
        return decode_text(text, field=field, limit=limit)
    _check_binary(data, field)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 4].hex(" ")
        raise InputError(
            field,
            f"invalid UTF-8 at {_line_col(data, exc.start)}: bytes {bad}; "
            "expected UTF-8 text (re-save the file as UTF-8)",
        ) from None
    if not text.strip():
        raise InputError(field, "empty; expected a text, a SWIFT MT or an ISO 20022 message")
    return text
