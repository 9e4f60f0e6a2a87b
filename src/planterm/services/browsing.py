"""A list of actions for a screen: its order read at once, its rows a page at a time.

A search across every plan can match thousands of actions, and a screen
shows forty. `browse_actions` reads the ids of the matches in order (one
narrow query) and the rows of one page; each further page is read when a
row of it is first looked at. Opening a list then costs about the same for
a hundred matches or a hundred thousand, and so does its memory.

A list with a flag filter (overdue, stale, ...) is read whole, as
`list_actions` reads it: whether a row has a flag is decided in
`domain.rules`, after SQL, and only the whole list says which rows pass.
"""

from collections.abc import Iterator, Sequence
from datetime import date
from typing import overload

from planterm.domain import rules
from planterm.domain.views import ActionRow
from planterm.errors import PlantermError
from planterm.services.listing import ListFilters, chosen_actions, list_actions, to_row
from planterm.storage import queries
from planterm.storage.reader import ReadSource

PAGE = 100
"""Rows read at once: two or three screens of the tallest terminal."""

GONE_TEXT = "(deleted since this list was read: it is reloaded shortly)"
UNREAD_TEXT = "(could not be read: {reason})"


class ActionPages(Sequence[ActionRow]):
    """The rows of a list in order; a page of rows is read the first time one is needed.

    A page is read in a transaction of its own, later than the ids: an action
    deleted in between is shown as a row that says so (the app reloads its
    list when the database changes). Everything else a row shows is as the
    page found it.
    """

    def __init__(
        self,
        source: ReadSource | None,
        order: list[tuple[int, int]],
        *,
        today: date,
    ) -> None:
        """`order` holds each row's action id and plan id, in the list's order."""
        self._source = source
        self._ids = [id_ for id_, _ in order]
        self._plan_ids = [plan_id for _, plan_id in order]
        self._where = {id_: i for i, id_ in enumerate(self._ids)}
        self.plans = len(set(self._plan_ids))
        """How many plans the rows come from."""
        self._today = today
        self._pages: dict[int, list[ActionRow]] = {}
        self.unread: PlantermError | None = None
        """The last error in reading a page, if one failed (its rows say so)."""

    @classmethod
    def whole(cls, rows: list[ActionRow]) -> "ActionPages":
        """Rows already read, all of them (a list narrowed by flags)."""
        plan_ids: dict[str, int] = {}
        order = [(r.id, plan_ids.setdefault(r.plan, len(plan_ids))) for r in rows]
        pages = cls(None, order, today=date.min)
        for start in range(0, len(rows), PAGE):
            pages._pages[start // PAGE] = rows[start : start + PAGE]
        return pages

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> ActionRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ActionRow]: ...
    def __getitem__(self, index: int | slice) -> ActionRow | Sequence[ActionRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._ids)
        if not 0 <= index < len(self._ids):
            raise IndexError(index)
        number, at = divmod(index, PAGE)
        page = self._pages.get(number)
        if page is None:
            try:
                page = self._pages[number] = self._read(number)
            except PlantermError as exc:
                # Drawn where it failed, and read again when next looked at: a page
                # is read while the screen is painted, where an error has no one to go to.
                self.unread = exc
                return _gone(self._ids[index], UNREAD_TEXT.format(reason=exc.message))
        return page[at]

    def __setitem__(self, index: int, row: ActionRow) -> None:
        """Put `row` in place of a row already read (a row not yet read is read when shown)."""
        page = self._pages.get(index // PAGE)
        if page is not None:
            page[index % PAGE] = row

    def __iter__(self) -> Iterator[ActionRow]:
        for i in range(len(self._ids)):
            yield self[i]

    def index_of(self, action_id: int) -> int | None:
        """Where action `action_id` is in the list, without reading any row."""
        return self._where.get(action_id)

    def id_at(self, index: int) -> int:
        """The action id of row `index`, without reading its page."""
        return self._ids[index]

    def position(self, action_id: int | None) -> int:
        """Where the cursor goes to stay on `action_id`: its row, or the first."""
        found = self._where.get(action_id) if action_id is not None else None
        return found or 0

    def load(self, index: int) -> None:
        """Read the page holding row `index` now (in a worker, before a screen shows it)."""
        if 0 <= index < len(self._ids):
            self[index]

    def _read(self, number: int) -> list[ActionRow]:
        ids = self._ids[number * PAGE : (number + 1) * PAGE]
        plan_ids = set(self._plan_ids[number * PAGE : (number + 1) * PAGE])
        if self._source is None:
            raise AssertionError("a list read whole has every page")
        quarter = rules.Quarter.containing(self._today)
        with self._source.reading() as db:
            records = queries.action_rows(
                db, queries.ActionFilter(action_ids=ids), quarter=(quarter.start, quarter.end)
            )
            leads = queries.leads_by_action(db, action_ids=ids)
            statuses = queries.status_views(db, plan_ids)
        found = {r.id: to_row(r, statuses, leads.get(r.id, []), self._today) for r in records}
        return [found.get(id_) or _gone(id_) for id_ in ids]


def browse_actions(
    source: ReadSource,
    filters: ListFilters,
    *,
    today: date,
    around: int | None = None,
    paged: bool = True,
) -> ActionPages:
    """The actions that pass every filter, in plan order, as `list_actions` gives them.

    The page holding action `around` (or the first page) is read before this
    returns. `paged=False` reads every row now: for a caller that would read
    the later pages where a wait is not welcome (a screen on a database
    across a network).
    """
    if filters.flags or not paged:
        return ActionPages.whole(list_actions(source, filters, today=today))
    with source.reading() as db:
        chosen, _ = chosen_actions(db, filters, today=today)
        order = queries.action_order(db, chosen)
    pages = ActionPages(source, order, today=today)
    pages.load(pages.position(around))
    return pages


def _gone(action_id: int, text: str = GONE_TEXT) -> ActionRow:
    return ActionRow(
        id=action_id, plan="", theme="", ref="", text=text, leads=(), owner=None,
        status=None, due=None, start_after=None, last_update=None, update_count=0, flags=(),
    )  # fmt: skip
