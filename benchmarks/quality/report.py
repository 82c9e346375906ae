"""Tables and failure listings from case results: per class, per algorithm."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from quality.cases import (
    AGGREGATES,
    EXTRA_NEGATIVE_CLASSES,
    NEGATIVE_CLASSES,
    POSITIVE_CLASSES,
    Case,
)
from quality.dataset import Dataset
from quality.harness import CaseResult
from quality.metrics import Outcome, alert_rate, summary, threshold_at_far, workload
from sanctio.model import Entity

FARS: tuple[float, ...] = (0.01, 0.05)
DEFAULT_THRESHOLD = 0.7


def metrics_table(results: Sequence[CaseResult], algorithms: Sequence[str]) -> dict[str, Any]:
    """algorithm -> class (and "all") -> metrics; thresholds are set on all negatives."""
    pos = [r for r in results if r.case.positive]
    extra = [r for r in results if r.case.cls in EXTRA_NEGATIVE_CLASSES]
    neg = [r for r in results if not r.case.positive and r.case.cls not in EXTRA_NEGATIVE_CLASSES]
    table: dict[str, Any] = {}
    for algo in algorithms:
        tops = [r.outcomes[algo].top_score for r in neg]
        rows: dict[str, Any] = {}
        for cls in (*POSITIVE_CLASSES, *AGGREGATES):
            members = AGGREGATES.get(cls, (cls,))
            chosen = [r.outcomes[algo] for r in pos if r.case.cls in members]
            if chosen:
                rows[cls] = summary(chosen, tops, FARS)
                rows[cls]["recall@0.7"] = alert_rate(
                    [o.target_score for o in chosen], DEFAULT_THRESHOLD
                )
        negatives: dict[str, Any] = {}
        for cls in (*NEGATIVE_CLASSES, "all", *EXTRA_NEGATIVE_CLASSES):
            ctops = [
                r.outcomes[algo].top_score
                for r in (extra if cls in EXTRA_NEGATIVE_CLASSES else neg)
                if cls in ("all", r.case.cls)
            ]
            if not ctops:
                continue
            negatives[cls] = {"n": len(ctops), "alerts@0.7": alert_rate(ctops, DEFAULT_THRESHOLD)}
            for far in FARS:
                negatives[cls][f"alerts@far{far:g}"] = alert_rate(
                    ctops, threshold_at_far(tops, far)
                )
        at_far = threshold_at_far(tops, FARS[0])
        queue = [r.outcomes[algo] for r in (*pos, *neg)]
        table[algo] = {
            "positives": rows,
            "negatives": negatives,
            "locales": locale_rows([*neg, *extra], algo, at_far),
            "workload": {
                f"{DEFAULT_THRESHOLD:g}": _workload(queue, DEFAULT_THRESHOLD),
                "far0.01": _workload(queue, at_far),
            },
        }
    return table


def _workload(outcomes: Sequence[Outcome], threshold: float) -> dict[str, Any]:
    w = workload(outcomes, threshold)
    return asdict(w) | {
        "reviewed_per_match": w.reviewed_per_match,
        "alerts_per_match": w.alerts_per_match,
    }


def locale_groups(case: Case) -> list[str]:
    """The rows a Faker negative is counted in: its locale ("all locales" too); an extra
    Chinese / Korean customer in "+zh" or "+ko" and in its locale and form."""
    if not case.locale:
        return []
    if case.cls in EXTRA_NEGATIVE_CLASSES:
        return [f"+{case.locale[:2]} (all extra)", f"+{case.locale} {case.origin}"]
    return [case.locale, "all 24 locales"]


def locale_rows(results: Sequence[CaseResult], algo: str, at_far: float) -> dict[str, Any]:
    """Per Faker locale: alerts at 0.70 and at the 1%-false-alert threshold (`at_far`)."""
    groups: dict[str, list[float]] = {}
    for r in results:
        for key in locale_groups(r.case):
            groups.setdefault(key, []).append(r.outcomes[algo].top_score)
    return {
        key: {
            "n": len(tops),
            f"alerts@{DEFAULT_THRESHOLD:g}": alert_rate(tops, DEFAULT_THRESHOLD),
            "alerts@far0.01": alert_rate(tops, at_far),
        }
        for key, tops in sorted(groups.items())
    }


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
    head = f"{'class':<22} {'algorithm':<11} {'n':>5} " + " ".join(
        f"{c.replace('recall', 'R').replace('far', 'FAR'):>14}" for c in cols
    )
    lines = [head, "-" * len(head)]
    algos = list(table)
    for cls in (*POSITIVE_CLASSES, *AGGREGATES):
        for algo in algos:
            row = table[algo]["positives"].get(cls)
            if row is None:
                continue
            vals = " ".join(f"{_fmt(row[c]):>14}" for c in cols)
            lines.append(f"{cls:<22} {algo:<11} {int(row['n']):>5} {vals}")
    lines.append("")
    lines.append(
        f"{'negatives':<20} {'algorithm':<11} {'n':>5} {'alerts@0.7':>11} "
        f"{'@thr FAR1%':>11} {'@thr FAR5%':>11}"
    )
    for cls in (*NEGATIVE_CLASSES, "all", *EXTRA_NEGATIVE_CLASSES):
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
    return "\n".join([*lines, "", render_locales(table), "", render_workload(table)])


def render_locales(table: dict[str, Any]) -> str:
    """Faker negatives alerting per locale: at 0.70 and at each algorithm's 1% threshold."""
    algos = list(table)
    head = f"{'faker locale':<34} {'n':>5} " + " ".join(
        f"{a[:10] + ' 0.7':>15} {a[:10] + ' 1%':>15}" for a in algos
    )
    lines = [head, "-" * len(head)]
    for key, row in table[algos[0]]["locales"].items():
        vals = " ".join(
            f"{_fmt(table[a]['locales'][key]['alerts@0.7']):>15} "
            f"{_fmt(table[a]['locales'][key]['alerts@far0.01']):>15}"
            for a in algos
        )
        lines.append(f"{key:<34} {row['n']:>5} {vals}")
    return "\n".join(lines)


