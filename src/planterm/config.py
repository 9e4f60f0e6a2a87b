"""Settings for one run of planterm: which database, which day, who is acting.

Resolved once from command-line options and environment variables, then
passed down; nothing below reads the environment itself.
"""

import getpass
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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
        return cls(db_url=url, is_default_db=is_default, today=day, author=who)
