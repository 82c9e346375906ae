"""The rules on hand-worked graphs: every expected share below is worked out in the comment."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from sanctio.ownership.aggregate import aggregate
from sanctio.ownership.graph import HoldingTable
from sanctio.ownership.rules import RULES

_spec = importlib.util.spec_from_file_location(
    "ownership_helpers", Path(__file__).with_name("helpers.py")
)
assert _spec is not None and _spec.loader is not None
H = importlib.util.module_from_spec(_spec)
sys.modules["ownership_helpers"] = H
_spec.loader.exec_module(H)

X, Y, Z = "ofac-sdn:1", "ofac-sdn:2", "ofac-sdn:3"


def test_aggregation_across_blocked_owners() -> None:
    # A: 30% X + 25% Y = 55% >= 50%: blocked. B: 30% X + 15% unlisted = 30%: not.
    data = H.graph(
        H.holding(X, "a", "30"),
        H.holding(Y, "a", "25"),
        H.holding(X, "b", "30"),
        H.holding("someone", "b", "15"),
    )
    result = H.run(data, H.listed(X, Y))
    assert H.blocked(result) == {"a": 55.0}
    found = result.derivations["derived:ofac-50:a"]
    assert found.explanation == "55.0% = 30% NAME 1 (ofac-sdn:1) + 25% NAME 2 (ofac-sdn:2)"


def test_exactly_half_blocks_under_ofac_only() -> None:
    # 25% X + 25% Y = 50%: OFAC's "50 percent or more" blocks; EU/UK need one person > 50%.
    data = H.graph(H.holding(X, "a", "25"), H.holding(Y, "a", "25"))
    entities = H.listed(X, Y, "eu-fsf:1", "uk-ofsi:1")
    result = H.run(data, entities)
    assert H.blocked(result) == {"a": 50.0}
    assert H.blocked(result, "eu-owned-controlled") == {}


def test_decimal_shares_sum_exactly_to_the_threshold() -> None:
    # 33.33% + 16.67% = 50.00% in decimal; floats alone would give 49.99999999999999.
    data = H.graph(H.holding(X, "a", "33.33"), H.holding(Y, "a", "16.67"))
    assert H.blocked(H.run(data, H.listed(X, Y))) == {"a": 50.0}


def test_indirect_chain_through_a_blocked_entity_counts_in_full() -> None:
    # X 50% of A: A blocked. A 50% of B: B blocked (50% held by a blocked entity, not
    # 25% "multiplied down"). B 50% of C: C blocked too, three levels down.
    data = H.graph(H.holding(X, "a", "50"), H.holding("a", "b", "50"), H.holding("b", "c", "50"))
    result = H.run(data, H.listed(X))
    assert H.blocked(result) == {"a": 50.0, "b": 50.0, "c": 50.0}
    assert result.derivations["derived:ofac-50:c"].explanation == (
        "50.0% = 50% B (derived:ofac-50:b)"
    )


def test_indirect_holding_through_an_unblocked_entity_is_multiplied() -> None:
    # X 40% of C (C not blocked). C 100% of D: X's effective share of D is 40% x 100% = 40%.
    # E: 40% x 100% through C2 plus 10% direct = 50%: blocked.
    data = H.graph(
        H.holding(X, "c", "40"),
        H.holding("c", "d", "100"),
        H.holding(X, "c2", "40"),
        H.holding("c2", "e", "100"),
        H.holding(X, "e", "10"),
    )
    result = H.run(data, H.listed(X))
    assert H.blocked(result) == {"e": 50.0}
    assert result.derivations["derived:ofac-50:e"].paths == (
        "40% NAME 1 (ofac-sdn:1) through C2 (c2) (40% × 100%)",
        "10% NAME 1 (ofac-sdn:1)",
    )


def test_an_owner_delisted_blocks_nothing() -> None:
    data = H.graph(H.holding(X, "a", "30"), H.holding(Y, "a", "25"), H.holding("a", "b", "100"))
    assert set(H.blocked(H.run(data, H.listed(X, Y)))) == {"a", "b"}
    assert H.blocked(H.run(data, H.listed(X))) == {}  # Y delisted: 30% left


def test_ownership_ended_before_the_day_is_not_counted() -> None:
    data = H.graph(
        H.holding(X, "a", "60", start="2010-01-01", end="2021-12-31"),
        H.holding(X, "b", "60", start="2022-03-02"),  # starts the day after
        H.holding(X, "c", "60", start="2022-03", end="2022-03-01"),  # both bounds inclusive
    )
    assert H.blocked(H.run(data, H.listed(X), dt.date(2022, 3, 1))) == {"c": 60.0}
    assert H.blocked(H.run(data, H.listed(X), dt.date(2021, 6, 1))) == {"a": 60.0}


def test_a_cycle_terminates_and_counts_each_share_once() -> None:
    # A and B hold each other: A 40% of B, B 20% of A; X holds 40% of A and 30% of B.
    # Simple paths: A = 40% + 30% x 20% = 46%; B = 30% + 40% x 40% = 46%: neither blocked.
    # (Walking the cycle forever would give A = 50% and block it: each share counts once.)
    data = H.graph(
        H.holding("a", "b", "40"),
        H.holding("b", "a", "20"),
        H.holding(X, "a", "40"),
        H.holding(X, "b", "30"),
        H.holding("b", "c", "100"),
    )
    table = HoldingTable.build(data)
    listed = np.array([k == X for k in table.keys])
    blocked, agg = aggregate(table.on(H.DAY), listed, RULES["ofac-50"].reached)
    share = dict(zip(table.keys, agg.tolist(), strict=True))
    assert share["a"] == pytest.approx(0.46)
    assert share["b"] == pytest.approx(0.46)
    assert share["c"] == pytest.approx(0.46)  # 100% of B's 46%, through B (not blocked)
    assert not blocked[table.keys.index("a")]


def test_a_cycle_with_a_blocked_member_blocks_around_it() -> None:
    # X 50% of A (blocked); A 60% of B (blocked); B 10% of A; B 100% of C (blocked).
    data = H.graph(
        H.holding(X, "a", "50"),
        H.holding("a", "b", "60"),
        H.holding("b", "a", "10"),
        H.holding("b", "c", "100"),
    )
    assert H.blocked(H.run(data, H.listed(X))) == {"a": 60.0, "b": 60.0, "c": 100.0}


def test_eu_and_uk_count_one_person_and_control() -> None:
    eu1, eu2 = "eu-fsf:1", "eu-fsf:2"
    data = H.graph(
        H.holding(eu1, "a", "30"),
        H.holding(eu2, "a", "30"),  # 60% in all, 30% each: not owned under EU rules
        H.holding(eu1, "b", "60"),
        H.holding("b", "c", "60"),  # B owned by eu1, so B's 60% of C is eu1's: C owned
        H.holding(eu1, "d", "40"),
        H.holding("d", "e", "100"),  # D not owned: E is not eu1's
        H.holding(eu2, "f", None, control=True),  # control alone
        H.holding("f", "g", "51"),  # owned by a controlled entity
    )
    result = H.run(data, H.listed(eu1, eu2))
    assert H.blocked(result, "eu-owned-controlled") == {"b": 60.0, "c": 60.0, "f": 0.0, "g": 51.0}
    assert result.derivations["derived:eu-owned-controlled:c"].explanation == (
        "60.0% = 60% through NAME 1 (eu-fsf:1) → B (b)"
    )
    assert result.derivations["derived:eu-owned-controlled:f"].explanation == (
        "control by NAME 2 (eu-fsf:2)"
    )
    assert H.blocked(result) == {}  # no OFAC-listed owner
    assert "uk-owned-controlled" not in {d.rule.name for d in result.derivations.values()}


def test_a_rule_without_its_lists_is_not_applied() -> None:
    data = H.graph(H.holding(X, "a", "60"))
    result = H.run(data, H.listed(X), sources=("ofac-sdn",))
    assert set(result.skipped) == {"eu-owned-controlled", "uk-owned-controlled"}
    assert "eu-fsf" in result.skipped["eu-owned-controlled"]


def test_incremental_update_equals_a_full_recomputation() -> None:
    # A random graph with chains, fan-in and a few cycles; designate and delist owners.
    from sanctio.ownership.aggregate import compute, update
    from sanctio.ownership.graph import Graph

    rng = np.random.default_rng(7)
    n, m = 400, 1200
    a = rng.integers(0, n, m)
    b = rng.integers(0, n, m)
    keep = a != b
    src, dst = np.minimum(a, b)[keep], np.maximum(a, b)[keep]  # acyclic: low holds high
    back = rng.choice(src.size, 8, replace=False)  # plus a few two-party cross-holdings
    src, dst = np.concatenate([src, dst[back]]), np.concatenate([dst, src[back]])
    share = rng.choice([0.1, 0.2, 0.25, 0.3, 0.5, 0.6], size=src.size)
    graph = Graph(n, src, dst, share, np.zeros(src.size, dtype=np.bool_), np.arange(src.size))
    reached = RULES["ofac-50"].reached
    before = rng.random(n) < 0.05
    state = compute(graph, before, reached)
    for _ in range(3):
        after = before.copy()
        after[rng.integers(0, n, 5)] = True  # new designations
        after[np.flatnonzero(before)[:2]] = False  # delistings
        fresh = compute(graph, after, reached)
        state = update(graph, state, after, reached)
        assert (state.blocked == fresh.blocked).all()
        assert np.allclose(state.agg, fresh.agg)
        assert state.touched < n  # only what the changes reach
        before = after


def test_a_cycle_too_entangled_leaves_the_rule_not_applied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sanctio.ownership import aggregate as module

    monkeypatch.setattr(module, "PATH_BUDGET", 1)
    data = H.graph(
        H.holding(X, "a", "30"),
        H.holding("a", "b", "40"),
        H.holding("b", "c", "40"),
        H.holding("c", "a", "40"),
    )
    result = H.run(data, H.listed(X))
    assert "more than 1 paths" in result.skipped["ofac-50"]
    assert H.blocked(result) == {}


def test_paths_beyond_the_listing_bound_are_said_to_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    from sanctio.ownership import explain

    monkeypatch.setattr(explain, "STEP_LIMIT", 1)
    data = H.graph(H.holding(X, "a", "30"), H.holding(Y, "a", "25"))
    found = H.run(data, H.listed(X, Y)).derivations["derived:ofac-50:a"]
    assert found.share == pytest.approx(0.55)  # the share never depends on the listing
    assert not found.complete
    assert found.explanation.endswith(" + further paths not listed")
