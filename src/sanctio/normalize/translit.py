"""Transliteration of any script to ASCII, with several romanisations for Cyrillic."""

from __future__ import annotations

import re
import unicodedata

import icu

from sanctio.normalize.abjad import is_abjad
from sanctio.runtime import memo

#: Russian, Belarusian and Ukrainian BGN/PCGN schemes give the passport-style spellings
#: sanctions lists use (Lukashenko, Alyaksandr, Hryhoryavich); ICU's generic
#: `Any-Latin` drops carons (Lukasenko). Each is followed by the generic rule so that
#: letters a scheme does not cover still come out as ASCII.
_GENERIC = "Any-Latin; Latin-ASCII"
_SCHEMES: dict[str, str] = {
    "generic": _GENERIC,
    "ru": f"Russian-Latin/BGN; {_GENERIC}",
    "be": f"Belarusian-Latin/BGN; {_GENERIC}",
    "uk": f"Ukrainian-Latin/BGN; {_GENERIC}",
}
CYRILLIC_SCHEMES: tuple[str, ...] = ("ru", "be", "uk", "generic")

_CYRILLIC = re.compile(r"[\u0400-\u04ff\u0500-\u052f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: The Arabic article al-, written joined to its noun.
_ARTICLE = "\u0627\u0644"
_TA_MARBUTA = "\u0629"
_AYN = "\u0639"
_ALLAH = "\u0627\u0644\u0644\u0647"
_MUHAMMAD = "\u0645\u062d\u0645\u062f"
#: Letters that start a suffix (-i, -ian, -abad), not a second name: ي ی ا.
_SUFFIX_START = frozenset("\u064a\u06cc\u0627")
_CLEAN = re.compile(r"[^a-z0-9 ]+")


@memo(8)
def _transliterator(scheme: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(_SCHEMES[scheme])


#: Urdu, Pashto, Sindhi and Kurdish letters ICU leaves untouched, by Unicode name -> the
#: Arabic letter spelling the same consonant or vowel (ھ in الزھراني is ه).
_ARABIC_BASES = {
    "HEH DOACHASHMEE": "HEH",
    "HEH GOAL": "HEH",
    "AE": "HEH",
    "TEH MARBUTA GOAL": "TEH MARBUTA",
    "TTEH": "TEH",
    "TTEHEH": "TEH",
    "TEHEH": "TEH",
    "BEEH": "BEH",
    "BEHEH": "BEH",
    "DDAL": "DAL",
    "DAHAL": "DAL",
    "DDAHAL": "DAL",
    "DUL": "DAL",
    "RREH": "REH",
    "NOON GHUNNA": "NOON",
    "RNOON": "NOON",
    "YEH BARREE": "YEH",
    "E": "YEH",
    "DYEH": "JEEM",
    "NYEH": "JEEM",
    "TCHEHEH": "TCHEH",
    "GUEH": "GAF",
    "NGOEH": "GAF",
    "SWASH KAF": "KAF",
    "DOTLESS FEH": "FEH",
    "PEHEH": "PEH",
    "U": "WAW",
    "OE": "WAW",
    "YU": "WAW",
    "KIRGHIZ OE": "WAW",
    "KIRGHIZ YU": "WAW",
    "ALEF WASLA": "ALEF",
}


#: Cyrillic letters of Kazakh, Tatar, Bashkir, Kyrgyz, Tajik, Uzbek and other languages
#: that ICU drops, by Unicode name -> the Russian letter for the same sound (ә Kazakh,
#: Tatar A-umlaut; һ the h of Tatar and Bashkir). Other names lose their adjective
#: ("STRAIGHT U", "BARRED O") or their marks ("EN WITH DESCENDER", "HA WITH DESCENDER").
_CYRILLIC_BASES = {"SCHWA": "A", "SHHA": "HA", "BASHKIR KA": "KA"}
_CYRILLIC_ADJECTIVES = ("STRAIGHT ", "BARRED ", "ABKHASIAN ", "KHAKASSIAN ", "KOMI ")


def _letter_bases(
    script: str, codes: list[int], aliases: dict[str, str], adjectives: tuple[str, ...] = ()
) -> dict[int, int | str]:
    """Letters of `script` (a Unicode name prefix: ARABIC, CYRILLIC SMALL) that ICU does
    not romanise -> the letter it does: named in `aliases`, or the letter a "X WITH
    <marks>" or "<adjective> X" letter is built on (REH WITH RING -> ر, STRAIGHT U -> у)."""
    table: dict[int, int | str] = {}
    generic = _transliterator("generic")
    prefix = f"{script} LETTER "
    for code in codes:
        ch = chr(code)
        name = unicodedata.name(ch, "")
        if not name.startswith(prefix) or _romanised_alone(generic, ch):
            continue
        base = aliases.get(name.removeprefix(prefix), name.removeprefix(prefix))
        base = base.split(" WITH ")[0]
        for adjective in adjectives:
            base = base.removeprefix(adjective)
        base = aliases.get(base, base)
        try:
            letter = unicodedata.lookup(prefix + base)
        except KeyError:
            continue
        if letter != ch and _romanised_alone(generic, letter):
            table[code] = letter
    return table


def _romanised_alone(generic: icu.Transliterator, letter: str) -> bool:
    """Whether ICU's generic rule writes this letter in ASCII, with a letter (not drops it)."""
    out = generic.transliterate(letter)
    return out.isascii() and bool(_CLEAN.sub("", out.lower()))


#: Latin letters ICU drops: the schwa of Azerbaijani (Əliyev, Məmmədov: ALIYEV, MAMMADOV
#: in English spellings) and the turned, open and reversed vowels of African alphabets
#: (ɔ, ǝ), read as their base letter.
_LATIN_BASES = {"SCHWA": "A", "ALPHA": "A"}
_LATIN_ADJECTIVES = ("TURNED ", "REVERSED ", "OPEN ", "CLOSED ", "BARRED ", "INVERTED ")


@memo(1)
def _latin_letter_bases() -> dict[int, int | str]:
    """Latin letters ICU drops -> their base letter (see above)."""
    return _letter_bases(
        "LATIN SMALL", list(range(0x0180, 0x02B0)), _LATIN_BASES, _LATIN_ADJECTIVES
    )


@memo(1)
def _cyrillic_letter_bases() -> dict[int, int | str]:
    """Cyrillic letters ICU drops -> the Russian letter for their sound (see above)."""
    return _letter_bases(
        "CYRILLIC SMALL", list(range(0x0400, 0x0530)), _CYRILLIC_BASES, _CYRILLIC_ADJECTIVES
    )


@memo(1)
def _arabic_letter_bases() -> dict[int, int | str]:
    """Arabic-script letters ICU does not romanise -> the letter it does: named above,
    or the letter a "X WITH <marks>" letter is built on (REH WITH RING -> ر); and the
    emphatic ض ظ -> ذ (below)."""
    table = _letter_bases("ARABIC", [*range(0x0620, 0x0700), *range(0x0750, 0x0780)], _ARABIC_BASES)
    # ض and ظ are Z in Persian and Urdu (REZA, MORTEZA, KAZEM), D, DH or Z in Arabic
    # (RAMADAN, RIDHA, NADHIM): ICU's ḍ and ẓ fold to d and z, so they are romanised as
    # ذ (dh), which reads as every one of these (normalize.abjad).
    for emphatic in ("\u0636", "\u0638"):
        table[ord(emphatic)] = "\u0630"
    return table


def is_cyrillic(text: str) -> bool:
    """True when the text holds any Cyrillic letter."""
    return _CYRILLIC.search(text) is not None


def is_alphabetic_script(text: str) -> bool:
    """True when every letter is Latin, Greek or Cyrillic: alphabets whose words spell
    acronyms letter by letter (an abjad or Hangul word romanises to other consonants)."""
    if text.isascii():
        return True
    for ch in text:
        if ch.isalpha() and ord(ch) > 0x24F:
            code = ord(ch)
            if not (0x370 <= code <= 0x52F or 0x1E00 <= code <= 0x1FFF):
                return False
    return True


@memo(200_000)
def romanise(word: str, scheme: str = "generic", person: bool = True) -> str:
    """One folded word -> lower-case ASCII (space-separated when a script splits it).

    The Arabic article is split off its noun (الرحمن -> "al rhmn"). Han characters
    come out as pinyin syllables; a 2-4 character Han word that may be a
    person's name (`person`) is written as family name + joined given name ("xi
    jinping"), the usual passport convention; an organisation's keeps its syllables.
    """
    if word.isascii():
        return word
    if is_abjad(word):
        word = word.translate(_arabic_letter_bases())
    elif _CYRILLIC.search(word):
        word = word.translate(_cyrillic_letter_bases())
    else:
        word = word.translate(_latin_letter_bases())
    if _TA_MARBUTA in word:
        # ة is written -a / -ah / -at in Latin; ICU writes it as ت (t), which Latin
        # spellings always write: as ه (h), it is the optional final h it sounds.
        word = word.replace(_TA_MARBUTA, "\u0647")
    if _AYN in word:
        # ع has no Latin letter (ICU writes ʿ, dropped with the punctuation) but Latin
        # spellings write a vowel for it (Omar, Ali, Abd): "e", which ICU never writes
        # for Arabic script, keeps its place (normalize.abjad reads it).
        word = word.replace(_AYN, "e")
    if word.startswith(_MUHAMMAD) and len(word) > len(_MUHAMMAD) + 1:
        rest = word[len(_MUHAMMAD) :]
        if rest[0] not in _SUFFIX_START:
            # Persian writes compound given names as one word (محمدعلی Mohammad-Ali,
            # محمدتقی Mohammad-Taqi); Mohammadi, Mohammadian are surnames.
            return f"{romanise(_MUHAMMAD, scheme, person)} {romanise(rest, scheme, person)}"
    if word.startswith(_ARTICLE) and len(word) > len(_ARTICLE) + 1 and word != _ALLAH:
        # The Arabic article is a word of its own in Latin spellings (AL-RAHMAN).
        return f"al {romanise(word[len(_ARTICLE) :], scheme, person)}"
    out = _transliterator(scheme).transliterate(word).lower()
    out = _CLEAN.sub("", out.replace("-", " ").replace("?", ""))
    if person and _HAN.search(word) and 2 <= len(word) <= 4 and _HAN.fullmatch(word[0]):
        syllables = out.split()
        if len(syllables) == len(word):
            out = f"{syllables[0]} {''.join(syllables[1:])}"
    return " ".join(out.split())


def schemes_for(words: list[str]) -> tuple[str, ...]:
    """Which romanisation schemes to apply to a name: several only for Cyrillic."""
    if any(is_cyrillic(w) for w in words):
        return CYRILLIC_SCHEMES
    return ("generic",)
