"""Find listed names in tokenised text: candidate spans from rare tokens, then the scorer.

Rules (see docs/text.md):
- A name is looked for only in runs of capitalised words (any word when the text has no
  lower case, as in SWIFT messages), initials, name particles and numbers, not across
  sentence ends, brackets or blank lines; a line break or a comma does not end a name.
- A mention matches at least two distinct core words of one list name (similarity 0.85
  or more), one of them exactly or by transliteration key; or one such word and an
  initial of another ("V. Putin"). When the list states a family name, the mention
  includes it: a lone given name, or given name and patronymic, never hit.
- An organisation or vessel whose name has one distinctive word hits on that word alone
  only when the text writes it as a name: with its other words ("Al Qaida"), next to a
  legal form ("OOO Transoil", 4+ letters), or quoted or in capitals (7+ letters).
- Each candidate span is scored against its candidate entities with the matching
  engine's algorithm; at most MAX_PER_SPAN entities at or above the threshold are kept.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sanctio.match import Feature, get_algorithm
from sanctio.match.query import sims_for
from sanctio.normalize import is_legal_form, replace_legal_forms
from sanctio.normalize.orgs import legal_form
from sanctio.runtime import memo
from sanctio.screening.query import Query
from sanctio.screening.text.gazetteer import Gazetteer, ListedName
from sanctio.screening.text.tokens import HARD, NAME_PARTICLES, Token

MAX_SPAN = 6
#: A name shared by many entries ("Fu Yuan Yu" without its number) reports the best few.
MAX_PER_SPAN = 10
SINGLE_TOKEN_MIN = 7
#: A one-word name's word may be shared by this many list names at most: few when only
#: quotes or capitals mark it, more when its legal form or other words are written too.
SINGLE_TOKEN_POSTINGS = 3
SINGLE_TOKEN_POSTINGS_WITH_FORM = 50
#: A word counts towards a mention when it resembles a listed token this much (typos and
#: transliteration drift pass; "Mary"/"Mark" and "King"/"Kang" do not).
STRONG = 0.85
#: At least one word of a mention matches exactly or by transliteration key: free text is
#: edited prose, and fuzzy look-ups are made only next to such an anchor (speed).
ANCHOR = 0.95
#: Within one overlapping group, mentions scoring this far below the best are dropped.
OVERLAP_MARGIN = 0.1
#: A long run of name-like words (a list of names, capitalised prose, a table) is read in
#: windows of WINDOW words, each seen with CONTEXT words either side: a name is at most
#: MAX_SPAN words plus initials, so every mention lies whole in the window it starts in.
#: Reading a whole run at once made the cost grow with the square of its length (every
#: candidate name walked the whole run) and paired words hundreds of words apart.
WINDOW = 32
CONTEXT = 16


@dataclass(frozen=True, slots=True)
class Found:
    """One verified mention: token positions, the entity and how it scored."""

    first: int
    last: int
    entity: int
    score: float
    query: str
    features: tuple[Feature, ...]


def _runs(tokens: Sequence[Token], cased: bool) -> list[range]:
    """Maximal stretches of name-like tokens with no hard break inside."""
    runs: list[range] = []
    start = -1
    for i, tok in enumerate(tokens):
        forms = tok.forms
        particle = bool(forms) and not tok.cap and forms[0] in NAME_PARTICLES
        namish = bool(forms) and (tok.cap or tok.initial or not cased or particle)
        if start >= 0 and tok.brk < HARD and (namish or tok.raw[0].isdigit()):
            continue  # numbers continue a name ("Fu Yuan Yu 557") but never start one
        if start >= 0:
            runs.append(range(start, i))
        start = i if namish else -1
    if start >= 0:
        runs.append(range(start, len(tokens)))
    return runs


def name_words(tokens: Sequence[Token], cased: bool) -> int:
    """How many words the finder will look names up in (the words of name-like runs): what
    its work grows with, so the work budget of a text counts these."""
    return sum(len(run) for run in _runs(tokens, cased))


def _windows(run: range) -> list[tuple[range, range]]:
    """(window with its context, the positions whose mentions it reports) over a run."""
    if len(run) <= WINDOW + 2 * CONTEXT:
        return [(run, run)]
    out: list[tuple[range, range]] = []
    for start in range(run.start, run.stop, WINDOW):
        keep = range(start, min(start + WINDOW, run.stop))
        seen = range(max(run.start, start - CONTEXT), min(run.stop, keep.stop + CONTEXT))
        out.append((seen, keep))
    return out


def _merge(into: dict[str, float], found: Mapping[str, float]) -> None:
    for listed, s in found.items():
        if s > into.get(listed, 0.0):
            into[listed] = s


class TextFinder:
    """Finds mentions of listed names in token sequences over one gazetteer."""

    def __init__(self, gazetteer: Gazetteer, algorithm: str = "sanctio-v1") -> None:
        self.gazetteer = gazetteer
        self.index = gazetteer.index
        self.algorithm = get_algorithm(algorithm)
        self._cased = True

    def close_hits(self, tok: Token) -> dict[str, float]:
        """Listed tokens equal to a form of this word, exactly or by transliteration key.

        An initial matches nothing here ("I" would equal "ji" by key): it only extends a
        person's name, see `_extend_initials`."""
        out: dict[str, float] = {}
        if tok.initial:
            return out
        for form in (*tok.forms, *tok.variants):
            _merge(out, self.gazetteer.lookup(form, False))
        return out

    def find(
        self,
        tokens: Sequence[Token],
        *,
        cased: bool,
        threshold: float,
        allowed: frozenset[int] | None = None,
    ) -> list[Found]:
        """Verified mentions in the token sequence, overlapping weaker ones removed."""
        found: list[Found] = []
        self._cased = cased
        for whole in _runs(tokens, cased):
            if len(whole) == 1 and not self._marked(tokens[whole.start]):
                continue  # one plain capitalised word can only be a one-word name, marked
            for run, keep in _windows(whole):
                found.extend(
                    f for f in self._find_in(tokens, run, threshold, allowed) if f.first in keep
                )
        return _resolve(found)

    def _find_in(
        self,
        tokens: Sequence[Token],
        run: range,
        threshold: float,
        allowed: frozenset[int] | None,
    ) -> list[Found]:
        """Verified mentions within one run (or window of a long run)."""
        found: list[Found] = []
        hits = [self.close_hits(tokens[i]) for i in run]
        anchors = [k for k, h in enumerate(hits) if any(s >= ANCHOR for s in h.values())]
        if not anchors:
            return found
        for k in sorted({k + d for k in anchors for d in (-2, -1, 1, 2)}):
            tok = tokens[run[k]] if 0 <= k < len(run) else None
            if tok is None or tok.initial or not tok.forms or len(tok.forms[0]) < 4:
                continue
            if tok.cap or not self._cased:
                _merge(hits[k], self.gazetteer.lookup(tok.forms[0], True))
        for (first, last), names in self._candidates(tokens, run, hits).items():
            entities = {self.gazetteer.names[n].entity for n in names}
            if allowed is not None:
                entities &= allowed
            if entities:
                found.extend(self._verify(tokens, first, last, run, hits, entities, threshold))
        return found

    def _candidates(
        self, tokens: Sequence[Token], run: range, hits: Sequence[Mapping[str, float]]
    ) -> dict[tuple[int, int], set[int]]:
        """Token spans worth scoring, each with the list names that may be meant."""
        positions: dict[str, set[int]] = {}
        for k, h in enumerate(hits):
            for listed, s in h.items():
                if s >= STRONG:
                    positions.setdefault(listed, set()).add(k)
        if not positions:
            return {}
        initials = any(tokens[i].initial for i in run)
        postings = self.gazetteer.postings
        names: set[int] = set()
        for listed in positions:
            names.update(postings.get(listed, ()))
        spans: dict[tuple[int, int], set[int]] = {}
        for n in names:
            name = self.gazetteer.names[n]
            touched = [t for t in name.core if t in positions]
            if len(touched) >= 2:
                if len(set().union(*(positions[t] for t in touched))) < 2:
                    continue
            elif not ((initials and name.person) or (not name.person and len(name.core) == 1)):
                continue
            where = sorted(set().union(*(positions[t] for t in touched)))
            span = self._span(tokens, run, hits, name, where)
            if span is not None:
                spans.setdefault(span, set()).add(n)
        return spans

    def _span(
        self,
        tokens: Sequence[Token],
        run: range,
        hits: Sequence[Mapping[str, float]],
        listed: ListedName,
        where: Sequence[int],
    ) -> tuple[int, int] | None:
        """The tightest span matching enough distinct tokens of one list name, if any;
        `where`: the positions in the run (ascending) where any of its tokens is matched."""
        matched: list[tuple[int, str, float]] = []  # (position in run, listed token, sim)
        used: set[str] = set()
        for k in where:  # elsewhere no token of the name is matched: nothing to take
            h = hits[k]
            options = [t for t in listed.core if t not in used and h.get(t, 0.0) >= STRONG]
            if options:
                best = max(options, key=h.__getitem__)
                matched.append((k, best, h[best]))
                used.add(best)
        if not matched:
            return None
        # keep the largest cluster: matched words at most one unmatched word apart
        clusters: list[list[tuple[int, str, float]]] = [[matched[0]]]
        for item in matched[1:]:
            if item[0] - clusters[-1][-1][0] <= 2:
                clusters[-1].append(item)
            else:
                clusters.append([item])
        cluster = max(clusters, key=lambda c: (len(c), sum(m[2] for m in c)))
        if not any(m[2] >= ANCHOR for m in cluster):
            return None
        used = {m[1] for m in cluster}
        if listed.family and not used & listed.family:
            return None  # given names and patronymic without the family name
        first, last = cluster[0][0], cluster[-1][0]
        if last - first + 1 > MAX_SPAN:
            return None
        if len(cluster) >= 2:
            first, last = self._extend_initials(tokens, run, first, last, listed, used)
            return run[first], run[last]
        if listed.person:
            widened, _ = self._extend_initials(tokens, run, first, last, listed, used)
            if widened == first:
                return None
            return run[widened], run[last]
        token = cluster[0][1]
        if self._single_token_name(tokens, run, first, listed, token, hits[first]):
            return self._widen(tokens, run, first, listed)
        return None

    def _extend_initials(
        self,
        tokens: Sequence[Token],
        run: range,
        first: int,
        last: int,
        listed: ListedName,
        used: set[str],
    ) -> tuple[int, int]:
        """Take in initials before the span ("V. Putin", "M. al-Shaar") whose letters start
        unmatched tokens; name particles between them and the span are taken in too."""
        letters = {t[0] for t in listed.tokens if t not in used}
        k = first
        while k > 0:
            tok = tokens[run[k - 1]]
            if tok.initial and tok.forms and tok.forms[0] in letters:
                k -= 1
                first = k
                continue
            if tok.forms and tok.forms[0] in NAME_PARTICLES and k > first - 2:
                k -= 1  # a particle counts only when an initial comes before it
                continue
            break
        return first, last

    def _single_token_name(
        self,
        tokens: Sequence[Token],
        run: range,
        k: int,
        listed: ListedName,
        token: str,
        hit: Mapping[str, float],
    ) -> bool:
        """A name with one distinctive word, written so that it reads as that name."""
        if len(listed.core) != 1 or hit.get(token, 0.0) < ANCHOR:
            return False
        sharing = len(self.gazetteer.postings.get(token, ()))
        if (
            len(token) >= 4
            and sharing <= SINGLE_TOKEN_POSTINGS_WITH_FORM
            and (
                self._whole_name(tokens, run, k, listed)
                or (listed.org and self._legal_form_near(tokens, run, k))
            )
        ):
            return True
        return (
            len(token) >= SINGLE_TOKEN_MIN
            and sharing <= SINGLE_TOKEN_POSTINGS
            and self._marked(tokens[run[k]])
        )

    def _marked(self, tok: Token) -> bool:
        """Quoted, or in capitals within mixed-case text: how a one-word name stands out."""
        return tok.quoted or (self._cased and tok.raw.isupper() and len(tok.raw) >= 4)

    def _whole_name(self, tokens: Sequence[Token], run: range, k: int, listed: ListedName) -> bool:
        """Every word of the listed name, particles included, in order ("Al Qaida")."""
        n = len(listed.tokens)
        if n < 2:
            return False
        for first in range(max(0, k - n + 1), k + 1):
            window = [tokens[run[j]] for j in range(first, min(first + n, len(run)))]
            if len(window) == n and all(
                listed.tokens[m] in (*w.forms, *w.variants) for m, w in enumerate(window)
            ):
                return True
        return False

    def _legal_form_near(self, tokens: Sequence[Token], run: range, k: int) -> bool:
        """A legal form (OOO, LLC, JSC, SARL, Company) within three words ("OOO Transoil")."""
        for j in range(max(0, k - 3), min(len(run), k + 4)):
            forms = tokens[run[j]].forms
            if j != k and forms and legal_form_word(forms[0]):
                return True
        return False

    def _widen(
        self, tokens: Sequence[Token], run: range, k: int, listed: ListedName
    ) -> tuple[int, int]:
        """A one-word name's span with its neighbouring legal form and particles."""
        first = last = k

        def belongs(j: int) -> bool:
            forms = tokens[run[j]].forms
            return bool(forms) and (forms[0] in listed.tokens or legal_form_word(forms[0]))

        while first > 0 and belongs(first - 1):
            first -= 1
        while last + 1 < len(run) and belongs(last + 1):
            last += 1
        return run[first], run[last]

    def _verify(
        self,
        tokens: Sequence[Token],
        first: int,
        last: int,
        run: range,
        hits: Sequence[Mapping[str, float]],
        entities: Iterable[int],
        threshold: float,
    ) -> list[Found]:
        """Score the span against each candidate entity with the real algorithm."""
        index = self.index
        words: list[str] = []
        for i in range(first, last + 1):
            tok = tokens[i]
            h = hits[i - run.start]
            forms = (*tok.forms, *tok.variants)
            best = max(forms, key=lambda f: (h.get(f, 0.0), -forms.index(f)), default="")
            words.append(best)
        text = " ".join(w for w in words if w)
        if not text:
            return []
        query = Query.create(text)
        pq = self.algorithm.prepare(query, index.weights, index.similar)
        sims = sims_for(pq, index.similar)
        out: list[Found] = []
        for e in entities:
            result = self.algorithm.score(pq, index.prepared[e], sims)
            if result.score >= threshold:
                out.append(Found(first, last, e, result.score, text, tuple(result.features)))
        out.sort(key=lambda f: (-f.score, index.prepared[f.entity].entity.id))
        return out[:MAX_PER_SPAN]


