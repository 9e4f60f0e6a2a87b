"""The keystrokes bench/ui_child.py times, each `presses` times, on the app's main screen.

Every measure puts the app in place without timing (moving there, opening
a dialog, typing a word), then times one key: the one that makes the app
do the work. Each returns its samples: (first paint, answer shown, whole
answer) in seconds.

- cursor down one row: `down` in the action table (the detail pane follows).
- a filter: `o` (overdue only) on the first plan; `o` again, untimed, drops it.
- a search: `enter` in the search dialog with the word typed; the table then
  holds the matches across every plan. `escape`, untimed, clears it.
- open an action with 50 updates: the cursor onto the action with the most
  updates (bench/generate.py gives action 1 fifty), `down` or `up` from its
  neighbour; the detail pane shows its updates.
- set a status: in the status picker, the digit of a status that needs no
  reason; the table and detail show it, in the frame that closes the picker,
  and the save follows (the commit, then the history and counts re-read).
  The database is changed: the parent gives this process a copy.
"""

from collections.abc import Awaitable, Callable
from typing import Any

Sample = tuple[float, float, float]
"""Seconds from the key to its first paint, to the first paint showing its answer,
and to the last paint of its answer."""

Press = Callable[[Any, str, Callable[[], bool]], Awaitable[Sample]]
Quiet = Callable[[Any, float], Awaitable[None]]

MEASURES = (
    "cursor down one row",
    "a filter (o: overdue)",
    "a search (enter)",
    "open an action with 50 updates",
    "set a status",
)


def _main(pilot: Any) -> Any:
    main = pilot.app.main
    if main is None:
        raise RuntimeError("the main screen is not open")
    return main


def _detail_of(main: Any, action_id: int) -> bool:
    return main.detail is not None and main.detail.row.id == action_id


async def cursor_down(pilot: Any, presses: int, press: Press, quiet: Quiet) -> list[Sample]:
    main = _main(pilot)
    table = main.table
    table.focus()
    table.move_cursor(row=0)
    samples = []
    for _ in range(min(presses, table.row_count - 1)):
        target: int = table.rows[table.cursor_row + 1].id

        def reached(target: int = target) -> bool:
            return _detail_of(main, target)

        samples.append(await press(pilot, "down", reached))
    return samples


async def overdue_filter(pilot: Any, presses: int, press: Press, quiet: Quiet) -> list[Sample]:
    main = _main(pilot)
    samples = []
    for _ in range(presses):
        samples.append(await press(pilot, "o", lambda: "overdue" in main.filters.flags))
        await pilot.press("o")
        await quiet(pilot, 0.0)
    return samples


async def search(
    pilot: Any, presses: int, press: Press, quiet: Quiet, *, word: str
) -> list[Sample]:
    main = _main(pilot)
    samples = []
    for _ in range(presses):
        await pilot.press("slash")
        await quiet(pilot, 0.0)
        await pilot.press(*word)
        await quiet(pilot, 0.0)
        samples.append(await press(pilot, "enter", lambda: main.filters.search == word))
        await pilot.press("escape")
        await quiet(pilot, 0.0)
    if not main.filters.search and not main.table.rows:
        raise RuntimeError("the search found nothing")
    return samples


async def open_busy_action(
    pilot: Any, presses: int, press: Press, quiet: Quiet, *, action_id: int
) -> list[Sample]:
    main = _main(pilot)
    main.jump_to(action_id)
    await quiet(pilot, 0.0)
    table = main.table
    if table.current is None or table.current.id != action_id:
        raise RuntimeError(f"action {action_id} is not in the database")
    away, back = ("up", "down") if table.cursor_row > 0 else ("down", "up")
    samples = []
    for _ in range(presses):
        await pilot.press(away)
        await quiet(pilot, 0.0)
        samples.append(await press(pilot, back, lambda: _detail_of(main, action_id)))
    return samples


async def set_status(pilot: Any, presses: int, press: Press, quiet: Quiet) -> list[Sample]:
    from planterm.ui.screens.status_picker import ASK_REASON, StatusPicker

    main = _main(pilot)
    samples = []
    for _ in range(presses):
        await pilot.press("s")
        await quiet(pilot, 0.0)
        picker = pilot.app.screen
        if not isinstance(picker, StatusPicker):
            raise RuntimeError("s did not open the status picker")
        keys = [
            (str(n), s.key)
            for n, s in enumerate(picker.statuses, start=1)
            if s.category not in ASK_REASON
        ]
        key, status = next((k, s) for k, s in [*keys, ("0", None)] if s != picker.current)
        row_id = main.current.id

        def shown(status: str | None = status, row_id: int = row_id) -> bool:
            current = main.current
            return (
                current is not None
                and current.id == row_id
                and (current.status.key if current.status else None) == status
            )

        samples.append(await press(pilot, key, shown))
    return samples


async def measure_keys(
    pilot: Any, *, word: str, busy_action: int, presses: int, press: Press, quiet: Quiet
) -> dict[str, list[Sample]]:
    """Every measure in MEASURES order, on one app."""
    await quiet(pilot, 0.0)
    return {
        MEASURES[0]: await cursor_down(pilot, presses, press, quiet),
        MEASURES[1]: await overdue_filter(pilot, presses, press, quiet),
        MEASURES[2]: await search(pilot, presses, press, quiet, word=word),
        MEASURES[3]: await open_busy_action(pilot, presses, press, quiet, action_id=busy_action),
        MEASURES[4]: await set_status(pilot, presses, press, quiet),
    }
