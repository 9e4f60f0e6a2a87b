"""Small reads the app needs: agencies, and a fingerprint of the database."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import col, select

from planterm.domain.models import Action, ActionLead, Agency
from planterm.storage.store import Store


@dataclass(frozen=True)
class AgencyView:
    name: str
    aliases: tuple[str, ...]
    actions: int


def agencies(store: Store) -> list[AgencyView]:
    """Every agency with the number of actions it leads, by name."""
    with store.read() as session:
        counts = dict(
            session.execute(
                sa.select(col(ActionLead.agency_id), sa.func.count()).group_by(
                    col(ActionLead.agency_id)
                )
            ).all()
        )
        return [
            AgencyView(a.name, tuple(a.aliases), int(counts.get(a.id, 0)))
            for a in sorted(session.exec(select(Agency)), key=lambda a: a.name.casefold())
        ]


_FINGERPRINT = sa.text(
    "SELECT (SELECT count(*) FROM plan), (SELECT coalesce(sum(version), 0) FROM plan), "
    "(SELECT count(*) FROM theme), (SELECT count(*) FROM action), "
    "(SELECT coalesce(sum(version), 0) FROM action), (SELECT coalesce(max(id), 0) FROM action), "
    "(SELECT count(*) FROM progress_update), "
    "(SELECT coalesce(max(id), 0) FROM update_revision), "
    "(SELECT coalesce(max(id), 0) FROM status_change), (SELECT count(*) FROM agency)"
)


def fingerprint(store: Store) -> tuple[int, ...]:
    """Changes whenever anyone changes the plans; cheap enough to poll."""
    with store.read() as session:
        row = session.execute(_FINGERPRINT).one()
        return tuple(int(v) for v in row)


def action_exists(store: Store, action_id: int) -> bool:
    with store.read() as session:
        return session.get(Action, action_id) is not None
