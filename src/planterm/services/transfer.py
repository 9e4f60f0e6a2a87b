"""Snapshots in and out of the database.

Export reads whole plans into a `SnapshotDoc` in a fixed order, so the same
database always gives the same bytes. Import checks every file before it
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
from sqlmodel import Session, col, select

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
from planterm.io.snapshot import (
    ActionDoc,
    AgencyDoc,
    HistoryDoc,
    PlanDoc,
    SnapshotDoc,
    ThemeDoc,
    UpdateDoc,
)
from planterm.io.user_files import decode_utf8, read_user_file
from planterm.services import catalog
from planterm.services.output_file import write_output_file
from planterm.storage import queries
from planterm.storage.store import SessionReader, Store

# ------------------------------------------------------------------- export


def export_text(store: Store, *, plan_keys: Sequence[str] = (), now: datetime) -> str:
    """The snapshot of the named plans (all plans when none are named)."""
    return snapshot.render(export_doc(store, plan_keys=plan_keys, now=now))


def export_to_file(
    store: Store, path: Path, *, plan_keys: Sequence[str] = (), now: datetime
) -> Path:
    """Write the snapshot atomically (the old file or the whole new one, never half)."""
    text = export_text(store, plan_keys=plan_keys, now=now)
    return write_output_file(store, path, text, what="a snapshot", example="~/planterm-export.toml")


def export_doc(store: Store, *, plan_keys: Sequence[str] = (), now: datetime) -> SnapshotDoc:
    with store.read() as session:
        if plan_keys:
            plans = [catalog.plan_by_key(session, key) for key in dict.fromkeys(plan_keys)]
            plans.sort(key=lambda p: p.key)
        else:
            plans = list(session.exec(select(Plan).order_by(col(Plan.key))))
        plan_docs: list[PlanDoc] = []
        action_docs: list[ActionDoc] = []
        used_agencies: set[int] = set()
        for plan in plans:
            plan_doc, actions, agencies = export_plan(session, plan)
            plan_docs.append(plan_doc)
            action_docs.extend(actions)
            used_agencies |= agencies
        agencies_query = select(Agency)
        if plan_keys:
            agencies_query = agencies_query.where(col(Agency.id).in_(used_agencies))
        agency_rows = sorted(
            session.exec(agencies_query), key=lambda a: (a.name.casefold(), a.name)
        )
        return SnapshotDoc(
            format="planterm-snapshot",
            version=snapshot.VERSION,
            exported_at=now,
            agencies=[AgencyDoc(name=a.name, aliases=list(a.aliases)) for a in agency_rows],
            plans=plan_docs,
            actions=action_docs,
        )


def export_plan(session: Session, plan: Plan) -> tuple[PlanDoc, list[ActionDoc], set[int]]:
    """One plan as snapshot records, and the ids of the agencies its actions name."""
    statuses = queries.plan_statuses(SessionReader(session), plan.id or 0)
    status_keys = {status_id: view.key for status_id, view in statuses}
    themes = session.exec(
        select(Theme).where(Theme.plan_id == plan.id).order_by(col(Theme.position))
    ).all()
    theme_names = {t.id: t.name for t in themes}
    theme_order = {t.id: t.position for t in themes}
    actions = sorted(
        session.exec(select(Action).where(Action.plan_id == plan.id)),
        key=lambda a: (theme_order[a.theme_id], a.position, a.id),
    )
    action_ids = [a.id for a in actions]
    lead_rows = session.execute(
        sa.select(col(ActionLead.action_id), col(ActionLead.agency_id), col(Agency.name))
        .join(Agency, col(Agency.id) == col(ActionLead.agency_id))
        .where(col(ActionLead.action_id).in_(action_ids))
        .order_by(col(ActionLead.action_id), col(ActionLead.position))
    ).all()
    leads: dict[int, list[str]] = defaultdict(list)
    agencies: set[int] = set()
    for action_id, agency_id, name in lead_rows:
        leads[action_id].append(name)
        agencies.add(agency_id)
    updates: dict[int, list[UpdateDoc]] = defaultdict(list)
    for u in session.exec(
        select(Update)
        .where(col(Update.action_id).in_(action_ids), col(Update.removed_at).is_(None))
        .order_by(col(Update.action_id), col(Update.date), col(Update.id))
    ):
        updates[u.action_id].append(
            UpdateDoc(date=u.date, period=u.period, author=u.author, body=u.body)
        )
    history: dict[int, list[HistoryDoc]] = defaultdict(list)
    for h in session.exec(
        select(StatusChange)
        .where(col(StatusChange.action_id).in_(action_ids))
        .order_by(col(StatusChange.action_id), col(StatusChange.at), col(StatusChange.id))
    ):
        history[h.action_id].append(
            HistoryDoc.model_validate(
                {"at": h.at, "from": h.from_key, "to": h.to_key, "by": h.by, "reason": h.reason}
            )
        )
    plan_doc = PlanDoc(
        key=plan.key,
        title=plan.title,
        issuing_body=plan.issuing_body,
        source_document=plan.source_document,
        period=plan.period,
        vision=plan.vision,
        mission=plan.mission,
        description=plan.description,
        created_at=plan.created_at,
        modified_at=plan.modified_at,
        scheme=snapshot.scheme_doc(plan.scheme_key, plan.scheme_name, (v for _, v in statuses)),
        themes=[ThemeDoc(name=t.name, description=t.description) for t in themes],
    )
    action_docs = [
        ActionDoc(
            plan=plan.key,
            theme=theme_names[a.theme_id],
            ref=a.ref,
            text=a.text,
            leads=leads.get(a.id or 0, []),
            owner=a.owner,
            status=status_keys.get(a.status_id) if a.status_id is not None else None,
            due=a.due,
            start_after=a.start_after,
            created_at=a.created_at,
            modified_at=a.modified_at,
            fields=dict(a.fields),
            updates=updates.get(a.id or 0, []),
            history=history.get(a.id or 0, []),
        )
        for a in actions
    ]
    return plan_doc, action_docs, agencies


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
    source = str(path)
    raw = read_user_file(path)
    return snapshot.parse(decode_utf8(raw, source), source=source)


def import_files(
    store: Store, paths: Sequence[Path], *, replace: bool, now: datetime
) -> list[ImportedPlan]:
    """Import every file, or none: all checks first, then one transaction."""
    docs = [(str(path), read_snapshot_file(path)) for path in paths]
    return import_docs(store, docs, replace=replace, now=now)


def import_docs(
    store: Store, docs: Sequence[tuple[str, SnapshotDoc]], *, replace: bool, now: datetime
) -> list[ImportedPlan]:
    _check_files(docs)
    with store.write() as session:
        existing = _check_against(session, docs, replace=replace)
        agencies = AgencyBook(session)
        for source, doc in docs:
            agencies.merge(doc.agencies, source=source)
        for _, doc in docs:
            for plan_doc in doc.plans:
                if plan_doc.key in existing:
                    session.execute(sa.delete(Plan).where(col(Plan.key) == plan_doc.key))
                actions = [a for a in doc.actions if a.plan == plan_doc.key]
                insert_plan(session, plan_doc, actions, agencies, now=now)
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


def _imported(docs: Sequence[tuple[str, SnapshotDoc]], existing: set[str]) -> list[ImportedPlan]:
    results = []
    for source, doc in docs:
        for plan_doc in doc.plans:
            actions = [a for a in doc.actions if a.plan == plan_doc.key]
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
) -> None:
    """A new plan with its scheme, themes and actions (agencies merged in already)."""
    plan = Plan(
        key=doc.key,
        title=doc.title,
        issuing_body=doc.issuing_body,
        source_document=doc.source_document,
        period=doc.period,
        vision=doc.vision,
        mission=doc.mission,
        description=doc.description,
        scheme_key=doc.scheme.key,
        scheme_name=doc.scheme.name,
        created_at=doc.created_at or now,
        modified_at=doc.modified_at or doc.created_at or now,
    )
    session.add(plan)
    session.flush()
    plan_id = plan.id or 0
    status_ids = _insert_rows(
        session,
        Status,
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
    status_by_key = {s.key: sid for s, sid in zip(doc.scheme.statuses, status_ids, strict=True)}
    theme_by_name = insert_themes(session, plan_id, doc.themes)
    insert_actions(
        session,
        plan_id,
        actions,
        theme_ids=theme_by_name,
        status_ids=status_by_key,
        agencies=agencies,
        now=now,
    )


def insert_themes(
    session: Session, plan_id: int, themes: Sequence[ThemeDoc], *, first_position: int = 0
) -> dict[str, int]:
    """Themes appended to a plan in the order given; their ids by name."""
    ids = _insert_rows(
        session,
        Theme,
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
    return {t.name: tid for t, tid in zip(themes, ids, strict=True)}


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
) -> list[int]:
    """Actions with their leads, updates and history, each at the end of its theme.

    `next_positions` gives, by theme name, the first free position of themes
    that already hold actions. Returns the new ids in the order given.
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
    action_ids = _insert_rows(session, Action, action_rows)
    leads: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    for a, action_id in zip(actions, action_ids, strict=True):
        leads.extend(lead_rows(action_id, a.leads, agencies))
        updates.extend(update_row(action_id, u, now=now) for u in a.updates)
        history.extend(history_row(action_id, h) for h in a.history)
    insert_log_rows(session, leads=leads, updates=updates, history=history)
    return action_ids


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
    for model, rows in ((ActionLead, leads), (Update, updates), (StatusChange, history)):
        if rows:
            session.execute(sa.insert(model), list(rows))


def _insert_rows(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert many rows at once and return their new ids, in the order given."""
    if not rows:
        return []
    table = model.__table__
    result = session.execute(
        sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
    )
    return [row[0] for row in result]
