"""Column types shared by the tables."""

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from planterm.domain.utc import in_utc


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A moment in UTC, aware in Python, whatever the engine keeps.

    SQLite drops time zones, so values are stored as naive UTC and given their
    zone back when read.
    """

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC time is needed")
        return in_utc(value).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else in_utc(value)
