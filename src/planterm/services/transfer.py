"""Snapshots in and out of the database.

Export reads whole plans in a fixed order, so the same database always gives
the same bytes (see `services.exporting`). Import checks every file before it
writes anything, then writes all of them in one transaction: a problem in the
last file leaves the database exactly as it was.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

from planterm.domain.models import (
    Action,
    ActionLead,
    Agency,
    Plan,
    Status,
    StatusChange,
    Theme,
    Update,
)
from planterm.errors import ConflictError, InputError
from planterm.io import snapshot
from planterm.io.collector import collector_paused
from planterm.io.snapshot import (
    ActionDoc,
    AgencyDoc,
    HistoryDoc,
    PlanDoc,
    SnapshotDoc,
    ThemeDoc,
    UpdateDoc,
)
from planterm.services.exporting import export_data, read_plans
from planterm.services.exporting import export_text as export_text
from planterm.services.exporting import export_to_file as export_to_file
from planterm.storage import bulk, fts
from planterm.storage.reader import ReadSource
from planterm.storage.store import SessionReader, Store

# ------------------------------------------------------------------- export

# Export itself lives in `services.exporting`, which needs neither SQLAlchemy
# nor pydantic; these are for callers that want the checked models.


def export_doc(store: ReadSource, *, plan_keys: Sequence[str] = (), now: datetime) -> SnapshotDoc:
    """The snapshot of the named plans (all when none are named), as the checked models."""
    return SnapshotDoc.model_validate(export_data(store, plan_keys=plan_keys, now=now))


def export_plan(session: Session, plan: Plan) -> tuple[PlanDoc, list[ActionDoc], set[int]]:
    """One plan as snapshot records, and the ids of the agencies its actions name."""
    plans, actions, agencies = read_plans(SessionReader(session), [plan.id or 0])
    return (
        PlanDoc.model_validate(plans[0]),
        [ActionDoc.model_validate(a) for a in actions],
        agencies,
    )


# ------------------------------------------------------------------- import


@dataclass(frozen=True)
class ImportedPlan:
    key: str
    title: str
    actions: int
    updates: int
    replaced: bool
    source: str


def read_snapshot_file(path: Path) -> SnapshotDoc:
    """Read and check one snapshot file; `InputError` names the file on any problem."""
    return snapshot.read_file(path)


def import_files(
    store: Store, paths: Sequence[Path], *, replace: bool, now: datetime
) -> list[ImportedPlan]:
    """Import every file, or none: all checks first, then one transaction."""
    docs = [(str(path), read_snapshot_file(path)) for path in paths]
    return import_docs(store, docs, replace=replace, now=now)


def import_docs(
    store: Store, docs: Sequence[tuple[str, SnapshotDoc]], *, replace: bool, now: datetime
) -> list[ImportedPlan]:
    """Write checked snapshots in one transaction: every plan of every file, or nothing.

    The rows go in through `storage.bulk` and are indexed for search once at the
    end (`storage.fts`), both inside that transaction.
    """
    _check_files(docs)
    with (
        collector_paused(),
        store.write() as session,
        bulk.roomy_cache(session.connection()),
        fts.indexed_at_end(session.connection()),
    ):
        existing = _check_against(session, docs, replace=replace)
        agencies = AgencyBook(session)
        for source, doc in docs:
            agencies.merge(doc.agencies, source=source)
        log = LogRows()
        for _, doc in docs:
            by_plan = _actions_by_plan(doc)
            for plan_doc in doc.plans:
                if plan_doc.key in existing:
                    session.execute(sa.delete(Plan).where(col(Plan.key) == plan_doc.key))
                insert_plan(session, plan_doc, by_plan[plan_doc.key], agencies, now=now, log=log)
        log.write(session)
        return _imported(docs, existing)


def rehearse_import(
    store: Store | None, docs: Sequence[tuple[str, SnapshotDoc]], *, replace: bool
) -> list[ImportedPlan]:
    """What `import_docs` would do, after the same checks, without writing anything.

    With no store (a database not made yet) only the files are checked.
    """
    _check_files(docs)
    if store is None:
        return _imported(docs, set())
    with store.read() as session:
        existing = _check_against(session, docs, replace=replace)
        agencies = AgencyBook(session)
        for source, doc in docs:
            for agency in doc.agencies:
                agencies.existing(agency, source=source)
        return _imported(docs, existing)


def _check_files(docs: Sequence[tuple[str, SnapshotDoc]]) -> None:
    seen: dict[str, str] = {}
    for source, doc in docs:
        for plan in doc.plans:
            if plan.key in seen:
                raise InputError(
                    f"plan {plan.key} is in two of the files ({seen[plan.key]} and {source})",
                    where=source,
                    hint="import one of them",
                )
            seen[plan.key] = source


def _check_against(
    session: Session, docs: Sequence[tuple[str, SnapshotDoc]], *, replace: bool
) -> set[str]:
    """The plan keys already here; refused unless `replace` says to overwrite them."""
    existing = set(session.exec(select(Plan.key)))
    for source, doc in docs:
        for plan in doc.plans:
            if plan.key in existing and not replace:
                raise ConflictError(
                    f"plan {plan.key} is already in the database",
                    where=source,
                    hint="add --replace to overwrite it, or change its key in the file",
                )
    return existing


def _actions_by_plan(doc: SnapshotDoc) -> dict[str, list[ActionDoc]]:
    """The file's actions by plan key, each plan's in the file's order (checked: every
    action's plan is in the file)."""
    by_plan: dict[str, list[ActionDoc]] = {plan.key: [] for plan in doc.plans}
    for action in doc.actions:
        by_plan[action.plan].append(action)
    return by_plan


