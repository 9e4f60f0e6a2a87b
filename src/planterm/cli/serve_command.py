"""`planterm serve`: the app in a browser, through textual-serve.

Each browser connection starts its own `planterm` process on the same
database; this process only serves the page and passes keys and screens
through. textual-serve (and with it aiohttp) is imported only once the
command runs, so the other commands stay quick to start.
"""

import errno
import ipaddress
import os
import shlex
import socket
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from planterm.cli.output import safe_line
from planterm.config import ENV_AUTHOR, ENV_DB, ENV_TODAY
from planterm.errors import InputError

if TYPE_CHECKING:
    from planterm.cli.commands import Run

WILDCARDS = ("", "0.0.0.0", "::")
LOCAL_HINT = "give an address of this machine, such as 127.0.0.1"


@dataclass(frozen=True)
class Address:
    host: str
    port: int
    loopback: bool
    """Whether every address the host names is a loopback one: no other machine can connect."""


def check_address(host: str, port: int) -> Address:
    """Resolve `host` and bind each of its addresses once, so that a bad host or a
    taken port is one clear error before anything starts serving."""
    try:
        infos = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else "not a host name"
        raise InputError(f"cannot serve on host {host!r} ({reason})", hint=LOCAL_HINT) from None
    for family, kind, proto, _, sockaddr in infos:
        _try_bind(family, kind, proto, sockaddr, host=host, port=port)
    loopback = host not in WILDCARDS and all(_is_loopback(str(info[4][0])) for info in infos)
    return Address(host, port, loopback)


def _try_bind(
    family: int, kind: int, proto: int, sockaddr: tuple, *, host: str, port: int
) -> None:  # fmt: skip
    """Bind as the server will (address reuse on, IPv6 alone on an IPv6 socket)."""
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        try:
            probe.bind(sockaddr)
        except OSError as exc:
            raise _bind_error(exc, host=host, port=port) from None


def _bind_error(exc: OSError, *, host: str, port: int) -> InputError:
    if exc.errno == errno.EADDRINUSE:
        return InputError(
            f"port {port} on {host or 'every address'} is already in use",
            hint="stop what uses it, or choose another with --port",
        )
    if exc.errno == errno.EACCES:
        return InputError(
            f"not allowed to listen on port {port}",
            hint="ports below 1024 need administrator rights; choose another with --port",
        )
    return InputError(f"cannot listen on {host!r} port {port} ({exc.strerror})", hint=LOCAL_HINT)


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def public_url(address: Address) -> str:
    """The address a browser opens: this machine's name when serving on every address."""
    host = socket.getfqdn() if address.host in WILDCARDS else address.host
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    return f"http://{host}:{address.port}"


def warning(address: Address, *, allow_edit: bool) -> str | None:
    """What to say before serving where others can reach it; None on loopback."""
    if address.loopback:
        return None
    can = "see and change" if allow_edit else "see"
    return (
        f"warning: serving on {address.host or 'every address'}, not this machine alone: "
        f"the browser view has no login, and anyone who can reach port {address.port} "
        f"can {can} the plans"
    )


def app_command(*, read_only: bool) -> str:
    """The shell command each browser connection runs (the database, day and author
    come through the environment, so a URL's password is not on a command line).

    `--browser-view`: the tab's user is not at this machine, so the app names no
    file to write or read there (no export, report, or snapshot to compare).
    """
    argv = [sys.executable, "-m", "planterm", "--browser-view"]
    if read_only:
        argv.append("--read-only")
    return shlex.join(argv)


def app_environment(run: "Run") -> dict[str, str]:
    """The settings this run resolved, for each app process to use the same."""
    env = {ENV_DB: run.settings.db_url, ENV_AUTHOR: run.settings.author}
    if run.settings.today_given:
        env[ENV_TODAY] = run.today.isoformat()
    return env


@click.command("serve")
@click.option(
    "--host", default="127.0.0.1", show_default=True,
    help="Address to listen on; 0.0.0.0 lets other machines in (there is no login).",
)  # fmt: skip
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
    help="Port to listen on.",
)  # fmt: skip
@click.option(
    "--public-url", "public_url_given", metavar="URL",
    help="The address colleagues open, when not http://HOST:PORT (behind a proxy, say).",
)  # fmt: skip
@click.option(
    "--allow-edit", is_flag=True, help="Let the browser change the plans [default: read-only]."
)
@click.pass_obj
def serve_command(
    run: "Run", host: str, port: int, public_url_given: str | None, allow_edit: bool
) -> None:
    """Serve the app to web browsers: each browser tab runs planterm on this database.

    Read-only unless --allow-edit. Only this machine can connect unless --host
    says otherwise; there is no login, so anyone who can reach the port sees
    the plans.
    """
    if allow_edit and run.read_only:
        raise click.UsageError("--allow-edit cannot be used with --read-only")
    address = check_address(host, port)
    run.read_only = not allow_edit
    store = run.store(create=allow_edit)  # a bad, missing or (read-only) old file fails here
    where = store.describe()
    run.close()
    said = warning(address, allow_edit=allow_edit)
    if said is not None:
        click.echo(safe_line(f"planterm: {said}"), err=True)
    url = public_url_given or public_url(address)
    mode = "editable (--allow-edit)" if allow_edit else "read-only"
    click.echo(safe_line(f"planterm: serving {where} {mode} at {url}"), err=True)
    _serve(address, url, read_only=not allow_edit, env=app_environment(run))


def _serve(address: Address, url: str, *, read_only: bool, env: dict[str, str]) -> None:
    from planterm.cli.web_server import PlantermServer

    os.environ.update(env)  # each app process starts with a copy of this environment
    server = PlantermServer(
        app_command(read_only=read_only),
        host=address.host,
        port=address.port,
        title="planterm",
        public_url=url,
    )
    try:
        server.serve()
    except OSError as exc:  # taken between the check and now
        raise _bind_error(exc, host=address.host, port=address.port) from None
