"""Similarity of two ASCII name tokens, tolerant of typos and transliteration drift."""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from sanctio.normalize import (
    LEGAL_QUALIFIERS,
    is_legal_form,
    phonetic_key,
    stopwords,
    tolerant_key,
)
from sanctio.normalize.abjad import abjad_evidence
from sanctio.normalize.given_names import same_given_name
from sanctio.normalize.korean import same_korean_syllable, syllables_differ
from sanctio.normalize.org_words import is_org_word, share_org_symbol
from sanctio.normalize.syllables import is_syllable
from sanctio.runtime import memo

EXACT = 1.0
#: Same spelling once systematic transliteration variants are folded (kh/h, ks/x, y/i...).
TOLERANT = 0.95
#: Forms of one given name across languages (Alexander / Aleksandr / Alyaksandr /
#: Oleksandr, Grigory / Ryhor: normalize.given_names, from rigour's Wikidata items).
COGNATE = 0.9
#: An Arabic-script word and a Latin spelling with the consonants it allows (محمد
#: `mhmd` / MUHAMMAD, القذافي / GADDAFI: normalize.abjad): the short vowels are unwritten,
#: so the agreement is on the skeleton only.
ABJAD = 0.88
#: ... when they agree on two consonants or fewer (عبد / ABID, داوود / DAUD): many
#: names share so short a skeleton.
ABJAD_SHORT = 0.78
#: A skeleton of this many consonants or more is telling (mhmd, hsn, kdf).
ABJAD_CONSONANTS = 3
#: ... and of this many, nearly a spelling (kshlf KOSHLAF, nwrwz NOROUZI): few names
#: share four consonants in order with their long vowels in place.
ABJAD_LONG = 0.92
ABJAD_LONG_CONSONANTS = 4
#: Same metaphone and first letter but further apart than the edit budget allows.
PHONETIC = 0.8
#: ... and spelt alike too: at most this many edits beyond the edit budget of the longer
#: word (STEPHEN / STEVEN, ALDINI / ALAODDINI). A metaphone alone keeps few consonants
#: and no vowels, so it pairs JESSE / JOZO, BRUNO / BARRON, LEAH / LOUIE.
PHONETIC_EXTRA_EDITS = 1
#: Generic words of organisation names that say the same kind of body in two languages
#: (ZAVOD / PLANT, BYURO / BUREAU, FOND / FUND: rigour's symbols, normalize.org_words)
#: and are not spelt alike. They pair only as generic words of listed organisation names
#: beside distinctive words (match.names): ENERGIYA alone is a name, not POWER.
ORG_SYNONYM = 0.86
#: "V." against "Vladimir" (persons only): consistent, but proves little.
INITIAL = 0.7

#: Name particles (son of, of the): frequent, and dropped or kept freely between lists;
#: bn, abn, bnt and wld are بن, ابن, بنت and ولد romanised without their short vowels
#: (ولد: "son of" in Hassaniya and Pashto names, written ould in Latin).
PARTICLES = frozenset(
    {"bin", "ibn", "bint", "binti", "ben", "ould", "uld", "oglu", "van", "von"}
    | {"bn", "abn", "bnt", "wld"}
)
#: Particles that tie the next word to the name ("bin Laden", "van Gogh"): as a name's
#: last word they tie nothing and are a name themselves (Liu Bin, Ben).
LEADING_PARTICLES = PARTICLES - {"oglu"}

#: Stop words that are also particles of person names (de la, van der, al, y); other
#: stop words in a person's name are syllables of it (Kim Jong Un, Ri Son, Pak To):
#: they are distinctive there, and a query's unpaired one must cost (see is_name_word).
NAME_PARTICLES = frozenset(
    {"al", "el", "ul", "da", "das", "de", "degli", "del", "della", "delle", "der", "des"}
    | {"di", "do", "dos", "du", "la", "las", "le", "les", "los", "van", "von", "y", "e"}
    | {"and", "of", "the"}
)

_PATRONYMIC = re.compile(r"(?:ovich|evich|ovic|evic|vych|ovna|evna|ivna|yevna|ogly|oglu|kyzy)$")
#: Male and female forms of one patronymic (Petrovich / Petrovna) are not one name.
_MALE_PATRONYMIC = re.compile(r"(?:vich|vych|vic|vitj|vitch|witsch|ytch|vitsch)$")
_FEMALE_PATRONYMIC = re.compile(r"(?:vna|wna|una)$")
_MALE_ADJECTIVAL = re.compile(r"sk(?:y|iy|ii|ij|i)$")


