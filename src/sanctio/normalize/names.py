"""Names -> comparable forms: folded, prefixes removed, legal forms unified, romanised."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, NamedTuple

from rigour._core import (
    obj_name_prefixes_list,
    org_name_prefixes_list,
    person_name_prefixes_list,
    stopwords_list,
)

from sanctio.normalize.datafiles import data_rows
from sanctio.normalize.keys import tolerant_key
from sanctio.normalize.korean import joined_family, korean_schemes, romanise_korean
from sanctio.normalize.orgs import LEGAL_FORMS, replace_legal_forms, tidy_org_words
from sanctio.normalize.syllables import is_syllable
from sanctio.normalize.text import fold, has_word_chars, words
from sanctio.normalize.translit import romanise, schemes_for
from sanctio.runtime import memo

Kind = Literal["person", "org", "object", "any"]


class NameForm(NamedTuple):
    """One romanisation of a name: ASCII tokens in written order, and its family-name part."""

    tokens: tuple[str, ...]
    family: tuple[str, ...] = ()


def _prefix_set(raw: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(words(fold(p))) for p in raw if words(fold(p)))


@memo(4)
def _prefixes(kind: Kind) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Honorific / vessel-type prefixes from rigour's data by first word, longest first."""
    raw: list[str] = []
    if kind in ("person", "any"):
        raw += person_name_prefixes_list()
    if kind in ("org", "any"):
        raw += org_name_prefixes_list()
    if kind in ("object", "any"):
        raw += obj_name_prefixes_list()
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for prefix in sorted(_prefix_set(raw), key=len, reverse=True):
        by_first.setdefault(prefix[0], []).append(prefix)
    return {k: tuple(v) for k, v in by_first.items()}


@memo(1)
def stopwords() -> frozenset[str]:
    """Function words (rigour) written in Latin or Cyrillic letters, romanised: they
    weigh little. Those of other scripts are left out: romanised, they are name
    syllables and skeletons (Chinese 为 wei, 是 shi, 有 you; Greek και kai; Arabic إلى aly),
    and as stop words they let "Zhang Kai" meet "ZHANG, Wei" on the surname alone."""
    out: set[str] = set()
    for word in stopwords_list():
        if not all(_latin_or_cyrillic(ch) for ch in word if ch.isalpha()):
            continue
        for w in words(fold(word)):
            out.update(romanise(w).split())
    return frozenset(out)


def _latin_or_cyrillic(letter: str) -> bool:
    return unicodedata.name(letter, "").startswith(("LATIN", "CYRILLIC"))


#: data/titles.txt's source for a title the lists hold as a name more often (written by
#: scripts/build_titles.py).
NAME_TOO = "lists:also-a-name"


@memo(2)
def _title_keys(name_too: bool) -> frozenset[str]:
    """Tolerant keys of data/titles.txt's words (scripts/build_titles.py), by their keys so
    that the lists' other spellings (Hajji, Hadji) are titles too. `name_too` False: the
    honorifics dropped from the head of a person's name, those the UN and UK lists record
    as titles (Maulavi, Mullah, Haji, Qari, Alhaj) and those of other scripts that hardly
    any listed name holds (الدكتور, دکتر, جناب, пан, श्रीमती: Faker's locales). True: the
    words the lists record as titles but hold as names more often (Sheikh, Amir)."""
    return frozenset(
        tolerant_key(row[0]) for row in data_rows("titles.txt") if (row[4] == NAME_TOO) is name_too
    )


def without_title_name(tokens: tuple[str, ...]) -> tuple[str, ...] | None:
    """A query name's words without the word heading them when the lists record it as a
    title and hold it as a name too (Sheikh Shafi AL-AJMI: shafi al ajmi), so that a
    listed name without the title is met without it; None when no such word heads them,
    or nothing would be left but one word. The name keeps its form with the word, which
    meets a listed name that holds it (SHEIKH, Ahmed)."""
    if len(tokens) < 3 or tolerant_key(tokens[0]) not in _title_keys(True):
        return None
    return tokens[1:]


def _strip_prefixes(ws: list[str], kind: Kind) -> list[str]:
    """The words without the honorifics and prefixes that head them (rigour's, and for a
    person the lists' own titles: `_title_keys`); the last word always stays."""
    prefixes = _prefixes(kind)
    titles = _title_keys(False) if kind in ("person", "any") else frozenset()
    while len(ws) > 1:
        for prefix in prefixes.get(ws[0], ()):
            n = len(prefix)
            if n < len(ws) and tuple(ws[:n]) == prefix:
                ws = ws[n:]
                break
        else:
            if tolerant_key(ws[0]) in titles:  # a word with marks too (श्रीमती)
                ws = ws[1:]
                continue
            return ws
    return ws


