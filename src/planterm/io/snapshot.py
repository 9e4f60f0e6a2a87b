"""The TOML snapshot: parse and check a file, or render one, byte-stable.

The shapes below are the contract of docs/snapshot-format.md. Parsing checks
everything that can be checked without a database (types, unknown keys,
cross-references inside the file) and reports the first problem as one
`InputError` naming the file, the line and the plan and ref.
"""

import re
import tomllib
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import tomli_w
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints
from pydantic import ValidationError as PydanticValidationError

from planterm.domain.schemes import Category, StatusDef
from planterm.domain.utc import in_utc
from planterm.domain.views import StatusView
from planterm.errors import InputError
from planterm.io import toml_halves
from planterm.io.collector import collector_paused
from planterm.io.snapshot_records import FORMAT as FORMAT
from planterm.io.snapshot_records import VERSION as VERSION
from planterm.io.user_files import TEXT_LIMIT, decode_utf8, read_user_file, too_long

PLAN_KEY_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"

Text = Annotated[str, StringConstraints(min_length=1)]


def _held_in_utc(moment: datetime) -> datetime:
    """A moment the database can store: it is kept in UTC, so it must have a UTC time
    (0001-01-01 00:30+01:00 falls before the year 1 there)."""
    try:
        in_utc(moment)
    except OverflowError:
        raise ValueError("this moment falls outside the years 1 to 9999 in UTC") from None
    return moment


Moment = Annotated[AwareDatetime, AfterValidator(_held_in_utc)]
Key = Annotated[str, StringConstraints(pattern=PLAN_KEY_PATTERN)]


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class AgencyDoc(_Doc):
    name: Text
    aliases: list[Text] = []


class StatusDoc(_Doc):
    key: Key
    label: Text
    meaning: str
    symbol: Text
    category: Category
    colour: str | None = None
    aliases: list[Text] = []

    def view(self) -> StatusView:
        return StatusView(
            key=self.key,
            label=self.label,
            meaning=self.meaning,
            symbol=self.symbol,
            category=self.category,
            colour=self.colour,
            aliases=tuple(self.aliases),
        )


class SchemeDoc(_Doc):
    key: Text
    name: Text
    statuses: Annotated[list[StatusDoc], Field(min_length=1)]

    def status_keys(self) -> list[str]:
        return [s.key for s in self.statuses]


class ThemeDoc(_Doc):
    name: Text
    description: str | None = None


class PlanDoc(_Doc):
    key: Key
    title: Text
    issuing_body: Text
    source_document: str | None = None
    period: str | None = None
    vision: str | None = None
    mission: str | None = None
    description: str | None = None
    created_at: Moment | None = None
    modified_at: Moment | None = None
    scheme: SchemeDoc
    themes: list[ThemeDoc] = []


class UpdateDoc(_Doc):
    date: date
    period: str | None = None
    author: str | None = None
    body: Text


class HistoryDoc(_Doc):
    at: Moment
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    by: Text
    reason: str | None = None


class ActionDoc(_Doc):
    plan: Text
    theme: Text
    ref: Text
    text: Text
    leads: list[Text] = []
    owner: str | None = None
    status: str | None = None
    due: date | None = None
    start_after: date | None = None
    created_at: Moment | None = None
    modified_at: Moment | None = None
    fields: dict[str, str] = {}
    updates: list[UpdateDoc] = []
    history: list[HistoryDoc] = []


class SnapshotDoc(_Doc):
    format: Literal["planterm-snapshot"]
    version: int
    exported_at: Moment | None = None
    agencies: list[AgencyDoc] = []
    plans: list[PlanDoc] = []
    actions: list[ActionDoc] = []


def scheme_doc(key: str, name: str, statuses: Iterable[StatusView | StatusDef]) -> SchemeDoc:
    """A status scheme as a snapshot writes it, from a plan's statuses or a built-in key."""
    return SchemeDoc(
        key=key,
        name=name,
        statuses=[
            StatusDoc(
                key=s.key,
                label=s.label,
                meaning=s.meaning,
                symbol=s.symbol,
                category=s.category,
                colour=s.colour,
                aliases=list(s.aliases),
            )
            for s in statuses
        ],
    )


