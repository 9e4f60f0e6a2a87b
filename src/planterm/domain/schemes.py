"""Status schemes: the keys that action plans use to say where an action stands.

Each plan keeps its own copy of its scheme (plans written years apart use
different keys). The built-in schemes below are the two keys of the documents
planterm was designed from; a new plan starts from one of them.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    """What a status means for the date rules, whatever the plan calls it."""

    DONE = "done"
    ACTIVE = "active"
    AT_RISK = "at-risk"
    NOT_STARTED = "not-started"
    DEFERRED = "deferred"


UNTRIAGED_SYMBOL = "?"
UNTRIAGED_LABEL = "Untriaged"


def means(word: str, names: Iterable[str]) -> bool:
    """Whether a user's `word` names a status: its key, label, symbol or an alias."""
    wanted = word.strip().casefold()
    return any(wanted == name.casefold() for name in names)


@dataclass(frozen=True)
class StatusDef:
    key: str
    label: str
    meaning: str
    symbol: str
    category: Category
    colour: str | None = None
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every word a user may type for this status."""
        return (self.key, self.label, self.symbol, *self.aliases)


@dataclass(frozen=True)
class SchemeDef:
    key: str
    name: str
    statuses: tuple[StatusDef, ...] = field(default_factory=tuple)

    def match(self, word: str) -> StatusDef | None:
        """The status a user means by `word` (key, label, symbol or alias)."""
        return next((s for s in self.statuses if means(word, s.names())), None)

    def keys(self) -> list[str]:
        return [s.key for s in self.statuses]


PCC_2020 = SchemeDef(
    key="pcc-2020",
    name="PCC action plan key (2020)",
    statuses=(
        StatusDef("complete", "Complete", "Action is complete.", "✔", Category.DONE, "#1565c0"),
        StatusDef(
            "on-track",
            "On track",
            "Action has begun and has achieved progress expected at this stage.",
            "▶",
            Category.ACTIVE,
            "#2e7d32",
        ),
        StatusDef(
            "not-started",
            "Not started",
            "Action has not yet started.",
            "○",
            Category.NOT_STARTED,
            "#9e9e9e",
        ),
        StatusDef(
            "sequential",
            "Sequential",
            "Action is sequential and not expected to begin until later in 2021.",
            "»",
            Category.DEFERRED,
            "#8e7cc3",
        ),
    ),
)

RAG = SchemeDef(
    key="rag",
    name="Delivery plan RAG key",
    statuses=(
        StatusDef(
            "green",
            "Green",
            "Achieved or Adequate Progress being Made",
            "G",
            Category.DONE,
            "#2e7d32",
        ),
        StatusDef(
            "amber",
            "Amber",
            "Started but Inadequate Progress or Risk that it won't be achieved",
            "A",
            Category.AT_RISK,
            "#f9a825",
        ),
        StatusDef(
            "red",
            "Red",
            "Unachieved or strong likely that it won't be achieved",
            "R",
            Category.AT_RISK,
            "#c62828",
        ),
        StatusDef(
            "white",
            "White (NS)",
            "Not Started but Planned to take place during later Qrt",
            "W",
            Category.DEFERRED,
            "#e0e0e0",
            ("NS", "White"),
        ),
    ),
)

BUILT_IN: dict[str, SchemeDef] = {s.key: s for s in (PCC_2020, RAG)}
