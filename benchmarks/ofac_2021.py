"""UK spellings against OFAC SDN 2021 alone: the kept-apart benchmark's OFAC half, rebuilt.

    python benchmarks/ofac_2021.py [--negatives 3000] [--seed 7] [--out PATH]

The team's kept-apart benchmark screens the UK list's names, Latin and non-Latin, against
an index of OFAC's SDN list of 2021 only. This rebuilds that setting from the shared files:
the index holds OFAC SDN 2021-08-18 alone (no other publisher's spellings to fall back
on); the positives are every name of every UK 2025-04-14 entry linked to an OFAC entry
(quality/linking.py: stated references, shared identifiers, full birth date + name), each
name a query, the OFAC entry its target; the negatives are Faker customers and near
misses of the OFAC names (quality/negatives.py), screened against the same index, which
set the threshold at 1% false alerts. Recall is reported per script of the query. The
kept-apart set's own queries and negatives differ, so its figures are not these.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality.linking import find_links
from quality.lists import OUT, load_version
from quality.metrics import threshold_at_far
from quality.negatives import NegativeBuilder
from sanctio.index import NameIndex
from sanctio.model import Entity
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener

LIST = "ofac-sdn/2021-08-18"
QUERIES = "uk-ofsi/2025-04-14"
LIMIT = 20
FAR = 0.01


def script(name: str) -> str:
    """The script of a name's first letter beyond Latin Extended-B (LATIN if none)."""
    for ch in name:
        if ch.isalpha() and ord(ch) > 0x24F:
            return unicodedata.name(ch, "OTHER").split()[0]
    return "LATIN"


def linked(ofac: list[Entity], uk: list[Entity]) -> dict[str, set[str]]:
    """UK entry id -> the OFAC entries linked to it."""
    out: dict[str, set[str]] = defaultdict(set)
    for link in find_links([*ofac, *uk]):
        a, b = sorted((link.a, link.b), key=lambda x: not x.startswith("uk-ofsi:"))
        if a.startswith("uk-ofsi:") and b.startswith("ofac-sdn:"):
            out[a].add(b)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--negatives", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=OUT / "ofac_2021.json")
    args = parser.parse_args()
    started = time.perf_counter()
    ofac = [e for e in load_version(LIST) if e.schema != "CryptoWallet"]
    uk = load_version(QUERIES)
    pairs = linked(ofac, uk)
    screener = Screener(NameIndex.build(ofac))
    by_id = {e.id: e for e in uk}
    positives: list[tuple[str, float, bool]] = []  # script, target score, ranked first
    for uid, targets in sorted(pairs.items()):
        entity = by_id[uid]
        for name in sorted(set(entity.names())):
            found = screener.screen(
                Query.create(name, schema=entity.schema), threshold=1.0, limit=LIMIT, cutoff=0.0
            ).results
            score = max((h.score for h in found if h.entity_id in targets), default=0.0)
            first = bool(found) and found[0].entity_id in targets
            positives.append((script(name), score, first))
    negatives = NegativeBuilder(ofac, args.seed + 1).build(args.negatives)
    tops = []
    for case in negatives:
        query = Query.create(case.name, schema=case.schema, birth_dates=case.birth_dates)
        found = screener.screen(query, threshold=1.0, limit=1, cutoff=0.0).results
        tops.append(found[0].score if found else 0.0)
    threshold = threshold_at_far(tops, FAR)
    default = screener.algorithm.threshold
    rows: dict[str, dict[str, float]] = {}
    for key in ["ALL", *sorted({s for s, _, _ in positives})]:
        got = [p for p in positives if key in ("ALL", p[0])]
        n = len(got)
        rows[key] = {
            "n": n,
            "recall_at_far": sum(s >= threshold for _, s, _ in got) / n,
            "recall_at_default": sum(s >= default for _, s, _ in got) / n,
            "recall_at_1": sum(first for _, _, first in got) / n,
        }
    print(
        f"{len(pairs)} UK entries linked to OFAC SDN 2021, {len(positives)} queries, "
        f"{len(negatives)} negatives; threshold at {FAR:.0%} false alerts {threshold:.3f}"
    )
    print(f"{'script':10} {'n':>6} {'R@FAR1%':>8} {'R@0.70':>8} {'R@1':>8}")
    for key, row in rows.items():
        print(
            f"{key:10} {row['n']:6.0f} {row['recall_at_far']:8.3f} "
            f"{row['recall_at_default']:8.3f} {row['recall_at_1']:8.3f}"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "list": LIST,
                "queries": QUERIES,
                "threshold_at_far": threshold,
                "false_alerts_at_default": sum(t >= default for t in tops) / len(tops),
                "rows": rows,
                "seconds": round(time.perf_counter() - started, 1),
            },
            indent=2,
        )
    )
    print(f"wrote {args.out} ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