# ---------------------------------------------------------------- rendering


def render(doc: SnapshotDoc) -> str:
    """The TOML text of `doc`, keys in the documented order, no empty values."""
    data = _prune(doc.model_dump(by_alias=True, mode="python"))
    return tomli_w.dumps(data)


def _prune(value: Any) -> Any:
    """Drop None and empty containers: TOML has no null, and absent means none."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v is not None and v != [] and v != {}}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


# ------------------------------------------------------------------ parsing


_LINE_COL = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_file(path: Path, *, meanwhile: Callable[[], object] | None = None) -> SnapshotDoc:
    """Read and check one snapshot file; `InputError` names the file on any problem.

    `meanwhile` runs while the file is parsed (see `toml_halves.loads`).
    """
    source = str(path)
    raw = read_user_file(path)
    return parse(decode_utf8(raw, source), source=source, meanwhile=meanwhile)


def parse(text: str, *, source: str, meanwhile: Callable[[], object] | None = None) -> SnapshotDoc:
    """Read and check one snapshot; raise `InputError` on the first problem."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        with collector_paused():
            raw = toml_halves.loads(text, meanwhile=meanwhile)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _LINE_COL.search(message)
        if found:
            where = f"{source}, line {found[1]}, column {found[2]}"
        elif _AT_END in message:  # a truncated file: its last line is where it stops
            where = f"{source}, line {max(1, len(text.splitlines()))}"
        else:
            where = source
        reason = _LINE_COL.sub("", message).replace(_AT_END, "(the file ends there)").strip()
        raise InputError(
            f"not valid TOML: {reason}",
            where=where,
            hint="fix the file, or export the snapshot again",
        ) from None
    except RecursionError:  # tomllib recurses once per level of [ or {
        raise InputError(
            "values are nested too deeply to read",
            where=f"{source}, line {_deep_line(text)}",
            hint="a snapshot nests a few levels at most; fix the file, or export it again",
        ) from None
    _check_header(raw, source=source, text=text)
    _check_text_lengths(raw, source=source, text=text)
    with collector_paused():
        try:
            doc = SnapshotDoc.model_validate(raw)
        except PydanticValidationError as exc:
            raise _validation_error(exc, raw=raw, text=text, source=source) from None
        check_references(doc, source=source, text=text)
    return doc


_AT_END = "(at end of document)"
DEEP = 64


def _deep_line(text: str) -> int:
    """The line where brackets and braces first open more than `DEEP` levels."""
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        for char in line:
            depth += char in "[{"
            depth -= char in "]}"
            if depth > DEEP:
                return number
    return 1


def _check_text_lengths(raw: dict[str, Any], *, source: str, text: str) -> None:
    """Refuse the first string longer than `TEXT_LIMIT`, by its record and line."""
    if len(text) <= TEXT_LIMIT:
        return  # no string in it can be longer than the file
    loc = _long_string(raw)
    if loc is None:
        return
    value: Any = raw
    for part in loc:
        value = value[part]
    context = _record_context(raw, loc)
    inside = loc[2:] if context else loc
    name = ".".join(str(p) for p in inside if not isinstance(p, int))
    raise InputError(
        f"{context}: {name}: {too_long(value)}" if context else f"{name}: {too_long(value)}",
        where=_where(source, text, loc),
        hint="shorten it, or keep the long document elsewhere and name it",
    )


def _long_string(value: Any) -> tuple[Any, ...] | None:
    """The path to the first string over `TEXT_LIMIT` inside `value`, or None."""
    if isinstance(value, str):
        return () if len(value) > TEXT_LIMIT else None
    items: Iterable[tuple[Any, Any]]
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(item, str) and len(item) <= TEXT_LIMIT:
            continue  # the common case, without a call
        found = _long_string(item)
        if found is not None:
            return (key, *found)
    return None


