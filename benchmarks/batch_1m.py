"""Batch screening benchmark: synthetic customers against every shared list, local and Spark.

    python benchmarks/batch_1m.py                      # 1,000,000 rows (the full run)
    python benchmarks/batch_1m.py --rows 20000         # a bounded run
    python benchmarks/batch_1m.py --rows 20000 --spark --compare-executors

Customers are made with Faker in many locales (Latin, Cyrillic, CJK, Arabic scripts);
1% are real listed person names with spelling variants (order swapped, case changed, one
typo in a long token, transliteration drift) with a birth date agreeing with the listed
one, if any (the customer is that person), each remembered with the entity it came from.
Prints rows/s, wall time, peak RSS and the recall of planted names, for the local path and,
with --spark, for Spark local[2] with the ratio. The customer file and the store are cached
under --work (default /tmp/sanctio-bench).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sanctio.ingest.importer import import_paths
from sanctio.screening.batch.input import open_input
from sanctio.screening.batch.output import COLUMNS, open_output
from sanctio.screening.batch.run import BatchOptions, run_batch, screening_work
from sanctio.screening.service import ScreeningService
from sanctio.store.sqlite import Store

LOCALES = [
    "en_US",
    "en_GB",
    "de_DE",
    "fr_FR",
    "es_ES",
    "es_MX",
    "it_IT",
    "pt_BR",
    "nl_NL",
    "pl_PL",
    "tr_TR",
    "ru_RU",
    "uk_UA",
    "ar_AA",
    "fa_IR",
    "zh_CN",
    "ja_JP",
    "ko_KR",
    "hi_IN",
    "vi_VN",
]
_DRIFT = [("v", "w"), ("y", "i"), ("kh", "h"), ("ou", "u"), ("j", "y"), ("ks", "x")]


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def variant(name: str, rng: random.Random) -> str:
    """A plausible way a bank might hold a listed name."""
    text = name
    if "," in text:
        last, _, first = text.partition(",")
        text = f"{first.strip()} {last.strip()}"
    tokens = text.split()
    kind = rng.randrange(4)
    if kind == 0:
        tokens = [t.capitalize() for t in tokens]
    elif kind == 1:
        long = [i for i, t in enumerate(tokens) if len(t) >= 7 and t.isalpha()]
        if long:
            i = rng.choice(long)
            t = tokens[i]
            j = rng.randrange(1, len(t) - 1)
            tokens[i] = t[:j] + t[j + 1 :]  # one letter dropped
    elif kind == 2:
        for a, b in _DRIFT:
            low = " ".join(tokens).lower()
            if a in low:
                tokens = low.replace(a, b, 1).split()
                break
    else:
        tokens = tokens[::-1]
    return " ".join(tokens)


def make_store(work: Path, lists_dir: Path) -> Path:
    db = work / "lists.db"
    if not db.exists():
        start = time.perf_counter()
        with Store.open(db) as store:
            import_paths(store, [lists_dir])
        print(f"store: loaded {lists_dir} in {time.perf_counter() - start:.1f}s")
    return db


def make_customers(work: Path, db: Path, rows: int, seed: int) -> Path:
    path = work / f"customers-v3-{rows}.parquet"
    if path.exists():
        return path
    from faker import Faker

    rng = random.Random(seed)
    with Store.open(db, create=False) as store:
        versions = store.in_force()
        people = [
            (e.id, e.first("name") or "", e.first("birthDate") or "")
            for e in store.entities(v.id for v in versions.values())
            if e.schema == "Person"
            and e.first("name")
            and len((e.first("name") or "").split()) >= 2
        ]
    fakers = []
    for i, loc in enumerate(LOCALES):
        f = Faker(loc)
        f.seed_instance(seed + i)
        fakers.append(f)
    start = time.perf_counter()
    ids, names, births, planted = [], [], [], []
    for i in range(rows):
        ids.append(f"cust-{i:07d}")
        birth = f"{rng.randint(1930, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.01:
            eid, name, listed_birth = rng.choice(people)
            names.append(variant(name, rng))
            planted.append(eid)
            # A planted customer is the listed person: the bank holds their birth date,
            # which agrees with what the list states (a year or year-month completed).
            if listed_birth:
                birth = listed_birth + birth[len(listed_birth) :]
        else:
            names.append(rng.choice(fakers).name())
            planted.append(None)
        births.append(birth)
    table = pa.table({"id": ids, "name": names, "birth_date": births, "planted": planted})
    pq.write_table(table, path)
    print(f"customers: {rows:,} rows made in {time.perf_counter() - start:.1f}s -> {path}")
    return path


def recall(customers: Path, hits: list[dict[str, Any]]) -> dict[str, Any]:
    table = pq.read_table(customers, columns=["id", "planted"]).to_pylist()
    expected = {r["id"]: r["planted"] for r in table if r["planted"]}
    found = {(h["query_id"], h["entity_id"]) for h in hits if h.get("match")}
    missed = [cid for cid, eid in expected.items() if (cid, eid) not in found]
    return {
        "planted": len(expected),
        "found": len(expected) - len(missed),
        "recall": round(1 - len(missed) / len(expected), 4) if expected else None,
        "missed_examples": missed[:5],
    }


def run_local(db: Path, customers: Path, out: Path, workers: int, executor: str) -> dict[str, Any]:
    snapshot = ScreeningService(db).current()
    options = BatchOptions()
    with (
        open_input(str(customers)) as source,
        open_output(str(out), "parquet", COLUMNS, snapshot.describe()) as writer,
    ):
        stats = run_batch(
            source,
            screening_work(snapshot.screener, options),
            writer,
            workers=workers,
            executor=executor,
            chunk_rows=256,
        )
    return {
        "executor": executor,
        "workers": workers,
        "rows": stats.rows,
        "seconds": round(stats.elapsed, 1),
        "rows_per_second": round(stats.rows_per_second, 1),
        "index_build_seconds": round(snapshot.build_seconds, 1),
        "peak_rss_mb_parent": peak_mb(),
        "peak_rss_mb_largest_child": peak_mb(resource.RUSAGE_CHILDREN),
        "hits": stats.hits,
    }


def run_spark(db: Path, customers: Path, out: Path) -> dict[str, Any]:
    import shutil

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from sanctio.spark.job import run_job
    from sanctio.spark.session import spark_session

    snapshot = ScreeningService(db).current()
    start = time.perf_counter()
    spark = spark_session("local[2]", "sanctio-bench")
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    summary = run_job(spark, snapshot.screener, str(customers), str(out), options=BatchOptions())
    spark.stop()
    return {**summary, "session_start_seconds": round(started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--lists",
        type=Path,
        default=Path(
            os.environ.get(
                "SANCTIO_LISTS_DIR",
                Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists",
            )
        ),
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/sanctio-bench"))
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--spark", action="store_true", help="also run on Spark local[2]")
    parser.add_argument(
        "--compare-executors", action="store_true", help="also time threads on the same rows"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    db = make_store(args.work, args.lists.resolve())
    customers = make_customers(args.work, db, args.rows, args.seed)
    report: dict[str, Any] = {"rows": args.rows}
    out = args.work / "hits.parquet"
    report["local"] = run_local(db, customers, out, args.workers, "process")
    report["local"]["recall"] = recall(customers, pq.read_table(out).to_pylist())
    if args.compare_executors:
        report["threads"] = run_local(
            db, customers, args.work / "hits-t.parquet", args.workers, "thread"
        )
    if args.spark:
        spark_out = args.work / "hits-spark.parquet"
        report["spark"] = run_spark(db, customers, spark_out)
        report["spark"]["recall"] = recall(customers, pq.read_table(spark_out).to_pylist())
        report["spark_over_local"] = round(
            report["spark"]["seconds"] / report["local"]["seconds"], 2
        )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
