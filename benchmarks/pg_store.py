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
  decode, analyse names, build), as an API instance does at start and on a new version;
* alerts: `--alerts` (100,000) alerts in 5 books written through `ReviewStore`, then each
  query `/alerts` and the CLI make, in ms (median of 20): the first page of open alerts by
  score, one book's page, one list's page, a page 500 deep, the open count, one alert.

`/match` throughput is not measured here: the index is in memory either way and requests
never touch the store (benchmarks/wrk_load.py measures it).
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from sanctio.store.review import UNDECIDED, ReviewStore
from sanctio.store.sqlite import Store
from sanctio.store.versions import Version

ROOT = Path(__file__).resolve().parents[1]


def _cluster_module() -> Any:
    spec = importlib.util.spec_from_file_location("pgcluster", ROOT / "tests" / "pgcluster.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
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


def _alert(i: int, version: Version) -> dict[str, object]:
    return {
        "book": f"book{i % 5}",
        "customer_id": f"c{i:07d}",
        "customer_name": f"Customer {i}",
        "customer_hash": f"{i:032x}",
        "customer_fields": '{"name":"x"}',
        "entity_id": f"{('ofac-sdn', 'un-sc', 'uk-ofsi')[i % 3]}:{i % 9000}",
        "entity_name": "Listed Person",
        "entity_hash": f"{i % 9000:032x}",
        "match_hash": f"{i % 9000:032x}",
        "version_id": version.id,
        "list_version": version.label,
        "algorithm": "sanctio-v1",
        "threshold": 0.7,
        "score": 0.7 + (i * 7919 % 3000) / 10000,
        "features": "[]",
        **UNDECIDED,
        "status": "open" if i % 4 else "closed",
        "listed": 1,
        "opened_at": "2026-12-01T00:00:00Z",
        "updated_at": "2026-12-01T00:00:00Z",
        "first_run_id": 1,
        "last_run_id": 1,
    }


def fill_alerts(target: str, count: int, one_by_one: int = 2000) -> float:
    """`count` alerts over the store's first version, as a busy review team would have.

    The first `one_by_one` go through `ReviewStore.insert_alert` (the monitor's path; its
    seconds per 1,000 are returned), the rest are bulk-loaded. On PostgreSQL the table is
    then vacuumed and analysed, as autovacuum does within a minute of such a load; sanctio
    never runs ANALYZE on SQLite, so SQLite is measured as it runs.
    """
    with Store.open(target) as store:
        if not store.versions():
            with store.transaction():
                store.add_version(
                    source="un-sc",
                    format="bench",
                    published=dt.date(2026, 1, 1),
                    published_from="option",
                    fingerprint="bench",
                    files=[],
                    entities=[],
                    problems=[],
                )
        version = store.versions()[0]
    with ReviewStore.open(target) as review, review.transaction():
        start = time.perf_counter()
        for i in range(one_by_one):
            review.insert_alert(_alert(i, version))
        per_thousand = (time.perf_counter() - start) / one_by_one * 1000
    with Store.open(target) as store:
        columns = list(_alert(0, version))
        rows = [list(_alert(i, version).values()) for i in range(one_by_one, count)]
        with store.transaction():
            store.database.insert_rows("alerts", columns, rows)
        if store.database.dialect == "postgresql":
            store.database.run("VACUUM ANALYZE alerts")
    return per_thousand


def alert_queries(target: str) -> dict[str, float]:
    """Median milliseconds of each alert query over 20 runs."""
    out: dict[str, float] = {}
    with ReviewStore.open(target) as review:
        queries: dict[str, Callable[[], object]] = {
            "open, by score": lambda: review.alerts(status="open", limit=100),
            "one book": lambda: review.alerts(status="open", book="book3", limit=100),
            "one list": lambda: review.alerts(status="open", source="un-sc", limit=100),
            "page 500": lambda: review.alerts(status="open", limit=100, offset=50_000),
            "open count": lambda: review.count_alerts(status="open"),
            "one alert": lambda: review.alert(4242),
        }
        for name, query in queries.items():
            times = []
            for _ in range(20):
                start = time.perf_counter()
                query()
                times.append((time.perf_counter() - start) * 1000)
            out[name] = sorted(times)[len(times) // 2]
    return out


def lists_figures(
    backend: str,
    target: str,
    parsed: list[tuple[Parsed, Path]],
    lists: Path,
    repeat: int,
    tmp: str,
) -> dict[str, float]:
    """import / write / read / build seconds on one backend (`target`: a new store)."""
    fresh = iter(range(10_000))

    def other(suffix: str) -> str:
        # Another new store beside `target`: a file, or a database on the same server.
        n = next(fresh)
        if backend == "sqlite":
            return str(Path(tmp) / f"{Path(target).stem}-{suffix}{n}.db")
        import psycopg

        base, _, name = target.rpartition("/")
        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}_{suffix}{n}"')
        return f"{base}/{name}_{suffix}{n}"

    def timed_import() -> float:
        where = other("import")
        start = time.perf_counter()
        with Store.open(where) as store:
            import_paths(store, [lists])
        return time.perf_counter() - start

    def timed_write() -> float:
        with Store.open(other("write")) as store:
            start = time.perf_counter()
            write_all(store, parsed)
            return time.perf_counter() - start

    figures = {"import": _best(repeat, timed_import), "write": _best(repeat, timed_write)}
    with Store.open(target) as store:
        write_all(store, parsed)
        in_force = [v.id for v in store.in_force().values()]

    def timed_read() -> float:
        with Store.open(target, create=False) as store:
            start = time.perf_counter()
            count = sum(1 for _ in store.hashed_entities(in_force))
            seconds = time.perf_counter() - start
        assert count > 0
        return seconds

    def timed_build() -> float:
        service = ScreeningService(target)
        start = time.perf_counter()
        assert service.refresh()
        return time.perf_counter() - start

    figures["read"] = _best(repeat, timed_read)
    figures["build"] = _best(repeat, timed_build)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an existing PostgreSQL server (a new database is made)")
    parser.add_argument("--lists", type=Path, default=os.environ.get("SANCTIO_LISTS_DIR"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--part", choices=("lists", "alerts", "all"), default="all")
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
        parsed: list[tuple[Parsed, Path]] = []
        if args.part in ("lists", "all"):
            jobs = plan([lists], None)
            with Parser(jobs, 0) as reader:
                parsed = [(reader.result(i), main) for i, (_, _, main) in enumerate(jobs)]
            entities = sum(len(p.entities) for p, _ in parsed)
            print(f"{len(parsed)} list versions, {entities:,} entities, repeat {args.repeat}")
        rows: dict[str, dict[str, float]] = {}
        with tempfile.TemporaryDirectory() as tmp:
            for backend in ("sqlite", "postgresql"):
                target = new_target(backend, Path(tmp))
                figures: dict[str, float] = {}
                if args.part in ("lists", "all"):
                    figures.update(lists_figures(backend, target, parsed, lists, args.repeat, tmp))
                if args.part in ("alerts", "all"):
                    figures["s per 1000 alerts"] = fill_alerts(target, args.alerts)
                    for name, ms in alert_queries(target).items():
                        figures[f"ms {name}"] = ms
                rows[backend] = figures
        print(f"{'':22}{'sqlite':>10}{'postgresql':>12}{'ratio':>8}")
        for name in rows["sqlite"]:
            s, p = rows["sqlite"][name], rows["postgresql"][name]
            label = name if " " in name else f"{name} s"
            print(f"{label:22}{s:10.2f}{p:12.2f}{p / s:8.2f}")
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
