"""Pure ranking metrics: recall@k, thresholds at a false-alert rate, false alerts at a recall."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one algorithm answered one query.

    `rank` is the 1-based rank of the best correct entity, ties in its favour (None: not
    returned);
    `target_score` the best score of a correct entity (0 when absent); `top_score` the
    best score of any returned entity (what decides whether the query alerts); `queue`
    the first QUEUE_DEPTH hits as (score, correct) in the order the algorithm gives them.
    """

    rank: int | None
    target_score: float
    top_score: float
    top_id: str | None = None
    queue: tuple[tuple[float, bool], ...] = ()


#: Candidates per query an analyst's alert queue holds.
QUEUE_DEPTH = 10


def outcome(ranked: Sequence[tuple[str, float]], targets: frozenset[str]) -> Outcome:
    """Outcome from scored hits (zero scores dropped), `ranked` in the algorithm's order.

    The rank counts only other entities scoring strictly higher than the best correct one:
    lists carry unlinked duplicates of a party (the same name on a third list), and a tie
    with one of them should not count as a miss for any algorithm. The queue keeps the
    algorithm's own order of ties (what an analyst would see).
    """
    queue = tuple((s, i in targets) for i, s in ranked if s > 0.0)
    queue = tuple(sorted(queue, key=lambda x: -x[0]))[:QUEUE_DEPTH]  # stable: ties kept
    hits = sorted(((i, s) for i, s in ranked if s > 0.0), key=lambda kv: (-kv[1], kv[0]))
    target = max((s for i, s in hits if i in targets), default=0.0)
    rank = None
    if target > 0.0:
        rank = 1 + sum(1 for i, s in hits if s > target and i not in targets)
    top_id, top = hits[0] if hits else (None, 0.0)
    return Outcome(rank, target, top, top_id, queue)


def rank_scores(scores: dict[str, float]) -> list[tuple[str, float]]:
    """Best first, ties broken by entity id so no algorithm gets a lucky order."""
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def recall_at_k(outcomes: Sequence[Outcome], k: int) -> float:
    if not outcomes:
        return math.nan
    return sum(1 for o in outcomes if o.rank is not None and o.rank <= k) / len(outcomes)


def threshold_at_far(negative_tops: Sequence[float], far: float) -> float:
    """The lowest threshold at which at most `far` of the negatives alert (top >= t)."""
    if not negative_tops:
        return 0.0
    ranked = sorted(negative_tops, reverse=True)
    allowed = math.floor(far * len(ranked) + 1e-9)
    if allowed >= len(ranked):
        return 0.0
    return math.nextafter(ranked[allowed], math.inf)


def alert_rate(tops: Sequence[float], threshold: float) -> float:
    """Share of queries whose best score reaches the threshold (a zero score never alerts)."""
    if not tops:
        return math.nan
    return sum(1 for s in tops if s > 0.0 and s >= threshold) / len(tops)


def recall_at_threshold(outcomes: Sequence[Outcome], threshold: float) -> float:
    """Share of positives whose correct entity scores at least the threshold."""
    return alert_rate([o.target_score for o in outcomes], threshold)


def threshold_at_recall(outcomes: Sequence[Outcome], recall: float) -> float | None:
    """The highest threshold keeping `recall` of positives; None when unreachable."""
    if not outcomes:
        return None
    scores = sorted((o.target_score for o in outcomes), reverse=True)
    need = math.ceil(recall * len(scores) - 1e-9)
    if need == 0:
        return scores[0]
    t = scores[need - 1]
    return t if t > 0.0 else None


def far_at_recall(
    outcomes: Sequence[Outcome], negative_tops: Sequence[float], recall: float
) -> float | None:
    """False-alert rate at the threshold that keeps `recall`; None when unreachable."""
    t = threshold_at_recall(outcomes, recall)
    return None if t is None else alert_rate(negative_tops, t)


def summary(
    outcomes: Sequence[Outcome], negative_tops: Sequence[float], fars: Sequence[float]
) -> dict[str, float | None]:
    """recall@1, recall@10, recall at each false-alert rate, false alerts at 95% recall."""
    out: dict[str, float | None] = {
        "n": float(len(outcomes)),
        "recall@1": recall_at_k(outcomes, 1),
        "recall@10": recall_at_k(outcomes, 10),
    }
    for far in fars:
        t = threshold_at_far(negative_tops, far)
        out[f"recall@far{far:g}"] = recall_at_threshold(outcomes, t)
        out[f"threshold@far{far:g}"] = t
    out["far@recall0.95"] = far_at_recall(outcomes, negative_tops, 0.95)
    return out


@dataclass(frozen=True, slots=True)
class Workload:
    """An analyst's alert queue at one threshold (see `workload`)."""

    threshold: float
    alerts: int
    reviewed: int
    true_matches: int

    @property
    def reviewed_per_match(self) -> float | None:
        return self.reviewed / self.true_matches if self.true_matches else None

    @property
    def alerts_per_match(self) -> float | None:
        return self.alerts / self.true_matches if self.true_matches else None


def workload(outcomes: Sequence[Outcome], threshold: float) -> Workload:
    """Alerts reviewed per true match found, working the queue in score order.

    Every query's queued candidates (`Outcome.queue`, at most QUEUE_DEPTH) scoring at least
    `threshold` are alerts. The analyst works each query's alerts best first (ties in the
    algorithm's order) and closes the query at its first correct candidate, so the alerts
    of a query below its true match are not reviewed; a query without one has all its
    alerts reviewed. `true_matches` counts queries whose correct entity was reached.
    """
    alerts = reviewed = found = 0
    for o in outcomes:
        queued = [correct for score, correct in o.queue if score >= threshold]
        alerts += len(queued)
        if True in queued:
            reviewed += queued.index(True) + 1
            found += 1
        else:
            reviewed += len(queued)
    return Workload(threshold, alerts, reviewed, found)
