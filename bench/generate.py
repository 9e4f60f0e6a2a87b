"""A deterministic planterm database at the scale of a county partnership.

    python bench/generate.py --actions 10000 --db /tmp/bench-10k.db [--seed 1] [--today 2026-11-24]

At 10,000 actions: 200 plans (3-9 themes each, a mix of RAG and PCC 2020
schemes), 100 agencies with a few aliases, 1-5 lead agencies per action,
about 10 updates of about 300 characters per action (100,000), and status
history on some actions. Everything scales with --actions. The dates are set
against `today` so that every flag planterm computes (overdue, sequential,
due-to-start, stale, untriaged) holds for a share of the actions.

The schema comes from planterm's own migrations; the rows are then written
in bulk (Core `insert` with executemany, a plan's worth at a time, all in one
transaction), with ids given explicitly so no row has to be read back. The
triggers that keep the full-text index in step are set aside for the bulk
write and put back from their own stored SQL, and the index is rebuilt once,
so search finds every generated word and later edits stay indexed. 10,000
actions take about 5 s; 100,000 about 45 s in about 130 MB.

Same --actions, --seed and --today give the same database, down to the bytes
of `planterm export` (apart from exported_at). The harness imports
`generate()` from this file by path (bench/ is not a package).
"""

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from planterm.domain import rules
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
from planterm.domain.schemes import BUILT_IN, Category, SchemeDef
from planterm.errors import PlantermError
from planterm.storage import migrate
from planterm.storage.store import Store

DEFAULT_TODAY = date(2026, 11, 24)
DEFAULT_SEED = 1

ACTIONS_PER_PLAN = 50
UPDATES_PER_ACTION = 10  # on average: randint(0, 20)
ACTIONS_PER_AGENCY = 100
MIN_AGENCIES = 10  # enough for five leads on an action at small scale
BUSY_ACTION_UPDATES = 50  # the first action has this many updates (the UI opens it)
FLUSH_ROWS = 50_000  # rows held in memory before they are written

PLACES = (
    "Northshire", "Southdale", "Eastmoor", "Westbridge", "Kingsford", "Ashvale", "Brookmere",
    "Carrow", "Dunholme", "Elmstead", "Fairlow", "Greyhaven", "Hartwell", "Ivybridge",
    "Larkfield", "Millbrook", "Newholm", "Oakridge", "Pennick", "Redmarsh",
)  # fmt: skip
KINDS = (
    ("Police", None), ("County Council", "CC"), ("District Council", "DC"),
    ("Clinical Commissioning Group", "CCG"), ("Community Safety Partnership", "CSP"),
    ("Domestic Abuse Service", "DAS"), ("Women's Aid", "WA"), ("Housing Association", "HA"),
    ("Probation Service", "PS"), ("Fire and Rescue Service", "FRS"), ("NHS Trust", "NHS"),
    ("Safeguarding Children Partnership", "SCP"), ("Victim Support", "VS"),
    ("Refuge Trust", "RT"), ("Children's Services", "CS"),
)  # fmt: skip

THEME_NAMES = (
    "Prevention and early intervention", "Provision of services", "Pursuing perpetrators",
    "Partnership working", "Training and awareness", "Children and young people",
    "Housing and refuge", "Health and wellbeing", "Justice and courts",
    "Data and performance", "Communications", "Commissioning",
)  # fmt: skip

TOPICS = (
    "domestic abuse", "the IDVA service", "MARAC referrals", "refuge provision",
    "commissioning of outreach", "the Sanctuary scheme", "stalking advocacy",
    "Clare's Law disclosures", "perpetrator programmes", "Operation Encompass",
    "the helpline", "DHR recommendations", "forced marriage", "honour-based abuse",
    "coercive control training", "the DASH risk assessment", "safe accommodation",
    "children affected by domestic abuse", "older victims", "male victims",
)  # fmt: skip
VERBS = (
    "review", "develop", "commission", "extend", "evaluate", "map", "strengthen",
    "embed", "promote", "fund", "pilot", "deliver",
)  # fmt: skip
PARTNERS = (
    "the PCC", "the Domestic Abuse Partnership Board", "the local authority",
    "health partners", "specialist providers", "the Community Safety Partnership",
    "the police", "housing providers", "schools",
)  # fmt: skip
OUTCOMES = (
    "so that victims get the right support at the right time",
    "to improve the safety of victims and their children",
    "to reduce repeat referrals to MARAC",
    "so that perpetrators are held to account",
    "to close gaps in provision across the county",
    "to give survivors a voice in commissioning",
)  # fmt: skip
UPDATE_SENTENCES = (
    "The working group met and agreed terms of reference for {topic}.",
    "{partner} have been contacted about {topic} and a meeting is booked.",
    "Funding for {topic} has been confirmed until the end of the financial year.",
    "Referrals to {topic} rose this quarter, and waiting times are being monitored.",
    "A briefing on {topic} was delivered to frontline staff by the IDVA team.",
    "The commissioning review of {topic} is under way; a report goes to the Board next.",
    "Data on {topic} was shared at MARAC and will feed the needs assessment.",
    "Survivors were consulted on {topic} through the lived experience panel.",
    "{partner} report that {topic} is on hold while the new contract is let.",
    "The PCC to work with {partner} on {topic}; a draft plan is in circulation.",
    "Training on {topic} reached a further group of practitioners this month.",
    "Capacity in {topic} remains a risk, and the refuge has a waiting list.",
)  # fmt: skip
OWNERS = (
    "J. Patel, IDVA Service Manager", "S. Okafor, Commissioning Lead",
    "R. Hughes, DA Coordinator", "M. Walsh, MARAC Chair", "A. Nowak, Head of Housing",
    "L. Chen, Safeguarding Lead", "T. Evans, Partnership Manager",
)  # fmt: skip
AUTHORS = ("coordinator", "idva-team", "commissioning", "pcc-office")


