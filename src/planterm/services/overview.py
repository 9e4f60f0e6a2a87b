"""Small reads the app needs: agencies, and a fingerprint of the database."""

from dataclasses import dataclass

from planterm.storage import queries
from planterm.storage.reader import ReadSource


@dataclass(frozen=True)
class AgencyView:
    name: str
    aliases: tuple[str, ...]
    actions: int


def agencies(source: ReadSource) -> list[AgencyView]:
    """Every agency with the number of actions it leads, by name."""
    with source.reading() as db:
        counts = queries.lead_counts(db)
        return sorted(
            (AgencyView(a.name, a.aliases, counts.get(a.id, 0)) for a in queries.agencies(db)),
            key=lambda a: a.name.casefold(),
        )


def fingerprint(source: ReadSource) -> tuple[int, ...]:
    """Changes whenever anyone changes the plans; cheap enough to poll."""
    with source.reading() as db:
        return queries.fingerprint(db)
