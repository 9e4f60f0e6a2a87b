"""The command palette: every action of the app, and a jump to any action by ref or words."""

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from planterm.display import first_line, safe_line
from planterm.domain.views import ActionRow
from planterm.errors import PlantermError
from planterm.services.listing import ListFilters, list_actions

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Set status", "Choose the status of the selected action (s)", "status"),
    ("Add update", "Write this quarter's update for the selected action (u)", "update"),
    ("Edit action", "Text, leads, owner, dates, fields (e)", "edit"),
    ("New action", "Add an action to the selected plan (n)", "new_action"),
    ("Delete action", "Delete the selected action; ctrl+z brings it back (d)", "delete"),
    ("New theme", "Add a theme to the selected plan", "new_theme"),
    ("New plan", "Start a plan with a built-in status key", "new_plan"),
    ("Search", "Full text across every plan (/)", "search"),
    (
        "Filters",
        "Overdue, sequential, due to start, stale, untriaged, status, agency (f)",
        "filters",
    ),
    ("Overdue", "Show only what is overdue (o)", "toggle_flag('overdue')"),
    (
        "Sequential",
        "Show only deferred actions, or those not to start yet",
        "toggle_flag('sequential')",
    ),
    ("Due to start", "Show only actions whose start date has come", "toggle_flag('due-to-start')"),
    ("Stale", "Show only actions with no update this quarter", "toggle_flag('stale')"),
    ("Untriaged", "Show only actions with no status", "toggle_flag('untriaged')"),
    ("Clear filters", "Show everything again (esc)", "clear_filters"),
    ("Meeting view", "The plan as its delivery report opens, exceptions first (m)", "meeting"),
    ("Agency view", "One agency's actions across all plans (a)", "agencies"),
    ("Export", "Write a TOML snapshot to send round (x)", "export"),
    ("Undo", "Reverse the last change of this session (ctrl+z)", "undo"),
)


class PlantermCommands(Provider):
    """Actions of the main screen, then actions of the plans by ref or words."""

    async def startup(self) -> None:
        backend = self.app.backend  # type: ignore[attr-defined]
        try:
            self.rows: list[ActionRow] = await backend.call(
                list_actions, backend.store, ListFilters(), today=backend.today
            )
        except PlantermError:
            self.rows = []

    def _run(self, action: str) -> None:
        from planterm.ui.screens.main import MainScreen

        screen = self.app.screen
        if isinstance(screen, MainScreen):
            self.app.call_later(screen.run_action, action)

    def _jump(self, action_id: int) -> None:
        from planterm.ui.screens.main import MainScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, MainScreen):
                screen.jump_to(action_id)

    def _commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        from planterm.ui.screens.main import MainScreen
        from planterm.ui.screens.main_view import CHANGES, FILES

        screen = self.screen  # the screen under the palette (the app's is the palette)
        found: list[tuple[str, str, Callable[[], None]]] = []
        for name, help_text, action in COMMANDS:
            if isinstance(screen, MainScreen):
                method = action.split("(")[0]
                args = tuple(a.strip("'") for a in action[len(method) + 1 : -1].split(",") if a)
                if method in CHANGES and screen.backend.read_only:
                    # offered, so that looking for it explains why it does nothing
                    refused = f"Not while the plans are open read-only: {help_text}"
                    found.append((name, refused, partial(screen.refuse_read_only, name)))
                    continue
                if method in FILES and not screen.backend.files:
                    refused = f"Not in the browser view: {help_text}"
                    found.append((name, refused, partial(screen.refuse_files, name)))
                    continue
                if not screen.check_action(method, args):
                    continue
            found.append((name, help_text, partial(self._run, action)))
        return found

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Text(name), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
        words = query.casefold().split()
        if not words:
            return
        for row in self.rows:
            label = f"{row.plan} {row.ref}  {first_line(row.text)}"
            score = word_score(words, label, row.ref)
            if score > 0:
                yield Hit(
                    score,
                    Text(safe_line(label[:100])),
                    partial(self._jump, row.id),
                    # a str help is parsed as markup: a theme named "[link=...]" would crash
                    help=Content(safe_line(f"Go to {row.plan} ref {row.ref} ({row.theme})")),  # type: ignore[arg-type]
                )


def word_score(words: list[str], label: str, ref: str) -> float:
    """How well an action matches the words typed: every word must appear.

    A plain substring test rather than the palette's fuzzy matcher, which is
    slow on long texts; typing a ref alone puts that ref first.
    """
    if len(words) == 1 and words[0] == ref.casefold():
        return 1.0
    text = label.casefold()
    if not all(word in text for word in words):
        return 0.0
    return 0.5 + 0.4 * sum(len(w) for w in words) / max(len(text), 1)