#: Three-letter words meet only their four-letter forms with one more letter.
SHORT = 3


def max_edits(length: int) -> int:
    """Edit budget on the tolerant key: none up to 3 letters, 1 up to 7, then 2."""
    if length <= 3:
        return 0
    return 1 if length <= 7 else 2


@memo(500_000)
def token_similarity(a: str, b: str) -> float:
    """Score in [0, 1]: 1 equal, 0.95 equal tolerant keys or spellings of one Hangul
    syllable (normalize.korean; two syllables' spellings never pair on their tolerant
    keys), then edit distance, forms of one given name across languages (0.9),
    metaphone, or one generic word of organisation names in two languages (ORG_SYNONYM).

    Numbers and tokens with digits match only exactly ("SIS 2" is not "SIS 3"). Beyond
    the edit budget the score is 0 (a cliff, so that unrelated names add nothing).
    """
    sim = _literal(a, b)
    if sim == TOLERANT and a != b and syllables_differ(a, b):  # jong / yong: 정 is not 영
        sim = _edit_similarity(a, b)
    elif sim < TOLERANT and same_korean_syllable(a, b):  # yong / yeong, pok / bok: 영, 복
        return TOLERANT
    if sim < COGNATE and same_given_name(a, b) and not _genders_differ(a, b):
        return COGNATE
    if sim < PHONETIC and a.isalpha() and b.isalpha() and a[0] == b[0]:
        pa = phonetic_key(a)
        if pa and pa == phonetic_key(b) and spelt_alike(a, b):
            return PHONETIC
    if sim == 0.0 and share_org_symbol(a, b):  # equal words scored EXACT above
        return ORG_SYNONYM
    return sim


def spelt_alike(a: str, b: str) -> bool:
    """Whether two sound-alike words are also within PHONETIC_EXTRA_EDITS edits beyond
    the edit budget of the longer one (see PHONETIC_EXTRA_EDITS)."""
    limit = max_edits(max(len(a), len(b))) + PHONETIC_EXTRA_EDITS
    return OSA.distance(a, b, score_cutoff=limit) <= limit


def abjad_similarity(a: str, b: str) -> float:
    """A word romanised from Arabic script (`a`) against a listed word: EXACT for the
    same romanisation; else, when `b` has the consonants `a` allows (ABJAD, or
    ABJAD_SHORT on a short skeleton: abjad_tier), the better of that tier and their
    spelling similarity (a long vowel written alike: SALAH, `salh`). Edits and sounds
    alone measure nothing on a romanisation without its short vowels: KARIMIAN is one
    edit from KERMANI's skeleton `krmany`, AL-WADI two from `alwndy`."""
    if a == b:
        return EXACT
    tier = abjad_tier(a, b)
    return max(token_similarity(a, b), tier) if tier else 0.0


def abjad_tier(a: str, b: str) -> float:
    """What a Latin spelling `b` of the romanised Arabic-script word `a` scores on its
    consonants alone: ABJAD, ABJAD_SHORT on a skeleton of two consonants or fewer, else 0."""
    return consonant_tier(abjad_evidence(a, b))


def consonant_tier(agree: int) -> float:
    """The abjad tier of a Latin spelling whose `agree` consonants meet an Arabic-script
    word's (abjad_tier): ABJAD_LONG from ABJAD_LONG_CONSONANTS, ABJAD from
    ABJAD_CONSONANTS, ABJAD_SHORT below, 0 for none."""
    if not agree:
        return 0.0
    if agree >= ABJAD_LONG_CONSONANTS:
        return ABJAD_LONG
    return ABJAD if agree >= ABJAD_CONSONANTS else ABJAD_SHORT


def _genders_differ(a: str, b: str) -> bool:
    """Male and female forms of one name: patronymics (Petrovich / Petrovna) or Slavic
    surnames (Putin / Putina, Ivanov / Ivanova, Vysotsky / Vysotskaya), which Wikidata's
    family-name items share but which name different people."""
    male_a, male_b = _MALE_PATRONYMIC.search(a), _MALE_PATRONYMIC.search(b)
    female_a, female_b = _FEMALE_PATRONYMIC.search(a), _FEMALE_PATRONYMIC.search(b)
    if (male_a and female_b) or (female_a and male_b):
        return True
    short, long = sorted((a, b), key=len)
    if long == short + "a":
        return True
    male = _MALE_ADJECTIVAL.search(short)
    return male is not None and long.startswith(short[: male.start()] + "ska")


