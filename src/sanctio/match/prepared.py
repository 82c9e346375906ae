"""Comparable forms of queries and list entities, computed once and reused per query."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from sanctio.match.schemas import match_schema, name_kind
from sanctio.match.tokens import (
    FLAG_NAME_WORD,
    FLAG_ORG_WORD,
    FLAG_PATRONYMIC,
    FLAG_STRONG,
    FLAG_SYLLABLE,
    LEADING_PARTICLES,
    base_weight,
    is_strong_token,
    is_weak_token,
    token_flags,
)
from sanctio.model import IDENTIFIER_PROPS, Entity, PartialDate
from sanctio.normalize import (
    Kind,
    analyze_name,
    clean_identifier,
    is_alphabetic_script,
    is_legal_form,
)
from sanctio.normalize.abjad import is_abjad
from sanctio.normalize.names import (
    joined_hyphens,
    other_script_names,
    without_brackets,
    without_title_name,
)
from sanctio.normalize.org_words import is_org_word
from sanctio.normalize.syllables import is_vietnamese
from sanctio.runtime import field_values

_ID_PROPS = frozenset(IDENTIFIER_PROPS)
#: A Chinese name is a family name and a given name of one or two syllables (or a
#: two-syllable family name): more syllables are no one Chinese name.
MAX_SYLLABLES = 4
COUNTRY_PROPS: tuple[str, ...] = ("nationality", "citizenship", "country")


class QueryLike(Protocol):
    """What the matcher reads from a query (see `sanctio.screening.query.Query`)."""

    @property
    def names(self) -> tuple[str, ...]: ...
    @property
    def schema(self) -> str | None: ...
    @property
    def birth_dates(self) -> tuple[PartialDate, ...]: ...
    @property
    def nationalities(self) -> tuple[str, ...]: ...
    @property
    def id_numbers(self) -> tuple[str, ...]: ...


class Weights:
    """Token weights by rarity: ln(N / entities naming it), adjusted by token kind."""

    def __init__(self, df: Mapping[str, int], total: int) -> None:
        self.total = max(total, 1)
        self.unknown = math.log(self.total + 1.0)
        self._w = {t: base_weight(t, math.log((self.total + 1.0) / n)) for t, n in df.items()}
        #: Stop words that are syllables of person names (is_name_word) weigh as words
        #: there: "un" of Kim Jong Un is as telling as "jong"; so do generic words of
        #: organisation names (Samantha Power, Robert Plant: is_org_word).
        self._syllables = {
            t: max(math.log((self.total + 1.0) / n), 0.5)
            for t, n in df.items()
            if _weighs_as_word(t)
        }

    def __reduce__(self) -> tuple[Callable[..., Weights], tuple[object, ...]]:
        # Compiled (mypyc, setup.py), a Weights has no __dict__ for pickle to copy; Spark
        # ships it to its workers (spark.screen.IndexPayload).
        return _restored, (self.total, self._w, self._syllables)

    @classmethod
    def flat(cls) -> Weights:
        """No corpus: every word weighs the same (tests, one-off comparisons)."""
        return cls({}, 1)

    def get(self, token: str) -> float:
        w = self._w.get(token)
        return w if w is not None else base_weight(token, self.unknown)

    def known(self, token: str) -> bool:
        return token in self._w

    def person(self, token: str) -> float:
        """The token's weight in a person's name (a name syllable is no stop word)."""
        w = self._syllables.get(token)
        if w is not None:
            return w
        w = self._w.get(token)
        if w is not None:
            return w  # a listed word that no rule above applies to (see _syllables)
        if _weighs_as_word(token):
            return max(self.unknown, 0.5)
        return self.get(token)


def _weighs_as_word(token: str) -> bool:
    """A stop word that is a syllable of person names (is_name_word and not
    is_strong_token: "un", "so") or a generic word of organisation names (is_org_word):
    it weighs by its rarity in a person's name (Weights.person)."""
    flags = token_flags(token)
    name_syllable = flags & FLAG_NAME_WORD != 0 and flags & FLAG_STRONG == 0
    return name_syllable or flags & FLAG_ORG_WORD != 0


def _restored(total: int, weights: dict[str, float], syllables: dict[str, float]) -> Weights:
    """The Weights that Weights.__reduce__ pickled."""
    restored = Weights({}, total)
    restored._w, restored._syllables = weights, syllables
    return restored


