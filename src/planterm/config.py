"""Settings for one run of planterm: which database, which day, who is acting.

Resolved once from command-line options and environment variables, then
passed down; nothing below reads the environment itself.
"""

import getpass
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from planterm.domain.utc import in_utc
from planterm.errors import InputError

ENV_DB = "PLANTERM_DB"
ENV_TODAY = "PLANTERM_TODAY"
ENV_AUTHOR = "PLANTERM_AUTHOR"


def default_db_path() -> Path:
    """`planterm.db` in the platform's user data folder."""
    from platformdirs import user_data_path

    return user_data_path("planterm", appauthor=False) / "planterm.db"


def db_url_from(value: str) -> str:
    """Turn a path or an SQLAlchemy URL into a URL."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().absolute()}"


def parse_date(value: str, *, source: str) -> date:
    """A YYYY-MM-DD date a user typed; `source` names where (an option, a field)."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            f"{value!r} is not a date", where=source, hint="write it as YYYY-MM-DD"
        ) from None


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass(frozen=True)
class Settings:
    db_url: str
    is_default_db: bool
    today: date
    author: str
    today_given: bool = False
    """Whether `today` came from --today or PLANTERM_TODAY rather than the clock."""

    @classmethod
    def resolve(
        cls,
        *,
        db: str | None = None,
        today: str | None = None,
        author: str | None = None,
        environ: dict[str, str] | None = None,
    ) -> "Settings":
        env = os.environ if environ is None else environ
        db_value = db or env.get(ENV_DB) or None
        if db_value:
            url, is_default = db_url_from(db_value), False
        else:
            url, is_default = db_url_from(str(default_db_path())), True
        if today:
            day = parse_date(today, source="--today")
        elif env.get(ENV_TODAY):
            day = parse_date(env[ENV_TODAY], source=ENV_TODAY)
        else:
            day = date.today()
        who = author or env.get(ENV_AUTHOR) or os_user()
        given = bool(today or env.get(ENV_TODAY))
        return cls(db_url=url, is_default_db=is_default, today=day, author=who, today_given=given)

    def moment(self, clock: datetime) -> datetime:
        """The time this run stamps on what it writes, when the clock reads `clock` (aware).

        Time is a parameter: a run told another day than the clock's (a
        rehearsal, `--today 2021-04-15`) writes that day at the clock's UTC time
        of day, so its exports, history entries and edits fall on the day
        rehearsed and keep their order. A run on the clock's own date, or with
        no day given, is stamped by the clock itself.
        """
        if not self.today_given or self.today == clock.astimezone().date():
            return clock
        return datetime.combine(self.today, in_utc(clock).timetz())
