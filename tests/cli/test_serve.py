"""`planterm serve` up to the moment it serves: its checks, its warning, what each tab runs.

The server itself is replaced by a recorder here; test_serve_browser.py runs
the real one in a browser.
"""

import os
import shlex
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from planterm.cli import serve_command
from tests.conftest import Result, one_line

Run = Callable[..., Result]
Served = list[dict[str, Any]]


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Served:
    """What `planterm serve` would have served: one dict per run, instead of a server."""
    calls: Served = []

    def record(address: Any, url: str, *, read_only: bool, env: dict[str, str]) -> None:
        calls.append({"address": address, "url": url, "read_only": read_only, "env": env})

    monkeypatch.setattr(serve_command, "_serve", record)
    return calls


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port something is listening on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield int(listener.getsockname()[1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def as_url(db: Path | str) -> str:
    """The URL a tab is given for what --db named: a file's, or the server's as it is."""
    return f"sqlite:///{db}" if isinstance(db, Path) else db


def test_read_only_on_localhost_by_default(planterm: Run, bundled_db: Path, served: Served) -> None:
    port = free_port()
    result = planterm("serve", "--port", str(port))
    assert result.code == 0, result
    (call,) = served
    assert call["read_only"] is True
    assert (call["address"].host, call["address"].port) == ("127.0.0.1", port)
    assert call["url"] == f"http://127.0.0.1:{port}"
    assert "warning" not in result.err
    assert f"serving {bundled_db} read-only at http://127.0.0.1:{port}" in result.err


def test_each_tab_runs_planterm_on_the_same_database_day_and_author(
    planterm: Run, bundled_db: Path, served: Served
) -> None:
    assert planterm("serve", "--port", str(free_port()), "--allow-edit").code == 0
    (call,) = served
    assert call["read_only"] is False
    assert call["env"] == {
        "PLANTERM_DB": as_url(bundled_db),
        "PLANTERM_TODAY": "2021-04-15",
        "PLANTERM_AUTHOR": "tester",
    }
    assert shlex.split(serve_command.app_command(read_only=False)) == [
        sys.executable, "-m", "planterm", "--browser-view",
    ]  # fmt: skip
    assert shlex.split(serve_command.app_command(read_only=True))[-1] == "--read-only"


def test_each_tab_runs_what_the_settings_say(bundled_db: Path, tmp_path: Path) -> None:
    """The command and environment a tab gets open that database, read-only, on that day."""
    env = {
        **os.environ,
        "PLANTERM_DB": as_url(bundled_db),
        "PLANTERM_TODAY": "2021-04-15",
        "PLANTERM_AUTHOR": "tester",
    }
    argv = shlex.split(serve_command.app_command(read_only=True))
    done = subprocess.run(
        [*argv, "list", "--plan", "pcc-da-2020", "--overdue"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "pcc-da-2020  1 " in done.stdout, "overdue on 2021-04-15 (README's example)"
    refused = subprocess.run(
        [*argv, "set-status", "pcc-da-2020", "1", "on-track"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert refused.returncode == 1


def test_another_host_is_warned_about_first(
    planterm: Run, bundled_db: Path, served: Served
) -> None:
    port = free_port()
    result = planterm("serve", "--host", "0.0.0.0", "--port", str(port), "--allow-edit")
    assert result.code == 0, result
    first = result.err.splitlines()[0]
    assert first.startswith("planterm: warning: ")
    assert "no login" in first
    assert f"anyone who can reach port {port} can see and change the plans" in first
    (call,) = served
    assert call["url"] == f"http://{socket.getfqdn()}:{port}", "a name other machines can use"


def test_read_only_on_another_host_warns_of_seeing(
    planterm: Run, bundled_db: Path, served: Served
) -> None:
    result = planterm("serve", "--host", "0.0.0.0", "--port", str(free_port()))
    assert result.code == 0, result
    assert "can see the plans" in result.err.splitlines()[0]


def test_a_public_url_is_what_the_page_uses(
    planterm: Run, bundled_db: Path, served: Served
) -> None:
    url = "https://plans.example.org"
    result = planterm("serve", "--port", str(free_port()), "--public-url", url)
    assert result.code == 0, result
    assert served[0]["url"] == url


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--port", "0"], ["--port", "1<=x<=65535"]),
        (["--port", "65536"], ["--port", "1<=x<=65535"]),
        (["--port", "eighty"], ["--port", "not a valid integer"]),
        (["--host", "no-such-host.invalid"], ["no-such-host.invalid", "127.0.0.1"]),
        (["--host", "192.0.2.1"], ["cannot listen on '192.0.2.1'", "127.0.0.1"]),
    ],
    ids=["port 0", "port too big", "port not a number", "unknown host", "not this machine's"],
)
def test_bad_input_is_one_line(
    planterm: Run, bundled_db: Path, served: Served, args: list[str], needles: list[str]
) -> None:
    one_line(planterm("serve", *args), *needles)
    assert served == []


def test_a_port_in_use_is_one_line(
    planterm: Run, bundled_db: Path, served: Served, taken_port: int
) -> None:
    line = one_line(planterm("serve", "--port", str(taken_port)), "already in use", "--port")
    assert str(taken_port) in line
    assert served == []


def test_allow_edit_with_read_only_is_one_line(
    planterm: Run, bundled_db: Path, served: Served
) -> None:
    one_line(planterm("--read-only", "serve", "--allow-edit"), "--allow-edit", "--read-only")
    assert served == []


def test_a_missing_database_is_one_line_and_not_made(
    planterm: Run, tmp_path: Path, served: Served
) -> None:
    missing = tmp_path / "nothing.db"
    one_line(planterm("serve", "--port", str(free_port()), db=missing), "no database here")
    assert not missing.exists()
    assert served == []