#: A query's Arabic-script names are read twice (match.query.abjad_tokens, then
#: prepare_query): the last few names read are kept.
@memo(1024)
def analyze_name(text: str, kind: Kind = "any") -> tuple[NameForm, ...]:
    """All comparable forms of one name; several only when romanisations differ.

    `LUKASHENKA, Alyaksandr` keeps `lukashenka` as its family part (list convention
    "FAMILY, Given"); organisation legal forms become `llc`/`jsc`/...; honorifics
    (Mr, Dr, Sheikh...) and vessel prefixes (M/V) are dropped from the head. A name of
    unknown kind is read every way and also as a person's only: legal-form replacement
    alone would turn the Korean surname in "KU Ja Hyong" into an Estonian legal form.
    """
    if kind != "any":
        return _analyze(text, kind)
    forms = list(_analyze(text, "any"))
    for form in _analyze(text, "person"):
        if form not in forms:
            forms.append(form)
    return tuple(forms)


#: The Persian izafe, which Latin spellings hyphenate to the word before it (BANK-E
#: MELLAT, SHERKAT-E ..., TEHRIK-E TALIBAN) and Persian script does not write: a
#: linking sound, not a word of the name.
_IZAFE = re.compile(r"(?<=[a-z])-y?e(?=[\s,;]|$)")


def joined_hyphens(text: str) -> tuple[str, ...]:
    """The name with its hyphenated words written as one, in up to two forms: runs of
    short parts (up to four letters) joined alone (NAM-SAN -> NAMSAN, Kim Jong-Un -> Kim
    JongUn, Zaki-ur-Rehman -> Zakiur Rehman), and whole runs joined (Jean-Pierre ->
    Jeanpierre, LVOVA-BELOVA -> LVOVABELOVA, Bashir-Ud-Din -> Bashiruddin), except runs of
    Chinese or Korean syllables (`_joined`). A Persian izafe is dropped, not joined. Empty
    without a hyphen.
    Lists and customers write these names hyphenated, joined and apart: the hyphenated and
    joined spellings meet through these forms, the hyphenated and split ones through the
    words."""
    if "-" not in text:
        return ()
    folded = _IZAFE.sub("", fold(text))
    out: list[str] = []
    for pattern, join in ((_SHORT_PARTS, _joined_short), (_HYPHENATED, _joined)):
        joined = pattern.sub(join, folded)
        if joined != folded and joined not in out:
            out.append(joined)
    return tuple(out)


#: Words joined by a hyphen whose parts are short (NAM-SAN, Jong-Un, ZAKI-UR): syllables
#: lists also write as one word.
_SHORT_PARTS = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,4}(?:-[^\W\d_]{1,4})+(?![^\W\d_])")
#: Words joined by a hyphen (Jean-Pierre, LVOVA-BELOVA, Bashir-Ud-Din).
_HYPHENATED = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:-[^\W\d_]+)+(?![^\W\d_])")


def _joined_short(run: re.Match[str]) -> str:
    return run.group(0).replace("-", "")


def _joined(run: re.Match[str]) -> str:
    """A hyphenated run written as one word, unless it is all Chinese or Korean syllables
    one of which is longer than four letters (Jeong-Hui, Young-Cheol): a name of
    syllables pairs syllable by syllable, and joined it would pair as one word by sound
    (jeonghui ~ jing)."""
    parts = run.group(0).split("-")
    if any(len(p) > 4 for p in parts) and all(map(is_syllable, parts)):
        return run.group(0)
    return "".join(parts)


#: A part of a name in brackets: an acronym, a country or a former name (GLOBAL RELIEF
#: FOUNDATION (GRF), AERO CONTINENTE (USA) INC.).
_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")


def without_brackets(text: str, acronyms_only: bool = False) -> str | None:
    """The name without its bracketed parts, which one list writes and another leaves
    out; None when it has none, or nothing else. A legal form in brackets stays: it is
    part of the name. `acronyms_only` (a customer's name, where brackets may hold
    anything, as the Korean legal form (주) rigour does not know): only a bracketed
    acronym of the name's words goes (SPECIAL PURPOSE ISLAMIC REGIMENT (SPIR))."""
    if "(" not in text and "[" not in text:
        return None
    rest = _BRACKETED.sub(" ", text) if acronyms_only else ""

    def drop(bracketed: re.Match[str]) -> str:
        inner = words(replace_legal_forms(fold(bracketed.group(0))))
        if _legal_forms_only(inner):
            return bracketed.group(0)
        if acronyms_only and not _spells_initials(inner, rest):
            return bracketed.group(0)
        return " "

    bare = _BRACKETED.sub(drop, text).strip()
    return bare if bare != text.strip() and has_word_chars(bare) else None


