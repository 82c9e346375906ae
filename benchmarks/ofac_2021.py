"""UK spellings against OFAC SDN 2021 alone: the kept-apart benchmark's OFAC half, rebuilt.

    python benchmarks/ofac_2021.py [--negatives 3000] [--seed 7] [--out PATH]
    python benchmarks/ofac_2021.py --uk-half     # the other half, see below
    python benchmarks/ofac_2021.py --nomenklatura  # logic-v2 too (nomenklatura installed)

The team's kept-apart benchmark screens the UK list's names, Latin and non-Latin, against
an index of OFAC's SDN list of 2021 only. This rebuilds that setting from the shared files:
the index holds OFAC SDN 2021-08-18 alone (no other publisher's spellings to fall back
on); the positives are every name of every UK 2025-04-14 entry linked to an OFAC entry
(quality/linking.py: stated references, shared identifiers, full birth date + name), each
name a query, the OFAC entry its target; the negatives are Faker customers and near
misses of the OFAC names (quality/negatives.py), screened against the same index, which
set the threshold at 1% false alerts. Recall is reported per script of the query. The
kept-apart set's own queries and negatives differ, so its figures are not these.

`--uk-half` rebuilds the other half the same way: UK OFSI 2025-04-14 alone as the list,
every name of every linked entry of the other publishers' files (OFAC SDN 2024-05-03, UN
2026-02-27, Australia 2024-11-11, Canada 2020-04-15) as the queries.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality.linking import find_links
from quality.lists import OUT, load_version
from quality.metrics import rank_scores, threshold_at_far
from quality.negatives import NegativeBuilder
from sanctio.exceptions import InputError
from sanctio.index import NameIndex
from sanctio.model import Entity
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener

LIST = "ofac-sdn/2021-08-18"
QUERIES = "uk-ofsi/2025-04-14"
UK_LIST = "uk-ofsi/2025-04-14"
UK_QUERIES = ("ofac-sdn/2024-05-03", "un-sc/2026-02-27", "au-dfat/2024-11-11", "ca-sema/2020-04-15")
LIMIT = 20
FAR = 0.01
Ranking = list[tuple[str, float]]


def script(name: str) -> str:
    """The script of a name's first letter beyond Latin Extended-B (LATIN if none)."""
    for ch in name:
        if ch.isalpha() and ord(ch) > 0x24F:
            return unicodedata.name(ch, "OTHER").split()[0]
    return "LATIN"


def linked(listed: list[Entity], queries: list[Entity]) -> dict[str, set[str]]:
    """Query entry id -> the listed entries linked to it."""
    listed_ids = {e.id for e in listed}
    query_ids = {e.id for e in queries}
    out: dict[str, set[str]] = defaultdict(set)
    for link in find_links([*listed, *queries]):
        for a, b in ((link.a, link.b), (link.b, link.a)):
            if a in query_ids and b in listed_ids:
                out[a].add(b)
    return out


Scorer = Callable[[str, str, tuple[str, ...], list[Entity]], dict[str, float]]


