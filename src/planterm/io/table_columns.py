"""Which column of a pasted table is which: headers in the forms plans use.

The documents head their columns "Ref" or "No", "Recommendation", "Action",
"Deliverable" or "What works", "Lead agencies", "Responsibility" or
"Organisation", "Status" or "RAG Status", "Update January - March 2021" or
"Current status", "Due", "Target" or "Timescale". Any other heading is kept as
an extra field under its own name.
"""

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from planterm.io.tables import Row


class Role(StrEnum):
    THEME = "theme"
    REF = "ref"
    TEXT = "text"
    LEADS = "leads"
    OWNER = "owner"
    STATUS = "status"
    UPDATE = "update"
    DUE = "due"
    START = "start"
    FIELD = "field"


_EXACT: dict[str, Role] = {
    **dict.fromkeys(
        ("theme", "themes", "section", "priority", "area", "strand", "work stream", "workstream",
         "objective", "outcome"),
        Role.THEME,
    ),
    **dict.fromkeys(("ref", "reference", "no", "number", "#", "id", "item", "rec"), Role.REF),
    **dict.fromkeys(
        ("recommendation", "recommendations", "action", "actions", "deliverable", "deliverables",
         "key deliverable", "key deliverables", "what works", "task", "activity"),
        Role.TEXT,
    ),
    **dict.fromkeys(
        ("lead agencies", "lead agency", "lead", "leads", "responsibility", "responsible",
         "organisation", "organisations", "organization", "lead organisation", "lead partner",
         "lead partners", "partners", "who"),
        Role.LEADS,
    ),
    **dict.fromkeys(("owner", "lead officer", "action owner", "officer"), Role.OWNER),
    **dict.fromkeys(("status", "rag status", "rag", "rating", "rag rating", "progress rating"),
                    Role.STATUS),
    **dict.fromkeys(
        ("due", "due date", "target", "target date", "timescale", "timescales", "deadline",
         "by when", "completion date", "date due"),
        Role.DUE,
    ),
    **dict.fromkeys(("start", "start date", "start after", "starts", "begins"), Role.START),
}  # fmt: skip

_UPDATE = re.compile(
    r"^(?:progress\s+)?update[sd]?\b\s*[:\-–]?\s*(?P<label>.*)$|^(?P<current>current status|"
    r"progress|commentary|comments|progress to date|progress update)$",
    re.IGNORECASE,
)

_CONTAINS: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (Role.TEXT, re.compile(r"\b(?:recommendations?|deliverables?|actions?|what works)\b")),
    (Role.LEADS, re.compile(r"\b(?:lead agenc(?:y|ies)|responsib\w*)\b")),
)

CURRENT_STATUS = "Current status"


def normal_header(text: str) -> str:
    return " ".join(text.replace("*", "").split()).strip(" :.").casefold()


@dataclass(frozen=True)
class Column:
    index: int
    role: Role
    header: str  # as written, or a name given to an unheaded column
    label: str = ""  # for an update column: the period its header names, if any
    unheaded: bool = False  # its role was judged from what it holds


def header_role(text: str) -> tuple[Role, str] | None:
    """The role a header names and, for an update column, the period label in it."""
    normal = normal_header(text)
    if not normal:
        return None
    if normal in _EXACT:
        return _EXACT[normal], ""
    found = _UPDATE.match(" ".join(text.replace("*", "").split()).strip(" :"))
    if found:
        if found["current"]:
            return Role.UPDATE, CURRENT_STATUS if normal == "current status" else ""
        return Role.UPDATE, found["label"].strip()
    for role, words in _CONTAINS:
        if words.search(normal):
            return role, ""
    return None


def is_due_heading(text: str) -> bool:
    """Whether a heading names the due date ("Timescale", "Target date", ...).

    A due cell that is not a date is kept as a field under its heading, so
    this also says which field of an action holds its timescale in words.
    """
    return header_role(text) == (Role.DUE, "")


def find_header(rows: Sequence[Row]) -> int | None:
    """The index of the header row: the first naming the action text and more columns.

    Beside the action column it names one more known column, or heads two more
    of its own ("What works | Evidence based? | Are we doing this?").
    """
    for index, row in enumerate(rows):
        roles = [header_role(cell) for cell in row.cells]
        named = [r[0] for r in roles if r is not None]
        headed = [cell for cell in row.cells if cell.strip()]
        if Role.TEXT in named and (len(named) >= 2 or len(headed) >= 3):
            return index
    return None


def columns_for(header: Row, body: Sequence[Row]) -> list[Column]:
    """The role of every column, unheaded ones judged by what they hold.

    An unheaded column of short numbers is the ref; an unheaded column of
    prose, when there is no update column, is the current status (the JSNA
    appendix heads it only in its title). Later columns with a role taken
    already become fields.
    """
    width = max([len(header.cells), *(len(r.cells) for r in body)], default=0)
    columns: list[Column] = []
    taken: set[Role] = set()
    unheaded: list[int] = []
    for index in range(width):
        text = header.cell(index).strip()
        found = header_role(text)
        if found is None:
            if text:
                columns.append(Column(index, Role.FIELD, " ".join(text.split())))
            else:
                unheaded.append(index)
            continue
        role, label = found
        if role in taken and role is not Role.UPDATE:
            columns.append(Column(index, Role.FIELD, " ".join(text.split())))
            continue
        taken.add(role)
        columns.append(Column(index, role, " ".join(text.split()), label))
    for index in unheaded:
        values = [r.cell(index).strip() for r in body if r.cell(index).strip()]
        if not values:
            continue
        if Role.REF not in taken and all(_looks_like_ref(v) for v in values):
            columns.append(Column(index, Role.REF, "Ref", unheaded=True))
            taken.add(Role.REF)
        elif Role.UPDATE not in taken and sum(len(v) for v in values) / len(values) > 60:
            columns.append(
                Column(index, Role.UPDATE, CURRENT_STATUS, CURRENT_STATUS, unheaded=True)
            )
            taken.add(Role.UPDATE)
        else:
            columns.append(Column(index, Role.FIELD, f"Column {index + 1}", unheaded=True))
    return _unique_field_names(sorted(columns, key=lambda c: c.index))


def _unique_field_names(columns: list[Column]) -> list[Column]:
    """ "Notes", "Notes (2)": two columns with one heading keep both cells."""
    seen: dict[str, int] = {}
    named: list[Column] = []
    for column in columns:
        key = column.header.casefold()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1 and column.role in (Role.FIELD, Role.UPDATE):
            column = dataclasses.replace(column, header=f"{column.header} ({seen[key]})")
        named.append(column)
    return named


_REF = re.compile(r"^[A-Za-z]{0,4}\d+(?:[.\-]\d+)*[a-z]?\.?$")


def _looks_like_ref(value: str) -> bool:
    return bool(_REF.match(value))
