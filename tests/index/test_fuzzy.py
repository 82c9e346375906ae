"""The C fuzzy table against its definitions: deletion neighbourhoods and token_similarity."""

from __future__ import annotations

import random
import string
import sys
import threading
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctio.index._fuzzy import FuzzyTable
from sanctio.match.tokens import (
    PHONETIC,
    PHONETIC_EXTRA_EDITS,
    SHORT,
    TOLERANT,
    max_edits,
    token_similarity,
)
from sanctio.normalize import phonetic_key, tolerant_key

BUDGETS = bytes(max_edits(n) for n in range(64))
# Letters that tolerant_key folds (kh/h, ks/x, y/i, double letters) and a few others.
WORDS = st.text(alphabet="aeikhsxyomnd", min_size=0, max_size=12)


def _neighbourhood(text: str, budget: int) -> set[str]:
    """Strings made by deleting up to `budget` characters (the definition)."""
    out, level = {text}, {text}
    for _ in range(budget):
        level = {w[:i] + w[i + 1 :] for w in level for i in range(len(w))}
        out |= level
    return out


def _table(tokens: list[str], entries: list[tuple[str, int, Sequence[int]]]) -> FuzzyTable:
    return FuzzyTable(
        tokens,
        [tolerant_key(t) for t in tokens],
        [phonetic_key(t) for t in tokens],
        entries,
        budgets=BUDGETS,
        short=SHORT,
        tolerant=TOLERANT,
        phonetic=PHONETIC,
        phonetic_edits=PHONETIC_EXTRA_EDITS,
    )


@settings(max_examples=300, deadline=None)
@given(
    stored=st.lists(st.tuples(WORDS, st.integers(0, 2)), min_size=1, max_size=8),
    probe=WORDS,
    budget=st.integers(0, 2),
)
def test_owners_are_the_strings_sharing_a_deletion(
    stored: list[tuple[str, int]], probe: str, budget: int
) -> None:
    tokens = [f"t{i}" for i in range(len(stored))]
    table = _table(tokens, [(text, b, (i,)) for i, (text, b) in enumerate(stored)])
    near = _neighbourhood(probe, budget)
    expected = {i for i, (text, b) in enumerate(stored) if near & _neighbourhood(text, b)}
    assert sorted(table.owners(probe, budget)) == sorted(expected)


def test_an_entry_can_stand_for_several_tokens_and_each_is_found_once() -> None:
    table = _table(["aa", "bb", "cc"], [("nasrallah", 2, (0, 2)), ("nasralah", 1, (2,))])
    assert sorted(table.owners("nasrala", 1)) == [0, 2]
    assert table.owners("zzz", 2) == []


@settings(max_examples=300, deadline=None)
@given(tokens=st.lists(WORDS.filter(bool), min_size=1, max_size=10, unique=True), query=WORDS)
def test_similar_scores_every_candidate_as_token_similarity_does(
    tokens: list[str], query: str
) -> None:
    table = _table(tokens, [])
    got = table.similar(
        query, tolerant_key(query), phonetic_key(query), 0, -1, list(range(len(tokens)))
    )
    expected = {t: s for t in tokens if (s := token_similarity(query, t)) > 0.0}
    assert got == expected


def test_similar_handles_any_script_and_digits() -> None:
    tokens = ["straße", "strasse", "лукашенко", "лукашэнко", "sis2", "𝔞𝔟𝔠𝔡"]
    table = _table(tokens, [])
    for query in ["straße", "лукашенко", "sis2", "sis3", "𝔞𝔟𝔠𝔡", "𝔞𝔟𝔠"]:
        got = table.similar(
            query, tolerant_key(query), phonetic_key(query), 0, -1, list(range(len(tokens)))
        )
        expected = {t: s for t in tokens if (s := token_similarity(query, t)) > 0.0}
        assert got == expected, query
    assert table.similar("лукашенко", "лукашенко", "", 0, -1, [2, 3])["лукашэнко"] > 0.8


def test_long_words_are_probed_without_error() -> None:
    word = "a" * 500 + "b"
    table = _table([word], [(word, 2, (0,))])
    assert table.owners("a" * 499 + "b", 2) == [0]
    assert table.similar(word, word, "", 2, -1, []) == {word: 1.0}


