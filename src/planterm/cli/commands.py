"""The commands. Each opens the store, calls one service, and prints."""

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from planterm.cli import render
from planterm.cli.backup_commands import backup_command, copy_db_command, restore_command
from planterm.cli.output import counted, echo_json, safe, safe_line
from planterm.cli.serve_command import serve_command
from planterm.config import Settings, parse_date
from planterm.domain.rules import Flag
from planterm.domain.utc import Clock, utc_now
from planterm.errors import InputError

if TYPE_CHECKING:
    from planterm.services.table_import import TableOptions


class Run:
    """Settings for this run, and the store opened on first use."""

    def __init__(self, settings: Settings, *, read_only: bool, clock: Clock = utc_now):
        self.settings = settings
        self.read_only = read_only
        self.clock = clock
        self._opened: Any = None

    @property
    def today(self) -> date:
        return self.settings.today

    @property
    def author(self) -> str:
        return self.settings.author

    def now(self) -> datetime:
        """The time stamped on what this run writes: on --today's date when that is given."""
        return self.settings.moment(self.clock())

    def store(self, *, create: bool = False) -> Any:
        """The store, opened once; only `create` makes a missing --db file."""
        if self._opened is None:
            from planterm.services.opening import open_store

            self._opened = open_store(
                self.settings,
                now=self.now(),
                read_only=self.read_only,
                create=create,
                clock_time=self.clock(),
            )
            for notice in self._opened.notices:
                click.echo(f"planterm: {safe_line(notice)}", err=True)
        return self._opened.store

    def close(self) -> None:
        """Close the store's connections, so SQLite folds its -wal file back in and
        removes it: a command that changed nothing leaves the file as it found it."""
        if self._opened is not None:
            self._opened.store.dispose()

    def source(self) -> Any:
        """What to read from: the file through sqlite3 alone when it is current, else the store."""
        if self._opened is None:
            from planterm.services.reading import quick_source

            quick = quick_source(self.settings, read_only=self.read_only)
            if quick is not None:
                return quick
        return self.store()


pass_run = click.make_pass_decorator(Run)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    help="Database file or SQLAlchemy URL [env PLANTERM_DB; default: planterm.db "
    "in your user data folder].",
)
@click.option("--today", metavar="YYYY-MM-DD", help="The date the rules use [env PLANTERM_TODAY].")
@click.option(
    "--author", metavar="NAME", help="Who is making changes [env PLANTERM_AUTHOR; default: you]."
)
@click.option("--read-only", is_flag=True, help="Open the database so nothing can change it.")
@click.option(
    "--browser-view", is_flag=True, hidden=True,
    help="The app as a browser tab of planterm serve runs it: it names no file to write or read.",
)  # fmt: skip
@click.version_option(package_name="planterm")
@click.pass_context
def cli(
    ctx: click.Context, db: str | None, today: str | None, author: str | None, read_only: bool,
    browser_view: bool,
) -> None:  # fmt: skip
    """planterm: keep multi-agency strategy action plans in your terminal.

    Run with no command to open the terminal app.
    """
    clock = ctx.obj or utc_now  # `main(clock=...)` hands a fixed clock in, for tests
    settings = Settings.resolve(db=db, today=today, author=author)
    ctx.obj = Run(settings, read_only=read_only, clock=clock)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        _open_app(ctx.obj, files=not browser_view)


def _open_app(run: Run, *, files: bool = True) -> None:
    """The terminal app on the chosen database (Textual is imported only here).

    A current SQLite file is painted from sqlite3 reads while the store opens
    behind it (`StoreOpening`); anything else is opened first, as a command does.
    """
    from planterm.services.reading import StoreOpening, quick_source

    quick = quick_source(run.settings, read_only=run.read_only)
    if quick is not None:

        def open_store() -> Any:
            import planterm.services.transfer
            import planterm.services.undo  # noqa: F401  (the services that write, with SQLAlchemy)

            return run.store(create=True)

        store = StoreOpening(quick, open_store)
    else:
        store = run.store(create=True)
    from planterm.ui.app import PlantermApp
    from planterm.ui.backend import Backend

    backend = Backend(
        store, run.today, run.author, read_only=run.read_only, files=files, clock=run.now
    )
    notices = run._opened.notices if run._opened is not None else []  # none on the quick way
    PlantermApp(backend, notices=notices).run()


