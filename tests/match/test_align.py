"""The C pairing score (`_align`) against its definition, `names._pair_up`."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctio.match import _align
from sanctio.match.names import _pair_up, align_score, may_be_covered
from sanctio.match.prepared import PreparedName
from sanctio.match.rules import configure_c
from sanctio.match.tokens import literal_similarity


@pytest.fixture(autouse=True)
def _rules_in_c() -> None:
    """Tests below call the C mirror directly: hand it the rules as its first use would."""
    configure_c()


# Words that exercise every rule: initials, numbers, patronymics, particles, legal forms,
# near typos (mikhail / mikfhal), sound-alikes, short words, generic organisation words.
WORDS = [
    *("a", "v", "m", "7", "2", "sis", "bin", "ltd", "llc", "ooo", "bank", "corp"),
    *("mikhail", "mikfhal", "mihail", "mostafa", "mnsafa", "mustafa", "putin", "putina"),
    *("vladimir", "vladimirovich", "ivanovna", "zhang", "kai", "wei", "miller", "milur"),
    *("abcd", "abce", "xbcd", "imo9187629"),
    *("alkhrafy", "alshhaby", "alakhras", "aleksandr", "aliaksandr", "elkhouri", "elkhayat"),
    *("plant", "zavod", "bureau", "navis", "lazurit"),  # generic and distinctive org words
]
SIMS = st.sampled_from(
    [1.0, 0.95, 0.86, 0.85, 0.8, 0.76, 0.75, 0.7125, 0.6, 0.5]
)  # 0.86: ORG_SYNONYM


@st.composite
def names(draw: st.DrawFn, organisation: bool) -> PreparedName:
    tokens = tuple(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)))
    weights = tuple(draw(st.floats(0.3, 9.0)) for _ in tokens)
    family = tuple(draw(st.booleans()) for _ in tokens)
    return PreparedName.make(
        " ".join(tokens),
        tokens,
        weights,
        family,
        exact_only=draw(st.booleans()) if organisation else False,
        spells_acronyms=draw(st.booleans()),
        organisation=organisation,
        person=draw(st.booleans()),  # Chinese-syllable names (zhang kai wei) are `syllabic`
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[PreparedName, PreparedName, list[dict[str, float]], bool]:
    organisation = draw(st.booleans())
    q = draw(names(False))
    n = draw(names(organisation))
    sims = []
    for qt in q.tokens:
        row = {nt: draw(SIMS) for nt in n.tokens if draw(st.booleans())}
        if qt in n.tokens:
            row[qt] = 1.0
        sims.append(row)
    return q, n, sims, draw(st.booleans())


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(case=cases())
def test_c_score_is_the_python_pairings_score(
    case: tuple[PreparedName, PreparedName, list[Mapping[str, float]], bool],
) -> None:
    q, n, sims, person = case
    found = _pair_up(q, n, sims, person)
    expected = 0.0 if found is None else found[0]
    assert _align.align_score(q, n, sims, person, literal_similarity) == expected
    assert align_score(q, n, sims, person) == expected


def test_long_names_and_other_sims_take_the_python_pairing() -> None:
    tokens = tuple(f"w{i}" for i in range(70))
    long = PreparedName.make("x", tokens, (1.0,) * 70, (False,) * 70)
    sims: list[Mapping[str, float]] = [{t: 1.0} for t in tokens]
    assert _align.align_score(long, long, sims, True, literal_similarity) is None
    assert align_score(long, long, sims, True) == 1.0
    short = PreparedName.make("putin", ("putin",), (2.0,), (True,))
    assert align_score(short, short, ({"putin": 1.0},), True) == 1.0  # a tuple of rows


def test_bad_arguments_are_refused() -> None:
    q = PreparedName.make("putin", ("putin",), (2.0,), (True,))
    with pytest.raises(ValueError, match="one row per query token"):
        _align.align_score(q, q, [], True, literal_similarity)
    with pytest.raises(AttributeError, match="tokens"):
        _align.align_score(q, object(), [{}], True, literal_similarity)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _align.align_score(q, q, [{"putin": "high"}], True, literal_similarity)  # type: ignore[dict-item]


def test_a_listed_name_may_be_contained_only_where_every_word_can_pair() -> None:
    # The screener scores a candidate below its usual floor only when the contained-name
    # rule may lift it: every listed word resembles a query word or shares its first
    # letter (an initial, a typo beyond the edit budget).
    listed = PreparedName.make(
        "AL-RIMI, Qasim", ("al", "rimi", "qasim"), (0.5, 8.0, 5.0), (True, True, False)
    )
    assert may_be_covered(listed, {"al", "rimi", "qasim"}, {"z"})
    assert may_be_covered(listed, {"rimi", "qasim"}, {"a"})  # "a." or a typo of "al"
    assert not may_be_covered(listed, {"rimi", "qasim"}, {"q", "m", "r"})
    assert not may_be_covered(listed, {"al", "rimi"}, {"a", "r"})


def test_a_query_of_syllables_is_charged_for_one_left_unpaired_in_c_too() -> None:
    # Found by the property above: C read `syllabic` on the listed side only.
    q = PreparedName.make("a zhang", ("a", "zhang"), (1.0, 1.0), (False, False), person=True)
    n = PreparedName.make(
        "zhang zhang", ("zhang", "zhang"), (1.0, 1.0), (False, False), person=True
    )
    assert q.syllabic and n.syllabic
    sims: list[Mapping[str, float]] = [{}, {"zhang": 1.0}]
    found = _pair_up(q, n, sims, False)
    assert found is not None
    assert _align.align_score(q, n, sims, False, literal_similarity) == found[0] < 0.5
