"""The rules of sanctio-v1's name score, in one place: every constant of the formula and the
cost of a word left unpaired. `names._pair_up` (the definition, which also writes the
explanations), its C mirror `_align.c` and the index's approximate score
(`index/name_index.py` with `_rank.c`) all take them from here: a change to the formula is
made here, and the tests that hold C equal to Python guard it.
"""

from __future__ import annotations

import math

from sanctio.match import _align
from sanctio.match.tokens import ABJAD, EXACT, INITIAL, ORG_SYNONYM, PHONETIC, SHORT, TOLERANT

#: Share of an unpaired list word's weight that still counts against the match: a list
#: name may carry middle names and patronymics the query lacks (persons), or extra words
#: (organisations, where it matters more). A stated family name counts fully.
EXTRA_LIST_PERSON = 0.3
EXTRA_LIST_OTHER = 0.5
#: Unpaired query patronymic ("Grigoryevich" against a list name without one).
EXTRA_QUERY_PATRONYMIC = 0.5
#: Unpaired query word when every word of a person's listed name found its pair, two
#: distinctive ones at least: the listed name is contained in the customer's, whose
#: other names (a genealogy "bin X bin Y", middle names) the list does not give.
EXTRA_QUERY_COVERED = 0.5
#: ... EXTRA_QUERY_ANCHORED when the query's first and last distinctive words are among
#: those pairs, each at ANCHOR_SIMILARITY or more (a spelling rule: an edit, a sound, a
#: consonant key such as عمر ~ UMAR; not a typo beyond the budget or an initial): a name
#: written in full, given name first and family name last, with the father's and
#: grandfather's names between (an Arabic nasab: "Riad Muhammad Hasan Muhammad
#: al-Hijazi" for HIJAZI, Riad). A query that merely holds the listed words elsewhere
#: (Hamza bin Usama bin Laden for BIN LADEN, Usama) keeps EXTRA_QUERY_COVERED.
EXTRA_QUERY_ANCHORED = 0.25
ANCHOR_SIMILARITY = 0.75
#: ... distinctive words that must pair for the listed name to count as contained.
COVERED_STRONG = 2
#: ... distinctive words the query must hold (particles such as al, bin do not count):
#: four or more is a genealogy or middle names; in a three-word name the third is a given
#: name or syllable the list would give (Kim Yeong Hwan is not KIM Yeong, ZHENG Cheng Jian
#: not CHENG Jian).
COVERED_QUERY_WORDS = 4
#: Shortest unpaired distinctive word of a listed organisation name met on one word only
#: that costs in full (`lone_word`): three letters or fewer are mostly acronyms of the
#: name's other words (RGB, BAL, NII, KB), MEHR is a word.
LONE_LETTERS = 4
#: A listed organisation met on one distinctive word paired below this similarity (two
#: edits, or one in a word of five letters or fewer: TOLERANT x 4/5 = 0.76) counts the
#: pair's similarity squared (`lone_edit_loss`).
LONE_EDIT = 0.8
#: Both names hold numbers and none agree: different vessels, funds or companies.
NUMBER_MISMATCH = 0.6
#: Two person names written as syllables (Chinese, Korean) where a syllable of the
#: query's is left unpaired: another family or given name (지성훈 Ji Song Hun is not KIM
#: Song Hun, 김유진 Kim Yu Jin not YU Jin), however common the syllable and so however
#: little its weight. A listed syllable the query lacks costs in full (extra_share), no
#: more: lists and customers drop given-name syllables (KIM Sam for KIM Chol Sam).
SYLLABLE_CONFLICT = 0.8
#: A word two or three typos from a listed word (beyond the edit budget): little evidence
#: alone, so it pairs only when another word of the name already did, and counts this much.
NEAR = 0.5
#: ... when both words have NEAR_LENGTH letters or more, the same first letter, and at
#: most 40% of their letters changed (Levenshtein normalised similarity).
NEAR_LENGTH = 4
NEAR_SIMILARITY = 0.6
#: ... but the Arabic article glued to both words (al-, el-: a name romanised from Arabic
#: script, a listed AL-X read joined) says nothing of their first letters: when the
#: letters after it are two different consonants, the words are two names (al-Kharafi,
#: al-Shahabi: `article_clash`).
ARTICLES = ("al", "el")
VOWELS = "aeiouy"


def article_clash(a: str, b: str) -> bool:
    """Whether two words of NEAR_LENGTH letters or more that share their first letter
    both start with the Arabic article, followed by different consonants (see ARTICLES).
    Mirrored in `_align.c` (`article_clash`)."""
    return (
        len(a) > 2
        and len(b) > 2
        and a[:2] == b[:2]
        and a[:2] in ARTICLES
        and a[2] != b[2]
        and a[2] not in VOWELS
        and b[2] not in VOWELS
    )


