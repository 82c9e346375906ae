"""Benchmark metrics on tiny hand-computed inputs."""

from __future__ import annotations

import math

from quality.metrics import (
    Outcome,
    alert_rate,
    far_at_recall,
    outcome,
    rank_scores,
    recall_at_k,
    recall_at_threshold,
    summary,
    threshold_at_far,
    threshold_at_recall,
    workload,
)


def test_outcome_finds_first_target_and_scores() -> None:
    ranked = [("a", 0.9), ("b", 0.8), ("c", 0.5), ("d", 0.0)]
    o = outcome(ranked, frozenset({"c", "d"}))
    assert o == Outcome(3, 0.5, 0.9, "a", ((0.9, False), (0.8, False), (0.5, True)))
    assert outcome([], frozenset({"x"})) == Outcome(None, 0.0, 0.0, None)
    # A zero score is not a hit, even for the target.
    assert outcome([("x", 0.0)], frozenset({"x"})).rank is None
    # A tie with an unlinked duplicate ranks the target first.
    assert outcome([("au:1", 1.0), ("uk:1", 1.0)], frozenset({"uk:1"})).rank == 1


def test_rank_scores_breaks_ties_by_id() -> None:
    assert rank_scores({"b": 1.0, "a": 1.0, "c": 0.5}) == [("a", 1.0), ("b", 1.0), ("c", 0.5)]


def test_recall_at_k() -> None:
    outs = [Outcome(1, 1, 1), Outcome(3, 1, 1), Outcome(None, 0, 1), Outcome(11, 1, 1)]
    assert recall_at_k(outs, 1) == 0.25
    assert recall_at_k(outs, 10) == 0.5
    assert math.isnan(recall_at_k([], 1))


def test_threshold_at_far_allows_exactly_that_share() -> None:
    negatives = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0]
    t = threshold_at_far(negatives, 0.1)
    assert 0.8 < t < 0.8001  # only 0.9 alerts
    assert alert_rate(negatives, t) == 0.1
    t0 = threshold_at_far(negatives, 0.0)
    assert alert_rate(negatives, t0) == 0.0
    # Ties at the cut: both 0.5s stay silent rather than exceed the rate.
    tied = [0.5, 0.5, 0.1, 0.1]
    assert alert_rate(tied, threshold_at_far(tied, 0.25)) == 0.0
    assert threshold_at_far([0.3, 0.2], 1.0) == 0.0


def test_alert_rate_ignores_zero_scores() -> None:
    assert alert_rate([0.0, 0.0, 0.5], 0.0) == 1 / 3


def test_recall_and_far_at_recall() -> None:
    pos = [Outcome(1, s, s) for s in (0.95, 0.9, 0.85, 0.8)] + [Outcome(None, 0.0, 0.3)]
    assert recall_at_threshold(pos, 0.88) == 0.4
    assert threshold_at_recall(pos, 0.8) == 0.8
    assert threshold_at_recall(pos, 0.95) is None  # the fifth positive was never found
    negatives = [0.85, 0.5, 0.1, 0.0]
    assert far_at_recall(pos, negatives, 0.8) == 0.25
    assert far_at_recall(pos, negatives, 0.95) is None


def test_summary_keys() -> None:
    pos = [Outcome(1, 0.9, 0.9), Outcome(2, 0.6, 0.7)]
    s = summary(pos, [0.7, 0.65, 0.1, 0.0], (0.25,))
    assert s["recall@1"] == 0.5
    assert s["recall@10"] == 1.0
    assert s["recall@far0.25"] == 0.5  # threshold just above 0.65: 0.9 alerts, 0.6 not
    assert s["far@recall0.95"] == 0.5  # keeping both needs 0.6: 0.7 and 0.65 alert
    assert s["n"] == 2.0


def test_outcome_queue_keeps_the_algorithms_order_of_ties() -> None:
    o = outcome([("b", 1.0), ("a", 1.0), ("c", 0.7)], frozenset({"a"}))
    assert o.rank == 1  # a tie counts in the target's favour for the rank...
    assert o.queue == ((1.0, False), (1.0, True), (0.7, False))  # ...not in the queue


def test_workload_counts_alerts_reviewed_until_each_true_match() -> None:
    outs = [
        Outcome(1, 1.0, 1.0, queue=((1.0, False), (1.0, True), (0.8, False))),  # 2 reviewed
        Outcome(1, 0.9, 0.9, queue=((0.9, True), (0.75, False))),  # 1 reviewed
        Outcome(None, 0.0, 0.72, queue=((0.72, False), (0.6, False))),  # a false alert
        Outcome(2, 0.6, 0.9, queue=((0.9, False), (0.6, True))),  # match below threshold
    ]
    w = workload(outs, 0.7)
    assert (w.alerts, w.reviewed, w.true_matches) == (7, 2 + 1 + 1 + 1, 2)
    assert w.reviewed_per_match == 2.5 and w.alerts_per_match == 3.5
    assert workload(outs, 0.95).true_matches == 1
    assert workload(outs[2:3], 0.7).reviewed_per_match is None
