"""`sanctio lists fetch` against a local mirror, then `sanctio lists export` as FtM."""

from __future__ import annotations

import functools
import json
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctio.cli.main import app

runner = CliRunner()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def mirror(tmp_path: Path, lists_dir: Path) -> Iterator[str]:
    root = tmp_path / "mirror"
    (root / "ofac-sdn").mkdir(parents=True)
    (root / "un-sc").mkdir()
    for name in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"):
        shutil.copyfile(lists_dir / "ofac-sdn" / "2021-07-07" / name, root / "ofac-sdn" / name)
    shutil.copyfile(
        lists_dir / "un-sc" / "2026-02-27" / "consolidated.xml", root / "un-sc" / "consolidated.xml"
    )
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_fetch_loads_then_export_is_valid_ftm(mirror: str, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    args = [
        "--db",
        str(db),
        "lists",
        "fetch",
        "ofac-sdn",
        "un-sc",
        "--mirror",
        mirror,
        "--dest",
        str(tmp_path / "dl"),
        "--retries",
        "0",
        "--timeout",
        "10",
        "--json",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {f["status"] for f in data["files"]} == {"downloaded"}
    versions = {v["source"]: v for v in data["versions"]}
    # 8,976 listed parties (SOURCES.md) and the 97 CryptoWallets their remarks state.
    assert versions["ofac-sdn"]["entity_count"] == 8976 + 97
    assert versions["ofac-sdn"]["published_from"] == "http"  # the server's Last-Modified
    assert versions["un-sc"]["published"] == "2026-02-27"  # the file's own date

    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert [v["created"] for v in json.loads(again.output)["versions"]] == [False, False]

    out = tmp_path / "lists.ftm.json"
    result = runner.invoke(app, ["--db", str(db), "lists", "export", "un-sc", "-o", str(out)])
    assert result.exit_code == 0, result.output
    from followthemoney import model

    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    subjects = [d for d in lines if d["schema"] in ("Person", "LegalEntity", "Organization")]
    assert len(subjects) == 1003
    assert {d["schema"] for d in lines} >= {"Sanction"}
    for data in lines[:300]:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.name == data["schema"]


def test_fetch_offline_is_a_clear_error(tmp_path: Path) -> None:
    args = [
        "--db",
        str(tmp_path / "s.db"),
        "lists",
        "fetch",
        "un-sc",
        "--mirror",
        "http://127.0.0.1:9/",
        "--dest",
        str(tmp_path / "dl"),
        "--retries",
        "0",
        "--timeout",
        "2",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 6, result.output
    assert "offline" in result.output