@pytest.mark.parametrize(
    ("entries", "error"),
    [
        ([("abc", 3, (0,))], ValueError),
        ([("abc", 1, (5,))], ValueError),
        ([("abc", 1, (-1,))], ValueError),
        ([(b"abc", 1, (0,))], TypeError),
        ([("abc", 1)], TypeError),
    ],
)
def test_bad_entries_are_refused(entries: list[tuple[object, ...]], error: type) -> None:
    with pytest.raises(error):
        _table(["abc"], entries)  # type: ignore[arg-type]


def test_sound_alikes_must_be_spelt_alike_in_c_as_in_python() -> None:
    tokens = ["jozo", "barron", "cathryn", "alaoddini"]
    table = _table(tokens, [])
    found: dict[str, dict[str, float]] = {}
    for query in ("jesse", "bruno", "catherine", "aldini"):
        got = table.similar(query, tolerant_key(query), phonetic_key(query), 2, -1, [0, 1, 2, 3])
        expected = {t: s for t in tokens if (s := token_similarity(query, t)) > 0.0}
        assert got == expected, query
        found[query] = got
    # the same metaphone: within one edit beyond the budget it pairs, further apart not
    assert found["catherine"] == {"cathryn": PHONETIC}
    assert found["aldini"] == {"alaoddini": PHONETIC}
    assert found["jesse"] == found["bruno"] == {}


def test_bad_lookups_are_refused() -> None:
    table = _table(["abc"], [("abc", 1, (0,))])
    with pytest.raises(ValueError, match="budget"):
        table.owners("abc", 3)
    with pytest.raises(ValueError, match="out of range"):
        table.similar("abc", "abc", "", 1, -1, [7])
    with pytest.raises(ValueError, match="equal lengths"):
        FuzzyTable(["a"], [], [], [], BUDGETS, SHORT, TOLERANT, PHONETIC, PHONETIC_EXTRA_EDITS)
    with pytest.raises(ValueError, match="64"):
        FuzzyTable(["a"], ["a"], [""], [], b"\x00", SHORT, TOLERANT, PHONETIC, PHONETIC_EXTRA_EDITS)
    with pytest.raises(ValueError, match="phonetic_edits"):
        FuzzyTable(["a"], ["a"], [""], [], BUDGETS, SHORT, TOLERANT, PHONETIC, -1)


def test_a_word_longer_than_any_listed_one_is_not_probed() -> None:
    table = _table(["abcdefgh"], [("abcdefgh", 2, (0,))])
    assert table.owners("abcdefghij", 2) == [0]  # two letters longer: still reachable
    assert table.owners("abcdefghijk", 2) == []  # three: no deletion can meet it
    assert table.owners("abcdefghijk", 1) == []
    long = "abcdefgh" * 125
    assert table.similar(long, long, "", 2, -1, []) == {}


def test_building_a_table_lets_other_threads_run() -> None:
    """The deletion hashing runs without the GIL: an API worker rebuilding its index in a
    background thread keeps answering requests instead of stalling for the whole build."""
    rng = random.Random(0)
    tokens = sorted({"".join(rng.choices(string.ascii_lowercase, k=10)) for _ in range(5_000)})
    entries: list[tuple[str, int, Sequence[int]]] = [(t, 2, (i,)) for i, t in enumerate(tokens)]
    keys, sounds = [tolerant_key(t) for t in tokens], [phonetic_key(t) for t in tokens]
    ticks = 0
    go, done = threading.Event(), threading.Event()

    def count() -> None:
        nonlocal ticks
        go.wait()
        while not done.is_set():
            ticks += 1

    interval = sys.getswitchinterval()
    # With a long switch interval the counter only runs when the builder gives up the GIL.
    sys.setswitchinterval(0.5)
    counter = threading.Thread(target=count)
    try:
        counter.start()
        go.set()  # the counter now waits for the GIL, which this thread holds
        before = ticks
        table = FuzzyTable(
            tokens, keys, sounds, entries, BUDGETS, SHORT, TOLERANT, PHONETIC, PHONETIC_EXTRA_EDITS
        )
        during = ticks - before
    finally:
        done.set()
        counter.join()
        sys.setswitchinterval(interval)
    assert during > 0
    assert table.owners(tokens[0], 2) == [0]
