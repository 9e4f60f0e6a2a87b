"""`planterm backup` and `planterm restore` (see services.backups)."""

from pathlib import Path
from typing import TYPE_CHECKING

import click

from planterm.cli.output import safe

if TYPE_CHECKING:
    from planterm.cli.commands import Run


@click.command("backup")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.pass_obj
def backup_command(run: "Run", file: Path | None) -> None:
    """Copy the database now, to FILE or a folder, else into the backups folder beside it.

    planterm also backs the database up on the first open of each day and
    before an upgrade; the backups folder keeps the last 7.
    """
    from planterm.services.backups import back_up

    written = back_up(run.settings, file, now=run.clock())
    click.echo(safe(f"backed up to {written}"))


@click.command("restore")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_obj
def restore_command(run: "Run", file: Path) -> None:
    """Put the planterm database FILE (a backup) in place of the database.

    The database as it was is backed up first. FILE must be a planterm
    database this planterm can open, and pass SQLite's integrity check.
    """
    from planterm.services.backups import restore

    done = restore(run.settings, file, now=run.clock(), read_only=run.read_only)
    click.echo(safe(f"restored {done.database} from {file} (schema {done.revision})"))
    if done.kept is not None:
        click.echo(safe(f"the database as it was is kept as {done.kept}"))