def _imported(docs: Sequence[tuple[str, SnapshotDoc]], existing: set[str]) -> list[ImportedPlan]:
    results = []
    for source, doc in docs:
        by_plan = _actions_by_plan(doc)
        for plan_doc in doc.plans:
            actions = by_plan[plan_doc.key]
            results.append(
                ImportedPlan(
                    key=plan_doc.key,
                    title=plan_doc.title,
                    actions=len(actions),
                    updates=sum(len(a.updates) for a in actions),
                    replaced=plan_doc.key in existing,
                    source=source,
                )
            )
    return results


class AgencyBook:
    """The database's agencies, by every name and alias, growing as files merge in."""

    def __init__(self, session: Session):
        self.session = session
        self.by_name: dict[str, Agency] = {}
        for agency in session.exec(select(Agency)):
            self._index(agency)

    def _index(self, agency: Agency) -> None:
        for name in (agency.name, *agency.aliases):
            self.by_name[name.casefold()] = agency

    def existing(self, doc: AgencyDoc, *, source: str) -> Agency | None:
        """The agency `doc` names here (by name or alias), or None when it is new.

        Reads only: raises `InputError` when one of its aliases already names
        another agency, so a merge can check a file before it writes.
        """
        agency = self.by_name.get(doc.name.casefold())
        for alias in doc.aliases:
            holder = self.by_name.get(alias.casefold())
            if holder is not None and holder is not agency:
                raise InputError(
                    f"agency {doc.name}: alias {alias!r} already names {holder.name}",
                    where=source,
                    hint="remove the alias from one of them",
                )
        return agency

    def merge(self, docs: Sequence[AgencyDoc], *, source: str) -> None:
        for doc in docs:
            agency = self.existing(doc, source=source)
            if agency is None:
                agency = Agency(name=doc.name, aliases=[])
                self.session.add(agency)
            new_aliases = list(agency.aliases)
            for alias in doc.aliases:
                if alias.casefold() not in (n.casefold() for n in (agency.name, *new_aliases)):
                    new_aliases.append(alias)
            agency.aliases = new_aliases
            self.session.flush()
            self._index(agency)

    def id_of(self, name: str) -> int:
        return self.by_name[name.casefold()].id or 0