def _check_header(raw: dict[str, Any], *, source: str, text: str) -> None:
    fmt = raw.get("format")
    if fmt != FORMAT:
        shown = "no format key" if fmt is None else f"format = {fmt!r}"
        raise InputError(
            f"not a planterm snapshot ({shown})",
            where=source if fmt is None else _where(source, text, ("format",)),
            hint=f'a snapshot starts with format = "{FORMAT}"; export one with planterm export',
        )
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(
            f"snapshot version {version!r} is not a version number",
            where=_where(source, text, ("version",)),
            hint=f"version = {VERSION}",
        )
    if version > VERSION:
        raise InputError(
            f"this snapshot is version {version}, made by a newer planterm "
            f"(this one reads version {VERSION})",
            where=_where(source, text, ("version",)),
            hint="upgrade planterm to read it",
        )


def _validation_error(
    exc: PydanticValidationError, *, raw: dict[str, Any], text: str, source: str
) -> InputError:
    first = exc.errors()[0]
    loc = tuple(first["loc"])
    inside = loc[2:] if len(loc) > 2 and isinstance(loc[1], int) else loc
    field = ".".join(str(p) for p in inside if not isinstance(p, int)) or str(loc[0])
    kind = first["type"]
    if kind == "missing":
        problem = f"{loc[-1]} is missing"
    elif kind == "extra_forbidden":
        problem = f"unknown key {loc[-1]!r}"
    else:
        problem = f"{field}: {first['msg'].removeprefix('Value error, ').rstrip('.')}"
    context = _record_context(raw, loc)
    message = f"{context}: {problem}" if context else problem
    return InputError(
        message,
        where=_where(source, text, loc),
        hint="see docs/snapshot-format.md for the keys and their types",
    )


