"""Regenerate src/sanctio/normalize/data/titles.txt: honorifics the lists record as titles.

Where the data comes from: the UN Security Council and UK OFSI lists give a person's
titles in a field of their own (UN `TITLE`, UK `Name Title`: Maulavi, Mullah, Haji, Qari,
Alhaj, Mufti, ...), while OFAC, and the aliases of every list, write the same words inside
the name (BARAKZAI, Haji Khairullah; Sheikh Shafi AL-AJMI). rigour's person-name prefixes
(Mr, Dr, General, ...), which sanctio already drops from the head of a name, hold none
of these religious and customary titles.

Which words: every one-word title value (a title field split on "/", "," and ";") that
both publishers record, each for at least MIN_ENTRIES persons, and that the two lists
write as a title more often than inside a name of a person without that title. The last
test keeps out words that are names as often as titles: Amir, Wali, Sheikh and Ustad are
all recorded as titles, and all are more often a person's name or part of it.

How to update: after new list versions, run
    SANCTIO_LISTS_DIR=/path/to/lists .venv/bin/python scripts/build_titles.py
then bump NORMALIZER_VERSION (the titles change name forms) and commit the data file.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path

from list_names import write_data

from sanctio.normalize import fold, words
from sanctio.sources.registry import read_all

OUT = Path(__file__).resolve().parents[1] / "src/sanctio/normalize/data/titles.txt"
PUBLISHERS = ("un-sc", "uk-ofsi")
MIN_ENTRIES = 3
_SPLIT = re.compile(r"[/,;]")


def main() -> int:
    root = Path(os.environ.get("SANCTIO_LISTS_DIR", "/work/shared/data/lists"))
    titles = {p: Counter[str]() for p in PUBLISHERS}
    in_names: Counter[str] = Counter()
    for publisher in PUBLISHERS:
        folders = sorted(p for p in (root / publisher).glob("*") if p.is_dir())
        if not folders:
            print(f"no {publisher} list under {root}", file=sys.stderr)
            return 1
        for parsed in read_all(folders):
            for entity in parsed.entities:
                if entity.schema != "Person":
                    continue
                own: set[str] = set()
                for title in entity.get("title"):
                    for part in _SPLIT.split(title):
                        ws = words(fold(part))
                        if len(ws) == 1 and len(ws[0]) > 1 and ws[0].isalpha():
                            own.add(ws[0])
                titles[publisher].update(own)
                named = {w for name in entity.names() for w in words(fold(name))}
                in_names.update(named - own)
    both = set(titles[PUBLISHERS[0]]) & set(titles[PUBLISHERS[1]])
    kept = sorted(
        w
        for w in both
        if min(titles[p][w] for p in PUBLISHERS) >= MIN_ENTRIES
        and sum(titles[p][w] for p in PUBLISHERS) > in_names[w]
    )
    lines = [f"{w}\t{titles['un-sc'][w]}\t{titles['uk-ofsi'][w]}\t{in_names[w]}\n" for w in kept]
    header = "title\tUN persons\tUK persons\tpersons with it in a name, untitled (build_titles.py)"
    return write_data(OUT, header, lines, "titles")


if __name__ == "__main__":
    raise SystemExit(main())
