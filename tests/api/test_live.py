"""Live updates: a version loaded by another writer is picked up and swapped in atomically."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from fastapi.testclient import TestClient

from sanctio.api.app import create_app
from sanctio.api.config import ApiConfig
from sanctio.settings import Settings
from sanctio.store.sqlite import Store

from .conftest import SDN_2024, add, make_store

BODY = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Vladimir Putin"]}}}}


def test_new_version_swaps_in_while_requests_run(tmp_path: Path) -> None:
    db = make_store(tmp_path / "live.db", newest=False)
    app = create_app(Settings(db), ApiConfig(auth=False, watch_interval=0.05))
    statuses: list[int] = []
    # One list per client thread: a thread's requests are sequential, so its answers are
    # in the server's order; appends from different threads are not (a thread can be
    # preempted between receiving an answer and recording it).
    labels: list[list[str]] = [[] for _ in range(4)]
    stop = threading.Event()
    with TestClient(app) as client:
        for _ in range(200):
            if client.get("/readyz").status_code == 200:
                break
            time.sleep(0.05)
        before = client.post("/match/default", json=BODY).json()
        assert before["versions"]["versions"]["ofac-sdn"] == "ofac-sdn@2022-02-26"
        assert all(h["id"] != "ofac-sdn:48123" for h in before["responses"]["q"]["results"])

        def hammer(mine: list[str]) -> None:
            while not stop.is_set():
                r = client.post("/match/default", json=BODY)
                statuses.append(r.status_code)
                mine.append(r.json()["versions"]["versions"]["ofac-sdn"])

        workers = [threading.Thread(target=hammer, args=(mine,)) for mine in labels]
        for w in workers:
            w.start()
        time.sleep(0.3)
        with Store.open(db) as store:  # another writer, as `sanctio lists load` would be
            add(store, "ofac-sdn", "2024-05-03", SDN_2024)
        deadline = time.time() + 20
        while time.time() < deadline and not all(
            mine and mine[-1] == "ofac-sdn@2024-05-03" for mine in labels
        ):
            time.sleep(0.05)
        time.sleep(0.2)
        stop.set()
        for w in workers:
            w.join()
        after = client.post("/match/default", json=BODY).json()
    assert statuses and set(statuses) == {200}
    for mine in labels:
        assert mine[0] == "ofac-sdn@2022-02-26"
        assert mine[-1] == "ofac-sdn@2024-05-03"
        # Once the new version answered this client, it never went back to the old one.
        switch = mine.index("ofac-sdn@2024-05-03")
        assert set(mine[switch:]) == {"ofac-sdn@2024-05-03"}
    assert after["responses"]["q"]["results"][0]["id"] == "ofac-sdn:48123"
