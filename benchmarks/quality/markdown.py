"""Issue 15's tables as Markdown (for docs/benchmarks.md) from a quality.json metrics table."""

from __future__ import annotations

from typing import Any

#: Positive rows of the issue-15 table (classes absent from a run are skipped).
ROWS = ("arabic-script", "persian-org", "persian-org-translated", "arabic-latin")
AGGREGATE_ROWS = ("all-issue-15", "all-before-15", "all")
COLUMNS = ("recall@1", "recall@10", "recall@far0.01", "recall@far0.05", "far@recall0.95")
COLUMNS_07 = ("recall@0.7",)


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def positives(metrics: dict[str, Any]) -> list[str]:
    lines = [
        "| class | algorithm | n | R@1 | R@10 | R@FAR1% | R@FAR5% | FAR@R95 | R@0.7 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for cls in (*ROWS, *AGGREGATE_ROWS):
        for algo, table in metrics.items():
            row = table["positives"].get(cls)
            if row is None:
                continue
            name = f"**{algo}**" if algo == "sanctio-v1" else algo
            vals = " | ".join(_f(row[c]) for c in (*COLUMNS, *COLUMNS_07))
            lines.append(f"| {cls} | {name} | {int(row['n'])} | {vals} |")
    return lines


def locales(metrics: dict[str, Any]) -> list[str]:
    algos = list(metrics)
    head = " | ".join(f"{a} @0.70 | @1% thr" for a in algos)
    lines = [f"| Faker negatives | n | {head} |", "|---|---|" + "---|---|" * len(algos)]
    keys = list(metrics[algos[0]]["locales"])
    extra = sorted(k for k in keys if k.startswith("+"))
    for key in ["all 24 locales", "zh_CN", "ko_KR", *extra]:
        if key not in keys:
            continue
        n = metrics[algos[0]]["locales"][key]["n"]
        vals = " | ".join(
            f"{_f(metrics[a]['locales'][key]['alerts@0.7'])} | "
            f"{_f(metrics[a]['locales'][key]['alerts@far0.01'])}"
            for a in algos
        )
        lines.append(f"| {key} | {n} | {vals} |")
    return lines


def workload(metrics: dict[str, Any]) -> list[str]:
    lines = [
        "| algorithm | threshold | alerts | reviewed | true matches "
        "| **reviewed per match** | alerts per match |",
        "|---|---|---|---|---|---|---|",
    ]
    for algo, table in metrics.items():
        for label, w in table["workload"].items():
            at = "0.70" if label == "0.7" else "1% FAR"
            lines.append(
                f"| {algo} | {w['threshold']:.3f} ({at}) | {w['alerts']} | {w['reviewed']} "
                f"| {w['true_matches']} | **{_f(w['reviewed_per_match'])}** "
                f"| {_f(w['alerts_per_match'])} |"
            )
    return lines


def render(metrics: dict[str, Any]) -> str:
    """The three issue-15 tables: new classes, Faker negatives per locale, workload."""
    return "\n".join([*positives(metrics), "", *locales(metrics), "", *workload(metrics), ""])
