"""Any plan the model can hold survives export, import, export unchanged.

Hypothesis builds snapshots of one or two plans (agencies with aliases, a
scheme, themes, actions with unicode text, leads, owner, status or none,
dates, extra fields, updates and status history), imports each into an empty
database and exports it: the export must hold everything given. That export,
imported into another empty database and exported again, must give the same
bytes.
"""

import shutil
import string
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planterm.domain.schemes import Category
from planterm.io import snapshot
from planterm.services.transfer import export_text, import_docs
from planterm.storage.store import Store
from tests.conftest import NOW, new_store

KEY_START = string.ascii_lowercase + string.digits
KEY_REST = KEY_START + "._-"

keys = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(KEY_START),
    st.text(alphabet=KEY_REST, max_size=8),
)
# Pieces a random text seldom holds, mixed among any unicode characters.
HAZARDS = [
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\x00",
    "\x1b[2J",
    "\u202e",
    "\ufeff",
    "\u200b",
    "e\u0301",
    "\U0001f3f3\ufe0f\u200d\U0001f308",
    '"""',
    "'''",
    "\\",
    "[bold]",
    "#",
    "=",
    " ",
]


def text_of(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    pieces = st.sampled_from(HAZARDS) | st.characters(exclude_categories=["Cs"])
    return st.lists(pieces, min_size=min_size, max_size=max_size).map("".join)


texts = text_of(1, 12)
maybe_text = st.none() | text_of(0, 8)
days = st.dates()  # the years 1 to 9999
offsets = st.sampled_from([UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5))])
moments = st.builds(
    lambda at, tz: at.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),  # any offset fits
    offsets,
)


def unique_by(values: list[str], key: Any = lambda v: v) -> list[str]:
    seen: set[Any] = set()
    kept = []
    for value in values:
        if key(value) not in seen:
            seen.add(key(value))
            kept.append(value)
    return kept


