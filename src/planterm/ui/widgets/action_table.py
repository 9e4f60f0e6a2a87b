"""The actions of the selected plan or theme, or of a search: one row each."""

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import DataTable

from planterm.display import safe_line
from planterm.domain.views import ActionRow
from planterm.ui.format import day, first, status_text

PLAN, REF, STATUS, DUE, UPDATED, LEADS = 16, 5, 13, 10, 10, 24


class ActionTable(DataTable[Text | str]):
    """Ref, status as symbol and word, due, last update, first line of the text, leads.

    The columns fit the table's width: the text takes what is left, and the
    last-update and leads columns appear when there is room for them (the
    detail pane always shows both).
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.rows_shown: list[ActionRow] = []
        self.with_plan = False
        self._layout: tuple[object, ...] | None = None

    def _columns(self) -> list[tuple[str, str, int]]:
        width = self.size.width or 80
        columns = [("Ref", "ref", REF), ("Status", "status", STATUS), ("Due", "due", DUE)]
        if self.with_plan:
            columns.insert(0, ("Plan", "plan", PLAN))
        if width >= 76:
            columns.append(("Updated", "updated", UPDATED))
        leads = width >= 110
        used = sum(c[2] for c in columns) + (LEADS if leads else 0)
        count = len(columns) + 1 + (1 if leads else 0)
        columns.append(("Action", "text", max(20, width - used - 2 * count - 2)))
        if leads:
            columns.append(("Leads", "leads", LEADS))
        return columns

    def show(
        self, rows: list[ActionRow], *, keep: int | None = None, with_plan: bool = False
    ) -> None:
        """Fill the table; the cursor goes back to action `keep` if it is still here.

        `with_plan` adds a Plan column, for lists that cross plans.
        """
        self.with_plan = with_plan or len({r.plan for r in rows}) > 1
        columns = self._columns()
        if tuple(columns) != self._layout:
            self.clear(columns=True)
            for label, key, width in columns:
                self.add_column(label, key=key, width=width)
            self._layout = tuple(columns)
        else:
            self.clear()
        self.rows_shown = rows
        keys = [key for _, key, _ in columns]
        for row in rows:
            cells: dict[str, Text | str] = {
                "plan": Text(safe_line(row.plan)),
                "ref": Text(safe_line(row.ref)),
                "status": status_text(row.status),
                "due": day(row.due),
                "updated": day(row.last_update),
                "text": first(row.text),
                "leads": Text(safe_line(", ".join(row.leads) or (row.owner or ""))),
            }
            self.add_row(*(cells[key] for key in keys), key=str(row.id))
        if keep is not None and any(r.id == keep for r in rows):
            self.move_cursor(row=self.get_row_index(str(keep)))
        elif rows:
            self.move_cursor(row=0)

    def on_resize(self, event: events.Resize) -> None:
        if self._layout is not None and tuple(self._columns()) != self._layout:
            current = self.current
            self.show(
                self.rows_shown, keep=current.id if current else None, with_plan=self.with_plan
            )

    @property
    def current(self) -> ActionRow | None:
        if not self.rows_shown or self.cursor_row < 0 or self.cursor_row >= len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]
