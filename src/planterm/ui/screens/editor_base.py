"""What every editing modal shares: save with ctrl+s, never lose typing.

A modal calls its `save` function itself and closes only when the save
worked; on an error the message shows inside the modal and every field
keeps what was typed. Leaving with unsaved changes asks first.
"""

from abc import abstractmethod
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from planterm.display import safe_line
from planterm.errors import ConflictError, PlantermError

Draft = TypeVar("Draft")


class EditorModal(ModalScreen[bool], Generic[Draft]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="editor.save", priority=True),
        Binding("escape", "leave", "Cancel", id="editor.cancel"),
    ]

    DEFAULT_CSS = """
    EditorModal { align: center middle; }
    EditorModal > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    EditorModal .title { text-style: bold; }
    EditorModal .hint { color: $text-muted; }
    EditorModal #error { color: $error; height: auto; }
    EditorModal Input { margin-bottom: 0; }
    EditorModal .row { height: auto; }
    EditorModal .row > Vertical { height: auto; width: 1fr; }
    """

    def __init__(self, save: Callable[[Draft, bool], Awaitable[Any]]) -> None:
        super().__init__()
        self._save = save
        self._saving = False

    @abstractmethod
    def draft(self) -> Draft:
        """The values typed so far; raise PlantermError for one that cannot be read."""

    @abstractmethod
    def changed(self) -> bool:
        """Whether anything differs from what the modal opened with."""

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(Text(safe_line(message)))

    def action_save(self) -> None:
        if not self._saving:
            self._save_now()

    @work(exclusive=True, group="save")
    async def _save_now(self) -> None:
        """Save; on a conflict show the other change and ask; keep the text on any error."""
        from planterm.ui.screens.dialogs import Confirm

        self._saving = True
        try:
            draft = self.draft()
            try:
                await self._save(draft, False)
            except ConflictError as exc:
                question = f"{exc.message}. Save yours over it?"
                if not await self.app.push_screen_wait(
                    Confirm(question, yes="Save mine", no="Keep editing")
                ):
                    self.show_error(str(exc))
                    return
                await self._save(draft, True)
        except PlantermError as exc:
            self.show_error(str(exc))
            return
        finally:
            self._saving = False
        self.dismiss(True)

    def action_leave(self) -> None:
        if not self.changed():
            self.dismiss(False)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        from planterm.ui.screens.dialogs import Confirm

        self.app.push_screen(
            Confirm(
                "Leave without saving? What you typed will be lost.",
                yes="Discard",
                no="Keep editing",
            ),
            answer,
        )
