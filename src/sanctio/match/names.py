"""Name alignment: best one-to-one token pairing between a query name and a list name."""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from sanctio.match import _align
from sanctio.match.prepared import PreparedName
from sanctio.match.rules import (
    ANCHOR_SIMILARITY,
    COVERED_QUERY_WORDS,
    COVERED_STRONG,
    NEAR,
    NEAR_LENGTH,
    NEAR_SIMILARITY,
    NUMBER_MISMATCH,
    SYLLABLE_CONFLICT,
    article_clash,
    configure_c,
    extra_share,
    list_word_cost,
    lone_edit_loss,
    lone_pair,
    lone_word,
    query_word_cost,
)
from sanctio.match.tokens import (
    ABJAD,
    EXACT,
    INITIAL,
    ORG_SYNONYM,
    PHONETIC,
    SHORT,
    TOLERANT,
    literal_similarity,
)

Sims = Sequence[Mapping[str, float]]
#: Per query: (query form, list tokens, family flags, person) -> alignment score. Many
#: list entries share a name (one party on several lists), so most lookups hit.
ScoreCache = dict[tuple[int, tuple[str, ...], tuple[bool, ...], bool], float]


@dataclass(frozen=True, slots=True, init=False)
class Alignment:
    """How one query name form met one list name form."""

    score: float
    query: PreparedName
    candidate: PreparedName
    pairs: tuple[tuple[str, str, float], ...]
    numbers_differ: bool

    # Written out: compiled (setup.py), this builds the object natively, where the
    # dataclass's own __init__ would run interpreted (tests/test_build.py).
    def __init__(
        self,
        score: float,
        query: PreparedName,
        candidate: PreparedName,
        pairs: tuple[tuple[str, str, float], ...],
        numbers_differ: bool,
    ) -> None:
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "query", query)
        object.__setattr__(self, "candidate", candidate)
        object.__setattr__(self, "pairs", pairs)
        object.__setattr__(self, "numbers_differ", numbers_differ)

    def detail(self) -> str:
        parts = [f"{q}~{c} {s:.2f}" for q, c, s in self.pairs]
        return ", ".join(parts) if parts else "no tokens in common"


def align(q: PreparedName, n: PreparedName, sims: Sims, person: bool) -> Alignment | None:
    """Score one pair of name forms; None when no token pairs up at all.

    Score = matched weight / (matched + unmatched weight), each matched pair weighing the
    mean of its two tokens' weights (rarity) times its similarity. Initials pair with a
    word of the same first letter (persons), weighing as much as the initial.
    """
    found = _pair_up(q, n, sims, person)
    if found is None:
        return None
    score, pairs, differ = found
    return Alignment(score, q, n, tuple(pairs), differ)


def align_score(q: PreparedName, n: PreparedName, sims: Sims, person: bool) -> float:
    """`align(...).score`, 0.0 when no token pairs up (ranking needs no explanation).

    Computed in C (`_align`, the same arithmetic as `_pair_up`, held equal by tests);
    names of more than 64 tokens, and sims not in a list, take `_pair_up` itself."""
    if type(sims) is list:
        try:
            score = _align.align_score(q, n, sims, person, literal_similarity)
        except RuntimeError:  # the C mirror's first use in this process: hand it the rules
            configure_c()
            score = _align.align_score(q, n, sims, person, literal_similarity)
        if score is not None:
            return score
    found = _pair_up(q, n, sims, person)
    return 0.0 if found is None else found[0]


