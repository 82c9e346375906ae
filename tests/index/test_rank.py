"""The C ranker against plain-Python definitions of gather and rank."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctio.index._rank import Ranker

N_NAMES = 12
ENTITY = np.array([0, 0, 0, 1, 1, 2, 3, 3, 4, 5, 5, 5], dtype=np.int32)
LOCAL = np.array([0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 1, 2], dtype=np.int32)


def _ranker(penalty: list[float]) -> Ranker:
    return Ranker(np.asarray(penalty, dtype=np.float64), ENTITY, LOCAL, 6)


def _postings(draw_names: list[int]) -> np.ndarray:
    return np.asarray(sorted(set(draw_names)), dtype=np.int32)


POSTINGS = st.lists(st.integers(0, N_NAMES - 1), min_size=1, max_size=8).map(_postings)
VALUE = st.floats(0.1, 5.0)


@settings(max_examples=200, deadline=None)
@given(
    pairs=st.lists(st.tuples(VALUE, POSTINGS), min_size=1, max_size=4),
)
def test_gather_keeps_each_name_once_at_its_best_pair(
    pairs: list[tuple[float, np.ndarray]],
) -> None:
    pairs.sort(key=lambda p: -p[0])
    gains = [np.arange(len(p), dtype=np.float64) + i for i, (_, p) in enumerate(pairs)]
    ranker = _ranker([1.0] * N_NAMES)
    # Listed token t holds pair t's postings; one more token nobody asks for.
    postings = [p for _, p in pairs] + [np.arange(N_NAMES, dtype=np.int32)]
    offsets = np.cumsum([0] + [len(p) for p in postings]).astype(np.int64)
    all_gains = np.concatenate([*gains, np.full(N_NAMES, 9.0)])
    ranker.set_postings(offsets, np.concatenate(postings), all_gains)
    names, values, got_gains = ranker.gather([v for v, _ in pairs], list(range(len(pairs))))
    expected: dict[int, tuple[float, float]] = {}
    for (value, post), gain in zip(pairs, gains, strict=True):
        for name, g in zip(post.tolist(), gain.tolist(), strict=True):
            expected.setdefault(name, (value, g))
    assert np.frombuffer(names, dtype=np.int32).tolist() == sorted(expected)
    assert np.frombuffer(values, dtype=np.float64).tolist() == [
        expected[n][0] for n in sorted(expected)
    ]
    assert np.frombuffer(got_gains, dtype=np.float64).tolist() == [
        expected[n][1] for n in sorted(expected)
    ]


def test_postings_are_checked_and_set_once() -> None:
    ranker = _ranker([1.0] * N_NAMES)
    ids = np.array([0, 3, 11], dtype=np.int32)
    gains = np.ones(3)
    with pytest.raises(ValueError, match="offsets"):
        ranker.set_postings(np.array([0, 2, 1, 3], dtype=np.int64), ids, gains)
    with pytest.raises(ValueError, match="offsets"):
        ranker.set_postings(np.array([0, 3], dtype=np.int64), ids + 1, gains)  # name 12
    with pytest.raises(RuntimeError, match="not set"):
        ranker.gather([1.0], [0])
    ranker.set_postings(np.array([0, 1, 3], dtype=np.int64), ids, gains)
    with pytest.raises(ValueError, match="out of range"):
        ranker.gather([1.0], [2])
    with pytest.raises(RuntimeError, match="once"):
        ranker.set_postings(np.array([0, 1, 3], dtype=np.int64), ids, gains)
    names, _, _ = ranker.gather([2.0, 1.0], [1, 0])
    assert np.frombuffer(names, dtype=np.int32).tolist() == [0, 3, 11]


def test_many_gathered_names_come_out_ascending() -> None:
    # Past 64 names the sort is a radix sort: ids spanning several of its digits.
    n = 5000
    entity = np.arange(n, dtype=np.int32)
    ranker = Ranker(np.ones(n), entity, np.zeros(n, dtype=np.int32), n)
    rng = np.random.default_rng(7)
    a = np.sort(rng.choice(n, 900, replace=False)).astype(np.int32)
    b = np.sort(rng.choice(n, 1300, replace=False)).astype(np.int32)
    offsets = np.array([0, len(a), len(a) + len(b)], dtype=np.int64)
    ranker.set_postings(offsets, np.concatenate([a, b]), np.ones(len(a) + len(b)))
    names, values, _ = ranker.gather([2.0, 1.0], [0, 1])
    got = np.frombuffer(names, dtype=np.int32)
    assert got.tolist() == sorted(set(a.tolist()) | set(b.tolist()))
    first = set(a.tolist())
    assert np.frombuffer(values).tolist() == [2.0 if x in first else 1.0 for x in got.tolist()]


def _reference(
    chunks: list[tuple[int, np.ndarray, np.ndarray, np.ndarray, bool]],
    weights: list[float],
    penalty: list[float],
    mask: np.ndarray | None,
    floor: float,
    keep: int,
    limit: int,
    slack: float,
) -> list[tuple[int, float, list[int]]]:
    # Candidates: the (form, name) keys a touching chunk reaches; every chunk sums into them.
    touched = {
        form * N_NAMES + name for form, post, _, _, touch in chunks if touch for name in post
    }
    num: dict[int, float] = {}
    gain: dict[int, float] = {}
    for form, post, values, gains, _ in chunks:
        for name, v, g in zip(post.tolist(), values.tolist(), gains.tolist(), strict=True):
            key = form * N_NAMES + name
            if key in touched:
                num[key] = num.get(key, 0.0) + v
                gain[key] = gain.get(key, 0.0) + g
    scored = []
    for key, total in num.items():
        form, name = divmod(key, N_NAMES)
        approx = total / (weights[form] + penalty[name] + gain[key])
        if approx >= floor - slack and (mask is None or mask[ENTITY[name]]):
            scored.append((-approx, key))
    out: list[tuple[int, float, list[int]]] = []
    slots: dict[int, int] = {}
    for neg, key in sorted(scored)[:keep]:
        name = key % N_NAMES
        e, local = int(ENTITY[name]), int(LOCAL[name])
        if e not in slots:
            if len(out) < limit:
                slots[e] = len(out)
                out.append((e, -neg, [local]))
        else:
            found = out[slots[e]]
            if local not in found[2] and -neg + slack >= found[1]:
                found[2].append(local)
    return out


@settings(max_examples=300, deadline=None)
@given(
    tokens=st.lists(
        st.tuples(st.integers(0, 1), POSTINGS, VALUE, st.booleans()), min_size=1, max_size=6
    ),
    penalty=st.lists(st.floats(0.0, 3.0), min_size=N_NAMES, max_size=N_NAMES),
    masked=st.one_of(st.none(), st.lists(st.booleans(), min_size=6, max_size=6)),
    floor=st.floats(0.0, 0.9),
    keep=st.integers(1, 20),
    limit=st.integers(1, 6),
)
def test_rank_sums_scores_filters_and_groups_as_defined(
    tokens: list[tuple[int, np.ndarray, float, bool]],
    penalty: list[float],
    masked: list[bool] | None,
    floor: float,
    keep: int,
    limit: int,
) -> None:
    chunks = [
        (form, post, np.full(len(post), value), np.full(len(post), value / 2), touch)
        for form, post, value, touch in tokens
    ]
    weights = [2.0, 3.5]
    mask = None if masked is None else np.asarray(masked, dtype=np.bool_)
    got = _ranker(penalty).rank(chunks, weights, mask, floor, keep, limit, 0.15)
    assert got == _reference(chunks, weights, penalty, mask, floor, keep, limit, 0.15)


def test_scratch_survives_calls_of_growing_size() -> None:
    ranker = _ranker([0.5] * N_NAMES)
    post = np.asarray([0, 3, 5], dtype=np.int32)
    one = (0, post, np.ones(3), np.zeros(3), True)
    first = ranker.rank([one], [1.0], None, 0.0, 10, 10, 0.15)
    two = ranker.rank(
        [one, (1, post, np.ones(3), np.zeros(3), True)], [1.0, 1.0], None, 0.0, 10, 10, 0.15
    )
    assert [e for e, _, _ in first] == [0, 1, 2]
    assert [e for e, _, _ in two] == [0, 1, 2]
    assert ranker.rank([one], [1.0], None, 0.0, 10, 10, 0.15) == first


def test_bad_arrays_are_refused() -> None:
    ranker = _ranker([0.5] * N_NAMES)
    good = np.asarray([1], dtype=np.int32)
    with pytest.raises(TypeError, match="4-byte"):
        ranker.rank(
            [(0, good.astype(np.int64), np.ones(1), np.ones(1), True)], [1.0], None, 0, 5, 5, 0
        )
    with pytest.raises(ValueError, match="out of range"):
        ranker.rank([(0, good + 40, np.ones(1), np.ones(1), True)], [1.0], None, 0, 5, 5, 0)
    with pytest.raises(ValueError, match="disagree"):
        ranker.rank([(0, good, np.ones(2), np.ones(1), True)], [1.0], None, 0, 5, 5, 0)
    with pytest.raises(ValueError, match="form out of range"):
        ranker.rank([(3, good, np.ones(1), np.ones(1), True)], [1.0], None, 0, 5, 5, 0)
    with pytest.raises(ValueError, match="one flag per entity"):
        ranker.rank([(0, good, np.ones(1), np.ones(1), True)], [1.0], np.ones(2, bool), 0, 5, 5, 0)
    with pytest.raises(ValueError, match="equal lengths"):
        Ranker(np.ones(3), ENTITY, LOCAL, 6)
    with pytest.raises(ValueError, match="entity id"):
        Ranker(np.ones(N_NAMES), ENTITY, LOCAL, 2)


def test_weak_words_alone_make_no_candidate_but_count_in_scores() -> None:
    ranker = _ranker([0.5] * N_NAMES)
    weak = (0, np.asarray([0, 3, 5], dtype=np.int32), np.full(3, 0.4), np.zeros(3), False)
    strong = (0, np.asarray([5], dtype=np.int32), np.ones(1), np.zeros(1), True)
    # Name 5 (entity 2) shares a distinctive word: its weak pair adds to its score. Names
    # 0 and 3 share the weak word only: no candidates, whatever their approximate score.
    [(entity, score, names)] = ranker.rank([weak, strong], [1.0], None, 0.0, 10, 10, 0.15)
    assert (entity, names) == (2, [0])
    assert score == pytest.approx(1.4 / 1.5)
    assert ranker.rank([weak], [1.0], None, 0.0, 10, 10, 0.15) == []


def test_a_chunk_list_changed_while_read_is_read_safely() -> None:
    ranker = _ranker([0.5] * N_NAMES)
    post = np.asarray([0, 3], dtype=np.int32)
    chunks: list[object] = []

    class Shrinking:
        """A touch flag whose truth empties the list being read."""

        def __bool__(self) -> bool:
            chunks.clear()
            return True

    chunks += [
        (0, post, np.ones(2), np.zeros(2), Shrinking()),
        (0, post, np.ones(2), np.zeros(2), True),
    ]
    got = ranker.rank(chunks, [1.0], None, 0.0, 10, 10, 0.15)  # type: ignore[arg-type]
    assert [e for e, _, _ in got] == [0, 1]  # the first chunk, read whole; the list ended


def test_gather_lists_changed_while_read_are_read_safely() -> None:
    ranker = _ranker([1.0] * N_NAMES)
    ranker.set_postings(
        np.array([0, 2, 3], dtype=np.int64), np.array([0, 3, 5], dtype=np.int32), np.ones(3)
    )
    tokens: list[int] = [0, 1]

    class Shrinking:
        """A value whose reading empties the token list."""

        def __float__(self) -> float:
            tokens.clear()
            return 2.0

    names, _, _ = ranker.gather([Shrinking(), 1.0], tokens)  # type: ignore[list-item]
    assert np.frombuffer(names, dtype=np.int32).tolist() == []  # stopped: no token to read
