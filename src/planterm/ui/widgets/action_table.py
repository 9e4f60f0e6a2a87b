"""The actions of the selected plan or theme, or of a search: one row each.

Only the rows on screen are turned into text (see `WindowTable`), so a list
of every overdue action across all plans opens as fast as one theme's.
"""

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding

from planterm.display import safe_line
from planterm.domain.views import ActionRow
from planterm.services.browsing import ActionPages
from planterm.ui.format import day, first, status_text
from planterm.ui.widgets.window_table import Column, WindowTable

PLAN, REF, STATUS, DUE, UPDATED, LEADS = 16, 5, 13, 10, 10, 24


class ActionTable(WindowTable[ActionRow]):
    """Ref, status as symbol and word, due, last update, first line of the text, leads.

    The columns fit the table's width: the text takes what is left, and the
    last-update and leads columns appear when there is room for them (the
    detail pane always shows both).
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(self.cells, id=id)
        self.with_plan = False

    def _columns(self) -> list[Column]:
        width = self.size.width or 80
        columns = [Column("Ref", "ref", REF), Column("Status", "status", STATUS),
                   Column("Due", "due", DUE)]  # fmt: skip
        if self.with_plan:
            columns.insert(0, Column("Plan", "plan", PLAN))
        if width >= 76:
            columns.append(Column("Updated", "updated", UPDATED))
        leads = width >= 110
        used = sum(c.width for c in columns) + (LEADS if leads else 0)
        count = len(columns) + 1 + (1 if leads else 0)
        columns.append(Column("Action", "text", max(20, width - used - 2 * count - 2)))
        if leads:
            columns.append(Column("Leads", "leads", LEADS))
        return columns

    def show(
        self,
        rows: "list[ActionRow] | ActionPages",
        *,
        keep: int | None = None,
        with_plan: bool = False,
    ) -> None:
        """Fill the table; the cursor goes back to action `keep` if it is still here.

        `with_plan` adds a Plan column, for lists that cross plans. No
        RowHighlighted is posted: the caller loads what the new row needs.
        A list given as `ActionPages` is never read whole here.
        """
        if isinstance(rows, ActionPages):
            crosses = rows.plans > 1
            cursor = rows.position(keep)
        else:
            crosses = len({r.plan for r in rows}) > 1
            cursor = next((i for i, r in enumerate(rows) if r.id == keep), 0)
        self.with_plan = with_plan or crosses
        self.set_rows(rows, self._columns(), cursor=cursor)

    def cells(self, row: ActionRow) -> Sequence[Text | str]:
        values: dict[str, Text | str] = {
            "plan": Text(safe_line(row.plan)),
            "ref": Text(safe_line(row.ref)),
            "status": status_text(row.status),
            "due": day(row.due),
            "updated": day(row.last_update),
            "text": first(row.text),
            "leads": Text(safe_line(", ".join(row.leads) or (row.owner or ""))),
        }
        return [values[column.key] for column in self.columns]

    def on_resize(self) -> None:
        columns = self._columns()
        if self.columns and columns != self.columns:
            self.set_rows(self.rows, columns, cursor=self._cursor)

    @property
    def current(self) -> ActionRow | None:
        return self.rows[self._cursor] if self.rows else None
