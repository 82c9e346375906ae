"""Regenerate src/sanctio/normalize/data/pinyin.txt: every Mandarin syllable (pinyin, no tones).

Where the data comes from: ICU's `Han-Latin` transliteration (PyICU, pinned in
pyproject.toml) of every character of the CJK Unified Ideographs block (U+4E00-U+9FFF),
folded to ASCII: the syllables Chinese names are written in (about 400). ICU's data is
Unicode's Unihan readings; computing the set at run time costs about half a second, so it
is frozen here.

How to update: after bumping PyICU, run
    .venv/bin/python scripts/build_syllables.py
then bump NORMALIZER_VERSION if the file changed, and commit it.
"""

from __future__ import annotations

from pathlib import Path

import icu

OUT = Path(__file__).resolve().parents[1] / "src/sanctio/normalize/data/pinyin.txt"
BLOCK = range(0x4E00, 0x9FFF + 1)


def syllables() -> list[str]:
    """Sorted distinct ASCII syllables ICU reads the block's characters as."""
    han = icu.Transliterator.createInstance("Han-Latin; Latin-ASCII")
    text = " ".join(chr(code) for code in BLOCK)
    out = {w for w in han.transliterate(text).lower().split() if w.isalpha() and w.isascii()}
    return sorted(out)


def main() -> None:
    words = syllables()
    OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} syllables to {OUT}")


if __name__ == "__main__":
    main()
