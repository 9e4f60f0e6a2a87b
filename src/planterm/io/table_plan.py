"""A pasted table read into a plan: the snapshot it would import as.

Reading never guesses silently. Every row it cannot read is a problem named
by its row; every repair it made (a joined row, a moved sentence, a timescale
kept as text) is a note; a lead cell read into agencies other than its own
words is also kept, word for word, as a field under its column's header.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from planterm.domain.lead_names import LeadReader
from planterm.domain.rules import Quarter
from planterm.domain.schemes import BUILT_IN, SchemeDef
from planterm.domain.status_words import fitting_scheme, listed_scheme, read_status
from planterm.domain.written_dates import (
    due_in_text,
    names_no_day,
    parse_written_date,
    period_date,
)
from planterm.errors import InputError
from planterm.io.snapshot import (
    VERSION,
    ActionDoc,
    AgencyDoc,
    PlanDoc,
    SnapshotDoc,
    ThemeDoc,
    UpdateDoc,
    scheme_doc,
)
from planterm.io.table_columns import CURRENT_STATUS, Column, Role, columns_for, find_header
from planterm.io.table_rows import RowAction, clean, group_rows
from planterm.io.tables import Table

NOT_STATED = "Not stated"
SHOWN = 40
_APPENDIX = re.compile(r"^(?:appendix|annex)\s+\w{1,3}[.:]\s+", re.IGNORECASE)


def shown(cell: str) -> str:
    """A cell as a message quotes it: its start, on one line."""
    line = " ".join(cell.split())
    return line if len(line) <= SHOWN else line[: SHOWN - 1] + "…"


@dataclass(frozen=True)
class TableOptions:
    """What the user said about a table: the new plan's key and the rest."""

    plan_key: str
    title: str | None = None
    issuing_body: str | None = None
    scheme: str | None = None
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableReading:
    """The plan a table reads as, with what was noted and what could not be read."""

    source: str
    unit: str
    doc: SnapshotDoc
    columns: tuple[Column, ...]
    scheme_note: str
    new_agencies: tuple[str, ...]
    notes: tuple[tuple[int, str], ...]
    problems: tuple[tuple[int, str], ...]

    def where(self, row: int) -> str:
        return f"{self.source}, {self.unit} {row}"


def choose_table(tables: Sequence[Table]) -> Table:
    """The table holding the plan: the first (sheet) with a header row naming the actions."""
    for table in tables:
        if find_header(table.rows) is not None:
            return table
    if len(tables) > 1:
        names = ", ".join(t.source.rsplit("(sheet ", 1)[-1].rstrip(")") for t in tables)
        raise InputError(
            f"found no header row naming the actions on any sheet ({names})",
            where=tables[0].source.rsplit(" (sheet ", 1)[0],
            hint="head the action column Recommendation, Action or Deliverable",
        )
    return tables[0]


