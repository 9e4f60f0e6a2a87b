"""The actions of the selected plan or theme, or of a search: one row each."""

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from planterm.display import safe_line
from planterm.domain.views import ActionRow
from planterm.ui.format import day, first, status_text


class ActionTable(DataTable[Text | str]):
    """Ref, status as symbol and word, due, last update, first line of the text, leads.

    The columns are laid out once per shape (one plan, or several with a Plan
    column); the text column takes the width the table has.
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.rows_shown: list[ActionRow] = []
        self._with_plan: bool | None = None

    def show(self, rows: list[ActionRow], *, keep: int | None = None) -> None:
        """Fill the table; the cursor goes back to action `keep` if it is still here."""
        with_plan = len({r.plan for r in rows}) > 1
        if with_plan != self._with_plan:
            self.clear(columns=True)
            if with_plan:
                self.add_column("Plan", key="plan", width=16)
            fixed = (16 if with_plan else 0) + 5 + 13 + 10 + 10 + 2 * (6 if with_plan else 5)
            self.add_column("Ref", key="ref", width=5)
            self.add_column("Status", key="status", width=13)
            self.add_column("Due", key="due", width=10)
            self.add_column("Updated", key="updated", width=10)
            self.add_column("Action", key="text", width=max(24, self.size.width - fixed - 3))
            self.add_column("Leads", key="leads", width=30)
            self._with_plan = with_plan
        else:
            self.clear()
        self.rows_shown = rows
        for row in rows:
            cells: list[Text | str] = []
            if with_plan:
                cells.append(Text(safe_line(row.plan)))
            cells += [
                Text(safe_line(row.ref)),
                status_text(row.status),
                day(row.due),
                day(row.last_update),
                first(row.text),
                Text(safe_line(", ".join(row.leads) or (row.owner or ""))),
            ]
            self.add_row(*cells, key=str(row.id))
        if keep is not None and any(r.id == keep for r in rows):
            self.move_cursor(row=self.get_row_index(str(keep)))
        elif rows:
            self.move_cursor(row=0)

    @property
    def current(self) -> ActionRow | None:
        if not self.rows_shown or self.cursor_row < 0 or self.cursor_row >= len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]