@st.composite
def agencies(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Agencies whose names and aliases never clash, compared without case."""
    names = unique_by(draw(st.lists(texts, max_size=8)), str.casefold)
    found = []
    while names:
        name = names.pop(0)
        count = draw(st.integers(0, min(2, len(names))))
        aliases, names = names[:count], names[count:]
        found.append({"name": name, **({"aliases": aliases} if aliases else {})})
    return found


def optional(draw: st.DrawFn, name: str, strategy: st.SearchStrategy[Any]) -> dict[str, Any]:
    value = draw(st.none() | strategy)
    return {} if value is None else {name: value}


@st.composite
def snapshots(draw: st.DrawFn) -> dict[str, Any]:
    """One snapshot: one or two plans, each with everything a plan can hold, sharing
    the file's agencies."""
    agency_docs = draw(agencies())
    plan_docs: list[dict[str, Any]] = []
    action_docs: list[dict[str, Any]] = []
    for key in unique_by(draw(st.lists(keys, min_size=1, max_size=2))):
        plan, actions = plan_with_actions(draw, key, agency_docs)
        plan_docs.append(plan)
        action_docs.extend(actions)
    return {
        "format": "planterm-snapshot",
        "version": snapshot.VERSION,
        "agencies": agency_docs,
        "plans": plan_docs,
        "actions": action_docs,
    }


def plan_with_actions(
    draw: st.DrawFn, plan_key: str, agency_docs: list[dict[str, Any]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    lead_names = [n for a in agency_docs for n in (a["name"], *a.get("aliases", []))]
    status_keys = unique_by(draw(st.lists(keys, min_size=1, max_size=4)))
    statuses = [
        {
            "key": key,
            "label": draw(texts),
            "meaning": draw(text_of(0, 10)),
            "symbol": draw(texts),
            "category": draw(st.sampled_from([c.value for c in Category])),
            **optional(draw, "colour", text_of(0, 2)),
            **optional(draw, "aliases", st.lists(texts, min_size=1, max_size=2)),
        }
        for key in status_keys
    ]
    theme_names = unique_by(draw(st.lists(texts, min_size=1, max_size=3)))
    plan = {
        "key": plan_key,
        "title": draw(texts),
        "issuing_body": draw(texts),
        **{name: value for name in ("source_document", "period", "vision", "mission",
                                    "description") if (value := draw(maybe_text)) is not None},
        **optional(draw, "created_at", moments),
        **optional(draw, "modified_at", moments),
        "scheme": {"key": draw(texts), "name": draw(texts), "statuses": statuses},
        "themes": [
            {"name": name, **optional(draw, "description", text_of(0, 6))}
            for name in theme_names
        ],
    }  # fmt: skip
    refs = unique_by(draw(st.lists(texts, max_size=6)))
    status_or_none = st.none() | st.sampled_from(status_keys)
    actions = []
    for ref in refs:
        canonical = {}
        for name in draw(st.lists(st.sampled_from(lead_names), max_size=3)) if lead_names else []:
            holder = next(
                a["name"] for a in agency_docs if name in (a["name"], *a.get("aliases", []))
            )
            canonical.setdefault(holder, name)  # each agency led once, by any of its names
        history = [
            {
                "at": draw(moments),
                **optional(draw, "from", status_or_none),
                **optional(draw, "to", status_or_none),
                "by": draw(texts),
                **optional(draw, "reason", text_of(0, 6)),
            }
            for _ in range(draw(st.integers(0, 2)))
        ]
        updates = [
            {
                "date": draw(days),
                **optional(draw, "period", text_of(0, 6)),
                **optional(draw, "author", text_of(0, 3)),
                "body": draw(texts),
            }
            for _ in range(draw(st.integers(0, 3)))
        ]
        actions.append(
            {
                "plan": plan_key,
                "theme": draw(st.sampled_from(theme_names)),
                "ref": ref,
                "text": draw(texts),
                **({"leads": list(canonical.values())} if canonical else {}),
                **optional(draw, "owner", text_of(0, 3)),
                **optional(draw, "status", st.sampled_from(status_keys)),
                **optional(draw, "due", days),
                **optional(draw, "start_after", days),
                **optional(draw, "created_at", moments),
                **optional(draw, "modified_at", moments),
                **optional(
                    draw, "fields", st.dictionaries(texts, text_of(0, 6), min_size=1, max_size=3)
                ),
                **({"updates": updates} if updates else {}),
                **({"history": history} if history else {}),
            }
        )
    return plan, actions


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty database file, copied for each example (a migration is slow)."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    new_store(path).dispose()
    return path


def export_of(empty_db: Path, folder: Path, name: str, doc: snapshot.SnapshotDoc) -> str:
    path = folder / name
    shutil.copyfile(empty_db, path)
    store = Store(f"sqlite:///{path}")
    try:
        import_docs(store, [(name, doc)], replace=False, now=NOW)
        return export_text(store, now=NOW)
    finally:
        store.dispose()


def essentials(doc: snapshot.SnapshotDoc) -> dict[str, Any]:
    """What a plan holds, apart from the order export chooses and the times import fills in."""
    canonical = {n.casefold(): a.name for a in doc.agencies for n in (a.name, *a.aliases)}
    used = {canonical[lead.casefold()] for action in doc.actions for lead in action.leads}
    return {
        "agencies": sorted((a.name, tuple(a.aliases)) for a in doc.agencies if a.name in used),
        "plans": {p.key: p.model_dump(exclude={"created_at", "modified_at"}) for p in doc.plans},
        "actions": {
            (a.plan, a.ref): (
                a.model_dump(exclude={"created_at", "modified_at", "leads", "updates", "history"}),
                [canonical[lead.casefold()] for lead in a.leads],
                sorted(u.model_dump_json() for u in a.updates),
                sorted((h.at, h.model_dump_json(exclude={"at"})) for h in a.history),
            )
            for a in doc.actions
        },
    }


@settings(
    max_examples=30,
    derandomize=True,  # the same examples on every run, as CI needs
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=snapshots())
def test_export_import_export_gives_the_same_bytes(
    data: dict[str, Any], empty_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("round")
    given_doc = snapshot.SnapshotDoc.model_validate(data)
    first = export_of(empty_db, folder, "first.db", given_doc)
    again = snapshot.parse(first, source="first.toml")
    assert essentials(again) == essentials(given_doc), "the first import lost or changed something"
    second = export_of(empty_db, folder, "second.db", again)
    assert second == first