def insert_plan(
    session: Session,
    doc: PlanDoc,
    actions: Sequence[ActionDoc],
    agencies: AgencyBook,
    *,
    now: datetime,
    log: "LogRows | None" = None,
) -> None:
    """A new plan with its scheme, themes and actions (agencies merged in already).

    With `log`, the actions' leads, updates and history wait there (see `insert_actions`).
    """
    connection = _connection(session)
    bulk.insert_many(
        connection,
        _table(Plan),
        [
            {
                "key": doc.key,
                "title": doc.title,
                "issuing_body": doc.issuing_body,
                "source_document": doc.source_document,
                "period": doc.period,
                "vision": doc.vision,
                "mission": doc.mission,
                "description": doc.description,
                "scheme_key": doc.scheme.key,
                "scheme_name": doc.scheme.name,
                "created_at": doc.created_at or now,
                "modified_at": doc.modified_at or doc.created_at or now,
                "version": 1,
            }
        ],
    )
    plan_id: int = connection.execute(
        sa.text("SELECT id FROM plan WHERE key = :key"), {"key": doc.key}
    ).scalar_one()
    bulk.insert_many(
        connection,
        _table(Status),
        [
            {
                "plan_id": plan_id,
                "position": i,
                "key": s.key,
                "label": s.label,
                "meaning": s.meaning,
                "symbol": s.symbol,
                "category": s.category.value,
                "colour": s.colour,
                "aliases": list(s.aliases),
            }
            for i, s in enumerate(doc.scheme.statuses)
        ],
    )
    status_by_key = _ids_by(session, "status", "key", plan_id)
    theme_by_name = insert_themes(session, plan_id, doc.themes)
    insert_actions(
        session,
        plan_id,
        actions,
        theme_ids=theme_by_name,
        status_ids=status_by_key,
        agencies=agencies,
        now=now,
        log=log,
    )


def insert_themes(
    session: Session, plan_id: int, themes: Sequence[ThemeDoc], *, first_position: int = 0
) -> dict[str, int]:
    """Themes appended to a plan in the order given; their ids by name."""
    bulk.insert_many(
        _connection(session),
        _table(Theme),
        [
            {
                "plan_id": plan_id,
                "position": first_position + i,
                "name": t.name,
                "description": t.description,
            }
            for i, t in enumerate(themes)
        ],
    )
    ids = _ids_by(session, "theme", "name", plan_id)
    return {t.name: ids[t.name] for t in themes}


def insert_actions(
    session: Session,
    plan_id: int,
    actions: Sequence[ActionDoc],
    *,
    theme_ids: Mapping[str, int],
    status_ids: Mapping[str, int],
    agencies: AgencyBook,
    now: datetime,
    next_positions: Mapping[str, int] | None = None,
    log: "LogRows | None" = None,
) -> list[int]:
    """Actions with their leads, updates and history, each at the end of its theme.

    `next_positions` gives, by theme name, the first free position of themes
    that already hold actions. With `log`, their leads, updates and history are
    added to it for the caller to write, instead of written here. Returns the
    new ids in the order given.
    """
    positions: dict[str, int] = defaultdict(int, next_positions or {})
    action_rows = []
    for a in actions:
        created = a.created_at or now
        action_rows.append(
            {
                "plan_id": plan_id,
                "theme_id": theme_ids[a.theme],
                "position": positions[a.theme],
                "ref": a.ref,
                "text": a.text,
                "owner": a.owner,
                "status_id": status_ids[a.status] if a.status else None,
                "due": a.due,
                "start_after": a.start_after,
                "fields": dict(a.fields),
                "created_at": created,
                "modified_at": a.modified_at or created,
                "version": 1,
            }
        )
        positions[a.theme] += 1
    bulk.insert_many(_connection(session), _table(Action), action_rows)
    by_ref = _ids_by(session, "action", "ref", plan_id)
    action_ids = [by_ref[a.ref] for a in actions]
    rows = LogRows() if log is None else log
    for a, action_id in zip(actions, action_ids, strict=True):
        rows.add(action_id, a, agencies, now=now)
    if log is None:
        rows.write(session)
    return action_ids


