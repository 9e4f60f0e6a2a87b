"""Finding plans, themes, statuses and agencies by the names users type.

A name that matches nothing raises `NotFoundError` with the nearest match
suggested, so a typo costs one glance rather than a search. These rules read
through a `Reader`, so the command line's quick read path and the services
that write (through `catalog`) find things the same way.
"""

from collections.abc import Iterable, Sequence

from planterm.domain.schemes import means
from planterm.errors import NotFoundError
from planterm.storage import queries
from planterm.storage.queries import AgencyRecord, PlanRecord, StatusRecord, ThemeRecord
from planterm.storage.reader import Reader

UNTRIAGED_WORDS = ("untriaged", "none", "?")


def suggestion(word: str, candidates: Iterable[str], *, kind: str, kinds: str | None = None) -> str:
    """ "did you mean X?" when something is close, else a list of what exists.

    `kind` names one ("plan"); `kinds` is its plural when that is not `kind`
    and an s ("agencies").
    """
    import difflib  # only a mistyped name needs it

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


def find_plan(db: Reader, key: str) -> PlanRecord:
    plan = queries.plan_keyed(db, key)
    if plan is None:
        keys = [p.key for p in queries.plans(db)]
        raise NotFoundError(f"no plan {key!r}", hint=suggestion(key, keys, kind="plan"))
    return plan


def find_action(db: Reader, plan: PlanRecord, ref: str) -> int:
    """The id of the plan's action `ref`: exactly as written, else whatever its case."""
    wanted = ref.strip()
    refs = queries.action_refs(db, plan.id)
    for id_, candidate in refs:
        if candidate == wanted:
            return id_
    for id_, candidate in refs:
        if candidate.casefold() == wanted.casefold():
            return id_
    raise NotFoundError(
        f"plan {plan.key} has no ref {ref!r}",
        hint=suggestion(ref, [r for _, r in refs], kind="ref"),
    )


def find_theme(db: Reader, plan: PlanRecord, name: str) -> ThemeRecord:
    """The plan's theme called `name` (case-blind)."""
    themes = queries.themes(db, plan.id)
    for theme in themes:
        if theme.name.casefold() == name.strip().casefold():
            return theme
    raise NotFoundError(
        f"plan {plan.key} has no theme {name!r}",
        hint=suggestion(name, [t.name for t in themes], kind="theme"),
    )


def themes_named(db: Reader, name: str) -> list[ThemeRecord]:
    """Themes of any plan with this name (case-blind)."""
    themes = queries.themes(db)
    found = [t for t in themes if t.name.casefold() == name.strip().casefold()]
    if not found:
        raise NotFoundError(
            f"no theme {name!r}",
            hint=suggestion(name, sorted({t.name for t in themes}), kind="theme"),
        )
    return found


def find_agency(db: Reader, name: str) -> AgencyRecord:
    """The agency called `name`, or known by it as an alias."""
    wanted = name.strip().casefold()
    agencies = queries.agencies(db)
    for agency in agencies:
        if wanted in (n.casefold() for n in agency.names):
            return agency
    every = [n for a in agencies for n in a.names]
    raise NotFoundError(
        f"no agency {name!r}", hint=suggestion(name, every, kind="agency", kinds="agencies")
    )


def status_for_word(
    plan_key: str, statuses: Sequence[StatusRecord], word: str
) -> StatusRecord | None:
    """The status of a plan's scheme (`statuses`) a user means by `word`; None means untriaged."""
    if means(word, UNTRIAGED_WORDS):
        return None
    for status in statuses:
        view = status.view
        if means(word, (view.key, view.label, view.symbol, *view.aliases)):
            return status
    keys = ", ".join(s.view.key for s in statuses)
    raise NotFoundError(
        f"status {word!r} is not in the scheme of plan {plan_key}",
        hint=f"use one of {keys}, or untriaged",
    )