def read_plan_table(
    table: Table, request: TableOptions, *, today: date, known_agencies: Mapping[str, str]
) -> TableReading:
    """Read `table` as one plan; `known_agencies` maps every name and alias to its agency."""
    header_at = find_header(table.rows)
    if header_at is None:
        raise InputError(
            "found no header row naming the actions",
            where=table.source,
            hint="head the action column Recommendation, Action or Deliverable, "
            "beside one more such as Ref or Lead agencies",
        )
    header, body = table.rows[header_at], table.rows[header_at + 1 :]
    columns = columns_for(header, body)
    grouped = group_rows(body, columns, header)
    notes = list(grouped.notes)
    problems = list(grouped.problems)
    if not grouped.actions and not problems:
        raise InputError(
            "the table has a header but no rows of actions under it",
            where=f"{table.source}, {table.unit} {header.number}",
            hint="paste the rows under the header too",
        )

    names = dict(known_agencies)
    folded = {n.casefold() for n in names}
    given = (n.strip() for n in request.agencies)
    names.update({n: n for n in given if n and n.casefold() not in folded})
    reader = LeadReader(names)
    above = [cell for row in table.rows[:header_at] for cell in row.cells]
    scheme, scheme_note = _choose_scheme(request.scheme, above, grouped.actions, columns)
    role_of = {c.index: c for c in columns}
    action_docs: list[ActionDoc] = []
    agencies: dict[str, AgencyDoc] = {}
    new_agencies: list[str] = []
    first_row: dict[str, int] = {}
    for raw in grouped.actions:
        where = f"ref {raw.ref}"
        if raw.ref in first_row:
            rows = f"{table.unit}s {first_row[raw.ref]} and {raw.row}"
            problems.append((raw.row, f"{where} appears twice ({rows})"))
            continue
        first_row[raw.ref] = raw.row
        reading = _read_action(raw, role_of, scheme, request.plan_key, today, reader)
        notes.extend((raw.row, f"{where}: {n}") for n in reading.notes)
        problems.extend((raw.row, f"{where}: {p}") for p in reading.problems)
        if reading.doc is None:
            continue
        for name in reading.doc.leads:
            agencies.setdefault(name.casefold(), AgencyDoc(name=name))
        for name in reading.new_agencies:
            if name not in new_agencies:
                new_agencies.append(name)
        action_docs.append(reading.doc)

    plan = PlanDoc(
        key=request.plan_key,
        title=(request.title or _title(table, header_at) or request.plan_key).strip(),
        issuing_body=(request.issuing_body or NOT_STATED).strip(),
        source_document=table.source,
        period=_plan_period(columns),
        scheme=scheme_doc(scheme.key, scheme.name, scheme.statuses),
        themes=[ThemeDoc(name=t) for t in grouped.themes],
    )
    doc = SnapshotDoc(
        format="planterm-snapshot",
        version=VERSION,
        agencies=sorted(agencies.values(), key=lambda a: a.name.casefold()),
        plans=[plan],
        actions=action_docs,
    )
    return TableReading(
        source=table.source,
        unit=table.unit,
        doc=doc,
        columns=tuple(columns),
        scheme_note=scheme_note,
        new_agencies=tuple(new_agencies),
        notes=tuple(sorted(notes)),
        problems=tuple(sorted(problems)),
    )


def _plan_period(columns: Sequence[Column]) -> str | None:
    """The period of the plan's one update column, when its header names one."""
    labels = [c.label for c in columns if c.role is Role.UPDATE]
    if len(labels) != 1 or labels[0] == CURRENT_STATUS:
        return None
    dated = period_date(labels[0])
    return dated[1] if dated else None


def _title(table: Table, header_at: int) -> str:
    """The document's own title: the first lines above the header, up to a blank line.

    A title over two lines ("... in Nottinghamshire" / "Action Plan") is joined
    with a dash, as the bundled plans write it; a leading "Appendix 1." names
    where the table sat in a longer paper, not what it is, and is left out.
    """
    lines: list[str] = []
    for row in table.rows[:header_at]:
        text = " ".join(" ".join(c.split()) for c in row.cells if c.strip())
        text = text.replace("**", "").strip()
        if text:
            lines.append(text)
        elif lines:
            break
    return _APPENDIX.sub("", " – ".join(lines), count=1)


def _choose_scheme(
    wanted: str | None,
    above: Sequence[str],
    actions: Sequence[RowAction],
    columns: Sequence[Column],
) -> tuple[SchemeDef, str]:
    """The key asked for; else the key the document writes out above the table; else
    the one the status words fit."""
    words = [
        clean(raw.cells.get(c.index, ""))
        for raw in actions
        for c in columns
        if c.role is Role.STATUS
    ]
    words = [w for w in words if w]
    if wanted is not None:
        scheme = BUILT_IN.get(wanted.strip().casefold())
        if scheme is None:
            raise InputError(
                f"no built-in scheme {wanted!r}",
                where="--scheme",
                hint=f"use one of {', '.join(BUILT_IN)}",
            )
        return scheme, f"the {scheme.name} ({scheme.key}), as asked"
    listed = listed_scheme(above)
    if listed is not None:
        return listed, f"the {listed.name} ({listed.key}), whose meanings the document's key lists"
    scheme = fitting_scheme(words)
    if not words:
        return scheme, f"the {scheme.name} ({scheme.key}): no status is set, all untriaged"
    return scheme, f"the {scheme.name} ({scheme.key}), which the status words fit"


