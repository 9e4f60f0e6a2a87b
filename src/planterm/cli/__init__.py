"""The planterm command line.

`main` turns every user mistake (`PlantermError`, a bad option) into one line
on standard error and exit code 1, and leaves real bugs their traceback.
"""

import sys

import click

from planterm.domain.utc import Clock
from planterm.errors import PlantermError


def main(argv: list[str] | None = None, *, clock: Clock | None = None) -> None:
    """Run the command line; `clock` (default: the system's, in UTC) is for tests."""
    from planterm.cli.commands import cli

    try:
        cli.main(args=argv, prog_name="planterm", standalone_mode=False, obj=clock)
    except PlantermError as exc:
        _fail(str(exc))
    except click.exceptions.Abort:
        _fail("stopped")
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "planterm"
        _fail(f"{exc.format_message()} (see {command} --help)")
    except click.ClickException as exc:
        _fail(exc.format_message())
    except KeyboardInterrupt:
        _fail("stopped")
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    sys.exit(0)


def _fail(line: str) -> None:
    from planterm.cli.output import safe_line

    click.echo(f"planterm: {safe_line(line)}", err=True)
    sys.exit(1)
