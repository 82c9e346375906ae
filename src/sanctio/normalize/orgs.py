"""Organisation legal forms across languages -> one generic comparable token."""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.names import replace_org_types_compare

#: Forms rigour leaves alone once dots are gone or that it keeps verbatim (measured:
#: "SIS DOO" stays "doo" while "SIS d.o.o." becomes "llc").
_EXTRA: dict[str, str] = {
    "doo": "llc",
    "dooel": "llc",
    "dd": "jsc",
    "ad": "jsc",
    "ltd": "llc",
    "ooo": "llc",
    "tov": "llc",
    "zao": "jsc",
    "oao": "jsc",
    "pao": "jsc",
    "ao": "jsc",
    "pjsc": "jsc",
    "ojsc": "jsc",
    "cjsc": "jsc",
    "corp": "corporation",
    "co": "company",
    "cie": "company",
    "inc": "llc",
    "incorporated": "llc",
    "limited": "llc",
    "pte": "llc",  # Singapore "Pte. Ltd." (private limited)
    "sirketi": "company",  # Turkish "Ltd. Şirketi"
    "sti": "company",
}

#: "Joint stock co" (rigour knows only the word "company" there).
_JOINT_STOCK_CO = re.compile(r"\bjoint stock co\b")

#: Generic legal-form tokens after replacement: they say what kind of body a name is,
#: not which one, so they weigh little and never carry a match on their own.
LEGAL_FORMS: frozenset[str] = frozenset(
    {"llc", "jsc", "llp", "lp", "plc", "corporation", "company", "sa", "gmbh", "ag", "spa"}
    | set(_EXTRA.values())
)


def replace_legal_forms(folded: str) -> str:
    """`ооо ромашка` -> `llc ромашка`; input must already be folded (rigour expects it).
    Hyphens become spaces first: rigour knows "joint stock company", not "joint-stock"."""
    text = _JOINT_STOCK_CO.sub("jsc", folded.replace("-", " "))
    return str(replace_org_types_compare(text, generic=True))


@lru_cache(maxsize=4096)
def legal_form(word: str) -> str:
    """Map a leftover dotless legal-form word (`doo`, `pjsc`) to its generic form."""
    return _EXTRA.get(word, word)


#: Turkish company names abbreviate their generic middle ("San. ve Tic. Ltd. Şti." =
#: Sanayi ve Ticaret Limited Şirketi, industry and trade): lists write both.
_ABBREVIATIONS: dict[str, str] = {"san": "sanayi", "tic": "ticaret"}

#: Open / closed / public / private joint stock company: rigour folds the spelled-out
#: forms into `jsc` but leaves the qualifier when the form itself is abbreviated
#: ("CLOSED J.S.C.", "Public JSC"), so it is dropped before a legal form; elsewhere (lists
#: cut "OPEN JOINT STOCK COMPANY X" to "OPEN X") it weighs as little as a legal form.
LEGAL_QUALIFIERS = frozenset({"open", "closed", "public", "private"})


def tidy_org_words(words: list[str]) -> list[str]:
    """Generic legal forms, expanded abbreviations, no qualifier before a legal form and
    no legal form twice in a row ("Pte. Limited" -> llc llc -> llc)."""
    ws = [_ABBREVIATIONS.get(w, legal_form(w)) for w in words]
    out: list[str] = []
    for i, w in enumerate(ws):
        if w in LEGAL_QUALIFIERS and i + 1 < len(ws) and ws[i + 1] in LEGAL_FORMS:
            continue
        if out and w == out[-1] and w in LEGAL_FORMS:
            continue
        out.append(w)
    return out
