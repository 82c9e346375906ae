"""Regenerate src/sanctio/normalize/data/org_words.tsv from rigour's organisation symbols.

Where the data comes from: rigour (pinned in pyproject.toml) tags the words of
organisation names that say what kind of body a name is, not which one: `DOMAIN` symbols
(bank, plant / zavod: FACTORY, research, production / proizvodstvennoe: PRODUCTION,
design) and `SYMBOL` symbols (bureau, institute, association, federal, central,
international, group). OpenSanctions maintains those tables in rigour
(resources/names/org_symbols and org_domains), in many languages and transliterations.

Which tokens: sanctio needs them only for words it can meet, so this script runs rigour's
organisation tagger over every organisation name in the list files given, as sanctio
analyses it (romanised tokens, legal forms replaced), one word at a time, and writes each
tagged word with its symbols. Cyrillic words are tagged as written and kept in every
romanisation sanctio gives them (завод zavod, бюро byuro / buro, исследовательский
issledovatelskiy / issledovatelskij, государственное gosudarstvennoe / gosudarstvennoye):
OFAC and the UK transliterate Russian names, which rigour's Latin table knows only in
part. rigour's DOMAIN symbols that name one body (NAMED_BODIES) are left out.

How to update: after bumping rigour, or to cover new lists, run
    SANCTIO_LISTS_DIR=/path/to/lists .venv/bin/python scripts/build_org_words.py
then bump NORMALIZER_VERSION (the words weigh differently) and commit the data file.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from list_names import list_names
from rigour.names import NameTypeTag, analyze_names
from rigour.names.symbol import SymbolCategory

from sanctio.normalize import analyze_name, fold, is_cyrillic, is_legal_form, words

OUT = Path(__file__).resolve().parents[1] / "src/sanctio/normalize/data/org_words.tsv"
CATEGORIES = (SymbolCategory.DOMAIN, SymbolCategory.SYMBOL)
#: rigour's DOMAIN symbols that name one body, not a kind of body (the words of "Islamic
#: Revolutionary Guard Corps", "Hizballah", "al-Qaida", "People's Liberation Army"): in
#: a sanctions list they are what tells the entity, so they are not generic here.
NAMED_BODIES = frozenset({"IRGC", "ALQAEDA", "HEZBOLLAH", "PLA", "CIA", "ISLAMIC", "REVOLUTIONARY"})
ORG_SCHEMAS = frozenset({"Organization", "Company", "LegalEntity", "PublicBody"})


def _symbols(names: list[str], romanised: bool = False) -> dict[str, set[str]]:
    """word -> the DOMAIN and SYMBOL ids rigour tags it with when it stands alone (a word
    tagged only inside a phrase, "and" of "scientific and production", is no generic
    word by itself)."""
    out: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(names), 2000):
        chunk = names[start : start + 2000]
        found = analyze_names(
            NameTypeTag.ORG, chunk, phonetics=False, numerics=False, consolidate=False
        )
        for name in found:
            for span in name.spans:
                if span.symbol.category not in CATEGORIES or span.symbol.id in NAMED_BODIES:
                    continue
                for part in span.parts:
                    forms = (
                        [t for f in analyze_name(part.form, "org") for t in f.tokens]
                        if romanised
                        else [part.form]
                    )
                    for word in forms:
                        if word.isascii() and word.isalpha() and len(word) > 2:
                            out[word].add(f"{span.symbol.category.value}:{span.symbol.id}")
    return out


def main() -> int:
    latin: set[str] = set()
    cyrillic: set[str] = set()
    for name in list_names(ORG_SCHEMAS):
        for form in analyze_name(name, "org"):
            latin.update(form.tokens)
        cyrillic.update(w for w in words(fold(name)) if is_cyrillic(w))
    print(f"{len(latin)} Latin, {len(cyrillic)} Cyrillic words", file=sys.stderr)
    symbols = _symbols(sorted(latin))
    for word, ids in _symbols(sorted(cyrillic), romanised=True).items():
        symbols.setdefault(word, set()).update(ids)
    lines = [
        f"{word}\t{' '.join(sorted(ids))}\n"
        for word, ids in sorted(symbols.items())
        if not is_legal_form(word)
    ]
    header = "# word\tits rigour DOMAIN and SYMBOL ids (scripts/build_org_words.py; rigour 2.6.1)\n"
    OUT.write_text(header + "".join(lines), encoding="utf-8")
    print(f"{len(lines)} words -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