class LogRows:
    """Lead, update and status-history rows held back to go in together, one statement
    per kind: an import of many plans writes its hundred thousand updates at once.

    The rows are kept column by column (`bulk.insert_columns`): no dict per row.
    """

    def __init__(self) -> None:
        self.leads: dict[str, list[Any]] = _columns("action_id", "agency_id", "position")
        self.updates: dict[str, list[Any]] = _columns(
            "action_id", "date", "period", "author", "body", "created_at"
        )
        self.history: dict[str, list[Any]] = _columns(
            "action_id", "at", "from_key", "to_key", "by", "reason"
        )

    def add(
        self, action_id: int, action: ActionDoc, agencies: AgencyBook, *, now: datetime
    ) -> None:
        """The leads, updates and history of one action, just given its id."""
        if action.leads:
            leads = self.leads
            leads["action_id"].extend([action_id] * len(action.leads))
            leads["agency_id"].extend(agencies.id_of(name) for name in action.leads)
            leads["position"].extend(range(len(action.leads)))
        if action.updates:
            updates = self.updates
            updates["action_id"].extend([action_id] * len(action.updates))
            updates["created_at"].extend([now] * len(action.updates))
            for u in action.updates:
                updates["date"].append(u.date)
                updates["period"].append(u.period)
                updates["author"].append(u.author)
                updates["body"].append(u.body)
        if action.history:
            history = self.history
            history["action_id"].extend([action_id] * len(action.history))
            for h in action.history:
                history["at"].append(h.at)
                history["from_key"].append(h.from_)
                history["to_key"].append(h.to)
                history["by"].append(h.by)
                history["reason"].append(h.reason)

    def write(self, session: Session) -> None:
        connection = _connection(session)
        for model, columns in (
            (ActionLead, self.leads),
            (Update, self.updates),
            (StatusChange, self.history),
        ):
            bulk.insert_columns(connection, _table(model), columns)


def _columns(*names: str) -> dict[str, list[Any]]:
    return {name: [] for name in names}


def lead_rows(action_id: int, names: Sequence[str], agencies: AgencyBook) -> list[dict[str, Any]]:
    return [
        {"action_id": action_id, "agency_id": agencies.id_of(name), "position": i}
        for i, name in enumerate(names)
    ]


def update_row(action_id: int, update: UpdateDoc, *, now: datetime) -> dict[str, Any]:
    return {
        "action_id": action_id,
        "date": update.date,
        "period": update.period,
        "author": update.author,
        "body": update.body,
        "created_at": now,
    }


def history_row(action_id: int, change: HistoryDoc) -> dict[str, Any]:
    return {
        "action_id": action_id,
        "at": change.at,
        "from_key": change.from_,
        "to_key": change.to,
        "by": change.by,
        "reason": change.reason,
    }


def insert_log_rows(
    session: Session,
    *,
    leads: Sequence[dict[str, Any]] = (),
    updates: Sequence[dict[str, Any]] = (),
    history: Sequence[dict[str, Any]] = (),
) -> None:
    """Lead, update and status-history rows, each kind in one statement."""
    connection = _connection(session)
    for model, rows in ((ActionLead, leads), (Update, updates), (StatusChange, history)):
        bulk.insert_many(connection, _table(model), rows)


def _connection(session: Session) -> sa.Connection:
    """The session's connection, for bulk inserts, once the rows it holds are flushed.

    A Core insert does not flush the session as an ORM one does; agencies added
    through it must be in the database before a lead refers to them.
    """
    session.flush()
    return session.connection()


def _table(model: type[SQLModel]) -> sa.Table:
    table: sa.Table = model.__table__  # type: ignore[attr-defined]
    return table


def _ids_by(session: Session, table: str, name: str, plan_id: int) -> dict[str, int]:
    """The ids of a plan's rows of `table` by `name`, a column unique within the plan.

    Rows go in with `bulk.insert_many`, which returns nothing; their ids are
    read back this way, one query per plan, on any engine.
    """
    found = session.connection().execute(
        sa.text(f"SELECT {name}, id FROM {table} WHERE plan_id = :plan_id"), {"plan_id": plan_id}
    )
    return {key: id_ for key, id_ in found}