@dataclass
class _ActionReading:
    doc: ActionDoc | None
    notes: list[str]
    problems: list[str]
    new_agencies: tuple[str, ...] = ()


def _read_action(
    raw: RowAction,
    columns: Mapping[int, Column],
    scheme: SchemeDef,
    plan_key: str,
    today: date,
    reader: LeadReader,
) -> _ActionReading:
    notes: list[str] = []
    problems: list[str] = []
    text = ""
    leads: list[str] = []
    new: tuple[str, ...] = ()
    owner: str | None = None
    status: str | None = None
    due: date | None = None
    start: date | None = None
    fields: dict[str, str] = {}
    updates: list[UpdateDoc] = []
    for index, value in raw.cells.items():
        column = columns[index]
        cell = clean(value)
        if not cell:
            continue
        if column.role is Role.TEXT:
            text = cell
        elif column.role is Role.LEADS:
            reading = reader.read(cell)
            leads.extend(n for n in reading.leads if n not in leads)
            new = (*new, *reading.new)
            if not reading.verbatim:
                fields[column.header] = cell
            if reading.new:
                notes.append(
                    f"{column.header} {shown(cell)!r} gives the new agencies "
                    f"{'; '.join(reading.new)} (if not, name its agencies with --agency)"
                )
        elif column.role is Role.OWNER:
            owner = cell
        elif column.role is Role.STATUS:
            found = read_status(scheme, cell)
            if found is None:
                names = ", ".join(s.label for s in scheme.statuses)
                problems.append(
                    f"status {shown(cell)!r} is not in the {scheme.key} key "
                    f"({names}); fix it or leave the cell empty for untriaged"
                )
            else:
                status = found.key
        elif column.role in (Role.DUE, Role.START):
            day = parse_written_date(cell)
            if day is None and names_no_day(cell):
                problems.append(
                    f"{column.header} {shown(cell)!r} is not a day of the calendar; "
                    "correct it, or write the timescale in words"
                )
            elif day is None:
                fields[column.header] = cell
                notes.append(f"{column.header} {shown(cell)!r} is not a date; kept as text")
            elif column.role is Role.DUE:
                due = day
            else:
                start = day
        elif column.role is Role.UPDATE:
            updates.append(_update(column, cell, today))
        else:
            fields[column.header] = cell
    if not text:
        problems.append("the action text is empty")
    if problems:
        return _ActionReading(None, notes, problems)
    due_cells = [raw.cells.get(c.index, "") for c in columns.values() if c.role is Role.DUE]
    if not any(clean(c) for c in due_cells):
        due = due_in_text(text)
        if due is not None:
            notes.append(f"due {due.isoformat()}, as its text says")
    doc = ActionDoc(
        plan=plan_key,
        theme=raw.theme,
        ref=raw.ref,
        text=text,
        leads=leads,
        owner=owner,
        status=status,
        due=due,
        start_after=start,
        fields=fields,
        updates=updates,
    )
    return _ActionReading(doc, notes, problems, new)


def _update(column: Column, body: str, today: date) -> UpdateDoc:
    """An update dated by its column's header ("Update January - March 2021")."""
    label = column.label
    if label == CURRENT_STATUS:
        return UpdateDoc(date=today, period=CURRENT_STATUS, body=body)
    if not label:
        return UpdateDoc(date=today, period=Quarter.containing(today).label, body=body)
    dated = period_date(label)
    if dated is None:
        return UpdateDoc(date=today, period=label, body=body)
    day, period = dated
    return UpdateDoc(date=day, period=period, body=body)
