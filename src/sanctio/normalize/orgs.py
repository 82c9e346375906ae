"""Organisation legal forms across languages -> one generic comparable token."""

from __future__ import annotations

import re

from rigour.names import replace_org_types_compare

from sanctio.runtime import memo

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
#: not which one, so they weigh little and never carry a match on their own. Includes
#: every generic form rigour 2.6 writes (probed with `extract_org_types(generic=True)`):
#: sp (sole proprietor: EI, e.K.), gp (general partnership: OHG, GbR), coop, ngo (e.V.,
#: Stiftung), soe (state unitary enterprise).
LEGAL_FORMS: frozenset[str] = frozenset(
    {"llc", "jsc", "llp", "lp", "plc", "corporation", "company", "sa", "gmbh", "ag", "spa"}
    | {"sp", "gp", "coop", "ngo", "soe"}
    | set(_EXTRA.values())
)


#: Legal forms of scripts written without spaces, which run them into the name
#: (天开科技有限公司): rigour matches its forms only between word boundaries, so these are
#: replaced here by the generic form rigour gives them alone, set apart by spaces.
#: 公司 ("company") alone is not in rigour; it is generic all the same.
_UNSPACED_FORMS: dict[str, str] = {
    "股份有限公司": "jsc",
    "有限责任公司": "llc",
    "有限責任公司": "llc",
    "有限公司": "llc",
    "株式会社": "jsc",
    "有限会社": "llc",
    "合同会社": "llc",
    "公司": "company",
}
_UNSPACED = re.compile("|".join(sorted(_UNSPACED_FORMS, key=len, reverse=True)))


#: Words of Russian legal forms as some lists transliterate them, rewritten to the spelling
#: rigour's table knows (the shared files write AKTSIONERNOYE 9 times, OBSCHESTVO 21,
#: beside AKTSIONERNOE 232, OBSHCHESTVO 388): "aktsionernoye obshchestvo" was no `jsc`.
_RUSSIAN_FORM_WORDS: dict[str, str] = {
    "aktsionernoye": "aktsionernoe",
    "obschestvo": "obshchestvo",
    "obshestvo": "obshchestvo",
    "ogranichennoj": "ogranichennoi",
    "otvetstvennostju": "otvetstvennostyu",
    "zakrytoye": "zakrytoe",
    "publichnoye": "publichnoe",
    "gosudarstvennoye": "gosudarstvennoe",
    "unitarnoye": "unitarnoe",
    "predpriyatiye": "predpriyatie",
}
_RUSSIAN_FORM = re.compile(r"\b(?:" + "|".join(_RUSSIAN_FORM_WORDS) + r")\b")


def replace_legal_forms(folded: str) -> str:
    """`ооо ромашка` -> `llc ромашка`; input must already be folded (rigour expects it).
    Hyphens become spaces first: rigour knows "joint stock company", not "joint-stock"."""
    text = _JOINT_STOCK_CO.sub("jsc", folded.replace("-", " "))
    if _RUSSIAN_FORM.search(text):
        text = _RUSSIAN_FORM.sub(lambda m: _RUSSIAN_FORM_WORDS[m.group(0)], text)
    if _UNSPACED.search(text):
        text = _UNSPACED.sub(lambda m: f" {_UNSPACED_FORMS[m.group(0)]} ", text)
    return str(replace_org_types_compare(text, generic=True))


@memo(4096)
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
