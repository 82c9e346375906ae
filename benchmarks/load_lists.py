"""Load every shared list into a fresh store; print wall time and peak RSS per source.

    python benchmarks/load_lists.py [LISTS_DIR]

Each source is loaded in its own process (so its peak RSS is its own), then everything is
loaded together in one process, as `sanctio lists load LISTS_DIR` does.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sanctio.store.importer import import_paths
from sanctio.store.sqlite import Store


def run_one(paths: list[Path]) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with Store.open(Path(tmp) / "bench.db") as store:
            outcomes = import_paths(store, paths)
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": round(seconds, 2),
        "versions": len(outcomes),
        "entities": sum(o.version.entity_count for o in outcomes),
        "problems": sum(o.version.problem_count for o in outcomes),
        "peak_rss_mb": round(peak_mb, 1),
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one([Path(p) for p in sys.argv[2:]])))
        return
    default = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists"
    lists = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SANCTIO_LISTS_DIR",
                                                                       str(default))).resolve()
    sources = sorted(p for p in lists.iterdir() if p.is_dir())
    print(f"{'source':<12} {'versions':>8} {'entities':>9} {'problems':>9} {'seconds':>8} "
          f"{'peak RSS MB':>12}")

    def child(paths: list[Path]) -> dict[str, object]:
        out = subprocess.run(
            [sys.executable, __file__, "--one", *map(str, paths)],
            check=True, capture_output=True, text=True,
        )
        result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
        return result

    for src in sources:
        r = child([src])
        print(f"{src.name:<12} {r['versions']:>8} {r['entities']:>9} {r['problems']:>9} "
              f"{r['seconds']:>8} {r['peak_rss_mb']:>12}")
    r = child([lists])
    print(f"{'ALL':<12} {r['versions']:>8} {r['entities']:>9} {r['problems']:>9} "
          f"{r['seconds']:>8} {r['peak_rss_mb']:>12}")


if __name__ == "__main__":
    main()
