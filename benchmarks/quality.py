"""Quality benchmark: sanctio-v1 vs nomenklatura logic-v2 and ofac on real cross-list pairs.

    python benchmarks/quality.py [--size 2000] [--negatives 5000] [--cjk 200] [--seed 7]
        [--workers 2] [--exhaustive 200] [--no-nomenklatura] [--failures 8]
        [--only CLASSES] [--list-class CLASS]

Positives: the same party listed by two publishers (linked by stated UN reference, shared
passport/id/IMO/registration number, or full birth date + nationality/name; see
quality/linking.py), the query being one publisher's spelling (and variants of it), the
target the other publishers' records; the query's own publisher is left out of the search.
Negatives: Faker customers in 24 locales and near misses of listed names, plus extra
Chinese and Korean customers reported per locale (outside the thresholds). nomenklatura has
no retrieval: it scores sanctio's top-50 candidates plus the true targets (this favours its
recall). Writes benchmarks/out/quality.json, quality_cases.jsonl, quality_issue15.md and
quality_failures_issue15.txt.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import markdown
from quality import nomenklatura_adapter as nk
from quality.cases import EXTRA_NEGATIVE_CLASSES, ISSUE15_CLASSES
from quality.dataset import CJK_PER_LANGUAGE, build
from quality.harness import SANCTIO, prepare, run_all, run_case, run_exhaustive
from quality.lists import OUT, versions
from quality.report import failures, list_class, metrics_table, render, render_failures
from sanctio.index import NameIndex

#: Issue 15's classes' worst failures go to quality_failures_issue15.txt.
ISSUE15_FAILURES = 15


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2000, help="positive queries")
    parser.add_argument("--negatives", type=int, default=5000, help="negative queries")
    parser.add_argument(
        "--cjk", type=int, default=CJK_PER_LANGUAGE, help="extra Chinese and Korean negatives each"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--exhaustive", type=int, default=200, help="queries for index recall")
    parser.add_argument("--no-nomenklatura", action="store_true")
    parser.add_argument("--failures", type=int, default=8, help="worst examples per class")
    parser.add_argument("--out", type=Path, default=OUT / "quality.json")
    parser.add_argument(
        "--list-class", metavar="CLASS", help="print one class's queries and targets, then stop"
    )
    parser.add_argument(
        "--only", metavar="CLASSES", help="score only these positive classes (comma-separated)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    load = os.getloadavg()

    ds = build(args.size, args.negatives, args.seed, args.cjk)
    print(
        f"dataset: {len(ds.entities)} entities, {len(ds.links)} cross-list links, "
        f"{len(ds.positives)} positives, {len(ds.negatives)} negatives "
        f"({ds.dropped_negatives} negatives dropped: exact listed name)",
        flush=True,
    )
    if args.list_class:
        print(list_class(ds, args.list_class))
        return
    positives = ds.positives
    if args.only:
        positives = [c for c in positives if c.cls in args.only.split(",")]
    t = time.perf_counter()
    index = NameIndex.build(ds.entities.values(), versions=versions())
    print(f"index built in {time.perf_counter() - t:.1f} s", flush=True)
    algorithms = [SANCTIO] if args.no_nomenklatura else [SANCTIO, *nk.ALGORITHMS]
    if not args.no_nomenklatura:
        print(f"nomenklatura {nk.nomenklatura_version()} warm-up {nk.warm_up():.1f} s", flush=True)
    prepare(index, ds.entities, not args.no_nomenklatura)

    t = time.perf_counter()
    results = run_all([*positives, *ds.negatives], args.workers, run_case)
    print(f"scored {len(results)} queries in {time.perf_counter() - t:.1f} s", flush=True)
    table = metrics_table(results, algorithms)
    print()
    print(render(table))

    step = max(1, (len(positives) + len(ds.negatives)) // max(1, args.exhaustive))
    sample = [*positives, *ds.negatives][::step][: args.exhaustive]
    exhaustive = run_all(sample, args.workers, run_exhaustive) if sample else []
    recall: dict[str, float | None] = {}
    for key in ("0.5", "0.7"):
        wanted = sum(x[f"wanted@{key}"] for x in exhaustive)
        found = sum(x[f"found@{key}"] for x in exhaustive)
        recall[f"index_recall@{key}"] = found / wanted if wanted else None
        recall[f"exhaustive_hits@{key}"] = wanted
    print(
        f"\nindex recall vs exhaustive scoring ({len(exhaustive)} queries): "
        + ", ".join(f"{k}={v}" for k, v in recall.items())
    )

    worst = failures(results, ds.entities, SANCTIO, args.failures)
    worst_new = failures(
        results, ds.entities, SANCTIO, ISSUE15_FAILURES, (*ISSUE15_CLASSES, *EXTRA_NEGATIVE_CLASSES)
    )
    nk_pairs = sum(r.candidates for r in results)
    report = {
        "command": " ".join(["python", "benchmarks/quality.py", *sys.argv[1:]]),
        "seed": args.seed,
        "load_average_at_start": load,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "nomenklatura": None if args.no_nomenklatura else nk.nomenklatura_version(),
        "candidate_sharing": "nomenklatura scores sanctio's top-50 candidates (threshold 0) "
        "plus the true targets; this favours nomenklatura's recall",
        "versions": versions(),
        "links": ds.link_stats(),
        "link_spot_check": ds.spot_check(40, args.seed),
        "cases": {
            "positives": len(positives),
            "negatives": len(ds.negatives),
            "negatives_dropped_exact": ds.dropped_negatives,
        },
        "metrics": table,
        "index_recall": recall,
        "index_recall_misses": [x for x in exhaustive if x["missed@0.7"]][:20],
        "sanctio_ms_per_query": 1000 * sum(r.sanctio_seconds for r in results) / len(results),
        "nomenklatura_ms_per_pair": {
            a: 1000 * sum(r.nomenklatura_seconds.get(a, 0.0) for r in results) / nk_pairs
            for a in algorithms[1:]
        },
        "worst_sanctio": worst,
        "worst_sanctio_issue15": worst_new,
        "seconds": time.perf_counter() - started,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    cases_out = args.out.with_name("quality_cases.jsonl")
    with cases_out.open("w", encoding="utf-8") as fh:
        for r in results:
            row = r.case.to_dict()
            row["outcomes"] = {a: asdict(o) for a, o in r.outcomes.items()}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    failures_out = args.out.with_name("quality_failures_issue15.txt")
    failures_out.write_text(render_failures(worst_new), encoding="utf-8")
    tables_out = args.out.with_name("quality_issue15.md")
    tables_out.write_text(markdown.render(table), encoding="utf-8")
    print(f"\nwrote {args.out}, {cases_out}, {failures_out}, {tables_out}")
    print(f"({report['seconds']:.0f} s)")


if __name__ == "__main__":
    main()
