"""Load every shared list into a fresh store; print wall time, CPU time and memory per source.

    python benchmarks/load_lists.py [LISTS_DIR]

Each source is loaded in its own process, then everything is loaded together in one
process, as `sanctio lists load LISTS_DIR` does (files are read by worker processes, see
`store/parsing.py`). Columns:

* `wall s`: elapsed time of the import; on a busy machine it mostly measures the load;
* `user s` / `sys s`: CPU seconds of the importing process plus its workers;
* `RSS MB`: peak resident memory of the largest single process (importer or worker);
* `tree MB`: peak of the summed proportional set size (PSS) of the importer and its
  workers, sampled every 0.1 s: memory the import really holds, with the pages that
  forked workers share with the importer counted once (Linux only, else blank).
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

from sanctio.ingest.importer import import_paths
from sanctio.store.sqlite import Store

_SAMPLE_SECONDS = 0.1


def _cpu(who: int) -> tuple[float, float]:
    usage = resource.getrusage(who)
    return usage.ru_utime, usage.ru_stime


def run_one(paths: list[Path]) -> dict[str, object]:
    self_before, kids_before = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with Store.open(Path(tmp) / "bench.db") as store:
            outcomes = import_paths(store, paths)
        seconds = time.perf_counter() - start
    self_after, kids_after = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "seconds": round(seconds, 2),
        "user": round(self_after[0] - self_before[0] + kids_after[0] - kids_before[0], 2),
        "sys": round(self_after[1] - self_before[1] + kids_after[1] - kids_before[1], 2),
        "versions": len(outcomes),
        "entities": sum(o.version.entity_count for o in outcomes),
        "problems": sum(o.version.problem_count for o in outcomes),
        "peak_rss_mb": round(max(main_mb, worker_mb), 1),
    }


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    # Field 4 is the parent pid; the command name (field 2) may hold spaces.
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return found


def child(paths: list[Path]) -> dict[str, object]:
    """Run one load in a fresh interpreter, sampling the memory of its process tree."""
    proc = subprocess.Popen(
        [sys.executable, __file__, "--one", *map(str, paths)],
        stdout=subprocess.PIPE,
        text=True,
    )
    peak_kb = 0
    linux = os.path.exists(f"/proc/{proc.pid}/smaps_rollup")
    while proc.poll() is None:
        if linux:
            total = _pss_kb(proc.pid) + sum(_pss_kb(c) for c in _children(proc.pid))
            peak_kb = max(peak_kb, total)
        time.sleep(_SAMPLE_SECONDS)
    out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise SystemExit(f"load of {paths} failed (exit {proc.returncode})")
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    result["tree_mb"] = round(peak_kb / 1024, 1) if linux else ""
    return result


def _row(name: str, r: dict[str, object]) -> str:
    return (
        f"{name:<10} {r['versions']:>8} {r['entities']:>9} {r['problems']:>8} "
        f"{r['seconds']:>7} {r['user']:>7} {r['sys']:>6} {r['peak_rss_mb']:>7} {r['tree_mb']:>8}"
    )


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one([Path(p) for p in sys.argv[2:]])))
        return
    default = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists"
    chosen = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SANCTIO_LISTS_DIR")
    lists = Path(chosen or default).resolve()
    sources = sorted(p for p in lists.iterdir() if p.is_dir())
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at start: {load}  ({os.cpu_count()} CPUs)")
    print(
        f"{'source':<10} {'versions':>8} {'entities':>9} {'problems':>8} {'wall s':>7} "
        f"{'user s':>7} {'sys s':>6} {'RSS MB':>7} {'tree MB':>8}"
    )
    for src in sources:
        print(_row(src.name, child([src])), flush=True)
    print(_row("ALL", child([lists])), flush=True)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at end: {load}")


if __name__ == "__main__":
    main()
