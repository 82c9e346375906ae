"""Page weight and server-side render time of the UI's start page and an entity page.

Run:  python benchmarks/ui_pages.py [--db PATH] [--repeat 30]

Loads every shared list (all versions under $SANCTIO_LISTS_DIR) into a temporary store
unless --db names one, builds the app as `sanctio serve` does (API keys on), logs in
through the login form and times each page over --repeat requests in this process (the
ASGI app called directly: no network, so the time is the server's). Page weight is the
HTML plus everything it loads (ui.css, htmx.min.js), as sent and gzip-compressed.
Budgets: under 200 KB and under 300 ms.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from sanctio.api.app import create_app
from sanctio.api.config import ApiConfig
from sanctio.settings import Settings
from sanctio.store.keys import KeyStore

ROOT = Path(__file__).resolve().parents[1]
LISTS = Path(os.environ.get("SANCTIO_LISTS_DIR", ROOT.parent / "shared" / "data" / "lists"))
ASSETS = ("/ui/static/ui.css", "/ui/static/htmx.min.js")
PAGES = {
    "start page (empty form)": "/ui/",
    "start page, 'Vladimir Putin' screened": "/ui/?q=Vladimir+Putin",
    "start page, as of 2022-02-26": "/ui/?q=Vladimir+Putin&as_of=2022-02-26",
    "entity page (PUTIN, ofac-sdn)": None,  # found by screening
}


def build_store(folder: Path) -> Path:
    db = folder / "sanctio.db"
    subprocess.run(
        [sys.executable, "-m", "sanctio", "--db", str(db), "lists", "load", str(LISTS)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return db


def timed(client: TestClient, path: str, repeat: int) -> tuple[list[float], bytes]:
    body = b""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}: {response.text[:300]}")
        body = response.content
    return times, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: load every list)")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_store(Path(tmp))
        keys = Path(tmp) / "keys.db"
        with KeyStore(keys) as store:
            _, token = store.create("screen", "benchmark")
        app = create_app(Settings(db), ApiConfig(auth=True, keys_path=keys), watch=False)
        state = app.state.sanctio
        state.warm()
        versions = state.service.serving().versions
        count = sum(v.entity_count for v in versions.values())
        print(f"lists in force: {', '.join(sorted(v.label for v in versions.values()))}")
        print(f"entities in force: {count:,}")
        with TestClient(app, base_url="https://testserver") as client:
            form = client.get("/ui/login").text
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
            assert csrf is not None
            client.post("/ui/login", data={"api_key": token, "csrf_token": csrf.group(1)})
            found = re.search(
                r'href="(/ui/entities/ofac-sdn:[^"]+)"',
                client.get(PAGES["start page, 'Vladimir Putin' screened"] or "").text,
            )
            assert found is not None, "Putin not found: load the shared lists"
            assets = sum(len(client.get(a).content) for a in ASSETS)
            assets_gz = sum(len(gzip.compress(client.get(a).content)) for a in ASSETS)
            print(f"assets (css + htmx): {assets / 1024:.1f} KB, {assets_gz / 1024:.1f} KB gzip")
            print()
            print("| page | HTML KB | total KB (gzip) | median ms | p95 ms |")
            print("|---|---|---|---|---|")
            for label, path in PAGES.items():
                target = path or found.group(1)
                timed(client, target, 3)  # warm: dated snapshots build on first use
                times, body = timed(client, target, args.repeat)
                total = (len(body) + assets) / 1024
                total_gz = (len(gzip.compress(body)) + assets_gz) / 1024
                p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
                print(
                    f"| {label} | {len(body) / 1024:.1f} | {total:.1f} ({total_gz:.1f}) | "
                    f"{statistics.median(times):.1f} | {p95:.1f} |"
                )
        print(f"\nload average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
