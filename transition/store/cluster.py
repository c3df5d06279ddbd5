"""A throwaway local PostgreSQL cluster (tests, and later ``make serve``).

``initdb`` and ``postgres`` refuse to run as root, and sessions and CI run as root: the cluster is
created and run as an unprivileged system user (``pgtest``, made with ``useradd -r`` when absent),
listening on 127.0.0.1 only, on a non-default port, data under a temporary folder.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

USER = "pgtest"


def find_bin() -> Path | None:
    """The newest ``/usr/lib/postgresql/N/bin`` holding ``initdb`` and ``pg_ctl``, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", USER, "--", *cmd]


def _ensure_user() -> None:
    if os.geteuid() != 0:
        return
    if subprocess.run(["id", USER], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "-r", "-M", "-s", "/usr/sbin/nologin", USER], check=True)


@dataclass
class Cluster:
    """A running cluster: ``url(db)`` gives a connection URL; :meth:`stop` stops and removes it."""

    root: Path
    port: int
    bindir: Path

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{db}"

    def stop(self) -> None:
        subprocess.run(
            _as_user(
                [str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "stop"]
            ),
            capture_output=True,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start(root: Path, port: int | None = None) -> Cluster:
    """initdb (trust auth, UTF-8) and start a cluster under ``root``; raises RuntimeError with the
    server's log when it does not come up within 30 s."""
    bindir = find_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    _ensure_user()
    root.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(root, USER, USER)
    data, sock = root / "data", root / "sock"
    sock.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(sock, USER, USER)
    port = port or free_port()
    init = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"]
    subprocess.run(_as_user([*init, "--locale=C.UTF-8"]), check=True, capture_output=True)
    opts = f"-p {port} -c listen_addresses=127.0.0.1 -k {sock} -c fsync=off"
    log = root / "server.log"
    start_cmd = [str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(log), "-w"]
    done = subprocess.run(_as_user([*start_cmd, "-t", "30", "start"]), capture_output=True)
    if done.returncode != 0:
        text = log.read_text(errors="replace") if log.exists() else done.stderr.decode()
        raise RuntimeError(f"PostgreSQL did not start: {text[-2000:]}")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return Cluster(root, port, bindir)