def _pair_up(
    q: PreparedName, n: PreparedName, sims: Sims, person: bool
) -> tuple[float, list[tuple[str, str, float]], bool] | None:
    """(score, pairs, numbers differ) of the greedy one-to-one pairing (see align)."""
    # (-similarity, query position, list position): sorting ranks pairs best first, ties
    # in query then list order.
    candidates: list[tuple[float, int, int]] = []
    positions = n.positions
    # An acronym pairs only with its exact spelling, in a script that can spell it.
    exact_only = n.exact_only
    if exact_only and not q.spells_acronyms:
        return None
    # A listed organisation's words pair on spelling, short ones only exactly (literal).
    literal = n.literal
    for i, row in enumerate(sims):
        for nt, js in positions.items():
            s = row.get(nt)
            if s is None:
                continue
            if exact_only:
                if s != EXACT:
                    continue
            elif literal and s != EXACT:
                qt = q.tokens[i]
                # A word romanised from Arabic script is short by nature (no vowels):
                # only the listed word's length tells an acronym.
                if len(nt) <= SHORT or (len(qt) <= SHORT and s != ABJAD):
                    continue
                # Only the sound-alike tier scores exactly PHONETIC: an edit similarity
                # is TOLERANT x (1 - d / length), never 0.8 within the budget (d <= 2).
                if s == PHONETIC:
                    s = literal_similarity(qt, nt)
                    if s <= 0.0:
                        continue
            for j in js:
                # One generic word in two languages (ZAVOD / PLANT) pairs only between
                # generic words of a listed organisation's name and the query's: a generic
                # word standing as a name's distinctive one (JSC ENERGIYA) is its name.
                if s == ORG_SYNONYM and (not literal or q.strong[i] or n.strong[j]):
                    continue
                # Two different Mandarin syllables in a person's or an organisation's
                # name: another character (Bing / Jing, Zhang / Zhuang; SONG / HONG), not
                # a typo. Vessels keep them: lists romanise one ship's name in different
                # systems (FU YAN YU / FU YUAN YU, DOK CHO / DOK CHON).
                if (person or literal) and s < TOLERANT and q.syllables[i] and n.syllables[j]:
                    continue
                candidates.append((-s, i, j))
    if not candidates:
        return None
    candidates.sort()
    qtokens, ntokens = q.tokens, n.tokens
    used_q = [False] * len(qtokens)
    used_n = [False] * len(ntokens)
    qw, nw, strong = q.weights, n.weights, q.strong
    num = den = core = core_pw = 0.0
    paired = [0.0] * len(qtokens)  # each query word's similarity in the pairing
    strong_pairs = 0
    pairs: list[tuple[str, str, float]] = []
    number_hit = False
    for neg, i, j in candidates:
        if used_q[i] or used_n[j]:
            continue
        used_q[i] = used_n[j] = True
        s = -neg
        pw = qw[i] + nw[j]
        qt = qtokens[i]
        if strong[i]:
            core += s
            core_pw += pw
            strong_pairs += 1
        if not qt.isalpha():
            number_hit = True
        num += s * pw
        den += pw
        paired[i] = s
        pairs.append((qt, ntokens[j], s))
    if core == 0.0:
        return None
    if person and (q.initials or n.initials):
        for i, j in _initial_pairs(q, n, sims):
            if used_q[i] or used_n[j] or not _initial_fits(q, n, i, j, used_q, used_n):
                continue
            used_q[i] = used_n[j] = True
            pw = min(qw[i], nw[j])
            num += INITIAL * 2.0 * pw
            den += 2.0 * pw
            pairs.append((qtokens[i], ntokens[j], INITIAL))
    if person:  # a typo word beyond the budget, now that another word has paired
        for i, j, s in _near_pairs(q, n, used_q, used_n):  # marks them used
            pw = qw[i] + nw[j]
            num += s * pw
            den += pw
            pairs.append((qtokens[i], ntokens[j], s))
    own_word = False  # the query brings a word of its own that found no pair
    patronymic = q.patronymic
    covered = (
        person
        and sum(strong) >= COVERED_QUERY_WORDS
        and strong_pairs >= COVERED_STRONG
        and all(used_n)
    )
    anchored = covered and _anchored(strong, paired)
    for i, used in enumerate(used_q):
        if not used:
            den += query_word_cost(qw[i], patronymic[i], covered, anchored)
            own_word = own_word or (strong[i] and not patronymic[i])
    # A list name's extra words are forgiven as missing middle names or extra words, but
    # not when they stand where the query has another word: ZHANG Kai is not ZHANG Wei,
    # an institute of DURHAM physics not one of APPLIED physics.
    share = extra_share(person, own_word, n.syllabic)
    family, lone, n_strong = n.family, lone_pair(n.literal, strong_pairs), n.strong
    for j, used in enumerate(used_n):
        if not used:
            den += list_word_cost(nw[j], family[j], share, lone_word(lone, n_strong[j], ntokens[j]))
    num -= lone_edit_loss(lone, core, core_pw)
    score = num / den
    if q.syllabic and n.syllabic and not all(used_q):
        score *= SYLLABLE_CONFLICT
    differ = False
    if not number_hit and q.numeric and n.numeric:
        differ = True
        score *= NUMBER_MISMATCH
    return score, pairs, differ


def _anchored(strong: tuple[bool, ...], paired: list[float]) -> bool:
    """Whether the query's first and last distinctive words paired at ANCHOR_SIMILARITY
    or more (rules.EXTRA_QUERY_ANCHORED)."""
    ends = [i for i, st in enumerate(strong) if st]
    if not ends:
        return False
    return paired[ends[0]] >= ANCHOR_SIMILARITY and paired[ends[-1]] >= ANCHOR_SIMILARITY


