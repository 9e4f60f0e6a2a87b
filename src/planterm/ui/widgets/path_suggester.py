"""Completing a typed path to a folder or a TOML snapshot in it."""

import asyncio
import os
from pathlib import Path

from textual.suggester import Suggester


def complete_toml_path(typed: str) -> str | None:
    """`typed` completed to a .toml file, or else a folder, whose name it starts.

    Of several, the last by name: exports are named by date
    (planterm-<plan>-<date>.toml), so the newest comes first. Hidden entries
    are offered only once a dot is typed. None when nothing fits or the
    folder cannot be read.
    """
    if not typed:
        return None
    path = Path(typed).expanduser()
    folder, start = (path, "") if typed.endswith(os.sep) else (path.parent, path.name)
    try:
        with os.scandir(folder) as entries:
            names = [
                entry.name + (os.sep if entry.is_dir() else "")
                for entry in entries
                if entry.name.startswith(start)
                and entry.name != start
                and (start.startswith(".") or not entry.name.startswith("."))
                and (entry.is_dir() or entry.name.endswith(".toml"))
            ]
    except OSError:
        return None
    files = [name for name in names if not name.endswith(os.sep)]
    if not names:
        return None
    return typed + max(files or names)[len(start) :]


class TomlPathSuggester(Suggester):
    """Suggests `complete_toml_path`, read off the event loop (a folder may be slow)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(complete_toml_path, value)