@cli.command("plans")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_run
def plans_command(run: Run, as_json: bool) -> None:
    """List the plans, with their counts by status."""
    from planterm.services.summary import plan_summaries

    summaries = plan_summaries(run.source())
    if as_json:
        echo_json([render.plan_json(s) for s in summaries])
    else:
        click.echo(render.plans_text(summaries))


@cli.command("list")
@click.option("--plan", metavar="KEY", help="Only this plan.")
@click.option("--theme", metavar="NAME", help="Only this theme.")
@click.option("--status", metavar="KEY", help="Only this status (key, word or symbol).")
@click.option("--agency", metavar="NAME", help="Only actions this agency leads or owns.")
@click.option("--overdue", is_flag=True, help="Due before today and not done.")
@click.option("--sequential", is_flag=True, help="Deferred, or not to start yet.")
@click.option("--due-to-start", is_flag=True, help="Start date come, still not started.")
@click.option("--stale", is_flag=True, help="No update this reporting quarter.")
@click.option("--untriaged", is_flag=True, help="No status yet.")
@click.option("--search", metavar="TEXT", help="Words in the action or its updates.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_run
def list_command(
    run: Run,
    plan: str | None,
    theme: str | None,
    status: str | None,
    agency: str | None,
    overdue: bool,
    sequential: bool,
    due_to_start: bool,
    stale: bool,
    untriaged: bool,
    search: str | None,
    as_json: bool,
) -> None:
    """List actions; every filter given must hold."""
    from planterm.services.listing import ListFilters, list_actions

    chosen = {
        Flag.OVERDUE: overdue,
        Flag.SEQUENTIAL: sequential,
        Flag.DUE_TO_START: due_to_start,
        Flag.STALE: stale,
        Flag.UNTRIAGED: untriaged,
    }
    filters = ListFilters(
        plan=plan,
        theme=theme,
        status=status,
        agency=agency,
        search=search,
        flags=frozenset(flag for flag, on in chosen.items() if on),
    )
    rows = list_actions(run.source(), filters, today=run.today, with_leads=as_json)
    if as_json:
        echo_json([render.row_json(r) for r in rows])
    elif rows:
        click.echo(render.rows_text(rows))
    else:
        click.echo("No actions match.", err=True)


@cli.command("summary")
@click.option("--plan", metavar="KEY", help="Only this plan.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_run
def summary_command(run: Run, plan: str | None, as_json: bool) -> None:
    """Count and share of each status, per plan and theme ("14/15 (93%)")."""
    from planterm.services.summary import plan_summaries

    summaries = plan_summaries(run.source(), plan)
    if as_json:
        echo_json([render.summary_json(s) for s in summaries])
    else:
        click.echo(render.summary_text(summaries))


@cli.command("show")
@click.argument("plan")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_run
def show_command(run: Run, plan: str, ref: str, as_json: bool) -> None:
    """Show one action with all its updates and its status history."""
    from planterm.services.detail import show_action

    detail = show_action(run.source(), plan, ref, today=run.today)
    if as_json:
        echo_json(render.detail_json(detail))
    else:
        click.echo(render.detail_text(detail))


@cli.command("set-status")
@click.argument("plan")
@click.argument("ref")
@click.argument("status")
@click.option("--reason", metavar="TEXT", help="Why; kept in the history.")
@pass_run
def set_status_command(run: Run, plan: str, ref: str, status: str, reason: str | None) -> None:
    """Set an action's status (a key, word or symbol of its plan's scheme)."""
    from planterm.services.changes import set_status

    result = set_status(
        run.store(),
        plan_key=plan,
        ref=ref,
        status=status,
        reason=reason,
        author=run.author,
        now=run.now(),
    )
    names = f"{result.plan} ref {result.ref}"
    if result.changed:
        click.echo(
            safe(f"{names}: {result.from_key or 'untriaged'} → {result.to_key or 'untriaged'}")
        )
    else:
        click.echo(safe(f"{names} is already {result.to_key or 'untriaged'}; nothing changed"))


@cli.command("add-update")
@click.argument("plan")
@click.argument("ref")
@click.option("--body", required=True, metavar="TEXT", help="The update; - reads standard input.")
@click.option(
    "--period", metavar="LABEL", help='Period label [default: the quarter, "Q3 2026-27"].'
)
@click.option("--date", "day", metavar="YYYY-MM-DD", help="Date of the update [default: today].")
@click.option("--author", metavar="NAME", help="Who wrote it [default: the global --author].")
@pass_run
def add_update_command(
    run: Run, plan: str, ref: str, body: str, period: str | None, day: str | None,
    author: str | None,
) -> None:  # fmt: skip
    """Add a dated progress update to an action."""
    from planterm.services.changes import add_update

    text = sys.stdin.read() if body == "-" else body
    when = parse_date(day, source="--date") if day else run.today
    update = add_update(
        run.store(),
        plan_key=plan,
        ref=ref,
        body=text,
        day=when,
        period=period,
        author=author or run.author,
        now=run.now(),
    )
    click.echo(safe(f"{plan} ref {ref}: update of {update.date} ({update.period}) added"))


@cli.command("export")
@click.option("--plan", "plans", multiple=True, metavar="KEY", help="A plan (repeat for more).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@pass_run
def export_command(run: Run, plans: tuple[str, ...], output: Path | None) -> None:
    """Write a TOML snapshot of the plans (all when none are named)."""
    from planterm.services.exporting import export_text, export_to_file

    if output is None:
        click.echo(export_text(run.source(), plan_keys=plans, now=run.now()), nl=False)
        return
    output = export_to_file(run.source(), output, plan_keys=plans, now=run.now())
    click.echo(safe(f"wrote {output}"), err=True)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite plans whose key already exists.")
@click.option("--plan", "plan_key", metavar="KEY", help="Key of the plan a table becomes.")
@click.option("--title", metavar="TEXT", help="The plan's title (default: the table's title).")
@click.option("--issuing-body", metavar="TEXT", help="Who issued the plan (tables only).")
@click.option("--scheme", metavar="KEY", help="Status key for a table: rag or pcc-2020.")
@click.option(
    "--agency",
    "agencies",
    multiple=True,
    metavar="NAME",
    help="An agency a table's lead cells name, beside those already known (repeat).",
)
@click.option("--merge", is_flag=True, help="Take in a colleague's copy of plans you have.")
@click.option("--dry-run", is_flag=True, help="Show what would happen; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="With --merge: print JSON.")
@pass_run
def import_command(
    run: Run,
    files: tuple[Path, ...],
    replace: bool,
    plan_key: str | None,
    title: str | None,
    issuing_body: str | None,
    scheme: str | None,
    agencies: tuple[str, ...],
    merge: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import TOML snapshots (all in one transaction, or none), or one table.

    A table (.csv, .tsv, .xlsx, or .txt pasted from Word) becomes the new plan
    named by --plan; its header row says which column is which (see
    docs/table-import.md).

    With --merge, a colleague's snapshot of plans you already have: their new
    updates, actions and status changes come in, nothing of yours is lost, and
    what you both changed is listed to settle (see docs/merge.md).
    """
    # Not through services.table_import: a snapshot's import loads SQLAlchemy
    # while its file is parsed (see _import_snapshots).
    from planterm.io.table_plan import TableOptions
    from planterm.io.tables import is_table_file

    options = TableOptions(
        plan_key=plan_key or "",
        title=title,
        issuing_body=issuing_body,
        scheme=scheme,
        agencies=agencies,
    )
    tables = any(is_table_file(path, plan_given=bool(plan_key)) for path in files)
    if as_json and not merge:
        raise click.UsageError("--json goes with --merge")
    if tables and merge:
        raise click.UsageError("--merge takes a colleague's TOML snapshot, not a table")
    if tables:
        _import_table(run, files, options, replace=replace, dry_run=dry_run)
        return
    named = {"--plan": plan_key, "--title": title, "--issuing-body": issuing_body,
             "--scheme": scheme, "--agency": agencies}  # fmt: skip
    given = [option for option, value in named.items() if value]
    if given:
        raise click.UsageError(f"{given[0]} is for importing a table, not a snapshot")
    if merge:
        _merge_import(run, files, replace=replace, dry_run=dry_run, as_json=as_json)
        return
    _import_snapshots(run, files, replace=replace, dry_run=dry_run)


def _import_snapshots(run: Run, files: tuple[Path, ...], *, replace: bool, dry_run: bool) -> None:
    from planterm.io.snapshot import read_file

    def load_services() -> None:  # SQLAlchemy and the models, while the file is parsed
        import planterm.services.transfer  # noqa: F401

    docs = [(str(path), read_file(path, meanwhile=load_services)) for path in files]  # all checked
    from planterm.services.transfer import import_docs, rehearse_import

    if dry_run:
        for plan in rehearse_import(_existing_store(run), docs, replace=replace):
            verb = "would replace" if plan.replaced else "would import"
            click.echo(
                safe_line(f"{verb} {plan.key} from {plan.source}")
                + f": {counted(plan.actions, 'action')}, {counted(plan.updates, 'update')}"
            )
        return
    imported = import_docs(run.store(create=True), docs, replace=replace, now=run.now())
    for plan in imported:
        verb = "replaced" if plan.replaced else "imported"
        click.echo(
            safe(f"{verb} {plan.key}: ")
            + f"{counted(plan.actions, 'action')}, {counted(plan.updates, 'update')}"
        )


def _existing_store(run: Run) -> Any:
    """The store for a dry run: None for a --db file not made yet, which it must not make."""
    from planterm.services.opening import is_missing_file

    return None if is_missing_file(run.settings) else run.store()


def _import_table(
    run: Run, files: tuple[Path, ...], options: "TableOptions", *, replace: bool, dry_run: bool
) -> None:
    from planterm.cli import render_import
    from planterm.services.table_import import import_table, read_table_plan, refuse_unread

    if len(files) != 1:
        raise click.UsageError("import one table at a time (each becomes its own plan)")
    if not options.plan_key:
        raise click.UsageError("a table needs --plan KEY, the key of the plan it becomes")
    from planterm.services.transfer import rehearse_import

    store = _existing_store(run)
    reading = read_table_plan(store, files[0], options, today=run.today)
    if not dry_run and store is None:  # a table that cannot be read makes no database
        refuse_unread(reading)
        store = run.store(create=True)
        reading = read_table_plan(store, files[0], options, today=run.today)
    if dry_run:
        click.echo(render_import.table_reading_text(reading, replace=replace))
        if reading.problems:
            row, problem = reading.problems[0]
            count = len(reading.problems)
            raise InputError(
                f"{counted(count, 'row')} could not be read, the first: {problem}; "
                "nothing was imported",
                where=reading.where(row),
                hint="fix those rows and import again",
            )
        rehearse_import(store, [(reading.source, reading.doc)], replace=replace)
        return
    imported = import_table(store, reading, replace=replace, now=run.now())
    verb = "replaced" if imported.replaced else "imported"
    themes = len(reading.doc.plans[0].themes)
    click.echo(
        safe(f"{verb} {imported.key}: ")
        + f"{counted(themes, 'theme')}, {counted(imported.actions, 'action')}, "
        + counted(imported.updates, "update")
    )


def _merge_import(
    run: Run, files: tuple[Path, ...], *, replace: bool, dry_run: bool, as_json: bool
) -> None:
    from planterm.cli import render_import
    from planterm.services.merging import merge_doc
    from planterm.services.transfer import read_snapshot_file

    if replace:
        raise click.UsageError(
            "--merge keeps both sides and --replace throws ours away: give one of them"
        )
    if len(files) != 1:
        raise click.UsageError("--merge takes one snapshot at a time")
    doc = read_snapshot_file(files[0])  # a file that cannot be read opens no database
    plan = merge_doc(
        run.store(create=not dry_run), doc, source=str(files[0]), now=run.now(), dry_run=dry_run
    )
    if as_json:
        echo_json(render_import.merge_json(plan, dry_run=dry_run))
    else:
        click.echo(render_import.merge_text(plan, dry_run=dry_run))


@cli.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", required=False, type=click.Path(path_type=Path))
@click.option("--plan", "plans", multiple=True, metavar="KEY", help="A plan (repeat for more).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (docs/diff.md).")
@pass_run
def diff_command(
    run: Run, old: Path, new: Path | None, plans: tuple[str, ...], as_json: bool
) -> None:
    """What moved from snapshot OLD to NEW, or to the database now.

    Status changes, new updates, actions added, removed and edited, dates
    moved, what became overdue or due to start, and each status's share per
    theme. A snapshot's date is the day it was exported; the database's is
    today (--today). Against the database, only OLD's plans are compared
    unless --plan names others. A warning says when OLD is dated after NEW.
    """
    from planterm.cli import render_diff
    from planterm.services.diff import diff_files, diff_with_database

    if new is None:
        found = diff_with_database(
            run.store(), old, today=run.today, now=run.now(), plan_keys=plans
        )
    else:
        found = diff_files(old, new, today=run.today, plan_keys=plans)
    warning = render_diff.order_warning(found, against_database=new is None)
    if warning:
        click.echo(f"planterm: warning: {safe_line(warning)}", err=True)
    if as_json:
        echo_json(render_diff.diff_json(found))
    else:
        click.echo(render_diff.diff_text(found))


@cli.command("report")
@click.option("--plan", required=True, metavar="KEY", help="The plan to report on.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "xlsx", "csv"], case_sensitive=False),
    help="Markdown, HTML, Excel workbook or CSV [default: from -o's extension, else md].",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@click.option(
    "--period", metavar="LABEL", help='Show the updates of this period or quarter ("Q3 2019-20").'
)
@click.option("--agency", metavar="NAME", help="Only the actions this agency leads or owns.")
@click.option("--exceptions-first", is_flag=True, help="Open with what needs the board's eye.")
@pass_run
def report_command(
    run: Run, plan: str, fmt: str | None, output: Path | None, period: str | None,
    agency: str | None, exceptions_first: bool,
) -> None:  # fmt: skip
    """A committee report of one plan: status key, results, each theme's actions and updates."""
    from planterm.services.report import build_report, render_report, report_format, write_report

    chosen = report_format(fmt, output)
    report = build_report(run.store(), plan, today=run.today, period=period, agency=agency,
                          exceptions_first=exceptions_first)  # fmt: skip
    if report.agency is not None and not any(True for _ in report.rows()):
        click.echo(
            safe_line(f"planterm: {report.agency} leads or owns no action of {report.summary.key}")
            + "; the report is empty",
            err=True,
        )
    content = render_report(report, chosen)
    if output is None:
        click.echo(content, nl=False)
        return
    written = write_report(run.store(), output, content)
    click.echo(safe(f"wrote {written}"), err=True)


cli.add_command(backup_command)
cli.add_command(restore_command)
cli.add_command(serve_command)
cli.add_command(copy_db_command)