def extra_share(person: bool, own_word: bool, syllabic: bool = False) -> float:
    """How much of an unpaired list word counts: all of it when the query brings a word
    of its own that found no pair (ZHANG Kai is not ZHANG Wei) or the listed name is
    Chinese syllables (`syllabic`: LI Cheng Yu is not Li Yu, a syllable of a given name is
    no middle name), else the forgiving share of a missing middle name (persons) or
    extra word (organisations)."""
    if own_word or syllabic:
        return 1.0
    return EXTRA_LIST_PERSON if person else EXTRA_LIST_OTHER


def covered_gain(query_words: list[int]) -> float:
    """How far EXTRA_QUERY_COVERED (or EXTRA_QUERY_ANCHORED, the smaller) can lift a full
    score above the index's approximate one, which charges every query word in full:
    N / (D + cU) - N / (D + U) is at most
    (1 - sqrt c) / (1 + sqrt c) (N = D, U = D / sqrt c); 0 for queries whose forms have
    too few distinctive words (`query_words`, per form) for it."""
    if max(query_words, default=0) < COVERED_QUERY_WORDS:
        return 0.0
    root = math.sqrt(min(EXTRA_QUERY_COVERED, EXTRA_QUERY_ANCHORED))
    return (1.0 - root) / (1.0 + root)


def query_word_cost(
    weight: float, patronymic: bool, covered: bool, anchored: bool = False
) -> float:
    """What an unpaired query word adds to the score's denominator: half of a patronymic
    (EXTRA_QUERY_PATRONYMIC), EXTRA_QUERY_COVERED of any word when the listed name is
    contained in the query (`covered`), EXTRA_QUERY_ANCHORED when it is so at the query's
    two ends (`anchored`), else all of it."""
    share = (EXTRA_QUERY_ANCHORED if anchored else EXTRA_QUERY_COVERED) if covered else 1.0
    return weight * (min(share, EXTRA_QUERY_PATRONYMIC) if patronymic else share)


def list_word_cost(weight: float, family: bool, share: float, lone: bool = False) -> float:
    """What an unpaired list word adds to the score's denominator: a stated family name
    its whole weight, any other word `share` of it (see `extra_share`). `lone`: another
    distinctive word of a listed organisation name that met the query on one word only
    (`lone_word`), whole too."""
    return weight * (1.0 if family or lone else share)


def lone_pair(literal: bool, strong_pairs: int) -> bool:
    """Whether a listed organisation name (`literal`) met the query on one distinctive
    word only (`strong_pairs`): its other distinctive words then cost in full (see
    `lone_word`)."""
    return literal and strong_pairs == 1


def lone_edit_loss(lone: bool, similarity: float, weight: float) -> float:
    """What a listed organisation met on one distinctive word only (`lone`) loses from the
    score's numerator when that word pairs below LONE_EDIT: the pair counts similarity
    squared of its `weight` (both words' weights), not similarity. One word two edits
    away, or one edit in a short word, is little evidence of a company (Kosno / COSMO
    RESOURCES, Karwala / CARVANA, Gomes / GAMES UNLIMITED); a transliteration variant or
    one edit in a longer word (Cetelem / SETELEM BANK) is kept."""
    if not lone or similarity >= LONE_EDIT:
        return 0.0
    return weight * (similarity - similarity * similarity)


def lone_word(lone: bool, strong: bool, token: str) -> bool:
    """An unpaired word of a listed organisation name met on one distinctive word only
    (`lone`) that costs in full: a distinctive word of LONE_LETTERS letters or more.
    "EQTESAD LLC" merely shares a word with MEHR EQTESAD BANK, one of its several
    distinctive words; shorter words are mostly acronyms of the name's others
    (RECONNAISSANCE GENERAL BUREAU (RGB), AO KB NAVIS) and keep the forgiving share."""
    return lone and strong and len(token) >= LONE_LETTERS


def configure_c() -> None:
    """Hand the C mirror (`_align`) these rules; idempotent, called on its first use."""
    _align.configure(
        exact=EXACT,
        phonetic=PHONETIC,
        abjad=ABJAD,
        org_synonym=ORG_SYNONYM,
        tolerant=TOLERANT,
        initial=INITIAL,
        near=NEAR,
        near_similarity=NEAR_SIMILARITY,
        near_length=NEAR_LENGTH,
        short=SHORT,
        extra_query_patronymic=EXTRA_QUERY_PATRONYMIC,
        extra_query_covered=EXTRA_QUERY_COVERED,
        extra_query_anchored=EXTRA_QUERY_ANCHORED,
        anchor_similarity=ANCHOR_SIMILARITY,
        covered_strong=COVERED_STRONG,
        covered_query_words=COVERED_QUERY_WORDS,
        extra_list_person=EXTRA_LIST_PERSON,
        extra_list_other=EXTRA_LIST_OTHER,
        number_mismatch=NUMBER_MISMATCH,
        syllable_conflict=SYLLABLE_CONFLICT,
        lone_letters=LONE_LETTERS,
        lone_edit=LONE_EDIT,
    )
