"""Consonant keys that let a name written in an abjad (Arabic, Persian) meet its Latin spellings.

Arabic and Persian script write consonants and long vowels only: ICU romanises محمد as
`mhmd`, حسين as `hsyn`, القذافي as `alqdhafy`, while lists written in Latin letters spell
MUHAMMAD, HUSSEIN, QADHAFI or GADDAFI. No romanisation can restore the short vowels, so
instead both sides are reduced to the consonants they must share:

- a Latin spelling (`latin_key`) drops its vowels, its `y` and `w` inside the word (they
  stand for long vowels: Husayn, Hussein), doubled letters (a shadda Arabic does not
  write), a final `h` (Abdullah / Abdulla, Fatimah / Fatima), and folds the digraphs and
  letters that spell one Arabic consonant (kh, sh / ch, th, dh, gh, ph; q / k / c);
- an abjad word's romanisation (`abjad_keys`) gives every key its letters can be spelt
  as: ق is Q, K or G in Latin (Qadhafi, Kadhafi, Gaddafi), ذ is DH, D, Z or TH, a final
  ة (romanised as h) is written or not (Osama / USAMAH), alif, waw and ya inside a word are
  vowels, and the article ال, split off by the romanisation, is matched on its own.

`abjad_match` is the one rule: an abjad word and a Latin word are forms of one name when
the Latin word's key is one of the abjad word's keys. It is a consonant skeleton, so it
only ever scores at the ABJAD tier (match.tokens), below any spelling agreement.
"""

from __future__ import annotations

import re
from itertools import product

from sanctio.runtime import memo

#: Arabic, Arabic Supplement, Extended-A, presentation forms A and B: Arabic, Persian,
#: Urdu, Pashto and Uyghur names.
_LETTERS = r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
_ABJAD = re.compile(_LETTERS)
_ABJAD_WORD = re.compile(rf"\S*{_LETTERS}\S*")