@dataclass(frozen=True)
class Summary:
    plans: int
    actions: int
    updates: int
    agencies: int
    status_changes: int
    flags: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        counts = " ".join(f"{name}={self.flags.get(name, 0)}" for name in rules.Flag.ALL)
        return (
            f"plans={self.plans} actions={self.actions} updates={self.updates} "
            f"agencies={self.agencies} status_changes={self.status_changes} {counts}"
        )


def plan_count(actions: int) -> int:
    return max(1, round(actions / ACTIONS_PER_PLAN))


def agency_count(actions: int) -> int:
    return max(MIN_AGENCIES, round(actions / ACTIONS_PER_AGENCY))


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=UTC)


def _agencies(count: int) -> list[tuple[str, list[str]]]:
    """`count` distinct agency names, with aliases unique among all names and aliases."""
    result: list[tuple[str, list[str]]] = []
    taken: set[str] = set()
    for i in range(count):
        kind, short = KINDS[i % len(KINDS)]
        place = PLACES[(i // len(KINDS)) % len(PLACES)]
        round_no = i // (len(KINDS) * len(PLACES))
        name = f"{place} {kind}" + (f" (Area {round_no + 1})" if round_no else "")
        taken.add(name.casefold())
        aliases = []
        if short and not round_no:
            for alias in (f"{place[0]}{short}", f"{place} {short}"):
                if alias.casefold() not in taken:
                    aliases.append(alias)
                    taken.add(alias.casefold())
        result.append((name, aliases))
    return result


def _recommendation(rng: random.Random) -> str:
    return (
        f"{rng.choice(PARTNERS).capitalize()} to {rng.choice(VERBS)} {rng.choice(TOPICS)} "
        f"with {rng.choice(PARTNERS)} {rng.choice(OUTCOMES)}."
    )


def _update_body(rng: random.Random) -> str:
    sentences = ["Update:"]
    length = 7
    while length < 280:
        sentence = rng.choice(UPDATE_SENTENCES).format(
            topic=rng.choice(TOPICS), partner=rng.choice(PARTNERS)
        )
        sentence = sentence[0].upper() + sentence[1:]
        sentences.append(sentence)
        length += len(sentence) + 1
    return " ".join(sentences)


def _refs(count: int, rng: random.Random) -> list[str]:
    """Refs as the documents write them: "1", "2", and sub-items "12.1", "12.2"."""
    refs: list[str] = []
    number = 0
    while len(refs) < count:
        number += 1
        if rng.random() < 0.2 and count - len(refs) >= 2:
            refs.extend(f"{number}.{k}" for k in range(1, rng.randint(2, 4) + 1))
        else:
            refs.append(str(number))
    return refs[:count]


def _pick_status(
    scheme: SchemeDef, kind: str, rng: random.Random
) -> tuple[str | None, Category | None]:
    """A status of `scheme` for an action of `kind`; (None, None) is untriaged."""
    if kind == "untriaged":
        return None, None
    wanted = {
        "done": (Category.DONE,),
        "waiting": (Category.NOT_STARTED, Category.DEFERRED),
    }.get(kind, (Category.ACTIVE, Category.AT_RISK))
    choices = [s for s in scheme.statuses if s.category in wanted]
    status = rng.choice(choices)
    return status.key, status.category


def generate(
    path: Path | str,
    *,
    actions: int,
    seed: int = DEFAULT_SEED,
    today: date = DEFAULT_TODAY,
    plans: int | None = None,
) -> Summary:
    """Create a new database at `path` holding `actions` actions; refuse an existing file.

    `plans` splits them into that many plans instead of one per `ACTIONS_PER_PLAN`.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists; give a new file")
    if actions < 1:
        raise ValueError("--actions must be at least 1")
    if plans is not None and not 1 <= plans <= actions:
        raise ValueError("--plans must be between 1 and the number of actions")
    epoch = today - timedelta(days=3 * 365)  # the plans were written about three years ago
    created = datetime.combine(epoch, time(9, 0), tzinfo=UTC)
    store = Store(f"sqlite:///{path}")
    try:
        migrate.prepare(store, now=created)
        with store.writer_engine.begin() as connection:
            triggers = _drop_fts_triggers(connection)
            summary = _write(
                connection, actions=actions, seed=seed, today=today, created=created, plans=plans
            )
            _restore_fts(connection, triggers)
    except BaseException:
        store.dispose()
        for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        raise
    store.dispose()
    return summary


def _drop_fts_triggers(connection: sa.Connection) -> list[str]:
    """Drop the triggers that keep the full-text index in step; their SQL, to restore.

    Indexing row by row from triggers costs more than one rebuild at the end.
    """
    found = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    ).all()
    kept = [(name, sql) for name, sql in found if name.startswith(migrate.FTS_TABLES)]
    for name, _sql in kept:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    return [sql for _name, sql in kept]


def _restore_fts(connection: sa.Connection, triggers: Sequence[str]) -> None:
    """Put the triggers back as the migration made them, and index every row."""
    for sql in triggers:
        connection.exec_driver_sql(sql)
    for fts in migrate.FTS_TABLES:
        connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


class _Rows:
    """Rows waiting to be inserted, by table, with ids given in insert order."""

    ORDER = (Agency, Plan, Status, Theme, Action, ActionLead, Update, StatusChange)

    def __init__(self) -> None:
        self.waiting: dict[Any, list[dict[str, Any]]] = {model: [] for model in self.ORDER}
        self.count: dict[Any, int] = dict.fromkeys(self.ORDER, 0)
        self.pending = 0

    def add(self, model: Any, row: dict[str, Any]) -> int:
        self.count[model] += 1
        if "id" in model.__table__.c:
            row["id"] = self.count[model]
        self.waiting[model].append(row)
        self.pending += 1
        return self.count[model]

    def flush(self, connection: sa.Connection) -> None:
        """Insert what waits, parents first, each table in one executemany."""
        for model in self.ORDER:
            if self.waiting[model]:
                connection.execute(sa.insert(model), self.waiting[model])
                self.waiting[model] = []
        self.pending = 0


def _write(
    connection: sa.Connection,
    *,
    actions: int,
    seed: int,
    today: date,
    created: datetime,
    plans: int | None = None,
) -> Summary:
    rng = random.Random(f"planterm-bench:{seed}")
    quarter = rules.Quarter.containing(today)
    epoch = created.date()
    rows = _Rows()
    agencies = _agencies(agency_count(actions))
    for name, aliases in agencies:
        rows.add(Agency, {"name": name, "aliases": aliases})
    n_plans = plans or plan_count(actions)
    base, extra = divmod(actions, n_plans)
    flag_counts = dict.fromkeys(rules.Flag.ALL, 0)
    kinds = ("done", "active", "waiting", "untriaged")
    kind_weights = (25, 45, 22, 8)

    for p in range(n_plans):
        plan_id = p + 1
        scheme = BUILT_IN["rag" if p % 2 == 0 else "pcc-2020"]
        first_year = epoch.year + rng.randint(-1, 1)
        rows.add(
            Plan,
            {
                "key": f"plan-{plan_id:04d}",
                "title": f"{rng.choice(PLACES)} Domestic Abuse Action Plan {first_year}",
                "issuing_body": f"{rng.choice(PLACES)} Office of the Police and Crime Commissioner",
                "source_document": f"da-action-plan-{plan_id:04d}.pdf",
                "period": f"{first_year}-{first_year + 3}",
                "vision": "Everyone in the county lives free from domestic abuse.",
                "mission": None,
                "description": _recommendation(rng),
                "scheme_key": scheme.key,
                "scheme_name": scheme.name,
                "created_at": created,
                "modified_at": created,
                "version": 1,
            },
        )
        status_ids: dict[str, int] = {}
        for position, s in enumerate(scheme.statuses):
            status_ids[s.key] = rows.add(
                Status,
                {
                    "plan_id": plan_id,
                    "position": position,
                    "key": s.key,
                    "label": s.label,
                    "meaning": s.meaning,
                    "symbol": s.symbol,
                    "category": s.category.value,
                    "colour": s.colour,
                    "aliases": list(s.aliases),
                },
            )
        theme_ids = []
        for position, name in enumerate(rng.sample(THEME_NAMES, rng.randint(3, 9))):
            theme = {"plan_id": plan_id, "position": position, "name": name, "description": None}
            theme_ids.append(rows.add(Theme, theme))
        count = base + (1 if p < extra else 0)
        refs = _refs(count, rng)
        per_theme = max(1, -(-count // len(theme_ids)))
        for index, ref in enumerate(refs):
            kind = rng.choices(kinds, kind_weights)[0]
            key, category = _pick_status(scheme, kind, rng)
            due = today + timedelta(days=rng.randint(-400, 400)) if rng.random() < 0.8 else None
            start_after = None
            if kind == "waiting" or rng.random() < 0.1:
                start_after = today + timedelta(days=rng.randint(-200, 200))
            theme_id = theme_ids[min(index // per_theme, len(theme_ids) - 1)]
            action_id = rows.add(
                Action,
                {
                    "plan_id": plan_id,
                    "theme_id": theme_id,
                    "position": index,
                    "ref": ref,
                    "text": _recommendation(rng),
                    "owner": rng.choice(OWNERS) if rng.random() < 0.4 else None,
                    "status_id": status_ids[key] if key else None,
                    "due": due,
                    "start_after": start_after,
                    "fields": {},
                    "created_at": created,
                    "modified_at": created,
                    "version": 1,
                },
            )
            for position, agency in enumerate(
                rng.sample(range(1, len(agencies) + 1), rng.randint(1, 5))
            ):
                rows.add(
                    ActionLead, {"action_id": action_id, "agency_id": agency, "position": position}
                )
            n_updates = (
                BUSY_ACTION_UPDATES if action_id == 1 else rng.randint(0, 2 * UPDATES_PER_ACTION)
            )
            # a third of the actions have had no update this quarter (stale unless done)
            latest = today if rng.random() < 0.67 else quarter.start - timedelta(days=1)
            span = (latest - epoch).days
            days = sorted(epoch + timedelta(days=rng.randint(0, span)) for _ in range(n_updates))
            if days and latest == today:
                days[-1] = quarter.start + timedelta(
                    days=rng.randint(0, (today - quarter.start).days)
                )
                days.sort()
            for day in days:
                rows.add(
                    Update,
                    {
                        "action_id": action_id,
                        "date": day,
                        "period": rules.Quarter.containing(day).label,
                        "author": rng.choice(AUTHORS) if rng.random() < 0.7 else None,
                        "body": _update_body(rng),
                        "created_at": _moment(day, rng),
                        "removed_at": None,
                        "removed_by": None,
                    },
                )
            if key is not None and rng.random() < 0.3:
                path_keys: list[str | None] = [None]
                path_keys += [rng.choice(scheme.keys()) for _ in range(rng.randint(0, 2))]
                path_keys.append(key)
                step_days = sorted(
                    epoch + timedelta(days=rng.randint(0, (today - epoch).days))
                    for _ in path_keys[1:]
                )
                for before, after, day in zip(path_keys, path_keys[1:], step_days, strict=False):
                    if before == after:
                        continue
                    rows.add(
                        StatusChange,
                        {
                            "action_id": action_id,
                            "at": _moment(day, rng),
                            "from_key": before,
                            "to_key": after,
                            "by": rng.choice(AUTHORS),
                            "reason": "Agreed at the partnership board"
                            if rng.random() < 0.3
                            else None,
                        },
                    )
            in_quarter = any(d in quarter for d in days)
            for flag in rules.flags_for(
                due=due,
                start_after=start_after,
                category=category,
                updated_this_quarter=in_quarter,
                today=today,
            ):
                flag_counts[flag] += 1

        if rows.pending >= FLUSH_ROWS:
            rows.flush(connection)
    rows.flush(connection)
    return Summary(
        plans=rows.count[Plan],
        actions=rows.count[Action],
        updates=rows.count[Update],
        agencies=rows.count[Agency],
        status_changes=rows.count[StatusChange],
        flags=flag_counts,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--actions", type=int, required=True, help="how many actions")
    parser.add_argument("--db", type=Path, required=True, help="a new database file")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--plans", type=int, help="how many plans [default: one per 50 actions]")
    parser.add_argument(
        "--today", type=date.fromisoformat, default=DEFAULT_TODAY, help="YYYY-MM-DD"
    )
    args = parser.parse_args(argv)
    try:
        summary = generate(
            args.db, actions=args.actions, seed=args.seed, today=args.today, plans=args.plans
        )
    except (FileExistsError, ValueError, PlantermError) as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 1
    print(summary.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
