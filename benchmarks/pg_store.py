"""The store on PostgreSQL against SQLite, same machine, same run.

    python benchmarks/pg_store.py [--url postgresql://...] [--lists DIR] [--repeat 3]

Without `--url` a throwaway PostgreSQL cluster is started (tests/pgcluster.py, fsync on, as a
server would run) and removed after. Figures, the best of `--repeat` runs each:

* `import s`: `import_paths` of every shared list into a new store (read + write, what
  `sanctio lists load LISTS_DIR` does);
* `write s`: the same versions written from lists already read into memory: the store's
  share of an import alone (one transaction, COPY on PostgreSQL, executemany on SQLite);
* `read s`: every entity of the versions in force read back (`hashed_entities`);
* `build s`: a new index over the versions in force (`ScreeningService.refresh`: read,
  decode, analyse names, build), as an API instance does at start and on a new version.

`/match` throughput is not measured here: the index is in memory either way and requests
never touch the store (benchmarks/wrk_load.py measures it).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sanctio.ingest.importer import fingerprint, import_paths, publication_date
from sanctio.ingest.parsing import Parsed, Parser
from sanctio.screening.service import ScreeningService
from sanctio.sources.registry import plan
from sanctio.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]


def _cluster_module() -> Any:
    spec = importlib.util.spec_from_file_location("pgcluster", ROOT / "tests" / "pgcluster.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _best(runs: int, fn: Callable[[], float]) -> float:
    return min(fn() for _ in range(runs))


def write_all(store: Store, parsed: list[tuple[Parsed, Path]]) -> None:
    """What import_paths does once the files are read: every version, one transaction."""
    with store.transaction():
        for item, main in parsed:
            print_ = fingerprint(item.source, item.files)
            if store.find_fingerprint(print_) is not None:
                continue
            day, how = publication_date(item, None, main)
            store.add_version(
                source=item.source,
                format=item.format,
                published=day,
                published_from=how,
                fingerprint=print_,
                files=item.files,
                entities=item.entities,
                problems=item.problems,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an existing PostgreSQL server (a new database is made)")
    parser.add_argument("--lists", type=Path, default=os.environ.get("SANCTIO_LISTS_DIR"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.lists is None:
        sys.exit("give --lists or set SANCTIO_LISTS_DIR")
    lists = Path(args.lists)
    cluster = None
    if args.url is None:
        cluster = _cluster_module().start(durable=True)
    counter = iter(range(1000))

    def new_target(backend: str, tmp: Path) -> str:
        n = next(counter)
        if backend == "sqlite":
            return str(tmp / f"bench{n}.db")
        if cluster is not None:
            return str(cluster.create_database(f"bench{n}"))
        import psycopg

        with psycopg.connect(args.url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE sanctio_bench{os.getpid()}_{n}")
        return str(args.url.rsplit("/", 1)[0] + f"/sanctio_bench{os.getpid()}_{n}")

    try:
        jobs = plan([lists], None)
        with Parser(jobs, 0) as reader:
            parsed = [(reader.result(i), main) for i, (_, _, main) in enumerate(jobs)]
        entities = sum(len(p.entities) for p, _ in parsed)
        print(f"{len(parsed)} list versions, {entities:,} entities, repeat {args.repeat}")
        rows: dict[str, dict[str, float]] = {}
        with tempfile.TemporaryDirectory() as tmp:
            for backend in ("sqlite", "postgresql"):
                figures: dict[str, float] = {}

                def timed_import(backend: str = backend) -> float:
                    target = new_target(backend, Path(tmp))
                    start = time.perf_counter()
                    with Store.open(target) as store:
                        import_paths(store, [lists])
                    return time.perf_counter() - start

                def timed_write(backend: str = backend) -> float:
                    target = new_target(backend, Path(tmp))
                    with Store.open(target) as store:
                        start = time.perf_counter()
                        write_all(store, parsed)
                        return time.perf_counter() - start

                figures["import"] = _best(args.repeat, timed_import)
                figures["write"] = _best(args.repeat, timed_write)
                target = new_target(backend, Path(tmp))
                with Store.open(target) as store:
                    write_all(store, parsed)
                    in_force = [v.id for v in store.in_force().values()]

                def timed_read(target: str = target, ids: list[int] = in_force) -> float:
                    with Store.open(target, create=False) as store:
                        start = time.perf_counter()
                        count = sum(1 for _ in store.hashed_entities(ids))
                        seconds = time.perf_counter() - start
                    assert count > 0
                    return seconds

                def timed_build(target: str = target) -> float:
                    service = ScreeningService(target)
                    start = time.perf_counter()
                    assert service.refresh()
                    return time.perf_counter() - start

                figures["read"] = _best(args.repeat, timed_read)
                figures["build"] = _best(args.repeat, timed_build)
                rows[backend] = figures
        print(f"{'':12}{'sqlite':>10}{'postgresql':>12}{'ratio':>8}")
        for name in ("import", "write", "read", "build"):
            s, p = rows["sqlite"][name], rows["postgresql"][name]
            print(f"{name + ' s':12}{s:10.2f}{p:12.2f}{p / s:8.2f}")
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