#: Latin letter groups spelling one Arabic consonant, longest first, and their key letter.
_LATIN_GROUPS: tuple[tuple[str, str], ...] = (
    ("dzh", "j"),
    ("sch", "S"),
    ("tch", "S"),
    ("sh", "S"),
    ("ch", "S"),
    ("kh", "k"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("zh", "z"),
    ("dj", "j"),
    ("ck", "k"),
    # c before e, i, y is s (French spellings of Maghreb names: LOUNICI, BOUCETTA).
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
    ("v", "w"),
)
_LATIN_PATTERN = re.compile("|".join(g for g, _ in _LATIN_GROUPS))
_LATIN_KEY = dict(_LATIN_GROUPS)
_VOWELS = frozenset("aeiou")

#: ICU's romanisation of an abjad consonant -> the Latin key letters it may be spelt as.
#: ASCII cannot tell ICU's digraphs (ز zh for ژ) from a letter followed by ه h (زه in
#: الزهراني `alzhrany`, AL-ZAHRANI), so each digraph may also be its two letters.
_ABJAD_UNITS: dict[str, tuple[str, ...]] = {
    "b": ("b", "p"),
    "p": ("p", "b"),
    "t": ("t",),
    "th": ("t", "s", "th"),
    "j": ("j", "g", "z"),
    "h": ("h",),
    "kh": ("k", "h", "kh"),
    "d": ("d",),
    "dh": ("d", "z", "t", "dh"),
    "r": ("r",),
    "z": ("z",),
    "s": ("s",),
    "sh": ("S", "s", "sh"),
    "ch": ("S",),
    "zh": ("z", "j", "zh"),
    "gh": ("g", "r", "gh"),
    "f": ("f",),
    "q": ("k", "g"),
    "k": ("k", "g"),
    "g": ("g", "k", "j"),
    "l": ("l",),
    "m": ("m",),
    "n": ("n",),
}
#: Consonants the article al- assimilates to (ICU romanisation): its l is not written.
_SUN = frozenset({"t", "th", "d", "dh", "r", "z", "s", "sh", "n", "l"})
_ABJAD_PATTERN = re.compile("th|kh|dh|sh|ch|zh|gh|[a-z]")
#: Name compounds lists glue to the article: عبد (`ebd`) is ABDUL / ABDEL as often as
#: ABD, أبو (`abw`) ABUL as often as ABU.
_GLUED_ARTICLE = {"ebd": "bdl", "abw": "bl"}
#: More keys than this (a long word of many ambiguous letters) and the rarest are dropped.
MAX_KEYS = 64
#: A key of one letter (علي `ly` -> l) meets only Latin words this short (Ali, Aly).
SHORT_KEY_WORD = 4


def without_abjad(text: str) -> str:
    """The text with its Arabic-script words left out ("هذيل and Sons" -> " and Sons")."""
    return _ABJAD_WORD.sub(" ", text)


def is_abjad(text: str) -> bool:
    """True when the text holds any Arabic-script letter."""
    return _ABJAD.search(text) is not None


@memo(200_000)
def latin_key(token: str) -> str:
    """The consonants a Latin spelling of an Arabic or Persian name must share with its
    original (see module doc); "" for a word with digits."""
    if not token.isalpha() or not token.isascii():
        return ""
    folded = _LATIN_PATTERN.sub(lambda m: _LATIN_KEY[m.group(0)], token)
    out: list[str] = []
    for i, ch in enumerate(folded):
        if ch in _VOWELS or (i and ch in "yw"):
            continue
        if i and folded[i - 1] == ch:
            continue  # a doubled letter is one Arabic letter (a shadda): HUSSEIN
        out.append(ch)
    if len(out) > 1 and out[-1] == "h" and token.endswith("h"):
        out.pop()  # the word's own final h (ABDULLAH, FATIMAH), not YAHYA's
    return "".join(out)


@memo(50_000)
def abjad_keys(token: str) -> frozenset[str]:
    """Every `latin_key` a Latin spelling of this romanised abjad word may have."""
    if not token.isalpha() or not token.isascii():
        return frozenset()
    units = _ABJAD_PATTERN.findall(token)
    choices: list[tuple[str, ...]] = []
    last = len(units) - 1
    for i, unit in enumerate(units):
        if unit in ("w", "y"):
            if i:
                choices.append(("-",))
            else:  # an initial waw is W or OU (OULD for ولد, OUSSAMA): a vowel to Latin
                choices.append(("w", "") if unit == "w" else ("y", "j"))
        elif unit == "a":
            choices.append(("-",))  # alif, a long vowel between two consonants
        elif unit == "l" and i and units[i - 1] == "a" and i < last and units[i + 1] in _SUN:
            choices.append(("l", ""))  # al-din is ED-DIN, al-rahman AR-RAHMAN
        elif unit == "h" and i == last and i:
            # ه or ة (romanised as h) ends the word: the silent ending of OSAMA, FATIMA
            # (Latin keys drop a final h) or a consonant Latin writes (طه TAHA).
            choices.append(("", "h"))
        else:
            choices.append(_ABJAD_UNITS.get(unit, ("",)))
    keys: set[str] = set()
    for combo in product(*choices):
        for key in _collapse("".join(combo)):
            if key:
                keys.add(key)
        if len(keys) >= MAX_KEYS:
            break
    glued = _GLUED_ARTICLE.get(token)
    if glued is not None:
        keys.add(glued)
    if token.startswith("al") and len(token) > 4 and len(units) > 2 and units[2] in _SUN:
        # The article glued to a sun letter is written by its sound: al-sabbar is
        # ESSABAR, al-rahman ARRAHMAN (the vowel start is still required: abjad_match).
        keys |= abjad_keys(token[2:])
    return frozenset(keys)


def _collapse(key: str) -> tuple[str, ...]:
    """The keys of one spelling of an abjad word, "-" marking a written long vowel. Two
    equal letters side by side are two consonants (ممدوح MAMDOUH) or one the Latin
    spelling doubles (الله ALLAH); across a long vowel they are two (امامی EMAMI)."""
    merged: list[str] = []
    for ch in key:
        if not merged or merged[-1] != ch:
            merged.append(ch)
    both = ("".join(merged), key)
    out: list[str] = []
    for variant in both:
        letters = variant.replace("-", "")
        if letters not in out:
            out.append(letters)
    return tuple(out)


#: Romanised particles a glued name starts with before an article (ebd al rhmn).
_ARTICLE_HOSTS = ("", "ebd", "abw", "bn", "abn")


def _has_article(units: list[str]) -> bool:
    """Whether a romanised word starts with the article, alone or after a glued particle
    (al..., ebdal...)."""
    word = "".join(units)
    return any(
        word.startswith(host + "al") and len(word) > len(host) + 3 for host in _ARTICLE_HOSTS
    )


@memo(50_000)
def _long_vowels(abjad_token: str) -> tuple[str, ...] | None:
    """Per gap between the abjad word's consonants, the long vowels written there (w, y,
    and alif a); None when an article's l, written or not, makes the consonants uncertain."""
    units = _ABJAD_PATTERN.findall(abjad_token)
    if _has_article(units):
        return None
    last = len(units) - 1
    demands = [""]
    for i, unit in enumerate(units):
        if unit == "e" or (unit == "a" and not i):
            continue
        if unit in ("w", "y", "a") and i:
            demands[-1] += unit
        elif unit == "h" and i == last:
            continue
        else:
            demands.append("")
    return tuple(demands)


@memo(200_000)
def _vowel_gaps(latin_token: str) -> tuple[str, ...]:
    """Per gap between a Latin word's consonants (as latin_key folds them), its vowels."""
    # A v inside the word is kept apart (V): it is the consonant و, never unwritten.
    folded = _LATIN_PATTERN.sub(
        lambda m: "V" if m.group(0) == "v" else _LATIN_KEY[m.group(0)], latin_token
    )
    gaps = [""]
    for i, ch in enumerate(folded):
        if ch in _VOWELS or (i and ch in "ywV"):
            gaps[-1] += ch
        elif not (i and folded[i - 1] == ch):
            gaps.append("")
    if len(gaps) > 2 and folded.endswith("h") and not gaps[-1]:
        gaps.pop()
    return tuple(gaps)


def _long_vowels_fit(abjad_token: str, latin_token: str) -> bool:
    """The long vowels the abjad word writes inside it (ي ī, و ū) are written in the
    Latin spelling at the same place: some vowel for alif (not KREMNY for کرمانی), an
    i, e or y between the same consonants for ي (Husayn, Hussein; or a final a for the
    alif maqsura ى, which romanises as y too), a u, o, w or v for و; not ALTAF for الطاف,
    FOTON for فتياني; and a v inside the Latin word is a written و (Parviz, Javad; not
    MVIZION for مزينة). Words
    whose consonants cannot be put side by side (an optional letter, a different count)
    are not judged here."""
    demands = _long_vowels(abjad_token)
    gaps = _vowel_gaps(latin_token)
    return demands is None or len(gaps) != len(demands) or _vowels_written(demands, gaps)


@memo(100_000)
def _vowels_written(demands: tuple[str, ...], gaps: tuple[str, ...]) -> bool:
    """`_long_vowels_fit` for consonants side by side: per gap, the long vowels the abjad
    word writes (`_long_vowels`) against the vowels the Latin word writes (`_vowel_gaps`);
    few distinct pairs, so memoised."""
    final = len(demands) - 1
    for k, (demand, written) in enumerate(zip(demands, gaps, strict=True)):
        # A final ya may be the alif maqsura (ى, Persian ی): -a (MUSTAFA, MUSA, YAHYA).
        allowed = "iey" if k < final else "ieya"
        if "y" in demand and not any(c in written for c in allowed):
            return False
        if "a" in demand and not written.replace("V", ""):
            return False  # alif is a long vowel: every spelling writes one (KERMANI)
        if "w" in demand and not any(c in written for c in "uowV"):
            return False
        if "V" in written and "w" not in demand:  # MVIZION is not مزينة
            return False
    return True


@memo(50_000)
def _silent_end(abjad_token: str) -> bool:
    """Whether the word ends in a ه or ة of its own (romanised h, not the second letter
    of a digraph such as ظ dh: حافظ HAFEZ), which a Latin spelling may leave unwritten."""
    units = _ABJAD_PATTERN.findall(abjad_token)
    return len(units) > 1 and units[-1] == "h"


def _elided_article(abjad_token: str, latin_token: str, key: str) -> bool:
    """The article and a vowel start (alif, ayn) written as the article's l alone: LAZHAR
    for الأزهر; a key of three consonants or more."""
    return latin_token[0] == "l" and abjad_token[:3] in ("ala", "ale") and len(key) > 2


def abjad_evidence(abjad_token: str, latin_token: str) -> int:
    """How many consonants agree when `latin_token` may spell the abjad word (see
    abjad_match), else 0."""
    return len(latin_key(latin_token)) if abjad_match(abjad_token, latin_token) else 0


def abjad_match(abjad_token: str, latin_token: str) -> bool:
    """True when `latin_token` may spell the romanised abjad word `abjad_token`: its key
    is one of the word's keys (`abjad_keys`) and its spelling fits (`spelling_fits`)."""
    key = latin_key(latin_token)
    return (
        bool(key)
        and key in abjad_keys(abjad_token)
        and spelling_fits(abjad_token, latin_token, key)
    )


def spelling_fits(abjad_token: str, latin_token: str, key: str) -> bool:
    """Given a Latin word whose `key` (its `latin_key`) is one of the abjad word's keys:
    it writes the long vowels the abjad word writes (`_long_vowels_fit`), starts with a
    vowel exactly when the word does (alif or ayn, which romanise as "a" and "e": Omar,
    Ibrahim; not Udin for دانية) or, where the word is the article and a vowel start,
    with the article's l (the Maghreb elides the article's vowel: الأزهر LAZHAR, الأخضر
    LAKHDAR, العربي LARBI, الأمين LAMINE), ends in a or e where the word's final ه or ة is silent
    (FATIMA, OSAMA, ZADEH: Ali is not عالية, Aliya), and is short when its key is one
    letter (Ali, Aly)."""
    if not _long_vowels_fit(abjad_token, latin_token):
        return False
    if latin_token[-1] not in "aeh" and not key.endswith("h") and _silent_end(abjad_token):
        return False
    first = abjad_token[0]
    if first == "w" and latin_token[0] not in "wvuo":
        return False
    vowel_start = first not in "wy" and (first in "ae") != (latin_token[0] in _VOWELS)
    if vowel_start and not _elided_article(abjad_token, latin_token, key):
        return False
    return len(key) > 1 or len(latin_token) <= SHORT_KEY_WORD
