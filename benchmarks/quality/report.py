"""Tables and failure listings from case results: per class, per algorithm."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from quality.cases import NEGATIVE_CLASSES, POSITIVE_CLASSES
from quality.dataset import Dataset
from quality.harness import CaseResult
from quality.metrics import alert_rate, summary, threshold_at_far
from sanctio.model import Entity

FARS: tuple[float, ...] = (0.01, 0.05)
DEFAULT_THRESHOLD = 0.7


def metrics_table(results: Sequence[CaseResult], algorithms: Sequence[str]) -> dict[str, Any]:
    """algorithm -> class (and "all") -> metrics; thresholds are set on all negatives."""
    pos = [r for r in results if r.case.positive]
    neg = [r for r in results if not r.case.positive]
    table: dict[str, Any] = {}
    for algo in algorithms:
        tops = [r.outcomes[algo].top_score for r in neg]
        rows: dict[str, Any] = {}
        for cls in (*POSITIVE_CLASSES, "all"):
            chosen = [r.outcomes[algo] for r in pos if cls in ("all", r.case.cls)]
            if chosen:
                rows[cls] = summary(chosen, tops, FARS)
                rows[cls]["recall@0.7"] = alert_rate(
                    [o.target_score for o in chosen], DEFAULT_THRESHOLD
                )
        negatives: dict[str, Any] = {}
        for cls in (*NEGATIVE_CLASSES, "all"):
            ctops = [r.outcomes[algo].top_score for r in neg if cls in ("all", r.case.cls)]
            if not ctops:
                continue
            negatives[cls] = {"n": len(ctops), "alerts@0.7": alert_rate(ctops, DEFAULT_THRESHOLD)}
            for far in FARS:
                negatives[cls][f"alerts@far{far:g}"] = alert_rate(
                    ctops, threshold_at_far(tops, far)
                )
        table[algo] = {"positives": rows, "negatives": negatives}
    return table


def _fmt(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "  n/a"
    return f"{value:5.3f}"


def render(table: dict[str, Any]) -> str:
    """A plain-text table: one row per class and algorithm."""
    cols = (
        "recall@1",
        "recall@10",
        "recall@far0.01",
        "recall@far0.05",
        "far@recall0.95",
        "recall@0.7",
    )
    head = f"{'class':<15} {'algorithm':<11} {'n':>5} " + " ".join(
        f"{c.replace('recall', 'R').replace('far', 'FAR'):>14}" for c in cols
    )
    lines = [head, "-" * len(head)]
    algos = list(table)
    for cls in (*POSITIVE_CLASSES, "all"):
        for algo in algos:
            row = table[algo]["positives"].get(cls)
            if row is None:
                continue
            vals = " ".join(f"{_fmt(row[c]):>14}" for c in cols)
            lines.append(f"{cls:<15} {algo:<11} {int(row['n']):>5} {vals}")
    lines.append("")
    lines.append(
        f"{'negatives':<20} {'algorithm':<11} {'n':>5} {'alerts@0.7':>11} "
        f"{'@thr FAR1%':>11} {'@thr FAR5%':>11}"
    )
    for cls in (*NEGATIVE_CLASSES, "all"):
        for algo in algos:
            row = table[algo]["negatives"].get(cls)
            if row is None:
                continue
            lines.append(
                f"{cls:<20} {algo:<11} {row['n']:>5} {_fmt(row['alerts@0.7']):>11} "
                f"{_fmt(row['alerts@far0.01']):>11} {_fmt(row['alerts@far0.05']):>11}"
            )
    lines.append("")
    for algo in algos:
        all_row = table[algo]["positives"]["all"]
        lines.append(
            f"{algo}: threshold at 1% false alerts {all_row['threshold@far0.01']:.3f}, "
            f"at 5% {all_row['threshold@far0.05']:.3f}"
        )
    return "\n".join(lines)


def failures(
    results: Sequence[CaseResult], entities: dict[str, Entity], algo: str, per_class: int
) -> dict[str, list[dict[str, Any]]]:
    """Worst misses per positive class and worst false alerts per negative class."""

    def caption(entity_id: str | None) -> str | None:
        return None if entity_id is None else f"{entity_id} {entities[entity_id].caption}"

    out: dict[str, list[dict[str, Any]]] = {}
    for cls in POSITIVE_CLASSES:
        rows = [r for r in results if r.case.positive and r.case.cls == cls]
        rows.sort(key=lambda r: (r.outcomes[algo].target_score, -(r.outcomes[algo].rank or 99)))
        out[cls] = [
            {
                "query": r.case.name,
                "details": [*r.case.birth_dates, *r.case.nationalities],
                "target": [caption(t) for t in sorted(r.case.targets)][:2],
                "rank": r.outcomes[algo].rank,
                "target_score": round(r.outcomes[algo].target_score, 3),
                "top": caption(r.outcomes[algo].top_id),
                "top_score": round(r.outcomes[algo].top_score, 3),
            }
            for r in rows[:per_class]
        ]
    for cls in NEGATIVE_CLASSES:
        rows = [r for r in results if not r.case.positive and r.case.cls == cls]
        rows.sort(key=lambda r: -r.outcomes[algo].top_score)
        out[cls] = [
            {
                "query": r.case.name,
                "details": [*r.case.birth_dates, *r.case.nationalities],
                "top": caption(r.outcomes[algo].top_id),
                "top_score": round(r.outcomes[algo].top_score, 3),
            }
            for r in rows[:per_class]
        ]
    return out


def list_class(ds: Dataset, cls: str) -> str:
    """One line per case of a class: id, query, publishers left out, then each target."""
    lines = []
    for case in (c for c in (*ds.positives, *ds.negatives) if c.cls == cls):
        left_out = ",".join(x for x in (case.exclude, *case.also_exclude) if x)
        targets = " | ".join(
            f"{t} {ds.entities[t].caption}" for t in sorted(case.targets) if t in ds.entities
        )
        lines.append(f"{case.id}\t{case.name}\t-{left_out}\t{targets}")
    return "\n".join(lines) + f"\n{len(lines)} cases of {cls}"
