"""A throwaway PostgreSQL server for tests and benchmarks.

Debian's `postgresql` binaries (scripts/setup.sh installs them), a cluster in a temporary
folder, listening on 127.0.0.1 at a free port and on a socket in that folder, with password
login for one user; stopped and removed by `stop()`. As root (CI), the cluster runs as the
`postgres` system user, since initdb refuses root.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

USER = "sanctio"


def bin_dir() -> Path:
    """Where pg_ctl lives: on PATH, else Debian's newest /usr/lib/postgresql/N/bin."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise RuntimeError(
            "PostgreSQL server binaries not found (pg_ctl): run scripts/setup.sh, which "
            "installs Debian's postgresql package"
        )
    return Path(candidates[-1]).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    root: Path
    port: int
    password: str
    _owner: str | None

    def url(self, dbname: str = "postgres", password: str | None = None) -> str:
        secret = self.password if password is None else password
        return f"postgresql://{USER}:{secret}@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *cmd: str) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", self._owner, "--"] if self._owner else []
        return subprocess.run(
            [*prefix, *cmd], check=True, capture_output=True, text=True, cwd=self.root
        )

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(
                str(bin_dir() / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "-w", "stop"
            )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start(*, durable: bool = False) -> Cluster:
    """Start a cluster; `durable=False` (tests) turns fsync off, benchmarks keep it on."""
    pg = bin_dir()
    root = Path(tempfile.mkdtemp(prefix="sanctio-pg-"))
    owner: str | None = None
    if os.geteuid() == 0:
        owner = "postgres"
        entry = pwd.getpwnam(owner)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    password = secrets.token_hex(12)
    cluster = Cluster(root, free_port(), password, owner)
    pwfile = root / "pw"
    pwfile.write_text(password + "\n")
    if owner:
        os.chown(pwfile, pwd.getpwnam(owner).pw_uid, pwd.getpwnam(owner).pw_gid)
    try:
        cluster._run(
            str(pg / "initdb"),
            "-D",
            str(root / "data"),
            "-U",
            USER,
            "--pwfile",
            str(pwfile),
            "-A",
            "scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = (
            f"-p {cluster.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={root} -c max_connections=100"
        )
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        cluster._run(
            str(pg / "pg_ctl"),
            "-D",
            str(root / "data"),
            "-l",
            str(root / "log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
    except subprocess.CalledProcessError as exc:
        log = (root / "log").read_text() if (root / "log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr}\n{log}") from exc
    return cluster
