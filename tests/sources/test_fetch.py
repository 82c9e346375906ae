"""fetch(): downloads from a local mirror server, conditional GET, retries, atomic failures."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from sanctio.exceptions import FetchError, InputError
from sanctio.sources.fetch import OFFICIAL, FetchResult, fetch, overrides_from_env, url_for

DAY1 = dt.date(2026, 3, 1)
DAY2 = dt.date(2026, 3, 2)
DAY3 = dt.date(2026, 3, 3)
OFAC_SET = ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")


@dataclass
class Mirror:
    """What the test server serves and how it misbehaves; records each request's headers."""

    root: Path
    url: str = ""
    etag: bool = True
    last_modified: bool = True
    faults: dict[str, list[str]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def hits(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.requests if p == path]


def _handler(mirror: Mirror) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            mirror.requests.append((self.path, headers))
            faults = mirror.faults.get(self.path)
            fault = faults.pop(0) if faults else None
            if fault == "503":
                self.send_error(503)
                return
            file = mirror.root / self.path.lstrip("/")
            if not file.is_file():
                self.send_error(404)
                return
            body = file.read_bytes()
            tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            stamp = email.utils.formatdate(int(file.stat().st_mtime), usegmt=True)
            fresh = (mirror.etag and headers.get("if-none-match") == tag) or (
                not mirror.etag
                and mirror.last_modified
                and headers.get("if-modified-since") == stamp
            )
            self.send_response(304 if fresh else 200)
            if mirror.etag:
                self.send_header("ETag", tag)
            if mirror.last_modified:
                self.send_header("Last-Modified", stamp)
            if fresh:
                self.end_headers()
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if fault == "truncate":  # promise the whole body, send half, hang up
                self.wfile.write(body[: len(body) // 2])
                self.close_connection = True
                return
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def mirror(tmp_path: Path, lists_dir: Path) -> Iterator[Mirror]:
    root = tmp_path / "mirror"
    (root / "ofac-sdn").mkdir(parents=True)
    (root / "un-sc").mkdir()
    for name in OFAC_SET:
        shutil.copyfile(lists_dir / "ofac-sdn" / "2021-07-07" / name, root / "ofac-sdn" / name)
    shutil.copyfile(
        lists_dir / "un-sc" / "2026-02-27" / "consolidated.xml", root / "un-sc" / "consolidated.xml"
    )
    state = Mirror(root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _fetch(
    mirror: Mirror, dest: Path, sources: list[str], day: dt.date = DAY1, retries: int = 2
) -> list[FetchResult]:
    return fetch(
        sources,
        dest,
        base_url_override={"*": mirror.url},
        timeout=5,
        retries=retries,
        backoff=0.01,
        today=day,
    )


def _files(dest: Path) -> list[str]:
    return sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_official_table_names_every_download() -> None:
    assert set(OFFICIAL) == {
        "ofac-sdn",
        "ofac-cons",
        "un-sc",
        "uk-fcdo",
        "eu-fsf",
        "au-dfat",
        "ca-sema",
    }
    urls = {d.url for downloads in OFFICIAL.values() for d in downloads}
    ofac = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
    for name in (
        "SDN.CSV",
        "ADD.CSV",
        "ALT.CSV",
        "SDN_COMMENTS.CSV",
        "CONS_PRIM.CSV",
        "CONS_ADD.CSV",
        "CONS_ALT.CSV",
        "CONS_COMMENTS.CSV",
    ):
        assert ofac + name in urls
    assert "https://scsanctions.un.org/resources/xml/en/consolidated.xml" in urls
    assert "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml" in urls
    assert any("xmlFullSanctionsList_1_1" in u and "token=dG9rZW4tMjAxNw" in u for u in urls)
    assert any(u.endswith("/Australian_Sanctions_Consolidated_List.xlsx") for u in urls)
    assert any(u.endswith("/sanctions/sema-lmes.xml") for u in urls)
    for downloads in OFFICIAL.values():
        assert len({d.name for d in downloads}) == len(downloads)
        assert all(d.url.startswith("https://") for d in downloads)
    sdn = OFFICIAL["ofac-sdn"][0]
    assert url_for("ofac-sdn", sdn, {}) == sdn.url
    assert url_for("ofac-sdn", sdn, {"*": "http://m:1/"}) == "http://m:1/ofac-sdn/sdn.csv"
    assert url_for("ofac-sdn", sdn, {"ofac-sdn": "http://m:1/x"}) == "http://m:1/x/sdn.csv"
    assert overrides_from_env({"SANCTIO_FETCH_MIRROR": "http://m:1/"}) == {"*": "http://m:1/"}
    assert overrides_from_env({}) == {}


def test_downloads_from_mirror_then_not_modified(mirror: Mirror, tmp_path: Path) -> None:
    dest = tmp_path / "lists"
    first = _fetch(mirror, dest, ["ofac-sdn", "un-sc"])
    assert [(r.source, r.path.name, r.status) for r in first] == [
        ("ofac-sdn", "sdn.csv", "downloaded"),
        ("ofac-sdn", "add.csv", "downloaded"),
        ("ofac-sdn", "alt.csv", "downloaded"),
        ("ofac-sdn", "sdn_comments.csv", "downloaded"),
        ("un-sc", "consolidated.xml", "downloaded"),
    ]
    for result in first:
        original = mirror.root / result.source / result.path.name
        assert result.path == dest / result.source / "2026-03-01" / result.path.name
        assert result.path.read_bytes() == original.read_bytes()
        assert result.sha256 == _sha(original)
        assert result.size == original.stat().st_size
        assert result.last_modified == dt.datetime.fromtimestamp(
            int(original.stat().st_mtime), dt.UTC
        )
    assert first[0].size == 2013896  # ofac-sdn 2021-07-07 sdn.csv, as SOURCES.md gives it
    assert _files(dest) == [
        "ofac-sdn/.add.csv.fetch.json",
        "ofac-sdn/.alt.csv.fetch.json",
        "ofac-sdn/.sdn.csv.fetch.json",
        "ofac-sdn/.sdn_comments.csv.fetch.json",
        "ofac-sdn/2026-03-01/add.csv",
        "ofac-sdn/2026-03-01/alt.csv",
        "ofac-sdn/2026-03-01/sdn.csv",
        "ofac-sdn/2026-03-01/sdn_comments.csv",
        "un-sc/.consolidated.xml.fetch.json",
        "un-sc/2026-03-01/consolidated.xml",
    ]
    second = _fetch(mirror, dest, ["ofac-sdn", "un-sc"], DAY2)
    assert {r.status for r in second} == {"not-modified"}
    assert [r.path for r in second] == [r.path for r in first]
    assert [r.sha256 for r in second] == [r.sha256 for r in first]
    assert second[-1].last_modified == first[-1].last_modified
    assert not (dest / "un-sc" / "2026-03-02").exists()
    (last,) = mirror.hits("/un-sc/consolidated.xml")[1:]
    assert last["if-none-match"].startswith('"')


def test_last_modified_alone_gives_not_modified(mirror: Mirror, tmp_path: Path) -> None:
    mirror.etag = False
    dest = tmp_path / "lists"
    _fetch(mirror, dest, ["un-sc"])
    (again,) = _fetch(mirror, dest, ["un-sc"], DAY2)
    assert again.status == "not-modified"
    assert "if-modified-since" in mirror.hits("/un-sc/consolidated.xml")[1]


def test_identical_bytes_without_validators_keep_the_existing_file(
    mirror: Mirror, tmp_path: Path
) -> None:
    mirror.etag = mirror.last_modified = False
    dest = tmp_path / "lists"
    (first,) = _fetch(mirror, dest, ["un-sc"])
    (again,) = _fetch(mirror, dest, ["un-sc"], DAY2)
    assert (again.status, again.path, again.last_modified) == ("not-modified", first.path, None)
    assert _files(dest / "un-sc") == [".consolidated.xml.fetch.json", "2026-03-01/consolidated.xml"]


def test_a_changed_file_gets_a_complete_new_folder(
    mirror: Mirror, tmp_path: Path, lists_dir: Path
) -> None:
    dest = tmp_path / "lists"
    _fetch(mirror, dest, ["ofac-sdn"])
    newer = lists_dir / "ofac-sdn" / "2022-02-26" / "sdn.csv"
    shutil.copyfile(newer, mirror.root / "ofac-sdn" / "sdn.csv")
    results = _fetch(mirror, dest, ["ofac-sdn"], DAY2)
    assert [(r.path.name, r.status) for r in results] == [
        ("sdn.csv", "downloaded"),
        ("add.csv", "not-modified"),
        ("alt.csv", "not-modified"),
        ("sdn_comments.csv", "not-modified"),
    ]
    folder = dest / "ofac-sdn" / "2026-03-02"
    assert {r.path.parent for r in results} == {folder}
    assert results[0].sha256 == _sha(newer) and results[0].size == 2112579
    for name in OFAC_SET:
        assert (folder / name).read_bytes() == (mirror.root / "ofac-sdn" / name).read_bytes()
    # The old set stays as it was, and the next fetch knows the new file.
    assert _sha(dest / "ofac-sdn" / "2026-03-01" / "sdn.csv") != results[0].sha256
    assert {r.status for r in _fetch(mirror, dest, ["ofac-sdn"], DAY3)} == {"not-modified"}


def test_retries_after_503(mirror: Mirror, tmp_path: Path) -> None:
    mirror.faults["/un-sc/consolidated.xml"] = ["503", "503"]
    (result,) = _fetch(mirror, tmp_path / "lists", ["un-sc"], retries=2)
    assert result.status == "downloaded"
    assert len(mirror.hits("/un-sc/consolidated.xml")) == 3


def test_503_until_retries_run_out(mirror: Mirror, tmp_path: Path) -> None:
    mirror.faults["/un-sc/consolidated.xml"] = ["503"] * 3
    with pytest.raises(FetchError, match=r"/un-sc/consolidated.xml: HTTP 503 .*tried 2 times"):
        _fetch(mirror, tmp_path / "lists", ["un-sc"], retries=1)
    assert _files(tmp_path / "lists") == []


def test_404_names_the_url_and_leaves_no_half_set(mirror: Mirror, tmp_path: Path) -> None:
    (mirror.root / "ofac-sdn" / "alt.csv").unlink()
    dest = tmp_path / "lists"
    with pytest.raises(FetchError, match=rf"{mirror.url}ofac-sdn/alt.csv: HTTP 404"):
        _fetch(mirror, dest, ["ofac-sdn"])
    # sdn.csv and add.csv had arrived, but without alt.csv the set is not written at all.
    assert _files(dest) == []
    assert len(mirror.hits("/ofac-sdn/alt.csv")) == 1  # a 404 is not retried


def test_unreachable_server_says_offline(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(
        FetchError, match=r"cannot reach 127\.0\.0\.1: offline\? use `sanctio lists"
    ):
        fetch(
            ["un-sc"],
            tmp_path / "lists",
            base_url_override={"*": f"http://127.0.0.1:{port}"},
            timeout=2,
            retries=1,
            backoff=0.01,
            today=DAY1,
        )
    assert not (tmp_path / "lists").exists() or _files(tmp_path / "lists") == []


def test_interrupted_download_leaves_no_partial_file(mirror: Mirror, tmp_path: Path) -> None:
    dest = tmp_path / "lists"
    _fetch(mirror, dest, ["un-sc"])
    before = _files(dest)
    (mirror.root / "un-sc" / "consolidated.xml").write_bytes(b"<CONSOLIDATED_LIST/>" * 5000)
    mirror.faults["/un-sc/consolidated.xml"] = ["truncate", "truncate"]
    with pytest.raises(FetchError, match="download interrupted"):
        _fetch(mirror, dest, ["un-sc"], DAY2, retries=1)
    assert _files(dest) == before
    # Once the server behaves, the same call succeeds.
    (result,) = _fetch(mirror, dest, ["un-sc"], DAY2)
    assert result.status == "downloaded" and result.size == 100000


def test_mirror_from_environment_and_given_client(
    mirror: Mirror, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANCTIO_FETCH_MIRROR", mirror.url)
    with httpx.Client() as client:
        (result,) = fetch(["un-sc"], tmp_path / "lists", client=client, timeout=5, today=DAY1)
        assert not client.is_closed
    assert result.url == mirror.url + "un-sc/consolidated.xml"
    assert result.status == "downloaded"


def test_unknown_source_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no official download for 'ftm'"):
        fetch(["ftm"], tmp_path, base_url_override={})