def nomenklatura_scorer(algorithm: str) -> Scorer:
    """name, schema, birth dates, candidates -> nomenklatura's score per candidate id: the
    query as sanctio screens it (imported when asked: a benchmark-only dependency)."""
    from quality import nomenklatura_adapter as nk

    nk.warm_up()
    count = iter(range(1 << 62))

    def score(
        name: str, schema: str, birth_dates: tuple[str, ...], candidates: list[Entity]
    ) -> dict[str, float]:
        query = nk.query_value(f"query-{next(count)}", name, schema, birth_dates)
        return nk.score_all(algorithm, query, candidates)[0]

    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--negatives", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--uk-half", action="store_true", help="UK 2025 as the list")
    parser.add_argument(
        "--nomenklatura", action="store_true", help="also logic-v2 on sanctio's candidates"
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    started = time.perf_counter()
    list_version, query_versions = (UK_LIST, UK_QUERIES) if args.uk_half else (LIST, (QUERIES,))
    out = args.out or OUT / ("uk_2025.json" if args.uk_half else "ofac_2021.json")
    listed = [e for e in load_version(list_version) if e.schema != "CryptoWallet"]
    queries = [e for v in query_versions for e in load_version(v) if e.schema != "CryptoWallet"]
    pairs = linked(listed, queries)
    screener = Screener(NameIndex.build(listed))
    entities = {e.id: e for e in listed}
    others = {"logic-v2": nomenklatura_scorer("logic-v2")} if args.nomenklatura else {}
    algorithms = [screener.algorithm.name, *others]

    def rankings(
        name: str, schema: str, targets: set[str], birth_dates: tuple[str, ...] = ()
    ) -> dict[str, Ranking]:
        """Per algorithm, the ranked (id, score) of sanctio's candidates (plus the targets
        for the others, which score sanctio's candidates: `quality.py`'s sharing)."""
        query = Query.create(name, schema=schema, birth_dates=birth_dates)
        found = screener.screen(query, threshold=1.0, limit=LIMIT, cutoff=0.0).results
        result = {algorithms[0]: [(h.entity_id, h.score) for h in found]}
        ids = list(dict.fromkeys([h.entity_id for h in found] + sorted(targets)))
        for algo, score in others.items():
            candidates = [entities[i] for i in ids]
            result[algo] = rank_scores(score(name, schema, birth_dates, candidates))
        return result

    by_id = {e.id: e for e in queries}
    positives: list[tuple[str, dict[str, tuple[float, bool]]]] = []  # script, algo -> outcome
    too_long = 0  # names over the per-name word budget, which screening refuses
    for uid, targets in sorted(pairs.items()):
        entity = by_id[uid]
        for name in sorted(set(entity.names())):
            try:
                found = rankings(name, entity.schema, targets)
            except InputError:  # a name over the word budget (BudgetError)
                too_long += 1
                continue
            outcome = {
                algo: (
                    max((s for i, s in hits if i in targets), default=0.0),
                    bool(hits) and hits[0][0] in targets,
                )
                for algo, hits in found.items()
            }
            positives.append((script(name), outcome))
    negatives = NegativeBuilder(listed, args.seed + 1).build(args.negatives)
    tops: dict[str, list[float]] = {algo: [] for algo in algorithms}
    for case in negatives:
        found = rankings(case.name, case.schema, set(), tuple(case.birth_dates))
        for algo, hits in found.items():
            tops[algo].append(hits[0][1] if hits else 0.0)
    default = screener.algorithm.threshold
    print(
        f"{len(pairs)} entries linked to {list_version}, {len(positives)} queries, "
        f"{len(negatives)} negatives ({too_long} names over the word budget left out)"
    )
    report: dict[str, Any] = {}
    for algo in algorithms:
        threshold = threshold_at_far(tops[algo], FAR)
        rows: dict[str, dict[str, float]] = {}
        for key in ["ALL", *sorted({s for s, _ in positives})]:
            got = [o[algo] for s, o in positives if key in ("ALL", s)]
            rows[key] = {
                "n": len(got),
                "recall_at_far": sum(s >= threshold for s, _ in got) / len(got),
                "recall_at_default": sum(s >= default for s, _ in got) / len(got),
                "recall_at_1": sum(first for _, first in got) / len(got),
            }
        report[algo] = {
            "threshold_at_far": threshold,
            "false_alerts_at_default": sum(t >= default for t in tops[algo]) / len(tops[algo]),
            "rows": rows,
        }
        print(f"{algo}: threshold at {FAR:.0%} false alerts {threshold:.3f}")
        print(f"{'script':10} {'n':>6} {'R@FAR1%':>8} {'R@0.70':>8} {'R@1':>8}")
        for key, row in rows.items():
            print(
                f"{key:10} {row['n']:6.0f} {row['recall_at_far']:8.3f} "
                f"{row['recall_at_default']:8.3f} {row['recall_at_1']:8.3f}"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = {"list": list_version, "queries": list(query_versions), "algorithms": report}
    summary["seconds"] = round(time.perf_counter() - started, 1)
    out.write_text(json.dumps(summary, indent=2))
    print(f"wrote {out} ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