def _near_pairs(
    q: PreparedName, n: PreparedName, used_q: list[bool], used_n: list[bool]
) -> list[tuple[int, int, float]]:
    """Words left unpaired on both sides that are typos of each other beyond the edit
    budget (same first letter, at most 40% of the letters changed: Mikfhal / MIKHAIL);
    each pair found is marked in `used_q` / `used_n`."""
    out: list[tuple[int, int, float]] = []
    for i, qt in enumerate(q.tokens):
        if used_q[i] or len(qt) < NEAR_LENGTH or not qt.isalpha():
            continue
        for j, nt in enumerate(n.tokens):
            if used_n[j] or len(nt) < NEAR_LENGTH or nt[0] != qt[0] or not nt.isalpha():
                continue
            if (q.syllables[i] and n.syllables[j]) or article_clash(qt, nt):
                continue
            if Levenshtein.normalized_similarity(qt, nt) >= NEAR_SIMILARITY:
                out.append((i, j, NEAR))
                used_q[i] = used_n[j] = True
                break
    return out


def may_be_covered(n: PreparedName, reach: Container[str], firsts: Container[str]) -> bool:
    """Whether every word of the listed name `n` may find a pair in a query whose words
    resemble the listed words `reach` and start with the letters `firsts`: a similar word,
    or a word of the same first letter (an initial, `_initial_pairs`; a typo beyond the
    budget, `_near_pairs`). False proves that `_pair_up` cannot find the name contained
    in the query (`covered`), so its score is no higher than the index's approximate one
    allows (rules.covered_gain)."""
    return all(t in reach or t[0] in firsts for t in n.tokens)


def _initial_pairs(q: PreparedName, n: PreparedName, sims: Sims) -> list[tuple[int, int]]:
    """Positions where an initial faces a word of the same first letter that it does not
    otherwise resemble, in query then list order."""
    out: list[tuple[int, int]] = []
    for i, qt in enumerate(q.tokens):
        row = sims[i]
        q_initial = len(qt) == 1
        for j, nt in enumerate(n.tokens):
            if qt[0] == nt[0] and q_initial != (len(nt) == 1) and nt not in row:
                out.append((i, j))
    return out


def _initial_fits(
    q: PreparedName, n: PreparedName, i: int, j: int, used_q: list[bool], used_n: list[bool]
) -> bool:
    """An initial may stand for a given name only: never for a family name, and only when
    every full word on its own side ("Vladimir P. KONONOV": kononov) found its pair, so
    that "Vladimir Putin" cannot meet "Vladimir P. KONONOV" through putin ~ p."""
    if len(q.tokens[i]) == 1:
        short, used, full_family, k = q, used_q, n.family, j
    else:
        short, used, full_family, k = n, used_n, q.family, i
    if full_family[k]:
        return False
    for t in range(len(short.tokens)):
        if not used[t] and short.strong[t] and not short.patronymic[t]:
            return False
    return True


def best_alignment(
    queries: Sequence[PreparedName],
    names: Sequence[PreparedName],
    sims: Sequence[Sims],
    person: bool,
    cache: ScoreCache | None = None,
) -> Alignment | None:
    """Best pair over every query form and every list name form (best name wins);
    with `cache` (see best_score) only the winning pair is aligned again."""
    if cache is not None:
        _, qi, top = _best(queries, names, sims, person, cache)
        return None if top is None else align(queries[qi], top, sims[qi], person)
    best: Alignment | None = None
    for qi, q in enumerate(queries):
        for n in names:
            a = align(q, n, sims[qi], person)
            if a is not None and (best is None or a.score > best.score):
                best = a
    return best


def best_score(
    queries: Sequence[PreparedName],
    names: Sequence[PreparedName],
    sims: Sequence[Sims],
    person: bool,
    cache: ScoreCache,
) -> float:
    """`best_alignment(...).score` (0.0 for None), memoised in `cache` across entities."""
    return _best(queries, names, sims, person, cache)[0]


def _best(
    queries: Sequence[PreparedName],
    names: Sequence[PreparedName],
    sims: Sequence[Sims],
    person: bool,
    cache: ScoreCache,
) -> tuple[float, int, PreparedName | None]:
    """The best pairing score over every query form and list name, and the pair that
    reached it first (None: nothing pairs). Scores are memoised in `cache` by query form
    and list name form, so a name form listed under several entities is aligned once per
    query. This loop runs for every candidate: it is written out, not split into calls."""
    best, top_q, top = 0.0, 0, None
    for qi, q in enumerate(queries):
        row = sims[qi]
        for n in names:
            key = (qi, n.tokens, n.family, person)
            score = cache.get(key)
            if score is None:
                score = cache[key] = align_score(q, n, row, person)
            if score > best:
                best, top_q, top = score, qi, n
    return best, top_q, top
