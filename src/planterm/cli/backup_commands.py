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


@click.command("copy-db")
@click.option("--from", "source", required=True, metavar="DB", help="The database to copy.")
@click.option("--to", "target", required=True, metavar="DB", help="A new or empty database.")
@click.pass_obj
def copy_db_command(run: "Run", source: str, target: str) -> None:
    """Copy a whole database into a new or empty one: SQLite file or PostgreSQL, either way.

    DB is a file path, sqlite:///PATH or postgresql+psycopg://USER@HOST/NAME.
    Every row is copied in one transaction, ids, history and removed updates
    included; the global --db is not used.
    """
    from planterm.config import db_url_from
    from planterm.services.copying import copy_database

    copied = copy_database(db_url_from(source), db_url_from(target), now=run.clock())
    counts = ", ".join(
        f"{copied.rows.get(table, 0)} {word}"
        for table, word in (
            ("plan", "plans"),
            ("action", "actions"),
            ("progress_update", "updates"),
        )
    )
    click.echo(safe(f"copied {counts} from {copied.source} to {copied.target}"))
