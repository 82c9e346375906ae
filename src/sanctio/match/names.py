"""Name alignment: best one-to-one token pairing between a query name and a list name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sanctio.match.prepared import PreparedName
from sanctio.match.tokens import INITIAL, is_patronymic, is_weak_token

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
    qtokens, ntokens = q.tokens, n.tokens
    for i, qt in enumerate(qtokens):
        row = sims[i]
        for j, nt in enumerate(ntokens):
            s = row.get(nt)
            if s is None:
                if person and qt[0] == nt[0] and (len(qt) == 1) != (len(nt) == 1):
                    s = -INITIAL
                else:
                    continue
            candidates.append((s, i, j))
    if not candidates:
        return None
    candidates.sort(key=lambda c: abs(c[0]), reverse=True)
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
        if s < 0:
            s = -s
            pw = min(qw[i], nw[j])
        else:
            pw = (qw[i] + nw[j]) * 0.5
            if not is_weak_token(qtokens[i]):
                core += s
            if not qtokens[i].isalpha():
                number_hit = True
        num += s * 2.0 * pw
        den += 2.0 * pw
        pairs.append((qtokens[i], ntokens[j], s))
    if core == 0.0:
        return None
    for i, used in enumerate(used_q):
        if not used:
            den += qw[i] * (EXTRA_QUERY_PATRONYMIC if is_patronymic(qtokens[i]) else 1.0)
    extra = EXTRA_LIST_PERSON if person else EXTRA_LIST_OTHER
    for j, used in enumerate(used_n):
        if not used:
            den += nw[j] * (1.0 if n.family[j] else extra)
    score = num / den
    differ = False
    if not number_hit and _has_number(qtokens) and _has_number(ntokens):
        differ = True
        score *= NUMBER_MISMATCH
    return Alignment(score, q, n, tuple(pairs), differ)


def _has_number(tokens: tuple[str, ...]) -> bool:
    return any(not t.isalpha() for t in tokens)


def best_alignment(
    queries: Sequence[PreparedName],
    names: Sequence[PreparedName],
    sims: Sequence[Sims],
    person: bool,
) -> Alignment | None:
    """Best pair over every query form and every list name form (best name wins)."""
    best: Alignment | None = None
    for qi, q in enumerate(queries):
        for n in names:
            a = align(q, n, sims[qi], person)
            if a is not None and (best is None or a.score > best.score):
                best = a
    return best
