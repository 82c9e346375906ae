"""A query prepared for matching: romanised name forms, weights, dates, countries, ids."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sanctio.match.compounds import compound_forms, persian_compound_forms, persian_given_forms
from sanctio.match.names import Sims
from sanctio.match.prepared import (
    PreparedName,
    QueryLike,
    Weights,
    exact_key,
    name_forms,
    prepare_names,
)
from sanctio.match.schemas import compatible_schemas, name_kind
from sanctio.match.tokens import ABJAD, is_weak_token
from sanctio.model import PartialDate
from sanctio.normalize import Kind, clean_identifier
from sanctio.normalize.abjad import is_abjad, without_abjad


@dataclass(frozen=True, slots=True, init=False)
class PreparedQuery:
    """Everything the matcher needs from a query, computed once per query."""

    schema: str | None
    kind: Kind
    schemas: frozenset[str]
    names: tuple[PreparedName, ...]
    exact_keys: Mapping[str, str]
    birth_dates: tuple[PartialDate, ...]
    countries: frozenset[str]
    identifiers: Mapping[str, str]

    # Written out: compiled (setup.py), this builds the object natively, where the
    # dataclass's own __init__ would run interpreted (tests/test_build.py).
    def __init__(
        self,
        schema: str | None,
        kind: Kind,
        schemas: frozenset[str],
        names: tuple[PreparedName, ...],
        exact_keys: Mapping[str, str],
        birth_dates: tuple[PartialDate, ...],
        countries: frozenset[str],
        identifiers: Mapping[str, str],
    ) -> None:
        object.__setattr__(self, "schema", schema)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "schemas", schemas)
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "exact_keys", exact_keys)
        object.__setattr__(self, "birth_dates", birth_dates)
        object.__setattr__(self, "countries", countries)
        object.__setattr__(self, "identifiers", identifiers)

    @property
    def tokens(self) -> frozenset[str]:
        return frozenset(t for n in self.names for t in n.tokens)


def prepare_query(
    query: QueryLike,
    weights: Weights,
    similar: Callable[[str], Mapping[str, float]] | None = None,
) -> PreparedQuery:
    """Analyse the query's names as its schema reads them.

    A token the lists do not know (a typo) weighs as its most similar listed token when
    `similar` can say which; otherwise as the rarest token.
    """
    kind = name_kind(query.schema)
    forms = name_forms(query.names, kind, query=True)
    forms += compound_forms(forms, weights.known, person=kind == "person")
    if similar is not None and kind in ("person", "any"):
        forms += [f for f in persian_given_forms(forms) if similar(f[1][0])]
    if similar is not None and kind in ("org", "any"):
        forms += [f for f, joined in persian_compound_forms(forms) if _meets(similar(joined))]

    of = weights.person if kind == "person" else weights.get

    def weight(token: str) -> float:
        # A particle, legal form or stop word weighs as one (at most 0.6) however rare:
        # the lists' rarity of a word it resembles is no measure of it (بن romanised bn
        # is none of PAIN, PAWN, PENA in a list written in Latin letters only).
        if similar is not None and not weights.known(token) and not is_weak_token(token):
            near = similar(token)
            if near:
                return of(max(near, key=lambda t: (near[t], t)))
        return of(token)

    names = prepare_names(forms, weight, query=True, person=kind == "person")
    identifiers = {clean_identifier(v): v for v in query.id_numbers if clean_identifier(v)}
    return PreparedQuery(
        query.schema,
        kind,
        compatible_schemas(query.schema),
        names,
        {exact_key(n.tokens): n.text for n in names},
        tuple(query.birth_dates),
        frozenset(c.lower() for c in query.nationalities),
        identifiers,
    )


def _meets(similar: Mapping[str, float]) -> bool:
    """Whether a joined Arabic-script word meets a listed word on a consonant key of three
    consonants or more (ABJAD) or better: shorter keys meet too much to make a form."""
    return max(similar.values(), default=0.0) >= ABJAD


def abjad_tokens(query: QueryLike) -> frozenset[str]:
    """The query's name tokens romanised from Arabic script: they are looked up with the
    Latin spellings their consonants allow too (Vocabulary.similar_abjad)."""
    texts = [t for t in query.names if is_abjad(t)]
    if not texts:
        return frozenset()
    kind = name_kind(query.schema)
    forms = name_forms(texts, kind, query=True)  # as prepare_query reads the query
    if kind in ("person", "any"):
        forms += persian_given_forms(forms)
    if kind in ("org", "any"):
        forms += [f for f, _ in persian_compound_forms(forms)]
    # Latin words beside Arabic-script ones ("هذيل and Sons") are spellings, not skeletons.
    latin = name_forms([without_abjad(t) for t in texts], kind)
    spelt = {t for _, tokens, _ in latin for t in tokens}
    return frozenset(t for _, tokens, _ in forms for t in tokens if t not in spelt)


def sims_for(pq: PreparedQuery, similar: Callable[[str], Mapping[str, float]]) -> list[Sims]:
    """Per query form, per token: the list tokens it resembles and how much."""
    return [[similar(t) for t in name.tokens] for name in pq.names]