@memo(100_000)
def literal_similarity(a: str, b: str) -> float:
    """`token_similarity` without the sound-alike tier: equal, equal tolerant keys, or
    within the edit budget (organisation names pair on spelling, not on sound)."""
    return _literal(a, b)


def _literal(a: str, b: str) -> float:
    if a == b:
        return EXACT
    if not (a.isalpha() and b.isalpha()):
        return 0.0
    ta, tb = tolerant_key(a), tolerant_key(b)
    if ta == tb:
        return TOLERANT
    sim = _edit_similarity(ta, tb)
    if ta != a or tb != b:
        # Folding can also pull a typo apart: harrah -> hara, harrach -> harach.
        sim = max(sim, _edit_similarity(a, b))
    return sim


def _edit_similarity(a: str, b: str) -> float:
    """TOLERANT scaled down by edit distance (a swap of two neighbouring letters is one
    edit: OSA), 0 beyond the budget of the shorter token."""
    budget = max_edits(min(len(a), len(b)))
    if not budget:
        if min(len(a), len(b)) != SHORT or abs(len(a) - len(b)) != 1:
            return 0.0
        budget = 1  # a letter dropped from a four-letter word: kord ~ kod, chon ~ cho
    dist = OSA.distance(a, b, score_cutoff=budget)
    return TOLERANT * (1.0 - dist / max(len(a), len(b))) if dist <= budget else 0.0


@memo(100_000)
def is_weak_token(token: str) -> bool:
    """Legal forms and their qualifiers, stop words, particles: they never carry a name
    match on their own."""
    return (
        is_legal_form(token)
        or token in LEGAL_QUALIFIERS
        or token in PARTICLES
        or token in stopwords()
    )


@memo(100_000)
def is_strong_token(token: str) -> bool:
    """A distinctive word: not an initial and not weak (see is_weak_token)."""
    return len(token) > 1 and not is_weak_token(token)


@memo(100_000)
def is_name_word(token: str) -> bool:
    """A distinctive word of a person's name: strong (is_strong_token), or a stop word
    that is no name particle ("un" in Kim Jong Un, "so" in Pak So)."""
    if is_strong_token(token):
        return True
    return len(token) > 1 and token in stopwords() and token not in NAME_PARTICLES


@memo(100_000)
def is_patronymic(token: str) -> bool:
    """Looks like an East Slavic or Turkic patronymic (-ovich, -evna, -ogly)."""
    return _PATRONYMIC.search(token) is not None


#: Bits of `token_flags`.
FLAG_STRONG = 1
FLAG_NAME_WORD = 2
FLAG_ORG_WORD = 4
FLAG_PATRONYMIC = 8
FLAG_SYLLABLE = 16


@memo(200_000)
def token_flags(token: str) -> int:
    """What a prepared name records of each of its words, in one lookup (PreparedName.make
    reads every word of every name, listed or queried): FLAG_STRONG (is_strong_token),
    FLAG_NAME_WORD (is_name_word), FLAG_ORG_WORD (is_org_word), FLAG_PATRONYMIC
    (is_patronymic), FLAG_SYLLABLE (a Mandarin or Korean syllable: is_syllable)."""
    return (
        (FLAG_STRONG if is_strong_token(token) else 0)
        | (FLAG_NAME_WORD if is_name_word(token) else 0)
        | (FLAG_ORG_WORD if is_org_word(token) else 0)
        | (FLAG_PATRONYMIC if is_patronymic(token) else 0)
        | (FLAG_SYLLABLE if is_syllable(token) else 0)
    )


#: Most a generic word of organisation names weighs (plant, bureau, research, federal:
#: normalize.org_words), whatever its rarity across the lists: it says what kind of body
#: a name is, so the distinctive word must carry the match. A legal form weighs 0.6.
ORG_WORD = 2.0


def base_weight(token: str, idf: float) -> float:
    """Token weight from its rarity, adjusted by kind: initials, legal forms, generic
    words of organisation names, numbers."""
    if len(token) == 1 and token.isalpha():
        return 1.0
    if is_weak_token(token):
        return min(idf, 0.6)
    if not token.isalpha():
        return max(idf, 3.0)
    if is_org_word(token):
        return min(max(idf, 0.5), ORG_WORD)
    return max(idf, 0.5)
