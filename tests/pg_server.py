"""A throwaway PostgreSQL cluster for the tests: found, started, and stopped again.

`find_binaries` looks for `initdb` and `pg_ctl` where Debian and others put
them (`pg_config --bindir`, /usr/lib/postgresql/*/bin, then PATH). `Cluster`
runs initdb into a temporary folder and starts a server listening on
127.0.0.1 only (and a unix socket in that folder) on a free port, with
fsync off: it holds test data for one session and nothing else. initdb
refuses to run as root, so as root both run as `nobody` (runuser), the
folder handed to it.
"""

import atexit
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = "apt-get install postgresql (or put initdb and pg_ctl on PATH)"


OFF = "PLANTERM_TEST_POSTGRESQL"
"""Set to 0 to run the suite on SQLite alone (the PostgreSQL runs are then skipped)."""


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    if os.environ.get(OFF) == "0":
        return None
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if found.returncode == 0 and found.stdout.strip():
            candidates.append(Path(found.stdout.strip()))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """One PostgreSQL server in a temporary folder; `url(name)` names a database on it."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="planterm-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.started = False
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            self._as_user = ["runuser", "-u", "nobody", "--"]
            os.chown(self.folder, _uid("nobody"), -1)

    def start(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        log = str(self.folder / "server.log")
        atexit.register(self.stop)  # a session ended by a signal leaves no server behind
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")
        self.started = True

    def stop(self) -> None:
        """Stop the server (if it runs) and remove its folder; once is enough, more is harmless."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self.started = False
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run(
            [*self._as_user, str(self.bindir / program), *args],
            capture_output=True,
            text=True,
            cwd=self.folder,
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"{program} failed ({done.returncode}): {done.stderr or done.stdout}"
            )


def _uid(user: str) -> int:
    import pwd

    return pwd.getpwnam(user).pw_uid
