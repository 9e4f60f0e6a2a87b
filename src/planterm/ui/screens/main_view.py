"""Browsing and finding: plans and themes, their actions, the selected action in full.

Loading runs in workers (`Backend.call`), so the screen stays responsive.
`MainScreen` (main.py) adds the changes a user makes.
"""

from collections.abc import Callable
from dataclasses import replace

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Tree

from planterm.display import safe_line
from planterm.domain.rules import Flag
from planterm.domain.views import ActionDetail, ActionRow, PlanSummary, StatusView, status_words
from planterm.errors import PlantermError
from planterm.services.browsing import ActionPages, browse_actions
from planterm.services.detail import detail_by_id
from planterm.services.listing import ListFilters
from planterm.services.summary import plan_summaries
from planterm.ui.backend import Backend
from planterm.ui.format import no_files
from planterm.ui.screens.filter_menu import FilterChoices, FilterMenu, Filters
from planterm.ui.widgets.action_detail import ActionDetailPane
from planterm.ui.widgets.action_table import ActionTable
from planterm.ui.widgets.filter_bar import FilterBar
from planterm.ui.widgets.key_footer import KeyFooter
from planterm.ui.widgets.plan_tree import Place, PlanTree

Shown = ActionDetail | PlantermError | None
"""The action the cursor lands on after a reload, or why it could not be read."""

NEEDS_ACTION = {"status", "update", "edit", "delete"}
CHANGES = NEEDS_ACTION | {"new_action", "undo", "new_theme", "new_plan"}
"""Actions that change the database: greyed out, and refused with a message, under --read-only."""
FILES = {"export", "report"}
"""Actions that write a file the user names: greyed out, and refused, in a browser tab."""


FINDING_KEYS: list[BindingType] = [
    Binding("slash", "search", "Search", id="find.search",
            tooltip="Search every plan's actions and updates; the table shows the matches"),
    Binding("o", "toggle_flag('overdue')", "Overdue", id="filter.overdue",
            tooltip="Show only actions due before today and not done (press again to drop)"),
    Binding("f", "filters", "Filters", id="filter.menu",
            tooltip="Sequential, due to start, stale, untriaged, by status, by agency"),
    Binding("escape", "clear_filters", "Clear filters", id="filter.clear", show=False,
            tooltip="Drop every filter and the search"),
    Binding("m", "meeting", "Meeting", id="view.meeting",
            tooltip="The plan as its delivery report opens: shares per theme, exceptions"),
    Binding("a", "agencies", "Agencies", id="view.agency",
            tooltip="One agency's actions across all plans: who owes what"),
]  # fmt: skip


