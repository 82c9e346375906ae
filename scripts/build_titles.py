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
all recorded as titles, and all are more often a person's name or part of it. Those both
publishers record for MIN_ENTRIES persons are written with the source "lists:also-a-name":
a query's name heading with one is also read without it (Sheikh Shafi AL-AJMI), never a
listed name.

Honorifics in other scripts (الدكتور, المهندس, دکتر, جناب آقای, пан, श्रीमती, นาย):
the lists write none in a title field and rigour's prefixes are Latin, so they come from
the person-name prefixes of Faker's locales (`prefixes_male`, `prefixes_female`, ...),
the forms a customer's record carries. Every word of a prefix written out (abbreviations
with a dot or hyphen are left out: г-жа, Dr.) that is not in Latin letters, and that
fewer than MIN_ENTRIES listed persons hold in a name (السيد, al-Sayyid, is a name
in 25 listed names, and stays).

How to update: after new list versions, or a new Faker version (pinned in pyproject.toml), run
    SANCTIO_LISTS_DIR=/path/to/lists .venv/bin/python scripts/build_titles.py
then bump NORMALIZER_VERSION (the titles change name forms) and commit the data file.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import faker.providers.person
from list_names import list_names, write_data

from sanctio.normalize import fold, words
from sanctio.normalize.names import NAME_TOO
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
    scripts = other_script_titles()
    # Distinct names: the versions of one list repeat them.
    in_listed: Counter[str] = Counter()
    for name in set(list_names(frozenset({"Person"}))):
        in_listed.update(w for w in set(words(fold(name))) if w in scripts)
    both = set(titles[PUBLISHERS[0]]) & set(titles[PUBLISHERS[1]])
    recorded = sorted(w for w in both if min(titles[p][w] for p in PUBLISHERS) >= MIN_ENTRIES)
    kept = [w for w in recorded if sum(titles[p][w] for p in PUBLISHERS) > in_names[w]]
    # Recorded as titles by both, but more often a name: a query may drop them (NAME_TOO).
    name_too = [w for w in recorded if w not in kept]
    lines = [
        f"{w}\t{titles['un-sc'][w]}\t{titles['uk-ofsi'][w]}\t{in_names[w]}\t{source}\n"
        for words_of, source in ((kept, "lists"), (name_too, NAME_TOO))
        for w in words_of
    ]
    lines += [
        f"{w}\t0\t0\t{in_listed[w]}\tfaker:{','.join(sorted(scripts[w]))}\n"
        for w in sorted(scripts)
        if in_listed[w] < MIN_ENTRIES
    ]
    header = (
        "title\tUN persons\tUK persons\tpersons with it in a name, untitled\tsource"
        " (build_titles.py)"
    )
    return write_data(OUT, header, lines, "titles")


def other_script_titles() -> dict[str, set[str]]:
    """Word -> the Faker locales whose person-name prefixes hold it, for the words of
    prefixes written out (no abbreviation dot or hyphen) not in Latin letters."""
    found: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules(faker.providers.person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in ("prefixes", "prefixes_male", "prefixes_female", "prefixes_nonbinary"):
            for prefix in provider.__dict__.get(attr, ()):
                if "." in prefix or "-" in prefix:
                    continue
                for w in words(fold(prefix)):
                    if _letters(w) and not w.isascii():
                        found.setdefault(w, set()).add(module.name)
    return found


def _letters(word: str) -> bool:
    """Letters and their marks only (श्रीमती), in a script other than Latin."""
    return all(ch.isalpha() or unicodedata.category(ch).startswith("M") for ch in word) and not all(
        unicodedata.name(ch, "").startswith("LATIN") for ch in word if ch.isalpha()
    )


if __name__ == "__main__":
    raise SystemExit(main())
