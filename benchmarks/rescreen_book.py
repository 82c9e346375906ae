"""Alert review benchmark: re-screen a customer book after the OFAC SDN 2022-02-23 ->
2022-02-26 update, alerts, evidence and audit included; then `alerts list` over 100,000 alerts.

    python benchmarks/rescreen_book.py                       # 1,000,000 customers
    python benchmarks/rescreen_book.py --customers 100000    # on a contended machine
    python benchmarks/rescreen_book.py --customers 100000 --no-keys   # without the skip

The book is made of Faker names in several locales (deterministic seed), with 0.5% listed
names of the 2022-02-23 version and every person added on 2022-02-26 planted once, so the
delta run opens new alerts. The baseline (a full run against 2022-02-23) is timed and
reported but is not the figure: the figure is the delta re-screening after loading
2022-02-26, from the book's saved state to alerts opened, evidence of every customer and
the audit records committed. Peak RSS is the process's and its worker processes'.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sanctio.ingest.importer import import_paths
from sanctio.model.customer import BatchRow
from sanctio.review.alerts import AlertFilter, list_alerts
from sanctio.review.rescreen import review_rescreen
from sanctio.screening.batch.run import BatchOptions
from sanctio.screening.service import ScreeningService
from sanctio.store.book import Book
from sanctio.store.review import UNDECIDED, ReviewStore
from sanctio.store.sqlite import Store

LOCALES = ["en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "tr_TR", "nl_NL"]


def peak_mb() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self": round(own, 1), "largest_worker": round(children, 1)}


def sdn_names(folder: Path) -> list[tuple[str, str]]:
    """(id, "First Last") of the individuals in an OFAC sdn.csv."""
    out = []
    with (folder / "sdn.csv").open(encoding="latin-1", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) > 2 and row[2].strip() == "individual":
                last, _, first = row[1].partition(",")
                out.append((row[0], f"{first.strip()} {last.strip()}".strip()))
    return out


def customers(count: int, lists: Path, seed: int) -> Iterator[BatchRow]:
    from faker import Faker

    rng = random.Random(seed)
    firsts: list[str] = []
    lasts: list[str] = []
    for loc in LOCALES:
        fake = Faker(loc)
        fake.seed_instance(seed)
        firsts += [fake.first_name() for _ in range(300)]
        lasts += [fake.last_name() for _ in range(300)]
    before = sdn_names(lists / "2022-02-23")
    known = {i for i, _ in before}
    added = [n for i, n in sdn_names(lists / "2022-02-26") if i not in known]
    for i in range(count):
        if i < len(added):
            name = added[i]
        elif rng.random() < 0.005:
            name = rng.choice(before)[1]
        else:
            name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
        yield BatchRow(i + 1, {"id": f"C{rng.randrange(10**9):09d}-{i}", "name": name})


def rescreen(db: Path, service: ScreeningService, workers: int) -> dict[str, Any]:
    service.refresh()
    snapshot = service.current()
    cpu = _cpu()
    start = time.perf_counter()
    with (
        Book.open(db, "bench") as book,
        Store.open(db) as store,
        ReviewStore.open(db) as review,
    ):
        outcome = review_rescreen(
            book, store, review, snapshot, BatchOptions(), workers=workers, actor="bench"
        )
    seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 1),
        "cpu_seconds": round(_cpu() - cpu, 1),
        "customers_per_second": round(outcome.summary["customers"] / seconds),
        "phases_seconds": outcome.seconds,
        "kind": outcome.rescreen.kind,
        "screened": outcome.rescreen.stats.rows,
        "skipped": outcome.rescreen.skipped,
        "alerts": outcome.summary,
        "delta": outcome.rescreen.plan.describe() if outcome.rescreen.plan else None,
    }


def alerts_list(work: Path, count: int) -> dict[str, Any]:
    """`alerts list` over `count` alerts: the query, and the CLI end to end."""
    db = work / "alerts.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    Store.open(db).close()
    rng = random.Random(7)
    with ReviewStore.open(db) as review, review.transaction():
        review._db.run(  # one version row for the alerts' foreign key
            "INSERT INTO versions VALUES (1, 'ofac-sdn', 'csv', '2022-02-26', 'file', 'x', "
            "'2026-01-01', 0, 0, '{}')"
        )
        for i in range(count):
            review.insert_alert(
                {
                    "book": f"book{i % 5}",
                    "customer_id": f"C{i:07d}",
                    "customer_name": "Some Customer",
                    "customer_hash": "h",
                    "customer_fields": "{}",
                    "entity_id": f"ofac-sdn:{rng.randrange(40000)}",
                    "entity_name": "SOME, Entity",
                    "entity_hash": "e",
                    "match_hash": "m",
                    "version_id": 1,
                    "list_version": "ofac-sdn@2022-02-26",
                    "algorithm": "sanctio-v1",
                    "threshold": 0.7,
                    "score": round(rng.uniform(0.7, 1.0), 4),
                    "features": "[]",
                    **UNDECIDED,
                    "status": "open" if i % 3 else "closed",
                    "decision": None if i % 3 else "false-positive",
                    "listed": 1,
                    "opened_at": "2026-01-01T00:00:00Z",
                    "updated_at": "2026-01-01T00:00:00Z",
                    "first_run_id": 1,
                    "last_run_id": 1,
                }
            )
    out: dict[str, Any] = {"alerts": count}
    with ReviewStore.open(db) as review:
        for label, filters in (
            ("open, most likely first, first 100", AlertFilter()),
            ("book4, open, first 100", AlertFilter(book="book4")),
            ("closed, score >= 0.95, first 100", AlertFilter(status="closed", min_score=0.95)),
            ("all, by id, 100 from offset 50,000", AlertFilter("all", order="id", offset=50_000)),
        ):
            best = min(_timed(lambda f=filters: list_alerts(review, f)) for _ in range(5))
            out[label + " (ms)"] = round(best * 1000, 2)
    from typer.testing import CliRunner

    from sanctio.cli.main import app

    runner = CliRunner()
    for label, extra in (("", []), (" --limit 100000", ["--limit", "100000"])):
        args = ["--db", str(db), "alerts", "list", "--json", *extra]
        best = min(_timed(lambda a=args: runner.invoke(app, a)) for _ in range(3))
        out[f"CLI `alerts list --json{label}` in process (ms)"] = round(best * 1000, 1)
    cli = [sys.executable, "-m", "sanctio", "--db", str(db), "alerts", "list", "--json"]
    start = time.perf_counter()
    subprocess.run(cli, check=True, capture_output=True)
    out["CLI `alerts list --json` as a new process (ms)"] = round(
        (time.perf_counter() - start) * 1000
    )
    return out


def _cpu() -> float:
    """CPU seconds of this process and its finished workers: the wall time on an idle box."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--no-keys",
        action="store_true",
        help="forget the saved candidate keys before the delta run: every customer screened",
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/sanctio-bench-review"))
    args = parser.parse_args()
    lists = Path(os.environ.get("SANCTIO_LISTS_DIR", "/work/shared/data/lists")) / "ofac-sdn"
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    db = args.work / "sanctio.db"
    report: dict[str, Any] = {"customers": args.customers, "workers": args.workers}
    with Store.open(db) as store:
        import_paths(store, [lists / "2022-02-23"])
    start = time.perf_counter()
    with Book.open(db, "bench") as book:
        book.add(customers(args.customers, lists, args.seed))
    report["book_seconds"] = round(time.perf_counter() - start, 1)
    service = ScreeningService(db)
    report["baseline_full_2022_02_23"] = rescreen(db, service, args.workers)
    with Store.open(db) as store:
        import_paths(store, [lists / "2022-02-26"])
    if args.no_keys:
        with Book.open(db, "bench") as book:
            book._db.run("DELETE FROM book_keys WHERE book = ?", ("bench",))
    report["delta_2022_02_26"] = rescreen(db, service, args.workers)
    report["peak_rss_mb"] = peak_mb()
    report["load_average_after_delta"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report), file=sys.stderr, flush=True)  # kept if a later part fails
    report["alerts_list"] = alerts_list(args.work, args.alerts)
    report["load_average"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