@dataclass(frozen=True, slots=True, init=False)
class PreparedName:
    """One romanised form of one name, with token weights and family-name flags."""

    text: str
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    family: tuple[bool, ...]
    numeric: bool  # holds a token with digits (vessel, fund, company numbers)
    #: An acronym or other very short one-word organisation name ("VEB", "ADF", "KALA
    #: Ltd"): so little to compare that only an exact token match counts.
    exact_only: bool
    #: Token -> its positions: the pairing looks list tokens up by the query token's
    #: similar tokens instead of trying every pair of positions.
    positions: Mapping[str, tuple[int, ...]]
    #: Per token: a distinctive word (not an initial, legal form, stop word or particle).
    strong: tuple[bool, ...]
    #: Per token: looks like a patronymic (-ovich, -evna, -ogly).
    patronymic: tuple[bool, ...]
    #: Holds a one-letter token (an initial).
    initials: bool
    #: Written in Latin, Greek or Cyrillic letters, so that a word may spell a listed
    #: acronym letter by letter. A Hebrew, Arabic or Korean word romanises to consonants
    #: that can collide with one (רגב "Regev" -> rgb, 나루 "Naru" -> nalu) without being it.
    spells_acronyms: bool = True
    #: A listed organisation name: its words pair on spelling, not on sound alone, and
    #: a short word (SHORT letters or fewer, on either side) only with its exact
    #: spelling. A sound-alike is transliteration drift in a person's name, but in a
    #: company's mostly another word (Miller / MILUR, Silva / SLAVA, Bauer / BUREAU);
    #: short words are acronyms and syllables (Webb is not VEB, Jha not JIHAD).
    literal: bool = False
    #: A person's name written as 2-4 Mandarin syllables (LI Cheng Yu): a syllable the
    #: query lacks is part of another given name, not a middle name (match.rules).
    syllabic: bool = False
    #: Per token: a Mandarin syllable. Two different ones pair in a person's name only
    #: equal or on their tolerant keys (match.names): one letter is another character.
    syllables: tuple[bool, ...] = ()

    # Written out: compiled (setup.py), this builds the object natively, where the
    # dataclass's own __init__ would run interpreted (tests/test_build.py).
    def __init__(
        self,
        text: str,
        tokens: tuple[str, ...],
        weights: tuple[float, ...],
        family: tuple[bool, ...],
        numeric: bool,
        exact_only: bool,
        positions: Mapping[str, tuple[int, ...]],
        strong: tuple[bool, ...],
        patronymic: tuple[bool, ...],
        initials: bool,
        spells_acronyms: bool = True,
        literal: bool = False,
        syllabic: bool = False,
        syllables: tuple[bool, ...] = (),
    ) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "tokens", tokens)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "family", family)
        object.__setattr__(self, "numeric", numeric)
        object.__setattr__(self, "exact_only", exact_only)
        object.__setattr__(self, "positions", positions)
        object.__setattr__(self, "strong", strong)
        object.__setattr__(self, "patronymic", patronymic)
        object.__setattr__(self, "initials", initials)
        object.__setattr__(self, "spells_acronyms", spells_acronyms)
        object.__setattr__(self, "literal", literal)
        object.__setattr__(self, "syllabic", syllabic)
        object.__setattr__(self, "syllables", syllables)

    def __reduce__(self) -> tuple[type[PreparedName], tuple[object, ...]]:
        return PreparedName, field_values(self)

    @classmethod
    def make(
        cls,
        text: str,
        tokens: tuple[str, ...],
        weights: tuple[float, ...],
        family: tuple[bool, ...],
        exact_only: bool = False,
        spells_acronyms: bool = True,
        organisation: bool = False,
        person: bool = False,
        nasab: bool = False,
    ) -> PreparedName:
        """A name form with the per-token facts the pairing reads, computed once;
        `organisation`: a listed organisation's name (see `literal`); `person`: a
        person's name, whose non-particle stop words are name syllables (is_name_word);
        `nasab`: an Arabic-script person's name, whose words between the first and the
        last are the father's and grandfather's names (`nasab_flags`)."""
        positions: dict[str, tuple[int, ...]] = {token: (j,) for j, token in enumerate(tokens)}
        flags = tuple(map(token_flags, tokens))
        # A Vietnamese name is syllables however each one is spelt (normalize.syllables).
        vietnamese = is_vietnamese(text)
        syllables = tuple(vietnamese or f & FLAG_SYLLABLE != 0 for f in flags)
        syllabic = person and 2 <= len(tokens) <= MAX_SYLLABLES and all(syllables)
        strong = _strong_flags(tokens, flags, person, syllabic)
        patronymic = tuple(f & FLAG_PATRONYMIC != 0 for f in flags)
        if nasab:
            patronymic = tuple(p or n for p, n in zip(patronymic, nasab_flags(strong), strict=True))
        if len(positions) < len(tokens):  # a repeated word ("Abd al-Aziz al-Aziz")
            positions = {}
            for j, token in enumerate(tokens):
                positions[token] = (*positions.get(token, ()), j)
        return cls(
            text,
            tokens,
            weights,
            family,
            not all(map(str.isalpha, tokens)),
            exact_only,
            positions,
            strong,
            patronymic,
            min(map(len, tokens), default=0) == 1,
            spells_acronyms,
            organisation,
            syllabic,
            syllables,
        )


