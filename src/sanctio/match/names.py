"""Name alignment: best one-to-one token pairing between a query name and a list name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

from sanctio.match.prepared import PreparedName
from sanctio.match.tokens import EXACT, INITIAL, is_patronymic, is_weak_token

#: Share of an unmatched list token's weight that still counts against the match: a list
#: name may carry middle names and patronymics the query lacks (persons), or extra
#: words (organisations, where it matters more). A stated family name counts fully.
EXTRA_LIST_PERSON = 0.3
EXTRA_LIST_OTHER = 0.5
#: Unmatched query patronymic ("Grigoryevich" against a list name without one).
EXTRA_QUERY_PATRONYMIC = 0.5
#: Both names hold numbers and none agree: different vessels, funds or companies.
NUMBER_MISMATCH = 0.6

Sims = Sequence[Mapping[str, float]]
#: Per query: (query form, list tokens, family flags, person) -> alignment score. Many
#: list entries share a name (one party on several lists), so most lookups hit.
ScoreCache = dict[tuple[int, tuple[str, ...], tuple[bool, ...], bool], float]


@dataclass(frozen=True, slots=True)
class Alignment:
    """How one query name form met one list name form."""

    score: float
    query: PreparedName
    candidate: PreparedName
    pairs: tuple[tuple[str, str, float], ...]
    numbers_differ: bool

    def detail(self) -> str:
        parts = [f"{q}~{c} {s:.2f}" for q, c, s in self.pairs]
        return ", ".join(parts) if parts else "no tokens in common"


def align(q: PreparedName, n: PreparedName, sims: Sims, person: bool) -> Alignment | None:
    """Score one pair of name forms; None when no token pairs up at all.

    Score = matched weight / (matched + unmatched weight), each matched pair weighing the
    mean of its two tokens' weights (rarity) times its similarity. Initials pair with a
    word of the same first letter (persons), weighing as much as the initial.
    """
    candidates: list[tuple[float, int, int]] = []
    initials: list[tuple[int, int]] = []  # judged once every full-word pair is made
    qtokens, ntokens = q.tokens, n.tokens
    exact_only = n.exact_only
    for i, qt in enumerate(qtokens):
        row = sims[i]
        q_initial = len(qt) == 1
        for j, nt in enumerate(ntokens):
            s = row.get(nt)
            if s is not None:
                if s == EXACT or not exact_only:
                    candidates.append((s, i, j))
            elif person and qt[0] == nt[0] and q_initial != (len(nt) == 1):
                initials.append((i, j))
    if not candidates:
        return None
    if len(candidates) > 1:
        candidates.sort(key=_first, reverse=True)  # stable: ties keep query order
    used_q = [False] * len(qtokens)
    used_n = [False] * len(ntokens)
    qw, nw = q.weights, n.weights
    num = den = core = 0.0
    pairs: list[tuple[str, str, float]] = []
    number_hit = False
    for s, i, j in candidates:
        if used_q[i] or used_n[j]:
            continue
        used_q[i] = used_n[j] = True
        pw = qw[i] + nw[j]
        qt = qtokens[i]
        if len(qt) > 1 and not is_weak_token(qt):
            core += s
        if not qt.isalpha():
            number_hit = True
        num += s * pw
        den += pw
        pairs.append((qt, ntokens[j], s))
    if core == 0.0:
        return None
    for i, j in initials:
        if used_q[i] or used_n[j] or not _initial_fits(q, n, i, j, used_q, used_n):
            continue
        used_q[i] = used_n[j] = True
        pw = min(qw[i], nw[j])
        num += INITIAL * 2.0 * pw
        den += 2.0 * pw
        pairs.append((qtokens[i], ntokens[j], INITIAL))
    own_word = False  # the query brings a word of its own that found no pair
    for i, used in enumerate(used_q):
        if not used:
            qt = qtokens[i]
            patronymic = is_patronymic(qt)
            den += qw[i] * (EXTRA_QUERY_PATRONYMIC if patronymic else 1.0)
            own_word = own_word or (len(qt) > 1 and not patronymic and not is_weak_token(qt))
    # A list name's extra words are forgiven as missing middle names or extra words, but
    # not when they stand where the query has another word: ZHANG Kai is not ZHANG Wei,
    # an institute of DURHAM physics not one of APPLIED physics.
    extra = 1.0 if own_word else EXTRA_LIST_PERSON if person else EXTRA_LIST_OTHER
    for j, used in enumerate(used_n):
        if not used:
            den += nw[j] * (1.0 if n.family[j] else extra)
    score = num / den
    differ = False
    if not number_hit and q.numeric and n.numeric:
        differ = True
        score *= NUMBER_MISMATCH
    return Alignment(score, q, n, tuple(pairs), differ)


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
    for t, token in enumerate(short.tokens):
        if not used[t] and len(token) > 1 and not is_weak_token(token) and not is_patronymic(token):
            return False
    return True


_first = itemgetter(0)


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
        top: tuple[int, PreparedName] | None = None
        best_s = 0.0
        for qi in range(len(queries)):
            for n in names:
                s = _cached(queries, qi, n, sims, person, cache)
                if s > best_s:
                    best_s, top = s, (qi, n)
        if top is None:
            return None
        return align(queries[top[0]], top[1], sims[top[0]], person)
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
    best = 0.0
    for qi in range(len(queries)):
        for n in names:
            score = _cached(queries, qi, n, sims, person, cache)
            best = max(best, score)
    return best


def _cached(
    queries: Sequence[PreparedName],
    qi: int,
    n: PreparedName,
    sims: Sequence[Sims],
    person: bool,
    cache: ScoreCache,
) -> float:
    key = (qi, n.tokens, n.family, person)
    score = cache.get(key)
    if score is None:
        a = align(queries[qi], n, sims[qi], person)
        score = cache[key] = 0.0 if a is None else a.score
    return score