def render_workload(table: dict[str, Any]) -> str:
    """Alerts reviewed per true match (and queued alerts per true match) per threshold."""
    lines = [
        f"{'alert queue (top-10 per query)':<32} {'threshold':>9} {'alerts':>7} "
        f"{'reviewed':>8} {'matches':>7} {'reviewed/match':>14} {'alerts/match':>12}"
    ]
    for algo, entry in table.items():
        for label, w in entry["workload"].items():
            lines.append(
                f"{algo + ' @' + label:<32} {w['threshold']:>9.3f} {w['alerts']:>7} "
                f"{w['reviewed']:>8} {w['true_matches']:>7} "
                f"{_fmt(w['reviewed_per_match']):>14} {_fmt(w['alerts_per_match']):>12}"
            )
    return "\n".join(lines)


def failures(
    results: Sequence[CaseResult],
    entities: dict[str, Entity],
    algo: str,
    per_class: int,
    classes: Sequence[str] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Worst misses per positive class and worst false alerts per negative class (all
    classes, or those named)."""

    def caption(entity_id: str | None) -> str | None:
        return None if entity_id is None else f"{entity_id} {entities[entity_id].caption}"

    out: dict[str, list[dict[str, Any]]] = {}
    wanted = set(classes or (*POSITIVE_CLASSES, *NEGATIVE_CLASSES, *EXTRA_NEGATIVE_CLASSES))
    for cls in (c for c in POSITIVE_CLASSES if c in wanted):
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
    for cls in (c for c in (*NEGATIVE_CLASSES, *EXTRA_NEGATIVE_CLASSES) if c in wanted):
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


def render_failures(worst: dict[str, list[dict[str, Any]]]) -> str:
    """The worst failures as text: a missed or low-scored target, or a false alert."""
    lines: list[str] = []
    for cls, rows in worst.items():
        lines.append(f"== {cls}: {len(rows)} worst")
        for row in rows:
            details = " ".join(row["details"])
            lines.append(f"query  {row['query']}" + (f"  [{details}]" if details else ""))
            if "target" in row:
                lines.append(
                    f"  target {' | '.join(t for t in row['target'] if t)}: "
                    f"score {row['target_score']}, rank {row['rank']}"
                )
            lines.append(f"  top    {row['top']}: score {row['top_score']}")
        lines.append("")
    return "\n".join(lines)