def _record_context(raw: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """Name the record an error is in: "action pcc-da-2020 ref 3", "plan x"."""
    if len(loc) < 2 or not isinstance(loc[1], int):
        return ""
    try:
        record = raw[loc[0]][loc[1]]
    except (KeyError, IndexError, TypeError):
        return ""
    if not isinstance(record, dict):
        return f"{loc[0]}[{loc[1]}]"
    if loc[0] == "actions":
        return f"action {record.get('plan', '?')} ref {record.get('ref', '?')}"
    if loc[0] == "plans":
        return f"plan {record.get('key', loc[1])}"
    if loc[0] == "agencies":
        return f"agency {record.get('name', loc[1])}"
    return f"{loc[0]}[{loc[1]}]"


def _where(source: str, text: str, loc: tuple[Any, ...]) -> str:
    line = line_of(text, loc)
    return f"{source}, line {line}" if line else source


_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(#.*)?$")


def line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line where the value at `loc` (a validation path) is written, if found.

    Follows `[[array]]` headers by count and then looks for `key =` inside the
    record; good enough to point a user at the right place, not a TOML parser.
    """
    lines = text.splitlines()
    start, end = 0, len(lines)
    table = ""
    index = 0
    while index < len(loc):
        part = loc[index]
        nxt = loc[index + 1] if index + 1 < len(loc) else None
        if isinstance(nxt, int):
            table = f"{table}.{part}" if table else str(part)
            found = _nth_header(lines, table, nxt, start, end)
            if found is None:
                return None
            start, end = found
            index += 2
            continue
        pattern = re.compile(rf"^\s*\"?{re.escape(str(part))}\"?\s*=")
        for number in range(start, end):
            if pattern.match(lines[number]):
                return number + 1
        return start + 1 if start else None
    return start + 1


def _nth_header(
    lines: list[str], table: str, n: int, start: int, end: int
) -> tuple[int, int] | None:
    seen = -1
    begin = None
    for number in range(start, end):
        found = _HEADER.match(lines[number])
        if not found:
            continue
        name = found[1].replace(" ", "")
        if begin is not None and (name == table or not name.startswith(f"{table}.")):
            return begin, number
        if name == table and lines[number].lstrip().startswith("[["):
            seen += 1
            if seen == n:
                begin = number
    if begin is not None:
        return begin, end
    return None


def check_references(doc: SnapshotDoc, *, source: str, text: str = "") -> None:
    """Check what refers to what inside one snapshot."""

    def fail(message: str, loc: tuple[Any, ...], hint: str) -> None:
        raise InputError(message, where=_where(source, text, loc), hint=hint)

    agency_names: dict[str, str] = {}
    for i, agency in enumerate(doc.agencies):
        for name in (agency.name, *agency.aliases):
            other = agency_names.get(name.casefold())
            if other is not None:
                fail(
                    f"agency name or alias {name!r} is used twice ({other} and {agency.name})",
                    ("agencies", i, "name"),
                    "give each agency and alias once",
                )
            agency_names[name.casefold()] = agency.name

    plans: dict[str, PlanDoc] = {}
    for i, plan in enumerate(doc.plans):
        if plan.key in plans:
            fail(f"plan {plan.key} appears twice", ("plans", i, "key"), "give each plan once")
        plans[plan.key] = plan
        duplicate = _first_duplicate(s.key for s in plan.scheme.statuses)
        if duplicate is not None:
            fail(
                f"plan {plan.key}: status {duplicate!r} appears twice in its scheme",
                ("plans", i, "scheme"),
                "give each status key once",
            )
        duplicate = _first_duplicate(t.name for t in plan.themes)
        if duplicate is not None:
            fail(
                f"plan {plan.key}: theme {duplicate!r} appears twice",
                ("plans", i, "themes"),
                "give each theme once",
            )

    theme_names = {key: {t.name for t in plan.themes} for key, plan in plans.items()}
    status_keys = {key: plan.scheme.status_keys() for key, plan in plans.items()}
    refs: set[tuple[str, str]] = set()
    for i, action in enumerate(doc.actions):
        label = f"action {action.plan} ref {action.ref}"
        plan_doc = plans.get(action.plan)
        if plan_doc is None:
            fail(
                f"{label}: plan {action.plan!r} is not in this file",
                ("actions", i, "plan"),
                "every action's plan must be one of the file's [[plans]]",
            )
            return
        if (action.plan, action.ref) in refs:
            fail(
                f"{label}: ref {action.ref} appears twice in plan {action.plan}",
                ("actions", i, "ref"),
                "give each action of a plan its own ref",
            )
        refs.add((action.plan, action.ref))
        if action.theme not in theme_names[action.plan]:
            fail(
                f"{label}: theme {action.theme!r} is not a theme of plan {action.plan}",
                ("actions", i, "theme"),
                "add it to the plan's themes or fix the name",
            )
        keys = status_keys[action.plan]
        if action.status is not None and action.status not in keys:
            fail(
                f"{label}: status {action.status!r} is not in the plan's scheme",
                ("actions", i, "status"),
                f"use one of {', '.join(keys)}, or leave it out for untriaged",
            )
        for j, change in enumerate(action.history):
            for value, name in ((change.from_, "from"), (change.to, "to")):
                if value is not None and value not in keys:
                    fail(
                        f"{label}: history {name} {value!r} is not in the plan's scheme",
                        ("actions", i, "history", j, name),
                        f"use one of {', '.join(keys)}",
                    )
        named: set[str] = set()
        for lead in action.leads:
            canonical = agency_names.get(lead.casefold())
            if canonical is None:
                fail(
                    f"{label}: lead agency {lead!r} is not among the file's agencies",
                    ("actions", i, "leads"),
                    "add it to [[agencies]] or fix the name",
                )
            elif canonical in named:
                fail(
                    f"{label}: lead agency {canonical!r} is named twice",
                    ("actions", i, "leads"),
                    "name each lead once",
                )
            if canonical is not None:
                named.add(canonical)


def _first_duplicate(values: Iterable[str]) -> str | None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return None