class PlanView(Screen[None]):
    """Finding and reading; its keys are declared with the changes' in `MainScreen`."""

    DEFAULT_CSS = """
    PlanView #body { height: 1fr; }
    PlanView #right { width: 1fr; }
    /* Its scroll bar always drawn: one that came or went with a filter cost a layout pass. */
    PlanView ActionTable { height: 1fr; overflow-y: scroll; }
    PlanView ActionDetailPane { height: 1fr; border-top: solid $primary; }
    PlanView.-narrow PlanTree { width: 26; min-width: 18; }
    PlanView.-tiny PlanTree { display: none; }
    """

    def __init__(self, backend: Backend) -> None:
        super().__init__()
        self.backend = backend
        self.place: Place | None = None
        self.filters = Filters()
        self.summaries: list[PlanSummary] = []
        self.detail: ActionDetail | None = None
        self._keys_shown: tuple[bool, ...] | None = None
        self._first_shown = False

    def compose(self) -> ComposeResult:
        yield FilterBar()
        with Horizontal(id="body"):
            yield PlanTree(id="tree")
            with Vertical(id="right"):
                yield ActionTable(id="actions")
                yield ActionDetailPane(id="detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ActionTable).focus()
        self.refresh_all()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")
        self.set_class(self.size.width < 60, "-tiny")

    # ----------------------------------------------------------------- loading

    @property
    def table(self) -> ActionTable:
        return self.query_one(ActionTable)

    @property
    def current(self) -> ActionRow | None:
        return self.table.current

    def fail(self, exc: PlantermError) -> None:
        self.notify(safe_line(str(exc)), severity="error", markup=False, timeout=8)

    def refuse_read_only(self, what: str) -> None:
        """Say why a change (`what`: "Status", "New plan") does nothing under --read-only."""
        how = (
            "open planterm without --read-only to change them"
            if self.backend.files
            else "this browser view was started without --allow-edit"
        )
        self.notify(
            f"{what}: the plans are open read-only, so nothing can be changed ({how}).",
            severity="warning",
            markup=False,
        )

    def refuse_files(self, what: str) -> None:
        """Say why `what` ("Export") does nothing in a browser tab."""
        self.notify(no_files(what), severity="warning", markup=False)

    def on_key(self, event: events.Key) -> None:
        """Under --read-only, a change's key (greyed out, so no binding runs) says why;
        in a browser tab, so does a key that writes a file."""
        if not self.backend.read_only and self.backend.files:
            return
        active = self.app.active_bindings.get(event.key)
        if active is None:
            return
        action = active.binding.action.split("(")[0]
        if action in CHANGES and self.backend.read_only:
            event.stop()
            event.prevent_default()
            self.refuse_read_only(active.binding.description)
        elif action in FILES and not self.backend.files:
            event.stop()
            event.prevent_default()
            self.refuse_files(active.binding.description)

    @work(exclusive=True, group="load")
    async def refresh_all(self, keep: int | None = None, *, plan: str | None = None) -> None:
        """Reload the tree, the table and the detail, keeping the selection.

        `plan` says only that plan changed: its counts alone are read again,
        and its branch of the tree relabelled, not rebuilt.
        """
        if keep is None and self.current is not None:
            keep = self.current.id
        known = [s.key for s in self.summaries]
        if plan is not None and plan in known:
            # The fingerprint is not taken here: it would mark as seen what others changed
            # in other plans meanwhile. The next check finds our change and reloads all.
            await self._reload_plan(plan, known.index(plan), keep)
            return
        else:
            try:
                found = await self.backend.call(plan_summaries, self.backend.store)
            except PlantermError as exc:
                self.fail(exc)
                return
            self._show_summaries(found)
            await self._load_rows(keep)
        self.app.remember_fingerprint()  # type: ignore[attr-defined]

    def _show_summaries(self, found: list[PlanSummary]) -> None:
        """Every plan's counts: the plans whose counts changed are relabelled, and the
        tree rebuilt only when plans or themes came or went."""
        before = {s.key: s for s in self.summaries}
        self.summaries = found
        if self.place is None and found:
            self.place = Place(found[0].key)
        tree = self.query_one(PlanTree)
        if [s.key for s in found] != list(before) or not all(
            tree.update_plan(s) for s in found if s != before[s.key]
        ):
            tree.show(found, selected=self.place)

    async def _reload_plan(self, plan: str, at: int, keep: int | None) -> None:
        """One plan's counts, the rows and the detail, read in one trip to a thread and
        shown in one frame: what a status set or an update changes."""
        store, read = self.backend.store, self._rows_reader(keep)

        def counts_rows_and_detail() -> tuple[
            PlanSummary, ActionPages, ActionDetail | PlantermError | None
        ]:
            (summary,) = plan_summaries(store, plan)
            return (summary, *read())

        try:
            summary, rows, detail = await self.backend.call(counts_rows_and_detail)
        except PlantermError as exc:
            self.fail(exc)
            return
        self.summaries[at] = summary
        if not self.query_one(PlanTree).update_plan(summary):
            self.query_one(PlanTree).show(self.summaries, selected=self.place)
        await self._show_rows(rows, detail, keep)

    def list_filters(self) -> ListFilters:
        searching = bool(self.filters.search)
        place = self.place
        return ListFilters(
            plan=None if searching or place is None else place.plan,
            theme=None if searching or place is None else place.theme,
            status=self.filters.status,
            agency=self.filters.agency,
            search=self.filters.search,
            flags=self.filters.flags,
        )

    def _rows_reader(self, keep: int | None) -> Callable[[], tuple[ActionPages, Shown]]:
        """What reads the rows, and the action the cursor will be on, in a thread."""
        store, filters, today = self.backend.store, self.list_filters(), self.backend.today

        paged = self.backend.reads_locally

        def rows_and_detail() -> tuple[ActionPages, Shown]:
            rows = browse_actions(store, filters, today=today, around=keep, paged=paged)
            if not rows:
                return rows, None
            try:
                return rows, detail_by_id(store, rows.id_at(rows.position(keep)), today=today)
            except PlantermError as exc:
                return rows, exc

        return rows_and_detail

    async def _load_rows(self, keep: int | None) -> None:
        """The rows, and the action the cursor will be on, read in one trip to a thread:
        the table and the detail pane are then painted in the same frame."""
        rows: ActionPages | list[ActionRow]
        detail: Shown
        read = self._rows_reader(keep)
        try:
            if self.backend.reads_locally and not self.filters.search:
                rows, detail = read()  # one plan's list: a few ms (see Backend.reads_locally)
            else:
                rows, detail = await self.backend.call(read)
        except PlantermError as exc:
            self.fail(exc)
            rows, detail = [], None
        await self._show_rows(rows, detail, keep)

    async def _show_rows(
        self,
        rows: "ActionPages | list[ActionRow]",
        detail: Shown,
        keep: int | None,
    ) -> None:
        table = self.table
        with table.prevent(ActionTable.RowHighlighted):
            table.show(rows, keep=keep, with_plan=self.list_filters().plan is None)
        if not self._first_shown:  # the first screen is up once this frame is painted
            self._first_shown = True
            self.call_after_refresh(self.app.first_screen_shown)  # type: ignore[attr-defined]
        self._show_bar(len(rows))
        current = self.current
        if isinstance(detail, ActionDetail) and current and detail.row.id == current.id:
            self.detail = detail
            self.query_one(ActionDetailPane).show(detail)
        elif isinstance(detail, PlantermError):
            self.fail(detail)
        else:
            await self._load_detail()
        self.refresh_keys()

    def _show_bar(self, shown: int) -> None:
        total = None
        if self.filters.search:
            where = "All plans"
        elif self.place is None:
            where = "No plans yet: ctrl+p, New plan"
        else:
            where = self.place.plan + (f" › {self.place.theme}" if self.place.theme else "")
            for summary in self.summaries:
                if summary.key == self.place.plan:
                    themes = [t for t in summary.themes if t.name == self.place.theme]
                    total = themes[0].total if themes else summary.total
        self.query_one(FilterBar).show(where, self.filters.describe(), shown, total)

    def show_status_now(self, row: ActionRow, status: StatusView | None) -> None:
        """Show `row` at `status` at once, before it is saved: in the frame that closes
        the status picker. The save then re-reads what was stored (its history, the
        counts, the flags) and shows that, which puts the old status back if it failed."""
        if self.current is None or self.current.id != row.id:
            return
        shown = row._replace(status=status)
        self.table.set_row(self.table.cursor_row, shown)
        if self.detail is not None and self.detail.row.id == row.id:
            self.detail = replace(self.detail, row=shown)
            self.query_one(ActionDetailPane).show(self.detail)

    async def _load_detail(self) -> None:
        row = self.current
        pane = self.query_one(ActionDetailPane)
        if row is None:
            self.detail = None
            pane.show(None)
            return
        try:
            self.detail = await self.backend.call(
                detail_by_id, self.backend.store, row.id, today=self.backend.today
            )
        except PlantermError as exc:
            self.fail(exc)
            return
        pane.show(self.detail)
        self.refresh_keys()

    @work(exclusive=True, group="load")
    async def reload_rows(self, keep: int | None = None) -> None:
        await self._load_rows(keep)

    @work(exclusive=True, group="detail")
    async def reload_detail(self) -> None:
        await self._load_detail()

    @on(Tree.NodeHighlighted, "#tree")
    def _place_chosen(self, event: Tree.NodeHighlighted[Place]) -> None:
        place = event.node.data
        if place is not None and place != self.place:
            self.place = place
            if self.filters.search:
                self.filters = replace(self.filters, search=None)
            self.reload_rows()

    @on(Tree.NodeSelected, "#tree")
    def _place_entered(self, event: Tree.NodeSelected[Place]) -> None:
        """Enter on a plan opens its themes; enter on a theme goes to its actions."""
        if event.node.data is not None and event.node.data.theme is not None:
            self.table.focus()

    @on(ActionTable.RowHighlighted, "#actions")
    def _row_moved(self) -> None:
        rows = self.table.rows
        if isinstance(rows, ActionPages) and rows.unread is not None:
            self.fail(rows.unread)  # a page the table drew could not be read
            rows.unread = None
        row = self.current
        if row is not None and self.backend.reads_locally:
            try:
                self.detail = detail_by_id(self.backend.store, row.id, today=self.backend.today)
            except PlantermError as exc:
                self.fail(exc)
                return
            self.query_one(ActionDetailPane).show(self.detail)
            self.refresh_keys()
            return
        self.reload_detail()

    @on(ActionTable.RowSelected, "#actions")
    def _row_entered(self) -> None:
        self.query_one("#detail #updates").focus()

    @work(exclusive=True, group="load")
    async def jump_to(self, action_id: int) -> None:
        """Show one action: its plan, no filters, the cursor on it."""
        try:
            detail = await self.backend.call(
                detail_by_id, self.backend.store, action_id, today=self.backend.today
            )
        except PlantermError as exc:
            self.fail(exc)
            return
        self.place = Place(detail.row.plan)
        self.filters = Filters()
        self.query_one(PlanTree).show(self.summaries, selected=self.place)
        await self._load_rows(action_id)
        self.table.focus()

    # ----------------------------------------------------------------- finding

    def action_search(self) -> None:
        from planterm.ui.screens.dialogs import Ask

        def searched(words: str | None) -> None:
            if words is None:
                return
            self.filters = replace(self.filters, search=words.strip() or None)
            self.reload_rows()
            self.table.focus()

        self.app.push_screen(
            Ask(
                "Search every plan (actions and updates)",
                value=self.filters.search or "",
                placeholder="words, e.g. Claire's law",
            ),
            searched,
        )

    def action_toggle_flag(self, flag: str) -> None:
        self.filters = self.filters.toggled(flag)
        self.reload_rows()

    async def action_filters(self) -> None:
        from planterm.services.overview import agencies

        statuses: dict[str, str] = {}
        for summary in self.summaries:
            if self.place is None or summary.key == self.place.plan or self.filters.search:
                for status in summary.statuses:
                    statuses.setdefault(status.key, status_words(status))
        statuses["untriaged"] = status_words(None)
        try:
            known = await self.backend.call(agencies, self.backend.store)
        except PlantermError as exc:
            self.fail(exc)
            return
        choices = FilterChoices(
            statuses=[(label, key) for key, label in statuses.items()],
            agencies=[a.name for a in known if a.actions],
        )

        def chosen(filters: Filters | None) -> None:
            if filters is not None:
                self.filters = filters
                self.reload_rows()

        self.app.push_screen(FilterMenu(self.filters, choices), chosen)

    def action_clear_filters(self) -> None:
        self.filters = Filters()
        self.reload_rows()

    # ------------------------------------------------------------------ views

    @property
    def chosen_plan(self) -> str | None:
        """The plan of the selected action, else of the selected place in the tree."""
        if self.current:
            return self.current.plan
        return self.place.plan if self.place else None

    async def action_meeting(self) -> None:
        await self.backend.ready()
        from planterm.services.meeting import meeting_report
        from planterm.ui.screens.meeting import MeetingScreen

        plan = self.chosen_plan
        if plan is None:
            return
        try:
            report = await self.backend.call(
                meeting_report, self.backend.store, plan, today=self.backend.today
            )
        except PlantermError as exc:
            self.fail(exc)
            return
        self.app.push_screen(MeetingScreen(report), self._jump_back)

    async def action_agencies(self) -> None:
        from planterm.services.overview import agencies
        from planterm.ui.screens.agency import AgencyScreen

        try:
            known = await self.backend.call(agencies, self.backend.store)
        except PlantermError as exc:
            self.fail(exc)
            return
        self.app.push_screen(AgencyScreen(known), self._jump_back)

    def _jump_back(self, action_id: int | None) -> None:
        if action_id is not None:
            self.jump_to(action_id)

    # ------------------------------------------------------------ key states

    def _key_state(self) -> tuple[bool, ...]:
        """Everything `check_action` depends on that the Footer shows.

        Not whether a filter holds: it decides only escape (clear filters),
        which the Footer does not show, and `check_action` is asked afresh
        at each key.
        """
        undo_log = self.backend.can_undo
        return (self.backend.read_only, self.current is None, self.place is None, undo_log)

    def refresh_keys(self) -> None:
        """Grey out or bring back keys, only when what decides them changed.

        Each refresh_bindings rebuilds the Footer's widgets and lays the
        screen out again (tens of ms): too dear for every cursor move.
        """
        state = self._key_state()
        if state != self._keys_shown:
            self._keys_shown = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CHANGES and self.backend.read_only:
            return None
        if action in FILES and not self.backend.files:
            return None
        if action in NEEDS_ACTION and self.current is None:
            return None
        if action == "new_action" and self.place is None:
            return None
        if action == "undo" and not self.backend.can_undo:
            return None
        if action == "clear_filters" and not self.filters:
            return None
        return not (action == "toggle_flag" and parameters and parameters[0] not in Flag.ALL)
