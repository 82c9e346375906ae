"""A store loaded from the real OFAC SDN lists (2022-02-23, 2022-02-26) plus a hostile
FollowTheMoney file, keys of every scope, and a real `sanctio serve` on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sanctio.ingest.importer import import_paths
from sanctio.model.customer import BatchRow
from sanctio.review.rescreen import review_rescreen
from sanctio.screening.batch.run import BatchOptions
from sanctio.screening.service import ScreeningService
from sanctio.store.book import Book
from sanctio.store.keys import KeyStore
from sanctio.store.review import ReviewStore
from sanctio.store.sqlite import Store

HOSTILE_NAME = '<script>window.__pwned = "script"</script>Evil Maker'
HOSTILE_ALIAS = "<img src=x onerror=\"window.__pwned = 'img'\">"
HOSTILE = [
    {
        "id": "evil-1",
        "schema": "Person",
        "properties": {
            "name": [HOSTILE_NAME],
            "alias": [HOSTILE_ALIAS],
            "birthDate": ["1970-01-01"],
            "program": ['<b onmouseover="window.__pwned = 1">PROG</b>'],
            "address": ["</textarea><svg onload=\"window.__pwned='svg'\">"],
        },
    }
]

#: The customer book screened into alerts: Putin (an alert on ofac-sdn 2022-02-26), the
#: hostile name (an alert whose list side is hostile), and nobody.
CUSTOMERS = (
    {"id": "c1", "name": "Vladimir Putin", "birth_date": "1952-10-07"},
    {"id": "c2", "name": "Evil Maker"},
    {"id": "c3", "name": "Johanna Lindqvist"},
)


@dataclass(frozen=True, slots=True)
class UiStore:
    db: Path
    keys: Path
    tokens: dict[str, str]  # scope -> token


def load_store(folder: Path, lists_dir: Path) -> UiStore:
    db = folder / "sanctio.db"
    hostile = folder / "hostile.ftm.json"
    hostile.write_text("\n".join(json.dumps(e) for e in HOSTILE) + "\n", encoding="utf-8")
    with Store.open(db) as store:
        for day in ("2022-02-23", "2022-02-26"):
            import_paths(store, [lists_dir / "ofac-sdn" / day], source="ofac-sdn", workers=0)
        import_paths(store, [hostile], source="ftm", published=dt.date(2022, 2, 20), workers=0)
    with Book.open(db, "customers") as book:
        book.add(BatchRow(i + 1, dict(c)) for i, c in enumerate(CUSTOMERS))
    service = ScreeningService(db)
    service.refresh()
    with Book.open(db, "customers") as book, Store.open(db) as store, ReviewStore.open(db) as rs:
        review_rescreen(
            book, store, rs, service.current(), BatchOptions(), executor="inline", actor="tests"
        )
    keys = db.with_name("sanctio.keys.db")
    tokens = {}
    with KeyStore(keys) as store_keys:
        for scope in ("screen", "review", "admin"):
            _, tokens[scope] = store_keys.create(scope, f"ui tests ({scope})")
    return UiStore(db, keys, tokens)


def copy_store(template: UiStore, folder: Path) -> UiStore:
    """The store and its keys copied into `folder` (with their WAL files)."""
    out = {}
    for path in (template.db, template.keys):
        out[path] = folder / path.name
        for suffix in ("", "-wal", "-shm"):
            extra = Path(f"{path}{suffix}")
            if extra.exists():
                shutil.copy(extra, Path(f"{out[path]}{suffix}"))
    return UiStore(out[template.db], out[template.keys], dict(template.tokens))


@pytest.fixture(scope="session")
def ui_store(tmp_path_factory: pytest.TempPathFactory, lists_dir: Path) -> UiStore:
    return load_store(tmp_path_factory.mktemp("ui"), lists_dir)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Server:
    url: str
    store: UiStore


def wait_ready(url: str, process: subprocess.Popen[bytes], seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"sanctio serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"sanctio serve at {url} not ready after {seconds} s")


@pytest.fixture(scope="session")
def server(ui_store: UiStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`sanctio serve` itself, as an operator starts it, on a free loopback port."""
    port = free_port()
    env = {
        **os.environ,
        "SANCTIO_DB": str(ui_store.db),
        "SANCTIO_API_KEYS_DB": str(ui_store.keys),
        "SANCTIO_API_AUTH": "on",
    }
    log = (tmp_path_factory.mktemp("serve") / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "sanctio", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, process)
        yield Server(url, ui_store)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