@memo(20_000)
def legal_form_word(form: str) -> bool:
    """`ooo`, `ltd`, `sarl`, `gmbh`, `company`: a word that says what kind of body a name is."""
    replaced = replace_legal_forms(form).split()
    return len(replaced) == 1 and is_legal_form(legal_form(replaced[0]))


def _resolve(found: list[Found]) -> list[Found]:
    """One mention per entity and span; weaker mentions overlapping a stronger one go."""
    best: dict[tuple[int, int, int], Found] = {}
    for f in found:
        key = (f.first, f.last, f.entity)
        if key not in best or f.score > best[key].score:
            best[key] = f
    ordered = sorted(best.values(), key=lambda f: (f.first, -f.score, f.entity))
    firsts = [f.first for f in ordered]
    widest = max((f.last - f.first for f in ordered), default=0)
    kept: list[Found] = []
    for f in ordered:
        # Only mentions starting at most `widest` tokens before f can reach it (bisect:
        # linear in the mentions for any text, however they chain).
        lo = bisect_left(firsts, f.first - widest)
        hi = bisect_right(firsts, f.last)
        overlapping = [g for g in ordered[lo:hi] if g.last >= f.first]
        top = max(g.score for g in overlapping)
        if f.score >= top - OVERLAP_MARGIN:
            # the same entity over a wider span that scores better wins
            if any(g.entity == f.entity and g is not f and g.score > f.score for g in overlapping):
                continue
            kept.append(f)
    return kept
