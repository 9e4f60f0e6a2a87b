"""Finding plans, themes, actions, statuses and agencies by the names users type.

A name that matches nothing raises `NotFoundError` with the nearest match
suggested, so a typo costs one glance rather than a search.
"""

import difflib
from collections.abc import Iterable

import sqlalchemy as sa
from sqlmodel import Session, col, select

from planterm.domain.models import Action, Agency, Plan, Status, Theme
from planterm.domain.schemes import means
from planterm.errors import NotFoundError

UNTRIAGED_WORDS = ("untriaged", "none", "?")


def suggestion(word: str, candidates: Iterable[str], *, kind: str, kinds: str | None = None) -> str:
    """ "did you mean X?" when something is close, else a list of what exists.

    `kind` names one ("plan"); `kinds` is its plural when that is not `kind`
    and an s ("agencies").
    """
    plural = kinds or f"{kind}s"
    names = list(dict.fromkeys(candidates))
    by_fold = {name.casefold(): name for name in names}
    close = difflib.get_close_matches(word.casefold(), list(by_fold), n=1, cutoff=0.5)
    if close:
        return f"did you mean {by_fold[close[0]]!r}?"
    if not names:
        return f"there are no {plural} yet"
    shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
    return f"known {plural}: {shown}"


def plan_by_key(session: Session, key: str) -> Plan:
    plan = session.exec(select(Plan).where(Plan.key == key)).first()
    if plan is None:
        plan = session.exec(select(Plan).where(sa.func.lower(Plan.key) == key.lower())).first()
    if plan is None:
        keys = session.exec(select(Plan.key).order_by(col(Plan.key))).all()
        raise NotFoundError(f"no plan {key!r}", hint=suggestion(key, keys, kind="plan"))
    return plan


def action_by_ref(session: Session, plan: Plan, ref: str) -> Action:
    wanted = ref.strip()
    action = session.exec(
        select(Action).where(Action.plan_id == plan.id, Action.ref == wanted)
    ).first()
    if action is None:
        refs = session.exec(
            select(Action.ref)
            .join(Theme, col(Theme.id) == col(Action.theme_id))
            .where(Action.plan_id == plan.id)
            .order_by(col(Theme.position), col(Action.position))
        ).all()
        for candidate in refs:
            if candidate.casefold() == wanted.casefold():
                return action_by_ref(session, plan, candidate)
        raise NotFoundError(
            f"plan {plan.key} has no ref {ref!r}", hint=suggestion(ref, refs, kind="ref")
        )
    return action


def theme_by_name(session: Session, plan: Plan, name: str) -> Theme:
    themes = session.exec(
        select(Theme).where(Theme.plan_id == plan.id).order_by(col(Theme.position))
    ).all()
    for theme in themes:
        if theme.name.casefold() == name.strip().casefold():
            return theme
    raise NotFoundError(
        f"plan {plan.key} has no theme {name!r}",
        hint=suggestion(name, [t.name for t in themes], kind="theme"),
    )


def themes_named(session: Session, name: str) -> list[Theme]:
    """Themes of any plan with this name (case-blind)."""
    themes = session.exec(select(Theme)).all()
    found = [t for t in themes if t.name.casefold() == name.strip().casefold()]
    if not found:
        raise NotFoundError(
            f"no theme {name!r}",
            hint=suggestion(name, sorted({t.name for t in themes}), kind="theme"),
        )
    return found


def agency_by_name(session: Session, name: str) -> Agency:
    """The agency called `name`, or known by it as an alias."""
    wanted = name.strip().casefold()
    agencies = session.exec(select(Agency).order_by(col(Agency.name))).all()
    for agency in agencies:
        if wanted in (n.casefold() for n in (agency.name, *agency.aliases)):
            return agency
    every = [n for a in agencies for n in (a.name, *a.aliases)]
    raise NotFoundError(
        f"no agency {name!r}", hint=suggestion(name, every, kind="agency", kinds="agencies")
    )


def plan_statuses(session: Session, plan: Plan) -> list[Status]:
    return list(
        session.exec(select(Status).where(Status.plan_id == plan.id).order_by(col(Status.position)))
    )


def status_for_word(session: Session, plan: Plan, word: str) -> Status | None:
    """The plan's status a user means by `word`; None means untriaged."""
    if means(word, UNTRIAGED_WORDS):
        return None
    statuses = plan_statuses(session, plan)
    for status in statuses:
        if means(word, (status.key, status.label, status.symbol, *status.aliases)):
            return status
    keys = ", ".join(s.key for s in statuses)
    raise NotFoundError(
        f"status {word!r} is not in the scheme of plan {plan.key}",
        hint=f"use one of {keys}, or untriaged",
    )