def nasab_flags(strong: tuple[bool, ...]) -> tuple[bool, ...]:
    """The distinctive words of an Arabic name between its first and its last: the nasab,
    father's and grandfather's names (رياض محمد حسن محمد الحجازي: Riad son of Muhammad son
    of Hasan ... al-Hijazi), which lists give in full or leave out (HIJAZI, Riad) as
    Slavic lists do patronymics; the first word is the given name, the last the family
    or tribal name."""
    where = [i for i, s in enumerate(strong) if s]
    if len(where) < 3:
        return (False,) * len(strong)
    inner = set(where[1:-1])
    return tuple(i in inner for i in range(len(strong)))


def _strong_flags(
    tokens: tuple[str, ...], flags: tuple[int, ...], person: bool = False, syllabic: bool = False
) -> tuple[bool, ...]:
    """Per token: a distinctive word; a leading particle ending the name is one too (the
    Chinese given name in "Liu Bin" is no "son of"), and every word of a person's name of
    syllables (`syllabic`: 斌 Bin, 德 De, 도 Do lead "Bin Liu", "Kim Do Hyun" too); in a
    person's name, a stop word that is no name particle too (is_name_word). Elsewhere a
    generic word of organisation names (plant, bureau, research: is_org_word) is
    distinctive only in a name without another distinctive word ("RECONNAISSANCE GENERAL
    BUREAU")."""
    if syllabic:
        return (True,) * len(tokens)
    bit = FLAG_NAME_WORD if person else FLAG_STRONG
    strong = tuple(f & bit != 0 for f in flags)
    if len(tokens) > 1 and tokens[-1] in LEADING_PARTICLES:
        strong = (*strong[:-1], True)
    if not person:
        generic = tuple(f & FLAG_ORG_WORD != 0 for f in flags)
        if any(s and not g for s, g in zip(strong, generic, strict=True)):
            strong = tuple(s and not g for s, g in zip(strong, generic, strict=True))
    return strong


@dataclass(frozen=True, slots=True)
class PreparedEntity:
    """A list entity's names, weak-alias keys, dates, countries and identifiers."""

    entity: Entity
    kind: Kind
    names: tuple[PreparedName, ...]
    #: Exact key -> (the weak alias as written, what an exact match weighs: weak_alias_weight).
    weak: Mapping[str, tuple[str, float]]
    birth_dates: tuple[str, ...]
    countries: frozenset[str]
    identifiers: Mapping[str, str]
    #: The schema it is matched as (match.schemas.match_schema).
    schema: str

    def __reduce__(self) -> tuple[type[PreparedEntity], tuple[object, ...]]:
        return PreparedEntity, field_values(self)

    def names_at(self, positions: Sequence[int]) -> Sequence[PreparedName]:
        """The list names at these positions in `names` (the ones that ranked the
        entity); every name when there are none."""
        return [self.names[i] for i in positions] if positions else self.names


#: An exact weak alias alone (0.65) stays below the default threshold (0.70): weak aliases
#: are nicknames and generic names ("MOHAMMED, Ali"), so they rank a result but alert only
#: when a birth date (+0.15 same date) backs them...
WEAK_ALIAS = 0.65
#: ... unless the alias is a name of two or more distinctive words each of which is rare
#: across the lists (Tito ART, Aziz CAIRO, Frere Petrus IBRAHIM): that name met exactly is
#: telling, as nomenklatura's logic-v2 scores every exact weak alias (0.8).
TELLING_WEAK_ALIAS = 0.8
#: Rare: a word's weight at least this share of the rarest word's (ln N: one entity).
RARE_SHARE = 0.5


