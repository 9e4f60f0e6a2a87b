"""One line above the table saying what is shown and which filters hold."""

from rich.text import Text
from textual.widget import Widget

from planterm.display import counted, safe_line


class FilterBar(Widget):
    """One line, always: a new text is a repaint, never a layout (as `Static.update` is)."""

    DEFAULT_CSS = """
    FilterBar { height: 1; padding: 0 1; background: $boost; color: $text-muted; }
    FilterBar.-filtered { color: $text; background: $warning 20%; }
    """

    def show(self, place: str, filters: list[str], shown: int, total: int | None) -> None:
        text = Text(safe_line(place), style="bold")
        if filters:
            text.append("  │  filters: ")
            text.append(" · ".join(safe_line(f) for f in filters))
            text.append("  (esc clears)")
        whole = total is None or total == shown
        count = counted(shown, "action") if whole else f"{shown} of {total}"
        text.append(f"  │  {count}")
        self.set_class(bool(filters), "-filtered")
        self._text = text
        self.refresh()

    _text = Text()

    def render(self) -> Text:
        return self._text
