"""The planterm app: one factory for `planterm` and for the tests."""

import gc
from typing import ClassVar

from textual import events, work
from textual.app import App
from textual.await_remove import AwaitRemove
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from planterm.display import safe_line
from planterm.errors import PlantermError
from planterm.services.overview import fingerprint
from planterm.ui.backend import Backend
from planterm.ui.commands import PlantermCommands
from planterm.ui.field_text import pasted
from planterm.ui.screens.main import MainScreen

POLL_SECONDS = 2.0


class PlantermApp(App[None]):
    """Plans on the left, actions in the middle, the selected action in full below."""

    TITLE = "planterm"
    COMMANDS: ClassVar = App.COMMANDS | {PlantermCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit_ctrl", show=False),
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            id="app.palette",
            show=False,
            tooltip="Every action by name, and any action of any plan by ref or words",
        ),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding(
            "t",
            "toggle_theme",
            "Light/dark",
            id="app.theme",
            show=False,
            tooltip="Switch between the dark and the light theme",
        ),
    ]

    def __init__(
        self, backend: Backend, *, notices: list[str] | None = None, poll: bool = True
    ) -> None:
        super().__init__()
        self.backend = backend
        self.notices = list(notices or [])
        self.poll = poll
        self._fingerprint: tuple[int, ...] | None = None
        self.theme = "textual-dark"

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event.text = pasted(event.text)  # before any field holds it, and draws it
        await super().on_event(event)

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.backend))
        for notice in self.notices:
            self.notify(safe_line(notice), markup=False, timeout=10)
        if self.backend.read_only:
            self.notify("Read-only: nothing can be changed.", severity="warning", timeout=10)
        if self.poll:
            self.set_interval(POLL_SECONDS, self.check_outside_changes)

    def first_screen_shown(self) -> None:
        """The first screen has its plans and actions on it: now open the store behind it.

        Opening imports SQLAlchemy and SQLModel, half a second of work that holds
        Python's lock: started any earlier (even in its thread), it slowed the
        first screen's own reads and paint.
        """
        self.backend.open_in_background()
        self.settle_memory()

    @work(group="settle")
    async def settle_memory(self) -> None:
        """Once the store is open, set every object alive then aside from the cycle collector.

        Textual, SQLAlchemy and the app leave a few hundred thousand objects that
        live as long as the process. Python's oldest-generation collection walks
        them all, about 100 ms on the event loop, every so often: a keystroke
        that met one took six frames. `gc.freeze` moves them out of its reach;
        what is made afterwards is collected as before. (No collection first: it
        would be that 100 ms pause once more, and the few cycles left from
        starting up are kept rather than freed.)
        """
        try:
            await self.backend.ready()
        except Exception:
            return
        gc.freeze()

    def _prune(self, *nodes: Widget, parent: DOMNode | None = None) -> AwaitRemove:
        """Remove a closed dialog without a layout pass of the screen under it.

        Textual 8 lays out the top screen when a closed dialog's widgets are
        gone: 10-20 ms that landed on the answer to the key that closed it (a
        status set, a search). Nothing under a dialog changes size because it
        closed; the screen that resumes lays itself out if the terminal's size
        changed meanwhile, and runs any layout its widgets asked for while it
        was covered. (An override of `App._prune`: check it on a Textual upgrade.)
        """
        if parent is self and nodes and all(isinstance(node, Screen) for node in nodes):
            parent = None
        return super()._prune(*nodes, parent=parent)

    @property
    def main(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    @work(exclusive=True, group="fingerprint")
    async def remember_fingerprint(self) -> None:
        try:
            self._fingerprint = await self.backend.call(fingerprint, self.backend.store)
        except PlantermError:
            self._fingerprint = None

    @work(exclusive=True, group="fingerprint")
    async def check_outside_changes(self) -> None:
        """Pick up changes made elsewhere (another window, the command line)."""
        try:
            now = await self.backend.call(fingerprint, self.backend.store)
        except PlantermError:
            return
        if self._fingerprint is not None and now != self._fingerprint:
            self._fingerprint = now
            main = self.main
            if main is not None:
                main.refresh_all()
        self._fingerprint = now

    def action_help(self) -> None:
        from planterm.ui.screens.action_editor import ActionEditor
        from planterm.ui.screens.help import HelpScreen
        from planterm.ui.screens.main import CHANGE_KEYS
        from planterm.ui.screens.main_view import FINDING_KEYS
        from planterm.ui.widgets.action_detail import UpdateList
        from planterm.ui.widgets.action_table import ActionTable

        self.push_screen(
            HelpScreen(
                [
                    ("Everywhere", list(self.BINDINGS)),
                    ("Plans and finding", FINDING_KEYS),
                    ("Changing", CHANGE_KEYS),
                    ("The action table", list(ActionTable.BINDINGS)),
                    ("An update in the detail pane", list(UpdateList.BINDINGS)),
                    ("Editing (update, action)", list(ActionEditor.BINDINGS)),
                ]
            )
        )

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