def weak_alias_weight(tokens: Sequence[str], weights: Weights) -> float:
    """What an exact match of a weak alias weighs: TELLING_WEAK_ALIAS for a name of two or
    more distinctive words, each rare across the indexed lists, else WEAK_ALIAS. Without
    corpus weights (Weights.flat) no word is known rare."""
    strong = [t for t in tokens if is_strong_token(t)]
    if weights.total <= 1 or len(strong) < 2:
        return WEAK_ALIAS
    rare = RARE_SHARE * weights.unknown
    return TELLING_WEAK_ALIAS if all(weights.get(t) >= rare for t in strong) else WEAK_ALIAS


def best_weak_alias(
    exact_keys: Mapping[str, str], weak: Mapping[str, tuple[str, float]]
) -> tuple[str, str, float] | None:
    """The query name (`exact_keys`: exact key -> name as written) that equals a weak
    alias of the entry (`weak`: PreparedEntity.weak) exactly: (the query name, the alias,
    what the match weighs), the weightiest, the first of equals; None for none."""
    best: tuple[str, str, float] | None = None
    for key, text in exact_keys.items():
        listed = weak.get(key)
        if listed is not None and (best is None or listed[1] > best[2]):
            best = (text, listed[0], listed[1])
    return best


def exact_key(tokens: Iterable[str]) -> str:
    """Order-free exact key of a name form (weak aliases match only on this)."""
    return " ".join(sorted(tokens))


Form = tuple[str, tuple[str, ...], tuple[str, ...]]


#: Arabic articles and name particles that lists write both apart and glued to the next
#: word ("Al Qaida" / "Alqaida", "Abd al Rahman" / "Abdalrahman"): names holding one get
#: a glued form too, on both the query and the list side.
GLUED_PARTICLES = frozenset(
    {"al", "el", "ul", "abu", "abou", "abo", "abd", "abdul", "abdel"}
    | {"ebd", "abw"}  # عبد and أبو romanised (normalize.translit)
)
#: "Son of", which lists also write glued to the father's or family name (BINALSHIBH,
#: Bin-Abdallah), and as often apart in the same name (Moussa Ben Amor Ben Ali): its
#: glued form is a second one, beside the one with the other particles glued only.
GLUED_SON_OF = frozenset({"bin", "ibn", "bn", "abn"})  # بن and ابن romanised: bn, abn


#: Second halves of Arabic compound names (-allah, -al-din), romanised and Latin.
GLUED_SUFFIXES = frozenset({"allh", "allah", "ullah", "aldyn", "aldin", "uddin", "eddin"})


def _glued(
    tokens: tuple[str, ...], family: tuple[str, ...], particles: frozenset[str]
) -> Form | None:
    """`al qaida` -> `alqaida`, each of these `particles` glued to the word after it;
    None when nothing glues. The family part stays marked unless a glued word straddles
    it."""
    if particles.isdisjoint(tokens) and GLUED_SUFFIXES.isdisjoint(tokens):
        return None  # the common case: nothing below can glue
    out: list[str] = []
    ends: list[int] = []  # index of the last source token of each output token
    i = 0
    while i < len(tokens):
        t = tokens[i]
        i += 1
        # A chain of particles glues to the first word after it: abd al rahman ->
        # abdalrahman (Abdulrahman), as a romanised عبد الرحمن does (ebd al rhmn).
        glued = t
        while glued[-len(t) :] in particles and i < len(tokens) and tokens[i].isalpha():
            t = tokens[i]
            glued += t
            i += 1
        out.append(glued)
        ends.append(i)
    # Compounds with Allah and al-Din are written as one word (Saifullah, Noureddine):
    # they glue to the word before them too.
    k = 1
    while k < len(out):
        if out[k] in GLUED_SUFFIXES and out[k - 1].isalpha():
            out[k - 1 : k + 1] = [out[k - 1] + out[k]]
            ends[k - 1 : k + 1] = [ends[k]]
        else:
            k += 1
    if len(out) == len(tokens):
        return None
    n = len(family)
    glued_family = tuple(out[: ends.index(n) + 1]) if n and n in ends else ()
    return ("", tuple(out), glued_family)


