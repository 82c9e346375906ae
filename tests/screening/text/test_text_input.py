"""Decoding submitted documents: encodings accepted, and clear errors for everything else."""

from __future__ import annotations

import codecs

import pytest

from sanctio.exceptions import InputError
from sanctio.screening.text.input import MAX_TEXT_BYTES, decode_text


def test_utf8_with_or_without_bom_and_utf16() -> None:
    assert decode_text("Путин".encode()) == "Путин"
    assert decode_text(codecs.BOM_UTF8 + b"Putin") == "Putin"
    assert decode_text("Путин".encode("utf-16")) == "Путин"
    assert decode_text("already text") == "already text"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04zipdata", "ZIP"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"hello\x00world", "NUL byte at line 1, column 6"),
        (bytes(range(1, 32)) * 20, "control bytes"),
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        ("\x00".join("ab"), "NUL"),
    ],
)
def test_binary_and_empty_input(data: bytes | str, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        decode_text(data)
    assert err.value.field == "text"


def test_invalid_utf8_names_the_place() -> None:
    data = b"first line\nsecond \xe9t\xe9 line"
    with pytest.raises(InputError, match=r"invalid UTF-8 at line 2, column 8 \(byte 18\)"):
        decode_text(data)


def test_size_limit() -> None:
    big = b"word " * (MAX_TEXT_BYTES // 5 + 1)
    with pytest.raises(InputError, match=f"over the limit of {MAX_TEXT_BYTES} bytes"):
        decode_text(big)
    with pytest.raises(InputError, match="over the limit"):
        decode_text("ы" * (MAX_TEXT_BYTES // 2 + 1))  # counted in UTF-8 bytes
    assert decode_text(b"word " * 1000, limit=5000)
