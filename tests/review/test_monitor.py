"""The monitoring cycle against a local HTTP server: lists fetched from it, alerts posted to
its webhook receiver (HMAC checked); a fetch failure or a stale list fails the cycle closed."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sanctio.model.customer import BatchRow
from sanctio.review.alerts import verify_audit
from sanctio.review.monitor import MonitorConfig, run_cycle
from sanctio.review.notify import (
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    Webhook,
    valid_signature,
)
from sanctio.store.book import Book
from sanctio.store.review import ReviewStore
from sanctio.store.sqlite import Store

SECRET = "s3cret-for-tests"
UN_FILE = "un-sc/consolidated.xml"


@dataclass
class Server:
    """Serves list files under /lists/, receives webhooks at /hook."""

    root: Path
    url: str = ""
    list_faults: int = 0  # answer this many list requests with 503
    hook_faults: int = 0  # answer this many webhook posts with 503
    received: list[dict[str, object]] = field(default_factory=list)
    signatures_ok: list[bool] = field(default_factory=list)


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            file = server.root / self.path.removeprefix("/lists/")
            if server.list_faults:
                server.list_faults -= 1
                self.send_error(503)
                return
            if not self.path.startswith("/lists/") or not file.is_file():
                self.send_error(404)
                return
            body = file.read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if server.hook_faults:
                server.hook_faults -= 1
                self.send_error(503)
                return
            ok = valid_signature(
                SECRET, self.headers[TIMESTAMP_HEADER], body, self.headers[SIGNATURE_HEADER]
            )
            server.signatures_ok.append(ok)
            server.received.append({"event": self.headers[EVENT_HEADER], **json.loads(body)})
            self.send_response(204 if ok else 401)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def server(tmp_path: Path, lists_dir: Path) -> Iterator[Server]:
    root = tmp_path / "served"
    (root / "un-sc").mkdir(parents=True)
    shutil.copyfile(lists_dir / "un-sc" / "2026-02-27" / "consolidated.xml", root / UN_FILE)
    state = Server(root)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _config(tmp_path: Path, server: Server, **over: object) -> MonitorConfig:
    values: dict[str, object] = {
        "db_path": tmp_path / "sanctio.db",
        "fetch_dir": tmp_path / "downloads",
        "sources": ("un-sc",),
        "mirror": server.url + "/lists/",
        "fetch_retries": 1,
        "fetch_backoff": 0.01,
        "webhook": Webhook(server.url + "/hook", SECRET, retries=2, backoff=0.01),
    }
    values.update(over)
    return MonitorConfig(**values)  # type: ignore[arg-type]


def _book(path: Path) -> None:
    Store.open(path).close()
    with Book.open(path, "clients") as book:
        book.add(
            [
                BatchRow(1, {"id": "k1", "name": "Eric Badege"}),
                BatchRow(2, {"id": "k2", "name": "Maria Garcia"}),
            ]
        )


def test_a_cycle_fetches_loads_screens_alerts_and_signs_its_webhook(
    tmp_path: Path, server: Server
) -> None:
    config = _config(tmp_path, server)
    _book(config.db_path)
    server.hook_faults = 1  # the first delivery fails: retried with backoff
    lines: list[str] = []
    result = run_cycle(config, emit=lines.append)
    assert result.ok, result.error
    assert result.loaded == ["un-sc@2026-02-27"]
    [run] = result.runs
    assert run.summary["opened"] >= 1
    [event] = server.received
    assert server.signatures_ok == [True]
    assert event["event"] == "alerts" and event["book"] == "clients"
    alerts = event["alerts"]
    assert isinstance(alerts, list)
    assert {a["customer_id"] for a in alerts} == {"k1"}
    assert any("k1" in line and "un-sc:" in line for line in lines)
    with ReviewStore.open(config.db_path) as review:
        [delivery] = review.deliveries(run.run_id)
        assert delivery["ok"] == 1 and delivery["attempts"] == 2
        assert [s.outcome for s in review.screenings("k2")] == ["clear"]
        actions = [r.action for r in review.audit()]
        assert actions[0] == "lists-loaded" and actions[-1] == "book-screened"
        assert verify_audit(review).ok

    # Nothing new: the next cycle loads nothing, screens, opens nothing, posts nothing.
    again = run_cycle(config, emit=lines.append)
    assert again.ok and again.loaded == [] and again.runs[0].summary["opened"] == 0
    assert len(server.received) == 1


def test_a_fetch_failure_fails_the_cycle_closed(tmp_path: Path, server: Server) -> None:
    config = _config(tmp_path, server)
    _book(config.db_path)
    assert run_cycle(config, emit=lambda _: None).ok
    server.list_faults = 10  # every list request fails now
    lines: list[str] = []
    result = run_cycle(config, emit=lines.append)
    assert not result.ok and "FetchError" in (result.error or "")
    assert any("FAILED CLOSED" in line for line in lines)
    assert server.received[-1]["event"] == "cycle-failed"
    with ReviewStore.open(config.db_path) as review:
        assert len(review.runs()) == 1  # no run, so no "no hit", was recorded
        assert len(review.screenings("k2")) == 1
        last = list(review.audit())[-1]
        assert last.action == "cycle-failed" and "FetchError" in (last.reason or "")


def test_a_stale_list_fails_the_cycle_closed(
    tmp_path: Path, server: Server, lists_dir: Path
) -> None:
    config = _config(
        tmp_path,
        server,
        webhook=None,
        folder=lists_dir / "un-sc" / "2026-02-27",
        max_age_days={"un-sc": 30},
    )
    _book(config.db_path)
    later = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    result = run_cycle(config, emit=lambda _: None, clock=lambda: later)
    assert not result.ok and "stale" in (result.error or "")
    with ReviewStore.open(config.db_path) as review:
        assert review.runs() == []
        assert review.screenings("k1") == []