def _last_article_apart(
    glued: list[tuple[tuple[str, ...], tuple[str, ...]]], split: tuple[str, ...]
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Glued forms of an Arabic-script name with the article of its last word apart again,
    as the `split` form writes it: نور الدين ... الدريسي glues to `nwraldyn ... aldrysy`,
    which meets NOUREDDINE but not the DRISSI that Latin lists write without the article;
    `nwraldyn ... al drysy` meets both. The last word only: a Latin list drops the
    article of the family name or nisba, while an Arabic word heading a name with the
    article is often a title (الآنسة, Miss; السيد, Mr)."""
    if len(split) < 3 or split[-2] != "al":
        return []
    return [
        ((*tokens[:-1], "al", split[-1]), family)
        for tokens, family in glued
        if tokens[-1] == "al" + split[-1]
    ]


def name_forms(texts: Iterable[str], kind: Kind, query: bool = False) -> list[Form]:
    """(text, tokens, family tokens) for every romanised form of every name, its
    hyphenated words joined (NAM-SAN: NAMSAN), the name without its bracketed parts (a
    `query`'s: its bracketed acronyms only), each writing of a name written in two scripts
    (`other_script_names`), glued forms for names with particles
    (see GLUED_PARTICLES, GLUED_SON_OF), and a `query`'s name without a heading word the
    lists hold as a title and as a name (Sheikh: `without_title_name`)."""
    out: list[Form] = []
    for text in texts:
        forms = list(analyze_name(text, kind))
        for joined in joined_hyphens(text):
            forms += [f for f in analyze_name(joined, kind) if f not in forms]
        bare = without_brackets(text, acronyms_only=query)
        for part in (bare, *other_script_names(text)):
            if part is not None:
                forms += [f for f in analyze_name(part, kind) if f not in forms]
        # A joined hyphen and a glued particle can give one form twice (AL-RIMI: alrimi).
        seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
        for form in forms:
            found = [(form.tokens, form.family)]
            if kind != "object":
                glued = _glued(form.tokens, form.family, GLUED_PARTICLES)
                if glued is not None:
                    found.append((glued[1], glued[2]))
                if not GLUED_SON_OF.isdisjoint(form.tokens):
                    sons = _glued(form.tokens, form.family, GLUED_PARTICLES | GLUED_SON_OF)
                    if sons is not None:
                        found.append((sons[1], sons[2]))
                if len(found) > 1 and is_abjad(text):
                    found += _last_article_apart(found[1:], form.tokens)
            if query and kind in ("person", "any"):
                found += [
                    (bare_name, family)
                    for tokens, family in list(found)
                    if (bare_name := without_title_name(tokens)) is not None
                ]
            for tokens, family in found:
                if (tokens, family) not in seen:
                    seen.add((tokens, family))
                    out.append((text, tokens, family))
    return out


#: A listed organisation name whose one distinctive word is this short is an acronym.
ACRONYM_LENGTH = 4


def is_acronym(tokens: tuple[str, ...]) -> bool:
    """One distinctive word of at most ACRONYM_LENGTH letters ("veb", "nalu", "kala ltd")."""
    core = [t for t in tokens if not is_weak_token(t)]
    return len(core) == 1 and len(core[0]) <= ACRONYM_LENGTH and core[0].isalpha()


def _acronyms(forms: Iterable[Form]) -> frozenset[str]:
    """The words a listed organisation goes by on their own as acronyms (`is_acronym`):
    ADF and NALU for ALLIED DEMOCRATIC FORCES, also listed as ADF, NALU and ADF-NALU."""
    return frozenset(
        t for _, tokens, _ in forms if is_acronym(tokens) for t in tokens if not is_weak_token(t)
    )


def _spelt_out(tokens: tuple[str, ...], acronyms: frozenset[str]) -> bool:
    """A listed organisation name that only its exact spelling meets (`exact_only`): an
    acronym, or a name made only of the organisation's acronyms (ADF-NALU: 나루 "Naru"
    romanises to nalu without being NALU)."""
    if is_acronym(tokens):
        return True
    core = [t for t in tokens if not is_weak_token(t)]
    return bool(core) and all(t in acronyms for t in core)


def prepare_names(
    forms: Iterable[tuple[str, tuple[str, ...], tuple[str, ...]]],
    weight: Callable[[str], float],
    family_names: frozenset[str] = frozenset(),
    organisation: bool = False,
    query: bool = False,
    person: bool = False,
) -> tuple[PreparedName, ...]:
    """Attach weights and family flags; identical token tuples are kept once. A listed
    `organisation`'s short one-word names and short words match only exactly, and its
    words on spelling, not sound; a `query` name records whether its script can spell
    an acronym."""
    seen: set[tuple[str, ...]] = set()
    out: list[PreparedName] = []
    forms = list(forms)
    acronyms = _acronyms(forms) if organisation else frozenset()
    for text, tokens, family in forms:
        if tokens in seen:
            continue
        seen.add(tokens)
        out.append(
            PreparedName.make(
                text,
                tokens,
                tuple(weight(t) for t in tokens),
                _family_flags(tokens, family, family_names),
                organisation and _spelt_out(tokens, acronyms),
                not query or is_alphabetic_script(text),
                organisation,
                person,
                query and person and is_abjad(text),
            )
        )
    return tuple(out)


def _family_flags(
    tokens: tuple[str, ...], family: tuple[str, ...], stated: frozenset[str]
) -> tuple[bool, ...]:
    """Which positions hold the family name: the part before the comma ("LUKASHENKA,
    Alyaksandr") or a stated `lastName`; never every token."""
    n = len(family)
    if 0 < n < len(tokens) and tokens[:n] == family:
        return (True,) * n + (False,) * (len(tokens) - n)
    flags = tuple(t in stated for t in tokens)
    return flags if not all(flags) else (False,) * len(tokens)


def entity_identifiers(entity: Entity) -> dict[str, str]:
    """Cleaned identifier -> the value as listed."""
    out: dict[str, str] = {}
    for prop, values in entity.properties.items():
        if prop not in _ID_PROPS:
            continue
        for value in values:
            key = clean_identifier(value)
            if key:
                out.setdefault(key, value)
    return out


FormsOf = Callable[[Iterable[str], Kind], list[Form]]


class FormsMemo:
    """`name_forms` results by (texts, kind), for one index build and the next.

    Analysing names is about a quarter of an index build, and a new list version keeps
    almost every name of the one before: a rebuild (a new version loaded under a running
    API, a past date's lists) analyses only the names it has not seen. The memo holds
    what the build it served used, so it never grows beyond one build's names; results
    are shared, never mutated. Keeping it costs memory (~40 MB over all shared lists),
    so only the screening service, which rebuilds, keeps one.
    """

    def __init__(self, previous: FormsMemo | None = None) -> None:
        self._old = previous._new if previous is not None else {}
        self._new: dict[tuple[tuple[str, ...], Kind], list[Form]] = {}

    def __call__(self, texts: Iterable[str], kind: Kind) -> list[Form]:
        key = (tuple(texts), kind)
        found = self._new.get(key)
        if found is None:
            found = self._old.get(key)
            if found is None:
                found = name_forms(key[0], kind)
            self._new[key] = found
        return found

    def done(self) -> None:
        """The build is over: drop the previous build's results."""
        self._old = {}


def family_tokens(entity: Entity, kind: Kind, forms_of: FormsOf = name_forms) -> frozenset[str]:
    """Tokens of the entity's stated last names (`lastName`), romanised."""
    texts = entity.get("lastName")
    if not texts:
        return frozenset()
    return frozenset(t for _, tokens, _ in forms_of(texts, kind) for t in tokens)


def prepare_entity(
    entity: Entity,
    weights: Weights | None = None,
    forms: list[tuple[str, tuple[str, ...], tuple[str, ...]]] | None = None,
    forms_of: FormsOf = name_forms,
) -> PreparedEntity:
    """Everything the matcher compares, computed from the entity once (`forms_of`: how
    names are analysed, `name_forms` or a `FormsMemo`)."""
    kind = name_kind(entity.schema)
    weights = weights or Weights.flat()
    if forms is None:
        forms = forms_of(entity.names(), kind)
    family = family_tokens(entity, kind, forms_of)
    person = kind == "person"
    weight = weights.person if person else weights.get
    names = prepare_names(forms, weight, family, kind == "org", person=person)
    weak = {
        exact_key(tokens): (text, weak_alias_weight(tokens, weights))
        for text, tokens, _ in forms_of(entity.get("weakAlias"), kind)
    }
    countries = frozenset(c.lower() for prop in COUNTRY_PROPS for c in entity.get(prop))
    organisation = kind == "org" and any(
        is_legal_form(t) or is_org_word(t) for n in names for t in n.tokens
    )
    return PreparedEntity(
        entity,
        kind,
        names,
        weak,
        entity.get("birthDate"),
        countries,
        entity_identifiers(entity),
        match_schema(entity.schema, organisation),
    )