def other_script_names(text: str) -> tuple[str, ...]:
    """The names in a name written in two scripts, the second in brackets: the name
    outside those brackets and each bracketed one (Akrin Saleh Akrin (أقرين صالح أقرين),
    كتيبة أنصار الشريعة (Katibat Ansar al Charia), Jin Tiesan (金铁三)); () for a name
    with none. Whole, such a name meets neither writing: half of its words are the
    other half's. No second writing: a bracket in the name's own script (which stays in
    the first name), of a single word ("(Tigrinya)", "(주)"), of legal forms only
    ("(株式会社)") or of no letters ("(1975-1980)")."""
    if "(" not in text and "[" not in text:
        return ()
    own = _scripts(_BRACKETED.sub(" ", text))
    found: list[str] = []

    def drop(bracketed: re.Match[str]) -> str:
        inner = bracketed.group(0).strip("()[] ")
        scripts = _scripts(inner)
        if (
            scripts
            and scripts.isdisjoint(own)
            and _is_name(inner)
            and not _legal_forms_only(words(replace_legal_forms(fold(inner))))
        ):
            found.append(inner)
            return " "
        return bracketed.group(0)

    rest = _BRACKETED.sub(drop, text).strip()
    return (rest, *found) if found and own else ()


def _legal_forms_only(folded_words: list[str]) -> bool:
    """Words (folded, legal forms replaced) that are all legal forms: "(LLC)" is part of
    the name it follows, never a name of its own."""
    return bool(folded_words) and all(w in LEGAL_FORMS for w in folded_words)


def _scripts(text: str) -> frozenset[str]:
    """The scripts of a text's letters (LATIN, ARABIC, CYRILLIC, CJK, HANGUL, ...)."""
    return frozenset(unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha())


def _is_name(text: str) -> bool:
    """Two words or more, or two letters or more of a script written without spaces."""
    found = words(fold(text))
    return len(found) > 1 or (
        len(found) == 1 and len(found[0]) > 1 and bool(_scripts(found[0]) & _UNSPACED)
    )


#: Scripts whose names are written without spaces between their syllables.
_UNSPACED = frozenset({"CJK", "HANGUL", "HIRAGANA", "KATAKANA"})


def _spells_initials(inner: list[str], rest: str) -> bool:
    """Whether the letters of `inner` (two or more, AAS-T read as AAST) spell, in order,
    initials of the words of `rest` (hyphenated parts counted apart: JNIM for JAMA'A
    NUSRAT UL-ISLAM WA AL-MUSLIMIN)."""
    letters = "".join(inner)
    if len(letters) < 2 or not letters.isalpha():
        return False
    initials = iter(w[0] for w in words(fold(rest).replace("-", " ")))
    return all(letter in initials for letter in letters)


#: "Son of" and "daughter of" written out in a person's name (Akhter Mohmad son of Noor
#: Mohmad; "s/o", "d/o" in South Asian records): the particles bin and bint, as the
#: other lists write the same names (Abdul Haq bin Anwar, عبد الحق ولد محمد).
_SON_OF = re.compile(r"\b(?:son[\s-]+of|s/o)\b(?!/)")
_DAUGHTER_OF = re.compile(r"\b(?:daughter[\s-]+of|d/o)\b(?!/)")  # not d/o/b (birth)


def _analyze(text: str, kind: Kind) -> tuple[NameForm, ...]:
    folded = _IZAFE.sub("", fold(text))
    family_words: list[str] = []
    # A person's reading only: analyze_name reads a name of unknown kind as a person's
    # too, and keeps "Son of God Ltd" for its organisation reading.
    if kind == "person" and ("of" in folded or "/" in folded):
        folded = _DAUGHTER_OF.sub(" bint ", _SON_OF.sub(" bin ", folded))
    if kind in ("person", "any") and folded.count(",") == 1:
        family_words = words(folded.split(",", 1)[0])
    if kind in ("org", "any"):
        folded = replace_legal_forms(folded)
    ws = words(folded)
    if kind != "person":
        ws = tidy_org_words(ws)
    ws = _strip_prefixes(ws, kind)
    n = len(family_words)
    if kind == "person" and 0 < n < len(ws) and ws[:n] == family_words:
        # "FAMILY, Title Given": the title heads the given part (AL ZAWAHIRI, Dr. Ayman).
        ws = family_words + _strip_prefixes(ws[n:], kind)
    if not ws:
        return ()
    forms: list[NameForm] = []
    # Han names of 2-4 characters read as a person's unless it is an organisation's
    # (its kind, or a legal form in a name of unknown kind).
    person = kind == "person" or (kind == "any" and not any(w in LEGAL_FORMS for w in ws))
    if person:
        ws = joined_family(ws)
    for scheme in korean_schemes(ws, person) or schemes_for(ws):
        tokens = tuple(t for w in ws for t in _romanised(w, scheme, person).split())
        family = tuple(t for w in family_words for t in _romanised(w, scheme).split())
        form = NameForm(tokens, family)
        if tokens and form not in forms:
            forms.append(form)
    return tuple(forms)


def _romanised(word: str, scheme: str, person: bool = True) -> str:
    """`romanise`, with the Korean readings of `normalize.korean` where they apply (a
    word they do not apply to is romanised generically)."""
    if scheme.startswith("ko-"):
        return romanise_korean(word, scheme, person) or romanise(word, "generic", person)
    return romanise(word, scheme, person)


def is_legal_form(token: str) -> bool:
    """True for generic legal-form tokens (`llc`, `jsc`, `corporation`...)."""
    return token in LEGAL_FORMS
